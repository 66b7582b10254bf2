"""`--statistics` counts open findings by rule; `--all` groups passing checks unless `--verbose`."""

from __future__ import annotations

import fincheck
from fincheck.render.statistics import passing_by_rule, rule_counts

from .helpers import EXAMPLE, FINDINGS_TABLE, run_cli, write_csv


def test_rule_counts_most_frequent_first(tmp_path):
    src = write_csv(tmp_path / "t.csv", FINDINGS_TABLE + "  其中：差旅费,1.00,\n")
    report = fincheck.check(src)
    counts = rule_counts(report.checks)
    fails = report.findings
    assert counts["count"].sum() == len(fails)
    assert counts["count"].is_monotonic_decreasing
    assert dict(zip(counts["rule"], counts["count"], strict=True)) == fails["rule"].value_counts().to_dict()


def test_statistics_option_prints_one_line_per_rule():
    proc = run_cli(EXAMPLE, "--statistics")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["1", "GEN003", "error"] and lines[1].split()[1] == "GEN004"
    assert "26" in lines[-1]  # the summary line
    assert "资产!C9" not in proc.stdout


def test_all_groups_passing_checks_unless_verbose():
    report = fincheck.check(EXAMPLE)
    grouped = passing_by_rule(report.checks)
    assert "GEN001 ×11" in grouped
    short = run_cli(EXAMPLE, "--all").stdout
    assert "GEN001 ×11" in short and short.count("GEN001") == 1
    verbose = run_cli(EXAMPLE, "--all", "--verbose").stdout
    assert verbose.count("GEN001") == 11
