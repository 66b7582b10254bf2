"""Report.to_excel: checks, findings and facts sheets; text never becomes a formula."""

from __future__ import annotations

import openpyxl

import fincheck
from fincheck.render.excel import put

TABLE = """项目,金额,占比
资产,3973.46,
  流动资产,3877.96,97.60%
  固定资产净值,95.49,2.52%
"=cmd|' /C calc'!A0",1.00,
"@SUM(A1)",1.00,
"""


def test_sheets_and_values(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text(TABLE, encoding="utf-8")
    report = fincheck.check(src)
    chinese = openpyxl.load_workbook(report.to_excel(tmp_path / "zh.xlsx"))  # the report's language
    assert chinese.sheetnames == ["校验", "问题", "数据"]
    assert next(chinese["问题"].iter_rows(values_only=True))[0] == "规则"
    out = report.to_excel(tmp_path / "r.xlsx", lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["checks", "findings", "facts"]
    findings = list(wb["findings"].iter_rows(values_only=True))
    assert findings[0][0] == "rule"
    assert len(findings) - 1 == len(report.findings)
    share = next(r for r in findings if r[0] == "GEN003")
    assert share[6] == 2.52 and isinstance(share[7], float)
    assert len(list(wb["facts"].iter_rows())) - 1 == len(report.facts)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    labels = [r[0].value for r in wb["facts"].iter_rows(min_row=2, max_col=1)]
    assert labels  # facts written


def test_put_keeps_formula_like_text(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    put(ws, 1, 1, "=1+1")
    put(ws, 2, 1, 3.5)
    put(ws, 3, 1, float("nan"))
    put(ws, 4, 1, {"sheet": "S", "cell": "A1"})
    wb.save(tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert ws["A1"].value == "=1+1" and ws["A1"].data_type == "s" and ws["A1"].quotePrefix
    assert ws["A2"].value == 3.5
    assert ws["A3"].value is None
    assert ws["A4"].value == '{"sheet": "S", "cell": "A1"}'
