"""From items and groups to claims (one per engine instance)."""

from __future__ import annotations

from .bases import infer, name_index, resolve, shares_add_to_100
from .claims import Claim, Item, Structure, sum_fits
from .labels import key
from .mentions import Mention


def make_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    claims: list[Claim] = []
    claims += _sum_claims(mentions, st)
    claims += _share_claims(mentions, st)
    claims += _growth_claims(mentions, st)
    claims += _cagr_claims(mentions, st)
    claims += _rate_claims(mentions, st)
    claims += _spent_claims(text, mentions, st)
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
        out.append(Claim("TXT010", spent, [(budget, 1.0)], stated=spent, op="le", label=label, column="执行数"))
    return out


def _label(st: Structure, k: int) -> str:
    return st.items[k].label


def _sum_claims(mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    items = st.items
    for g in st.groups:
        p = items[g.parent]
        pm = mentions[p.mention]
        parts = [k for k in g.parts if mentions[items[k].mention].kind == pm.kind]
        if len(parts) < (1 if g.kind == "count" else 2):
            continue
        pms = [mentions[items[k].mention] for k in parts]
        num = [(items[k].mention, 1.0) for k in parts]
        fits = sum_fits(pm, pms)
        total = sum(x.value * x.scale for x in pms)
        if fits or g.exhaustive:
            out.append(Claim("TXT001", p.mention, num, stated=p.mention, label=p.label, column="金额"))
            if fits:
                out += _change_sum(mentions, items, g.parent, parts)
        elif total < pm.value * pm.scale or not g.cross_sentence:
            out.append(Claim("TXT002", p.mention, num, stated=p.mention, op="ge", label=p.label, column="金额"))
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


def _change_sum(mentions, items: list[Item], parent: int, parts: list[int]) -> list[Claim]:
    """The change of a total equals the sum of its parts' changes (signed)."""
    p = items[parent]
    if p.change < 0 or any(items[k].change < 0 for k in parts):
        return []
    num = [(items[k].change, float(items[k].change_dir)) for k in parts]
    return [Claim("TXT008", p.change, num, stated=p.change, sign=float(p.change_dir), label=p.label, column="增减额")]


def _share_claims(mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    items = st.items
    with_share = [it for it in items if it.share >= 0]
    resolved: dict[int, int] = {}  # item index in with_share -> base mention
    pending: list[int] = []
    index = name_index(items, mentions)
    for n, it in enumerate(with_share):
        b = resolve(it.share_base, mentions[it.share].start, items, mentions, exclude=it.mention, index=index)
        if b is not None and b != it.mention:
            resolved[n] = b
        else:
            pending.append(n)
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
        num = [(it.mention, 1.0)]
        if n in resolved:
            den = [(resolved[n], 1.0)]
            note = ""
        elif it.share_base and key(it.share_base) in inferred:
            den = [(m, 1.0) for m in inferred[key(it.share_base)]]
            note = ""
        else:
            out.append(
                Claim(
                    "TXT003",
                    it.share,
                    num,
                    [],
                    stated=it.share,
                    form="ratio",
                    factor=100.0,
                    label=it.label,
                    column="占比",
                    status="skip",
                    note="base not stated",
                )
            )
            continue
        out.append(
            Claim(
                "TXT003",
                it.share,
                num,
                den,
                stated=it.share,
                form="ratio",
                factor=100.0,
                label=it.label,
                column="占比",
                note=note,
            )
        )
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


def _growth_claims(mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    for it in st.items:
        if it.growth >= 0:
            c = Claim(
                "TXT005",
                it.growth,
                [(it.mention, 1.0)],
                stated=it.growth,
                form="ratio",
                factor=100.0,
                offset=-100.0,
                sign=float(it.growth_dir),
                label=it.label,
                column="增长率",
            )
            if it.prev >= 0:
                c.den = [(it.prev, 1.0)]
            elif it.change >= 0:
                c.den = [(it.mention, 1.0), (it.change, -float(it.change_dir))]
            else:
                c.status, c.note = "skip", "previous year not stated"
            out.append(c)
        if it.prev >= 0 and it.change >= 0:
            out.append(
                Claim(
                    "TXT008",
                    it.change,
                    [(it.mention, 1.0), (it.prev, -1.0)],
                    stated=it.change,
                    sign=float(it.change_dir),
                    label=it.label,
                    column="增减额",
                )
            )
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
        out.append(
            Claim(
                "TXT006",
                i,
                [(end, 1.0)],
                [(start, 1.0)],
                stated=i,
                form="ratio",
                factor=100.0,
                offset=-100.0,
                power=1.0 / years,
                sign=float(r.direction),
                label=label,
                column="年均增长率",
            )
        )
    return out


def _rate_claims(mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    items = st.items
    for it in items:
        if it.rate < 0:
            continue
        budget = [
            o
            for o in items
            if o is not it
            and o.sentence in (it.sentence, it.sentence - 1)
            and mentions[o.mention].start < mentions[it.rate].start
            and "预算" in o.label
            and mentions[o.mention].kind == "money"
        ]
        qual = [o for o in budget if it.rate_base and it.rate_base.replace("数", "").replace("的", "") in o.label]
        budget = qual or budget
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
        if len(budget) == 1 and "预算" not in it.label:
            c.den = [(budget[0].mention, 1.0)]
        else:
            c.status, c.note = "skip", "budget not stated"
        out.append(c)
    return out


__all__ = ["make_claims", "shares_add_to_100"]
