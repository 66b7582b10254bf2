"""Markdown pipe tables in text (.md, .txt): read as grids by the table recognisers.

A block of ``| a | b |`` lines with a ``|---|---|`` separator is a table a person typed or a
converter wrote: its header is the row above the separator, and the separator is never a
header nor a data row. A table that no recogniser claims, or that has no header row, is no
table recognised, and its lines leave the prose all the same (the reader of flattened "|"
cells is for tables whose structure was lost, not for these). With the short lines just above it (its title, "单位：万元") it becomes a grid,
so that a published layout (支出决算表 …) or the tidy format is recognised exactly as in a
workbook. Cells are located as text, {line, start, end, quote} in the original text, or
wherever the text's source puts that span (a PDF page's line, a Word paragraph). The
caller blanks the table out of the prose, so its figures are not read twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..grid import make_cells, text_cell
from ..model import Grid, Location
from ..model.grid import a1
from ..model.location import Locator, text_locator
from ..tables import recognise_grids

#: a |---| cell: dashes with optional alignment colons (":-:" too; a lone "-" is an empty mark)
_DASHES = r"(?::-+:?|-+:|-{2,})"
_SEPARATOR = re.compile(rf"^\s*\|?\s*{_DASHES}\s*(?:\|\s*{_DASHES}\s*)+\|?\s*$")
MAX_TITLE_LINES = 3
MAX_TITLE_CHARS = 80


@dataclass
class TextTable:
    grid: Grid | None  # None: a block of rows under a |---| line with no header row above it
    start: int  # character span of the table lines in the text
    end: int


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(line number from 1, start offset, line text) of every line."""
    out, pos = [], 0
    for n, line in enumerate(text.split("\n"), start=1):
        out.append((n, pos, line))
        pos += len(line) + 1
    return out


def _cells(line: str, offset: int) -> list[tuple[str, int, int, str]]:
    """Cells of a pipe row: (text, start, end, text with its indentation), the empty edges of
    |a|b| dropped. Spaces beyond the one after the "|" indent a label, as in a workbook cell."""
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    edges = [-1, *bars, len(line)]
    cells = []
    for k in range(len(edges) - 1):
        a, b = edges[k] + 1, edges[k + 1]
        raw = line[a:b]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        indented = raw.rstrip()[1:] if raw.startswith(" ") else raw.rstrip()
        cells.append((stripped, offset + a + lead, offset + a + lead + len(stripped), indented))
    if cells and not cells[0][0] and line.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and not cells[-1][0] and line.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def _cell_locator(sheet: str, where: dict[tuple[int, int], Location]):
    def locate(r: int, c: int) -> Location:
        return where.get((r, c)) or Location.cell_of(sheet, a1(r, c))

    return locate


def pipe_tables(text: str, name: str, locate: Locator = text_locator) -> list[TextTable]:
    """The pipe tables of ``text`` as grids; ``locate`` maps a span of the text to its source."""
    lines = _lines(text)
    found: list[TextTable] = []
    i = 0
    while i < len(lines):
        if not _SEPARATOR.match(lines[i][2]):
            i += 1
            continue
        last = i
        while last + 1 < len(lines) and lines[last + 1][2].count("|") >= 2:
            last += 1
        if i == 0 or lines[i - 1][2].count("|") < 2:  # no header row: no table recognised
            end = lines[last][1] + len(lines[last][2])
            found.append(TextTable(None, lines[i][1], end))
            i = last + 1
            continue
        first = i - 1  # the header row is the line above the separator
        titles = []
        j = first - 1
        while j >= 0 and len(titles) < MAX_TITLE_LINES and first - j <= MAX_TITLE_LINES + 2:
            t = lines[j][2].strip()
            if t and ("|" in t or len(t) > MAX_TITLE_CHARS):
                break
            if t:
                titles.insert(0, lines[j])
            j -= 1
        records, where = [], {}
        row = 0
        for n, pos, line in titles:
            row += 1
            records.append(text_cell(row, 1, line.strip()))
            where[(row, 1)] = locate(n, pos, pos + len(line), line.strip())
        for n, pos, line in lines[first : last + 1]:
            if _SEPARATOR.match(line):  # never a header nor a data row
                continue
            row += 1
            for c, (value, a, b, indented) in enumerate(_cells(line, pos), start=1):
                where[(row, c)] = locate(n, a, b, value)
                if value:
                    records.append(text_cell(row, c, indented))
        sheet = f"表{len(found) + 1}"
        grid = Grid(path=name, sheet=sheet, cells=make_cells(records), kind="text", locate=_cell_locator(sheet, where))
        end = lines[last][1] + len(lines[last][2])
        found.append(TextTable(grid, lines[first][1], end))
        i = last + 1
    return found


def read_pipe_tables(text: str, name: str, locate: Locator = text_locator):
    """Recognised pipe tables (located in the text's source) and the spans to blank."""
    tables = pipe_tables(text, name, locate)
    if not tables:
        return [], []
    out, spans = [], [(t.start, t.end) for t in tables]
    typed = [t for t in tables if t.grid is not None]
    for _grid, found in recognise_grids([t.grid for t in typed if t.grid is not None]):
        if not found:
            # no recogniser claims it: no table recognised. A typed table keeps its structure, so
            # the prose reader of flattened "|" cells is not given it (it would take the |---|
            # line for a header or a data row, and sum whatever columns lie under it)
            continue
        out.extend(found)
    return out, spans
