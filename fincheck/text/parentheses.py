"""Parts in a parenthesis right after a total: "支出120万元（人员经费80万元、公用经费40万元）".

A figure followed at once by an opening bracket gives the bracket's figures of its own kind as
its parts: those at the bracket's own level (not in a bracket nested inside it), one run per
clause group separated by ；, and in each group the figures before a 其中 (the figures after
a 其中 inside the bracket break down the part before them: "（一级企业9户，其中平台企业3户；
二级企业19户）" has the parts 9 and 19). The caller checks them as a breakdown of the total
(Σ parts = total, or ≤ total for a partial list); budgets, previous-year figures and changes
in the bracket are not amounts of the total's kind and drop out there. Parts that name an
identity term other than the total's (资产 parts after a 净资产 figure) give no check: the
bracket then breaks down another figure of the sentence.

One pass over the items; a bracket is scanned once, up to :data:`MAX_SPAN` characters.
"""

from __future__ import annotations

import bisect
import re

#: a bracket longer than this is prose, not a breakdown
MAX_SPAN = 400
_OPEN = re.compile(r"[ \t]*[（(]")
_QIZHONG = re.compile(r"其中")


def _close(text: str, start: int) -> int:
    """The position of the bracket closing the one opened at ``start``, -1 when none is near."""
    depth = 0
    for i in range(start, min(len(text), start + MAX_SPAN)):
        c = text[i]
        if c in "（(":
            depth += 1
        elif c in ")）":
            depth -= 1
            if depth == 0:
                return i
        elif c in "。\n":
            return -1
    return -1


def paren_parts(text: str, starts: list[int], items: list, mentions: list) -> list[tuple[int, list[int]]]:
    """(total item, part items) for every total followed by a bracket of its parts."""
    item_at = {it.mention: k for k, it in enumerate(items)}
    out: list[tuple[int, list[int]]] = []
    for k, it in enumerate(items):
        m = mentions[it.mention]
        if it.in_paren:
            continue
        op = _OPEN.match(text, m.end)
        if op is None:
            continue
        lo = op.end() - 1
        hi = _close(text, lo)
        if hi < 0:
            continue
        parts: list[int] = []
        seg_start, depth_at = lo + 1, _levels(text, lo + 1, hi)
        first, last = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        for i in range(first, last):
            j = item_at.get(i)
            pm = mentions[i]
            seg_start = max(seg_start, text.rfind("；", lo + 1, pm.start) + 1, text.rfind(";", lo + 1, pm.start) + 1)
            if j is None or depth_at(pm.start) != 0 or _QIZHONG.search(text, seg_start, pm.start):
                continue
            if pm.kind != m.kind or (m.kind == "count" and pm.unit != m.unit):
                continue
            parts.append(j)
        if len(parts) >= 2 and _same_term(it.label, [items[j].label for j in parts]):
            out.append((k, parts))
    return out


def _same_term(total: str, parts: list[str]) -> bool:
    """Whether the bracket's figures can be parts of the total by their names: parts all naming
    one identity term other than the total's ("净资产3.7万亿元（行政单位资产0.8万亿元，事业单位资产
    3.9万亿元）", a breakdown of the 资产 before it) are not."""
    from .names import canonical, split_term

    own = split_term(canonical(total))[1]
    terms = [split_term(canonical(p))[1] for p in parts]
    # every part of one term (a scope partition of 资产), and the total of another
    return not (terms[0] and len(set(terms)) == 1 and terms[0] != own)


def _levels(text: str, lo: int, hi: int):
    """depth(pos): how many brackets inside text[lo:hi] are open at pos."""
    marks = [(i, 1 if c in "（(" else -1) for i in range(lo, hi) if (c := text[i]) in "（()）"]

    def depth(pos: int) -> int:
        return sum(d for i, d in marks if i < pos)

    return depth
