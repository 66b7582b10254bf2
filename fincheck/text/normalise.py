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

from . import phrasing
from .space_tables import table_lines

_FULLWIDTH = "０１２３４５６７８９．％＋－（）：；　，"
_HALFWIDTH = "0123456789.%+-():;\u0020，"

#: Traditional → simplified for the vocabulary of financial reports (one character each).
_TRAD = (
    "長減預萬億與額計總資產費經類項個點為較實際決執數財務稅補貼員單區縣級佔別於達門對購買淨値負債績標準調劃撥餘結轉專戶統籌幣銀錢現"
    "較增幅後從當預營業收支出佈關係農險醫療養機構維護務屬償還債報表開發展創設備職務託與另併這歸"
    "說況規進間時運車輛會議國內辦園綜層衛學術體傳節環鄉輸種線條評價網範"
)
_SIMP = (
    "长减预万亿与额计总资产费经类项个点为较实际决执数财务税补贴员单区县级占别于达门对购买净值负债绩标准调划拨余结转专户统筹币银钱现"
    "较增幅后从当预营业收支出布关系农险医疗养机构维护务属偿还债报表开发展创设备职务托与另并这归"
    "说况规进间时运车辆会议国内办园综层卫学术体传节环乡输种线条评价网范"
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
_LONE_NUMBER = re.compile(
    r"\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[、.．]|[①-⑳])\s*"
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


#: invisible characters an extractor leaves (zero-width spaces, byte-order marks, soft hyphens)
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
#: spaces of other widths (non-breaking, en, em, thin …) read as a plain space
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f", " "))
#: a thousands separator printed as the full-width comma (4，862.35): three digits after it and
#: no digit, point or comma before the leading group of one to three digits
_FULLWIDTH_THOUSANDS = re.compile(r"(?<![\d.,，])\d{1,3}(?:，\d{3})+(?![\d，])")


def translate(text: str) -> str:
    """Character-level normalisation only (length-preserving)."""
    text = text.translate(_CHARS).translate(_SPACES)
    if "，" in text:
        text = _FULLWIDTH_THOUSANDS.sub(lambda m: m.group(0).replace("，", ","), text)
    return text


def _strip_marks(original: str) -> tuple[str, list[int]]:
    """The text without invisible characters and markup leftovers (phrasing ``markup``: tags,
    **bold**, entities; an entity of a space reads as a space), and for each character kept its
    offset in ``original``."""
    cuts = (
        [(a, b) for a, b, _e in phrasing.matches("markup", original)]
        if ("<" in original or "*" in original or "&" in original or "__" in original)
        else []
    )
    if not cuts and not any(ch in _INVISIBLE for ch in original):
        return original, list(range(len(original)))
    out: list[str] = []
    src: list[int] = []
    k = 0
    i = 0
    while i < len(original):
        if k < len(cuts) and i == cuts[k][0]:
            if original[i] == "&":
                out.append(" ")
                src.append(i)
            i = cuts[k][1]
            k += 1
            continue
        ch = original[i]
        if ch not in _INVISIBLE:
            out.append(ch)
            src.append(i)
        i += 1
    return "".join(out), src


_LETTER_SPACED = re.compile(r"\s*\S(?: \S){7,}\s*")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _unspace(line: str, offs: list[int], printed: str) -> tuple[str, list[int]]:
    """A line without carriage returns and without the spaces an extractor put inside words:
    a line spaced out letter by letter ("一 般 公 共 预 算 收 入 1 2 3 4 . 5 6 万 元") loses every
    single space (two or more, a column's gap, stay one); a line of running text (with
    sentence punctuation) loses a lone non-breaking, en, em or ideographic space between two
    Chinese characters (``printed``: the text before those became plain spaces; a plain space
    there may be a flattened form's cell gap, and stays)."""
    keep = [j for j, ch in enumerate(line) if ch != "\r"]
    if len(keep) != len(line):
        line, offs = "".join(line[j] for j in keep), [offs[j] for j in keep]
    if " " not in line:
        return line, offs
    if _LETTER_SPACED.fullmatch(line):
        drop = {
            j
            for j, ch in enumerate(line)
            if ch == " " and 0 < j < len(line) - 1 and line[j - 1] != " " and line[j + 1] != " "
        }
    elif re.search(r"[，。；]", line) and "|" not in line:
        drop = {
            j
            for j, ch in enumerate(line)
            if ch == " "
            and 0 < j < len(line) - 1
            and printed[offs[j]] != " "
            and _CJK_CHAR.match(line[j - 1])
            and _CJK_CHAR.match(line[j + 1])
        }
    else:
        return line, offs
    if not drop:
        return line, offs
    kept = [j for j in range(len(line)) if j not in drop]
    return "".join(line[j] for j in kept), [offs[j] for j in kept]


def _furniture(lines: list[str]) -> set[int]:
    """Lines that are page furniture: page numbers and footers (phrasing ``page_furniture``),
    a lone number between two lines of running text, and a short line repeated in the document
    (a running header) where one of its copies stands next to a page number or inside a
    sentence cut by the page break."""
    pages = {i for i, line in enumerate(lines) if line.strip() and phrasing.read("page_furniture", line.strip())}

    def near(i: int, step: int) -> int | None:
        j = i + step
        while 0 <= j < len(lines) and not lines[j].strip():
            j += step
        return j if 0 <= j < len(lines) else None

    def prose(j: int | None) -> bool:
        return j is not None and "|" not in lines[j] and bool(re.search(r"[，。；]", lines[j]))

    for i, line in enumerate(lines):
        if re.fullmatch(r"\s*\d{1,4}\s*", line) and prose(near(i, -1)) and prose(near(i, 1)):
            pages.add(i)
    out = set(pages)
    counts: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        t = line.strip()
        if 4 <= len(t) <= 40 and not re.search(r"[，。；：:|,]", t) and not _is_heading(t) and i not in pages:
            counts.setdefault(t, []).append(i)
    for idx in counts.values():
        if len(idx) < 2:
            continue
        for i in idx:
            before, after = near(i, -1), near(i, 1)
            cut = prose(before) and lines[before].rstrip()[-1:] not in _SENTENCE_END  # type: ignore[index]
            if before in pages or after in pages or cut:
                out.update(idx)
                break
    return out


def _is_heading(line: str) -> bool:
    return bool(_HEADING.match(line))


def _is_table_line(line: str) -> bool:
    return "|" in line


def _is_blank(line: str) -> bool:
    return not line.strip()


def normalise(original: str) -> Normalised:
    stripped, smap = _strip_marks(original)
    chars = translate(stripped)
    # split into lines, remembering each character's offset and the offset of the line's end
    lines: list[tuple[list[int], str, int]] = []
    pos = 0
    for raw in chars.split("\n"):
        line, offs = _unspace(raw, list(range(pos, pos + len(raw))), stripped)
        lines.append((offs, line, pos + len(raw)))
        pos += len(raw) + 1
    furniture = _furniture([line for _o, line, _e in lines])
    if furniture:
        # a page break: its furniture and the blank lines round it go, the text runs on
        drop = set(furniture)
        for i in furniture:
            for step in (-1, 1):
                j = i + step
                while 0 <= j < len(lines) and (j in furniture or not lines[j][1].strip()):
                    drop.add(j)
                    j += step
        lines = [ln for i, ln in enumerate(lines) if i not in drop] or [([], "", 0)]
    out: list[str] = []
    src: list[int] = []
    joined = False  # this line is the blank one inside a cut word or figure: dropped
    number = ""  # the lone paragraph number joined to this line ("1." above its text)
    tabular = table_lines([line for _o, line, _e in lines])  # rows separated by spaces keep their breaks
    for i, (offs, line, end) in enumerate(lines):
        if joined:
            joined = False
            continue
        out.append(line)
        src.extend(offs)
        if i == len(lines) - 1:
            break
        nxt = lines[i + 1][1]
        if i in tabular or i + 1 in tabular:
            number = ""
            out.append("\n")
            src.append(end)
            continue
        if _soft_break(number + line, nxt):
            # a paragraph's number on its own line is read with the line it numbers
            number = line if _LONE_NUMBER.fullmatch(line) else ""
            continue
        number = ""
        if i + 2 < len(lines) and _is_blank(nxt) and _cut(line, lines[i + 2][1]):
            joined = True
            continue
        out.append("\n")
        src.append(end)
    text = "".join(out)
    if len(smap) != len(original) or smap[-1:] != [len(original) - 1]:
        src = [smap[k] if k < len(smap) else len(original) for k in src]
    return Normalised(text, tuple(src), original)


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
    if re.search(r"\d[.,]$", body) and re.match(r"\s*\d", nxt):
        return True  # a figure cut after its point or separator (36.\n66万元) is one figure
    if _LONE_NUMBER.fullmatch(body) and not _PAGE_NUMBER.match(nxt):
        return True  # a paragraph's number on a line of its own ("1." above its text)
    if _is_heading(nxt):
        return False
    # a short heading line without sentence punctuation stays on its own
    if _is_heading(body) and not re.search(r"[，,。；;]", body) and len(body) <= 40:
        return False
    return not body.lower().startswith(("source:", "http"))
