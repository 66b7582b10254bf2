"""pandera schemas of the pipeline's frames: cells, facts, tables and checks.

Every stage validates what it hands on. A schema failure on input data becomes a finding or
a clear :class:`~fincheck.errors.InputError`; a schema failure between internal stages is a
bug in fincheck and raises.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

ROLES = ["amount", "share", "rate", "growth", "count", "score", "change"]
SEVERITIES = ["error", "warning", "info"]
STATUSES = ["pass", "fail", "skip"]

_str = pa.Column(str)


def _is_location(series: pd.Series) -> pd.Series:
    return series.map(lambda v: isinstance(v, dict) and bool(v))


CELLS = pa.DataFrameSchema(
    {
        "row": pa.Column("int64", pa.Check.ge(1)),
        "col": pa.Column("int64", pa.Check.ge(1)),
        "cell": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{1,3}[0-9]+$")),
        "text": _str,
        "number": pa.Column("float64", nullable=True),
        "decimals": pa.Column("int64", pa.Check.ge(-1)),
        "percent": pa.Column(bool),
        "hidden": pa.Column(bool),
    },
    strict=True,
    name="cells",
)

FACTS = pa.DataFrameSchema(
    {
        "report": _str,
        "table": _str,
        "table_type": _str,
        "row": pa.Column("int64"),
        "parent": pa.Column("int64"),  # -1: no parent
        "partial": pa.Column(bool),  # a 其中 sub-item: part of the parent, not exhaustive
        "item": _str,
        "label": _str,
        "code": _str,
        "column": _str,
        "role": pa.Column(str, pa.Check.isin(ROLES)),
        "value": pa.Column("float64", nullable=True),  # NaN: the cell is blank (not stated)
        "decimals": pa.Column("int64", pa.Check.ge(-1)),  # -1: exact
        "unit": _str,
        "scale": pa.Column("float64", pa.Check.gt(0)),
        "base": _str,  # share / rate base expression, "" for the default
        "of": _str,  # percentages: the amount column(s) they are computed from ("num" or "num/den")
        "loc": _str,
        "location": pa.Column(object, pa.Check(_is_location, element_wise=False, error="location must be a dict")),
    },
    strict=True,
    unique=["report", "table", "row", "column"],
    name="facts",
)

TABLES = pa.DataFrameSchema(
    {
        "report": _str,
        "table": _str,
        "table_type": _str,
        "title": _str,
        "sheet": _str,
        "range": _str,
        "unit": _str,
        "rows": pa.Column("int64", pa.Check.ge(0)),
        "columns": _str,
        "note": _str,
    },
    strict=True,
    name="tables",
)

CHECK_COLUMNS = [
    "rule",
    "name",
    "severity",
    "status",
    "note",
    "message",
    "stated",
    "expected",
    "difference",
    "tolerance",
    "unit",
    "source",
    "table",
    "location",
    "related",
]

CHECKS = pa.DataFrameSchema(
    {
        "rule": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2,4}[0-9]{3}$")),
        "name": _str,
        "severity": pa.Column(str, pa.Check.isin(SEVERITIES)),
        "status": pa.Column(str, pa.Check.isin(STATUSES)),
        "note": _str,
        "message": _str,
        "stated": pa.Column("float64", nullable=True),
        "expected": pa.Column("float64", nullable=True),
        "difference": pa.Column("float64", nullable=True),
        "tolerance": pa.Column("float64", nullable=True),
        "unit": _str,
        "source": _str,
        "table": pa.Column(str, nullable=True),
        "location": pa.Column(object),
        "related": pa.Column(object),
    },
    strict=True,
    ordered=True,
    name="checks",
)


def empty_facts() -> pd.DataFrame:
    frame = pd.DataFrame(
        {name: pd.Series(dtype=col.dtype.type if col.dtype else object) for name, col in FACTS.columns.items()}
    )
    return frame


def empty_checks() -> pd.DataFrame:
    return pd.DataFrame(
        {
            name: pd.Series(dtype=CHECKS.columns[name].dtype.type if CHECKS.columns[name].dtype else object)
            for name in CHECK_COLUMNS
        }
    )
