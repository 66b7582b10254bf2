"""Where a figure was read: one :class:`Location` type for every input format.

Frames keep locations as plain dicts (the JSON contract's ``location``); this type is the one
place that builds them, formats them (:meth:`Location.short` for the facts' ``loc`` column,
:meth:`Location.text` for text output) and orders them (:meth:`Location.sort_key`).

The shapes, by format:

==========================  ==========================================
workbook, CSV                ``{sheet, cell}``
PDF table cell               ``{page, table, row, column}``
PDF line (page grid, prose)  ``{page, line}`` / ``{page, line, start, end, quote}``
Word table cell              ``{table, row, column}``
Word paragraph               ``{paragraph, start, end, quote}``
text (.txt, .md, string)     ``{line, column, start, end, quote}``
a rule file                  ``{rule}``
==========================  ==========================================
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any

#: the dict keys, in the order every shape writes them
_KEYS = ("page", "sheet", "cell", "table", "row", "paragraph", "line", "column", "start", "end", "quote", "rule")


#: the words of the formats, by language (the same places in both; cells are ``sheet!A1`` in both).
#: A PDF or Word table is said by its order (``第13页第1张表``, ``page 13, 1st table``: the first
#: table found on page 13), never as ``表1``, which is how a report numbers its own tables. The
#: English short forms (``p13 t1 r2c3``, ``table 1 r2c3``) are the facts' ``loc`` and stay as
#: they are (:func:`short_in` reads them back).
_WORDS = {
    "en": {
        "line": "line {n}",
        "paragraph": "paragraph {n}",
        "char": " col {c}",
        "page_line": "page {p} line {n}",
        "page_table": "page {p}, {o} table, r{r}c{c}",
        "page_table_short": "p{p} t{t} r{r}c{c}",
        "page_line_short": "p{p} line {n}",
        "word_cell": "{o} table, r{r}c{c}",
        "word_cell_short": "table {t} r{r}c{c}",
        "chars": " col {a}–{b}",
        "lines": "lines {a}–{b}",
        "paragraphs": "paragraphs {a}–{b}",
        "page_lines": "page {p} lines {a}–{b}",
        "page_table_rows": "page {p}, {o} table, r{a}–{b}c{c}",
        "word_rows": "{o} table, r{a}–{b}c{c}",
    },
    "zh": {
        "line": "第{n}行",
        "paragraph": "第{n}段",
        "char": "第{c}字",
        "page_line": "第{p}页第{n}行",
        "page_table": "第{p}页第{t}张表 第{r}行第{c}列",
        "page_table_short": "第{p}页第{t}张表第{r}行第{c}列",
        "page_line_short": "第{p}页第{n}行",
        "word_cell": "第{t}张表 第{r}行第{c}列",
        "word_cell_short": "第{t}张表第{r}行第{c}列",
        "chars": "第{a}–{b}字",
        "lines": "第{a}–{b}行",
        "paragraphs": "第{a}–{b}段",
        "page_lines": "第{p}页第{a}–{b}行",
        "page_table_rows": "第{p}页第{t}张表 第{a}–{b}行第{c}列",
        "word_rows": "第{t}张表 第{a}–{b}行第{c}列",
    },
}


def ordinal(n: Any) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``22nd`` (a table's order on its page)."""
    try:
        k = int(n)
    except (TypeError, ValueError):
        return str(n)
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


@dataclass(frozen=True)
class Location:
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None
    table: int | str | None = None
    row: int | None = None
    column: int | None = None
    paragraph: int | None = None
    line: int | None = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    rule: str | None = None

    # constructors, one per shape -----------------------------------------------------------

    @classmethod
    def cell_of(cls, sheet: str, cell: str) -> Location:
        return cls(sheet=sheet, cell=cell)

    @classmethod
    def pdf_cell(cls, page: int, table: int, row: int, column: int) -> Location:
        return cls(page=page, table=table, row=row, column=column)

    @classmethod
    def pdf_line(cls, page: int, line: int) -> Location:
        return cls(page=page, line=line)

    @classmethod
    def word_cell(cls, table: int, row: int, column: int) -> Location:
        return cls(table=table, row=row, column=column)

    @classmethod
    def span(cls, line: int, start: int, end: int, quote: str) -> Location:
        return cls(line=line, start=start, end=end, quote=quote)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    # the dict of the JSON contract -------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k in _KEYS if (v := getattr(self, k)) is not None}

    # formats ----------------------------------------------------------------------------------

    def short(self, lang: str = "en") -> str:
        """The facts' ``loc`` column: ``Sheet!C5``, ``line 3``, ``p8 t1 r2c3``, ``table 1 r2c3``
        (in Chinese ``第3行``, ``第8页第1张表第2行第3列``, ``第1张表第2行第3列``): the form a message
        names a place in."""
        w = _WORDS[lang if lang in _WORDS else "en"]
        if self.cell is not None:
            return f"{self.sheet or ''}!{self.cell}"
        if self.page is not None:
            if self.table is not None:
                return w["page_table_short"].format(
                    p=self.page, t=self.table, o=ordinal(self.table), r=self.row, c=self.column
                )
            return w["page_line_short"].format(p=self.page, n=self.line)
        if self.table is not None and self.row is not None:
            return w["word_cell_short"].format(t=self.table, o=ordinal(self.table), r=self.row, c=self.column)
        if self.paragraph is not None:
            return w["paragraph"].format(n=self.paragraph)
        if self.line is not None:
            return w["line"].format(n=self.line)
        return self.rule or ""

    def text(self, lang: str = "en") -> str:
        """The form used in text output: ``sheet!cell``, ``line N col C``, ``paragraph N col C``,
        ``page N …`` (``第N行第C字``, ``第N段第C字``, ``第N页 …`` in Chinese): a span of text by its
        line (or paragraph) and the character it starts at, as an auditor finds it; the offsets
        stay in the location (``start``, ``end``) for scripts."""
        w = _WORDS[lang if lang in _WORDS else "en"]
        column = self.char_column()
        char = w["char"].format(c=column) if column is not None else ""
        if self.cell is not None:
            return f"{self.sheet or ''}!{self.cell}"
        if self.table is not None and self.row is not None and self.page is None:
            return w["word_cell"].format(t=self.table, o=ordinal(self.table), r=self.row, c=self.column)
        if self.paragraph is not None:
            return w["paragraph"].format(n=self.paragraph) + char
        if self.page is not None and self.line is not None:
            return w["page_line"].format(p=self.page, n=self.line)
        if self.page is not None:
            return w["page_table"].format(p=self.page, t=self.table, o=ordinal(self.table), r=self.row, c=self.column)
        if self.line is not None:
            return w["line"].format(n=self.line) + char
        return self.rule or ""

    def sort_key(self) -> tuple:
        """Reading order within a source, the same for every shape: a rule file first; then a
        sheet's cells by row and column; a PDF by page, then its lines (by line and column) before
        its tables (by table, row, column); Word tables by table, row, column; paragraphs and lines
        of text by number and column. Always ``(str, int, int, int, int, int)``."""
        if self.cell is not None:
            cell = str(self.cell)
            letters = "".join(ch for ch in cell if ch.isalpha()).upper()
            digits = "".join(ch for ch in cell if ch.isdigit()) or "0"
            column = 0
            for ch in letters:
                column = column * 26 + ord(ch) - 64
            return (str(self.sheet or ""), 1, int(digits), column, 0, 0)
        if self.page is not None:
            if self.table is not None:
                return ("", 2, int(self.page), _num(self.table) + 1, int(self.row or 0), int(self.column or 0))
            return ("", 2, int(self.page), 0, int(self.line or 0), self.char_column() or 0)
        if self.table is not None and self.row is not None:
            return ("", 3, _num(self.table), int(self.row or 0), int(self.column or 0), 0)
        if self.paragraph is not None:
            return ("", 4, int(self.paragraph), self.char_column() or 0, 0, 0)
        if self.line is not None:
            return ("", 4, int(self.line), self.char_column() or int(self.start or 0), 0, 0)
        return ("", 0, 0, 0, 0, 0)

    def char_column(self) -> int | None:
        """The character a span starts at on its line or paragraph, from 1 (None: not a span).
        Plain text keeps ``start`` in the whole text and says the column itself; a paragraph's
        and a PDF line's ``start`` are already on that paragraph or line."""
        if self.start is None or self.cell is not None or self.row is not None:
            return None
        if self.column is not None:
            return int(self.column)
        if self.paragraph is not None or self.page is not None:
            return int(self.start) + 1
        return None


def _num(value: Any) -> int:
    """A table number (Word and PDF tables are numbered; anything else sorts first)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


#: the English short forms read back (:func:`short_in`), most specific first
_SHORT_FORMS = (
    (re.compile(r"p(\d+) t(\d+) r(\d+)c(\d+)"), ("page", "table", "row", "column")),
    (re.compile(r"p(\d+) line (\d+)"), ("page", "line")),
    (re.compile(r"table (\d+) r(\d+)c(\d+)"), ("table", "row", "column")),
    (re.compile(r"paragraph (\d+)"), ("paragraph",)),
    (re.compile(r"line (\d+)"), ("line",)),
)


def short_in(text: str, lang: str) -> str:
    """A place in the English short form (the facts' ``loc``: ``p17 t1 r6c4``) said in ``lang``
    (``第17页第1张表第6行第4列``); any other text (a cell ``Sheet!C5``, a column name) as it is."""
    if lang == "en" or not isinstance(text, str):
        return text
    for pattern, keys in _SHORT_FORMS:
        if m := pattern.fullmatch(text):
            return Location(**dict(zip(keys, map(int, m.groups()), strict=True))).short(lang)
    return text


def format_location(loc: Any, lang: str = "en") -> str:
    """A location dict in the short form of text output, in ``lang`` (see :meth:`Location.text`)."""
    if not isinstance(loc, dict) or not loc:
        return ""
    return Location.from_dict(loc).text(lang) or json.dumps(loc, ensure_ascii=False)


def on_operands(loc: Any, related: Any) -> list[dict]:
    """The operands of a finding placed at one of its own operands (a sum of shares against a
    100% the total does not print sits at its first share), in reading order; [] for any other."""
    operands = [r for r in related if isinstance(r, dict) and r] if isinstance(related, list) else []
    if len(operands) < 2 or not isinstance(loc, dict) or loc not in operands:
        return []
    return sorted(operands, key=location_key)


def place_of(loc: Any, related: Any, lang: str = "en") -> str:
    """Where a finding is, said in ``lang``: :func:`format_location`, except for a finding placed
    at one of its own operands (:func:`on_operands`): the span of its operands when they are in
    one column, line or list (``资产!C5:C9``, ``第21页第26–28行``, ``line 1 col 12–47``), else the
    operand's place."""
    operands = on_operands(loc, related)
    if not operands:
        return format_location(loc, lang)
    return span_text([Location.from_dict(r) for r in operands], lang) or format_location(loc, lang)


def span_text(places: Sequence[Location], lang: str = "en") -> str:
    """Places of one column, line, paragraph or page as one span (first to last in reading
    order); "" when they are not of one such run."""
    w = _WORDS[lang if lang in _WORDS else "en"]
    places = sorted(places, key=Location.sort_key)
    first, last = places[0], places[-1]

    def same(*keys: str) -> bool:
        return all(len({getattr(p, k) for p in places}) == 1 for k in keys)

    def kinds(*keys: str) -> bool:  # every place has exactly these parts (of the ones that say a shape)
        shape = ("page", "sheet", "cell", "table", "row", "paragraph", "line")
        return all({k for k in shape if getattr(p, k) is not None} == set(keys) for p in places)

    if kinds("sheet", "cell"):
        letters = {"".join(ch for ch in str(p.cell) if ch.isalpha()) for p in places}
        numbers = {"".join(ch for ch in str(p.cell) if ch.isdigit()) for p in places}
        if same("sheet") and (len(letters) == 1 or len(numbers) == 1):
            return f"{first.sheet or ''}!{first.cell}:{last.cell}"
        return ""
    if kinds("page", "table", "row") and same("page", "table", "column"):
        return w["page_table_rows"].format(
            p=first.page, t=first.table, o=ordinal(first.table), a=first.row, b=last.row, c=first.column
        )
    if kinds("table", "row") and same("table", "column"):
        return w["word_rows"].format(t=first.table, o=ordinal(first.table), a=first.row, b=last.row, c=first.column)
    if kinds("page", "line") and same("page"):
        if same("line"):
            return w["page_line"].format(p=first.page, n=first.line)
        return w["page_lines"].format(p=first.page, a=first.line, b=last.line)
    for key, one, many in (("paragraph", "paragraph", "paragraphs"), ("line", "line", "lines")):
        if kinds(key):
            if not same(key):
                return w[many].format(a=getattr(first, key), b=getattr(last, key))
            a, b = first.char_column(), last.char_column()
            if a is None or b is None:
                return w[one].format(n=getattr(first, key))
            b += max(int(last.end or 0) - int(last.start or 0), 1) - 1  # to the last operand's last character
            return w[one].format(n=getattr(first, key)) + w["chars"].format(a=a, b=b)
    return ""


def location_key(loc: Any) -> tuple:
    """Sort key of a location dict (anything else sorts first)."""
    if not isinstance(loc, dict):
        return ("", 0, 0)
    return Location.from_dict(loc).sort_key()


def as_location(loc: Location | dict[str, Any]) -> Location:
    return loc if isinstance(loc, Location) else Location.from_dict(loc)


#: maps a span of a text, (line, start, end, quote) with offsets in the whole text, to its location
Locator = Callable[[int, int, int, str], Location]


def text_locator(line: int, start: int, end: int, quote: str) -> Location:
    """Plain text: the span as it is."""
    return Location.span(line, start, end, quote)


def _line_starts(lines: Sequence[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    return starts


def line_locator(lines: Sequence[str]) -> Locator:
    """Plain text (a .txt or .md file, a string): the span as it is (offsets in the whole text)
    and the character of its line it starts at, from 1 (``column``)."""
    starts = _line_starts(lines)

    def locate(line: int, start: int, end: int, quote: str) -> Location:
        if not 1 <= line <= len(lines):
            return Location.span(line, start, end, quote)
        return Location(line=line, column=start - starts[line - 1] + 1, start=start, end=end, quote=quote)

    return locate


def paragraph_locator(lines: Sequence[str]) -> Locator:
    """Word prose: line N of the joined text is paragraph N; offsets become paragraph offsets."""
    starts = _line_starts(lines)

    def locate(line: int, start: int, end: int, quote: str) -> Location:
        base = starts[line - 1] if 0 < line <= len(starts) else 0
        return Location(paragraph=line, start=start - base, end=end - base, quote=quote)

    return locate


def page_locator(lines: Sequence[str], pages: Sequence[tuple[int, int]]) -> Locator:
    """PDF prose: line N of the joined text is (page, line on that page) = ``pages[N - 1]``."""
    starts = _line_starts(lines)

    def locate(line: int, start: int, end: int, quote: str) -> Location:
        if not 1 <= line <= len(pages):
            return Location.span(line, start, end, quote)
        page, page_line = pages[line - 1]
        base = starts[line - 1]
        return Location(page=page, line=page_line, start=start - base, end=end - base, quote=quote)

    return locate
