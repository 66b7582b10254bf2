"""Read .xlsx / .xlsm workbooks with openpyxl: values, printed decimals, hidden rows and sheets.

openpyxl is used (not python-calamine) because the number format of each cell decides how
many decimals a figure was printed with, and formats, hidden rows and formulas are only
visible through it. The workbook is opened read-only on disk: the input is never written.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path

from ..errors import InputError
from ..grid import make_cells, text_cell
from ..model.grid import Grid, a1
from ..numbers import format_decimals


def get_column_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter as letter

    return letter(col)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_head(path: Path) -> bytes:
    """The first bytes of a workbook; an unreadable or empty file is an InputError."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError(str(path), f"cannot be opened: {exc.strerror or exc}") from None
    if not head:
        raise InputError(str(path), "empty file, not a workbook")
    return head


def sniff_workbook(path: Path) -> None:
    """Refuse files that are not OOXML workbooks, with a message that says what they are."""
    head = read_head(path)
    if head == _OLE_MAGIC:
        raise InputError(
            str(path),
            "encrypted (password-protected) workbook or an old binary .xls saved as .xlsx; "
            "remove the password or save it as .xlsx",
        )
    if head[:2] != b"PK":
        raise InputError(str(path), f"not an xlsx workbook (the file is not a zip archive: starts {head[:4]!r})")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            bad = zf.testzip()
    except zipfile.BadZipFile as exc:
        raise InputError(str(path), f"corrupt workbook: {exc}") from None
    if bad is not None:
        raise InputError(str(path), f"corrupt workbook: damaged part {bad}")
    if "xl/workbook.xml" not in names:
        raise InputError(str(path), "not an xlsx workbook (no xl/workbook.xml inside the zip)")


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


def read_xlsx(path: Path) -> list[Grid]:
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
        raise InputError(str(path), f"corrupt workbook: {type(exc).__name__}: {exc}") from None
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


__all__ = ["a1", "read_xlsx", "sniff_workbook"]
