"""Recognising tables in grids. Each recogniser looks at a grid and returns the tables it
knows, with their facts; a grid that no recogniser claims but holds numbers is reported.

Published layouts (:mod:`.layout`: titled tables, multi-row headers, two-sided and transposed
tables, stacked tables, continuations) are tried first; the tidy format is the fallback.
"""

from __future__ import annotations

from ..model import Grid, Recognised, SchemaIssue, Table
from . import layout, tidy

__all__ = ["Recognised", "Recogniser", "SchemaIssue", "Table", "recognise_grid", "recognise_grids"]


def recognise_grid(grid: Grid) -> list[Recognised]:
    """The tables of one grid (no continuation across grids: see :func:`recognise_grids`)."""
    return [rec for _g, found in recognise_grids([grid]) for rec in found]


def recognise_grids(grids: list[Grid]) -> list[tuple[Grid, list[Recognised]]]:
    """The tables of the grids of one file, in order; an untitled sheet that repeats the header
    of the previous sheet's last table (or starts with its data rows) continues that table."""
    recogniser = Recogniser()
    for grid in grids:
        recogniser.add(grid)
    return recogniser.result()


class Recogniser:
    """:func:`recognise_grids` one grid at a time, for a source whose grids arrive one after the
    other (a PDF's pages from its workers): each grid is parsed as it is added, and a table is
    built once the next grid is known not to continue it, so only the last grid's work is left
    for :meth:`result`. The tables are those of :func:`recognise_grids` over the same grids."""

    def __init__(self) -> None:
        self.grids: list[Grid] = []
        self._found: list[list[Recognised] | None] = []
        self._open: list[tuple[int, list]] = []  # (grid's place, raws) not built yet
        self._last = None

    def add(self, grid: Grid) -> None:
        raws, _lookup = layout.parse_grid(grid)
        raws = [r for r in raws if not layout.tidy_would_do(r)]
        place = len(self.grids)
        self.grids.append(grid)
        self._found.append(None)
        if not raws and self._last is not None and layout.continue_table(self._last, grid, len(self._last.sheets)):
            grid.continued = True  # its rows went to the previous table
            self._found[place] = []
            return
        self._build_open()  # nothing later can continue them
        if raws:
            self._open.append((place, raws))
            self._last = raws[-1]
            return
        self._last = None
        found = tidy.recognise(grid)
        self._found[place] = _distinct([found] if found else [])

    def _build_open(self) -> None:
        for place, raws in self._open:
            self._found[place] = _distinct([layout.build(r) for r in raws])
        self._open = []

    def result(self) -> list[tuple[Grid, list[Recognised]]]:
        """The tables of every grid added, in order (the grids' order)."""
        self._build_open()
        self._last = None
        return [(g, found or []) for g, found in zip(self.grids, self._found, strict=True)]


def _distinct(found: list[Recognised]) -> list[Recognised]:
    for rec in found:
        rec.facts = distinct_columns(rec.facts)
    return found


def distinct_columns(facts):
    """Two columns of one table under the same name (a header printed twice) stay two columns:
    the later ones are named "X#2", "X#3" … so every cell remains its own fact."""
    if facts.empty or not facts.duplicated(["table", "row", "column"]).any():
        return facts
    facts = facts.copy()
    rank = facts.groupby(["table", "row", "column"]).cumcount()
    facts["column"] = facts["column"].where(rank == 0, facts["column"] + "#" + (rank + 1).astype(str))
    return facts
