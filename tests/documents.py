"""Small report tables written by the tests in every input format fincheck reads.

A :class:`Sample` is one table as printed: its title lines, header and rows of printed texts
(labels keep their indentation, figures their decimals and "%" signs). The writers put the
same table into an .xlsx (numbers with number formats), .xls, .csv, .docx (paragraphs above a
Word table), .md (a pipe table under its title lines) or .pdf (a ruled table drawn with a
built-in CJK font), and :func:`location` says where a cell of the table is in each format's
own terms, so a test can assert that a finding points at the cell it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

FORMATS = ("xlsx", "xls", "csv", "docx", "md", "pdf")
SHEET = "表"
_FIGURE = re.compile(r"^-?[\d,]+(?:\.(\d+))?(%?)$")


@dataclass(frozen=True)
class Sample:
    name: str
    lines: tuple[str, ...]  # title and unit lines above the header
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # printed texts; "" is an empty cell

    def titled(self, title: str) -> Sample:
        """The same table under another title (a published layout's, e.g. 资产负债表)."""
        return replace(self, name=f"{self.name}-titled", lines=(title, *self.lines[1:]))

    def grid(self) -> list[list[str]]:
        """Header and data rows (without the lines above them)."""
        return [list(self.header), *(list(r) for r in self.rows)]

    def row_of(self, label: str) -> int:
        """Index (from 0) in :meth:`grid` of the data row whose label is ``label``."""
        grid = self.grid()
        return next(i for i, row in enumerate(grid) if any(c.strip() == label for c in row))

    def col_of(self, header: str) -> int:
        return self.header.index(header)


def figure(text: str) -> tuple[float, int, bool] | None:
    """(value, decimals, percent) of a printed figure; None for a label or an empty cell."""
    m = _FIGURE.match(text.strip())
    if not m:
        return None
    value = float(text.strip().rstrip("%").replace(",", ""))
    return value, len(m.group(1) or ""), bool(m.group(2))


def _number_format(decimals: int, percent: bool) -> str:
    body = "0" if not decimals else "0." + "0" * decimals
    return body + ("%" if percent else "")


# writers ---------------------------------------------------------------------------------------


def write_csv(sample: Sample, path: Path) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        for line in sample.lines:
            out.writerow([line])
        out.writerows(sample.grid())
    return path


def write_xlsx(sample: Sample, path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    for r, line in enumerate(sample.lines, start=1):
        ws.cell(r, 1, line)
    top = len(sample.lines)
    for r, row in enumerate(sample.grid(), start=top + 1):
        for c, text in enumerate(row, start=1):
            fig = figure(text)
            if fig is None:
                if text:
                    ws.cell(r, c, text)
                continue
            value, decimals, percent = fig
            cell = ws.cell(r, c, value / 100 if percent else value)
            cell.number_format = _number_format(decimals, percent)
    wb.save(path)
    return path


def write_xls(sample: Sample, path: Path) -> Path:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet(SHEET)
    for r, line in enumerate(sample.lines):
        ws.write(r, 0, line)
    top = len(sample.lines)
    for r, row in enumerate(sample.grid(), start=top):
        for c, text in enumerate(row):
            fig = figure(text)
            if fig is None:
                if text:
                    ws.write(r, c, text)
                continue
            value, decimals, percent = fig
            style = xlwt.easyxf(num_format_str=_number_format(decimals, percent))
            ws.write(r, c, value / 100 if percent else value, style)
    wb.save(str(path))
    return path


def write_docx(sample: Sample, path: Path, before: tuple[str, ...] = ()) -> Path:
    """Paragraphs ``before`` (prose), the sample's lines as paragraphs, then the Word table."""
    import docx

    doc = docx.Document()
    for text in (*before, *sample.lines):
        doc.add_paragraph(text)
    grid = sample.grid()
    table = doc.add_table(rows=len(grid), cols=len(sample.header))
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(path)
    return path


def markdown(sample: Sample) -> str:
    """The sample as markdown: its lines as paragraphs, then a pipe table (labels indented)."""
    out = [f"{line}\n" for line in sample.lines]
    out.append("| " + " | ".join(sample.header) + " |")
    out.append("|" + "---|" * len(sample.header))
    out.extend("| " + " | ".join(row) + " |" for row in sample.rows)
    return "\n".join(out) + "\n"


def write_md(sample: Sample, path: Path) -> Path:
    path.write_text(markdown(sample), encoding="utf-8")
    return path


PDF_FONT = "STSong-Light"
PDF_SIZE = 10
_ROW_HEIGHT = 18
_PAGE_TOP = 800
_LEFT = 50


def _pdf_widths(sample: Sample) -> list[float]:
    return [130.0 if i == sample.col_of(_label_header(sample)) else 85.0 for i in range(len(sample.header))]


def _label_header(sample: Sample) -> str:
    return next((h for h in sample.header if h in ("项目", "科目名称")), sample.header[0])


def write_pdf(sample: Sample, path: Path) -> Path:
    """One A4 page: the lines, then the table ruled on every row and column (as published
    reports are), in a built-in CJK font; indentation is drawn as space before the label."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = _PAGE_TOP
    for line in sample.lines:
        pdf.setFont(PDF_FONT, PDF_SIZE + 2)
        pdf.drawString(_LEFT, y, line)
        y -= 2 * _ROW_HEIGHT
    widths = _pdf_widths(sample)
    xs = [_LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    grid = sample.grid()
    top = y + _ROW_HEIGHT - 4
    ys = [top - k * _ROW_HEIGHT for k in range(len(grid) + 1)]
    pdf.setLineWidth(0.5)
    pdf.grid(xs, ys)
    pdf.setFont(PDF_FONT, PDF_SIZE)
    for r, row in enumerate(grid):
        base = ys[r] - _ROW_HEIGHT + 5
        for c, text in enumerate(row):
            if not text:
                continue
            if figure(text) is not None:
                pdf.drawRightString(xs[c + 1] - 4, base, text)
            else:
                indent = len(text) - len(text.lstrip())
                pdf.drawString(xs[c] + 4 + indent * PDF_SIZE / 2, base, text.strip())
    pdf.showPage()
    pdf.save()
    return path


WRITERS = {
    "xlsx": write_xlsx,
    "xls": write_xls,
    "csv": write_csv,
    "docx": write_docx,
    "md": write_md,
    "pdf": write_pdf,
}


def write(sample: Sample, fmt: str, folder: Path) -> Path:
    """The sample written as ``fmt`` into ``folder`` (file named after the sample)."""
    return WRITERS[fmt](sample, folder / f"{sample.name}.{fmt}")


# locations -------------------------------------------------------------------------------------


def location(sample: Sample, fmt: str, path: Path, label: str, header: str) -> dict:
    """Where the cell of row ``label``, column ``header`` is, as fincheck reports it for ``fmt``."""
    from openpyxl.utils import get_column_letter

    r, c = sample.row_of(label), sample.col_of(header)
    if fmt in ("xlsx", "xls", "csv"):
        sheet = path.name if fmt == "csv" else SHEET
        return {"sheet": sheet, "cell": f"{get_column_letter(c + 1)}{len(sample.lines) + r + 1}"}
    if fmt == "docx":
        return {"table": 1, "row": r + 1, "column": c + 1}
    if fmt == "pdf":
        return {"page": 1, "table": 1, "row": r + 1, "column": c + 1}
    if fmt == "md":
        text = markdown(sample)
        lines = text.split("\n")
        n = 2 * len(sample.lines) + (r + 1 if r == 0 else r + 2)  # the separator follows the header
        start = sum(len(x) + 1 for x in lines[: n - 1])
        row = sample.grid()[r]
        cell = row[c].strip()
        offset = 2 + sum(len(t) + 3 for t in row[:c]) + len(row[c]) - len(row[c].lstrip())
        assert lines[n - 1][offset : offset + len(cell)] == cell
        column = offset + 1  # the character of its line the cell starts at
        return {"line": n, "column": column, "start": start + offset, "end": start + offset + len(cell), "quote": cell}
    raise ValueError(fmt)


# the parity samples ----------------------------------------------------------------------------

#: The README's asset table: 固定资产净值 95.49 of 资产 3973.46 is 2.40%, stated 2.52%.
ASSETS = Sample(
    "assets",
    ("资产情况", "单位：万元"),
    ("项目", "金额", "占比"),
    (
        ("资产", "3973.46", ""),
        ("  流动资产", "3877.96", "97.60%"),
        ("  固定资产净值", "95.49", "2.52%"),
    ),
)

#: A budget with execution rates; 项目支出 360.00 of 400.00 is 90.00%, stated 91.00%.
BUDGET = Sample(
    "budget",
    ("预算执行情况", "单位：万元"),
    ("项目", "预算数", "执行数", "执行率"),
    (
        ("合计", "1000.00", "950.00", "95.00%"),
        ("  基本支出", "600.00", "590.00", "98.33%"),
        ("  项目支出", "400.00", "360.00", "91.00%"),
    ),
)

#: A 类/款/项 expenditure table with codes; 2010102 is 10.00 too high for its 款 20101.
EXPENSE = Sample(
    "expense",
    ("支出明细", "单位：万元"),
    ("科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"),
    (
        ("", "合计", "1250.37", "1000.12", "250.25"),
        ("201", "一般公共服务支出", "1250.37", "1000.12", "250.25"),
        ("20101", "人大事务", "1250.37", "1000.12", "250.25"),
        ("2010101", "行政运行", "1000.12", "1000.12", ""),
        ("2010102", "一般行政管理事务", "260.25", "", "260.25"),
    ),
)

#: A growth table printed without "%" signs; 商品和服务支出 400/350 is 14.29%, stated 14.92.
GROWTH = Sample(
    "growth",
    ("支出增长情况", "单位：万元"),
    ("项目", "本年", "上年", "增长%"),
    (
        ("合计", "1100.00", "1000.00", "10.00"),
        ("  工资福利支出", "700.00", "650.00", "7.69"),
        ("  商品和服务支出", "400.00", "350.00", "14.92"),
    ),
)

SAMPLES = {s.name: s for s in (ASSETS, BUDGET, EXPENSE, GROWTH)}
#: Published-layout titles (rules/aliases/tables.yaml) the samples are also written under.
LAYOUT_TITLES = {"assets": "资产负债表", "budget": "项目支出预算表", "expense": "支出决算表", "growth": "支出决算表"}
