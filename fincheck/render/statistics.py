"""``--statistics``: open findings counted by rule, most frequent first (as ruff prints them)."""

from __future__ import annotations

import pandas as pd


def rule_counts(checks: pd.DataFrame) -> pd.DataFrame:
    """Failing checks (not accepted by a baseline) by rule: ``count``, ``rule``, ``name``, ``severity``."""
    fails = checks[checks["status"] == "fail"]
    if "accepted" in fails.columns:
        fails = fails[~fails["accepted"]]
    counts = fails.groupby(["rule", "name", "severity"], as_index=False).size().rename(columns={"size": "count"})
    return counts.sort_values(["count", "rule"], ascending=[False, True], kind="stable")[
        ["count", "rule", "name", "severity"]
    ].reset_index(drop=True)


def statistics_text(report) -> str:
    counts = rule_counts(report.checks)
    if counts.empty:
        return ""
    width = len(str(counts["count"].max()))
    return "\n".join(
        f"{n:>{width}}  {rule}  {severity:<7}  {name}" for n, rule, name, severity in counts.itertuples(index=False)
    )


def passing_by_rule(checks: pd.DataFrame) -> str:
    """Passing checks as ``GEN001 ×12, GEN003 ×4`` (what ``--all`` shows unless ``--verbose``)."""
    passes = checks[checks["status"] == "pass"]
    counts = passes.groupby("rule").size()
    return ", ".join(f"{rule} ×{n}" for rule, n in counts.items())
