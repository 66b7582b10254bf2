"""Building cell grids (the :class:`~fincheck.model.grid.Grid` type lives in the model package).

Every source (workbook, CSV, text table) becomes one or more :class:`Grid` objects. A grid
is a long frame of non-empty cells with their coordinates, displayed text, numeric value,
printed decimals and percent flag, so that later stages never lose the location of a figure.
"""

from __future__ import annotations

import pandas as pd

from .model.grid import CELL_COLUMNS, Grid, a1, from_a1
from .numbers import parse_printed

__all__ = [
    "CELL_COLUMNS",
    "Grid",
    "a1",
    "a1_names",
    "cells_frame",
    "cells_frames",
    "from_a1",
    "make_cells",
    "split_cells_frame",
    "text_cell",
]


def make_cells(records: list[tuple]) -> pd.DataFrame:
    """Build the cells frame from (row, col, text, number, decimals, percent, hidden) tuples."""
    columns = list(zip(*records, strict=True)) if records else [()] * 7
    return cells_frame(*columns)


def cells_frame(row, col, text, number, decimals, percent, hidden) -> pd.DataFrame:
    """Build the cells frame from its columns (sequences or arrays of equal length)."""
    return cells_frames([(row, col, text, number, decimals, percent, hidden)])[0]


def cells_frames(sheets: list[tuple]) -> list[pd.DataFrame]:
    """The cells frames of many sheets, each given as (row, col, text, number, decimals, percent,
    hidden) columns."""
    import numpy as np

    dtypes = ("int64", "int64", object, "float64", "int64", "bool", "bool")
    columns = tuple(
        np.concatenate([np.asarray(s[k], dtype=dtype) for s in sheets]) if sheets else np.zeros(0, dtype=dtype)
        for k, dtype in enumerate(dtypes)
    )
    return split_cells_frame(columns, [len(s[0]) for s in sheets])


def split_cells_frame(columns: tuple, sizes: list[int]) -> list[pd.DataFrame]:
    """Cells frames of consecutive sheets, built as one frame and sliced (a frame per sheet
    costs more than the cells): ``columns`` as in :func:`cells_frame`, ``sizes`` cells per sheet."""
    import numpy as np

    rows, cols, text, number, decimals, percent, hidden = columns
    frame = pd.DataFrame(
        {
            "row": np.asarray(rows, dtype="int64"),
            "col": np.asarray(cols, dtype="int64"),
            "cell": a1_names(rows, cols),
            "text": _str_array(text),
            "number": np.asarray(number, dtype="float64"),
            "decimals": np.asarray(decimals, dtype="int64"),
            "percent": np.asarray(percent, dtype="bool"),
            "hidden": np.asarray(hidden, dtype="bool"),
        },
        copy=False,
    )
    if len(sizes) == 1:
        return [frame]
    out = []
    end = 0
    for size in sizes:
        part = frame.iloc[end : end + size]
        part.index = pd.RangeIndex(size)
        out.append(part)
        end += size
    return out


def _str_array(values) -> pd.api.extensions.ExtensionArray:
    """Python strings as pandas' ``str`` column, built through pyarrow in one call."""
    import numpy as np
    import pyarrow as pa

    dtype = pd.StringDtype("pyarrow", na_value=np.nan)
    items = values.tolist() if hasattr(values, "tolist") else list(values)
    return pd.arrays.ArrowStringArray(pa.array(items, type=pa.large_string()), dtype=dtype)


def a1_names(rows, cols) -> pd.api.extensions.ExtensionArray:
    """A1 names of many cells at once: the letters of each distinct column joined to the row
    numbers by pyarrow, no Python per cell."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = np.asarray(rows, dtype="int64")
    cols = np.asarray(cols, dtype="int64")
    if not len(rows):
        return _str_array([])
    distinct, index = np.unique(cols, return_inverse=True)
    letters = pa.array([a1(1, int(c))[:-1] for c in distinct.tolist()], type=pa.large_string())
    digits = pc.cast(pa.array(rows), pa.large_string())
    names = pc.binary_join_element_wise(pc.take(letters, pa.array(index)), digits, pa.scalar("", pa.large_string()))
    return pd.arrays.ArrowStringArray(names, dtype=pd.StringDtype("pyarrow", na_value=np.nan))


def text_cell(row: int, col: int, text: str, hidden: bool = False) -> tuple:
    """A cell read as text: parsed as a printed number where it is one ("1,234.50", "97.60%")."""
    raw = str(text).rstrip()
    printed = parse_printed(raw)
    if printed is not None:
        return (row, col, raw.strip(), printed.value, printed.decimals, printed.percent, hidden)
    # Labels keep their leading spaces: indentation carries the hierarchy.
    return (row, col, raw, float("nan"), -1, False, hidden)
