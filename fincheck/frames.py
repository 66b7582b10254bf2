"""Views of a report's checks that pandas can sort and group: flat location columns beside
the ``location`` dict, and a failure-cases frame with one row per failing operand."""

from __future__ import annotations

import pandas as pd

from .model.location import format_location

#: location keys copied into columns of their own (nullable); text ones are ``str``
FLAT_TEXT = ("sheet", "cell")
FLAT_INT = ("page", "line", "start", "end")
FLAT_COLUMNS = (*FLAT_TEXT, *FLAT_INT)


def with_flat_locations(checks: pd.DataFrame) -> pd.DataFrame:
    """``checks`` with ``sheet``, ``cell``, ``page``, ``line``, ``start`` and ``end`` columns taken
    from ``location`` (missing where the location has no such part)."""
    locs = checks["location"]
    parts = pd.DataFrame([loc if isinstance(loc, dict) else {} for loc in locs], index=checks.index)
    out = {}
    for key in FLAT_TEXT:
        col = parts[key] if key in parts.columns else pd.Series(None, index=checks.index, dtype="object")
        out[key] = col.astype("str").where(col.notna())
    for key in FLAT_INT:
        col = parts[key] if key in parts.columns else pd.Series(None, index=checks.index, dtype="object")
        out[key] = pd.to_numeric(col, errors="coerce").astype("Int64")
    return checks.assign(**out)


def failure_cases(report) -> pd.DataFrame:
    """One row per failing operand, in the pandera style: ``check`` (row of ``report.checks``),
    ``rule``, ``severity``, ``source``, ``table``, ``role`` (``stated`` for the figure the
    finding is about, ``operand`` for one it was computed from), ``location`` (``资产!C9``),
    ``label``, ``column``, ``value`` and ``unit`` of the fact read there (missing when none)."""
    checks = report.checks
    fails = checks[checks["status"] == "fail"]
    rows = pd.DataFrame(
        {
            "check": fails.index,
            "rule": fails["rule"].to_numpy(),
            "severity": fails["severity"].to_numpy(),
            "source": fails["source"].to_numpy(),
            "table": fails["table"].to_numpy(),
            "where": [
                [("stated", loc), *(("operand", r) for r in rel if r != loc)]
                for loc, rel in zip(fails["location"], fails["related"], strict=True)
            ],
        }
    ).explode("where", ignore_index=True)
    rows = rows[rows["where"].notna()]
    rows = rows.assign(
        role=rows["where"].str[0].astype("str"), location=rows["where"].str[1].map(format_location).astype("str")
    ).drop(columns="where")
    facts = report.facts[["report", "loc", "label", "column", "value", "unit"]].drop_duplicates(["report", "loc"])
    facts = facts.rename(columns={"report": "source", "loc": "location"})
    out = rows.merge(facts, on=["source", "location"], how="left")
    columns = ["check", "rule", "severity", "source", "table", "role", "location", "label", "column", "value", "unit"]
    return out[columns].astype({"check": "int64", "value": "float64"}).reset_index(drop=True)
