"""The document's structure: the tables its 目录 lists (DOC008) and its blank tables (DOC009).

* DOC008: a table the 目录 lists whose title is printed nowhere else in the document (not as a
  line of the prose, a cell of a grid or a recognised table's title).
* DOC009: a recognised table without a single figure (all blank or 0) with no 空表说明 near it
  (its note, the lines of its page or sheet, the paragraphs after it) saying that it is empty
  and why. A document in which no table has figures is an unfilled template: its residue is
  reported (DOC001…), not each blank table.
"""

from __future__ import annotations

import pandas as pd

from ..model import Document, Finding, Grid, Table
from . import phrasing
from .flow import Flow, plain

#: lines after a Word table in which its 空表说明 is looked for
AFTER_TABLE = 3


def contents(flow: Flow, path: str, doc: Document, tables: list[Table]) -> list[Finding]:
    lines = flow.lines
    heading = phrasing.regex("contents", "heading")
    entry = phrasing.regex("contents", "entry")
    top = next((i for i, line in enumerate(lines) if heading.match(line)), None)
    if top is None:
        return []
    region = _region(lines, top)
    listed = [(i, m["title"]) for i in region if (m := entry.match(lines[i]))]
    if not listed:
        return []
    printed = [plain(x) for i, x in enumerate(lines) if i not in region and i != top]
    printed += [plain(t.title) for t in tables]
    printed += [plain(x) for g in doc.grids for x in _table_texts(g) if 3 <= len(x) <= 80]
    blob = "\n".join(printed)
    out = []
    for i, title in listed:
        if plain(title) not in blob:
            out.append(Finding("DOC008", path, flow.line_where(i), {"title": title.strip()}))
    return out


def _table_texts(grid: Grid) -> list[str]:
    """The texts of a grid's table cells (a title printed inside a table), not its text lines
    (a PDF page's lines, the 目录 among them)."""
    cells = grid.cells
    return [str(x) for x in cells.loc[~cells["row"].isin(list(grid.text_rows)), "text"].tolist()]


def _region(lines: list[str], top: int, most: int = 80) -> set[int]:
    """The lines of the 目录: from its heading to the line where its first entry is printed
    again (the body starts), or ``most`` lines."""
    body = [i for i in range(top + 1, len(lines)) if lines[i].strip()]
    if not body:
        return set()
    first = plain(lines[body[0]])
    end = next((i for i in body[1:] if plain(lines[i]) == first), min(len(lines), top + 1 + most))
    return set(range(top + 1, end))


def blank_tables(flow: Flow, path: str, doc: Document, tables: list[Table], facts: pd.DataFrame) -> list[Finding]:
    if facts.empty:
        return []
    known = facts[facts["table_type"] != "tidy"]
    filled = known["value"].fillna(0).ne(0).groupby(known["table"]).any()
    if not filled.any():
        return []  # no table has a figure: an unfilled template
    said = phrasing.regex("empty_table")
    out = []
    for t in tables:
        if t.table_type == "tidy" or t.table not in filled.index or filled[t.table]:
            continue
        mine = known[known["table"] == t.table]
        if any(said.search(x) for x in [*_near(t, doc), *_after(flow, mine)]):
            continue
        first = mine.iloc[0]
        where = first["location"] if isinstance(first["location"], dict) else {}
        out.append(Finding("DOC009", path, where, {"title": t.title}, table=t.table))
    return out


def _near(table: Table, doc: Document) -> list[str]:
    """The texts in which a table's 空表说明 may be: its note, its page's or sheet's cells, the
    paragraphs after it (a Word table)."""
    texts = [table.note]
    sheets = {table.sheet, *(p for p in table.note.removeprefix("continued on ").split(", ") if p)}
    for index, grid in enumerate(doc.grids):
        if grid.sheet in sheets:
            texts += [str(x) for x in grid.cells["text"].tolist()]
            block = doc.prose.blocks.get(index) if doc.prose is not None else None
            if block is not None and doc.prose is not None:
                after = [x for x in doc.prose.lines[block.stop :] if x.strip()][:AFTER_TABLE]
                texts += after
    return texts


def _after(flow: Flow, facts: pd.DataFrame) -> list[str]:
    """The lines after a table that the text holds (a markdown pipe table), by its facts' lines."""
    lines = [d.get("line") or d.get("paragraph") for d in facts["location"] if isinstance(d, dict) and "page" not in d]
    lines = [n for n in lines if n]
    if not lines:
        return []
    return [x for x in flow.lines[max(lines) :] if x.strip()][:AFTER_TABLE]
