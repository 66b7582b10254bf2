"""CSV output: one row per check, UTF-8 with BOM (so Excel opens Chinese correctly), with cells
that start like a formula written as text."""

from __future__ import annotations

import csv
import io
import json

from ..schemas import CHECK_COLUMNS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value):
    """Protect a text cell against formula injection in spreadsheet programs."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def check_rows(report, all_checks: bool = True) -> list[list]:
    from ..report import _jsonable, format_location

    checks = report.checks if all_checks else report.findings
    rows = []
    for rec in checks[CHECK_COLUMNS].itertuples(index=False):
        d = rec._asdict()
        d["location"] = format_location(d["location"])
        d["related"] = "; ".join(format_location(x) for x in d["related"])
        rows.append(
            [
                defuse(_jsonable(d[c]))
                if c not in ("stated", "expected", "difference", "tolerance")
                else _jsonable(d[c])
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
