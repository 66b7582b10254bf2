"""Per-file resource limits, each checked before the expensive step it guards.

A file over a limit is that file's one-line error (exit 2 at the end of the run), never a hang
or a run out of memory. The defaults are far above any published report; each can be changed
with ``--limits NAME=VALUE,...`` (or ``check(..., limits=...)``):

=============  ===============  ==========================================================
name           default          what it bounds
=============  ===============  ==========================================================
file_mb        256              the size of any input file on disk
part_mb        256              one part of an .xlsx/.docx zip, inflated (read from the
                                zip directory before anything is inflated)
zip_mb         1024             all parts of one zip together, inflated
cells          2,000,000        stored cells in one sheet
area           20,000,000       a sheet's used range, rows × columns
merged         20,000,000       cells covered by one sheet's merged ranges (openpyxl makes
                                an object for each; merges are also clipped to the used range)
pages          2,000            pages of a PDF
page_objects   200,000          characters, lines and rectangles on one PDF page
figures        10,000           number mentions in one text document
seconds        120              time to read one PDF (in a worker process)
memory_mb      4096             address space of that worker process
=============  ===============  ==========================================================

The xlsx checks (:func:`check_zip`, :func:`scan_sheet`, :func:`check_workbook`) work on the
zip and its XML only, so any reader can call them before it inflates a part.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import FincheckError, InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_mb: float = 256
    part_mb: float = 256
    zip_mb: float = 1024
    cells: int = 2_000_000
    area: int = 20_000_000
    merged: int = 20_000_000
    pages: int = 2_000
    page_objects: int = 200_000
    figures: int = 10_000
    seconds: float = 120
    memory_mb: float = 4096


DEFAULT = Limits()
_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar("fincheck_limits", default=DEFAULT)


class LimitError(InputError):
    """A file over one of the limits."""

    def __init__(self, path: str, what: str, name: str, place: str | None = None) -> None:
        value = getattr(current(), name)
        unit = " MB" if name.endswith("_mb") else " s" if name == "seconds" else ""
        super().__init__(
            path,
            "{what}, over the limit of {limit}{unit} (--limits {name}=…)",
            place,
            what=what,
            limit=f"{value:,g}",
            unit=unit,
            name=name,
        )


def parse_limits(text: str | None) -> Limits:
    """``"cells=5e5,seconds=30"`` → :class:`Limits` (unnamed limits keep their defaults)."""
    values: dict[str, float | int] = {}
    fields = {f.name: f.type for f in dataclasses.fields(Limits)}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        name, sep, raw = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in fields:
            raise FincheckError(
                "--limits {item}: expected NAME=VALUE with NAME one of {names}",
                item=item.strip(),
                names=", ".join(fields),
            )
        try:
            number = float(raw.strip().replace("_", ""))
        except ValueError:
            raise FincheckError(
                "--limits {item}: {raw} is not a number", item=item.strip(), raw=repr(raw.strip())
            ) from None
        if not number > 0:
            raise FincheckError("--limits {item}: must be above 0", item=item.strip())
        values[name] = int(number) if fields[name] in ("int", int) else number
    return dataclasses.replace(DEFAULT, **values)


def current() -> Limits:
    return _CURRENT.get()


@contextlib.contextmanager
def using(limits: Limits | str | None) -> Iterator[Limits]:
    """Run a block under ``limits`` (a :class:`Limits`, a ``--limits`` string, or None: the defaults)."""
    chosen = limits if isinstance(limits, Limits) else parse_limits(limits)
    token = _CURRENT.set(chosen)
    try:
        yield chosen
    finally:
        _CURRENT.reset(token)


def check_file_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError:  # missing or unreadable: the reader says which
        return
    if size > current().file_mb * MB:
        raise LimitError(str(path), f"the file is {size / MB:,.0f} MB", "file_mb")


def check_zip(zf: zipfile.ZipFile, path: str) -> None:
    """Each part's and the whole archive's inflated size, from the zip directory (nothing inflated).

    A part that inflates past its declared size fails its CRC in :mod:`zipfile`, so the
    declared sizes bound what is read.
    """
    lim = current()
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > lim.part_mb * MB:
            raise LimitError(path, f"the part {info.filename} inflates to {info.file_size / MB:,.0f} MB", "part_mb")
    if total > lim.zip_mb * MB:
        raise LimitError(path, f"the archive inflates to {total / MB:,.0f} MB", "zip_mb")


def check_figures(count: int, path: str) -> None:
    if count > current().figures:
        raise LimitError(path, f"{count:,} figures in the text", "figures")


@dataclass
class SheetScan:
    """What a streamed pass over one worksheet's XML found (1-based rows and columns)."""

    cells: int = 0
    max_row: int = 0
    max_col: int = 0
    merges: list[tuple[int, int, int, int]] = dataclasses.field(default_factory=list)

    @property
    def area(self) -> int:
        return self.max_row * self.max_col


def parse_ref(ref: str) -> tuple[int, int]:
    """ "XFD20000" → (20000, 16384); (0, 0) when it is not a cell reference."""
    col = 0
    i = 0
    while i < len(ref) and ref[i].isalpha():
        col = col * 26 + (ord(ref[i].upper()) - 64)
        i += 1
    digits = ref[i:].replace("$", "")
    return (int(digits), col) if digits.isdigit() and col else (0, 0)


def parse_range(ref: str) -> tuple[int, int, int, int] | None:
    first, _, last = ref.replace("$", "").partition(":")
    r1, c1 = parse_ref(first)
    r2, c2 = parse_ref(last or first)
    if not (r1 and c1 and r2 and c2):
        return None
    return (min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


def scan_sheet(fh: IO[bytes]) -> SheetScan:
    """Count cells, the used range and the merged ranges of a worksheet part, streaming (expat)."""
    from xml.etree import ElementTree as ET

    scan = SheetScan()
    row = 0
    col = 0
    for event, elem in ET.iterparse(fh, events=("start", "end")):
        tag = elem.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "row":
                r = elem.get("r")
                row = int(r) if r and r.isdigit() else row + 1
                col = 0
            elif tag == "c":
                r, c = parse_ref(elem.get("r", ""))
                if r:
                    row, col = r, c
                else:
                    col += 1
                scan.cells += 1
                scan.max_row = max(scan.max_row, row)
                scan.max_col = max(scan.max_col, col)
            elif tag == "mergeCell":
                rng = parse_range(elem.get("ref", ""))
                if rng is not None:
                    scan.merges.append(rng)
            continue
        if tag in ("c", "row", "mergeCell"):
            elem.clear()
    return scan


def check_sheet(scan: SheetScan, path: str, sheet: str) -> None:
    """Refuse a sheet whose cells, used range or merged ranges are over the limits."""
    lim = current()
    if scan.cells > lim.cells:
        raise LimitError(path, f"{scan.cells:,} cells", "cells", place=sheet)
    if scan.area > lim.area:
        raise LimitError(
            path, f"the used range A1:{_a1(scan.max_row, scan.max_col)} spans {scan.area:,} cells", "area", place=sheet
        )
    clipped = clip_merges(scan.merges, scan.max_row, scan.max_col)  # readers bound merges to the used range
    merged = sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in clipped)
    if merged > lim.merged:
        widest = max(clipped, key=lambda m: (m[2] - m[0] + 1) * (m[3] - m[1] + 1))
        raise LimitError(
            path,
            f"merged ranges cover {merged:,} cells (e.g. {_a1(widest[0], widest[1])}:{_a1(widest[2], widest[3])})",
            "merged",
            place=sheet,
        )


def clip_merges(merges: list[tuple[int, int, int, int]], max_row: int, max_col: int) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the used range; ranges wholly outside it are dropped."""
    out = []
    for r1, c1, r2, c2 in merges:
        if r1 <= max_row and c1 <= max_col:
            out.append((r1, c1, min(r2, max_row), min(c2, max_col)))
    return out


def _a1(row: int, col: int) -> str:
    from .grid import a1

    return a1(row, col)


def check_workbook(path: Path, parts: dict[str, str]) -> dict[str, SheetScan]:
    """All the xlsx checks for one workbook, before any reader loads it: the zip's inflated
    sizes, then each worksheet (``parts``: sheet name → part in the zip) streamed."""
    scans: dict[str, SheetScan] = {}
    with zipfile.ZipFile(path) as zf:
        check_zip(zf, str(path))
        names = set(zf.namelist())
        for sheet, part in parts.items():
            if part not in names:
                continue
            with zf.open(part) as fh:
                scan = scan_sheet(fh)
            check_sheet(scan, str(path), sheet)
            scans[sheet] = scan
    return scans
