"""Normalising report text while keeping a map back to the original characters.

Three steps, each keeping ``source[i]`` = the offset in the original text of normalised
character ``i``:

* characters: full-width digits and signs to ASCII, and the traditional forms of the
  finance vocabulary (增長 減少 預算 萬元 億元 …) to simplified ones (one character for one);
* carriage returns are dropped;
* soft line breaks (a paragraph wrapped inside a sentence, as text extracted from PDFs and
  web pages is) are removed, so that "占支\\n出总预算" and "116433.12\\n元" read as one phrase.
  A break stays when the line ends a sentence, when the next line starts a heading or a
  numbered item, around lines of flattened tables (with "|") and around lone page numbers.
  A blank line is dropped too where it cuts one figure ("95." above "10%") or one word (a
  clause of one or two characters after a comma, continued on the next line).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .space_tables import table_lines

_FULLWIDTH = "０１２３４５６７８９．％＋－（）：；　，"
_HALFWIDTH = "0123456789.%+-():;\u0020，"

#: Traditional → simplified for the vocabulary of financial reports (one character each).
_TRAD = (
    "長減預萬億與額計總資產費經類項個點為較實際決執數財務稅補貼員單區縣級佔別於達門對購買淨値負債績標準調劃撥餘結轉專戶統籌幣銀錢現"
    "較增幅後從當預營業收支出佈關係農險醫療養機構維護務屬償還債報表開發展創設備職務託與另併這歸"
)
_SIMP = (
    "长减预万亿与额计总资产费经类项个点为较实际决执数财务税补贴员单区县级占别于达门对购买净值负债绩标准调划拨余结转专户统筹币银钱现"
    "较增幅后从当预营业收支出布关系农险医疗养机构维护务属偿还债报表开发展创设备职务托与另并这归"
)
_CHARS = str.maketrans(_FULLWIDTH + _TRAD, _HALFWIDTH + _SIMP)

_SENTENCE_END = set("。；;！？!?：:|")
_HEADING = re.compile(
    r"""^\s*(?:
        [一二三四五六七八九十]+\s*[、.．]
      | [（(]\s*[一二三四五六七八九十\d]+\s*[)）]
      | \d+\s*[、.．](?!\d)
      | 第[一二三四五六七八九十\d]+[章节部分条]
      | [①-⑳]
    )""",
    re.VERBOSE,
)
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$|^\s*第\s*\d+\s*页.*$")


@dataclass
class Normalised:
    """Normalised text and, for each of its characters, the offset in the original."""

    text: str
    source: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of normalised [start, end)."""
        if end <= start:
            o = self.source[start] if start < len(self.source) else len(self.original)
            return o, o
        return self.source[start], self.source[end - 1] + 1

    def line_of(self, original_offset: int) -> int:
        """1-based line number of an offset in the original text."""
        return bisect_right(self._breaks, original_offset - 1) + 1

    @cached_property
    def _breaks(self) -> list[int]:
        return [i for i, ch in enumerate(self.original) if ch == "\n"]

    def joined_breaks(self) -> list[int]:
        """Offsets of the normalised text where a line break of the original was joined away
        (a wrap inside a sentence): the characters from there on began a line of their own."""
        if len(self.source) < 2:
            return []
        src = np.asarray(self.source, dtype=np.int64)
        gaps = np.flatnonzero(np.diff(src) > 1) + 1
        return [int(k) for k in gaps if "\n" in self.original[src[k - 1] + 1 : src[k]] and self.text[k - 1] != "\n"]


def translate(text: str) -> str:
    """Character-level normalisation only (length-preserving)."""
    return text.translate(_CHARS)


def _is_heading(line: str) -> bool:
    return bool(_HEADING.match(line))


def _is_table_line(line: str) -> bool:
    return "|" in line


def _is_blank(line: str) -> bool:
    return not line.strip()


def normalise(original: str) -> Normalised:
    chars = translate(original)
    # split into lines, remembering each line's original offset
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in chars.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    out: list[str] = []
    src: list[int] = []
    joined = False  # this line is the blank one inside a cut word or figure: dropped
    tabular = table_lines([line for _s, line in lines])  # rows separated by spaces keep their breaks
    for i, (start, line) in enumerate(lines):
        if joined:
            joined = False
            continue
        for j, ch in enumerate(line):
            if ch == "\r":
                continue
            out.append(ch)
            src.append(start + j)
        if i == len(lines) - 1:
            break
        nxt = lines[i + 1][1]
        if i in tabular or i + 1 in tabular:
            out.append("\n")
            src.append(start + len(line))
            continue
        if _soft_break(line, nxt):
            continue
        if i + 2 < len(lines) and _is_blank(nxt) and _cut(line, lines[i + 2][1]):
            joined = True
            continue
        out.append("\n")
        src.append(start + len(line))
    return Normalised("".join(out), tuple(src), original)


_CUT_FIGURE = re.compile(r"\d\.$")
_FIGURE_REST = re.compile(r"\d+\s*[%％]")
_CUT_WORD = re.compile(r"[，,]\s*[\u4e00-\u9fff]{1,2}$")
_CJK_START = re.compile(r"[\u4e00-\u9fff]")


def _cut(line: str, nxt: str) -> bool:
    """Whether a blank line between ``line`` and ``nxt`` cuts one figure or one word (a PDF's
    page or column break): "95." above "10%" is 95.10%, and a clause of one or two characters
    after the last comma ("…746.4亿元，投") continues on the next line ("资完成率为…"). Only
    then is the blank line dropped; a heading, a page number or a table line never joins."""
    body = line.rstrip(" \r\t")
    first = nxt.strip()
    if not body or not first or _is_table_line(line) or _is_table_line(nxt):
        return False
    if _PAGE_NUMBER.match(nxt) or _is_heading(nxt) or _PAGE_NUMBER.match(line):
        return False
    if _CUT_FIGURE.search(body) and _FIGURE_REST.match(first):
        return True
    return len(body) >= 12 and bool(_CUT_WORD.search(body)) and bool(_CJK_START.match(first))


def _soft_break(line: str, nxt: str) -> bool:
    """Whether the break after ``line`` is a wrap inside a sentence."""
    body = line.rstrip(" \r\t")
    if not body or _is_blank(nxt):
        return False
    if body[-1] in _SENTENCE_END:
        return False
    if _is_table_line(line) or _is_table_line(nxt):
        return False
    if _PAGE_NUMBER.match(line) or _PAGE_NUMBER.match(nxt):
        return False
    if _is_heading(nxt):
        return False
    # a short heading line without sentence punctuation stays on its own
    if _is_heading(body) and not re.search(r"[，,。；;]", body) and len(body) <= 40:
        return False
    return not body.lower().startswith(("source:", "http"))
