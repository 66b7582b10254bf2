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

from .claims import Item, ratio_fits
from .labels import key, loose_key
from .mentions import Mention


def resolve(name: str, pos: int, items: list[Item], mentions: list[Mention], exclude: int = -1) -> int | None:
    """Mention id of the amount that ``name`` names, nearest to ``pos`` (before it first)."""
    if not name:
        return None
    for keyf in (key, loose_key):
        k = keyf(name)
        if not k:
            continue
        hits = [
            it.mention
            for it in items
            if it.mention != exclude and it.label and keyf(it.label) == k and mentions[it.mention].kind == "money"
        ]
        if not hits:
            continue
        before = [h for h in hits if mentions[h].start < pos]
        return before[-1] if before else hits[0]
    return None


def shares_add_to_100(shares: list[Mention]) -> bool:
    total = sum(s.value for s in shares)
    tol = sum(0.5 * 10.0 ** (-s.decimals) for s in shares)
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
