"""Read legacy .xls (and any workbook python-calamine opens) by value.

calamine gives values only, no number formats: a figure's printed decimals are taken from the
value itself (2940.05 → 2; a whole number → 0), which is exact for figures typed with their
decimals and only loses trailing zeros ("10.00" reads as 10). Hidden sheets are read and noted;
merged cells are not reported, so multi-row headers are forward-filled by text position.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import InputError
from ..grid import Grid, make_cells, text_cell
from ..numbers import decimals_of_float
from .xlsx import read_head


def read_calamine(path: Path) -> list[Grid]:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(str(path), f"python-calamine is needed to read {path.suffix} files: {exc}") from None
    read_head(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged or encrypted files
        text = str(exc)
        hint = (
            " (password-protected workbooks cannot be read: remove the password)"
            if "ncrypt" in text or "assword" in text
            else ""
        )
        raise InputError(str(path), f"cannot read the workbook: {text}{hint}") from None
    grids: list[Grid] = []
    visibility = {s.name: str(getattr(s, "visible", "Visible")) for s in getattr(wb, "sheets_metadata", [])}
    for name in wb.sheet_names:
        try:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise InputError(str(path), f"sheet cannot be read: {exc}", place=name) from None
        hidden = "Hidden" in visibility.get(name, "Visible") or "Hidden" in visibility.get(name, "")
        records = []
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                if isinstance(value, bool):
                    records.append(text_cell(r, c, str(value), hidden))
                elif isinstance(value, int | float):
                    number = float(value)
                    records.append((r, c, repr(number), number, decimals_of_float(number), False, hidden))
                elif isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
                    records.append((r, c, str(value), float("nan"), -1, False, hidden))
                else:
                    records.append(text_cell(r, c, str(value), hidden))
        grids.append(Grid(path=str(path), sheet=name, cells=make_cells(records), hidden_sheet=hidden, kind="xls"))
    return grids


__all__ = ["read_calamine"]
