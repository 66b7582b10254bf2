"""Small published-report documents for the document checks: prose and ruled tables in order.

A document is a list of blocks: a string is a paragraph (a PDF wraps it at ``WRAP`` characters a
printed line, as published reports do, so sentences run across lines), a :class:`Sample` is a
table (ruled in the PDF, a Word table in the .docx), ``PAGE`` starts a new PDF page.
:func:`write_doc` writes the same blocks as .pdf (reportlab, a built-in CJK font) or .docx
(python-docx).
"""

from __future__ import annotations

from pathlib import Path

from .documents import PDF_FONT, PDF_SIZE, Sample, figure

PAGE = "\f"
WRAP = 36
_TOP, _BOTTOM, _LEFT, _LINE, _ROW = 800, 60, 50, 20, 18


def write_pdf_doc(blocks: list, path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = _TOP

    def new_page():
        nonlocal y
        pdf.showPage()
        y = _TOP

    for block in blocks:
        if isinstance(block, str) and block == PAGE:
            new_page()
            continue
        if isinstance(block, str):
            for k in range(0, max(len(block), 1), WRAP):
                if y < _BOTTOM:
                    new_page()
                pdf.setFont(PDF_FONT, PDF_SIZE)
                pdf.drawString(_LEFT, y, block[k : k + WRAP])
                y -= _LINE
            continue
        grid = block.grid()
        if y - _ROW * len(grid) < _BOTTOM:
            new_page()
        widths = [130.0 if i == 1 or len(block.header) == 1 else 80.0 for i in range(len(block.header))]
        xs = [_LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        top = y + _ROW - 4
        ys = [top - k * _ROW for k in range(len(grid) + 1)]
        pdf.setLineWidth(0.5)
        pdf.grid(xs, ys)
        pdf.setFont(PDF_FONT, PDF_SIZE)
        for r, row in enumerate(grid):
            base = ys[r] - _ROW + 5
            for c, text in enumerate(row):
                if not text:
                    continue
                if figure(text) is not None and r > 0:
                    pdf.drawRightString(xs[c + 1] - 4, base, text)
                else:
                    pdf.drawString(xs[c] + 4, base, text)
        y = ys[-1] - _LINE
    pdf.showPage()
    pdf.save()
    return path


def write_docx_doc(blocks: list, path: Path) -> Path:
    import docx

    doc = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            if block != PAGE:
                doc.add_paragraph(block)
            continue
        grid = block.grid()
        table = doc.add_table(rows=len(grid), cols=len(block.header))
        table.style = "Table Grid"
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    doc.save(path)
    return path


def write_doc(blocks: list, fmt: str, path: Path) -> Path:
    return (write_pdf_doc if fmt == "pdf" else write_docx_doc)(blocks, path.with_suffix(f".{fmt}"))


def table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list:
    """A table's title and unit paragraphs, then the table."""
    return [title, "单位：万元", Sample(title, (), header, tuple(rows))]
