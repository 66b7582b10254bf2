"""Recognising tables in grids. Each recogniser looks at a grid and returns the tables it
knows, with their facts; a grid that no recogniser claims but holds numbers is reported.

Published layouts (:mod:`.layout`: titled tables, multi-row headers, two-sided and transposed
tables, stacked tables, continuations) are tried first; the tidy format is the fallback.
"""

from __future__ import annotations

from ..model import Grid, Recognised, SchemaIssue, Table
from . import layout, tidy

__all__ = ["Recognised", "SchemaIssue", "Table", "recognise_grid", "recognise_grids"]


def recognise_grid(grid: Grid) -> list[Recognised]:
    """The tables of one grid (no continuation across grids: see :func:`recognise_grids`)."""
    return [rec for _g, found in recognise_grids([grid]) for rec in found]


def recognise_grids(grids: list[Grid]) -> list[tuple[Grid, list[Recognised]]]:
    """The tables of the grids of one file, in order; an untitled sheet that repeats the header
    of the previous sheet's last table (or starts with its data rows) continues that table."""
    out: list[tuple[Grid, list]] = []
    raws_by_grid: list[list] = []
    last = None
    for grid in grids:
        raws, _lookup = layout.parse_grid(grid)
        raws = [r for r in raws if not layout.tidy_would_do(r)]
        if raws:
            raws_by_grid.append(raws)
            last = raws[-1]
            continue
        if last is not None and layout.continue_table(last, grid, len(last.sheets)):
            raws_by_grid.append([])
            continue
        raws_by_grid.append(None)
        last = None
    for grid, raws in zip(grids, raws_by_grid, strict=True):
        if raws is None:
            found = tidy.recognise(grid)
            out.append((grid, [found] if found else []))
        else:
            if not raws:
                grid.continued = True  # its rows went to the previous table
            out.append((grid, [layout.build(r) for r in raws]))
    for _grid, found in out:
        for rec in found:
            rec.facts = distinct_columns(rec.facts)
    return out


def distinct_columns(facts):
    """Two columns of one table under the same name (a header printed twice) stay two columns:
    the later ones are named "X#2", "X#3" … so every cell remains its own fact."""
    if facts.empty or not facts.duplicated(["table", "row", "column"]).any():
        return facts
    facts = facts.copy()
    rank = facts.groupby(["table", "row", "column"]).cumcount()
    facts["column"] = facts["column"].where(rank == 0, facts["column"] + "#" + (rank + 1).astype(str))
    return facts
