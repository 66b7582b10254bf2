"""Units of table figures (the recogniser's result types live in :mod:`fincheck.model.document`)."""

from __future__ import annotations

from ..model.document import Recognised, SchemaIssue, Table

UNIT_SCALE = {"元": 1.0, "千元": 1e3, "万元": 1e4, "亿元": 1e8, "萬元": 1e4, "億元": 1e8}


def unit_scale(unit: str) -> float:
    """Multiplier to the base unit (元 for money; 1 for counts, % and unknown units)."""
    return UNIT_SCALE.get(unit.strip(), 1.0)


__all__ = ["UNIT_SCALE", "Recognised", "SchemaIssue", "Table", "unit_scale"]
