"""Schemas of the pipeline's frames: cells, facts, tables and checks.

Each is a :class:`~fincheck.model.framespec.FrameSpec`: ``X.schema`` is its pandera schema,
``X.validate(frame)`` a cheap pass that calls pandera only when the frame does not conform.
Every stage validates what it hands on. A schema failure on input data becomes a finding or
a clear :class:`~fincheck.errors.InputError`; a schema failure between internal stages is a
bug in fincheck and raises.
"""

from __future__ import annotations

import pandas as pd

from .model.facts import FACTS, ROLES, empty_facts
from .model.framespec import Check, Col, FrameSpec

SEVERITIES = ["error", "warning", "info"]
STATUSES = ["pass", "fail", "skip"]

_str = Col("str")


CELLS = FrameSpec(
    "cells",
    {
        "row": Col("int64", (Check(ge=1),)),
        "col": Col("int64", (Check(ge=1),)),
        "cell": Col("str", (Check(matches=r"^[A-Z]{1,3}[0-9]+$"),)),
        "text": _str,
        "number": Col("float64", nullable=True),
        "decimals": Col("int64", (Check(ge=-1),)),
        "percent": Col("bool"),
        "hidden": Col("bool"),
    },
    strict=True,
)

TABLES = FrameSpec(
    "tables",
    {
        "report": _str,
        "table": _str,
        "table_type": _str,
        "title": _str,
        "sheet": _str,
        "range": _str,
        "unit": _str,
        "rows": Col("int64", (Check(ge=0),)),
        "columns": _str,
        "note": _str,
    },
    strict=True,
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

CHECKS = FrameSpec(
    "checks",
    {
        "rule": Col("str", (Check(matches=r"^[A-Z]{2,4}[0-9]{3}$"),)),
        "name": _str,
        "severity": Col("str", (Check(isin=tuple(SEVERITIES)),)),
        "status": Col("str", (Check(isin=tuple(STATUSES)),)),
        "note": _str,
        "message": _str,
        "stated": Col("float64", nullable=True),
        "expected": Col("float64", nullable=True),
        "difference": Col("float64", nullable=True),
        "tolerance": Col("float64", nullable=True),
        "unit": _str,
        "source": _str,
        "table": Col("str", nullable=True),
        "location": Col("object"),
        "related": Col("object"),
        # flat location columns a Report adds beside ``location`` (fincheck.frames), and the
        # marks a baseline adds (fincheck.baseline); none is part of the JSON contract's fields
        "sheet": Col("str", nullable=True, required=False),
        "cell": Col("str", nullable=True, required=False),
        "page": Col("Int64", nullable=True, required=False),
        "line": Col("Int64", nullable=True, required=False),
        "start": Col("Int64", nullable=True, required=False),
        "end": Col("Int64", nullable=True, required=False),
        "row": Col("Int64", nullable=True, required=False),
        "col": Col("Int64", nullable=True, required=False),
        "accepted": Col("bool", required=False),
        "accepted_reason": Col("str", required=False),
    },
    strict=True,
    ordered=True,
)


def empty_checks() -> pd.DataFrame:
    return pd.DataFrame(
        {
            name: pd.Series(dtype="str" if CHECKS.columns[name].dtype == "str" else CHECKS.columns[name].dtype)
            for name in CHECK_COLUMNS
        }
    )


__all__ = ["CELLS", "CHECKS", "CHECK_COLUMNS", "FACTS", "ROLES", "TABLES", "empty_checks", "empty_facts"]
