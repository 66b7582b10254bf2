"""A relation bound by two rules is checked once, under the more specific rule."""

from __future__ import annotations

import fincheck

from .helpers import write_csv

TABLE = """
收入决算表
单位：万元
编码,项目,本年收入合计,财政拨款收入,其他收入
201,一般公共服务支出,2112.86,2106.66,6.20
20106,财政事务,2112.86,2106.66,6.20
2010601,行政运行,1511.90,1511.89,0.01
2010602,一般行政管理事务,{x},10.00,6.19
2010650,事业运行,135.25,135.25,0
2010699,其他财政事务支出,449.52,449.52,0
"""


def test_hierarchy_reported_once_under_the_table_rule(tmp_path):
    ok = fincheck.check(write_csv(tmp_path / "ok.csv", TABLE.format(x="16.19")))
    assert ok.findings.empty, ok.findings[["rule", "message"]]
    sums = ok.checks[ok.checks["stated"] == 2112.86]
    assert "GEN001" not in set(sums["rule"])  # the table's own hierarchy rule took it
    bad = fincheck.check(write_csv(tmp_path / "bad.csv", TABLE.format(x="26.19")))
    at = bad.findings[bad.findings["location"].map(lambda loc: loc.get("cell")) == "C5"]
    assert len(at) == 1  # 财政事务 本年收入合计: one finding, not one per rule
    assert at["rule"].iloc[0] != "GEN001"


def test_generic_rule_still_checks_tidy_tables(tmp_path):
    report = fincheck.check(write_csv(tmp_path / "t.csv", "项目,金额\n合计,3.00\n  A,1.00\n  B,1.00\n"))
    assert list(report.findings["rule"]) == ["GEN001"]
