"""The reference .xlsx reader: openpyxl in full mode, one cell at a time.

It is no longer the default (see :mod:`.xlsx`, python-calamine plus the workbook's own XML) and
is kept as the reference the fast reader is compared with, cell by cell, in the tests and the
benchmark. It reads the same things: values, printed decimals, hidden rows and sheets, merges.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path

from ..errors import InputError
from ..grid import make_cells, text_cell
from ..model.grid import Grid
from ..numbers import format_decimals
from .xlsx import sniff_workbook

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part inside the zip."""
    from xml.etree import ElementTree as ET

    book = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for sheet in book.iter(f"{_NS}sheet"):
        target = targets.get(sheet.get(_REL), "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def get_column_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter as letter

    return letter(col)


def _formulas_without_values(path: Path) -> dict[str, set[str]]:
    """Formula cells that carry no cached value, per sheet: read straight from the sheet XML
    (expat, streamed), which costs a fraction of a second pass through openpyxl."""
    from xml.etree import ElementTree as ET

    found: dict[str, set[str]] = {}
    with zipfile.ZipFile(path) as zf:
        for name, part in _sheet_parts(zf).items():
            if part not in zf.namelist():
                continue
            coords: set[str] = set()
            with zf.open(part) as fh:
                for _event, elem in ET.iterparse(fh, events=("end",)):
                    if elem.tag != f"{_NS}c":
                        continue
                    if elem.find(f"{_NS}f") is not None:
                        v = elem.find(f"{_NS}v")
                        if v is None or not (v.text or "").strip():
                            coords.add(elem.get("r", ""))
                    elem.clear()
            if coords:
                found[name] = coords
    return found


def read_xlsx_openpyxl(path: Path) -> list[Grid]:
    import openpyxl

    sniff_workbook(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            formulas = _formulas_without_values(path)
            wb = openpyxl.load_workbook(path, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged parts
        raise InputError(str(path), "corrupt workbook: {detail}", detail=f"{type(exc).__name__}: {exc}") from None
    grids: list[Grid] = []
    for ws in wb.worksheets:
        sheet_formulas = formulas.get(ws.title, set())
        hidden_rows = {r for r, d in ws.row_dimensions.items() if d.hidden}
        hidden_cols = {k for k, d in ws.column_dimensions.items() if d.hidden}
        records = []
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if value is None and not sheet_formulas:
                    continue  # empty and merged cells
                r, c = cell.row, cell.column
                hidden = r in hidden_rows or get_column_letter(c) in hidden_cols or ws.sheet_state != "visible"
                if value is None:
                    if cell.coordinate in sheet_formulas:
                        raise InputError(
                            str(path),
                            "formula without a cached value (the workbook was never calculated: "
                            "open and save it in a spreadsheet program)",
                            place=f"{ws.title}!{cell.coordinate}",
                        )
                    continue
                if isinstance(value, bool):
                    records.append(text_cell(r, c, str(value), hidden))
                elif isinstance(value, int | float):
                    decimals, percent = format_decimals(cell.number_format, float(value))
                    number = float(value) * 100.0 if percent else float(value)
                    shown = f"{number:.{decimals}f}" + ("%" if percent else "")
                    records.append((r, c, shown, number, decimals, percent, hidden))
                elif isinstance(value, dt.datetime | dt.date | dt.time):
                    records.append((r, c, value.isoformat(), float("nan"), -1, False, hidden))
                else:
                    records.append(text_cell(r, c, str(value), hidden))
        cells = make_cells(records) if records else make_cells([])
        merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        grids.append(
            Grid(
                path=str(path),
                sheet=ws.title,
                cells=cells,
                hidden_sheet=ws.sheet_state != "visible",
                merged=merged,
                kind="xlsx",
            )
        )
    wb.close()
    return grids


__all__ = ["read_xlsx_openpyxl"]
