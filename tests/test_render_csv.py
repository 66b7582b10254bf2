"""CSV output: one row per check, BOM when written to a file, formula injection defused."""

from __future__ import annotations

import csv
import io

from fincheck.cli import main
from fincheck.render.tabular import defuse
from fincheck.schemas import CHECK_COLUMNS

TABLE = """项目,金额,占比
资产,3973.46,
  流动资产,3877.96,97.60%
  固定资产净值,95.49,2.52%
=HYPERLINK("http://example.invalid"),1.00,
"""


def test_written_with_bom_and_one_row_per_check(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text(TABLE, encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main([str(src), "--format", "csv", "-o", str(out), "--all", "--lang", "en"]) == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == CHECK_COLUMNS
    share = next(r for r in rows[1:] if r[0] == "GEN003" and r[3] == "fail")
    assert share[CHECK_COLUMNS.index("location")] == "a.csv!C4"
    assert float(share[CHECK_COLUMNS.index("stated")]) == 2.52
    assert "a.csv!B4" in share[CHECK_COLUMNS.index("related")]


def test_findings_only_without_all(tmp_path, capsys):
    src = tmp_path / "a.csv"
    src.write_text(TABLE, encoding="utf-8")
    main([str(src), "--format", "csv", "--lang", "en"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert {r[CHECK_COLUMNS.index("status")] for r in rows[1:]} == {"fail"}


def test_chinese_report_has_chinese_headers_and_words(tmp_path, capsys):
    from fincheck.render.labels import headers

    src = tmp_path / "a.csv"
    src.write_text(TABLE, encoding="utf-8")
    main([str(src), "--format", "csv"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == headers(CHECK_COLUMNS, "zh") and rows[0][0] == "规则"
    assert {r[CHECK_COLUMNS.index("status")] for r in rows[1:]} == {"不符"}
    assert {r[CHECK_COLUMNS.index("severity")] for r in rows[1:]} <= {"错误", "警告", "提示"}


def test_formula_like_text_is_defused(tmp_path, capsys):
    src = tmp_path / "a.csv"
    src.write_text(TABLE, encoding="utf-8")
    main([str(src), "--format", "csv", "--all"])
    text = capsys.readouterr().out
    for row in csv.reader(io.StringIO(text)):
        for value in row:
            assert not value.startswith(("=", "+", "@")), value
    assert defuse("=1+1") == "'=1+1"
    assert defuse("-2") == "'-2"
    assert defuse("@SUM(A1)") == "'@SUM(A1)"
    assert defuse("资产") == "资产"
    assert defuse(2.5) == 2.5


def test_a_finding_of_the_text_is_in_the_table_of_the_text_in_both_languages(tmp_path):
    """The 表 column of a narrative finding says 正文 in Chinese (as the HTML page does), text in English."""
    import fincheck
    from fincheck.render.excel import to_excel
    from fincheck.render.tabular import to_csv

    p = tmp_path / "r.txt"
    p.write_text("本年支出 860.00 万元，包括基本支出 600.00 万元、项目支出 250.00 万元。\n", encoding="utf-8")
    for lang, word in (("zh", "正文"), ("en", "text")):
        report = fincheck.check(p, lang=lang)
        assert (report.findings["table"] == "text").any()
        rows = list(csv.reader(io.StringIO(to_csv(report, all_checks=False, lang=lang).lstrip("\ufeff"))))
        column = rows[0].index("表" if lang == "zh" else "table")
        assert {r[column] for r in rows[1:]} == {word}
        out = tmp_path / f"{lang}.xlsx"
        to_excel(report, out, lang=lang)
        import openpyxl

        sheet = openpyxl.load_workbook(out).worksheets[0]
        head = [c.value for c in sheet[1]]
        assert word in {
            row[head.index("表" if lang == "zh" else "table")] for row in sheet.iter_rows(2, values_only=True)
        }
