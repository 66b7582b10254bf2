"""Read .docx reports: tables through the table recognisers, prose through the text checker.

Each Word table becomes a grid, with the short paragraphs just above it (its title, its
"单位：万元" line) in column A, so that the published layouts (收入支出决算总表 …) are
recognised as in a workbook and checked by their own rules. Tables no recogniser knows stay in
the text, where the flattened-table reader sees them. Table figures are located as
{table, row, column} (1-based, in the document's order of tables); sentences as
{paragraph, start, end, quote}.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..grid import Grid, a1, make_cells, text_cell

MAX_TITLE_LINES = 3
MAX_TITLE_CHARS = 80


def _document(path: Path):
    try:
        import docx
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(str(path), "reading .docx needs python-docx") from None
    try:
        return docx.Document(str(path))
    except Exception as exc:
        raise InputError(str(path), f"not a readable .docx file ({type(exc).__name__})") from None


def table_grids(path: Path) -> list[tuple[int, Grid, dict[str, tuple[int, int]]]]:
    """(table number, grid, grid cell → (row, column) in the Word table) for every table."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    doc = _document(path)
    out = []
    recent: list[str] = []
    number = 0
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, doc).text.strip()
            if text:
                recent = [*recent, text][-MAX_TITLE_LINES:]
            continue
        if tag != "tbl":
            continue
        number += 1
        records, where = [], {}
        row = 0
        for line in recent:
            if len(line) <= MAX_TITLE_CHARS:
                row += 1
                records.append(text_cell(row, 1, line))
        recent = []
        for r, tr in enumerate(DocxTable(child, doc).rows, start=1):
            row += 1
            previous = None
            for c, cell in enumerate(tr.cells, start=1):
                where[a1(row, c)] = (r, c)
                if previous is not None and cell._tc is previous:  # a merged cell repeats: keep it once
                    continue
                previous = cell._tc
                text = cell.text.replace("\n", "").strip()
                if text:
                    records.append(text_cell(row, c, text))
        grid = Grid(path=str(path), sheet=f"表{number}", cells=make_cells(records), kind="docx")
        out.append((number, grid, where))
    return out


def load_docx_document(path: Path):
    from ..report import Loaded
    from ..tables import recognise_grids
    from ..text.docx import load_docx

    grids = table_grids(path)
    loaded = Loaded()
    known: set[int] = set()
    found_all = recognise_grids([g for _n, g, _w in grids])
    for (number, _grid, _where), (grid, found) in zip(grids, found_all, strict=True):
        recognised = [rec for rec in found if rec.table.table_type != "tidy"]
        if not recognised and not getattr(grid, "continued", False):
            continue
        known.add(number)
        for rec in recognised:
            loaded.tables.append(rec.table)
            if not rec.facts.empty:
                facts = rec.facts.copy()
                facts["location"] = [_relocate(loc, grids) for loc in facts["location"]]
                facts["loc"] = [f"表{d.get('table')} r{d.get('row')}c{d.get('column')}" for d in facts["location"]]
                loaded.facts.append(facts)
            for issue in rec.issues:
                issue.location = _relocate(issue.location, grids)
                loaded.issues.append(issue)
    prose = load_docx(path, skip_tables=frozenset(known))
    loaded.tables.extend(prose.tables)
    loaded.facts.extend(prose.facts)
    loaded.bound.extend(prose.bound)
    loaded.issues.extend(prose.issues)
    loaded.text = prose.text
    return loaded


def _relocate(location: dict, grids) -> dict:
    sheet, cell = location.get("sheet"), location.get("cell")
    for number, grid, where in grids:
        if grid.sheet == sheet and cell in where:
            r, c = where[cell]
            return {"table": number, "row": r, "column": c}
    return location
