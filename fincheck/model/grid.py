"""Cell grids that remember where every cell came from.

Every tabular source (workbook sheet, CSV, PDF page, Word table, markdown pipe table) becomes
one or more :class:`Grid` objects. A grid is a long frame of non-empty cells with their
coordinates, displayed text, numeric value, printed decimals and percent flag, and it knows
where each cell is in its source, so that later stages never lose or rewrite a location.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from .location import Location

CELL_COLUMNS = ["row", "col", "cell", "text", "number", "decimals", "percent", "hidden"]


def a1(row: int, col: int) -> str:
    """1-based (row, col) to an A1 reference."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def from_a1(cell: str) -> tuple[int, int]:
    """An A1 reference to 1-based (row, col)."""
    letters = "".join(ch for ch in cell if ch.isalpha())
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int("".join(ch for ch in cell if ch.isdigit()) or 0), col


@dataclass
class Grid:
    """One sheet (or sheet-like block) of cells.

    ``cells`` has the columns of :data:`CELL_COLUMNS`: ``row``/``col`` 1-based, ``cell`` the A1
    name, ``text`` what is displayed, ``number`` the numeric value (NaN for text and empty marks),
    ``decimals`` the printed decimals (-1 where not a number), ``percent`` whether the figure was
    printed as a percentage (``number`` is then in percent units), ``hidden`` whether its row,
    column or sheet is hidden. :meth:`location` says where a cell is in the source (a PDF
    page's table cell, a Word table's cell, a line of text), so facts are located when built.
    """

    path: str
    sheet: str
    cells: pd.DataFrame
    hidden_sheet: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r1, c1, r2, c2)
    kind: str = "xlsx"
    #: (row, col) → where that cell is in the source, set by the reader; None: the sheet's cell
    locate: Callable[[int, int], Location] | None = field(default=None, repr=False)
    #: the rows of this grid went to the previous grid's table (set by the recognisers)
    continued: bool = False
    #: rows that are lines of text (a PDF page's prose and titles, the paragraphs above a Word
    #: table) rather than table cells: their figures belong to the text stage
    text_rows: frozenset[int] = frozenset()

    def location(self, row: int, col: int) -> Location:
        """Where the cell at (row, col) was read, in the source's own terms."""
        if self.locate is not None:
            return self.locate(row, col)
        return Location.cell_of(self.sheet, a1(row, col))

    def text_at(self, row: int, col: int) -> str:
        hit = self.cells[(self.cells["row"] == row) & (self.cells["col"] == col)]
        return "" if hit.empty else str(hit["text"].iloc[0])


def has_table_numbers(grid: Grid) -> bool:
    """Whether the grid holds a figure outside its lines of text (titles, prose)."""
    cells = grid.cells
    numbers = cells["number"].notna()
    if grid.text_rows:
        numbers &= ~cells["row"].isin(list(grid.text_rows))
    return bool(numbers.any())
