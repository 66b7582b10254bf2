"""Sources: files in, grids (or text documents) out.

Each reader turns one file into a list of :class:`~fincheck.grid.Grid`. A new input format
adds a reader here; the rest of the pipeline does not change.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..grid import Grid

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
TEXT_SUFFIXES = {".txt", ".md", ".docx"}
CSV_SUFFIXES = {".csv"}
LEGACY_SUFFIXES = {".xls"}


def source_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return "xlsx"
    if suffix in LEGACY_SUFFIXES:
        return "xls"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == ".pdf":
        return "pdf"
    return "unknown"


def read_grids(path: Path) -> list[Grid]:
    """Read a tabular file into grids; raises :class:`InputError` for anything unreadable."""
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "a folder with no report files in it (.xlsx .xls .csv .txt .md .docx .pdf)")
    kind = source_kind(path)
    if kind == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path)
    if kind == "xls":
        from .calamine import read_calamine

        return read_calamine(path)
    if kind == "csv":
        from .csv import read_csv

        return read_csv(path)
    raise InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
