"""pandera schemas of the pipeline's frames: cells, facts, tables and checks.

Every stage validates what it hands on. A schema failure on input data becomes a finding or
a clear :class:`~fincheck.errors.InputError`; a schema failure between internal stages is a
bug in fincheck and raises.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .model.facts import FACTS, ROLES, empty_facts

SEVERITIES = ["error", "warning", "info"]
STATUSES = ["pass", "fail", "skip"]

_str = pa.Column(str)


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
        # flat location columns a Report adds beside ``location`` (fincheck.frames), and the
        # marks a baseline adds (fincheck.baseline); none is part of the JSON contract's fields
        "sheet": pa.Column(str, nullable=True, required=False),
        "cell": pa.Column(str, nullable=True, required=False),
        "page": pa.Column("Int64", nullable=True, required=False),
        "line": pa.Column("Int64", nullable=True, required=False),
        "start": pa.Column("Int64", nullable=True, required=False),
        "end": pa.Column("Int64", nullable=True, required=False),
        "row": pa.Column("Int64", nullable=True, required=False),
        "col": pa.Column("Int64", nullable=True, required=False),
        "accepted": pa.Column(bool, required=False),
        "accepted_reason": pa.Column(str, required=False),
    },
    strict=True,
    ordered=True,
    name="checks",
)


def empty_checks() -> pd.DataFrame:
    return pd.DataFrame(
        {
            name: pd.Series(dtype=CHECKS.columns[name].dtype.type if CHECKS.columns[name].dtype else object)
            for name in CHECK_COLUMNS
        }
    )


__all__ = ["CELLS", "CHECKS", "CHECK_COLUMNS", "FACTS", "ROLES", "TABLES", "empty_checks", "empty_facts"]
