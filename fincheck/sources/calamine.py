"""Read legacy .xls (and any workbook python-calamine opens) by value.

calamine gives values only, no number formats: a figure's printed decimals are taken from the
value itself (2940.05 → 2; a whole number → 0), which is exact for figures typed with their
decimals and only loses trailing zeros ("10.00" reads as 10). Hidden sheets are read and noted;
merged cells are not reported, so multi-row headers are forward-filled by text position.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..errors import InputError
from ..failures import explain, is_fatal, native_stderr_silenced
from ..grid import make_cells, text_cell
from ..model import Grid
from ..numbers import decimals_of_float, format_decimals
from .xlsx import read_head


def read_calamine(path: Path) -> list[Grid]:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(
            str(path), "python-calamine is needed to read {suffix} files: {detail}", suffix=path.suffix, detail=str(exc)
        ) from None
    read_head(path)
    with native_stderr_silenced():
        return _read(path, CalamineWorkbook)


def _read(path: Path, CalamineWorkbook) -> list[Grid]:
    try:
        wb = CalamineWorkbook.from_path(os.fspath(path))
    except Exception as exc:  # calamine raises its own error types for damaged or encrypted files
        text = str(exc)
        if "ncrypt" in text or "assword" in text:
            raise InputError(
                str(path),
                "cannot read the workbook: {detail} (password-protected workbooks cannot be read: remove the password)",
                detail=text,
            ) from None
        raise InputError(str(path), "cannot read the workbook: {detail}", detail=text) from None
    formats = _xls_formats(path) if path.suffix.lower() == ".xls" else {}
    grids: list[Grid] = []
    visibility = {s.name: str(getattr(s, "visible", "Visible")) for s in getattr(wb, "sheets_metadata", [])}
    for name in wb.sheet_names:
        try:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise InputError(str(path), "sheet cannot be read: {detail}", place=name, detail=str(exc)) from None
        except BaseException as exc:  # a Rust panic (e.g. a date cell holding -1e308)
            if is_fatal(exc):
                raise
            template, values = explain(exc)
            raise InputError(str(path), template, place=name, **values) from None
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
                    fmt = formats.get(name, {}).get((r, c))
                    if fmt is not None:
                        decimals, percent = format_decimals(fmt, number)
                        number = number * 100.0 if percent else number
                    else:
                        decimals, percent = decimals_of_float(number), False
                    records.append((r, c, repr(number), number, decimals, percent, hidden))
                elif isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
                    records.append((r, c, str(value), float("nan"), -1, False, hidden))
                else:
                    records.append(text_cell(r, c, str(value), hidden))
        grids.append(Grid(path=str(path), sheet=name, cells=make_cells(records), hidden_sheet=hidden, kind="xls"))
    return grids


def _xls_formats(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Number formats of the numeric cells of a legacy .xls (xlrd with formatting info), so
    that 1250.00 in a 0.00 cell keeps its two printed decimals. Empty when xlrd is missing or
    cannot read the file (calamine's values are used then, with the decimals of the value)."""
    try:
        import xlrd
    except ImportError:
        return {}
    try:
        book = xlrd.open_workbook(os.fspath(path), formatting_info=True, on_demand=True)
    except Exception:
        return {}
    out: dict[str, dict[tuple[int, int], str]] = {}
    try:
        for sheet in book.sheets():
            cells = {}
            for r in range(sheet.nrows):
                for c in range(sheet.ncols):
                    if sheet.cell_type(r, c) != xlrd.XL_CELL_NUMBER:
                        continue
                    xf = book.xf_list[sheet.cell_xf_index(r, c)]
                    fmt = book.format_map.get(xf.format_key)
                    if fmt is not None:
                        cells[(r + 1, c + 1)] = fmt.format_str
            out[sheet.name] = cells
    except Exception:
        return {}
    finally:
        book.release_resources()
    return out


__all__ = ["read_calamine"]
