"""Sources: files in, :class:`~fincheck.model.Document` out.

Each reader turns one file into grids (whose cells know their locations) and prose (with its
line → location mapper). A new input format adds a reader here and a branch in
:func:`read_document`; the rest of the pipeline does not change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:  # the model imports pandas: a PDF worker imports this package without it
    from ..model import Document, Grid

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
        raise InputError(str(path), "a folder with no report files in it (.xlsx .xlsm .xls .csv .txt .md .docx .pdf)")
    kind = source_kind(path)
    # each reader is imported when its format is read: openpyxl, python-calamine, pdfplumber and
    # python-docx are slow to import and only their own inputs need them
    if kind == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path)
    if kind == "xls":
        from ..budget import run_bounded
        from .calamine import read_calamine

        # native code: a damaged .xls can make calamine allocate without bound or abort
        return run_bounded(read_calamine, path)
    if kind == "csv":
        from .csv import read_csv

        return read_csv(path)
    if not path.suffix:
        raise InputError(str(path), "unsupported file type '(none)'")
    raise InputError(str(path), "unsupported file type {suffix}", suffix=repr(path.suffix))


def read_document(path: Path, on_grid: Callable[[Grid], None] | None = None) -> Document:
    """Read any supported file; raises :class:`InputError` for anything unreadable. A source
    whose grids arrive one after the other (a PDF's pages) gives each to ``on_grid`` as it comes."""
    kind = source_kind(path)
    if kind == "text" and path.suffix.lower() == ".docx":
        if not path.exists():
            raise InputError(str(path), "no such file")
        from .docx import read_docx  # python-docx is imported only for Word input

        return read_docx(path)
    if kind == "text":
        from .textfile import read_text

        return read_text(path)
    if kind == "pdf":
        if not path.exists():
            raise InputError(str(path), "no such file")
        try:  # pdfplumber is imported only for PDF input
            from .pdf import read_pdf
        except ImportError:
            raise InputError(str(path), "PDF input is not supported yet: export the tables to .xlsx") from None
        return read_pdf(path, on_grid)
    from ..model import Document

    return Document(str(path), kind, read_grids(path))
