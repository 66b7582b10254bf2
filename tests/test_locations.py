"""Places of findings: the one reading order of every output, and text spans said by line and
character (第N行第C字 / line N col C) with their offsets kept for scripts."""

from __future__ import annotations

import json
import random

import fincheck
from fincheck.model import location_key
from fincheck.model.location import line_locator
from fincheck.render.tabular import to_csv
from fincheck.render.terminal import full_lines, render_report

#: places of one PDF in reading order: by page; on a page its lines, then its tables by table,
#: row and column
PDF_ORDER = [
    {"page": 2, "line": 3, "start": 0, "end": 4, "quote": "x"},
    {"page": 2, "line": 3, "start": 9, "end": 12, "quote": "y"},
    {"page": 2, "line": 10},
    {"page": 2, "table": 1, "row": 4, "column": 2},
    {"page": 2, "table": 1, "row": 4, "column": 3},
    {"page": 2, "table": 1, "row": 12, "column": 1},
    {"page": 2, "table": 2, "row": 1, "column": 1},
    {"page": 10, "line": 1},
    {"page": 10, "table": 1, "row": 2, "column": 2},
]


def test_pdf_places_sort_by_page_table_row_column_and_line():
    shuffled = list(PDF_ORDER)
    random.Random(3).shuffle(shuffled)
    assert sorted(shuffled, key=location_key) == PDF_ORDER


def test_word_and_text_places_sort_by_table_row_column_and_by_line_and_character():
    word = [
        {"table": 1, "row": 2, "column": 3},
        {"table": 1, "row": 10, "column": 1},
        {"table": 2, "row": 1, "column": 1},
    ]
    assert sorted(reversed(word), key=location_key) == word
    text = [
        {"line": 2, "column": 5, "start": 9, "end": 10},
        {"line": 2, "column": 40, "start": 44, "end": 46},
        {"line": 11, "column": 1, "start": 300, "end": 302},
    ]
    assert sorted(reversed(text), key=location_key) == text


def test_a_text_span_has_its_line_and_character():
    lines = ["第一行", "收入合计100万元"]
    loc = line_locator(lines)(2, 8, 13, "100万元").to_dict()
    assert loc == {"line": 2, "column": 5, "start": 8, "end": 13, "quote": "100万元"}


TEXT = "项目资金情况。\n本项目共完成预算资金89.97万元，其中：设备30万元，材料30万元，服务29.99万元。\n"


def test_text_findings_say_line_and_character_in_every_output():
    report = fincheck.check_text(TEXT, "r.txt")
    fails = report.findings
    assert len(fails), report.checks[["rule", "status", "message"]]
    row = fails.iloc[0]
    col = TEXT.split("\n")[1].index("89.97") + 1
    assert row["location"]["line"] == 2 and row["location"]["column"] == col
    # the offsets stay, in the whole text, in the location and its flat columns
    assert TEXT[row["start"] : row["end"]] == row["location"]["quote"] == "89.97万元"
    assert row["line"] == 2 and row["col"] == col
    zh, en = f"第2行第{col}字", f"line 2 col {col}"
    assert zh in to_csv(report, all_checks=False) and en in to_csv(report, all_checks=False, lang="en")
    assert zh in report.to_html() and en in report.to_html(lang="en")
    assert zh in full_lines(render_report(report, fold=False))
    assert en in full_lines(render_report(report, lang="en", fold=False))
    for out in (to_csv(report, lang="en"), report.to_html(lang="en"), full_lines(render_report(report, lang="en"))):
        assert f"[{row['start']}:{row['end']}]" not in out
    assert json.loads(report.to_json())["checks"][0]["location"]["column"] == col


# a finding placed at one of its own operands is shown on their span -----------------------------

SHARES_PDF = [
    {"page": 21, "line": 26, "start": 14, "end": 20, "quote": "71.73%"},
    {"page": 21, "line": 26, "start": 43, "end": 49, "quote": "11.11%"},
    {"page": 21, "line": 28, "start": 0, "end": 6, "quote": "15.16%"},
]


def test_a_finding_at_its_first_operand_is_placed_on_their_span():
    from fincheck.model.location import place_of

    cells = [{"sheet": "资产", "cell": "C9"}, {"sheet": "资产", "cell": "C5"}]
    assert place_of(cells[1], cells, "zh") == "资产!C5:C9"
    assert place_of(SHARES_PDF[0], SHARES_PDF, "zh") == "第21页第26–28行"
    assert place_of(SHARES_PDF[0], SHARES_PDF[:2], "en") == "page 21 line 26"
    line = [{"line": 1, "column": 12, "start": 11, "end": 17}, {"line": 1, "column": 40, "start": 39, "end": 45}]
    assert place_of(line[0], line, "zh") == "第1行第12–45字" and place_of(line[0], line, "en") == "line 1 col 12–45"
    word = [{"table": 1, "row": 3, "column": 4}, {"table": 1, "row": 6, "column": 4}]
    assert place_of(word[0], word, "zh") == "第1张表 第3–6行第4列"
    assert place_of(word[0], word, "en") == "1st table, r3–6c4"
    pdf = [{"page": 13, "table": 2, "row": 3, "column": 4}, {"page": 13, "table": 2, "row": 6, "column": 4}]
    assert place_of(pdf[0], pdf, "zh") == "第13页第2张表 第3–6行第4列"
    # not at one of its operands, or operands of no one run: its own place
    assert place_of({"sheet": "资产", "cell": "C4"}, cells, "en") == "资产!C4"
    apart = [{"sheet": "资产", "cell": "C5"}, {"sheet": "负债", "cell": "D9"}]
    assert place_of(apart[0], apart, "en") == "资产!C5"


def test_shares_summed_against_an_implied_100_are_placed_on_the_shares():
    text = "采购总额 80.00 万元，货物、服务分别为 20.00 万元和 60.00 万元，占采购总额的比例为 25.00% 和 76.00%。\n"
    report = fincheck.check_text(text, select=["TXT004"])
    (row,) = report.findings.itertuples(index=False)
    a, b = text.index("25.00%") + 1, text.index("76.00%") + len("76.00%")
    assert row.location["quote"] == "25.00%"  # the JSON location stays the first share's
    for lang, place in (("zh", f"第1行第{a}–{b}字"), ("en", f"line 1 col {a}–{b}")):
        out = full_lines(render_report(report, lang=lang, fold=False))
        assert place in out and "“25.00% … 76.00%”" in out, out
        assert place in report.to_html(lang=lang) and place in to_csv(report, lang=lang)


def test_a_pdf_or_word_table_is_said_by_its_order_never_as_the_report_numbers_its_tables():
    """``第13页表1`` read as the report's own 表1 (one of 表1…表9): a table found in a PDF or Word
    file is said by its order (``第13页第1张表``) in every form, and the flat columns stay."""
    import fincheck
    from fincheck.frames import with_flat_locations
    from fincheck.model.location import Location, ordinal

    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 103)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "103rd",
    ]  # fmt: skip
    for place, zh, en in (
        (Location.pdf_cell(13, 1, 19, 2), "第13页第1张表", "page 13, 1st table"),
        (Location.word_cell(3, 2, 1), "第3张表", "3rd table"),
    ):
        for said in (place.text("zh"), place.short("zh")):
            assert said.startswith(zh) and "表1 " not in said and "页表" not in said, said
        assert place.text("en").startswith(en)
    assert Location.pdf_cell(13, 1, 19, 2).short("en") == "p13 t1 r19c2"  # the facts' loc, as before
    checks = fincheck.check("examples/zhengding-2021.xlsx").checks.head(1)
    pdf = checks.assign(location=[{"page": 13, "table": 1, "row": 19, "column": 2}])
    flat = with_flat_locations(pdf.drop(columns=["sheet", "cell", "page", "line", "start", "end", "row", "col"]))
    assert (int(flat["page"].iloc[0]), int(flat["row"].iloc[0]), int(flat["col"].iloc[0])) == (13, 19, 2)
