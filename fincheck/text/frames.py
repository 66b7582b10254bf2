"""Text facts, engine instances and links from mentions and claims."""

from __future__ import annotations

import pandas as pd

from ..catalogue import emitted
from ..contract import make_instances, make_links
from ..labels import canonical_item
from ..model import Location, facts_from_rows
from ..model.location import Locator, text_locator
from .checks import make_claims
from .claims import Claim, Role, build_items, classify
from .mentions import Mention, find_mentions
from .normalise import Normalised
from .precision import decimals
from .segment import split_sentences

_ROLE = {
    "amount": ("amount", "金额"),
    "from": ("amount", "金额"),
    "to": ("amount", "金额"),
    "prev": ("amount", "上年数"),
    "share": ("share", "占比"),
    "growth": ("growth", "增长率"),
    "cagr": ("growth", "年均增长率"),
    "rate": ("rate", "执行率"),
    "change": ("change", "增减额"),
    "points": ("change", "百分点"),
}


def location(norm: Normalised, start: int, end: int, locate: Locator = text_locator) -> Location:
    a, b = norm.span(start, end)
    return locate(norm.line_of(a), a, b, norm.original[a:b])


def mention_facts(
    name: str,
    norm: Normalised,
    mentions: list[Mention],
    roles: list[Role],
    labels: list[str],
    items: dict[int, str] | None = None,
    locate: Locator = text_locator,
    decimals: dict[int, int] | None = None,
):
    """One fact per mention. ``items``: mention id → the item name of an amount (the key a
    table of the same report is matched on); other facts take their item from the label."""
    items = items or {}
    decimals = decimals or {}
    rows = []
    for i, (m, r) in enumerate(zip(mentions, roles, strict=True)):
        role, column = _ROLE.get(r.role, ("rate", "百分比") if m.kind == "percent" else ("amount", "金额"))
        if m.kind == "count" and role == "amount":
            role, column = "count", "数量"
        if m.kind == "points":
            role, column = "change", "百分点"
        if m.kind == "score":
            role, column = "score", "得分"
        if m.kind == "multiple":
            role, column = "count", "倍数"
        loc = location(norm, m.start, m.end, locate)
        label = labels[i]
        rows.append(
            {
                "report": name,
                "table": "text",
                "table_type": "text",
                "row": i + 1,
                "parent": -1,
                "partial": False,
                "item": canonical_item(items[i]) if i in items else (canonical_item(label) if label else ""),
                "label": label,
                "code": "",
                "column": column,
                "role": role,
                "value": m.value,
                "decimals": decimals.get(i, m.decimals),
                "unit": m.unit,
                "scale": m.scale,
                "base": "",
                "of": "",
                "location": loc,
            }
        )
    return facts_from_rows(rows)


def claim_frames(name: str, claims: list[Claim]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Instances and links of the claims; fact ids are mention ids (positions in the text's
    facts frame, :func:`mention_facts`)."""

    def col(attr: str) -> list:
        return [getattr(c, attr) for c in claims]

    inst = make_instances(
        emitted("text-claims", col("rule")),
        report=name,
        table="text",
        anchor=col("anchor"),
        stated_fact=col("stated"),
        stated_value=col("stated_value"),
        stated_decimals=col("stated_decimals"),
        unit=col("unit"),
        op=col("op"),
        form=col("form"),
        factor=col("factor"),
        offset=col("offset"),
        power=col("power"),
        sign=col("sign"),
        absolute=col("absolute"),
        label=col("label"),
        column=col("column"),
        note=col("note"),
        status=col("status"),
    )
    terms = [
        (k, f, role, coef)
        for k, c in enumerate(claims)
        for role, side in (("num", c.num), ("den", c.den), ("rate", c.rebase))
        for f, coef in side
    ]
    check, fact, role, coef = zip(*terms, strict=True) if terms else ((), (), (), ())
    return inst, make_links(list(check), list(fact), list(role), list(coef))


def _document_claims(
    text, mentions, sentences, st, labels, claims: list[Claim], decimals: dict[int, int]
) -> list[Claim]:
    """The claims read from the document model (:mod:`fincheck.text.readings`); a reading
    replaces a skipped claim on the same figure, and never duplicates a checked one."""
    from .agreement import rate_agreement_claims
    from .averages import average_claims, listed_mean_claims
    from .balances import balance_claims
    from .comparable import comparable_claims
    from .contributions import contribution_claims
    from .document import build
    from .exact_fit import exact_fit_claims
    from .inline_bases import inline_base_claims
    from .levels import level_growth_claims
    from .multiples import from_to_change_claims, multiple_claims, previous_ratio_claims
    from .named_bases import named_base_readings, named_share_readings
    from .named_gaps import named_gap_claims
    from .part_breakdowns import part_breakdown_claims
    from .ratios import ratio_claims
    from .readings import (
        change_readings,
        count_readings,
        difference_readings,
        gate,
        identity_readings,
        no_change_readings,
    )
    from .rollups import rollup_claims
    from .scores import score_cap_claims
    from .totals_after import counted_total_claims, total_after_claims

    doc = build(text, mentions, sentences, st, labels)
    named_base_readings(doc, claims)  # a base named as an earlier sentence's subject
    checked = {c.stated for c in claims if c.status != "skip"}
    new = change_readings(doc, checked, decimals)
    new += difference_readings(doc, claims, decimals)
    new += count_readings(doc, checked | {c.stated for c in claims})
    identities = identity_readings(doc, checked)
    new += identities
    new += rate_agreement_claims(claims + identities, st, text, mentions, decimals)
    new += no_change_readings(doc, decimals)
    new += comparable_claims(text, mentions, st.roles, claims + new)
    new += named_share_readings(doc, {c.stated for c in claims + new if c.status != "skip"})
    sums = {c.stated for c in claims + new if c.rule in ("TXT001", "TXT002") and c.status != "skip"}
    new += part_breakdown_claims(doc, sums)  # "人员经费中，A…，B…": a part's own breakdown
    taken = {c.stated for c in claims + new} | {f for c in claims + new for f, _ in c.num + c.den}
    new += exact_fit_claims(doc, taken)
    own = level_growth_claims(text, mentions, set())
    own += multiple_claims(text, mentions)
    own += from_to_change_claims(text, mentions)
    own += ratio_claims(text, mentions)
    own += previous_ratio_claims(text, mentions)
    own += average_claims(doc)
    own += listed_mean_claims(text, mentions)
    own += [c for c in inline_base_claims(text, mentions) if c.stated not in checked]
    own += score_cap_claims(text, mentions)
    own += rollup_claims(text, mentions, {c.stated for c in claims if c.status != "skip" and c.rule == "TXT008"})
    own += total_after_claims(text, mentions, st, {c.stated for c in claims if c.rule in ("TXT001", "TXT002")})
    own += balance_claims(text, mentions, st)
    own += counted_total_claims(text, mentions, st)
    own += contribution_claims(text, mentions, st)
    own += named_gap_claims(text, mentions, st)
    new += _added(claims + new, own)
    # a growth rate checked through its identity (TXT022) has that check instead of a skip
    replaced = {(c.rule, c.stated) for c in new} | {("TXT005", c.stated) for c in new if c.rule == "TXT022"}
    kept = [c for c in claims if not (c.status == "skip" and (c.rule, c.stated) in replaced)]
    out = kept + [c for c in new if c.stated not in checked or c.rule not in ("TXT005", "TXT008")]
    # a change that is an operand of a checked change ("净资产增加C = A − B") is checked with it
    operands = {f for c in out if c.rule == "TXT008" and c.status != "skip" for f, _ in c.num}
    changes = {f for f in operands if st.roles[f].role == "change"}
    out += unread(st, mentions, labels, {c.stated for c in out} | changes)
    gate(out, mentions, decimals, doc)  # a failure on weak evidence, or with a passing alternative, is a skip
    return out


def _added(found: list[Claim], own: list[Claim]) -> list[Claim]:
    """The claims of the genre readers (levels, multiples, rollups) that add a check: a growth
    rate another reading checks keeps that check, and a skip is added only for a figure no
    other claim states (one visible skip per figure)."""
    checked = {c.stated for c in found if c.status != "skip"}
    stated = {c.stated for c in found}
    return [
        c
        for c in own
        if c.stated < 0
        or (c.status == "skip" and c.stated not in stated)
        or (c.status != "skip" and (c.rule != "TXT005" or c.stated not in checked))
    ]


#: the rule a figure's role claims, for figures no reading could check
_ROLE_RULE = {"share": "TXT003", "growth": "TXT005", "rate": "TXT007", "cagr": "TXT006", "change": "TXT008"}


def unread(st, mentions, labels: list[str], stated: set[int]) -> list[Claim]:
    """No silent drops: a percentage with a relation word, or an amount after a change word,
    that no claim states becomes a visible skip ("operands not found")."""
    out = []
    for i, r in enumerate(st.roles):
        rule = _ROLE_RULE.get(r.role)
        if rule is None or i in stated or (r.role == "change" and mentions[i].kind != "money"):
            continue
        form = "linear" if rule == "TXT008" else "ratio"
        column = _ROLE.get(r.role, ("", ""))[1]
        out.append(
            Claim(
                rule,
                i,
                [],
                stated=i,
                form=form,
                label=labels[i],
                column=column,
                status="skip",
                note="operands not found",
            )
        )
    return out


def _with_multiples(text, mentions, st, labels, claims):
    """The compound rates read against a stated multiple (:mod:`fincheck.text.compound`): the
    multiples become facts after the mentions, and their claims replace the rate's skip."""
    from .compound import compound_multiple_claims

    extra, more = compound_multiple_claims(text, mentions, st, claims)
    if not more:
        return mentions, st.roles, labels, claims
    replaced = {c.stated for c in more}
    used = {(c.stated, mentions[c.stated].end) for c in more if c.status != "skip"}
    # the rate's skip, and the multiple's own skip (the same relation, now checked from the rate)
    kept = [
        c
        for c in claims
        if not (c.rule == "TXT006" and c.status == "skip" and c.stated in replaced)
        and not (c.rule == "TXT017" and c.status == "skip" and (c.anchor, mentions[c.anchor].end) in used)
    ]
    roles = st.roles + [Role("multiple") for _ in extra]
    return mentions + extra, roles, labels + ["" for _ in extra], kept + more


def text_frames(text: str, norm: Normalised, name: str, locate: Locator = text_locator):
    """Facts of every mention in ``text`` (normalised, tables blanked) and the claim checks."""
    mentions = find_mentions(text)
    if not mentions:
        return pd.DataFrame(), pd.DataFrame(), pd.DataFrame(columns=["check", "fact", "role", "coef"])
    sentences = split_sentences(text)
    roles = classify(text, mentions, sentences)
    st = build_items(text, mentions, sentences, roles)
    labels = [""] * len(mentions)
    for it in st.items:
        for j in (it.mention, it.share, it.change, it.growth, it.prev, it.rate):
            if j >= 0 and not labels[j]:
                labels[j] = it.label
    claims = make_claims(text, mentions, st)
    dec = decimals(text, mentions, claims)
    claims = _document_claims(text, mentions, sentences, st, labels, claims, dec)
    names = {it.mention: it.name for it in st.items if st.roles[it.mention].role == "amount"}
    mentions, roles, labels, claims = _with_multiples(text, mentions, st, labels, claims)
    facts = mention_facts(name, norm, mentions, roles, labels, names, locate, dec)
    inst, links = claim_frames(name, claims)
    return facts, inst, links
