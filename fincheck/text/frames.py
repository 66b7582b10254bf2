"""Text facts, engine instances and links from mentions and claims."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..labels import canonical_item
from ..model import Location, facts_from_rows
from ..model.location import Locator, text_locator
from .checks import make_claims
from .claims import Claim, Role, build_items, classify
from .mentions import Mention, find_mentions
from .normalise import Normalised
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
):
    """One fact per mention. ``items``: mention id → the item name of an amount (the key a
    table of the same report is matched on); other facts take their item from the label."""
    items = items or {}
    rows = []
    for i, (m, r) in enumerate(zip(mentions, roles, strict=True)):
        role, column = _ROLE.get(r.role, ("rate", "百分比") if m.kind == "percent" else ("amount", "金额"))
        if m.kind == "count" and role == "amount":
            role, column = "count", "数量"
        if m.kind == "points":
            role, column = "change", "百分点"
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
                "decimals": m.decimals,
                "unit": m.unit,
                "scale": m.scale,
                "base": "",
                "of": "",
                "location": loc,
            }
        )
    return facts_from_rows(rows)


def claim_frames(name: str, claims: list[Claim]) -> tuple[pd.DataFrame, pd.DataFrame]:
    inst_rows, link_rows = [], []
    for k, c in enumerate(claims):
        inst_rows.append(
            {
                "check": k,
                "rule": c.rule,
                "report": name,
                "table": "text",
                "anchor": c.anchor,
                "stated_fact": c.stated,
                "stated_value": c.stated_value,
                "stated_decimals": c.stated_decimals,
                "unit": c.unit,
                "op": c.op,
                "form": c.form,
                "factor": c.factor,
                "offset": c.offset,
                "power": c.power,
                "cap": np.inf,
                "sign": c.sign,
                "absolute": c.absolute,
                "label": c.label,
                "column": c.column,
                "note": c.note,
                "status": c.status,
            }
        )
        link_rows += [{"check": k, "fact": f, "role": "num", "coef": coef} for f, coef in c.num]
        link_rows += [{"check": k, "fact": f, "role": "den", "coef": coef} for f, coef in c.den]
    inst = pd.DataFrame(inst_rows)
    links = pd.DataFrame(link_rows, columns=["check", "fact", "role", "coef"])
    if len(inst):
        inst = inst.astype({"check": "int64", "anchor": "int64", "stated_fact": "int64", "stated_decimals": "int64"})
    links = links.astype({"check": "int64", "fact": "int64", "coef": "float64"})
    return inst, links


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
    names = {it.mention: it.name for it in st.items if st.roles[it.mention].role == "amount"}
    facts = mention_facts(name, norm, mentions, st.roles, labels, names, locate)
    inst, links = claim_frames(name, claims)
    return facts, inst, links
