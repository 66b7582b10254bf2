"""A growth on the comparable basis the text itself restates: "增长6.25%，剔除上年同期留抵退税
0.93亿元因素后，同口径增长3.11%" (TXT005).

The comparable growth is the growth of the same sentence's checked growth claim (its current
and previous figures) with the excluded amount A taken out of the period the words name
(phrasing group ``excluded``): of the previous period ("剔除上年同期…"), the base is
previous ∓ A; of the current period ("剔除本年…"), the current figure is current ∓ A. Whether the
factor had raised the figure (a one-off revenue: remove it, −A) or lowered it (a tax refund:
add it back, +A) is phrasing data too (``excluded_effect``). Where the words say neither the
period or the effect, every such reading is kept: the claim fails only when none passes
(otherwise it is a skip, "ambiguous").

A is the figure right before "因素/影响（后）" in a clause opened by 剔除/扣除, and the growth
comes right after it; no other figure stands between them.
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim
from .mentions import Mention

_SENTENCE = re.compile(r"[。！？!?\n]")


def comparable_claims(text: str, mentions: list[Mention], roles, claims: list[Claim]) -> list[Claim]:
    """TXT005 for every growth restated by an excluded amount (see the module)."""
    out: list[Claim] = []
    if not phrasing.groups().get("excluded"):
        return out
    growth_of = {c.stated: c for c in claims if c.rule == "TXT005" and c.status != "skip" and c.den}
    for k in range(1, len(mentions)):
        a = k - 1
        mk, ma = mentions[k], mentions[a]
        if roles[k].role != "growth" or ma.kind != "money":
            continue
        s0 = max((m.end() for m in _SENTENCE.finditer(text, 0, ma.start)), default=0)
        if _SENTENCE.search(text, ma.end, mk.start):
            continue
        c0 = max(text.rfind(x, s0, ma.start) for x in "，,；;：:")
        opening = text[max(s0, c0 + 1) : ma.start]
        found = phrasing.matches("excluded", opening)
        reading = dict(found[-1][2].reading) if found else {}
        if not found or not re.fullmatch(reading["after"], text[ma.end : mk.start]):
            continue
        base = _base_growth(growth_of, mentions, s0, a)
        if base is None:
            continue
        effect = phrasing.read("excluded_effect", opening[found[-1][1] :])
        signs = [effect["sign"]] if effect else [-1.0, 1.0]
        periods = [reading["period"]] if reading["period"] != "any" else ["previous", "current"]
        base_dir = float(roles[base.stated].direction or 1)
        direction = float(roles[k].direction or 1)
        readings = [_restated(base, base_dir, k, a, p, float(s), direction) for p in periods for s in signs]
        claim, *others = readings
        claim.others = others
        out.append(claim)
    return out


def _base_growth(growth_of: dict[int, Claim], mentions: list[Mention], s0: int, a: int) -> Claim | None:
    """The checked growth of the sentence nearest before the excluded amount."""
    for j in range(a - 1, -1, -1):
        if mentions[j].start < s0:
            return None
        if j in growth_of:
            return growth_of[j]
    return None


def _restated(base: Claim, base_dir: float, k: int, a: int, period: str, s: float, direction: float) -> Claim:
    """The growth with A removed from the period's figure (s = −1: the figure less A):
    previous' = previous + s·A, or current' = current + s·A. The base claim's true change
    (current − previous) is base_dir·sign·N; the claim states direction·change' ÷ previous'."""
    diff = [(f, base_dir * base.sign * c) for f, c in base.num]
    claim = Claim("TXT005", k, [], stated=k, form="ratio", factor=100.0, sign=1.0, label=base.label, column="增长率")
    if period == "previous":
        diff.append((a, -s))
        claim.den = [*base.den, (a, s)]
    else:
        diff.append((a, s))
        claim.den = list(base.den)
    claim.num = [(f, direction * c) for f, c in diff]
    claim.evidence = [*base.evidence, ("previous", "relation")]
    claim.restated = True
    what = {"previous": "上年数", "current": "本年数"}[period]
    claim.why = f"{what}{'+' if s > 0 else '−'}{'剔除额'}"
    return claim
