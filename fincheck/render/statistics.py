"""``--statistics``: open findings counted by rule, most frequent first (as ruff prints them)."""

from __future__ import annotations

import pandas as pd

from ..plurals import agree


def rule_counts(checks: pd.DataFrame) -> pd.DataFrame:
    """Failing checks (not accepted by a baseline) by rule: ``count``, ``rule``, ``name``, ``severity``."""
    fails = checks[checks["status"] == "fail"]
    if "accepted" in fails.columns:
        fails = fails[~fails["accepted"]]
    counts = fails.groupby(["rule", "name", "severity"], as_index=False).size().rename(columns={"size": "count"})
    return counts.sort_values(["count", "rule"], ascending=[False, True], kind="stable")[
        ["count", "rule", "name", "severity"]
    ].reset_index(drop=True)


def statistics_text(report, lang: str | None = None) -> str:
    """One line per rule: count, code, severity and the rule's title, in the report's language."""
    from .labels import label, lang_of

    L = lang_of(report, lang)
    counts = rule_counts(report.checks)
    if counts.empty:
        return ""
    width = len(str(counts["count"].max()))
    sev_width = max(len(label(s, L)) for s in counts["severity"])
    titles = {r.code: r.text("title", L) for r in getattr(report, "rules", None) or ()}
    return "\n".join(
        f"{n:>{width}}  {rule}  {label(severity, L):<{sev_width}}  {titles.get(rule) or name}"
        for n, rule, name, severity in counts.itertuples(index=False)
    )


def passing_by_rule(checks: pd.DataFrame) -> str:
    """Passing checks as ``GEN001 ×12, GEN003 ×4`` (what ``--all`` shows unless ``--verbose``)."""
    passes = checks[checks["status"] == "pass"]
    counts = passes.groupby("rule").size()
    return ", ".join(f"{rule} ×{n}" for rule, n in counts.items())


#: the batch summary's words
WORDS = {
    "by_rule": {"zh": "按规则统计不符：", "en": "failures by rule:"},
    "by_report": {"zh": "按报告统计：", "en": "by report:"},
    "report_line": {"zh": "{checks} 项校验，{fails} 项不符", "en": "{checks} check(s), {fails} failing"},
    "unreadable": {"zh": "无法读取（{code}，见上）", "en": "could not be read ({code}, see above)"},
    "none": {"zh": "（无）", "en": "(none)"},
}


def report_counts(checks: pd.DataFrame, sources, lang: str = "en") -> pd.DataFrame:
    """Per source (report file): ``checks`` and open ``fails``, most failures first; unreadable
    files have their ``error_code`` (the line above the summary says the error)."""
    fails = checks["status"] == "fail"
    if "accepted" in checks.columns:
        fails &= ~checks["accepted"].astype(bool)
    per = pd.DataFrame({"source": checks["source"].astype(str), "fail": fails}).groupby("source")["fail"]
    n_checks, n_fails = per.size(), per.sum()
    rows = pd.DataFrame(
        {
            "source": [s.path for s in sources],
            "checks": [int(n_checks.get(s.path, 0)) for s in sources],
            "fails": [int(n_fails.get(s.path, 0)) for s in sources],
            "error_code": [(s.error_code or "E000") if s.error else "" for s in sources],
        }
    )
    return rows.sort_values(["fails", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def batch_summary(report, lang: str) -> str:
    """After a batch (two or more files): open failures by rule, then each report's counts."""
    word = {k: v.get(lang, v["en"]) for k, v in WORDS.items()}
    lines = [word["by_rule"]]
    lines += ["  " + line for line in (statistics_text(report, lang) or word["none"]).splitlines()]
    lines.append(word["by_report"])
    rows = report_counts(report.checks, report.sources, lang)
    width = len(str(rows["fails"].max())) if len(rows) else 1
    for source, checks, fails, code in rows.itertuples(index=False):
        what = (  # an unreadable file: its code, which its own line above says with the error
            word["unreadable"].format(code=code)
            if code
            else agree(word["report_line"].format(checks=checks, fails=fails), lang)
        )
        lines.append(f"  {fails:>{width}}  {source}  {what}")
    return "\n".join(lines)
