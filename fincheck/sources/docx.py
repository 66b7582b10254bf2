"""Read .docx reports: one pass over the document gives its tables as grids and its prose.

Each Word table becomes a grid, with the short paragraphs just above it (its title, its
"单位：万元" line) in column A, so that the published layouts (收入支出决算总表 …) are
recognised as in a workbook and checked by their own rules. The grid locates its cells as
{table, row, column} (1-based, in the document's order of tables).

The prose has one line per paragraph and per table row (cells joined by " | ", so the
flattened-table reader sees a table no recogniser knows); the rows of a table read as a grid
are blanked by the pipeline. Sentences are located as {paragraph, start, end, quote}
(paragraph numbers from 1; rows of a table count as paragraphs in order).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..errors import InputError
from ..grid import make_cells, text_cell
from ..limits import check_zip
from ..model import Document, Grid, Location, Prose
from ..model.grid import a1
from ..model.location import paragraph_locator

MAX_TITLE_LINES = 3
MAX_TITLE_CHARS = 80


def _document(path: Path):
    # imported here: python-docx is only needed for Word input
    try:
        import docx
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(str(path), "reading .docx needs python-docx") from None
    try:
        with zipfile.ZipFile(path) as zf:
            check_zip(zf, str(path))
    except zipfile.BadZipFile as exc:
        raise InputError(
            str(path), "not a readable .docx file (not a zip archive: {detail})", detail=str(exc)
        ) from None
    try:
        return docx.Document(os.fspath(path))
    except Exception as exc:
        raise InputError(str(path), "not a readable .docx file ({detail})", detail=type(exc).__name__) from None


def _row_line(tr) -> str:
    texts: list[str] = []
    for cell in tr.cells:
        t = cell.text.replace("\n", " ").replace("|", "/").strip()
        if not texts or t != texts[-1]:  # merged cells repeat
            texts.append(t)
    return " | ".join(texts) + " |"


def _table_grid(path: Path, number: int, titles: list[str], table) -> Grid:
    records, where, text_rows = [], {}, set()
    row = 0
    for line in titles:
        if len(line) <= MAX_TITLE_CHARS:
            row += 1
            text_rows.add(row)
            records.append(text_cell(row, 1, line))
    for r, tr in enumerate(table.rows, start=1):
        row += 1
        previous = None
        for c, cell in enumerate(tr.cells, start=1):
            where[(row, c)] = Location.word_cell(number, r, c)
            if previous is not None and cell._tc is previous:  # a merged cell repeats: keep it once
                continue
            previous = cell._tc
            text = cell.text.replace("\n", "")
            if text.strip():  # a label keeps its leading spaces: indentation is its level
                records.append(text_cell(row, c, text))
    sheet = f"表{number}"

    def locate(r: int, c: int) -> Location:
        return where.get((r, c)) or Location.cell_of(sheet, a1(r, c))

    return Grid(
        path=str(path),
        sheet=sheet,
        cells=make_cells(records),
        kind="docx",
        locate=locate,
        text_rows=frozenset(text_rows),
    )


def read_docx(path: Path) -> Document:
    """The Word tables as grids and the paragraphs and table rows as prose, in document order."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    doc = _document(path)
    grids: list[Grid] = []
    lines: list[str] = []
    blocks: dict[int, range] = {}
    recent: list[str] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, doc).text
            lines.append(paragraph.replace("\n", " "))
            if paragraph.strip():
                recent = [*recent, paragraph.strip()][-MAX_TITLE_LINES:]
            continue
        if tag != "tbl":
            continue
        table = DocxTable(child, doc)
        grids.append(_table_grid(path, len(grids) + 1, recent, table))
        recent = []
        first = len(lines)
        lines.extend(_row_line(tr) for tr in table.rows)
        blocks[len(grids) - 1] = range(first, len(lines))
    prose = Prose(lines, paragraph_locator, blocks, empty_error="the document holds no text")
    return Document(str(path), "docx", grids, prose)
