"""Markdown pipe tables in text (.md, .txt): read as grids by the table recognisers.

A block of ``| a | b |`` lines with a ``|---|---|`` separator is a table a person typed or a
converter wrote. With the short lines just above it (its title, "单位：万元") it becomes a grid,
so that a published layout (支出决算表 …) or the tidy format is recognised exactly as in a
workbook. Cells are located as text: {line, start, end, quote} in the original text. The
caller blanks the table out of the prose, so its figures are not read twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..grid import Grid, a1, make_cells, text_cell

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")
MAX_TITLE_LINES = 3
MAX_TITLE_CHARS = 80


@dataclass
class TextTable:
    grid: Grid
    where: dict[str, dict]  # grid cell → text location
    start: int  # character span of the table lines in the text
    end: int


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(line number from 1, start offset, line text) of every line."""
    out, pos = [], 0
    for n, line in enumerate(text.split("\n"), start=1):
        out.append((n, pos, line))
        pos += len(line) + 1
    return out


def _cells(line: str, offset: int) -> list[tuple[str, int, int]]:
    """Cells of a pipe row with their offsets; the empty edges of |a|b| are dropped."""
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    edges = [-1, *bars, len(line)]
    cells = []
    for k in range(len(edges) - 1):
        a, b = edges[k] + 1, edges[k + 1]
        raw = line[a:b]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        cells.append((stripped, offset + a + lead, offset + a + lead + len(stripped)))
    if cells and not cells[0][0] and line.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and not cells[-1][0] and line.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def pipe_tables(text: str, name: str) -> list[TextTable]:
    lines = _lines(text)
    found: list[TextTable] = []
    i = 0
    while i < len(lines):
        if not _SEPARATOR.match(lines[i][2]) or i == 0 or lines[i - 1][2].count("|") < 2:
            i += 1
            continue
        first = i - 1  # the header row is the line above the separator
        last = i
        while last + 1 < len(lines) and lines[last + 1][2].count("|") >= 2:
            last += 1
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
            where[a1(row, 1)] = {"line": n, "start": pos, "end": pos + len(line), "quote": line.strip()}
        for n, pos, line in lines[first : last + 1]:
            if _SEPARATOR.match(line):
                continue
            row += 1
            for c, (value, a, b) in enumerate(_cells(line, pos), start=1):
                where[a1(row, c)] = {"line": n, "start": a, "end": b, "quote": value}
                if value:
                    records.append(text_cell(row, c, value))
        grid = Grid(path=name, sheet=f"表{len(found) + 1}", cells=make_cells(records), kind="text")
        end = lines[last][1] + len(lines[last][2])
        found.append(TextTable(grid, where, lines[first][1], end))
        i = last + 1
    return found


def read_pipe_tables(text: str, name: str):
    """Recognised pipe tables: (Recognised list with text locations, spans to blank)."""
    from ..tables import recognise_grids

    tables = pipe_tables(text, name)
    if not tables:
        return [], []
    out, spans = [], []
    for t, (_grid, found) in zip(tables, recognise_grids([t.grid for t in tables]), strict=True):
        if not found:
            continue
        spans.append((t.start, t.end))
        for rec in found:
            if not rec.facts.empty:
                facts = rec.facts.copy()
                facts["location"] = [t.where.get(loc.get("cell"), loc) for loc in facts["location"]]
                facts["loc"] = [f"line {loc.get('line')}" for loc in facts["location"]]
                rec.facts = facts
            for issue in rec.issues:
                issue.location = t.where.get(issue.location.get("cell"), issue.location)
            out.append(rec)
    return out, spans
