"""Annotated workbook: fills and comments on failing cells, a linked summary sheet, inputs untouched."""

from __future__ import annotations

import hashlib

import openpyxl
import pytest

import fincheck
from fincheck.cli import main
from fincheck.render.annotate import AnnotateError, annotate_workbook

HOSTILE = '=HYPERLINK("http://example.invalid","x")'


def make_workbook(path, hostile: str = HOSTILE):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "资产表"
    rows = [
        ("项目", "金额", "占比"),
        ("资产", 3973.46, None),
        ("  流动资产", 3877.96, 0.976),
        ("  固定资产净值", 95.49, 0.0252),
        ("基本收入", 915.40, None),
        ("  其中：人员经费", 841.49, None),
        ("        日常公用经费", 173.91, None),
        (hostile, 10.0, None),
    ]
    for r in rows:
        ws.append(r)
    ws["A8"].data_type = "s"
    for row in range(2, 9):
        ws[f"B{row}"].number_format = "0.00"
    ws["C3"].number_format = ws["C4"].number_format = "0.00%"
    ws["B2"].comment = openpyxl.comments.Comment("original note", "someone")
    wb.save(path)
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def book(tmp_path):
    return make_workbook(tmp_path / "in.xlsx")


def test_fills_comments_and_summary(book, tmp_path):
    before = digest(book)
    out = tmp_path / "out.xlsx"
    assert main([str(book), "--annotate", str(out), "-q"]) == 1
    assert digest(book) == before
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "fincheck"
    ws = wb["资产表"]
    assert ws["C4"].fill.fgColor.rgb == "FFFFC7CE"  # error: red
    assert ws["B5"].fill.fgColor.rgb == "FFFFE699"  # warning (其中 above parent): amber
    assert ws["B3"].fill.fill_type is None  # passing cell untouched
    text = ws["C4"].comment.text
    for part in ("GEN003", "2.52", "2.4032", "0.1168", "固定资产净值"):
        assert part in text
    assert "original note" in ws["B2"].comment.text  # existing comments are kept
    summary = wb["fincheck"]
    rows = list(summary.iter_rows(min_row=2, values_only=True))
    report = fincheck.check(book)
    assert len(rows) == len(report.findings)
    links = {
        summary.cell(row=i, column=4).value: summary.cell(row=i, column=4).hyperlink for i in range(2, len(rows) + 2)
    }
    assert links["资产表!C4"].location == "'资产表'!C4"
    assert links["资产表!C4"].target is None  # internal link, no external relationship


def test_hostile_label_stays_text(book, tmp_path):
    out = tmp_path / "out.xlsx"
    fincheck.check(book).annotate(out)
    wb = openpyxl.load_workbook(out)
    assert wb["资产表"]["A8"].data_type == "s"
    for row in wb["fincheck"].iter_rows(min_row=1):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str) and cell.value.startswith("="):
                assert cell.quotePrefix


def test_english_comment_labels(book, tmp_path):
    out = tmp_path / "out.xlsx"
    annotate_workbook(fincheck.check(book, lang="en"), out)
    wb = openpyxl.load_workbook(out)
    assert "stated 2.52" in wb["资产表"]["C4"].comment.text
    assert wb["fincheck"]["E1"].value == "stated"


def test_output_equal_to_input_is_refused(book, capsys):
    before = digest(book)
    assert main([str(book), "--annotate", str(book), "--lang", "en"]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert digest(book) == before
    with pytest.raises(AnnotateError):
        annotate_workbook(fincheck.check(book), book)


def test_several_workbooks_get_one_file_each(tmp_path):
    a = make_workbook(tmp_path / "a.xlsx")
    b = make_workbook(tmp_path / "b.xlsx")
    written = annotate_workbook(fincheck.check(a, b), tmp_path / "out.xlsx")
    assert [p.name for p in written] == ["out-a.xlsx", "out-b.xlsx"]
    for p in written:
        assert openpyxl.load_workbook(p)["资产表"]["C4"].comment is not None


def test_nothing_to_annotate_is_a_clear_error(tmp_path, capsys):
    src = tmp_path / "a.csv"
    src.write_text("项目,金额\n合计,3.00\n  a,1.00\n  b,2.00\n", encoding="utf-8")
    assert main([str(src), "--annotate", str(tmp_path / "o.xlsx"), "--lang", "en"]) == 2
    assert "nothing to annotate" in capsys.readouterr().err
