"""CSV output: one row per check, UTF-8 with BOM (so Excel opens Chinese correctly), with cells
that start like a formula written as text."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import numpy as np
import pandas as pd

from ..model.location import format_location
from ..schemas import CHECK_COLUMNS

#: how a text cell that a spreadsheet program would run as a formula starts
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def jsonable(value: Any) -> Any:
    """A value of a checks frame as JSON has it (NaN and infinities → null, numpy → Python)."""
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, np.floating):
        return jsonable(float(value))
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if value is pd.NA or value is None:
        return None
    return value


def defuse(value):
    """Protect a text cell against formula injection in spreadsheet programs."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def check_rows(report, all_checks: bool = True) -> list[list]:
    checks = report.checks if all_checks else report.findings
    rows = []
    for rec in checks[CHECK_COLUMNS].itertuples(index=False):
        d = rec._asdict()
        d["location"] = format_location(d["location"])
        d["related"] = "; ".join(format_location(x) for x in d["related"])
        rows.append(
            [
                defuse(jsonable(d[c])) if c not in ("stated", "expected", "difference", "tolerance") else jsonable(d[c])
                for c in CHECK_COLUMNS
            ]
        )
    return rows


def to_csv(report, all_checks: bool = True) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CHECK_COLUMNS)
    for row in check_rows(report, all_checks):
        writer.writerow(
            ["" if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v) for v in row]
        )
    return buf.getvalue()
