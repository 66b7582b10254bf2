"""Writing tidy workbooks: the blank template (``fincheck template OUT.xlsx``) and workbooks
built from printed figures (the bundled example, rule examples, tests).

A figure given as text keeps how it was printed: "915.40" becomes 915.4 in a ``0.00`` cell,
"97.60%" becomes 0.976 in a ``0.00%`` cell, so the reader sees the same decimals again.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .numbers import is_empty_mark, parse_printed

#: the instructions sheet: (topic, in Chinese, in English); the sheets' names and headers are
#: the tidy format's own (Chinese) words in both languages
INSTRUCTIONS = [
    ("fincheck 整洁表格式 / tidy workbook format", "", ""),
    ("", "", ""),
    (
        "每个工作表一张表 / one table per sheet",
        "第一行可写表名（如“收入决算表”），可写“单位：万元”一行，然后是表头行。",
        "The first row may hold the table's name (e.g. 收入决算表), then a row 单位：万元, then the header row.",
    ),
    (
        "表头 / header",
        "必须有“项目”列和至少一个数值列；中英文列名均可（项目/item, 金额/amount …）。",
        "A 项目 (item) column and at least one value column are needed; Chinese or English names (项目/item, 金额/amount …).",
    ),
    (
        "层级 / hierarchy",
        "项目名前缩进（空格）表示下级；或填“编码”列（201/20101/2010101）；或填“层级”列（1,2,3）。",
        "Indent an item's name (spaces) to make it a child; or fill a 编码 column (201/20101/2010101) or a 层级 column (1,2,3).",
    ),
    (
        "其中 / sub-items",
        "以“其中：”开头的行是上级的一部分（不要求相加等于上级）。",
        "Rows opening with 其中： are part of their parent (they need not add up to it).",
    ),
    (
        "合计 / total",
        "顶层的“合计”或“总计”行 = 其他顶层行之和。",
        "A top-level 合计 or 总计 row = the sum of the other top-level rows.",
    ),
    (
        "数值列 / value columns",
        "预算数、全年预算数（调整后预算数）、决算数、执行数、上年数、年初数、年末数、金额 …",
        "预算数 (budget), 全年预算数 (full-year budget), 决算数 (final), 执行数 (actual), 上年数 (last year), 年初数, 年末数, 金额 …",
    ),
    (
        "占比 / share",
        "“占比”列 = 本行金额 ÷ 基数 × 100%；基数默认是上级行，或在“占比基数”列写项目名（可写 A+B）。",
        "占比 = this row's amount ÷ base × 100%; the base is the parent row, or the item named in a 占比基数 column (A+B allowed).",
    ),
    (
        "执行率 / rate",
        "“执行率”列 = 执行数（决算数）÷ 全年预算数（预算数）× 100%；或在“执行率基数”列写项目名。",
        "执行率 = 执行数 (决算数) ÷ 全年预算数 (预算数) × 100%; or name the base item in a 执行率基数 column.",
    ),
    (
        "增长率 / growth",
        "“增长率”列 = （本年数 − 上年数）÷ 上年数 × 100%。",
        "增长率 = (this year − last year) ÷ last year × 100%.",
    ),
    (
        "空白 / blanks",
        "空白 = 未填写（不校验）；“—”或“-” = 0；文字写在数值列会被报告。",
        "Blank = not given (not checked); — or - = 0; words in a value column are reported.",
    ),
    (
        "小数位 / decimals",
        "按显示的小数位判断舍入误差：请保留原报告的小数位（单元格格式 0.00、0.00%）。",
        "Rounding is judged by the decimals shown: keep the report's decimals (cell formats 0.00, 0.00%).",
    ),
]

BLANK_SHEETS = {
    "预算": ["编码", "项目", "预算数", "全年预算数", "执行数", "执行率", "执行率基数"],
    "决算": ["编码", "项目", "决算数", "上年数", "增长率", "占比", "占比基数"],
    "资产": ["项目", "年初数", "年末数", "占比", "占比基数"],
    "项目": ["项目", "全年预算数", "执行数", "执行率", "执行率基数"],
}


def parse_csv(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text.strip("\n")))]


def _write_cell(ws, row: int, col: int, text: str) -> None:
    cell = ws.cell(row=row, column=col)
    raw = str(text)
    if not raw.strip():
        return
    printed = parse_printed(raw)
    if printed is None or is_empty_mark(raw):
        cell.value = raw if not raw.startswith(("=", "+", "@")) else "'" + raw
        cell.data_type = "s"
        return
    if printed.percent:
        cell.value = printed.value / 100.0
        cell.number_format = "0" + ("." + "0" * printed.decimals if printed.decimals else "") + "%"
    else:
        cell.value = printed.value if printed.decimals else int(printed.value)
        cell.number_format = "0" + ("." + "0" * printed.decimals if printed.decimals else "")


def write_tidy_workbook(path: str | Path, sheets: dict[str, str | list[list[str]]]) -> Path:
    """Write sheets given as CSV text (or rows of printed strings) to an .xlsx file."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, content in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        rows = parse_csv(content) if isinstance(content, str) else content
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                _write_cell(ws, r, c, value)
        ws.column_dimensions["A"].width = 14
        ws.column_dimensions["B"].width = 28
    path = Path(path)
    wb.save(path)
    return path


def write_template(path: str | Path, lang: str = "zh") -> Path:
    """A blank tidy workbook: an instructions sheet (its explanations in ``lang``) and one empty
    table per report kind. ``path`` must end in .xlsx (the template is a workbook)."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "说明"
    for r, (a, zh, en) in enumerate(INSTRUCTIONS, start=1):
        b = en if lang == "en" else zh
        ws.cell(row=r, column=1, value=a).font = Font(bold=r == 1 or bool(b))
        ws.cell(row=r, column=2, value=b)
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 100
    for name, headers in BLANK_SHEETS.items():
        sheet = wb.create_sheet(name)
        sheet.cell(row=1, column=1, value=f"{name}表")
        sheet.cell(row=2, column=1, value="单位：万元")
        for c, h in enumerate(headers, start=1):
            sheet.cell(row=3, column=c, value=h).font = Font(bold=True)
        sheet.column_dimensions["B"].width = 30
    path = Path(path)
    wb.save(path)
    return path
