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
    assert lines[0].split()[:3] == ["1", "GEN003", "错误"] and lines[1].split()[1] == "GEN004"
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


def test_statistics_speak_the_report_language():
    proc = run_cli(EXAMPLE, "--statistics", "--lang", "en")
    assert proc.stdout.splitlines()[0].split()[:3] == ["1", "GEN003", "error"]


def test_a_batch_ends_with_failures_by_rule_and_by_report(tmp_path):
    import shutil

    for name in ("a", "b"):
        shutil.copy(EXAMPLE, tmp_path / f"{name}.xlsx")
    write_csv(tmp_path / "c.csv", "项目,金额\n合计,10.00\n  A,4.00\n  B,6.00\n")
    out = run_cli(".", "--lang", "en", cwd=tmp_path).stdout  # short paths: lines do not fold
    by_rule = out.index("failures by rule:")
    by_report = out.index("by report:")
    assert by_rule < by_report < out.index("3 sources")
    block = out[by_rule:by_report].splitlines()[1:]
    assert [line.split()[:2] for line in block] == [["2", "GEN003"], ["2", "GEN004"]]
    reports = out[by_report:].splitlines()[1:4]
    assert reports[0].split()[0] == "2" and "a.xlsx" in reports[0] and "26 checks, 2 failing" in reports[0]
    assert reports[2].split()[0] == "0" and "c.csv" in reports[2]
    zh = run_cli(".", "--lang", "zh", cwd=tmp_path).stdout
    assert "按规则统计不符：" in zh and "按报告统计：" in zh and "26 项校验，2 项不符" in zh
    single = run_cli(EXAMPLE).stdout
    assert "按报告统计" not in single
