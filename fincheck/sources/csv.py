"""Read .csv files (UTF-8, UTF-8 with BOM, GBK/GB18030) into one grid named after the file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import InputError
from ..grid import make_cells, text_cell
from ..model import Grid
from ..outputs import printable_path
from ..textio import decode_bytes, decode_utf16


def read_csv(path: Path) -> list[Grid]:
    data = path.read_bytes()
    text = decode_utf16(data, str(path))
    if text is None:
        if b"\x00" in data[:4096]:
            raise InputError(str(path), "binary data, not a CSV text file")
        text = decode_bytes(data, str(path))
    if not text.lstrip("\ufeff").strip():
        raise InputError(str(path), "empty CSV file: no cells to check")
    records = []
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):  # \r, \n or \r\n
            for c, value in enumerate(row, start=1):
                if value.strip():
                    records.append(text_cell(r, c, value))
    except csv.Error as exc:
        raise InputError(str(path), "malformed CSV: {detail}", detail=str(exc)) from None
    if not records:
        raise InputError(str(path), "empty CSV file: no cells to check")
    return [Grid(path=str(path), sheet=printable_path(path.name), cells=make_cells(records), kind="csv")]
