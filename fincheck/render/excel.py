"""Writing xlsx outputs safely: text is always stored as text (never as a formula), and
``Report.to_excel`` (checks, findings and facts sheets)."""

from __future__ import annotations

import json
import math
from pathlib import Path

from openpyxl.styles import Font

from ..model.location import format_location, place_of
from ..schemas import CHECK_COLUMNS
from .tabular import FORMULA_START, jsonable

HEADER_FONT = Font(bold=True)


def put(ws, row: int, col: int, value):
    """Write one cell: numbers as numbers, anything else as literal text.

    openpyxl stores a string starting with ``=`` as a formula; here every string is forced
    to a text cell, and one that looks like a formula also gets Excel's quote prefix so that
    editing it later does not turn it into one.
    """
    if isinstance(value, bool) or value is None:
        value = "" if value is None else str(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        value = ""
    if isinstance(value, dict | list | tuple):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return ws.cell(row=row, column=col, value=value)
    cell = ws.cell(row=row, column=col)
    cell.value = str(value)
    cell.data_type = "s"
    if str(value).startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def write_rows(ws, header: list[str], rows) -> None:
    for j, name in enumerate(header, start=1):
        put(ws, 1, j, name).font = HEADER_FONT
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row, start=1):
            put(ws, i, j, value)
    ws.freeze_panes = "A2"


def _plain(value):
    return jsonable(value)


def to_excel(report, path, lang: str | None = None) -> Path:
    """``checks``, ``findings`` and ``facts`` sheets; locations as ``sheet!cell`` text; sheet
    names, headers and the renderer's words in the report language."""
    from openpyxl import Workbook

    from .labels import SHEETS, cell_text, headers, lang_of, rule_titles

    L = lang_of(report, lang)
    titles = rule_titles(report, L)

    def check_rows(frame):
        for rec in frame[CHECK_COLUMNS].itertuples(index=False):
            d = rec._asdict()
            d["name"] = titles.get(d["name"], d["name"])
            d["location"] = place_of(d["location"], d["related"], L)
            d["related"] = "; ".join(format_location(x, L) for x in (d["related"] or []))
            yield [cell_text(c, _plain(d[c]), L) for c in CHECK_COLUMNS]

    def fact_rows(frame, columns):
        locs = [format_location(x, L) for x in frame["location"]] if "location" in frame else None
        for i, row in enumerate(frame[columns].itertuples(index=False, name=None)):
            values = dict(zip(columns, row, strict=True))
            if locs is not None and "loc" in values:
                values["loc"] = locs[i]
            yield [cell_text(c, _plain(values[c]), L) for c in columns]

    wb = Workbook()
    ws = wb.active
    ws.title = SHEETS["checks"][L]
    write_rows(ws, headers(CHECK_COLUMNS, L), check_rows(report.checks))
    write_rows(wb.create_sheet(SHEETS["findings"][L]), headers(CHECK_COLUMNS, L), check_rows(report.findings))
    facts = report.facts
    columns = [c for c in facts.columns if c != "location"]
    write_rows(wb.create_sheet(SHEETS["facts"][L]), headers(columns, L), fact_rows(facts, columns))
    path = Path(path)
    wb.save(path)
    return path
