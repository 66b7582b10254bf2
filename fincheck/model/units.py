"""Units of printed figures: money units and their scale, unit lines, a printed figure's rounding.

The one home of this knowledge: table recognisers, the text stage and the engine all ask here.
"""

from __future__ import annotations

import re

import numpy as np

#: money units, longest first (so 万元 is not read as 元), with their multiplier to 元
MONEY_SCALE: dict[str, float] = {"万亿元": 1e12, "亿元": 1e8, "万元": 1e4, "千元": 1e3, "元": 1.0}
MONEY_UNITS: tuple[str, ...] = tuple(MONEY_SCALE)
#: traditional spellings read as their simplified unit
_VARIANTS = {"萬元": "万元", "億元": "亿元", "萬億元": "万亿元"}
#: units a unit line may name besides money
OTHER_UNITS: tuple[str, ...] = ("%", "个", "户", "人", "项")

_UNITS = "|".join(re.escape(u) for u in (*MONEY_UNITS, *OTHER_UNITS))
#: "单位：万元", "金额单位：元", "计量单位：个" (spaces removed first); group 1 is the unit
UNIT_LINE = re.compile(rf"(?:金额|计量)?单位[:：]({_UNITS})")
#: the same, or an English "unit: X" (group 2) as tidy workbooks may write it
UNIT_LINE_OR_ENGLISH = re.compile(rf"(?:金额|计量)?单位[:：]({_UNITS})|unit\s*[:：]\s*(\S+)", re.I)


def canonical_unit(unit: str) -> str:
    unit = unit.strip()
    return _VARIANTS.get(unit, unit)


def unit_scale(unit: str) -> float:
    """Multiplier to the base unit (元 for money; 1 for counts, % and unknown units)."""
    return MONEY_SCALE.get(canonical_unit(unit), 1.0)


def is_money(unit: str) -> bool:
    return canonical_unit(unit) in MONEY_SCALE


def unit_of_line(text: str, english: bool = False) -> str:
    """The unit a unit line names ("单位：万元" → "万元"), or "" when the text names none."""
    m = (UNIT_LINE_OR_ENGLISH if english else UNIT_LINE).search(text.replace(" ", ""))
    if not m:
        return ""
    return (m.group(1) or (m.group(2) if english else "") or "").strip()


def half_unit(decimals):
    """Half a unit of the last printed digit (a figure printed with d decimals stands for
    [v − h, v + h], h = 0.5·10^−d); decimals < 0 means exact. Scalars give a float, arrays an array."""
    d = np.asarray(decimals, dtype="float64")
    h = np.where(d < 0, 0.0, 0.5 * np.power(10.0, -np.clip(d, 0, 15)))
    return float(h) if h.ndim == 0 else h
