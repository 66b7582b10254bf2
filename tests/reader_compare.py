"""The fast .xlsx reader and the openpyxl reference reader on one workbook, compared cell by cell."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fincheck.sources.xlsx import read_xlsx
from fincheck.sources.xlsx_openpyxl import read_xlsx_openpyxl


def bounded(merged, cells) -> list:
    """The reference reader's merges, bounded by the used range as the fast reader bounds them."""
    if cells.empty:
        return []
    last_r, last_c = int(cells["row"].max()), int(cells["col"].max())
    return sorted(
        (r1, c1, min(r2, last_r), min(c2, last_c)) for r1, c1, r2, c2 in merged if r1 <= last_r and c1 <= last_c
    )


def assert_same(path: Path) -> list:
    fast, ref = read_xlsx(path), read_xlsx_openpyxl(path)
    assert [g.sheet for g in fast] == [g.sheet for g in ref]
    for a, b in zip(fast, ref, strict=True):
        pd.testing.assert_frame_equal(a.cells, b.cells, obj=f"{path.name}!{a.sheet}")
        assert sorted(a.merged) == bounded(b.merged, b.cells), a.sheet
        assert a.hidden_sheet == b.hidden_sheet, a.sheet
        assert (a.kind, a.path) == (b.kind, b.path)
    return fast
