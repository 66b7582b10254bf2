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

from ..model.location import format_location, place_of
from ..schemas import CHECK_COLUMNS

#: how a text cell that a spreadsheet program would run as a formula starts
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def jsonable(value: Any) -> Any:
    """A value of a checks frame as JSON has it (NaN and infinities → null, numpy → Python)."""
    if isinstance(value, float):  # numpy's float64 is a float too: given back as a Python float
        return None if math.isnan(value) or math.isinf(value) else float(value)
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


def check_rows(report, all_checks: bool = True, lang: str | None = None) -> list[list]:
    """The checks as CSV rows, in the report language (locations, severities, statuses, notes)."""
    from .labels import cell_text, lang_of, rule_titles

    L = lang_of(report, lang)
    checks = report.checks if all_checks else report.findings
    titles = rule_titles(report, L)
    rows = []
    for rec in checks[CHECK_COLUMNS].itertuples(index=False):
        d = rec._asdict()
        d["name"] = titles.get(d["name"], d["name"])
        d["location"] = place_of(d["location"], d["related"], L)
        d["related"] = "; ".join(format_location(x, L) for x in d["related"])
        rows.append(
            [
                defuse(cell_text(c, jsonable(d[c]), L))
                if c not in ("stated", "expected", "difference", "tolerance")
                else jsonable(d[c])
                for c in CHECK_COLUMNS
            ]
        )
    return rows


def to_csv(report, all_checks: bool = True, lang: str | None = None) -> str:
    """One row per check; the header and the renderer's words in the report language (the JSON
    output keeps the contract's column names and codes)."""
    from .labels import headers, lang_of

    L = lang_of(report, lang)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers(CHECK_COLUMNS, L))
    for row in check_rows(report, all_checks, L):
        writer.writerow(
            ["" if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v) for v in row]
        )
    return buf.getvalue()
