"""The indentation of a PDF table's labels (fincheck.sources.pdf.label_indents): the cells are
tested against the characters all at once; the result is the one of testing cell by cell."""

from __future__ import annotations

import random

import numpy as np
import pytest

from fincheck.sources import pdf
from fincheck.sources.pdf_pages import TableData


def _one_cell_at_a_time(table: TableData) -> dict[tuple[int, int], int]:
    """The definition, cell by cell: the characters whose centre is in the cell, their left and
    right margins, the median of their sizes as the character's width."""
    if not table.chars:
        return {}
    x0, x1, top_, bottom_, size = (np.array(col, dtype=float) for col in zip(*table.chars, strict=True))
    cx, cy = (x0 + x1) / 2, (top_ + bottom_) / 2
    lefts = {}
    for r, cells in enumerate(table.cells, start=1):
        for c, bbox in enumerate(cells, start=1):
            if bbox is None:
                continue
            bx0, top, bx1, bottom = bbox
            inside = (cx >= bx0) & (cx <= bx1) & (cy >= top) & (cy <= bottom)
            if not inside.any():
                continue
            left, right, em = x0[inside].min() - bx0, bx1 - x1[inside].max(), float(np.median(size[inside]))
            if left + em < right:
                lefts[(r, c)] = (left, em)
    out = {}
    for col in {c for _r, c in lefts}:
        column = {key: v for key, v in lefts.items() if key[1] == col}
        base = min(left for left, _em in column.values())
        for key, (left, em) in column.items():
            out[key] = round(2 * (left - base) / em) if em > 0 else 0
    return out


def _invented_table(rnd: random.Random) -> TableData:
    rows, cols = rnd.randint(1, 8), rnd.randint(1, 5)
    cells = [
        [None if rnd.random() < 0.1 else (c * 100.0, r * 20.0, c * 100.0 + 100, r * 20.0 + 20) for c in range(cols)]
        for r in range(rows)
    ]
    chars = []
    for _ in range(rnd.randint(0, 60)):  # sizes mixed within a cell too, some characters outside every cell
        x, y, s = rnd.uniform(-5, cols * 100 + 5), rnd.uniform(-5, rows * 20 + 5), rnd.choice([7.5, 9.0, 10.5, 12.0])
        chars.append((x, x + s * rnd.uniform(0.5, 1), y, y + s, s))
    return TableData(1, [[None] * cols for _ in range(rows)], cells, (0, 0, cols * 100, rows * 20), chars)


@pytest.mark.parametrize("mask_cells", [pdf._MASK_CELLS, 50, 1])
def test_label_indents_are_those_of_testing_each_cell_on_its_own(monkeypatch, mask_cells):
    monkeypatch.setattr(pdf, "_MASK_CELLS", mask_cells)  # the cells in chunks: the same answer
    rnd = random.Random(11)
    indented = 0
    for _ in range(200):
        table = _invented_table(rnd)
        got = pdf.label_indents(table)
        assert got == _one_cell_at_a_time(table)
        indented += sum(1 for v in got.values() if v > 0)
    assert indented > 50  # the invented tables do indent labels


def test_a_table_without_characters_or_cells_has_no_indents():
    assert pdf.label_indents(TableData(1, [[None]], [[(0, 0, 10, 10)]], (0, 0, 10, 10), [])) == {}
    assert pdf.label_indents(TableData(1, [[None]], [[None]], (0, 0, 10, 10), [(1, 2, 1, 2, 1.0)])) == {}
