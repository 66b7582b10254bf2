"""The pipeline's data (fincheck.model) and the one pipeline over a document."""

from __future__ import annotations

import math

import pytest

from fincheck.grid import make_cells, text_cell
from fincheck.model import Document, Grid, Location, Prose, facts_from_rows, format_location, location_key, make_facts
from fincheck.model.location import page_locator, paragraph_locator
from fincheck.pipeline import load_document

SHAPES = [
    ({"sheet": "资产", "cell": "C9"}, "资产!C9", "资产!C9"),
    ({"page": 8, "table": 1, "row": 2, "column": 3}, "p8 t1 r2c3", "page 8, 1st table, r2c3"),
    ({"page": 8, "line": 4}, "p8 line 4", "page 8 line 4"),
    ({"table": 2, "row": 3, "column": 1}, "table 2 r3c1", "2nd table, r3c1"),
    ({"paragraph": 2, "start": 0, "end": 6, "quote": "13.79%"}, "paragraph 2", "paragraph 2 col 1"),
    ({"line": 3, "column": 4, "start": 10, "end": 15, "quote": "1,234"}, "line 3", "line 3 col 4"),
    ({"line": 3, "start": 10, "end": 15, "quote": "1,234"}, "line 3", "line 3"),
]


@pytest.mark.parametrize(("loc", "short", "text"), SHAPES)
def test_every_location_shape_round_trips_and_formats(loc, short, text):
    location = Location.from_dict(loc)
    assert location.to_dict() == loc and list(location.to_dict()) == list(loc)  # same keys, same order
    assert location.short() == short
    assert format_location(loc) == text


def test_locations_sort_in_reading_order():
    cells = [{"sheet": "S", "cell": c} for c in ("B10", "AA2", "C2", "B2")]
    assert [c["cell"] for c in sorted(cells, key=location_key)] == ["B2", "C2", "AA2", "B10"]
    assert format_location({"odd": 1}) == '{"odd": 1}' and location_key("x") == ("", 0, 0)


def test_locators_map_spans_of_the_joined_text():
    lines = ["第一段", "收入100万元"]
    assert paragraph_locator(lines)(2, 6, 12, "100万元").to_dict() == {
        "paragraph": 2,
        "start": 2,
        "end": 8,
        "quote": "100万元",
    }
    assert page_locator(lines, [(3, 1), (4, 7)])(2, 6, 12, "100万元").to_dict() == {
        "page": 4,
        "line": 7,
        "start": 2,
        "end": 8,
        "quote": "100万元",
    }


def test_make_facts_fills_every_column_and_raises_on_a_wrong_one():
    facts = make_facts(
        report="r",
        table="t",
        row=[1, 2],
        column="金额",
        value=[1.5, math.nan],
        location=[
            Location.cell_of("S", "B2"),
            {"sheet": "S", "cell": "B3"},
        ],
    )
    assert facts["loc"].tolist() == ["S!B2", "S!B3"]
    assert facts["parent"].tolist() == [-1, -1] and facts["role"].tolist() == ["amount", "amount"]
    assert str(facts["row"].dtype) == "int64" and facts["location"].iloc[1] == {"sheet": "S", "cell": "B3"}
    with pytest.raises(ValueError, match="not a facts column"):
        make_facts(report="r", table="t", row=1, column="c", value=1.0, location=[Location.span(1, 0, 1, "1")], x=1)
    with pytest.raises(ValueError, match="need the column"):
        make_facts(report="r", table="t", row=1, column="c", location=[Location.span(1, 0, 1, "1")])
    assert facts_from_rows([]).empty


def _page(rows: list[list[str]], text_rows: set[int]) -> Grid:
    records = [text_cell(r, c, v) for r, row in enumerate(rows, start=1) for c, v in enumerate(row, start=1) if v]
    return Grid(
        path="x.pdf",
        sheet="p1",
        cells=make_cells(records),
        kind="pdf",
        locate=lambda r, c: Location.pdf_cell(1, 1, r, c),
        text_rows=frozenset(text_rows),
    )


def test_figures_in_table_cells_nothing_reads_are_reported_for_any_grid():
    doc = Document("x.pdf", "pdf", [_page([["说明"], ["1", "2", "3"], ["4", "5", "6"]], {1})])
    issues = load_document(doc).issues
    assert [(i.rule, i.location) for i in issues] == [
        ("SCH002", {"page": 1, "table": 1, "row": 2, "column": 1})
    ]  # at its first figure


def test_a_page_of_prose_yields_no_schema_issue():
    doc = Document("x.pdf", "pdf", [_page([["收入100万元"], ["2024年"], ["12"]], {1, 2, 3})])
    assert load_document(doc).issues == []


def test_a_grid_left_to_the_prose_is_read_there_not_reported():
    grid = _page([["本年收入", "110万元"], ["上年收入", "100万元"]], set())
    lines = ["上年收入100万元，本年收入110万元，增长10%。", "本年收入 | 110万元 |", "上年收入 | 100万元 |"]
    doc = Document("x.docx", "docx", [grid], Prose(lines, paragraph_locator, {0: range(1, 3)}), tidy=False)
    loaded = load_document(doc)
    assert loaded.issues == [] and loaded.text is not None and "110万元" in loaded.text
    locations = [loc for f, _i, _l in loaded.bound for loc in f["location"]]
    assert {"paragraph": 1, "start": 14, "end": 19, "quote": "110万元"} in locations


def test_a_grid_that_neither_tables_nor_prose_read_is_reported():
    grid = _page([["1", "2", "3"], ["4", "5", "6"]], set())
    grid.kind = "docx"
    lines = ["上年收入100万元，本年收入110万元，增长10%。", "1 | 2 | 3 |", "4 | 5 | 6 |"]
    doc = Document("x.docx", "docx", [grid], Prose(lines, paragraph_locator, {0: range(1, 3)}), tidy=False)
    (issue,) = load_document(doc).issues
    assert issue.rule == "SCH002" and issue.message.startswith("Word table")


def test_the_rows_of_a_grid_read_as_a_table_leave_the_prose():
    rows = [["项目", "金额"], ["合计", "3"], ["A", "1"], ["B", "2"]]
    grid = _page(rows, set())
    lines = ["说明", *(" | ".join(r) + " |" for r in rows)]
    doc = Document("x.docx", "docx", [grid], Prose(lines, paragraph_locator, {0: range(1, 5)}), tidy=True)
    loaded = load_document(doc)
    assert len(loaded.tables) == 1 and loaded.text == "说明\n\n\n\n"  # the rows are blanked, the lines kept
    assert set(loaded.facts[0]["loc"]) == {"p1 t1 r2c2", "p1 t1 r3c2", "p1 t1 r4c2"}


# --------------------------------------------------------------------------- units


def test_unit_lines_and_scales_have_one_home():
    from fincheck.model.units import half_unit, is_money, unit_of_line, unit_scale

    assert unit_of_line("单位：万元") == "万元"
    assert unit_of_line("金额单位: 亿元") == "亿元"
    assert unit_of_line("计量单位：个") == "个"
    assert unit_of_line("单位：万亿元") == "万亿元"
    assert unit_of_line("编制单位：某某局") == ""
    assert unit_of_line("unit: yuan") == "" and unit_of_line("unit: yuan", english=True) == "yuan"
    assert unit_scale("萬元") == unit_scale("万元") == 1e4 and unit_scale("%") == 1.0
    assert is_money("千元") and not is_money("个")
    assert half_unit(2) == 0.005 and half_unit(-1) == 0.0
    assert list(half_unit([0, 1])) == [0.5, 0.05]
