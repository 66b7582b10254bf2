"""Building cell grids (the :class:`~fincheck.model.grid.Grid` type lives in the model package).

Every source (workbook, CSV, text table) becomes one or more :class:`Grid` objects. A grid
is a long frame of non-empty cells with their coordinates, displayed text, numeric value,
printed decimals and percent flag, so that later stages never lose the location of a figure.
"""

from __future__ import annotations

import pandas as pd

from .model.grid import CELL_COLUMNS, Grid, a1, from_a1
from .numbers import parse_printed

__all__ = ["CELL_COLUMNS", "Grid", "a1", "from_a1", "make_cells", "text_cell"]


def make_cells(records: list[tuple]) -> pd.DataFrame:
    """Build the cells frame from (row, col, text, number, decimals, percent, hidden) tuples."""
    frame = pd.DataFrame.from_records(
        records, columns=["row", "col", "text", "number", "decimals", "percent", "hidden"]
    )
    frame["row"] = frame["row"].astype("int64")
    frame["col"] = frame["col"].astype("int64")
    frame["text"] = frame["text"].astype("str")
    frame["number"] = frame["number"].astype("float64")
    frame["decimals"] = frame["decimals"].astype("int64")
    frame["percent"] = frame["percent"].astype("bool")
    frame["hidden"] = frame["hidden"].astype("bool")
    frame.insert(2, "cell", [a1(r, c) for r, c in zip(frame["row"], frame["col"], strict=True)])
    return frame


def text_cell(row: int, col: int, text: str, hidden: bool = False) -> tuple:
    """A cell read as text: parsed as a printed number where it is one ("1,234.50", "97.60%")."""
    raw = str(text).rstrip()
    printed = parse_printed(raw)
    if printed is not None:
        return (row, col, raw.strip(), printed.value, printed.decimals, printed.percent, hidden)
    # Labels keep their leading spaces: indentation carries the hierarchy.
    return (row, col, raw, float("nan"), -1, False, hidden)
