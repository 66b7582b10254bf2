"""Markdown pipe tables in .md / .txt go through the table recognisers, located by line."""

from __future__ import annotations

import fincheck

DOC = """# 部门决算说明

一般公共服务支出1250.00万元，其中基本支出1000.00万元，项目支出250.00万元。

支出决算表

单位：万元

| 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |
|---|---|---|---|---|
| 合计 | 合计 | 1250.00 | 1000.00 | 250.00 |
| 201 | 一般公共服务支出 | 1250.00 | 1000.00 | 250.00 |
| 20101 | 人大事务 | {x} | 1000.00 | 250.00 |
"""


def test_published_table_in_markdown(tmp_path):
    p = tmp_path / "r.md"
    p.write_text(DOC.format(x="1250.00"), encoding="utf-8")
    ok = fincheck.check(p)
    assert not ok.errors
    assert "final.expense" in set(ok.tables["table_type"])
    assert ok.findings.empty, ok.findings[["rule", "message"]]
    assert (ok.checks["rule"].str.startswith("FIN") & (ok.checks["status"] == "pass")).sum() >= 6

    p.write_text(DOC.format(x="1240.00"), encoding="utf-8")
    bad = fincheck.check(p)
    lines = {
        (c["rule"][:3], c["location"]["line"], c["location"]["quote"])
        for c in bad.to_dict()["checks"]
        if c["status"] == "fail"
    }
    assert ("FIN", 13, "1240.00") in lines


def test_tidy_markdown_table_and_prose_are_both_checked():
    text = "资产合计100.00万元，其中流动资产60.00万元、固定资产40.00万元。\n\n| 项目 | 金额 |\n|---|---|\n| 合计 | 100.00 |\n| 甲 | 60.00 |\n"
    report = fincheck.check_text(text)
    fails = report.findings
    assert list(fails["rule"]) == ["GEN001"]
    assert fails["location"].iloc[0]["line"] == 5
    assert (report.checks["rule"].str.startswith("TXT")).any()
