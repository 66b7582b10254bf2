"""A workbook's cells, typed, formatted and located at once: calamine's values (a rectangle of
Python objects per sheet) joined with what the sheet XML says about them (:class:`.ooxml.SheetScan`).

Numbers get the decimals and percent flag their number format prints (by sign section; General
and text-only sections take the value's own decimals) and the text that format shows; text is
kept as displayed and read as a printed figure where it is one ("1,234.50", "97.60%"); dates,
booleans and errors are text. All sheets are handled together, as flat arrays, and the result
is one cells frame per sheet (:func:`fincheck.grid.cells_frames`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import chain

import numpy as np

from ..errors import InputError
from ..grid import split_cells_frame
from ..model.grid import Grid
from ..numbers import decimals_of_floats, parse_printed
from .numfmt import serial_text
from .ooxml import SheetEntry, SheetScan, split_ref, split_refs

_TYPE = np.frompyfunc(type, 1, 1)
_DIGIT = re.compile(r"\d")


@dataclass
class SheetValues:
    """One worksheet as read: its entry in workbook.xml, its XML scan, calamine's rectangle."""

    entry: SheetEntry
    scan: SheetScan
    rows: list[list]
    start: tuple[int, int] | None  # 0-based top-left of the rectangle


class _Sheet:
    """Where a sheet's rectangle sits in the flat arrays."""

    def __init__(self, values: SheetValues, offset: int) -> None:
        self.values = values
        rows = values.rows
        self.height = len(rows) if rows and rows[0] else 0
        self.width = len(rows[0]) if self.height else 0
        self.r0, self.c0 = values.start if self.height and values.start is not None else (0, 0)
        self.offset = offset

    def flat(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Flat indices of 1-based (row, col) pairs, and which of them lie in the rectangle."""
        r, c = rows - 1 - self.r0, cols - 1 - self.c0
        ok = (r >= 0) & (r < self.height) & (c >= 0) & (c < self.width)
        return self.offset + r * self.width + c, ok


def _refs(refs) -> tuple[np.ndarray, np.ndarray]:
    return split_refs(refs)


class _Parts:
    """The cells frame's columns, gathered part by part (sheet, row, col, text, number, decimals,
    percent)."""

    def __init__(self) -> None:
        self.parts: list[tuple] = []

    def add(self, sheet, rows, cols, text, number, decimals, percent) -> None:
        if len(rows):
            self.parts.append((sheet, rows, cols, text, number, decimals, percent))

    def add_texts(self, sheet, rows, cols, texts: list[str]) -> None:
        """Cells read as text: a printed number where the text is one, else the text itself
        (right-trimmed; labels keep their leading spaces, which carry the hierarchy)."""
        if not texts:
            return
        shown = [t.rstrip() for t in texts]
        number = np.full(len(shown), np.nan)
        decimals = np.full(len(shown), -1, dtype="int64")
        percent = np.zeros(len(shown), dtype=bool)
        for i in [i for i, t in enumerate(shown) if _DIGIT.search(t)]:
            printed = parse_printed(shown[i])
            if printed is not None:
                shown[i] = shown[i].strip()
                number[i], decimals[i], percent[i] = printed.value, printed.decimals, printed.percent
        self.add(sheet, rows, cols, np.array(shown, dtype=object), number, decimals, percent)

    def add_marks(self, sheet, rows, cols, texts: list[str]) -> None:
        """Cells shown as text that is never a figure (dates, times)."""
        n = len(texts)
        text = np.array(texts, dtype=object)
        self.add(sheet, rows, cols, text, np.full(n, np.nan), np.full(n, -1, dtype="int64"), np.zeros(n, bool))

    def columns(self) -> list[np.ndarray]:
        if not self.parts:
            return [np.zeros(0, dtype=t) for t in ("int64", "int64", "int64", object, "float64", "int64", bool)]
        cols = [np.concatenate(c) for c in zip(*self.parts, strict=True)]
        order = np.lexsort((cols[2], cols[1], cols[0]))
        return [c[order] for c in cols]


class _Layout:
    """Where each sheet's rectangle sits in the workbook's flat arrays."""

    def __init__(self, placed: list[_Sheet]) -> None:
        self.offset = np.asarray([s.offset for s in placed], dtype="int64")
        self.height = np.asarray([s.height for s in placed], dtype="int64")
        self.width = np.asarray([s.width for s in placed], dtype="int64")
        self.r0 = np.asarray([s.r0 for s in placed], dtype="int64")
        self.c0 = np.asarray([s.c0 for s in placed], dtype="int64")

    def flat(self, sheet: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        r, c = rows - 1 - self.r0[sheet], cols - 1 - self.c0[sheet]
        ok = (r >= 0) & (r < self.height[sheet]) & (c >= 0) & (c < self.width[sheet])
        return self.offset[sheet] + r * self.width[sheet] + c, ok


def _gathered(lists: list[list]) -> tuple[list, np.ndarray]:
    """Many per-sheet lists as one list and the sheet of each item."""
    sizes = [len(x) for x in lists]
    return list(chain.from_iterable(lists)), np.repeat(np.arange(len(lists), dtype="int64"), sizes)


def workbook_grids(path: str, sheets: list[SheetValues], styles, date1904: bool) -> list[Grid]:
    placed, offset = [], 0
    for values in sheets:
        placed.append(_Sheet(values, offset))
        offset += placed[-1].height * placed[-1].width
    layout = _Layout(placed)
    n = len(placed)
    scans = [s.values.scan for s in placed]
    chunks = [np.array(s.values.rows, dtype=object).ravel() for s in placed if s.height]
    flat = np.concatenate(chunks) if chunks else np.empty(0, dtype=object)
    sheet_of = np.repeat(np.arange(n, dtype="int64"), layout.height * layout.width)
    xf = np.full(offset, styles.general, dtype="int64")
    refs, ref_sheet = _gathered([s.styled_refs for s in scans])
    at, ok = layout.flat(ref_sheet, *split_refs(refs))
    xf[at[ok]] = np.fromiter(chain.from_iterable(s.styled_xfs for s in scans), dtype="int64", count=len(refs))[ok]
    errors = np.zeros(n, dtype="int64")
    for k, sheet in enumerate(placed):
        _stored_values(sheet, flat, errors, k)
        _check_formulas(path, sheet, flat)

    kinds = _TYPE(flat)
    is_num = np.equal(kinds, float) | np.equal(kinds, int)
    is_str = np.equal(kinds, str)
    filled = is_str & (flat != "")
    local_r, local_c = np.divmod(np.arange(offset) - layout.offset[sheet_of], np.maximum(layout.width, 1)[sheet_of])
    row_of, col_of = local_r + 1 + layout.r0[sheet_of], local_c + 1 + layout.c0[sheet_of]
    out = _Parts()
    _numbers(out, np.flatnonzero(is_num), flat, sheet_of, row_of, col_of, xf, styles, date1904)
    at = np.flatnonzero(filled)
    out.add_texts(sheet_of[at], row_of[at], col_of[at], flat[at].tolist())
    _others(out, np.flatnonzero(~(is_num | is_str)), flat, sheet_of, row_of, col_of)
    filled_by_sheet = np.bincount(sheet_of[filled], minlength=n)
    for k, sheet in enumerate(placed):
        if len(scans[k].strings) > filled_by_sheet[k] - errors[k]:
            _empty_strings(out, k, sheet, flat)

    sheet, rows, cols, text, number, decimals, percent = out.columns()
    merged = _merges(scans, sheet, rows, cols)
    keep = _uncovered(merged, sheet, rows, cols)
    if keep is not None:
        sheet, rows, cols, text, number, decimals, percent = (
            x[keep] for x in (sheet, rows, cols, text, number, decimals, percent)
        )
    hidden = np.asarray([s.values.entry.hidden for s in placed] or [False], dtype=bool)[sheet]
    hidden_rows, row_sheet = _gathered([s.hidden_rows for s in scans])
    if hidden_rows:
        hidden |= np.isin(sheet * _ROWS + rows, row_sheet * _ROWS + np.asarray(hidden_rows, dtype="int64"))
    for k, scan in enumerate(scans):
        for lo, hi in scan.hidden_cols:
            hidden |= (sheet == k) & (cols >= lo) & (cols <= hi)
    sizes = np.bincount(sheet, minlength=n).tolist()
    frames = split_cells_frame((rows, cols, text, number, decimals, percent, hidden), sizes)
    return [
        Grid(
            path=path,
            sheet=s.values.entry.name,
            cells=f,
            hidden_sheet=s.values.entry.hidden,
            merged=[m[1:] for m in merged if m[0] == k],
            kind="xlsx",
        )
        for k, (s, f) in enumerate(zip(placed, frames, strict=True))
    ]


_ROWS = 1 << 21  # more than the rows a sheet can have: (sheet, row) as one key


def _stored_values(sheet: _Sheet, flat: np.ndarray, errors: np.ndarray, k: int) -> None:
    """What calamine does not know: the serials of cells in date-like formats as stored (so
    that whether they are dates is decided here), error values (#DIV/0!), and shared strings
    whose leading space calamine trims."""
    scan = sheet.values.scan
    for ref, text in scan.texts.items():
        (i,), (inside,) = sheet.flat(*(np.asarray([v]) for v in split_ref(ref)))
        if inside and isinstance(flat[i], str):
            flat[i] = text
    for found, as_number in ((scan.raw, True), (scan.errors, False)):
        for ref, text in found.items():
            (i,), (inside,) = sheet.flat(*(np.asarray([v]) for v in split_ref(ref)))
            if not text or not inside:
                continue
            if not as_number:
                flat[i] = text
                errors[k] += 1
                continue
            try:
                flat[i] = float(text)
            except ValueError:
                continue


def _numbers(out: _Parts, at, flat, sheet_of, row_of, col_of, xf, styles, date1904: bool) -> None:
    if not len(at):
        return
    number = flat[at].astype("float64") + 0.0  # a stored -0 shows as 0
    style = xf[at]
    date = styles.date[style]
    if date.any():
        texts = [
            serial_text(v, date1904=date1904, duration=bool(d))
            for v, d in zip(number[date].tolist(), styles.duration[style[date]].tolist(), strict=True)
        ]
        d_at = at[date]
        out.add_marks(sheet_of[d_at], row_of[d_at], col_of[d_at], texts)
        at, number, style = at[~date], number[~date], style[~date]
    section = np.where(number < 0, 1, np.where(number == 0, 2, 0))
    decimals = styles.decimals[style, section]
    percent = styles.percent[style, section]
    own = decimals < 0
    if own.any():
        decimals[own] = decimals_of_floats(number[own])
        percent[own] = False
    number = np.where(percent, number * 100.0, number)
    out.add(sheet_of[at], row_of[at], col_of[at], _shown(number, decimals, percent), number, decimals, percent)


def _others(out: _Parts, at, flat, sheet_of, row_of, col_of) -> None:
    """Booleans (text "True"/"False"), dates and times calamine decoded (ISO text)."""
    texts, marks = [], []
    for i, value in zip(at.tolist(), flat[at].tolist(), strict=True):
        if isinstance(value, bool | dt.timedelta) or not isinstance(value, dt.date | dt.time):
            texts.append((i, str(value)))
        elif isinstance(value, dt.datetime | dt.time):
            marks.append((i, value.isoformat()))
        else:
            marks.append((i, dt.datetime.combine(value, dt.time()).isoformat()))
    for group, add in ((texts, out.add_texts), (marks, out.add_marks)):
        if group:
            where = np.asarray([i for i, _ in group], dtype="int64")
            add(sheet_of[where], row_of[where], col_of[where], [t for _, t in group])


def _shown(number: np.ndarray, decimals: np.ndarray, percent: np.ndarray) -> np.ndarray:
    """The text a number shows with its decimals ("1234.50", "97.6%"), one format per group."""
    shown = np.empty(len(number), dtype=object)
    key = decimals * 2 + percent
    for k in np.unique(key).tolist():
        at = key == k
        template = f"%.{k // 2}f" + ("%%" if k % 2 else "")
        shown[at] = [template % x for x in number[at].tolist()]
    return shown


def _check_formulas(path: str, sheet: _Sheet, flat: np.ndarray) -> None:
    """A formula whose result was never stored cannot be checked: the file is refused, naming
    the first such cell (row by row). A text result stored empty (``t="str"`` with an empty
    ``<v>``, what Excel writes for ``=IF(…,"",…)``) is a stored result: the empty text."""
    scan = sheet.values.scan
    if not scan.formulas:
        return
    rows, cols = _refs(scan.formulas)
    at, ok = sheet.flat(rows, cols)
    texts = set(scan.strings)
    missing = []
    for k, ref in enumerate(scan.formulas):
        if ref in texts:
            continue
        if ref not in scan.with_value or not ok[k] or (isinstance(v := flat[at[k]], str) and v == ""):
            missing.append((rows[k], cols[k], ref))
    if missing:
        raise InputError(
            path,
            "formula without a cached value (the workbook was never calculated: "
            "open and save it in a spreadsheet program)",
            place=f"{sheet.values.entry.name}!{min(missing)[2]}",
        )


def _empty_strings(out: _Parts, k: int, sheet: _Sheet, flat: np.ndarray) -> None:
    """String cells whose text is empty: calamine cannot tell them from empty cells."""
    rows, cols = _refs(sheet.values.scan.strings)
    at, ok = sheet.flat(rows, cols)
    empty = np.ones(len(rows), dtype=bool)
    empty[ok] = flat[at[ok]] == ""
    if empty.any():
        n = int(empty.sum())
        out.add_texts(np.full(n, k), rows[empty], cols[empty], [""] * n)


def _uncovered(merged: list[tuple], sheet: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray | None:
    """Cells a merge covers show nothing but its top-left cell: the others are dropped. The
    merges are bounded by the used range and do not overlap, so their cells are few."""
    if not merged:
        return None
    k, r1, c1, r2, c2 = (np.asarray(x, dtype="int64") for x in zip(*merged, strict=True))
    width = c2 - c1 + 1
    size = (r2 - r1 + 1) * width
    if int(size.sum()) > 4 * len(rows) + 100_000:  # large merges over a large used range: merge by merge
        covered = np.zeros(len(rows), dtype=bool)
        for m in merged:
            s, a, b, c, d = m
            covered |= (
                (sheet == s) & (rows >= a) & (rows <= c) & (cols >= b) & (cols <= d) & ((rows != a) | (cols != b))
            )
        return ~covered if covered.any() else None
    which = np.repeat(np.arange(len(size)), size)
    within = np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)
    dr, dc = np.divmod(within, width[which])
    inner = within > 0
    keys = (k[which] * _ROWS + r1[which] + dr) * _COLS + c1[which] + dc
    covered = np.isin((sheet * _ROWS + rows) * _COLS + cols, keys[inner])
    return ~covered if covered.any() else None


_COLS = 1 << 15  # more than the columns a sheet can have


def _merges(scans: list[SheetScan], sheet: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> list[tuple]:
    """Merged ranges as (sheet, r1, c1, r2, c2), bounded by each sheet's used range: a merge
    reaching past the last row or column with a value is cut there, one wholly outside it dropped."""
    refs, ref_sheet = _gathered([s.merges for s in scans])
    if not refs or not len(rows):
        return []
    ends = [ref.partition(":") for ref in refs]
    r, c = split_refs([a for a, _, _ in ends] + [b or a for a, _, b in ends])
    m = len(refs)
    r1, r2, c1, c2 = (
        np.minimum(r[:m], r[m:]),
        np.maximum(r[:m], r[m:]),
        np.minimum(c[:m], c[m:]),
        np.maximum(c[:m], c[m:]),
    )
    last_row = np.zeros(len(scans), dtype="int64")
    last_col = np.zeros(len(scans), dtype="int64")
    np.maximum.at(last_row, sheet, rows)
    np.maximum.at(last_col, sheet, cols)
    lr, lc = last_row[ref_sheet], last_col[ref_sheet]
    keep = (r1 >= 1) & (c1 >= 1) & (r1 <= lr) & (c1 <= lc)
    bounded = zip(ref_sheet[keep], r1[keep], c1[keep], np.minimum(r2, lr)[keep], np.minimum(c2, lc)[keep], strict=True)
    return [tuple(int(x) for x in m) for m in bounded]


__all__ = ["SheetValues", "workbook_grids"]
