"""Bases of shares and rates: found by name in the text, or inferred from parts that exhaust them.

* :func:`resolve` finds the amount a base name refers to ("占资产的" → "2021年末资产 3973.46
  万元"): an exact key match first, then a loose one (总/合计/预算 dropped); the nearest one
  before the share wins, else the nearest after it.
* :func:`infer` handles a base named but never stated ("占一般公共预算支出的84.06%"): the
  shares of that base at one list level are taken to exhaust it only when the text proves
  it — their percentages add up to 100, or one of them equals its amount over the sum of
  the amounts (so the sum is the base). Otherwise nothing is inferred and the shares are
  skipped with "base not stated".
"""

from __future__ import annotations

from bisect import bisect_left

from .claims import Item, ratio_fits
from .labels import key, loose_key
from .mentions import Mention


def name_index(items: list[Item], mentions: list[Mention]) -> dict[tuple[int, str], list[int]]:
    """(0, exact key) and (1, loose key) → mention ids of the money amounts so labelled, in order."""
    index: dict[tuple[int, str], list[int]] = {}
    for it in items:
        if it.label and mentions[it.mention].kind == "money":
            index.setdefault((0, key(it.label)), []).append(it.mention)
            index.setdefault((1, loose_key(it.label)), []).append(it.mention)
    return index


def resolve(
    name: str,
    pos: int,
    items: list[Item],
    mentions: list[Mention],
    exclude: int = -1,
    index: dict[tuple[int, str], list[int]] | None = None,
) -> int | None:
    """Mention id of the amount that ``name`` names, nearest to ``pos`` (before it first)."""
    found = resolve_named(name, pos, items, mentions, exclude, index)
    return found[0] if found else None


def resolve_named(
    name: str,
    pos: int,
    items: list[Item],
    mentions: list[Mention],
    exclude: int = -1,
    index: dict[tuple[int, str], list[int]] | None = None,
) -> tuple[int, str, list[int]] | None:
    """(mention id, evidence level, other amounts of that name) of the amount ``name`` names:
    the level is name-exact (the same key) or name-loose (总/合计/预算/数 dropped); the others
    are the same-named amounts of another value (alternative readings of the base)."""
    if not name:
        return None
    index = index if index is not None else name_index(items, mentions)
    found = None
    near: list[int] = []
    for level, keyf in enumerate((key, loose_key)):
        k = keyf(name)
        hits = index.get((level, k), []) if k else []
        if not hits:
            continue
        # hits are in text order: the nearest one before pos, else the first after it
        j = bisect_left([mentions[h].start for h in hits], pos) if len(hits) < 64 else _bisect(hits, mentions, pos)
        near += [*hits[:j][::-1][:3], *hits[j : j + 3]]
        for h in [*hits[:j][::-1][:3], *hits[j : j + 3]]:
            if h != exclude and found is None:
                found = (h, ("name-exact", "name-loose")[level])
    if found is None:
        return None
    # the others named as well or loosely (a scope prefix or 总/合计 apart), of another value
    value = mentions[found[0]].value * mentions[found[0]].scale
    others = [
        o
        for o in dict.fromkeys(near)
        if o not in (found[0], exclude) and mentions[o].value * mentions[o].scale != value
    ]
    return found[0], found[1], others


def _bisect(hits: list[int], mentions: list[Mention], pos: int) -> int:
    lo, hi = 0, len(hits)
    while lo < hi:
        mid = (lo + hi) // 2
        if mentions[hits[mid]].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def shares_add_to_100(shares: list[Mention]) -> bool:
    total = sum(s.value for s in shares)
    tol = sum(0.5 * 10.0 ** (-s.decimals) for s in shares if s.decimals >= 0)
    return abs(total - 100.0) <= tol + 1e-9


def infer(group: list[Item], mentions: list[Mention]) -> str | None:
    """Why the amounts of ``group`` exhaust their common base ("shares add to 100",
    "confirmed by a share"), or None when nothing proves it."""
    if len(group) < 2:
        return None
    amounts = [mentions[it.mention] for it in group]
    if len({a.unit for a in amounts}) > 1:
        return None
    shares = [mentions[it.share] for it in group]
    if shares_add_to_100(shares):
        return "shares add to 100"
    for it in group:
        if ratio_fits(mentions[it.share], [mentions[it.mention]], amounts):
            return "confirmed by a share"
    return None
