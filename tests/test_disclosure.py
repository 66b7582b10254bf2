"""The document checks (fincheck/disclosure, rules DOC): small PDFs and Word documents built
here, one failing and one passing document per mechanism, in both formats."""

from __future__ import annotations

import re

import pytest

import fincheck
from fincheck.disclosure import phrasing

from .disclosure_docs import PAGE, table, write_doc

FORMATS = ("pdf", "docx")
COVER = ["上海市示例区财政局", "2024年度部门决算"]
BASIC_ROWS = [
    ("301", "工资福利支出", "300.00"),
    ("30101", "基本工资", "200.00"),
    ("30103", "奖金", ""),
    ("30113", "住房公积金", "100.00"),
    ("302", "商品和服务支出", "30.00"),
    ("30201", "办公费", "20.00"),
    ("30211", "差旅费", "10.00"),
    ("30215", "会议费", ""),
]
BASIC = table("一般公共预算财政拨款基本支出决算表", ("经济分类科目编码", "科目名称", "决算数"), BASIC_ROWS)
INCOME = table("收入决算表", ("项目", "本年收入合计", "财政拨款收入"), [("合计", "10.00", "10.00")])
FUND = table("政府性基金预算财政拨款收入支出决算表", ("项目", "年初结转和结余", "本年收入"), [("合计", "", "")])


def _findings(blocks: list, fmt: str, tmp_path, select: str = "DOC") -> list[dict]:
    path = write_doc(blocks, fmt, tmp_path / "report")
    report = fincheck.check(path, select=[select])
    assert not report.errors, report.errors
    return [c for c in report.to_dict()["checks"] if c["status"] == "fail"]


def _codes(found: list[dict]) -> list[str]:
    return sorted(c["rule"] for c in found)


def _place(c: dict, fmt: str) -> None:
    """Every document finding is located by page and line (PDF) or paragraph (Word)."""
    loc = c["location"]
    assert ({"page", "line"} <= set(loc)) if fmt == "pdf" else ("paragraph" in loc or "table" in loc), loc


# template residue ------------------------------------------------------------------------------

TEMPLATE = [
    "上海市示例区财政局2024年度收入支出总计 XXX 万元。与2023年度相比，收入支出总计增加（减少）XXX 万元，"
    "增长（下降）XX%。主要原因：XXXXXXXX。（如持平作持平表述）",
    "本年收入合计 XXX 万元，其中：财政拨款收入 万元，占 %；其他收入 XXX 万元，占 %。",
]
FILLED = [
    "上海市示例区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，"
    "下降1.87%。主要原因：人员退休。",
    "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.20万元，占0.21%。",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_template_residue_is_one_finding_per_kind_with_its_count(fmt, tmp_path):
    found = _findings([*COVER, *TEMPLATE], fmt, tmp_path)
    by = {(c["rule"], re.search(r"“([^”]+)”", c["message"]).group(1)): c for c in found}
    assert set(by) == {
        ("DOC001", "XXX"),
        ("DOC001", "XX"),
        ("DOC001", "XXXXXXXX"),
        ("DOC002", "增加（减少）"),
        ("DOC002", "增长（下降）"),
        ("DOC003", "占 %"),  # "财政拨款收入 万元" is no slot: no word introduces a figure there
        ("DOC005", "（如持平作持平表述）"),
    }
    assert "共 4 处" in by[("DOC001", "XXX")]["message"]
    assert len(by[("DOC001", "XXX")]["related"]) == 3
    assert "共 2 处" in by[("DOC003", "占 %")]["message"]
    for c in found:
        _place(c, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_filled_text_has_no_residue(fmt, tmp_path):
    assert _findings([*COVER, *FILLED], fmt, tmp_path) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_percentage_without_its_sign(fmt, tmp_path):
    text = FILLED[0].replace("下降1.87%", "下降1.87")
    found = _findings([*COVER, text], fmt, tmp_path)
    assert _codes(found) == ["DOC004"] and found[0]["stated"] == 1.87
    _place(found[0], fmt)


def test_residue_in_english_output(tmp_path):
    path = write_doc([*COVER, *TEMPLATE], "docx", tmp_path / "report")
    report = fincheck.check(path, select=["DOC001"], lang="en")
    assert any("was left in 4 times" in m for m in report.checks["message"])


# items listed vs the table ---------------------------------------------------------------------

LIST_WRONG = "其中：人员经费300.00万元，主要包括：基本工资、奖金；公用经费30.00万元，主要包括：办公费、差旅费。"
LIST_RIGHT = "其中：人员经费300.00万元，主要包括：基本工资、住房公积金；公用经费30.00万元，主要包括：办公费、差旅费。"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_listed_item_the_table_prints_blank_and_a_spent_item_left_out(fmt, tmp_path):
    found = _findings([*COVER, *BASIC, "一般公共预算财政拨款基本支出330.00万元。", LIST_WRONG], fmt, tmp_path)
    assert _codes(found) == ["DOC006", "DOC007"]
    listed, left_out = sorted(found, key=lambda c: c["rule"])
    assert listed["location"]["quote"] == "奖金" and "30103" in listed["message"]
    assert "住房公积金" in left_out["message"] and "30113" in left_out["message"]
    for c in found:  # both places: the narrative's and the table cell's
        _place(c, fmt)
        assert len(c["related"]) == 1 and "row" in c["related"][0]
    if fmt == "pdf":
        assert listed["related"][0]["row"] == 4  # 奖金 is the table's fourth row (header first)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_list_that_matches_the_table(fmt, tmp_path):
    assert _findings([*COVER, *BASIC, LIST_RIGHT], fmt, tmp_path) == []


# structure -------------------------------------------------------------------------------------

CONTENTS = [
    "目录",
    "第二部分 上海市示例区财政局2024年度部门决算表",
    "一、收入决算表",
    "二、一般公共预算财政拨款基本支出决算表",
]
BODY_HEAD = "第二部分 上海市示例区财政局2024年度部门决算表"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_table_the_contents_list_but_the_document_does_not_print(fmt, tmp_path):
    found = _findings([*COVER, PAGE, *CONTENTS, PAGE, BODY_HEAD, *INCOME], fmt, tmp_path)
    assert _codes(found) == ["DOC008"]
    assert "一般公共预算财政拨款基本支出决算表" in found[0]["message"]
    _place(found[0], fmt)
    assert _findings([*COVER, PAGE, *CONTENTS, PAGE, BODY_HEAD, *INCOME, PAGE, *BASIC], fmt, tmp_path) == []


NOTE = "注：上海市示例区财政局无政府性基金预算财政拨款收入和支出，故本表无数据。"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_blank_table_needs_its_statement(fmt, tmp_path):
    found = _findings([*COVER, *INCOME, PAGE, *FUND], fmt, tmp_path)
    assert _codes(found) == ["DOC009"]
    assert "政府性基金" in found[0]["message"]
    assert _findings([*COVER, *INCOME, PAGE, *FUND, NOTE], fmt, tmp_path) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_document_whose_tables_are_all_blank_is_a_template(fmt, tmp_path):
    blank_income = table("收入决算表", ("项目", "本年收入合计", "财政拨款收入"), [("合计", "", "")])
    assert _findings([*COVER, *blank_income, PAGE, *FUND], fmt, tmp_path) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_template_instructions_under_a_table(fmt, tmp_path):
    text = "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明："
    found = _findings([*COVER, *INCOME, PAGE, *FUND, text, NOTE], fmt, tmp_path)
    assert _codes(found) == ["DOC005", "DOC005"]


# consistency -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_unit_name_and_year_across_headings(fmt, tmp_path):
    good = [*COVER, "第一部分 上海市示例区财政局概况", BODY_HEAD, "截至2024年12月31日，共有车辆0辆。"]
    assert _findings(good, fmt, tmp_path) == []
    # a short form without the leading place name is the same unit; a heading naming two years
    # (this year's execution and next year's draft) makes no claim on the report's period
    short = [*COVER, "第一部分 示例区财政局概况", "第二部分 上海市示例区财政局2024年度决算和2025年度预算安排"]
    assert _findings(short, fmt, tmp_path) == []
    bad = [
        *COVER,
        "第一部分 上海市财政局概况",
        "第二部分 上海市示例区财政局2023年度部门决算表",
        "截至2023年12月31日，共有车辆0辆。",
    ]
    found = _findings(bad, fmt, tmp_path)
    assert _codes(found) == ["DOC010", "DOC011", "DOC011"]
    name = next(c for c in found if c["rule"] == "DOC010")
    assert "上海市财政局" in name["message"] and "上海市示例区财政局" in name["message"]
    assert name["related"]  # the cover it contradicts
    for c in found:
        _place(c, fmt)


# the phrasing data -----------------------------------------------------------------------------

GROUPS = ["placeholders", "alternatives", "slots", "bare_percent", "instructions", "item_lists", "empty_table"]


def _searcher(group: str, entry: str):
    if group == "alternatives":
        return phrasing.alternatives()
    if group in ("placeholders", "instructions"):
        return dict(phrasing.named(group))[entry]
    return phrasing.regex(group)


@pytest.mark.parametrize(
    ("group", "entry", "finds", "misses"),
    [(g, *e) for g in GROUPS for e in phrasing.examples(g)],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_phrasing_examples(group, entry, finds, misses):
    rx = _searcher(group, entry)
    for text in finds:
        assert rx.search(text), f"{group}/{entry} should find something in {text!r}"
    for text in misses:
        assert not rx.search(text), f"{group}/{entry} should find nothing in {text!r}"


def test_contents_and_heading_examples():
    data = phrasing.data()
    entry = phrasing.regex("contents", "entry")
    assert all(entry.match(t) for t in data["contents"]["finds"])
    assert not any(entry.match(t) for t in data["contents"]["misses"])
    named = phrasing.regex("headings", "named")
    assert all(named.match(t.replace(" ", "")) for t in data["headings"]["finds"])
    assert not any(named.match(t.replace(" ", "")) for t in data["headings"]["misses"])


# no text layer ---------------------------------------------------------------------------------


def test_a_pdf_without_a_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    from .helpers import run_cli

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 300, 400, fill=1)  # a scanned page: an image, no characters
    pdf.showPage()
    pdf.save()
    proc = run_cli(path, "--lang", "en")
    assert proc.returncode == 2
    assert "no text layer (scanned PDF); OCR is not supported" in proc.stderr
    assert "Traceback" not in proc.stderr


# the narrative against itself and the tables' names ---------------------------------------------

PURPOSE = "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费及公用经费等的基本支出。"
COPIED = "2、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：局本部人员经费及公用经费等的基本支出。"
OWN = "2、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：财政业务信息系统的日常运行维护支出。"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_purpose_text_copied_from_another_item(fmt, tmp_path):
    found = _findings([*COVER, PURPOSE, COPIED], fmt, tmp_path)
    assert _codes(found) == ["DOC012"]
    assert "信息化建设" in found[0]["message"] and "行政运行" in found[0]["message"]
    assert found[0]["related"] and found[0]["related"][0] != found[0]["location"]
    _place(found[0], fmt)
    assert _findings([*COVER, PURPOSE, OWN], fmt, tmp_path) == []
    # the same 项 under another 款 is the same kind of item: its purpose may well be the same
    other_kuan = COPIED.replace("财政事务（款）信息化建设", "税收事务（款）行政运行")
    assert _findings([*COVER, PURPOSE, other_kuan], fmt, tmp_path) == []


PROCUREMENT = (
    "政府采购金额（以合同签订为准）为251.25万元。本部门面向中小企业预留政府采购项目预算金额{sme}万元，"
    "面向小微企业预留政府采购项目预算金额0万元。"
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_sme_procurement_within_the_total(fmt, tmp_path):
    assert _findings([*COVER, PROCUREMENT.format(sme="251.25")], fmt, tmp_path) == []
    found = _findings([*COVER, PROCUREMENT.format(sme="264.47")], fmt, tmp_path)
    assert _codes(found) == ["DOC013"] and found[0]["stated"] == 264.47


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_rate_of_a_zero_budget(fmt, tmp_path):
    bad = "公务接待费年初预算为0万元，支出决算为0.50万元，完成年初预算的100%。"
    found = _findings([*COVER, bad], fmt, tmp_path)
    assert _codes(found) == ["DOC014"] and found[0]["stated"] == 100
    good = "公务接待费年初预算为0.60万元，支出决算为0.50万元，完成年初预算的83.33%。"
    assert _findings([*COVER, good], fmt, tmp_path) == []


GP_EXPENSE = table(
    "一般公共预算财政拨款支出决算表",
    ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
    [
        ("201", "一般公共服务支出", "30.00", "20.00", "10.00"),
        ("20106", "财政事务", "30.00", "20.00", "10.00"),
        ("2010601", "行政运行", "20.00", "20.00", ""),
        ("2010607", "信息化建设", "10.00", "", "10.00"),
        ("", "合计", "30.00", "20.00", "10.00"),
    ],
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_item_explained_under_another_name_than_its_code(fmt, tmp_path):
    good = "1、一般公共服务支出（类）财政事务（款）信息化建设（项）。支出决算为10.00万元。"
    assert _findings([*COVER, *GP_EXPENSE, good], fmt, tmp_path) == []
    old_name = good.replace("信息化建设（项）", "信息系统建设（项）")
    found = _findings([*COVER, *GP_EXPENSE, old_name], fmt, tmp_path)
    assert _codes(found) == ["DOC015"] and found[0]["location"]["quote"] == "信息系统建设"
    assert "2010607 信息化建设" in found[0]["message"] and found[0]["related"]
    other_kuan = good.replace("财政事务（款）", "税收事务（款）")
    found = _findings([*COVER, *GP_EXPENSE, other_kuan], fmt, tmp_path)
    assert _codes(found) == ["DOC015"] and "20106 财政事务" in found[0]["message"]


# a table printed in the narrative takes its title from the heading above it --------------------


def test_a_table_under_a_heading_takes_the_heading_as_its_title(tmp_path):
    from .documents import Sample

    units = Sample("units", (), ("序号", "项目", "备注"), (("1", "上海市示例区财政局本级", "行政单位"),))
    blocks = [
        "（十二）完成区委、区政府交办的其他任务。",
        "二、部门决算单位构成",
        "从预算单位构成看，上海市示例区财政局部门决算包括：本级决算。纳入编制范围的单位包括：",
        units,
    ]
    path = write_doc(blocks, "pdf", tmp_path / "units")
    report = fincheck.check(path)
    assert list(report.tables["title"]) == ["部门决算单位构成"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_narrative_amount_in_another_unit_than_the_tables(fmt, tmp_path):
    right = "本年收入合计10.00万元，其中：财政拨款收入10.00万元。"
    assert _findings([*COVER, *INCOME, right], fmt, tmp_path) == []
    found = _findings([*COVER, *INCOME, "本年收入合计10.00元。"], fmt, tmp_path)
    assert _codes(found) == ["DOC016"] and found[0]["stated"] == 10.0
    assert found[0]["related"] and "万元" in found[0]["message"]
    _place(found[0], fmt)


# a text figure against a table continued on the next page --------------------------------------


def test_the_text_table_message_names_the_cells_page_not_the_tables_first(tmp_path):
    from .documents import Sample

    head = ("项目", "本年支出合计", "基本支出", "项目支出")
    first = table(
        "支出决算表",
        head,
        [("一般公共服务支出", "20.00", "10.00", "10.00"), ("社会保障和就业支出", "10.00", "10.00", "")],
    )
    rest = Sample("continued", (), head, (("合计", "30.00", "20.00", "10.00"),))  # no title: the table goes on
    text = "本年支出合计30.00万元，其中：基本支出25.00万元，项目支出10.00万元。"
    path = write_doc([*COVER, *first, PAGE, rest, PAGE, text], "pdf", tmp_path / "report")
    report = fincheck.check(path, select=["TXT011"])
    assert list(report.tables["note"]) == ["continued on p2"]
    bad = [c for c in report.to_dict()["checks"] if c["status"] == "fail"]
    assert len(bad) == 1 and bad[0]["related"][0]["page"] == 2
    # a Chinese message says the place in Chinese (第2页…, not p2 t1 r2c3): still page 2, not page 1
    assert "第2页第1张表第2行第3列" in bad[0]["message"] and "第1页" not in bad[0]["message"]


# amounts against the table of the funding scope they name ---------------------------------------

ALL_FUNDS = table(
    "支出决算表", ("项目", "本年支出合计", "基本支出", "项目支出"), [("合计", "3100.00", "2500.00", "600.00")]
)
GP_TOTALS = table(
    "一般公共预算财政拨款支出决算表",
    ("项目", "合计", "基本支出", "项目支出"),
    [("合计", "2900.00", "2336.91", "563.09")],
)
GP_BASIC = table(
    "一般公共预算财政拨款基本支出决算表",
    ("经济分类科目编码", "科目名称", "决算数"),
    [
        ("301", "工资福利支出", "2152.26"),
        ("302", "商品和服务支出", "184.65"),
        ("", "人员经费合计", "2152.26"),
        ("", "公用经费合计", "184.65"),
    ],
)
SCOPED = "一般公共预算财政拨款基本支出{basic}万元。其中：人员经费{people}万元；公用经费184.65万元。"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_scoped_amount_that_is_another_scopes_figure(fmt, tmp_path):
    docs = [*COVER, *ALL_FUNDS, *GP_TOTALS, *GP_BASIC]
    assert _findings([*docs, SCOPED.format(basic="2336.91", people="2152.26")], fmt, tmp_path) == []
    found = _findings([*docs, SCOPED.format(basic="2500.00", people="2152.26")], fmt, tmp_path)
    assert _codes(found) == ["DOC017"] and found[0]["stated"] == 2500.0
    msg = found[0]["message"]
    assert "支出决算表" in msg and "全部资金" in msg and "2336.91" in msg
    _place(found[0], fmt)
    assert found[0]["location"]["quote"] == "2500.00万元"
    assert len(found[0]["related"]) == 2 and all("row" in r for r in found[0]["related"])  # both tables' cells


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_personnel_figure_that_is_no_table_figure(fmt, tmp_path):
    docs = [*COVER, *GP_TOTALS, *GP_BASIC]
    found = _findings([*docs, SCOPED.format(basic="2336.91", people="2125.26")], fmt, tmp_path)
    assert _codes(found) == ["DOC018"] and found[0]["stated"] == 2125.26
    assert "人员经费" in found[0]["message"] and "2152.26" in found[0]["message"]
    _place(found[0], fmt)
    # a figure that some table prints is not known to be wrong (it may be another total)
    assert _findings([*docs, SCOPED.format(basic="2336.91", people="184.65")], fmt, tmp_path) == []


THREE_PUBLIC = "财政拨款“三公”经费支出决算表"
SANGONG = "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元。"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_three_public_budget_the_table_leaves_blank(fmt, tmp_path):
    header = ("项目", "预算数", "决算数")
    blank = table(THREE_PUBLIC, header, [("合计", "", ""), ("公务接待费", "", "")])
    found = _findings([*COVER, *GP_TOTALS, *blank, SANGONG], fmt, tmp_path)
    assert _codes(found) == ["DOC009", "DOC018"]  # the blank table has no 空表说明 either
    found = [c for c in found if c["rule"] == "DOC018"]
    assert found[0]["stated"] == 0.95
    assert "—" in found[0]["message"]
    _place(found[0], fmt)
    filled = table(THREE_PUBLIC, header, [("合计", "0.95", ""), ("公务接待费", "0.95", "")])
    assert _findings([*COVER, *GP_TOTALS, *filled, SANGONG], fmt, tmp_path) == []


def test_scoped_amount_examples():
    from fincheck.disclosure.scopes import scoped_amounts

    data = phrasing.data()["scoped_amounts"]
    assert all(scoped_amounts(t) for t in data["finds"])
    assert not any(scoped_amounts(t) for t in data["misses"])
    found = scoped_amounts(data["finds"][0])
    assert [(s.scope, s.subject, s.printed) for s in found] == [
        ("一般公共预算财政拨款", "基本支出", "2336.91"),
        ("一般公共预算财政拨款", "人员经费", "2152.26"),
    ]


def test_scoped_amounts_in_english(tmp_path):
    path = write_doc(
        [*COVER, *ALL_FUNDS, *GP_TOTALS, SCOPED.format(basic="2500.00", people="2152.26")], "docx", tmp_path / "r"
    )
    report = fincheck.check(path, select=["DOC017"], lang="en")
    assert any("for all funds" in m and "prints 2336.91" in m for m in report.checks["message"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_budgets_personnel_figure_against_its_total_rows_column(fmt, tmp_path):
    basic = table(
        "一般公共预算基本支出表",
        ("科目编码", "科目名称", "合计", "人员经费", "公用经费"),
        [("2010601", "行政运行", "330.00", "300.00", "30.00"), ("", "合计", "330.00", "300.00", "30.00")],
    )
    cover = ["上海市示例区财政局", "2025年度部门预算"]
    text = "一般公共预算基本支出330.00万元，其中：人员经费{people}万元，公用经费30.00万元。"
    assert _findings([*cover, *basic, text.format(people="300.00")], fmt, tmp_path) == []
    found = _findings([*cover, *basic, text.format(people="312.50")], fmt, tmp_path)
    assert _codes(found) == ["DOC018"] and "300.00" in found[0]["message"]
