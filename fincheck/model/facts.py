"""The facts frame: one row per figure read, whatever the source (schema and constructor).

Every stage that reads figures builds its facts with :func:`make_facts`, which fills every
column with its dtype (or its default) and raises on an unknown or missing required column, so
that the sources cannot drift apart in what a fact holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .framespec import Check, Col, FrameSpec
from .location import Location, as_location

ROLES = ["amount", "share", "rate", "growth", "count", "score", "change"]

_str = Col("str")


def _is_location(series: pd.Series) -> pd.Series:
    return series.map(lambda v: isinstance(v, dict) and bool(v))


FACTS = FrameSpec(
    "facts",
    {
        "report": _str,
        "table": _str,
        "table_type": _str,
        "row": Col("int64"),
        "parent": Col("int64"),  # -1: no parent
        "partial": Col("bool"),  # a 其中 sub-item: part of the parent, not exhaustive
        "item": _str,
        "label": _str,
        "code": _str,
        "column": _str,
        "role": Col("str", (Check(isin=tuple(ROLES)),)),
        "value": Col("float64", nullable=True),  # NaN: the cell is blank (not stated)
        "decimals": Col("int64", (Check(ge=-1),)),  # -1: exact
        "unit": _str,
        "scale": Col("float64", (Check(gt=0),)),
        "base": _str,  # share / rate base expression, "" for the default
        "of": _str,  # percentages: the amount column(s) they are computed from ("num" or "num/den")
        "loc": _str,
        "location": Col("object", (Check(test=_is_location, error="location must be a dict"),)),
    },
    strict=True,
    unique=("report", "table", "row", "column"),
)

FACT_COLUMNS = list(FACTS.columns)
_DTYPES = {
    "row": "int64",
    "parent": "int64",
    "partial": "bool",
    "value": "float64",
    "decimals": "int64",
    "scale": "float64",
    "location": "object",
}
#: columns a fact cannot do without
REQUIRED = ("report", "table", "row", "column", "value", "location")
#: what an omitted column holds
DEFAULTS: dict[str, Any] = {
    "table_type": "tidy",
    "parent": -1,
    "partial": False,
    "item": "",
    "label": "",
    "code": "",
    "role": "amount",
    "decimals": -1,
    "unit": "",
    "scale": 1.0,
    "base": "",
    "of": "",
}


def make_facts(**columns: Any) -> pd.DataFrame:
    """The facts frame from columns (scalars are repeated; ``location`` is a sequence of
    :class:`Location` or location dicts). ``loc`` defaults to each location's short form."""
    unknown = sorted(set(columns) - set(FACT_COLUMNS))
    if unknown:
        raise ValueError(f"not a facts column: {', '.join(unknown)}")
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ValueError(f"facts need the column(s): {', '.join(missing)}")
    locations = [as_location(x) for x in columns["location"]]
    n = len(locations)
    data: dict[str, Any] = {}
    for name in FACT_COLUMNS:
        if name == "location":
            dicts = np.empty(n, dtype=object)
            dicts[:] = [x.to_dict() for x in locations]
            data[name] = dicts
            continue
        if name == "loc" and "loc" not in columns:
            value: Any = [x.short() for x in locations]
        else:
            value = columns.get(name, DEFAULTS.get(name))
        data[name] = _column(name, value, n)
    return pd.DataFrame(data, columns=FACT_COLUMNS)


def _column(name: str, value: Any, n: int) -> Any:
    """One facts column of ``n`` values in its dtype (a scalar repeated, or a sequence), as an
    array: a frame built from arrays costs a fifth of one built from Series cast one by one."""
    dtype = _DTYPES.get(name, "str")
    if isinstance(value, str) or not isinstance(value, Iterable):
        value = [value] * n
    elif not isinstance(value, np.ndarray):
        value = list(value)
    if len(value) != n:
        raise ValueError(f"facts column {name!r} has {len(value)} values for {n} locations")
    if dtype != "str":
        return np.asarray(value, dtype=dtype)
    if all(type(v) is str for v in value):
        return pd.array(value, dtype="str")
    return pd.Series(value).astype("str").array  # numbers or missing values, cast as pandas does


def facts_from_rows(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """:func:`make_facts` over rows given as dicts (each with the same keys)."""
    if not rows:
        return make_facts(report=[], table=[], row=[], column=[], value=[], location=[])
    keys = list(rows[0])
    return make_facts(**{k: [r[k] for r in rows] for k in keys})


def empty_facts() -> pd.DataFrame:
    return facts_from_rows([])


def typed_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts concatenated from several sources, re-indexed and with every column's dtype."""
    facts = facts.reset_index(drop=True)
    return facts.astype({c: _DTYPES.get(c, "str") for c in FACT_COLUMNS if c != "location"})


__all__ = ["DEFAULTS", "FACTS", "FACT_COLUMNS", "REQUIRED", "ROLES", "Location", "empty_facts", "make_facts"]
