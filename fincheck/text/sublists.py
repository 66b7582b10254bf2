"""Parts numbered below a total whose line closes with "其中：".

Explanations often name a total, close its line with 其中, and give one numbered part per
line::

    一般公共预算支出500.00万元，其中：
    1.人员经费300.00万元；
    2.公用经费150.00万元；
    3.项目支出50.00万元。

The items numbered in one style from one without a gap (1. 2. 3., （1）（2）, 一是 二是,
（一）（二）; the forms are rules/text/phrasing.yaml group ``part_marker``) are the parts: the
first figure of each item's first line is its part, and a line without a number continues
the item before it (its figures are details of that part, not parts), and so does a line
numbered at a deeper level (（1） under 1.). The list ends at the
first line numbered otherwise, at a blank line, or where the numbering breaks. The total is
the figure closing the 其中 line, so the list is not open-ended and the breakdown is checked
as stated (Σ parts = total, or ≤ total for a partial list), not skipped as unclear.
"""

from __future__ import annotations

from collections.abc import Callable

from . import phrasing

_DIGITS = "一二三四五六七八九"


def numeral(s: str) -> int:
    """The number a marker prints: "12", "三", "十二", "二十"; 0 when none."""
    digits = "".join(c for c in s if c.isdigit())
    if digits:
        return int(digits)
    cn = "".join(c for c in s if c in _DIGITS or c == "十")
    if not cn:
        return 0
    if "十" not in cn:
        return _DIGITS.index(cn[0]) + 1 if len(cn) == 1 else 0
    tens, _, ones = cn.partition("十")
    t = _DIGITS.index(tens) + 1 if tens else 1
    o = _DIGITS.index(ones) + 1 if ones else 0
    return 10 * t + o


def marker(line: str) -> tuple[str, int, int] | None:
    """(style, level, number) of the part marker opening ``line``, or None."""
    found = phrasing.matches("part_marker", line.lstrip())
    if not found or found[0][0] != 0:
        return None
    start, end, entry = found[0]
    n = numeral(line.lstrip()[start:end])
    reading = dict(entry.reading)
    return (str(reading["style"]), int(reading["level"]), n) if n else None


def numbered_parts(
    lines: list[str], first_part: Callable[[int], int | None], blank: Callable[[int], bool]
) -> list[int] | None:
    """The parts of the numbered list whose lines are ``lines`` (the sentences after the 其中
    line, in order): ``first_part(n)`` is the part stated by line n (the item of its first
    figure, None when the line opens with no amount), ``blank(n)`` whether a blank line comes
    before line n. None when the first line is not item 1 of a numbered list or an item states
    no part (the caller keeps its one-part-per-line reading)."""
    if not lines:
        return None
    first = marker(lines[0])
    if first is None or first[2] != 1:
        return None
    style, level, expect = first[0], first[1], 1
    parts: list[int] = []
    for n, line in enumerate(lines):
        if n and blank(n):
            break
        m = marker(line)
        if m is None or (m[0] != style and m[1] > level):
            continue  # a continuation of the item before, or its own numbered details
        if m[0] != style or m[2] != expect:
            break
        part = first_part(n)
        if part is None:
            return None
        parts.append(part)
        expect += 1
    return parts if len(parts) >= 2 else None
