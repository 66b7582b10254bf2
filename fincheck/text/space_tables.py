"""Tables whose cells are separated by spaces, one row a line: a line of header words over
two or more lines of a label and figures.

A header line holds three or more words and no figure, two of the words a table's column
words (rules/text/phrasing.yaml ``column_header``: 预算数, 执行率, 得分 …, contained in the
header as printed: 年初预算数). Each row after it is a label (words, at least one Chinese
character) then two or more figures or empty marks ("—") and nothing else; every row has the
same number of cells, one per header word (the first header word may name the label
column). A row with another count lost a cell, and which one is unknown: the table ends
before it. The lines of such a table are table lines, which the normaliser does not join
into one sentence (fincheck/text/normalise.py); fincheck/text/tables.py reads them as it reads
a "|" table.
"""

from __future__ import annotations

import re

from ..numbers import is_empty_mark, parse_printed
from . import phrasing

MAX_ROWS = 300
MAX_HEADER_WORD = 16

_TOKEN = re.compile(r"\S+")
_CJK = re.compile(r"[\u4e00-\u9fff]")

#: a token (text, start, end) and a line of them
Token = tuple[str, int, int]


def _is_value(tok: str) -> bool:
    return is_empty_mark(tok) or parse_printed(tok) is not None


def _row(line: str, at: int) -> list[Token] | None:
    """The label (one token, spaces kept) and the cells of a row; None for any other line."""
    toks = list(_TOKEN.finditer(line))
    n_values = 0
    for k, t in enumerate(toks):
        if _is_value(t.group()):
            if k == 0:
                return None  # no label before the figures
            n_values += 1
        elif n_values:
            return None  # a word after the figures: prose, not a row
    figures = [t for t in toks[len(toks) - n_values :] if parse_printed(t.group()) is not None]
    if n_values < 2 or not figures:
        return None
    first, last = toks[0], toks[len(toks) - n_values - 1]
    label = line[first.start() : last.end()]
    if not _CJK.search(label):
        return None
    cells = [(t.group(), at + t.start(), at + t.end()) for t in toks[len(toks) - n_values :]]
    return [(label, at + first.start(), at + last.end()), *cells]


def _header(line: str, at: int) -> list[Token] | None:
    toks = list(_TOKEN.finditer(line))
    if len(toks) < 3 or any(len(t.group()) > MAX_HEADER_WORD or _is_value(t.group()) for t in toks):
        return None
    words = phrasing.finder("column_header")
    if sum(1 for t in toks if words.search(t.group())) < 2:
        return None
    return [(t.group(), at + t.start(), at + t.end()) for t in toks]


def _lines(text: str) -> list[tuple[str, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((line, pos))
        pos += len(line) + 1
    return out


def find_blocks(lines: list[tuple[str, int]]) -> list[tuple[int, list[list[Token]]]]:
    """Each table: the index of its header line and its lines of tokens (the header first)."""
    out: list[tuple[int, list[list[Token]]]] = []
    i = 0
    while i < len(lines):
        line, at = lines[i]
        head = None if "|" in line else _header(line, at)
        if head is None:
            i += 1
            continue
        rows: list[list[Token]] = []
        j = i + 1
        while j < len(lines) and len(rows) < MAX_ROWS and "|" not in lines[j][0]:
            row = _row(*lines[j])
            if row is None or (rows and len(row) != len(rows[0])):
                break
            rows.append(row)
            j += 1
        if len(rows) >= 2 and len(head) in (len(rows[0]) - 1, len(rows[0])):
            out.append((i, [head, *rows]))
        i = max(j, i + 1)
    return out


def space_blocks(text: str) -> list[list[list[Token]]]:
    """The tables of ``text``, each a list of lines of tokens with their offsets."""
    return [b for _i, b in find_blocks(_lines(text))]


def table_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that belong to a space-separated table."""
    out: set[int] = set()
    at = [(line, 0) for line in lines]
    for i, block in find_blocks(at):
        out.update(range(i, i + len(block)))
    return out
