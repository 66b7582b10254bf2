"""Tolerance edges: a value exactly at the rounding boundary passes, one unit beyond fails."""

from __future__ import annotations

import pytest

import fincheck

from .helpers import write_csv


def _status(tmp_path, text, rule):
    report = fincheck.check(write_csv(tmp_path / "t.csv", text), select=[rule])
    checks = report.checks[report.checks["rule"] == rule]
    assert len(checks) == 1, checks
    return checks.iloc[0]


@pytest.mark.parametrize(
    ("total", "part", "status"),
    [
        ("10.0", "10.1", "pass"),  # 10.05 prints 10.1 (half-up) or 10.0 (half-even): at the boundary
        ("10.1", "10.0", "pass"),
        ("10.0", "10.2", "fail"),  # one unit beyond
        ("10.00", "10.01", "pass"),  # 10.005: the boundary at two decimals
        ("10.00", "10.02", "fail"),
        ("3973.46", "3973.45", "pass"),
    ],
)
def test_sum_boundary(tmp_path, total, part, status):
    row = _status(tmp_path, f"项目,金额\n合计,{total}\n  A,{part}\n", "GEN001")
    assert row["status"] == status
    if status == "pass" and total != part:
        assert row["note"] == "rounding gap"


def test_two_rounded_parts_widen_the_interval(tmp_path):
    # 3877.96 + 95.49 = 3973.45; the total 3973.46 is explained by the parts' rounding (±0.015)
    row = _status(tmp_path, "项目,金额\n资产,3973.46\n  流动资产,3877.96\n  固定资产净值,95.49\n", "GEN001")
    assert row["status"] == "pass"
    assert row["tolerance"] == pytest.approx(0.015)
    row = _status(tmp_path, "项目,金额\n资产,3973.47\n  流动资产,3877.96\n  固定资产净值,95.49\n", "GEN001")
    assert row["status"] == "fail"
    assert row["severity"] == "warning"  # within one unit of the last digit
    row = _status(tmp_path, "项目,金额\n资产,3973.56\n  流动资产,3877.96\n  固定资产净值,95.49\n", "GEN001")
    assert (row["status"], row["severity"]) == ("fail", "error")


@pytest.mark.parametrize(
    ("stated", "status"),
    [("12%", "pass"), ("13%", "pass"), ("11%", "fail"), ("14%", "fail"), ("12.50%", "pass"), ("12.52%", "fail")],
)
def test_share_boundary(tmp_path, stated, status):
    # 1.000 / 8.000 = 12.5%: "12%" and "13%" both round it; "12.52%" is beyond ±0.005 + the operands' rounding
    row = _status(tmp_path, f"项目,金额,占比\n合计,8.000,\n  A,1.000,{stated}\n  B,7.000,\n", "GEN003")
    assert row["status"] == status


def test_rate_zero_over_zero_is_not_an_error(tmp_path):
    row = _status(tmp_path, "项目,全年预算数,执行数,执行率\n培训费,0.00,0.00,0.00%\n", "GEN005")
    assert (row["status"], row["note"]) == ("pass", "0/0")
    row = _status(tmp_path, "项目,全年预算数,执行数,执行率\n培训费,0.00,5.00,100.00%\n", "GEN005")
    assert (row["status"], row["note"]) == ("skip", "zero base")


def test_units_scale_across_tables(tmp_path):
    from fincheck.template import write_tidy_workbook

    p = write_tidy_workbook(
        tmp_path / "u.xlsx",
        {
            "甲": "单位：万元\n项目,决算数\n合计,2.00\n  项目支出,1.23\n  基本支出,0.77",
            "乙": "单位：元\n项目,执行数\n项目支出,12399.00\n  X,12399.00",
        },
    )
    report = fincheck.check(p, select=["GEN007"])
    row = report.checks.iloc[0]
    # 1.23 万元 = 12300 元 ± 50; 12399.00 元 is beyond it (12345.67 would not be)
    assert row["status"] == "fail"
    assert row["stated"] == pytest.approx(12399.0) and row["expected"] == pytest.approx(12300.0)
