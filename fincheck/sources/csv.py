"""Read .csv files (UTF-8, UTF-8 with BOM, GBK/GB18030) into one grid named after the file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import InputError
from ..grid import make_cells, text_cell
from ..model import Grid
from ..textio import decode_bytes


def read_csv(path: Path) -> list[Grid]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(str(path), "binary data, not a CSV text file")
    text = decode_bytes(data, str(path))
    records = []
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            for c, value in enumerate(row, start=1):
                if value.strip():
                    records.append(text_cell(r, c, value))
    except csv.Error as exc:
        raise InputError(str(path), f"malformed CSV: {exc}") from None
    return [Grid(path=str(path), sheet=path.name, cells=make_cells(records), kind="csv")]
