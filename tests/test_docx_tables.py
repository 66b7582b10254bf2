"""Word reports: published tables recognised as in a workbook, prose checked as text."""

from __future__ import annotations

import docx
import pytest

import fincheck

ROWS = [
    ["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "其他收入"],
    ["", "合计", "2,112.86", "2,106.66", "6.20"],
    ["201", "一般公共服务支出", "2,112.86", "2,106.66", "6.20"],
    ["20106", "财政事务", "2,112.86", "2,106.66", "6.20"],
    ["2010601", "行政运行", "1,511.90", "1,511.89", "0.01"],
    ["2010602", "一般行政管理事务", "{x}", "10.00", "6.19"],
    ["2010650", "事业运行", "135.25", "135.25", ""],
    ["2010699", "其他财政事务支出", "449.52", "449.52", ""],
]


def _write(path, x="16.19", share="99.71%"):
    d = docx.Document()
    d.add_paragraph("一、收入决算情况")
    d.add_paragraph(f"本年收入合计2112.86万元，其中：财政拨款收入2106.66万元，占{share}；其他收入6.20万元，占0.29%。")
    d.add_paragraph("收入决算表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=len(ROWS), cols=5)
    for i, row in enumerate(ROWS):
        for j, v in enumerate(row):
            t.cell(i, j).text = v.format(x=x)
    d.save(path)
    return path


def test_consistent_document_has_no_finding(tmp_path):
    report = fincheck.check(_write(tmp_path / "ok.docx"))
    assert not report.errors
    assert report.findings.empty, report.findings[["rule", "message"]]
    assert "final.income" in set(report.tables["table_type"])
    fin = report.checks[report.checks["rule"].str.startswith("FIN")]
    assert len(fin) >= 10 and (fin["status"] == "pass").all()
    assert all(set(loc) == {"table", "row", "column"} for loc in fin["location"])


def test_wrong_cell_and_wrong_sentence_are_located(tmp_path):
    report = fincheck.check(_write(tmp_path / "bad.docx", x="26.19", share="99.17%"))
    f = report.findings
    cells = {(loc.get("table"), loc.get("row"), loc.get("column")) for loc in f["location"]}
    assert (1, 6, 3) in cells  # 一般行政管理事务 本年收入合计 26.19 ≠ 10.00 + 6.19
    share = f[f["stated"] == 99.17]
    assert len(share) == 1
    assert share["location"].iloc[0]["paragraph"] == 2
    assert share["expected"].iloc[0] == pytest.approx(99.71, abs=0.01)


def test_a_word_table_of_figures_nothing_reads_is_reported(tmp_path):
    d = docx.Document()
    d.add_paragraph("附表")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = str(3 * r + c + 1)
    d.add_paragraph("本年收入110万元。")
    path = tmp_path / "bare.docx"
    d.save(path)
    report = fincheck.check(path)
    (issue,) = report.checks[report.checks["rule"] == "SCH002"].to_dict("records")
    assert issue["location"] == {"table": 1, "row": 1, "column": 1}  # the first figure, not the title above
    assert "Word 表1" in issue["message"]  # a Chinese document's report speaks Chinese
