"""A PDF's pages as plain data, by pdfplumber alone: what :mod:`fincheck.sources.pdf` builds its
grids and prose from.

This module imports nothing heavy besides pdfplumber (no pandas, no numpy), so a worker process
that runs it starts at once and extracts the pages while the main process imports the rest of
the pipeline (:mod:`fincheck.sources.pdf_workers`). Each page becomes a :class:`PageData`:
its text lines outside the ruled tables and its tables (the text of each cell as pdfplumber
extracts it, each cell's box, and the visible characters inside the table, for the labels'
indentation), in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..limits import LimitError, current

_PAGE_NUMBER = re.compile(r"^\s*[-—－]?\s*\d{1,3}\s*[-—－]?\s*$")

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points from the top left


@dataclass
class TableData:
    """One ruled table: its number on the page (from 1, in pdfplumber's order), the cells'
    texts (None: no cell there) and boxes by row, the table's box, and its visible characters
    as (x0, x1, top, bottom, size)."""

    index: int
    rows: list[list[str | None]]
    cells: list[list[Box | None]]
    bbox: Box
    chars: list[tuple[float, float, float, float, float]]


@dataclass
class PageData:
    """One page: its number (from 1), how many characters it has, and its text lines (str) and
    tables (:class:`TableData`) in reading order."""

    number: int
    chars: int
    items: list[str | TableData] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        """The text lines outside the tables."""
        return [it for it in self.items if isinstance(it, str)]

    @property
    def prose(self) -> list[str]:
        """The text lines outside the tables, page numbers left out."""
        return [ln for ln in self.lines if not _PAGE_NUMBER.match(ln)]


def open_pdf(path: Path):
    """The PDF opened with pdfplumber; :class:`InputError` for a file that is not one, an
    encrypted one or a damaged one."""
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
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc  # pdfplumber wraps
        name = type(inner).__name__
        if "Password" in name or "Encrypt" in name:
            raise InputError(str(path), "encrypted (password-protected) PDF: remove the password first") from None
        detail = " ".join(str(inner).split()) or "no reason given"
        raise InputError(str(path), "damaged PDF ({detail})", detail=f"{name}: {detail[:160]}") from None


def _inside(obj: dict, boxes: list[Box]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def page_layout(page) -> tuple[list, list[dict], list[tuple[float, str, object]]]:
    """The page's ruled tables, its text lines outside them, and both in reading order
    (``(top, "line", line)`` / ``(top, "table", (k, table))``)."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    # Latin digits often sit a few points below the CJK baseline: half a character's height
    # keeps them on their line
    sizes = sorted(c["size"] for c in page.chars) or [10.0]
    y_tolerance = max(3.0, 0.5 * sizes[len(sizes) // 2])
    lines = [ln for ln in outside.extract_text_lines(y_tolerance=y_tolerance) if ln["text"].strip()]
    items: list[tuple[float, str, object]] = [(ln["top"], "line", ln) for ln in lines]
    items += [(t.bbox[1], "table", (k, t)) for k, t in enumerate(tables, start=1)]
    items.sort(key=lambda it: it[0])
    return tables, lines, items


def _table_data(page, index: int, table) -> TableData:
    tx0, ttop, tx1, tbottom = table.bbox
    chars = [
        (ch["x0"], ch["x1"], ch["top"], ch["bottom"], ch["size"])
        for ch in page.chars
        if tx0 <= ch["x0"] <= tx1 and ttop <= ch["top"] <= tbottom and str(ch["text"]).strip()
    ]
    return TableData(index, table.extract(), [list(row.cells) for row in table.rows], tuple(table.bbox), chars)


def page_data(path: Path, page, number: int) -> PageData:
    """One page as plain data (its objects counted against the ``page_objects`` limit first)."""
    objects = sum(len(v) for v in page.objects.values())
    if objects > current().page_objects:
        raise LimitError(str(path), f"{objects:,} characters and shapes", "page_objects", place=f"page {number}")
    _tables, _lines, items = page_layout(page)
    data = PageData(number, len(page.chars))
    for _top, kind, payload in items:
        if kind == "line":
            data.items.append(str(payload["text"]))  # type: ignore[index]
        else:
            data.items.append(_table_data(page, *payload))  # type: ignore[misc]
    return data


def page_count(pdf, path: Path) -> int:
    """The number of pages, within the ``pages`` limit."""
    if not pdf.pages:
        raise InputError(str(path), "the PDF has no pages")
    if len(pdf.pages) > current().pages:
        raise LimitError(str(path), f"{len(pdf.pages):,} pages", "pages")
    return len(pdf.pages)
