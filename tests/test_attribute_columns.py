"""Attribute columns (年度, 期间, 序号, 编码 …: rules/aliases/attributes.yaml) are never summed
nor checked as amounts, whether the table comes as CSV, Markdown or a workbook."""

from __future__ import annotations

import openpyxl
import pytest
import yaml

import fincheck
from fincheck.labels import canonical_column, is_attribute_column
from fincheck.rulesdir import builtin_rules_dir

DATA = yaml.safe_load((builtin_rules_dir() / "aliases" / "attributes.yaml").read_text(encoding="utf-8"))
EXAMPLES = DATA["examples"]


def _write(tmp_path, form: str, lines: list[str]):
    rows = [line.split(",") for line in lines]
    if form == "csv":
        p = tmp_path / "t.csv"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif form == "md":
        p = tmp_path / "t.md"
        sep = "|" + "---|" * len(rows[0])
        body = ["| " + " | ".join(r) + " |" for r in rows]
        p.write_text("# 表\n\n" + "\n".join([body[0], sep, *body[1:]]) + "\n", encoding="utf-8")
    else:
        p = tmp_path / "t.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        for r in rows:
            ws.append([_typed(v) for v in r])
        wb.save(p)
    return p


def _typed(v: str):
    try:
        return float(v) if "." in v else int(v)
    except ValueError:
        return v


@pytest.mark.parametrize("form", ["csv", "md", "xlsx"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["table"][0])
def test_attribute_columns_are_not_values(tmp_path, form, example):
    report = fincheck.check(_write(tmp_path, form, example["table"]))
    assert not report.errors
    assert report.findings.empty, report.findings[["rule", "message"]]
    assert set(report.facts["column"]) == {canonical_column(v) for v in example["values"]}
    assert (report.checks["status"] == "pass").any()  # the amounts are still checked


def test_attribute_words():
    for header in ["年度", "年份", "期间", "月份", "编号", "序号", "代码", "科目编码", "Year"]:
        assert is_attribute_column(header), header
    for header in ["金额", "2023年", "预算数", "上年数", "项目"]:
        assert not is_attribute_column(header), header


def test_a_wrong_amount_beside_a_year_still_fails(tmp_path):
    lines = ["项目,年度,金额", "合计,2023,310.00", "基本支出,2023,200.00", "项目支出,2023,100.00"]
    for form in ("csv", "md", "xlsx"):
        report = fincheck.check(_write(tmp_path, form, lines))
        assert list(report.findings["rule"]) == ["GEN001"], form
