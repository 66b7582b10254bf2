"""What a printed figure's precision stands for, in a narrative (decided here, tested in
tests/test_text_precision.py, described in docs/text-phrasing.md):

* **a printed 0 is exact**: "因公出国（境）费0万元" means nothing was spent, not "less than
  0.5 万元" — otherwise a list of twelve "0万元" parts would widen a sum's tolerance by 6 万元;
* **an integer among decimal siblings is exact**: in one list (a total and its parts),
  "30万元、30万元、29.99万元" print 30.00 without its zeros — an allocation, not a rounded
  figure; unless it is marked approximate (约, 近, 超, 逾, 余, 多);
* **a sum that holds exactly at the printed figures proves them exact**: when the parts add up
  to the total to the last digit and some of them are printed with fewer decimals than the
  document's usual precision for that unit (the precision of at least 60% of its figures), they
  are exact ("0 + 11.8 + 10 = 21.8" among 2-decimal 万元 figures: budget figures without their
  trailing zeros).

:func:`decimals` returns the overrides: mention id → decimals (−1 = exact).
"""

from __future__ import annotations

import re
from collections import Counter

from .claims import Claim
from .mentions import Mention

_APPROX = re.compile(r"(?:约|近|超|逾|余|多|以上|左右)\s*$")
_APPROX_AFTER = re.compile(r"^\s*(?:多|余|以上|左右)")


def decimals(text: str, mentions: list[Mention], claims: list[Claim]) -> dict[int, int]:
    out: dict[int, int] = {}
    for i, m in enumerate(mentions):
        if m.kind == "money" and m.value == 0 and m.decimals == 0:
            out[i] = -1
    usual = _usual(mentions)
    for c in claims:
        if c.rule not in ("TXT001", "TXT002") or c.stated < 0 or c.form != "linear":
            continue
        members = [c.stated, *(f for f, _ in c.num)]
        if any(mentions[k].kind != "money" for k in members):
            continue
        printed = [mentions[k].decimals for k in members if mentions[k].value != 0]
        top = max(printed, default=0)
        for k in members:
            m = mentions[k]
            if m.value != 0 and m.decimals == 0 and top > 0 and not _approximate(text, m):
                out[k] = -1
        # the exact fit
        total = mentions[c.stated].value * mentions[c.stated].scale
        parts = sum(mentions[f].value * mentions[f].scale * w for f, w in c.num)
        target = usual.get(mentions[c.stated].unit)
        if target is not None and abs(total - parts) <= 1e-9 * max(1.0, abs(total)):
            for k in members:
                m = mentions[k]
                if m.value != 0 and 0 <= m.decimals < target and not _approximate(text, m):
                    out[k] = -1
    return out


def _usual(mentions: list[Mention]) -> dict[str, int]:
    """unit → the decimals printed by at least 60% of the non-zero money figures of that unit."""
    by_unit: dict[str, Counter] = {}
    for m in mentions:
        if m.kind == "money" and m.value != 0:
            by_unit.setdefault(m.unit, Counter())[m.decimals] += 1
    out = {}
    for unit, counts in by_unit.items():
        d, n = counts.most_common(1)[0]
        if n >= 5 and n >= 0.6 * sum(counts.values()):
            out[unit] = d
    return out


def _approximate(text: str, m: Mention) -> bool:
    return bool(_APPROX.search(text[max(0, m.start - 3) : m.start]) or _APPROX_AFTER.match(text[m.end : m.end + 3]))
