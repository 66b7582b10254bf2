"""Read published PDF reports: ruled tables through the table recognisers, prose through the
text checker — the same pipeline as workbooks and text, with PDF locations.

Each page becomes one grid: the text lines above and between its tables (titles, "单位：万元")
in column A, each table's rows below them, in reading order, so a page reads like a sheet.
Facts found in a grid are then located as {page, table, row, column} (1-based, within the
table pdfplumber extracted); sentences of the narrative as {page, line, start, end, quote}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..grid import Grid, a1, make_cells, text_cell

_PAGE_NUMBER = re.compile(r"^\s*[-—－]?\s*\d{1,3}\s*[-—－]?\s*$")


@dataclass
class PageGrid:
    grid: Grid
    # grid cell (A1) → (table number on the page, row in table, column in table)
    cells: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def _open(path: Path):
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


def page_grid(path: Path, page, number: int) -> tuple[PageGrid, list[str]]:
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
    records, where = [], {}
    row = 0
    for _top, kind, payload in items:
        if kind == "line":
            row += 1
            records.append(text_cell(row, 1, str(payload)))
            continue
        k, rows = payload  # type: ignore[misc]
        for r, cells in enumerate(rows, start=1):
            row += 1
            for c, value in enumerate(cells, start=1):
                where[(row, c)] = (k, r, c)
                if value is None or not str(value).strip():
                    continue
                records.append(text_cell(row, c, str(value).replace("\n", "")))
    grid = Grid(path=str(path), sheet=f"p{number}", cells=make_cells(records), kind="pdf")
    prose = [ln["text"] for ln in lines if not _PAGE_NUMBER.match(ln["text"])]
    return PageGrid(grid, {a1(r, c): v for (r, c), v in where.items()}), prose


def _relocate(location: dict, where: dict[str, dict[str, tuple[int, int, int]]]) -> dict:
    """{sheet: "p8", cell: "E7"} → {page: 8, table, row, column} within the extracted table."""
    sheet, cell = location.get("sheet"), location.get("cell")
    if cell is None or sheet not in where:
        return location
    page = int(str(sheet)[1:])
    if cell in where[sheet]:
        k, tr, tc = where[sheet][cell]
        return {"page": page, "table": k, "row": tr, "column": tc}
    return {"page": page, "line": int("".join(ch for ch in cell if ch.isdigit()) or 0)}


def load_pdf(path: Path):
    from ..report import Loaded
    from ..tables import recognise_grids

    loaded = Loaded()
    pages_text: list[tuple[int, list[str]]] = []
    page_grids: list[tuple[int, PageGrid]] = []
    with _open(path) as pdf:
        if not pdf.pages:
            raise InputError(str(path), "the PDF has no pages")
        for number, page in enumerate(pdf.pages, start=1):
            pg, prose = page_grid(path, page, number)
            pages_text.append((number, prose))
            page_grids.append((number, pg))
    where = {f"p{n}": pg.cells for n, pg in page_grids}
    # all pages at once, so that a table continued on the next page is read as one table
    for _grid, found in recognise_grids([pg.grid for _n, pg in page_grids]):
        for rec in found:
            loaded.tables.append(rec.table)
            facts = rec.facts
            if not facts.empty:
                facts = facts.copy()
                facts["location"] = [_relocate(loc, where) for loc in facts["location"]]
                facts["loc"] = [_short(loc) for loc in facts["location"]]
                loaded.facts.append(facts)
            for issue in rec.issues:
                issue.location = _relocate(issue.location, where)
                loaded.issues.append(issue)
    _add_prose(path, pages_text, loaded)
    return loaded


def _short(loc: dict) -> str:
    if "table" in loc:
        return f"p{loc['page']} t{loc['table']} r{loc['row']}c{loc['column']}"
    return f"p{loc.get('page')} {loc.get('cell', '')}"


def _add_prose(path: Path, pages: list[tuple[int, list[str]]], loaded) -> None:
    """Check the narrative with the text checker; locations become {page, line, start, end, quote}."""
    try:
        from ..text import load_text
    except ImportError:  # the text checker is optional for tables-only use
        return
    text_lines: list[str] = []
    page_of_line: list[tuple[int, int]] = []  # (page, line within page) per line of the joined text
    for number, lines in pages:
        for i, line in enumerate(lines, start=1):
            text_lines.append(line)
            page_of_line.append((number, i))
    if not text_lines:
        return
    starts = [0]
    for line in text_lines:
        starts.append(starts[-1] + len(line) + 1)
    prose = load_text("\n".join(text_lines), str(path))
    loaded.text = "\n".join(text_lines)

    def relocate(loc: dict) -> dict:
        line = loc.get("line")
        if not isinstance(line, int) or not 1 <= line <= len(page_of_line):
            return loc
        page, page_line = page_of_line[line - 1]
        out = {"page": page, "line": page_line}
        if "start" in loc and "end" in loc:
            base = starts[line - 1]
            out["start"], out["end"] = loc["start"] - base, loc["end"] - base
        if "quote" in loc:
            out["quote"] = loc["quote"]
        return out

    for facts in prose.facts:
        facts = facts.copy()
        facts["location"] = [relocate(loc) for loc in facts["location"]]
        loaded.facts.append(facts)
    for bfacts, inst, links in prose.bound:
        bfacts = bfacts.copy()
        bfacts["location"] = [relocate(loc) for loc in bfacts["location"]]
        loaded.bound.append((bfacts, inst, links))
    loaded.tables.extend(prose.tables)
    for issue in prose.issues:
        issue.location = relocate(issue.location)
        loaded.issues.append(issue)
