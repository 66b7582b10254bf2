"""A Markdown table's |---| line is never a header nor a data row; a typed table that no
recogniser claims (or that has no header row) is no table recognised, and the prose reader of
flattened "|" cells does not sum its columns either."""

from __future__ import annotations

import fincheck

LIST = """# 资料清单

| 单位 | 类型 | 年度 | 份数 | 说明 |
|---|---|---|---|---|
| 东城 | 预算 | 2019 | 12 | 无 |
| 西城 | 决算 | 2020 | 3 | 无 |
| 南城 | 决算 | 2019 | 9 | 无 |
| 北城 | 资产 | 2021 | 3 | 无 |
"""

HEADERLESS = """# 表

|---|---|
| 合计 | 300.00 |
| 基本支出 | 200.00 |
| 项目支出 | 90.00 |
"""

TIDY = """# 支出

| 项目 | 年度 | 金额 |
|:--|:-:|--:|
| 合计 | 2024 | {total} |
| 基本支出 | 2024 | 200.00 |
| 项目支出 | 2024 | 100.00 |
"""


def _check(tmp_path, text: str):
    p = tmp_path / "t.md"
    p.write_text(text, encoding="utf-8")
    return fincheck.check(p)


def test_unrecognised_table_is_not_summed(tmp_path):
    report = _check(tmp_path, LIST)
    assert report.findings.empty, report.findings[["rule", "message"]]
    assert report.tables.empty
    assert not any("---" in str(c) for c in report.facts.get("column", []))


def test_table_without_header_is_not_read(tmp_path):
    report = _check(tmp_path, HEADERLESS)
    assert report.findings.empty, report.findings[["rule", "message"]]
    assert report.tables.empty


def test_header_above_separator_is_the_header(tmp_path):
    ok = _check(tmp_path, TIDY.format(total="300.00"))
    assert ok.findings.empty, ok.findings[["rule", "message"]]
    assert set(ok.facts["column"]) == {"金额"}
    bad = _check(tmp_path, TIDY.format(total="310.00"))
    assert list(bad.findings["rule"]) == ["GEN001"]
