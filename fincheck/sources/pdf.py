"""Read published PDF reports: ruled tables through the table recognisers, prose through the
text checker — the same pipeline as workbooks and text, with PDF locations.

Each page becomes one grid: the text lines above and between its tables (titles, "单位：万元")
in column A, each table's rows below them, in reading order, so a page reads like a sheet.
The grid locates its table cells as {page, table, row, column} (1-based, within the table
pdfplumber extracted) and its lines as {page, line}; the prose maps its sentences to
{page, line, start, end, quote}.

The pages are extracted by pdfplumber in worker processes (:mod:`.pdf_workers`), which send
back plain page data (:mod:`.pdf_pages`); the grids are built here, page by page as they come.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..grid import make_cells, text_cell
from ..model import Document, Grid, Location, Prose
from ..model.location import page_locator
from .pdf_pages import _PAGE_NUMBER, Box, PageData, TableData, page_layout
from .pdf_workers import extraction

__all__ = ["label_indents", "locate_box", "page_grid", "page_layout", "read_pdf"]


#: cells × characters tested at once by :func:`label_indents` (a bound on its masks' memory)
_MASK_CELLS = 2_000_000


def label_indents(table: TableData) -> dict[tuple[int, int], int]:
    """Indentation of the left-aligned texts of a ruled table, in spaces (half a character
    each), by (row, column) from 1: a PDF prints a label's level as its distance from the
    left edge of its cell, where a workbook or a text table has leading spaces. A text is
    left-aligned when it sits nearer its cell's left edge than its right edge by more than a
    character; centred and right-aligned texts (totals, figures) have no indentation."""
    if not table.chars:
        return {}
    keys = [
        (r, c)
        for r, cells in enumerate(table.cells, start=1)
        for c, bbox in enumerate(cells, start=1)
        if bbox is not None
    ]
    boxes = [bbox for cells in table.cells for bbox in cells if bbox is not None]
    if not boxes:
        return {}
    lefts: dict[tuple[int, int], tuple[float, float]] = {}
    x0, x1, top_, bottom_, size = (np.array(col, dtype=float) for col in zip(*table.chars, strict=True))
    cx, cy = (x0 + x1) / 2, (top_ + bottom_) / 2
    step = max(1, _MASK_CELLS // len(x0))
    for first in range(0, len(boxes), step):  # the cells a chunk at a time, each against every character
        bx0, top, bx1, bottom = (
            np.array(col, dtype=float)[:, None] for col in zip(*boxes[first : first + step], strict=True)
        )
        inside = (cx >= bx0) & (cx <= bx1) & (cy >= top) & (cy <= bottom)
        left = np.where(inside, x0, np.inf).min(axis=1) - bx0[:, 0]
        right = bx1[:, 0] - np.where(inside, x1, -np.inf).max(axis=1)
        smallest, largest = np.where(inside, size, np.inf).min(axis=1), np.where(inside, size, -np.inf).max(axis=1)
        for i in np.flatnonzero(inside.any(axis=1)):
            # the median of the cell's character sizes: their one size when they have one
            em = float(smallest[i]) if smallest[i] == largest[i] else float(np.median(size[inside[i]]))
            if left[i] + em < right[i]:
                lefts[keys[first + i]] = (left[i], em)
    out: dict[tuple[int, int], int] = {}
    for col in {c for _r, c in lefts}:
        column = {key: v for key, v in lefts.items() if key[1] == col}
        base = min(left for left, _em in column.values())
        for key, (left, em) in column.items():
            out[key] = round(2 * (left - base) / em) if em > 0 else 0
    return out


def _span_box(line: dict, start: int, end: int) -> Box:
    """The box of characters ``start:end`` of a text line (its characters matched to its text)."""
    chars = [ch for ch in line.get("chars", []) if str(ch["text"]).strip()]
    text = line["text"]
    picked, k = [], 0
    for i, ch in enumerate(text):
        if not ch.strip():
            continue
        if k < len(chars) and chars[k]["text"] == ch:
            if start <= i < end:
                picked.append(chars[k])
            k += 1
    if not picked:
        return (line["x0"], line["top"], line["x1"], line["bottom"])
    return (
        min(c["x0"] for c in picked),
        min(c["top"] for c in picked),
        max(c["x1"] for c in picked),
        max(c["bottom"] for c in picked),
    )


def locate_box(layout, location: dict) -> Box | None:
    """Where on a page (its :func:`page_layout`) a location of this reader is: a table cell's box, a grid line's box,
    or a prose span's characters (``{page, line, start, end}``); None when not found."""
    tables, lines, items = layout
    if location.get("table") is not None:
        k, r, c = int(location["table"]), int(location.get("row") or 0), int(location.get("column") or 0)
        if not 1 <= k <= len(tables) or not 1 <= r <= len(tables[k - 1].rows):
            return None
        cells = tables[k - 1].rows[r - 1].cells
        return cells[c - 1] if 1 <= c <= len(cells) else None
    line = location.get("line")
    if line is None:
        return None
    if location.get("start") is not None:  # a prose span: lines outside tables, page numbers left out
        prose = [ln for ln in lines if not _PAGE_NUMBER.match(ln["text"])]
        if not 1 <= int(line) <= len(prose):
            return None
        return _span_box(prose[int(line) - 1], int(location["start"]), int(location.get("end") or 0))
    row = 0  # a grid row that is a line: count the rows as page_grid does
    for _top, kind, payload in items:
        if kind == "line":
            row += 1
            if row == int(line):
                ln = payload
                return (ln["x0"], ln["top"], ln["x1"], ln["bottom"])  # type: ignore[index]
        else:
            row += len(payload[1].rows)  # type: ignore[index]
    return None


def page_grid(path: Path, page: PageData) -> tuple[Grid, list[str]]:
    """The page as a grid (tables + lines outside them) and its prose lines (outside tables)."""
    number = page.number
    records, where, text_rows = [], {}, set()
    row = 0
    for item in page.items:
        if isinstance(item, str):
            row += 1
            text_rows.add(row)
            records.append(text_cell(row, 1, item))
            continue
        k = item.index
        indents = label_indents(item)
        for r, cells in enumerate(item.rows, start=1):
            row += 1
            for c, value in enumerate(cells, start=1):
                where[(row, c)] = Location.pdf_cell(number, k, r, c)
                if value is None or not str(value).strip():
                    continue
                text = str(value).replace("\n", "")
                records.append(text_cell(row, c, " " * indents.get((r, c), 0) + text))

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
    return grid, page.prose


def read_pdf(path: Path, on_grid: Callable[[Grid], None] | None = None) -> Document:
    """The pages as grids (recognised together, so a table continued on the next page is one
    table) and the prose outside the tables, located by page and line on the page.
    ``on_grid`` is given each page's grid as it arrives, while the next pages are extracted."""
    grids: list[Grid] = []
    lines: list[str] = []
    pages: list[tuple[int, int]] = []  # (page, line within page) per line of the prose
    chars = 0
    workers = extraction(path)
    try:
        for page in workers.pages():
            chars += page.chars
            grid, prose = page_grid(path, page)
            grids.append(grid)
            if on_grid is not None:
                on_grid(grid)
            for i, line in enumerate(prose, start=1):
                lines.append(line)
                pages.append((page.number, i))
    finally:
        workers.close()
    if not chars:
        raise InputError(str(path), "no text layer (scanned PDF); OCR is not supported")
    return Document(str(path), "pdf", grids, Prose(lines, lambda ls: page_locator(ls, pages)))
