"""栏次 / 行次 rows under a published header are neither data nor column names."""

from __future__ import annotations

import fincheck

from .helpers import write_csv

EXPENSE = """
支出决算表
,,,,,,公开03表
部门：某区教育局,,,,,,单位：万元
项目,,本年支出合计,基本支出,项目支出,上缴上级支出,经营支出
功能分类科目编码,科目名称,,,,,
栏次,,1,2,3,4,5
合计,,{total},6729.79,925.50,,
205,教育支出,7655.29,6729.79,925.50,,
20501,教育管理事务,7655.29,6729.79,925.50,,
2050101,行政运行,6729.79,6729.79,,,
2050199,其他教育管理事务支出,925.50,,925.50,,
"""

SUMMARY = """
收入支出决算总表
,,,,,公开01表
收入,,,支出,,
项目,行次,金额,项目,行次,金额
栏次,,1,栏次,,2
一、一般公共预算财政拨款收入,1,7537.29,五、教育支出,32,7537.29
本年收入合计,9,7537.29,本年支出合计,40,7537.29
年初结转和结余,11,10.00,年末结转和结余,42,10.00
总计,13,7547.29,总计,44,7547.29
"""


def test_lanci_row_is_skipped_and_totals_still_checked(tmp_path):
    ok = fincheck.check(write_csv(tmp_path / "ok.csv", EXPENSE.format(total="7655.29")))
    assert ok.findings.empty, ok.findings[["rule", "location", "message"]]
    labels = set(ok.facts["label"])
    assert "栏次" not in labels
    bad = fincheck.check(write_csv(tmp_path / "bad.csv", EXPENSE.format(total="7665.29")))
    cells = {loc["cell"] for loc in bad.findings["location"]}
    assert cells == {"C7"}


def test_two_sided_table_with_line_numbers(tmp_path):
    report = fincheck.check(write_csv(tmp_path / "t1.csv", SUMMARY))
    assert report.findings.empty, report.findings[["rule", "location", "message"]]
    assert set(report.tables["table_type"]) == {"final.income_expense"}
    assert "行次" not in set(report.facts["column"])
    assert (report.checks["status"] == "pass").sum() >= 3
