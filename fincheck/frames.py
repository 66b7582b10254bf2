"""Views of a report's checks that pandas can sort and group: flat location columns beside
the ``location`` dict, and a failure-cases frame with one row per failing operand.

The ``location`` and ``related`` values stay what the JSON contract says (a dict, a list of
dicts), as :class:`LocationDict` and :class:`RelatedList`: a dict and a list that can be
hashed and ordered, so ``sort_values("location")`` (in reading order: sheet, row, column;
page, line) and ``drop_duplicates()`` work on ``report.checks``, ``report.findings`` and
``report.facts``.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from .model.location import format_location, location_key

#: location keys copied into columns of their own (nullable); text ones are ``str``
FLAT_TEXT = ("sheet", "cell")
FLAT_INT = ("page", "line", "start", "end")
#: a cell's or a table cell's row and column number (``C9`` → 9, 3), for sorting in sheet order
FLAT_GRID = ("row", "col")
FLAT_COLUMNS = (*FLAT_TEXT, *FLAT_INT, *FLAT_GRID)

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


class LocationDict(dict):
    """A location dict that can be hashed (by its items) and ordered (in reading order).

    It is treated as a value: do not change it once it is in a frame."""

    __slots__ = ()

    def _key(self) -> tuple:
        return (location_key(self), json.dumps(self, sort_keys=True, ensure_ascii=False, default=str))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(json.dumps(self, sort_keys=True, ensure_ascii=False, default=str))

    def __lt__(self, other: object) -> bool:
        return self._key() < _as_location(other)._key() if isinstance(other, dict) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self == other or self < other

    def __gt__(self, other: object) -> bool:
        return self._key() > _as_location(other)._key() if isinstance(other, dict) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self == other or self > other


class RelatedList(list):
    """A list of location dicts that can be hashed (a check's ``related`` figures)."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(hash(_as_location(v)) if isinstance(v, dict) else hash(v) for v in self))


def _as_location(value: dict) -> LocationDict:
    return value if isinstance(value, LocationDict) else LocationDict(value)


def hashable_locations(facts: pd.DataFrame) -> pd.DataFrame:
    """``facts`` with its ``location`` dicts as :class:`LocationDict` (so ``drop_duplicates``,
    ``groupby`` and ``sort_values`` work on it); the frame itself when they already are."""
    if "location" not in facts.columns or not len(facts):
        return facts
    locs = facts["location"]
    if all(isinstance(v, LocationDict) for v in locs):
        return facts
    values = [_as_location(v) if isinstance(v, dict) else v for v in locs]
    return facts.assign(location=pd.Series(values, index=facts.index, dtype="object"))


def _cell_parts(cell: object) -> tuple[int | None, int | None]:
    """``C9`` → (9, 3); anything else → (None, None)."""
    match = _CELL.match(cell) if isinstance(cell, str) else None
    if not match:
        return None, None
    col = 0
    for ch in match.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)), col


def with_flat_locations(checks: pd.DataFrame) -> pd.DataFrame:
    """``checks`` with ``sheet``, ``cell``, ``page``, ``line``, ``start`` and ``end`` columns taken
    from ``location`` (missing where the location has no such part), ``row`` and ``col`` (of the
    cell, or of a PDF or Word table cell), and ``location``/``related`` hashable and ordered."""
    locs = [_as_location(loc) if isinstance(loc, dict) else LocationDict() for loc in checks["location"]]
    parts = pd.DataFrame(locs, index=checks.index)
    out: dict[str, object] = {}
    for key in FLAT_TEXT:
        col = parts[key] if key in parts.columns else pd.Series(None, index=checks.index, dtype="object")
        out[key] = col.astype("str").where(col.notna())
    for key in FLAT_INT:
        col = parts[key] if key in parts.columns else pd.Series(None, index=checks.index, dtype="object")
        out[key] = pd.to_numeric(col, errors="coerce").astype("Int64")
    grid = [_cell_parts(loc.get("cell")) if "cell" in loc else (loc.get("row"), loc.get("column")) for loc in locs]
    for i, key in enumerate(FLAT_GRID):
        out[key] = pd.to_numeric(pd.Series([g[i] for g in grid], index=checks.index, dtype="object"), errors="coerce")
        out[key] = out[key].astype("Int64")
    out["location"] = pd.Series(locs, index=checks.index, dtype="object")
    if "related" in checks.columns:
        out["related"] = pd.Series(
            [
                RelatedList(_as_location(v) if isinstance(v, dict) else v for v in (r if isinstance(r, list) else ()))
                for r in checks["related"]
            ],
            index=checks.index,
            dtype="object",
        )
    return checks.assign(**out)


def failure_cases(report) -> pd.DataFrame:
    """One row per failing operand, in the pandera style: ``check`` (row of ``report.checks``),
    ``rule``, ``severity``, ``source``, ``table``, ``role`` (``stated`` for the figure the
    finding is about, ``operand`` for one it was computed from), ``location`` (``资产!C9``),
    ``label``, ``column``, ``value`` and ``unit`` of the fact read there (missing when none).

    Figures read from a narrative or a PDF table are found by their location like cells are.
    A check whose place is one of its own operands (the shares that should add up to 100%)
    states no printed figure there: that place is an ``operand`` unless the figure read there
    is the stated value."""
    checks = report.checks
    fails = checks[checks["status"] == "fail"]
    rows = pd.DataFrame(
        {
            "check": fails.index,
            "rule": fails["rule"].to_numpy(),
            "severity": fails["severity"].to_numpy(),
            "source": fails["source"].to_numpy(),
            "table": fails["table"].to_numpy(),
            "stated_value": fails["stated"].to_numpy(),
            "where": [
                [("stated", loc, loc in rel), *(("operand", r, False) for r in rel if r != loc)]
                for loc, rel in zip(fails["location"], fails["related"], strict=True)
            ],
        }
    ).explode("where", ignore_index=True)
    rows = rows[rows["where"].notna()]
    rows = rows.assign(
        role=rows["where"].str[0].astype("str"),
        location=rows["where"].str[1].map(format_location).astype("str"),
        key=rows["where"].str[1].map(_match_key).astype("str"),
        anchor=rows["where"].str[2].astype(bool),
    ).drop(columns="where")
    facts = report.facts
    facts = pd.DataFrame(
        {
            "source": facts["report"].to_numpy(),
            "key": [_match_key(v) for v in facts["location"]] if "location" in facts else facts["loc"].to_numpy(),
            "label": facts["label"].to_numpy(),
            "column": facts["column"].to_numpy(),
            "value": facts["value"].to_numpy(),
            "unit": facts["unit"].to_numpy(),
        }
    ).drop_duplicates(["source", "key"])
    out = rows.merge(facts, on=["source", "key"], how="left")
    operand = out["anchor"] & ~(out["value"].astype("float64") == out["stated_value"].astype("float64"))
    out.loc[operand.to_numpy(bool), "role"] = "operand"
    columns = ["check", "rule", "severity", "source", "table", "role", "location", "label", "column", "value", "unit"]
    return out[columns].astype({"check": "int64", "value": "float64"}).reset_index(drop=True)


def _match_key(location: object) -> str:
    """A location as the text that matches a check's figure to the fact read there (the quote
    of a text span left out: the same span is the same figure)."""
    if not isinstance(location, dict):
        return str(location)
    return json.dumps(
        {k: v for k, v in location.items() if k != "quote"}, sort_keys=True, ensure_ascii=False, default=str
    )
