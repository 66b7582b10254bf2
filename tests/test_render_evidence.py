"""Evidence beside each finding, in the HTML report: the rows around a cell with the cell and its
operands highlighted, a PDF page inlined as an image with the boxes at the figures, the
sentence of a text figure with the figures marked; a batch has a report column."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx
import pdfplumber

import fincheck
from fincheck.render.evidence import Evidence
from fincheck.render.html import to_html

from .documents import BUDGET, write

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "zhengding-2021.xlsx"
#: the third line states 2.52% where 95.49 / 3973.46 is 2.40%
TEXT = ("资产情况说明", "年末资产情况如下。", "资产 3973.46 万元，其中固定资产净值 95.49 万元，占资产的 2.52%。")


def finding(report, rule: str):
    return next(r for r in report.findings.itertuples(index=False) if r.rule == rule)


def test_workbook_rows_with_the_cell_and_its_operands():
    report = fincheck.check(EXAMPLE)
    html = Evidence().html(finding(report, "GEN003"))
    assert '<td class="ev-target">2.52%</td>' in html
    assert '<td class="ev-operand">95.49</td>' in html and '<td class="ev-operand">3973.46</td>' in html
    rows = re.findall(r"<tr><th>(\d+)</th>", html)
    assert "9" in rows and "4" in rows and len(rows) <= 14  # the cell's row, the base's row, a few around
    page = to_html(report)
    assert page.count('<details class="evidence">') == len(report.findings)
    assert 'class="ev-target"' not in to_html(report, evidence=False)


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        self.refs += [(tag, k, v) for k, v in attrs if k in ("src", "href")]


def test_pdf_page_inlined_with_the_boxes_at_the_figures(tmp_path):
    src = write(BUDGET, "pdf", tmp_path)
    report = fincheck.check(src)
    html = to_html(report)
    parser = _Refs()
    parser.feed(html)
    images = [v for tag, _k, v in parser.refs if tag == "image"]
    assert len(images) == 1 and images[0].startswith("data:image/png;base64,")
    assert all(v.startswith(("data:", "#")) for _t, _k, v in parser.refs)  # self-contained
    rects = {
        cls: (float(x), float(y), float(w), float(h))
        for cls, x, y, w, h in re.findall(
            r'<rect class="(ev-target)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', html
        )
    }
    with pdfplumber.open(src) as pdf:
        word = next(w for w in pdf.pages[0].extract_words() if w["text"] == "91.00%")
    x, y, w, h = rects["ev-target"]
    assert x <= word["x0"] and word["x1"] <= x + w and y <= word["top"] and word["bottom"] <= y + h
    assert html.count('class="ev-operand"') == 2


def test_text_sentence_with_the_figures_marked(tmp_path):
    src = tmp_path / "assets.txt"
    src.write_text("\n".join(TEXT) + "\n", encoding="utf-8")
    html = Evidence().html(finding(fincheck.check(src), "TXT003"))
    assert '<p class="ev-line"><span class="muted">3</span> ' in html
    assert '<mark class="ev-target">2.52%</mark>' in html
    assert (
        '<mark class="ev-operand">95.49 万元</mark>' in html and '<mark class="ev-operand">3973.46 万元</mark>' in html
    )


def test_word_paragraph_and_cell(tmp_path):
    src = tmp_path / "final.docx"
    document = docx.Document()
    for line in TEXT:
        document.add_paragraph(line)
    document.save(src)
    html = Evidence().html(finding(fincheck.check(src), "TXT003"))
    assert '<mark class="ev-target">2.52%</mark>' in html
    table = write(BUDGET, "docx", tmp_path)
    cells = Evidence().html(finding(fincheck.check(table), "GEN005"))
    assert '<td class="ev-target">91.00%</td>' in cells and cells.count("ev-operand") == 2
    row = BUDGET.row_of("项目支出") + 1  # numbered as the Word table's rows, as its location is
    assert f"<tr><th>{row}</th><td>  项目支出</td>" in cells


def test_a_batch_names_the_report_of_each_finding(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    shutil.copy(EXAMPLE, a)
    shutil.copy(EXAMPLE, b)
    report = fincheck.check_many([tmp_path])
    html = to_html(report, evidence=False)
    assert '<select data-filter="report">' in html
    assert html.count(f'<td class="report"><code>{a}</code></td>') == 2
    assert html.count(f'<td class="report"><code>{b}</code></td>') == 2
    single = to_html(fincheck.check(a), evidence=False)
    assert 'class="report"' not in single


def test_missing_source_is_a_note_not_an_error(tmp_path):
    src = tmp_path / "a.xlsx"
    shutil.copy(EXAMPLE, src)
    report = fincheck.check(src)
    src.unlink()
    html = Evidence().html(finding(report, "GEN003"))
    assert html.startswith('<div class="ev"><p class="muted">') and "a.xlsx" in html


def prose_pdf(path: Path) -> Path:
    """One page of three lines of prose (no table), the third stating a wrong share."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 11)
    for i, line in enumerate(TEXT):
        pdf.drawString(60, 780 - 24 * i, line)
    pdf.showPage()
    pdf.save()
    return path


def test_pdf_sentence_boxes_the_figures_characters(tmp_path):
    src = prose_pdf(tmp_path / "prose.pdf")
    row = finding(fincheck.check(src), "TXT003")
    assert row.location["page"] == 1 and row.location["line"] == 3
    html = Evidence().html(row)
    boxes = [
        (cls, float(x), float(x) + float(w))
        for cls, x, w in re.findall(r'<rect class="(ev-\w+)" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', html)
    ]
    with pdfplumber.open(src) as pdf:
        chars = pdf.pages[0].chars
    line = [c for c in chars if round(c["top"]) == round(max(c["top"] for c in chars))]
    text = "".join(c["text"] for c in line)

    def span(figure: str) -> tuple[float, float]:
        i = text.index(figure)
        return line[i]["x0"], line[i + len(figure) - 1]["x1"]

    target = next(b for b in boxes if b[0] == "ev-target")
    x0, x1 = span("2.52%")
    assert target[1] <= x0 and x1 <= target[2] and target[2] - x1 < 5  # the figure, not the rest of the line
    for figure in ("3973.46", "95.49"):
        x0, x1 = span(figure)
        assert any(b[0] == "ev-operand" and b[1] <= x0 and x1 <= b[2] for b in boxes), figure
