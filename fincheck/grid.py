"""Cell grids that remember where every cell came from.

Every source (workbook, CSV, text table) becomes one or more :class:`Grid` objects. A grid
is a long frame of non-empty cells with their coordinates, displayed text, numeric value,
printed decimals and percent flag, so that later stages never lose the location of a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .numbers import parse_printed

CELL_COLUMNS = ["row", "col", "cell", "text", "number", "decimals", "percent", "hidden"]


def a1(row: int, col: int) -> str:
    """1-based (row, col) to an A1 reference."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


@dataclass
class Grid:
    """One sheet (or sheet-like block) of cells.

    ``cells`` has the columns of :data:`CELL_COLUMNS`: ``row``/``col`` 1-based, ``cell`` the A1
    name, ``text`` what is displayed, ``number`` the numeric value (NaN for text and empty marks),
    ``decimals`` the printed decimals (-1 where not a number), ``percent`` whether the figure was
    printed as a percentage (``number`` is then in percent units), ``hidden`` whether its row,
    column or sheet is hidden.
    """

    path: str
    sheet: str
    cells: pd.DataFrame
    hidden_sheet: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r1, c1, r2, c2)
    kind: str = "xlsx"

    def text_at(self, row: int, col: int) -> str:
        hit = self.cells[(self.cells["row"] == row) & (self.cells["col"] == col)]
        return "" if hit.empty else str(hit["text"].iloc[0])


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
