"""What a table recogniser returns: the table's description, its facts and schema issues."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

UNIT_SCALE = {"元": 1.0, "千元": 1e3, "万元": 1e4, "亿元": 1e8, "萬元": 1e4, "億元": 1e8}


def unit_scale(unit: str) -> float:
    """Multiplier to the base unit (元 for money; 1 for counts, % and unknown units)."""
    return UNIT_SCALE.get(unit.strip(), 1.0)


@dataclass
class Table:
    report: str
    table: str
    table_type: str
    title: str
    sheet: str
    range: str
    unit: str
    rows: int
    columns: str
    note: str = ""


@dataclass
class SchemaIssue:
    """Input data that breaks a table's schema, reported as a failing check of an SCH rule."""

    rule: str
    path: str
    table: str | None
    location: dict
    message: str
    severity: str | None = None


@dataclass
class Recognised:
    table: Table
    facts: pd.DataFrame
    issues: list[SchemaIssue] = field(default_factory=list)
