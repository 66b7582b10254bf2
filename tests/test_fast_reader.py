"""The fast .xlsx reader (python-calamine + the workbook's XML) against the openpyxl reader it
replaced, cell by cell: the same cells frames (text as displayed, number, printed decimals,
percent, hidden), merged ranges and hidden sheets on every workbook the tests have, on
workbooks written part by part and on generated ones. Where the two differ on purpose, the
test says so and checks the fast reader's reading."""

from __future__ import annotations

import datetime as dt
import math
import os
import time

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fincheck.catalogue import builtin_rules
from fincheck.errors import InputError
from fincheck.numbers import decimals_of_float, decimals_of_floats
from fincheck.sources.xlsx import read_xlsx
from fincheck.sources.xlsx_openpyxl import read_xlsx_openpyxl

from .helpers import EXAMPLE
from .putuo import write_workbook
from .reader_compare import assert_same
from .rule_examples import example_inputs
from .test_layouts_putuo import VARIANTS
from .xlsx_parts import sheet_xml, styles_xml, write_parts


def test_the_bundled_example():
    grids = assert_same(EXAMPLE)
    assert sum(len(g.cells) for g in grids) > 100


@pytest.mark.parametrize("name", list(VARIANTS))
def test_published_layout_variants(name, tmp_path):
    path = tmp_path / f"putuo-{name}.xlsx"
    write_workbook(path, VARIANTS[name])
    grids = assert_same(path)
    assert any(g.merged for g in grids) != (name == "no-merges")


def _rule_workbooks():
    for rule in builtin_rules():
        for i, example in enumerate(rule.examples):
            if "sheets" in example or any(n.endswith((".xlsx", ".xlsm")) for n in example.get("files", {})):
                yield pytest.param(example, id=f"{rule.code}_{example.get('name', i)}")


@pytest.mark.parametrize("example", list(_rule_workbooks()))
def test_rule_example_workbooks(example, tmp_path):
    paths = [p for p in example_inputs(example, tmp_path) if p.suffix in (".xlsx", ".xlsm")]
    assert paths
    for p in paths:
        assert_same(p)


FORMATS = [
    (1.5, "0.00"),
    (1234.5, "#,##0.00"),
    (-1234.567, "#,##0.00"),
    (0.25, "0%"),
    (0.256, "0.0%"),
    (0.97604, "0.00%"),
    (82780, "General"),
    (0.1 + 0.2, "General"),
    (2940.05, None),
    (1e-7, "General"),
    (123456789012.34, "General"),
    (-3.5, '0.00;[Red](0.00);"-"'),
    (0, '0.00;(0.00);"-"'),
    (0, "#,##0.00_);(#,##0.00)"),
    (5, '"¥"#,##0.00'),
    (7.25, "@"),
    (12.5, '0.0"万元"'),
    (3, '"合计"'),
    (44197, 'yyyy"年"m"月"d"日"'),
    (dt.datetime(2021, 3, 4, 5, 6, 7), "yyyy-mm-dd h:mm:ss"),
    (dt.date(2021, 3, 4), "yyyy-mm-dd"),
    (dt.time(5, 6), "h:mm"),
    (dt.timedelta(hours=30, seconds=1), "[h]:mm:ss"),
    ("1,234.50", None),
    ("97.60%", None),
    ("（12.30）", None),
    ("２９４０．０５", None),
    ("  二、其他收入", None),
    ("合计  ", None),
    ("—", None),
    (True, None),
    (False, None),
]


def test_number_formats_dates_text_and_booleans(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "格式"
    for r, (value, fmt) in enumerate(FORMATS, start=1):
        cell = ws.cell(row=r, column=2, value=value)
        if fmt:
            cell.number_format = fmt
        ws.cell(row=r, column=1, value=fmt or "")
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["C"].hidden = True
    ws["C1"] = 9.99
    ws.merge_cells("D2:E3")
    ws["D2"] = "合并"
    ws["F1"] = "右"
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = 1.25
    hidden.sheet_state = "hidden"
    very = wb.create_sheet("深藏")
    very["A1"] = "x"
    very.sheet_state = "veryHidden"
    wb.create_sheet("空")
    path = tmp_path / "formats.xlsx"
    wb.save(path)
    grids = assert_same(path)
    cells = grids[0].cells.set_index("cell")
    assert cells.loc["B1", ["text", "decimals"]].tolist() == ["1.50", 2]
    assert cells.loc["B4", ["text", "number", "decimals", "percent"]].tolist() == ["25%", 25.0, 0, True]
    assert cells.loc["B11", ["text", "decimals"]].tolist() == ["123456789012.34", 2]
    assert cells.loc["B13", ["text", "decimals"]].tolist() == ["0", 0]  # the zero section prints "-"
    assert cells.loc["B19", "text"] == "2021-01-01T00:00:00" and cells.loc["B19", "decimals"] == -1
    assert cells.loc["B3", "hidden"] and cells.loc["C1", "hidden"] and not cells.loc["B2", "hidden"]
    assert cells.loc["B28", "text"] == "  二、其他收入" and math.isnan(cells.loc["B28", "number"])
    assert grids[0].merged == [(2, 4, 3, 5)]
    assert [g.hidden_sheet for g in grids] == [False, True, True, False]


SHARED = [
    "<t>项目</t>",
    "<t></t>",
    '<r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r><rPh sb="0" eb="1"><t>fu</t></rPh>',
    "<t>1,234.50</t>",
]
ROWS = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
    '<c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t xml:space="preserve">  内联</t></is></c></row>'
    '<row r="2"><c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B2" t="e"><v>#N/A</v></c>'
    '<c r="C2" t="str"><f>A1</f><v>项目</v></c><c r="D2" s="1"><f>SUM(D3:D4)</f><v>3.5</v></c>'
    '<c r="E2" t="b"><v>1</v></c><c r="F2" t="d"><v>2021-03-04T00:00:00</v></c></row>'
    '<row r="3" hidden="1"><c r="A3" s="2"><v>44259</v></c><c r="B3" s="2"><v>0.5</v></c>'
    '<c r="C3" s="3"><v>44259.25</v></c><c r="D3" s="1"><v>1.5</v></c><c r="E3" s="4"><v>0.976</v></c></row>'
    '<row r="4"><c s="1"><v>2</v></c><c><v>2.5</v></c><c t="s"><v>3</v></c></row>'
)


def test_parts_openpyxl_cannot_write(tmp_path):
    path = write_parts(
        tmp_path / "parts.xlsx",
        {"表": sheet_xml(ROWS, '|<mergeCells count="1"><mergeCell ref="A4:B4"/></mergeCells>'), "备": sheet_xml("")},
        styles=styles_xml(["#,##0.00", 14, "yyyy-mm-dd h:mm", "0.0%"]),
        shared=SHARED,
        states={"备": "hidden"},
    )
    grids = assert_same(path)
    cells = grids[0].cells.set_index("cell")
    assert cells.loc["B1", "text"] == ""  # an empty shared string is a cell, as before
    assert cells.loc["C1", "text"] == "富文本"  # runs joined, phonetic guide left out
    assert cells.loc["D1", ["number", "decimals"]].tolist() == [1234.5, 2]  # a number stored as text
    assert cells.loc["A2", "text"] == "#DIV/0!" and cells.loc["B2", "text"] == "#N/A"
    assert cells.loc["D2", ["text", "decimals"]].tolist() == ["3.50", 2]  # a formula's cached value
    assert cells.loc["A3", "text"] == "2021-03-04T00:00:00" and cells.loc["B3", "text"] == "12:00:00"
    assert cells.loc["E3", ["text", "percent"]].tolist() == ["97.6%", True]
    assert cells.loc[["A4", "C4"], "text"].tolist() == ["2.00", "1,234.50"]  # cells without r=
    assert "B4" not in cells.index  # a value under a merge (not its top-left) does not show
    assert grids[0].merged == [(4, 1, 4, 2)]
    assert grids[1].hidden_sheet and grids[1].cells.empty


def test_leading_space_of_shared_strings_without_preserve(tmp_path):
    """A label's indentation is its place in the hierarchy. Written without xml:space="preserve"
    (Excel always adds it, other writers may not), calamine trims it; the fast reader keeps it."""
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>3</v></c>'
        '</row><row r="3"><c r="A3" t="inlineStr"><is><r><t>  其中：</t></r><r><t>项目支出</t></r></is></c></row>'
    )
    shared = ["<t>合计</t>", "<t>  其中：基本支出</t>"]
    path = write_parts(tmp_path / "spaces.xlsx", {"S": sheet_xml(rows)}, shared=shared)
    cells = assert_same(path)[0].cells
    assert cells["text"].tolist() == ["合计", "  其中：基本支出", "3", "  其中：项目支出"]


def test_1904_dates_and_a_prefixed_namespace(tmp_path):
    rows = '<x:row r="2"><x:c r="B2" s="1"><x:v>366</x:v></x:c><x:c r="C2" s="2"><x:v>12.345</x:v></x:c></x:row>'
    path = write_parts(
        tmp_path / "prefixed.xlsx",
        {"S": sheet_xml(rows, prefix="x")},
        styles=styles_xml(["yyyy-mm-dd", "0.00"]),
        date1904=True,
    )
    cells = assert_same(path)[0].cells.set_index("cell")
    assert cells.loc["B2", "text"] == "1905-01-01T00:00:00"
    assert cells.loc["C2", ["text", "decimals"]].tolist() == ["12.35", 2]


def test_formula_without_cached_value_is_refused_alike(tmp_path):
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><f>A1*2</f><v></v></c><c r="B2"><f>A1</f></c></row>'
    one = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')
    path = write_parts(tmp_path / "uncalculated.xlsx", {"一": one, "二": sheet_xml(rows)})
    messages = []
    for reader in (read_xlsx, read_xlsx_openpyxl):
        with pytest.raises(InputError) as exc:
            reader(path)
        messages.append(str(exc.value))
    assert messages[0] == messages[1]
    assert "二!A2" in messages[0] and "cached value" in messages[0]


def test_a_formula_whose_text_result_is_empty_is_calculated(tmp_path):
    """Excel stores =IF(…,"",…) as t="str" with an empty <v>: a calculated, empty result. The
    openpyxl reader refused such workbooks as never calculated; the fast reader reads the empty
    text, as it reads an empty shared string."""
    rows = '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="str"><f>IF(A1=1,"",A1)</f><v></v></c></row>'
    path = write_parts(tmp_path / "empty-text.xlsx", {"S": sheet_xml(rows)})
    assert read_xlsx(path)[0].cells["text"].tolist() == ["1", ""]
    with pytest.raises(InputError, match="cached value"):
        read_xlsx_openpyxl(path)


def test_grouped_hidden_columns_are_all_hidden(tmp_path):
    """`<col min="2" max="4" hidden="1"/>` hides B, C and D. The openpyxl reader keyed hidden
    columns by the first letter of such a range and marked only B; the fast reader marks all."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for c in range(1, 6):
        ws.cell(row=1, column=c, value=c)
    ws.column_dimensions.group("B", "D", hidden=True)
    path = tmp_path / "grouped.xlsx"
    wb.save(path)
    fast = read_xlsx(path)[0].cells.set_index("cell")["hidden"]
    ref = read_xlsx_openpyxl(path)[0].cells.set_index("cell")["hidden"]
    assert fast.to_dict() == {"A1": False, "B1": True, "C1": True, "D1": True, "E1": False}
    assert ref.to_dict() == {**fast.to_dict(), "C1": False, "D1": False}


def test_escaped_control_characters_are_decoded(tmp_path):
    """Excel writes a carriage return in a string as _x000D_; calamine decodes it, openpyxl kept
    the escape in the text. The fast reader shows the text as Excel does."""
    path = write_parts(
        tmp_path / "escaped.xlsx",
        {"S": sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')},
        shared=["<t>本年_x000D_\n决算数</t>"],
    )
    assert read_xlsx(path)[0].cells["text"].tolist() == ["本年\r\n决算数"]
    assert read_xlsx_openpyxl(path)[0].cells["text"].tolist() == ["本年_x000D_\n决算数"]


def test_locale_date_formats_are_dates(tmp_path):
    """Built-in ids 27–36 and 50–58 are dates in the Chinese locale (31 = yyyy"年"m"月"d"日").
    openpyxl knows no code for them and read the serial as a number; the fast reader reads a date."""
    rows = '<row r="1"><c r="A1" s="1"><v>44197</v></c><c r="B1" s="2"><v>1.25</v></c></row>'
    path = write_parts(tmp_path / "locale.xlsx", {"S": sheet_xml(rows)}, styles=styles_xml([31, 2]))
    fast = read_xlsx(path)[0].cells
    assert fast["text"].tolist() == ["2021-01-01T00:00:00", "1.25"]
    assert read_xlsx_openpyxl(path)[0].cells["text"].tolist() == ["44197", "1.25"]


def test_a_doctype_is_refused_and_no_entity_expanded(tmp_path):
    evil = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        f'<worksheet xmlns="{"http://schemas.openxmlformats.org/spreadsheetml/2006/main"}">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>'
    )
    path = write_parts(tmp_path / "doctype.xlsx", {"S": evil})
    with pytest.raises(InputError, match="DOCTYPE"):
        read_xlsx(path)


def test_merges_are_bounded_by_the_used_range(tmp_path):
    merges = '|<mergeCells count="2"><mergeCell ref="A1:XFD1048576"/><mergeCell ref="Z900:Z901"/></mergeCells>'
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>表</t></is></c></row><row r="3"><c r="C3"><v>1</v></c></row>'
    path = write_parts(tmp_path / "huge-merge.xlsx", {"S": sheet_xml(rows, merges)})
    start = time.perf_counter()
    grid = read_xlsx(path)[0]
    assert time.perf_counter() - start < 5
    assert grid.merged == [(1, 1, 3, 3)]
    assert grid.cells["cell"].tolist() == ["A1"]  # C3 lies under the merge


def test_a_merge_over_a_large_used_range(tmp_path):
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="60000"><c r="Z60000"><v>2</v></c></row>'
    merges = '|<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    path = write_parts(tmp_path / "wide.xlsx", {"S": sheet_xml(rows, merges)})
    grid = read_xlsx(path)[0]
    assert grid.merged == [(1, 1, 60000, 26)] and grid.cells["cell"].tolist() == ["A1"]


def test_damaged_and_foreign_files_are_input_errors(tmp_path):
    good = tmp_path / "good.xlsx"
    write_workbook(good)
    data = good.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    broken = tmp_path / "broken-xml.xlsx"
    write_parts(broken, {"S": sheet_xml('<row r="1"><c r="A1"><v>1</v></row>')})
    for p in (cut, broken):
        with pytest.raises(InputError, match="corrupt"):
            read_xlsx(p)


# ---------------------------------------------------------------------------------------------
# generated workbooks

CODES = ["General", "0", "0.00", "#,##0.00", "0%", "0.0%", "0.00%", "#,##0.00_);(#,##0.00)", '0.00;-0.00;"-"', "@"]
printed = st.builds(
    lambda v, d: round(v, d),
    st.floats(-1e7, 1e7, allow_nan=False, allow_infinity=False),
    st.integers(0, 4),
)
values = st.one_of(
    printed,
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=64).filter(lambda x: abs(x) < 1e15),
    st.sampled_from(["", " ", "—", "-", "合计", "  其中：", "1,234.5", "12.30%", "（3.5）", "２０", "2010301"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=6),
    st.booleans(),
)
cell_specs = st.tuples(st.integers(1, 12), st.integers(1, 6), values, st.sampled_from(CODES))


@settings(
    max_examples=int(os.environ.get("FINCHECK_XLSX_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(cell_specs, min_size=1, max_size=40),
    st.sets(st.integers(1, 12), max_size=3),
    st.sets(st.sampled_from(["A", "C", "F"]), max_size=2),
    st.lists(st.tuples(st.integers(1, 12), st.integers(1, 6), st.integers(0, 2), st.integers(0, 2)), max_size=3),
)
def test_generated_workbooks(tmp_path, cells, hidden_rows, hidden_cols, merges):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "生成"
    for r, c, value, code in cells:
        cell = ws.cell(row=r, column=c)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula
        cell.number_format = code
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    for c in hidden_cols:
        ws.column_dimensions[c].hidden = True
    taken: set[tuple[int, int]] = set()
    for r, c, dr, dc in merges:
        area = {(r + i, c + j) for i in range(dr + 1) for j in range(dc + 1)}
        if (dr or dc) and not area & taken:
            taken |= area
            ws.merge_cells(start_row=r, start_column=c, end_row=r + dr, end_column=c + dc)
    path = tmp_path / "generated.xlsx"
    wb.save(path)
    assert_same(path)


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), max_size=50))
def test_decimals_of_floats_matches_one_by_one(xs):
    assert decimals_of_floats(np.asarray(xs, dtype="float64")).tolist() == [decimals_of_float(x) for x in xs]


def test_benchmark_smoke():
    """The benchmark runs end to end on two workbooks (not timed)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_fast_reader", EXAMPLE.parents[1] / "bench" / "bench_fast_reader.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    lines: list[str] = []
    result = bench.run(2, repeat=1, out=lines.append)
    assert set(result["wall"]) == {"calamine", "fast reader", "openpyxl reader"}
    assert all(v > 0 for v in result["cpu"].values() if v) and lines[-1].startswith("machine: nproc")
