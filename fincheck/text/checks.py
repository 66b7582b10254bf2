"""From items and groups to claims (one per engine instance)."""

from __future__ import annotations

import itertools
import re

from . import phrasing
from .bases import infer, name_index, resolve_named, shares_add_to_100
from .claims import Claim, Item, Structure, compound_growth_claim, growth_claim, own_subject, sum_fits
from .elapsed import elapsed_progress_claims
from .labels import key
from .mentions import Mention
from .names import _TAIL as _NAME_TAIL


def make_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    claims: list[Claim] = []
    claims += _sum_claims(mentions, st, text)
    claims += _share_claims(text, mentions, st)
    claims += _growth_claims(mentions, st, text)
    claims += _growth_over_previous(mentions, st)
    claims += _cagr_claims(mentions, st)
    claims += _rate_claims(text, mentions, st)
    claims += _spent_claims(text, mentions, st)
    claims += compare_claims(text, mentions, st)
    return _dedupe(claims)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: set = set()
    out = []
    for c in claims:
        k = (c.rule, c.stated, c.op, tuple(sorted(c.num)), tuple(sorted(c.den)))
        if k in seen:
            continue
        seen.add(k)
        out.append(c)
    return out


def _spent_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    """TXT010: what was spent does not exceed the (adjusted) budget it was spent from."""
    from .claims import spent_pairs

    if st.sentences is None:
        return []
    out = []
    for budget, spent in spent_pairs(text, mentions, st.items, st.sentences):
        label = next((it.label for it in st.items if it.mention == budget), "")
        c = Claim("TXT010", spent, [(budget, 1.0)], stated=spent, op="le", label=label, column="执行数")
        c.evidence = [("budget", _spent_budget_evidence(text, mentions, st, budget, spent, label))]
        out.append(c)
    return out


def _spent_budget_evidence(
    text: str, mentions: list[Mention], st: Structure, budget: int, spent: int, label: str
) -> str:
    """How a spent amount was tied to the budget before it in its sentence: its clause names the
    budget's subject (name-loose), names another one (other-subject: "A项目调整预算B，C项目完成D"),
    or names none (the same sentence)."""
    from .names import canonical, name_score

    m = mentions[spent]
    assert st.sentences is not None
    lo = max(st.sentences[st.sent_of[spent]].clause_at(m.start).start, mentions[spent - 1].end if spent else 0)
    lead = re.sub(r"(?:完成|使用|拨付|执行|支出|支付)(?:并使用|并支付|了)?\s*$", "", text[lo : m.start])
    if not _names_subject(lead):
        return "sentence"
    own = canonical(re.sub(r"预算调整后|调整后预算|全年预算|调整预算|预算", "", label))
    rest = canonical(re.sub(r"[^\u4e00-\u9fff]", "", _CONNECTIVES.sub("", lead)))
    return "name-loose" if own and name_score(rest, own) > 0 else "other-subject"


def _label(st: Structure, k: int) -> str:
    return st.items[k].label


def open_ended(text: str, last: Mention) -> bool:
    """Whether a list ends open after its last figure ("包括A、B等", group ``open_list``): it
    names some of the parts only."""
    return bool(text) and phrasing.read("open_list", text[last.end : last.end + 12]) is not None


def _sum_claims(mentions: list[Mention], st: Structure, text: str = "") -> list[Claim]:
    out: list[Claim] = []
    items = st.items
    for g in st.groups:
        p = items[g.parent]
        pm = mentions[p.mention]
        parts = [k for k in g.parts if mentions[items[k].mention].kind == pm.kind]
        parts = _same_kind(p.label, [items[k].label for k in parts], parts)
        if len(parts) < (1 if g.kind == "count" else 2):
            continue
        # "包括A、B等": the parts listed are some of the total's, never the whole of it
        opened = open_ended(text, mentions[items[g.parts[-1]].mention])
        # parts shown complete by their words (the rest named, complementary names, a count of
        # them) are the whole of the total: no boundary by fit, and their sum is checked as equal
        complete = (
            None
            if opened or g.kind == "total"
            else _complete_list(text, mentions, st, g.parent, parts, g.cross_sentence)
        )
        if complete is None:
            parts = _exact_prefix(pm, parts, [mentions[items[k].mention] for k in parts])
        pms = [mentions[items[k].mention] for k in parts]
        num = [(items[k].mention, 1.0) for k in parts]
        fits = sum_fits(pm, pms)
        total = sum(x.value * x.scale for x in pms)
        identity = None if opened else _identity(p.label, [items[k].label for k in parts], score=pm.kind == "score")
        # how the parts were tied to the total: a list word (其中/包括/分为, "N个…中"), the
        # identity's names, or only their place after a figure labelled as a total; a part's
        # own breakdown inside the list ("…30万元，主要用于A 20万元、B 10万元") leaves where
        # the total's parts resume unsaid
        guessed = (g.kind == "total" and not identity) or _sub_listed(text, mentions, st, parts)
        ev = [("parts", "list-guessed" if guessed else "list-marked")]
        if fits or (g.exhaustive and not opened) or identity or complete:
            # a domain identity's names tie the parts to the total as well (TXT022 reads it)
            named = [("parts", "name-exact")] if identity else [("parts", complete)] if complete else []
            sums = [
                Claim("TXT001", p.mention, num, stated=p.mention, label=p.label, column="金额", evidence=ev + named)
            ]
            if fits:
                sums += _change_sum(mentions, items, g.parent, parts, ev)
            derived = _derived_part(identity, [items[k].label for k in parts])
            out += [_restate(c, parts[derived], items) for c in sums] if derived is not None else sums
        elif total < pm.value * pm.scale or not g.cross_sentence:
            out.append(
                Claim("TXT002", p.mention, num, stated=p.mention, op="ge", label=p.label, column="金额", evidence=ev)
            )
        else:
            out.append(
                Claim(
                    "TXT002",
                    p.mention,
                    num,
                    stated=p.mention,
                    op="ge",
                    label=p.label,
                    column="金额",
                    status="skip",
                    note="其中 parent unclear",
                )
            )
    return out


def _complete_list(
    text: str, mentions: list[Mention], st: Structure, parent: int, parts: list[int], cross: bool
) -> str | None:
    """The evidence that a 其中 list names every part of its total (phrasing group
    ``complete_parts``), or None: the last part is the rest (其余/剩余; 其他 only after one other
    part, or in a count by class: a longer list of amounts may list 其他支出 as one class among
    some), the parts' names
    are one set of complementary names each once (一般债务/专项债务, 还本/付息), or the total's
    sentence counts them ("3个项目…其中：A项目…、B项目…、C项目…"). A list opening a sentence of
    its own (``cross``) is of the total before it only when that total names what the parts'
    names have in common ("政府债务余额" for 一般债务余额, 专项债务余额)."""
    if len(parts) < 2:
        return None
    from .names import canonical

    items = st.items
    labels = [re.sub(r"^\s*其中\s*[:：,，]?\s*", "", items[k].label or "") for k in parts]
    parent_name = canonical(items[parent].label or "")
    counted = _counted(text, mentions, st, parent, labels)
    if counted:
        return counted
    # the total names what its parts have in common ("政府债务余额" for 一般债务余额, 专项债务余额)
    named_tail = any(
        len(t) >= 2 and t not in _NAME_TAIL.pattern and t in parent_name
        for t in (
            _common_tail([canonical(lab) for lab in labels]),
            _common_tail([_NAME_TAIL.sub("", canonical(lab)) for lab in labels]),
        )
    )
    for e in phrasing.raw("complete_parts"):
        r = e.get("reading") or {}
        if cross and not named_tail and not (r.get("total") and re.search(r["total"], parent_name)):
            continue
        if r.get("only") == "total" and not re.search(r["total"], parent_name):
            continue  # these names make the whole only of the total named (财政拨款支出)
        if r.get("complete") == "other" and (len(parts) > 2 and mentions[items[parts[0]].mention].kind != "count"):
            continue  # 其他 closes a split in two, or a count by class, not a longer list of amounts
        if r.get("complete") in ("rest", "other"):
            if phrasing.read("complete_parts", canonical(labels[-1])) == dict(r) and not any(
                phrasing.read("complete_parts", canonical(lab)) == dict(r) for lab in labels[:-1]
            ):
                return "list-marked"
        elif r.get("complete") == "names":
            words = list(e.get("words") or [])
            named = [
                [w for w in words if w in lab and not any(w != x and w in x and x in lab for x in words)]
                for lab in labels
            ]
            if any(w in parent_name for w in words) and not all(w in parent_name for w in words):
                continue  # the total is one of the names, not their whole (还本付息 is)
            if len(parts) == len(words) and all(len(n) == 1 for n in named) and {n[0] for n in named} == set(words):
                return "name-exact"
    return None


def _counted(text: str, mentions: list[Mention], st: Structure, parent: int, labels: list[str]) -> str | None:
    """ "共有3个项目…，涉及资金A。其中：X项目资金…、Y项目资金…、Z项目资金…": the figure right before
    the total counts the parts, of a noun every part's name holds."""
    j = st.items[parent].mention - 1
    if j < 0 or st.sent_of[j] != st.sent_of[j + 1]:
        return None
    m = mentions[j]
    if m.kind != "count" or m.value != len(labels):
        return None
    noun = re.match(r"[\u4e00-\u9fff]{0,2}", text[m.end : m.end + 2]).group(0)
    return "name-exact" if len(noun) == 2 and all(noun in lab for lab in labels) else None


def _common_tail(names: list[str]) -> str:
    """The longest ending the names share (a trailing 支出/收入/经费 counts)."""
    if not names:
        return ""
    n = min(len(x) for x in names)
    k = 0
    while k < n and len({x[len(x) - 1 - k] for x in names}) == 1:
        k += 1
    return names[0][len(names[0]) - k :] if k else ""


def _sub_listed(text: str, mentions: list[Mention], st: Structure, parts: list[int]) -> bool:
    """Whether a part after the first is named in a clause opening a part's own breakdown
    (group ``sub_list``: 主要用于, 包括, 含 before its figure in its clause)."""
    if not text or st.sentences is None:
        return False
    for a, b in itertools.pairwise(parts):
        mb = mentions[st.items[b].mention]
        lo = max(st.sentences[st.items[b].sentence].clause_at(mb.start).start, mentions[st.items[a].mention].end)
        if lo < mb.start and phrasing.read("sub_list", text[lo : mb.start]) is not None:
            return True
    return False


def _identity(parent: str, parts: list[str], score: bool = False) -> dict | None:
    """The domain identity a total and its listed parts state (基本支出 = 人员经费 + 公用经费;
    资产 = 负债 + 净资产), whose parts are then the whole of it, not a partial list; else None.
    ``score``: the figures are scores, and a total score whose parts name each first-level
    indicator of a framework once (group ``score_total``: 决策, 过程, 产出, 效益) is their sum."""
    from .names import canonical, split_term

    if score:
        for e in phrasing.raw("score_total"):
            cats = list(e["reading"]["parts"])
            named = [[c for c in cats if c in lab] for lab in parts]
            if (
                phrasing.read("score_total", parent)
                and all(len(n) == 1 for n in named)
                and sorted(n[0] for n in named) == sorted(cats)
            ):
                return e
        return None

    total = split_term(canonical(parent))[1]
    terms = [split_term(canonical(lab))[1] for lab in parts]
    for e in phrasing.raw("identity"):
        r = e["reading"]
        if total == r["total"] and sorted(terms) == sorted(r["parts"]):
            return e
    return None


def _derived_part(identity: dict | None, labels: list[str]) -> int | None:
    """Which part an identity's check states (its ``stated`` term when that is not the total:
    净资产 = 资产 − 负债)."""
    from .names import canonical, split_term

    stated = identity["reading"].get("stated") if identity else None
    if not stated or stated == identity["reading"]["total"]:
        return None
    hits = [n for n, lab in enumerate(labels) if split_term(canonical(lab))[1] == stated]
    return hits[0] if len(hits) == 1 else None


def _restate(c: Claim, part: int, items: list[Item]) -> Claim:
    """total = Σ parts stated as part = total − the other parts (the same interval check); for
    the change of a total, the part's change = the total's change − the others' (signed)."""
    it = items[part]
    own = it.change if c.rule == "TXT008" else it.mention
    if own < 0:
        return c
    own_dir = float(it.change_dir) if c.rule == "TXT008" else 1.0
    others = [(f, -k) for f, k in c.num if f != own]
    num = [(c.stated, c.sign), *others]
    return Claim(c.rule, own, num, stated=own, sign=own_dir, label=it.label, column=c.column, evidence=list(c.evidence))


def _same_kind(parent: str, labels: list[str], parts: list[int]) -> list[int]:
    """Records ("支出A，年初预算B，差值C；…" per item): the parts of a total are the figures of
    the total's own kind, not the budgets and differences stated with each of them."""
    kind = phrasing.read("kind", parent)
    out = []
    for lab, k in zip(labels, parts, strict=True):
        if phrasing.read("difference", lab) is not None:
            continue
        own = phrasing.read("kind", lab)
        # a 决算 part is of a total of no kind; never of a budget's ("年初预算A…其中：(一)…决算数为B")
        budget = kind is not None and kind.get("kind") != "决算"
        if own is not None and own != kind and (own.get("kind") != "决算" or budget):
            continue
        out.append(k)
    return out


def _exact_prefix(total: Mention, parts: list[int], pms: list[Mention]) -> list[int]:
    """A list's boundary by exact fit: when the parts overshoot the total and a prefix of them
    (two or more) adds up to it to the last digit, the list ends there."""
    if sum_fits(total, pms):
        return parts
    t = total.value * total.scale
    run = 0.0
    for n, p in enumerate(pms):
        run += p.value * p.scale
        if n >= 1 and n < len(pms) - 1 and abs(run - t) <= 1e-9 * max(1.0, abs(t)):
            return parts[: n + 1]
    return parts


def _change_sum(mentions, items: list[Item], parent: int, parts: list[int], ev: list) -> list[Claim]:
    """The change of a total equals the sum of its parts' changes (signed); the parts rest on
    the evidence of the list (``ev``)."""
    p = items[parent]
    if p.change < 0 or any(items[k].change < 0 for k in parts):
        return []
    num = [(items[k].change, float(items[k].change_dir)) for k in parts]
    c = Claim("TXT008", p.change, num, stated=p.change, sign=float(p.change_dir), label=p.label, column="增减额")
    c.evidence = list(ev)
    return [c]


def _item_of(items: list[Item], mention: int) -> int:
    return next(k for k, it in enumerate(items) if it.mention == mention)


def _tail_named_base(it: Item, items: list[Item], mentions: list[Mention]) -> int | None:
    """The subject of a share whose base is named by the tail of its own amount's label
    ("债务余额A，控制在债务限额B以内，占限额的x%": the base B, the subject A): the amount of the
    item right before it in its sentence, whose label does not name the base. A base that is
    only a kind word (支出, 收入, 经费 …) names no such tail."""
    base = key(it.share_base) if it.share_base else ""
    own = key(it.label) if it.label else ""
    if len(base) < 2 or _NAME_TAIL.sub("", base) != base or own == base or not own.endswith(base):
        return None
    k = next((k for k, x in enumerate(items) if x is it), -1)
    if k < 1:
        return None
    prev = items[k - 1]
    mp, mo = mentions[prev.mention], mentions[it.mention]
    if prev.sentence != it.sentence or prev.in_paren or mp.kind != "money" or mo.kind != "money":
        return None
    if base in key(prev.label or ""):
        return None
    return prev.mention


def _share_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    items = st.items
    with_share = [it for it in items if it.share >= 0] + st.extra_shares
    resolved: dict[int, int] = {}  # item index in with_share -> base mention
    how: dict[int, tuple[str, list[int]]] = {}  # item index -> (evidence of its base, other same-named bases)
    pending: list[int] = []
    index = name_index(items, mentions)
    for n, it in enumerate(with_share):
        found = resolve_named(it.share_base, mentions[it.share].start, items, mentions, exclude=it.mention, index=index)
        if found is not None and found[0] != it.mention:
            resolved[n] = found[0]
            how[n] = (found[1], [o for o in found[2] if o != it.mention])
        else:
            pending.append(n)
    for n, (b, level) in _list_bases(text, mentions, st, with_share, pending).items():
        resolved[n] = b
        how[n] = (level, [])
    pending = [n for n in pending if n not in resolved]
    # "余额A，控制在债务限额B以内，占限额的x%": the base names the tail of the amount the share
    # follows, so that amount is the base and the sentence's amount before it the subject
    subject_of: dict[int, int] = {}
    for n in pending:
        sub = _tail_named_base(with_share[n], items, mentions)
        if sub is not None:
            subject_of[n] = sub
            resolved[n] = with_share[n].mention
            how[n] = ("name-qualified", [])
    pending = [n for n in pending if n not in resolved]
    # infer unstated bases from parts that exhaust them
    inferred: dict[str, list[int]] = {}
    groups: dict[tuple[str, str], list[int]] = {}
    for n in pending:
        it = with_share[n]
        if it.share_base:
            groups.setdefault((key(it.share_base), it.marker), []).append(n)
    sum100: list[list[int]] = []
    for (k, _style), ns in groups.items():
        why = infer([with_share[n] for n in ns], mentions)
        if why and k not in inferred:
            inferred[k] = [with_share[n].mention for n in ns]
            if why == "shares add to 100":
                sum100.append(ns)
    for n, it in enumerate(with_share):
        level, others = how.get(n, ("exhaustion", []))
        if n in resolved:
            den = [(resolved[n], 1.0)]
        elif it.share_base and key(it.share_base) in inferred:
            den = [(m, 1.0) for m in inferred[key(it.share_base)]]
        else:
            den = []  # no base: the claim is listed, not guessed
        c = Claim(
            "TXT003",
            it.share,
            [(subject_of.get(n, it.mention), 1.0)],
            den,
            stated=it.share,
            form="ratio",
            factor=100.0,
            label=it.label,
            column="占比",
            status="" if den else "skip",
            note="" if den else "base not stated",
        )
        if n in subject_of:
            c.label = items[_item_of(items, subject_of[n])].label
            c.evidence = [("base", level), ("subject", "sentence")]
            c.why = f"{mentions[subject_of[n]].text} / {mentions[it.mention].text}"
        elif den:
            c.evidence = [("base", level), ("subject", _share_subject(st, it))]
            c.why = f"{mentions[it.mention].text} / {' + '.join(mentions[m].text for m, _ in den)}"
            c.others = [_with_den(c, o, mentions) for o in others]
        out.append(c)
    # shares of a stated base whose parts' amounts add up to it must add up to 100
    by_base: dict[int, list[int]] = {}
    for n, b in resolved.items():
        by_base.setdefault(b, []).append(n)
    for b, ns in by_base.items():
        ns.sort(key=lambda n: with_share[n].mention)
        for run in _exhaustive_runs(ns, with_share, mentions, mentions[b]):
            its = [with_share[n] for n in run]
            out.append(
                Claim(
                    "TXT001",
                    b,
                    [(it.mention, 1.0) for it in its],
                    stated=b,
                    label=_base_label(st, b),
                    column="金额",
                )
            )
            sum100.append(run)
    for run in sum100:
        its = [with_share[n] for n in run]
        out.append(
            Claim(
                "TXT004",
                its[0].share,
                [(it.share, 1.0) for it in its],
                stated_value=100.0,
                stated_decimals=-1,
                unit="%",
                label="、".join(it.label for it in its if it.label) or its[0].share_base,
                column="占比",
            )
        )
    return out


def _share_subject(st: Structure, it: Item) -> str:
    """How a share was tied to its amount: named again before 占 ("公用经费占…"), or the amount
    its sentence states just before it."""
    role = st.roles[it.share]
    return "name-exact" if role.name and key(role.name) == key(it.label) else "sentence"


def _with_den(c: Claim, base: int, mentions: list[Mention]) -> Claim:
    """The same share read against another base of the same name (an alternative reading)."""
    from dataclasses import replace

    return replace(c, den=[(base, 1.0)], others=[], why=f"{mentions[c.num[0][0]].text} / {mentions[base].text}")


def _list_bases(
    text: str, mentions: list[Mention], st: Structure, with_share: list[Item], pending: list[int]
) -> dict[int, tuple[int, str]]:
    """Bases of shares that name none ("…万元，占71.73%"), from the list they belong to:

    * the parts of a 其中 list within one sentence are shares of the list's total
      ("本年收入合计A万元，其中：财政拨款收入B万元，占x%；其他收入C万元，占y%");
    * a run of consecutive parts with shares whose amounts add up (within rounding) to the
      amount stated just before them ("支出A万元，主要用于：B万元，占x%；C万元，占y%") are
      shares of that amount — the sum names the base unambiguously.

    Anything else stays unresolved ("base not stated"). Each base comes with its evidence
    level: list-marked (the 其中 list's total) or exhaustion (the parts add up to it)."""
    items = st.items
    index_of = {id(it): k for k, it in enumerate(items)}
    todo = {
        index_of[id(with_share[n])]: n
        for n in pending
        if not with_share[n].share_base and id(with_share[n]) in index_of
    }
    out: dict[int, tuple[int, str]] = {}
    money = [mentions[it.mention].kind == "money" for it in items]
    for g in st.groups:
        if g.kind != "qizhong" or g.cross_sentence or not money[g.parent]:
            continue
        if _base_named_before(items, g.parent):
            continue
        for k in g.parts:
            if k in todo and money[k] and not items[k].in_paren:
                out[todo[k]] = (items[g.parent].mention, "list-marked")
    # the one part of a 其中: a share of its total ("其中专项债券安排的支出C，占y%")
    for k, parent in st.single_parts.items():
        free = k in todo and todo[k] not in out and not items[k].in_paren
        if free and money[k] and money[parent] and not _base_named_before(items, parent):
            out[todo[k]] = (items[parent].mention, "list-marked")
    # runs of consecutive items with unnamed shares, in one sentence (or lines ending in ；)
    runs: list[list[int]] = []
    for k in sorted(todo):
        if todo[k] in out or items[k].in_paren or not money[k]:
            continue
        if runs and runs[-1][-1] == k - 1 and _same_list(text, mentions, items[k - 1], items[k]):
            runs[-1].append(k)
        else:
            runs.append([k])
    for run in runs:
        first = run[0]
        if len(run) < 2 or first == 0:
            continue
        total = items[first - 1]
        if _base_named_before(items, first - 1):
            continue
        if (
            total.in_paren
            or not money[first - 1]
            # the sentence before, or the one before it when that one states no figure
            # (items are consecutive: no figure between the total and the run)
            or not 0 <= items[first].sentence - total.sentence <= 2
        ):
            continue
        parts = [mentions[items[k].mention] for k in run]
        if sum_fits(mentions[total.mention], parts):
            for k in run:
                out[todo[k]] = (total.mention, "exhaustion")
    return out


def _base_named_before(items: list[Item], total: int) -> bool:
    """Whether a share naming its base precedes the list in the total's sentence ("教育支出A，
    占总支出的x%，其中：B，占y%"): an unnamed share after it may continue that base."""
    si = items[total].sentence
    k = total
    while k >= 0 and items[k].sentence == si:
        if items[k].share >= 0 and items[k].share_base:
            return True
        k -= 1
    return False


def _same_list(text: str, mentions: list[Mention], a: Item, b: Item) -> bool:
    """Whether item ``b`` continues the list ``a`` is in: the same sentence, or the next line
    after a "；" with no full stop or numbered heading between them."""
    if a.sentence == b.sentence:
        return True
    if b.sentence != a.sentence + 1:
        return False
    between = text[mentions[a.mention].end : mentions[b.mention].start]
    return not re.search(r"[。！？!?]", between) and bool(re.search(r"[；;]\s*\n", between)) and not b.marker


def _base_label(st: Structure, mention: int) -> str:
    for it in st.items:
        if it.mention == mention:
            return it.label
    return ""


def _exhaustive_runs(ns: list[int], with_share: list[Item], mentions: list[Mention], base: Mention) -> list[list[int]]:
    """Runs of consecutive shares of one base whose amounts add up to it (longest first)."""
    out: list[list[int]] = []
    i = 0
    while i < len(ns):
        best = None
        for j in range(min(len(ns), i + 12), i + 1, -1):
            run = ns[i:j]
            if j - i >= 2 and sum_fits(base, [mentions[with_share[n].mention] for n in run]):
                best = run
                break
        if best:
            out.append(best)
            i += len(best)
        else:
            i += 1
    return out


def _other_subject(text: str, st: Structure, it: Item, figure: int, mentions: list[Mention]) -> bool:
    """Whether the clause of a change or growth rate names, before its direction word, a subject
    that is not the item's ("收入100万元，主要是租金收入增长12%": the rate is 租金收入's)."""
    from .names import canonical, name_score

    if st.sentences is None or figure < 0 or not it.label:
        return False
    m = mentions[figure]
    lo = st.sentences[st.sent_of[figure]].clause_at(m.start).start
    if figure and mentions[figure - 1].end > lo:
        lo = mentions[figure - 1].end  # "较上年的100万元减少12万元": the words after the figure before
    lead = text[lo : m.start]
    lead = phrasing.finder("compare").sub("", lead)
    lead = phrasing.finder("direction").sub("", lead)
    rest = canonical(re.sub(r"[^\u4e00-\u9fff]", "", _CONNECTIVES.sub("", lead)))
    return len(rest) >= 2 and name_score(rest, canonical(it.label)) == 0


#: words of a change's clause that name no subject ("同比增长", "比上年度决算数增加了")
_CONNECTIVES = re.compile(
    r"同比|相比|比较|上年|去年|同期|上年度|分别|共计|合计|累计|约|了|为|达到?|幅度|增幅|降幅|率|额|和|与|较|比|其中"
)


def _list_end_totals(text: str, mentions: list[Mention], st: Structure) -> dict[int, int]:
    """Item index → the total of the 其中 list it ends, when its change or growth stands in a
    clause of its own naming no subject and no other part of the list states one ("支出合计A，
    其中基本支出B，项目支出C，比上年增加D，增长g%"): the change may be the total's as well as
    the last part's, and the part is chosen by proximity only."""
    items = st.items
    out: dict[int, int] = {}
    if st.sentences is None:
        return out
    for g in st.groups:
        if g.kind != "qizhong" or g.cross_sentence or len(g.parts) < 2:
            continue
        k = g.parts[-1]
        it = items[k]
        fig = it.change if it.change >= 0 else it.growth
        if fig < 0 or it.prev >= 0 or any(items[j].change >= 0 or items[j].growth >= 0 for j in g.parts[:-1]):
            continue
        m = mentions[fig]
        clause = st.sentences[st.sent_of[fig]].clause_at(m.start)
        if clause.start < mentions[it.mention].end and _names_subject(text[clause.start : m.start]):
            continue
        if _names_subject(text[max(clause.start, mentions[it.mention].end) : m.start]):
            continue
        out[k] = g.parent
    return out


def _names_subject(lead: str) -> bool:
    """Whether the words before a change name a subject (beyond its comparison and direction)."""
    from .names import canonical

    lead = phrasing.finder("compare").sub("", lead)
    lead = phrasing.finder("direction").sub("", lead)
    return len(canonical(re.sub(r"[^\u4e00-\u9fff]", "", _CONNECTIVES.sub("", lead)))) >= 2


def _rate_of_gap(it, mentions: list[Mention], text: str) -> bool:
    """Whether an item's growth rate is the rate of its gap to a budget: right after the gap
    ("比年初预算数减少D，下降g%"), no comparison between them, and in the gap's direction."""
    if it.gap < 0 or it.growth != it.gap + 1 or it.growth_dir != it.gap_dir:
        return False
    between = text[mentions[it.gap].end : mentions[it.growth].start]
    return len(between) <= 8 and not phrasing.finder("compare").search(between) and not re.search(r"[。；;]", between)


def _growth_claims(mentions: list[Mention], st: Structure, text: str = "") -> list[Claim]:
    from dataclasses import replace

    out: list[Claim] = []
    list_end = _list_end_totals(text, mentions, st)
    for k, it in enumerate(st.items):
        # a change stated in a later sentence: tied to this item by its name, or as the one
        # amount of its numbered item block
        ev = {"name": [("subject", "name-loose")], "block": [("subject", "block-single")]}.get(it.via, [])
        total = st.items[list_end[k]] if k in list_end else None
        if total is not None:
            ev = [*ev, ("subject", "proximity")]
        if it.growth >= 0:
            c = growth_claim(it.growth, float(it.growth_dir), it.label)
            c.evidence = list(ev)
            if _other_subject(text, st, it, it.growth, mentions):
                c.evidence.append(("subject", "other-subject"))
            if it.prev >= 0:
                c.num, c.den = [(it.mention, 1.0), (it.prev, -1.0)], [(it.prev, 1.0)]
            elif it.change >= 0:
                # growth = change / (current ∓ change): each printed figure once in the numerator
                # and once in the denominator at most, so the interval is exact
                c.num = [(it.change, float(it.change_dir * it.growth_dir))]
                c.den = [(it.mention, 1.0), (it.change, -float(it.change_dir))]
                c.sign = 1.0
                if total is not None:  # the same change read as the list's total's
                    sg, ch = "−" if it.change_dir > 0 else "+", mentions[it.change].text
                    c.why = f"{ch} / ({mentions[it.mention].text} {sg} {ch})"
                    alt = replace(c, den=[(total.mention, 1.0), (it.change, -float(it.change_dir))], others=[])
                    alt.why = f"{ch} / ({mentions[total.mention].text} {sg} {ch})"
                    alt.evidence = [("subject", "list-marked")]
                    c.others = [alt]
            elif _rate_of_gap(it, mentions, text):
                # "决算数为A，比年初预算数增加D，增长g%": g = D / (A ∓ D), the budget as base
                c.num = [(it.gap, float(it.gap_dir * it.growth_dir))]
                c.den = [(it.mention, 1.0), (it.gap, -float(it.gap_dir))]
                c.sign = 1.0
                if "预算" in text[mentions[it.mention].end : mentions[it.gap].start]:
                    c.label = f"{it.label}（较预算数）"
                c.evidence.append(("base", "relation"))
            else:
                c.status, c.note = "skip", "previous year not stated"
            out.append(c)
        if it.prev >= 0 and it.change >= 0:
            c = Claim(
                "TXT008",
                it.change,
                [(it.mention, 1.0), (it.prev, -1.0)],
                stated=it.change,
                sign=float(it.change_dir),
                label=it.label,
                column="增减额",
            )
            c.evidence = list(ev)
            if _other_subject(text, st, it, it.change, mentions):
                c.evidence.append(("subject", "other-subject"))
            out.append(c)
    return out


def _growth_over_previous(mentions: list[Mention], st: Structure) -> list[Claim]:
    """ "与上年决算P相比，增加C，增长g%" with no current level in the sentence (its subject is
    an earlier one's): the previous figure P, the change C and the rate g follow each other in
    one sentence, so g = C ÷ P × 100 is checked from them alone. A rate whose direction
    contradicts its change's is left to the "operands not found" skip."""
    roles, sent = st.roles, st.sent_of
    used = {j for it in st.items for j in (it.prev, it.change, it.growth) if j >= 0}
    out: list[Claim] = []
    for i in range(len(mentions) - 2):
        j, k = i + 1, i + 2
        if roles[i].role != "prev" or roles[j].role != "change" or roles[k].role != "growth":
            continue
        if {i, j, k} & used or not sent[i] == sent[j] == sent[k] or sent[i] < 0:
            continue
        p, c = mentions[i], mentions[j]
        if p.kind != "money" or c.kind != "money" or p.unit != c.unit or roles[j].direction != roles[k].direction:
            continue
        claim = growth_claim(k, float(roles[k].direction), "")
        claim.num, claim.den, claim.sign = [(j, 1.0)], [(i, 1.0)], 1.0
        claim.evidence = [("previous", "relation")]
        out.append(claim)
    return out


def _cagr_claims(mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    roles = st.roles
    for i, r in enumerate(roles):
        if r.role != "cagr":
            continue
        start = end = None
        for j in range(i - 1, -1, -1):
            if st.sent_of[j] != st.sent_of[i]:
                break
            if roles[j].role == "to" and end is None:
                end = j
            elif roles[j].role == "from" and end is not None:
                start = j
                break
        label = ""
        if start is None or end is None:
            out.append(Claim("TXT006", i, [], stated=i, form="ratio", status="skip", note="start or end not stated"))
            continue
        years = roles[end].year - roles[start].year
        if years <= 0:
            continue
        out.append(compound_growth_claim(i, end, start, years, float(r.direction), label, "年均增长率"))
    return out


def _lead(text: str, mentions: list[Mention], st: Structure, it: Item) -> str:
    """The words of an item's clause before its figure, as printed (not cleaned)."""
    m = mentions[it.mention]
    if st.sentences is None:
        return it.label
    return text[st.sentences[it.sentence].clause_at(m.start).start : m.start]


_FULL_BUDGET = re.compile(r"全年预算|调整(?:后的?)?预算|预算调整后")


def _budget_evidence(budget: Item, it: Item, qualified: bool, assumed: bool) -> str:
    """How an execution rate's budget was chosen: the budget the rate names (年初/调整后…), a
    budget of the rate's own sentence, a budget named for the same subject in the sentence
    before — or, by position only, an unnamed budget of the sentence before, or the year's
    budget preferred among several (its kind assumed)."""
    from .names import canonical, name_score

    if qualified:
        return "kind-confirmed"
    if assumed:
        return "kind-assumed"
    if budget.sentence == it.sentence:
        return "sentence"
    own, subj = canonical(budget.label), canonical(it.label)
    return "name-loose" if own and subj and name_score(own, subj) > 0 else "proximity"


def _rate_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    for it in st.items + st.extra_rates:
        if it.rate < 0:
            continue
        near = _in_sentences(st, (it.sentence - 1, it.sentence))
        subject = own_subject(it, near)  # a rate's budget is the budget of the same subject
        budget = [
            o
            for o in near
            if o is not it
            and mentions[o.mention].start < mentions[it.rate].start
            and _budget_of(o.label, subject)
            and mentions[o.mention].kind == "money"
        ]
        want = it.rate_base.replace("数", "").replace("的", "")
        kind = (phrasing.read("kind", want) or {}).get("kind") if want else None
        qual = [
            o
            for o in budget
            if want
            and (
                want in o.label
                or (
                    kind in ("年初预算", "调整预算")
                    and phrasing.read("kind", _lead(text, mentions, st, o)) == {"kind": kind}
                )
            )
        ]
        budget = qual or budget
        if not budget and want:
            budget = _budget_after(text, mentions, st, it, kind)
        assumed = False
        if len(budget) > 1:  # the budget of the rate's own sentence before one of the sentence before
            budget = [o for o in budget if o.sentence == it.sentence] or budget
        if len(budget) > 1 and not it.rate_base.replace("预算", "").replace("数", "").replace("的", ""):
            # "年初预算数A，全年预算数B，全年执行数C，执行率x%": a rate of the year's budget
            # (全年 / 调整后) when the budget the rate names is not qualified
            full = [o for o in budget if _FULL_BUDGET.search(_lead(text, mentions, st, o))]
            assumed = len(full) == 1
            budget = full if len(full) == 1 else budget
        c = Claim(
            "TXT007",
            it.rate,
            [(it.mention, 1.0)],
            stated=it.rate,
            form="ratio",
            factor=100.0,
            label=it.label,
            column="执行率",
        )
        if len(budget) == 1 and "预算" not in _FUNDS.sub("", it.label):  # 一般公共预算支出 is no budget
            c.den = [(budget[0].mention, 1.0)]
            named = bool(qual) and bool(it.rate_base.replace("预算", "").replace("数", "").replace("的", ""))
            c.evidence = [("budget", _budget_evidence(budget[0], it, named, assumed))]
        else:
            c.status, c.note = "skip", "budget not stated"
        out.append(c)
    return out


_BRACKET_BUDGET = re.compile(r"\s*[（(]\s*(?P<kind>(?:年初|调整后?的?|全年)?预算(?:数)?)(?:为|是)?[:：]?\s*$")


def _budget_after(text: str, mentions: list[Mention], st: Structure, it: Item, kind: str | None) -> list[Item]:
    """ "完成年初预算的108.20%（年初预算1,259.24万元）": the budget the rate names, printed in a
    bracket right after the rate, under that kind's name."""
    m = mentions[it.rate]
    for o in st.items:
        if o.sentence != it.sentence or mentions[o.mention].start <= m.end or o.mention != it.rate + 1:
            continue
        b = _BRACKET_BUDGET.match(text[m.end : mentions[o.mention].start])
        got = (phrasing.read("kind", b.group("kind")) or {}).get("kind") if b else None
        if b and mentions[o.mention].kind == "money" and got == (kind or "预算"):
            return [o]
    return []


__all__ = ["make_claims", "shares_add_to_100"]


# --------------------------------------------------------------------------- comparison words

_ACTUAL = r"(?:支出)?(?:决算数?|执行数?|实际(?:支出|执行)?数?)"
_BUDGET = r"(?:年初|调整后?的?|全年)?预算数?"
_LESS = "小于|低于|少于"
_MORE = "大于|高于|多于|超过|超出"
_EQUAL = "等于|持平|一致|相等|相同"
_CMP_WORD = re.compile(
    rf"(?P<a>{_ACTUAL}|{_BUDGET})(?P<w>{_LESS}|{_MORE}|等于)(?P<b>{_ACTUAL}|{_BUDGET})"
    rf"|(?P<a2>{_ACTUAL}|{_BUDGET})(?:与|和|同)(?P<b2>{_ACTUAL}|{_BUDGET})(?P<adv>基本|大致|大体|略|总体)?(?P<w2>{_EQUAL})"
)
_IS_BUDGET = re.compile(r"预算")
#: fund names that contain 预算 without naming a budget figure
_FUNDS = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|预算单位|部门预算")
_IS_ACTUAL = re.compile(r"决算|执行数|实际")
_UP = re.compile("|".join(map(re.escape, phrasing.words("points_direction", direction=1))))
_DOWN = re.compile("|".join(map(re.escape, phrasing.words("points_direction", direction=-1))))


def _budget_of(label: str, subject: str) -> bool:
    """Whether an amount labelled ``label`` is a budget figure of ``subject``: a budget word
    that is not a fund's name (一般公共预算收入 is no budget), and no other subject named
    ("年初预算", "全年预算数"; or the subject's own name: 项目支出预算 for 项目支出)."""
    from .names import canonical, name_score

    if not (phrasing.read("kind", label) or {}).get("kind", "").endswith("预算"):
        return False
    own, subj = canonical(label), canonical(subject)
    return not own or not subj or subj in own or own in subj or name_score(own, subj) > 0


def _in_sentences(st: Structure, sentences: tuple[int, ...]) -> list[Item]:
    """The items of the sentences given, in text order (an index built once per structure)."""
    index = getattr(st, "_by_sentence", None)
    if index is None:
        index = {}
        for it in st.items:
            index.setdefault(it.sentence, []).append(it)
        st._by_sentence = index  # type: ignore[attr-defined]
    return [it for si in sentences for it in index.get(si, [])]


def _kind_of_term(term: str) -> str:
    return "actual" if _IS_ACTUAL.search(term) else "budget"


def _budget_actual(mentions: list[Mention], st: Structure, si: int, end: int) -> tuple[int, int] | None:
    """The one budget and the one actual amount the comparison speaks of: in the sentence
    before ``end``, else in the sentence before it; None unless each is unique there."""
    for sj in (si, si - 1):
        its = [
            it
            for it in _in_sentences(st, (sj,))
            if mentions[it.mention].kind == "money" and mentions[it.mention].start < end and not it.in_paren
        ]
        labels = [_FUNDS.sub("", it.label) for it in its]
        budget = [
            it for it, lab in zip(its, labels, strict=True) if _IS_BUDGET.search(lab) and not _IS_ACTUAL.search(lab)
        ]
        actual = [
            it for it, lab in zip(its, labels, strict=True) if _IS_ACTUAL.search(lab) and not _IS_BUDGET.search(lab)
        ]
        if budget or actual:
            if len(budget) == 1 and len(actual) == 1:
                return budget[0].mention, actual[0].mention
            return None
    return None


def compare_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    """TXT012: a comparison word agrees with the figures it compares.

    * "决算数小于（大于、等于）预算数", "决算数与预算数持平（一致）": the actual and the budget
      amount stated just before (each unique in the sentence, or in the sentence before);
      小于 → actual ≤ budget, 大于/超过 → actual ≥ budget, 等于/持平 → equal within rounding.
      "基本持平", "大致持平" are not claims of equality and are not checked.
    * "X%，比（较）…Y%提高（降低）Z个百分点", "…高于Y% Z个百分点": Z = ±(X − Y)."""
    if st.sentences is None:
        return []
    out: list[Claim] = []
    for s in st.sentences:
        body = text[s.start : s.end]
        for m in _CMP_WORD.finditer(body):
            if m.group("a"):
                a, w, b = m.group("a"), m.group("w"), m.group("b")
            else:
                if m.group("adv"):
                    continue
                a, w, b = m.group("a2"), m.group("w2"), m.group("b2")
            ka, kb = _kind_of_term(a), _kind_of_term(b)
            if ka == kb:
                continue
            found = _budget_actual(mentions, st, s.index, s.start + m.start())
            if found is None:
                continue
            budget, actual = found
            # "项目支出决算数小于预算数" after figures of 基本支出: another subject, not judged
            subject = key(text[s.clause_at(s.start + m.start()).start : s.start + m.start()])
            named = [key(it.label) + key(it.name) for it in st.items if it.mention in (budget, actual)]
            if subject and not any(subject in n for n in named):
                continue
            op = "le" if re.fullmatch(_LESS, w) else "ge" if re.fullmatch(_MORE, w) else "eq"
            if ka == "budget" and op != "eq":  # "预算数大于决算数": actual ≤ budget
                op = "le" if op == "ge" else "ge"
            c = Claim(
                "TXT012",
                actual,
                [(budget, 1.0)],
                stated=actual,
                op=op,
                label=f"{a}{w}{b}" if m.group("a") else f"{a}与{b}{w}",
                column="决算数",
            )
            # each figure the one of its kind in its sentence, the kind printed with it
            c.evidence = [("budget", "kind-confirmed"), ("actual", "kind-confirmed")]
            out.append(c)
    out += _points_claims(text, mentions, st)
    out += elapsed_progress_claims(text, mentions, st)
    return out


def _progress_rate(text: str, mentions: list[Mention], st: Structure, p2: int) -> int:
    """The execution rate a clause's "支出进度比序时进度（Y%）…" speaks of: the last percentage
    of its sentence printed as a rate of the budget ("完成全年预算的78.25%"), or -1. A clause
    naming a growth rate ("增幅比1—4月（6.6%）") speaks of the sentence's last growth rate."""
    clause = text[text.rfind("，", 0, mentions[p2].start) + 1 : mentions[p2].start]
    found = phrasing.read("progress", clause)
    if found is None:
        return -1
    growth = found.get("progress") == "growth"
    si = st.sent_of[p2]
    for j in range(p2 - 1, -1, -1):
        if st.sent_of[j] != si:
            return -1
        m = mentions[j]
        if m.kind != "percent":
            continue
        if growth:
            if st.roles[j].role == "growth":
                # a fall's rate printed unsigned ("下降5.8%") against a bracketed earlier rate
                # whose sign is not said: not compared
                return j if st.roles[j].direction > 0 else -1
            continue
        lead = text[mentions[j - 1].end if j else 0 : m.start]
        if phrasing.read("execution", lead) is not None:
            return j
    return -1


def _points_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    for i, d in enumerate(mentions):
        if d.kind != "points" or i < 2:
            continue
        p1, p2 = mentions[i - 2], mentions[i - 1]
        si = st.sent_of[i]
        if p2.kind != "percent" or st.sent_of[i - 1] != si:
            continue
        first = i - 2
        if p1.kind != "percent" or st.sent_of[i - 2] != si:
            first = _progress_rate(text, mentions, st, i - 1)
            if first < 0:
                continue
            p1 = mentions[first]
            lead2 = text[text.rfind("，", 0, p2.start) + 1 : p2.start] if "，" in text[p1.end : p2.start] else ""
        else:
            lead2 = text[p1.end : p2.start]
        lead_d = text[p2.end : d.start]
        if (
            not re.search(r"(?<!占)比(?!重|例)|较|[高低快慢]于", lead2)
            or len(lead_d) > 8
            or re.search(r"[；;。]", lead_d)
        ):
            continue
        if re.search(r"[；;。]", lead2) or len(lead2) > 30:
            continue
        # "高于/低于/快于/慢于 Y%" before the compared rate says the direction
        said = re.search(r"[高低快慢]于", lead2)
        words = lead_d + (said.group(0) if said else "")
        up, down = bool(_UP.search(words)), bool(_DOWN.search(words))
        if up == down:
            continue
        out.append(
            Claim(
                "TXT012",
                i,
                [(first, 1.0), (i - 1, -1.0)],
                stated=i,
                sign=1.0 if up else -1.0,
                label=(_UP if up else _DOWN).search(words).group(0),  # the sentence's own word
                column="百分点",
            )
        )
    return out
