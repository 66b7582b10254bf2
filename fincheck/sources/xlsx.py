"""Read .xlsx / .xlsm workbooks: values from python-calamine, the rest from the workbook's XML.

The number format of each cell decides how many decimals a figure was printed with, so every
tolerance depends on it; calamine gives values only. Formats, hidden rows, columns and sheets,
merged ranges, error values and formulas without a cached value are read from styles.xml,
workbook.xml and the sheet XML in one streamed pass each (:mod:`.ooxml`), and the cells are
then typed, formatted and located a sheet at a time with numpy, not one by one. The grids are
the same as those of the openpyxl reader this replaced (:mod:`.xlsx_openpyxl`, kept as the
reference the tests compare with). The input is only read, never written.
"""

from __future__ import annotations

import functools
import os
import zipfile
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..failures import explain, is_fatal, native_stderr_silenced
from ..limits import SheetScan as UsedRange
from ..limits import check_sheet, check_zip, parse_range
from ..model.grid import Grid, a1
from ..numbers import format_sections
from .numfmt import is_date_format, is_duration_format, may_show_date
from .ooxml import (
    PartError,
    SheetScan,
    has_unpreserved_space,
    read_workbook_info,
    scan_sheet,
    shared_strings_if_spaced,
    string_cells,
)
from .xlsx_cells import SheetValues, workbook_grids

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_head(path: Path) -> bytes:
    """The first bytes of a workbook; an unreadable or empty file is an InputError."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError(str(path), "cannot be opened: {detail}", detail=exc.strerror or str(exc)) from None
    if not head:
        raise InputError(str(path), "empty file, not a workbook")
    return head


def sniff_workbook(path: Path) -> None:
    """Refuse files that are not OOXML workbooks, with a message that says what they are."""
    _sniff_head(path)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            bad = zf.testzip()
    except zipfile.BadZipFile as exc:
        raise InputError(str(path), "corrupt workbook: {detail}", detail=str(exc)) from None
    if bad is not None:
        raise InputError(str(path), "corrupt workbook: damaged part {part}", part=bad)
    _require_workbook(path, names)


def bytes_in_words(data: bytes) -> str:
    """Bytes as a person reads them: ``39 08 61 62`` (hexadecimal), followed by the characters
    when all of them are printable ASCII, ``3C 68 74 6D "<htm"`` (a web page saved as .xlsx)."""
    said = " ".join(f"{b:02X}" for b in data)
    if data and all(0x20 <= b < 0x7F for b in data):
        said += f' "{data.decode("ascii")}"'
    return said


def _sniff_head(path: Path) -> None:
    head = read_head(path)
    if head == _OLE_MAGIC:
        raise InputError(
            str(path),
            "encrypted (password-protected) workbook or an old binary .xls saved as .xlsx; "
            "remove the password or save it as .xlsx",
        )
    if head[:2] != b"PK":
        raise InputError(
            str(path), "not an xlsx (zip) file; it starts with the bytes {head}", head=bytes_in_words(head[:4])
        )


def _require_workbook(path: Path, names: set[str]) -> None:
    if "xl/workbook.xml" not in names:
        raise InputError(str(path), "not an xlsx workbook (no xl/workbook.xml inside the zip)")


def read_xlsx(path: Path) -> list[Grid]:
    """Every worksheet of an .xlsx / .xlsm as a grid (chart sheets have no cells).

    Each part is checked as it is read (zip CRC, well-formed XML); parts nothing reads are not
    opened, so a damaged thumbnail does not stop the workbook. What calamine's native code writes
    to stderr (a Rust panic's message) is silenced: the panic arrives as an exception."""
    with native_stderr_silenced():
        return _read_xlsx(path)


def _read_xlsx(path: Path) -> list[Grid]:
    _sniff_head(path)
    try:
        with zipfile.ZipFile(path) as zf:
            _require_workbook(path, set(zf.namelist()))
            check_zip(zf, str(path))  # inflated sizes, from the zip directory, before anything is inflated
            info = read_workbook_info(zf)
            styles = _StyleTable(info.xf_formats)
            scans = [styles.scan(zf, entry.part) for entry in info.sheets]  # refuses DOCTYPEs, streamed
            used = [_used_range(path, entry.name, scan) for entry, scan in zip(info.sheets, scans, strict=True)]
            spaced = shared_strings_if_spaced(zf.read(info.shared_strings)) if info.shared_strings else None
            for entry, scan in zip(info.sheets, scans, strict=True):
                if spaced is not None:
                    indices = string_cells(zf.read(entry.part), "s")
                    scan.texts |= {
                        r: spaced[int(i)] for r, i in indices.items() if i.strip().isdigit() and int(i) < len(spaced)
                    }
                if scan.inline_spaced:
                    scan.texts |= string_cells(zf.read(entry.part), "inlineStr")
    except InputError:
        raise
    except PartError as exc:
        raise InputError(str(path), "corrupt workbook: {detail}", detail=str(exc)) from None
    except Exception as exc:  # zipfile, zlib and expat errors
        raise InputError(str(path), "corrupt workbook: {detail}", detail=f"{type(exc).__name__}: {exc}") from None
    values = functools.partial(_values_and_grids, info=info, scans=scans, styles=styles)
    if max((u.area for u in used), default=0) > IN_PROCESS_AREA:
        from ..budget import run_bounded

        # calamine holds the used range densely (about 130 bytes a cell by the time the grids are
        # built): a sheet that wide is read in a worker under the seconds and memory_mb limits
        return run_bounded(values, path)
    return values(path)


def _used_range(path: Path, sheet: str, scan: SheetScan) -> UsedRange:
    """The sheet's cells, used range and merged ranges, refused when over the limits before
    calamine holds the range densely (the counts come from the same expat pass as the styles)."""
    merges = [m for m in map(parse_range, scan.merges) if m is not None]
    used = UsedRange(cells=scan.cells, max_row=scan.max_row, max_col=scan.max_col, merges=merges)
    check_sheet(used, str(path), sheet)
    return used


#: sheets whose used range spans more cells than this are read in a worker process (budget.py)
IN_PROCESS_AREA = 1_000_000


def _values_and_grids(path: Path, info, scans: list[SheetScan], styles: _StyleTable) -> list[Grid]:
    """calamine's values of every sheet, typed and formatted into grids."""
    from python_calamine import CalamineWorkbook  # imported only when a workbook is read

    try:
        book = CalamineWorkbook.from_path(os.fspath(path))
    except Exception as exc:  # calamine's own error types (zip, XML, password)
        raise InputError(str(path), "corrupt workbook: {detail}", detail=f"{type(exc).__name__}: {exc}") from None
    sheets = []
    try:
        for entry, scan in zip(info.sheets, scans, strict=True):
            try:
                sheet = book.get_sheet_by_name(entry.name)
                sheets.append(SheetValues(entry, scan, sheet.to_python(), sheet.start))
            except Exception as exc:
                raise InputError(
                    str(path), "sheet cannot be read: {detail}", place=entry.name, detail=f"{type(exc).__name__}: {exc}"
                ) from None
            except BaseException as exc:  # a Rust panic (e.g. a date cell holding -1e308)
                if is_fatal(exc):
                    raise
                template, values = explain(exc)
                raise InputError(str(path), template, place=entry.name, **values) from None
    finally:
        book.close()
    return workbook_grids(str(path), sheets, styles, info.date1904)


class _StyleTable:
    """Per cell style: what its number format prints (decimals and percent for positive, negative
    and zero values; -1 = the value's own decimals), whether it shows a date or a duration."""

    def __init__(self, formats: list[str]) -> None:

        n = len(formats) + 1  # the last row stands for "no style": General
        self.decimals = np.full((n, 3), -1, dtype="int64")
        self.percent = np.zeros((n, 3), dtype=bool)
        self.date = np.zeros(n, dtype=bool)
        self.duration = np.zeros(n, dtype=bool)
        self.general = n - 1
        special: dict[str, int] = {}
        capture: set[str] = set()
        for i, code in enumerate(formats):
            for k, (dec, pct) in enumerate(format_sections(code)):
                self.decimals[i, k] = -1 if dec is None else dec
                self.percent[i, k] = pct
            self.date[i] = is_date_format(code)
            self.duration[i] = self.date[i] and is_duration_format(code)
            if may_show_date(code):
                capture.add(str(i))
            if str(i) in capture or (self.decimals[i] != -1).any():
                special[str(i)] = i
        self.special = special
        self.capture = frozenset(capture)

    def scan(self, zf: zipfile.ZipFile, part: str) -> SheetScan:

        data = zf.read(part)
        scan = scan_sheet(data, self.special, self.capture)
        scan.inline_spaced = has_unpreserved_space(data)
        return scan


__all__ = ["a1", "read_xlsx", "sniff_workbook"]
