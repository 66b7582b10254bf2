"""Forms flattened into text: header words, then rows of figures on one line.

A published form (the 项目资金 block of a 绩效自评表 …) that a PDF or a web page printed as
running text keeps its header words and its rows, each a label followed by its figures::

    年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 …

The forms are data (rules/text/forms.yaml: each column's header words, the amount columns,
the row labels, the titles). :func:`find_forms` finds a run of a form's header words (three
columns or more, two of them amounts, separated by spaces or "(A)"-style marks only) and
reads the rows after it while each starts with one of the form's row labels. A row's figures
fill every column, or exactly the leading amount columns (the other cells of a part row are
blank in the template); a row printed with no figure is a row of blank cells. A row with any
other count cannot be aligned (a cell was lost, and which one is unknown), so the form is
not read and its figures stay in the prose. A form read becomes a grid — the title the text
gives before it (or the form's own), a unit found just before the header, the header, the
rows with the parts indented under the total — which the table recognisers read as they
read a workbook's, so the form's rules (PRF001 …) check it. Every cell is located in the
text's source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import yaml

from ..grid import make_cells, text_cell
from ..model import Grid, Location, Recognised
from ..model.grid import a1
from ..model.location import Locator, text_locator
from ..rulesdir import YAML_LOADER, builtin_rules_dir
from ..tables import recognise_grids
from .normalise import translate

#: how far before the header a title or a unit is looked for
TITLE_REACH = 400
UNIT_REACH = 24
MAX_ROWS = 40

_SEP = r"(?:\s|[（(]\s*[A-Za-z](?:\s*[/÷]\s*[A-Za-z])?\s*[)）])*"
_CELL = re.compile(r"\s*(?P<c>-?\d[\d,]*(?:\.\d+)?%?|[—/－-])(?=\s|$)")
_LEAD = re.compile(r"\s*(?:其中\s*[:：,，]?\s*)?")
_AFTER_LABEL = re.compile(r"\s*[:：]?")
_UNIT = re.compile(r"[（(]\s*(万元|元|亿元|千元)\s*[)）]|单位\s*[:：]\s*(万元|元|亿元|千元)")


@dataclass(frozen=True)
class Form:
    name: str
    title: str
    titles: tuple[str, ...]
    columns: tuple[tuple[str, tuple[str, ...]], ...]  # column → its header words
    amounts: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # row labels; the first row is the total
    examples: tuple[dict, ...]

    @property
    def header(self) -> re.Pattern:
        words = sorted((w for _c, ws in self.columns for w in ws), key=len, reverse=True)
        return re.compile("|".join(re.escape(w) for w in words))

    @property
    def labels(self) -> re.Pattern:
        words = sorted((w for ws in self.rows for w in ws), key=len, reverse=True)
        return re.compile("|".join(re.escape(w) for w in words))

    def column_of(self, word: str) -> str:
        return next(c for c, ws in self.columns if word in ws)


@dataclass
class Cell:
    text: str
    start: int
    end: int


@dataclass
class FoundForm:
    form: Form
    start: int  # the span of the header and the rows in the text
    end: int
    title: Cell | None
    unit: str
    header: list[Cell]  # the header words, one per column
    columns: list[str]
    rows: list[tuple[Cell, list[Cell]]]  # label and its cells, in column order


@cache
def _data() -> dict:
    path = builtin_rules_dir() / "text" / "forms.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}


def score_row_words() -> dict:
    """The words of a self-evaluation table printed run together: its total, header and frameworks."""
    return _data().get("score_rows") or {}


def balance_sheet_words() -> dict:
    """The words of a balance sheet flattened into "|" lines: header, row kinds, note cells."""
    return _data().get("balance_sheet") or {}


def control_table_words() -> dict:
    """The words of a spending-control table flattened into a stream: period columns, total, items."""
    return _data().get("control_table") or {}


def indicator_columns() -> dict:
    """The header words of an indicator table's 分值 and 得分 columns, and the words that end it."""
    return _data().get("indicator_columns") or {}


@cache
def forms() -> tuple[Form, ...]:
    data = _data().get("forms") or []
    return tuple(
        Form(
            e["name"],
            e["title"],
            tuple(e.get("titles") or ()),
            tuple((c, tuple(ws)) for c, ws in e["columns"].items()),
            tuple(e["amounts"]),
            tuple(tuple(r) for r in e["rows"]),
            tuple(e.get("examples") or ()),
        )
        for e in data
    )


def exhaustive_parts(total: str, parts: list[str]) -> bool:
    """Whether ``parts`` (labels as printed, "其中:" and all) are parts of a form whose total
    is ``total``: the form's own rows, so their sum is the total's."""
    for form in forms():
        if _row_of(form, total) != 0:
            continue
        found = [_row_of(form, p) for p in parts]
        if parts and all(r is not None and r > 0 for r in found) and len(set(found)) == len(found):
            return True
    return False


def _row_of(form: Form, label: str) -> int | None:
    name = re.sub(r"^\s*(?:其中\s*[:：,，]?\s*)?", "", translate(label)).strip().rstrip(":：")
    return next((i for i, ws in enumerate(form.rows) if name in ws), None)


def find_forms(text: str) -> list[FoundForm]:
    """The flattened forms of ``text`` that can be read (offsets are ``text``'s)."""
    chars = translate(text)
    out: list[FoundForm] = []
    for form in forms():
        pos = 0
        while True:
            found = _next_form(form, chars, pos)
            if found is None:
                break
            form_read, pos = found
            if form_read is not None:
                out.append(form_read)
    return sorted(out, key=lambda f: f.start)


def _header_runs(form: Form, chars: str, start: int):
    """Runs of header words separated by spaces or (A)-marks only: [(word, start, end)]."""
    sep = re.compile(_SEP)
    run: list[tuple[str, int, int]] = []
    for m in form.header.finditer(chars, start):
        if run and sep.fullmatch(chars, run[-1][2], m.start()) is None:
            yield run
            run = []
        run.append((m.group(), m.start(), m.end()))
    if run:
        yield run


def _next_form(form: Form, chars: str, start: int) -> tuple[FoundForm | None, int] | None:
    for run in _header_runs(form, chars, start):
        columns = [form.column_of(w) for w, _a, _b in run]
        if len(columns) < 3 or len(set(columns)) != len(columns):
            continue
        if sum(c in form.amounts for c in columns) < 2:
            continue
        end = re.compile(_SEP).match(chars, run[-1][2]).end()
        rows, stop = _rows(form, chars, end)
        if not rows:
            continue
        header = [Cell(w, a, b) for w, a, b in run]
        return _aligned(form, chars, header, columns, rows, stop), stop
    return None


def _rows(form: Form, chars: str, pos: int) -> tuple[list[tuple[Cell, list[Cell]]], int]:
    """The rows after the header: each a row label of the form and the figures after it."""
    rows: list[tuple[Cell, list[Cell]]] = []
    end = pos
    while len(rows) < MAX_ROWS:
        lead = _LEAD.match(chars, pos)
        m = form.labels.match(chars, lead.end())
        if m is None:
            break
        if not rows and m.group() not in form.rows[0]:
            return [], pos  # the rows start with the total
        a = lead.start() + len(lead.group()) - len(lead.group().lstrip())
        label = Cell(chars[a : m.end()], a, m.end())  # "其中:" kept: the layout reads it
        p = _AFTER_LABEL.match(chars, m.end()).end()
        cells: list[Cell] = []
        while (c := _CELL.match(chars, p)) is not None:
            cells.append(Cell(c.group("c"), c.start("c"), c.end("c")))
            p = c.end()
        rows.append((label, cells))
        pos = end = p
    return (rows if len(rows) >= 2 else []), end


def _aligned(form, chars, header, columns, rows, stop) -> FoundForm | None:
    width = len(columns)
    lead = 0
    while lead < width and columns[lead] in form.amounts:
        lead += 1
    for _label, cells in rows:
        if len(cells) not in (0, width) and not (lead >= 2 and len(cells) == lead):
            return None
    if not any(len(cells) for _l, cells in rows):
        return None
    a = header[0].start
    title = None
    for t in sorted(form.titles, key=len, reverse=True):
        i = chars.rfind(t, max(0, a - TITLE_REACH), a)
        if i >= 0:
            title = Cell(t, i, i + len(t))
            break
    unit = ""
    for m in _UNIT.finditer(chars, max(0, a - UNIT_REACH), a):
        unit = m.group(1) or m.group(2)
    return FoundForm(form, a, stop, title, unit, header, columns, rows)


def form_grid(found: FoundForm, name: str, sheet: str, locate: Locator, original: str) -> Grid:
    """The form as a grid: title, unit, header, the rows (parts indented under the total)."""
    breaks = [i for i, ch in enumerate(original) if ch == "\n"]

    def where(c: Cell) -> Location:
        return locate(bisect_right(breaks, c.start - 1) + 1, c.start, c.end, original[c.start : c.end])

    records, at = [], {}
    title = found.title or Cell(found.form.title, found.start, found.start)
    records.append(text_cell(1, 1, title.text))
    at[(1, 1)] = where(title)
    r = 1
    if found.unit:
        r += 1
        records.append(text_cell(r, 1, f"单位：{found.unit}"))
        at[(r, 1)] = where(Cell("", found.start, found.start))
    r += 1
    records.append(text_cell(r, 1, "项目"))
    at[(r, 1)] = where(found.header[0])
    for c, (col, cell) in enumerate(zip(found.columns, found.header, strict=True), start=2):
        records.append(text_cell(r, c, col))
        at[(r, c)] = where(cell)
    for i, (label, cells) in enumerate(found.rows):
        r += 1
        records.append(text_cell(r, 1, label.text if i == 0 else f"  {label.text}"))
        at[(r, 1)] = where(label)
        for c, cell in enumerate(cells, start=2):
            records.append(text_cell(r, c, cell.text))
            at[(r, c)] = where(cell)

    def cell_location(row: int, col: int) -> Location:
        return at.get((row, col)) or Location.cell_of(sheet, a1(row, col))

    return Grid(path=name, sheet=sheet, cells=make_cells(records), kind="text", locate=cell_location)


def read_forms(
    text: str, name: str, locate: Locator = text_locator, first: int = 1
) -> tuple[list[Recognised], list[tuple[int, int]]]:
    """The recognised tables of the flattened forms of ``text`` and the spans to blank."""
    found = find_forms(text)
    if not found:
        return [], []
    grids = [form_grid(f, name, f"表{first + i}", locate, text) for i, f in enumerate(found)]
    out, spans = [], []
    for f, (_grid, recognised) in zip(found, recognise_grids(grids), strict=True):
        if not recognised:
            continue
        spans.append((f.start, f.end))
        out.extend(recognised)
    return out, spans
