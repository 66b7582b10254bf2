"""Read published PDF reports: ruled tables through the table recognisers, prose through the
text checker — the same pipeline as workbooks and text, with PDF locations.

Each page becomes one grid: the text lines above and between its tables (titles, "单位：万元")
in column A, each table's rows below them, in reading order, so a page reads like a sheet.
The grid locates its table cells as {page, table, row, column} (1-based, within the table
pdfplumber extracted) and its lines as {page, line}; the prose maps its sentences to
{page, line, start, end, quote}.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..grid import make_cells, text_cell
from ..model import Document, Grid, Location, Prose
from ..model.location import page_locator

_PAGE_NUMBER = re.compile(r"^\s*[-—－]?\s*\d{1,3}\s*[-—－]?\s*$")


def _open(path: Path):
    # imported here: pdfplumber is slow to import and only PDF input needs it
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(str(path), "reading PDF needs pdfplumber: pip install pdfplumber") from None
    with path.open("rb") as fh:
        head = fh.read(5)
    if head != b"%PDF-":
        raise InputError(str(path), "not a PDF file (no %PDF- header)")
    try:
        return pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise InputError(str(path), f"damaged or encrypted PDF: {type(exc).__name__}: {exc}") from None


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def page_grid(path: Path, page, number: int) -> tuple[Grid, list[str]]:
    """The page as a grid (tables + lines outside them) and its prose lines (outside tables)."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    # Latin digits often sit a few points below the CJK baseline: half a character's height
    # keeps them on their line
    sizes = sorted(c["size"] for c in page.chars) or [10.0]
    y_tolerance = max(3.0, 0.5 * sizes[len(sizes) // 2])
    lines = [ln for ln in outside.extract_text_lines(y_tolerance=y_tolerance) if ln["text"].strip()]
    items: list[tuple[float, str, object]] = [(ln["top"], "line", ln["text"]) for ln in lines]
    items += [(t.bbox[1], "table", (k, t.extract())) for k, t in enumerate(tables, start=1)]
    items.sort(key=lambda it: it[0])
    records, where, text_rows = [], {}, set()
    row = 0
    for _top, kind, payload in items:
        if kind == "line":
            row += 1
            text_rows.add(row)
            records.append(text_cell(row, 1, str(payload)))
            continue
        k, rows = payload  # type: ignore[misc]
        for r, cells in enumerate(rows, start=1):
            row += 1
            for c, value in enumerate(cells, start=1):
                where[(row, c)] = Location.pdf_cell(number, k, r, c)
                if value is None or not str(value).strip():
                    continue
                records.append(text_cell(row, c, str(value).replace("\n", "")))

    def locate(r: int, c: int) -> Location:
        # a table cell: its place in the extracted table; anything else: the page's line
        return where.get((r, c)) or Location.pdf_line(number, r)

    grid = Grid(
        path=str(path),
        sheet=f"p{number}",
        cells=make_cells(records),
        kind="pdf",
        locate=locate,
        text_rows=frozenset(text_rows),
    )
    prose = [ln["text"] for ln in lines if not _PAGE_NUMBER.match(ln["text"])]
    return grid, prose


def read_pdf(path: Path) -> Document:
    """The pages as grids (recognised together, so a table continued on the next page is one
    table) and the prose outside the tables, located by page and line on the page."""
    grids: list[Grid] = []
    lines: list[str] = []
    pages: list[tuple[int, int]] = []  # (page, line within page) per line of the prose
    with _open(path) as pdf:
        if not pdf.pages:
            raise InputError(str(path), "the PDF has no pages")
        for number, page in enumerate(pdf.pages, start=1):
            grid, prose = page_grid(path, page, number)
            grids.append(grid)
            for i, line in enumerate(prose, start=1):
                lines.append(line)
                pages.append((number, i))
    return Document(str(path), "pdf", grids, Prose(lines, lambda ls: page_locator(ls, pages)))
