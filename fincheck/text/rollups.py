"""A total's change against its parts' changes, stated as numbered items below it.

Budget explanations often state a total's change in a lead sentence that announces a list,
then one numbered item per part, each with its own change::

    基本支出较上年增加12.00万元，主要变动原因如下：
    1.工资福利支出较上年增加10.50万元，……
    2.商品和服务支出较上年减少0.50万元，……
    3.对个人和家庭的补助较上年无增减。

The items are the parts of the total (the convention of these explanations: one item per
economic class), so the lead's change is the signed sum of the items' changes (TXT016). A
part stated as unchanged (无增减, 持平) counts 0. The lead must announce the list
(phrasing group ``list_lead``: "如下", a closing "："), the items must be numbered 1, 2, 3…
in one style with nothing else numbered in between, and every item must state its change
against the same period as the lead; an item that states no change makes the check a visible
skip ("a part states no change"), never a guess.

One pass over the lines of the text; the words come from rules/text/phrasing.yaml (groups
``direction``, ``compare``, ``no_change``, ``list_lead``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import phrasing
from .claims import Claim
from .mentions import Mention

#: a numbered item at the start of a line: "1." "2、" "（3）"
_ITEM = re.compile(r"(?m)^[ \t]*(?:(?P<dot>\d{1,2})\s*[.、．](?!\d)|[（(]\s*(?P<paren>\d{1,2})\s*[)）])")
#: a heading that is not a numbered item: "一、" "（二）" "第三章"
_HEADING = re.compile(
    r"(?m)^[ \t]*(?:[一二三四五六七八九十]+\s*、|[（(]\s*[一二三四五六七八九十]+\s*[)）]|第[一二三四五六七八九十\d]+[章节部分])"
)
#: what may stand between a direction word and its figure: "增加了", "(减少)", "减 "
_DIR_TAIL = re.compile(r"(?:了|[)）])?\s*$")
_SENTENCE = re.compile(r"[。！？!?]")
_CLAUSE = re.compile(r"[，,；;：:。]")


@dataclass
class Change:
    mention: int  # -1: a stated "no change"
    direction: int
    subject: str


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer("\n", text + "\n"):
        out.append((start, m.start()))
        start = m.end()
    return out


def direction_before(lead: str) -> int:
    """The direction word ending ``lead`` (the words before a figure), 0 when none does."""
    tail = _DIR_TAIL.search(lead)
    core = lead[: tail.start()] if tail else lead
    core = re.sub(r"[(（]$", "", core.rstrip())
    found = phrasing.matches("direction", core)
    if found and found[-1][1] == len(core):
        return int(dict(found[-1][2].reading)["direction"])
    return 0


def _first_change(text: str, mentions: list[Mention], by_line: list[int], lo: int, hi: int) -> Change | None:
    """The first change (a money figure after a compare word and a direction word in its
    sentence), or a stated "no change", in text[lo:hi]."""
    for i in by_line:
        m = mentions[i]
        if m.kind != "money":
            continue
        sent_start = max((s.end() for s in _SENTENCE.finditer(text, lo, m.start)), default=lo)
        before = text[sent_start : m.start]
        clause_start = max((c.end() for c in _CLAUSE.finditer(before)), default=0)
        d = direction_before(before[clause_start:])
        cmp = phrasing.matches("compare", before)
        if d and cmp:
            return Change(i, d, before[: cmp[-1][0]])
    for s in re.split(r"[。！？!?]", text[lo:hi]):
        if phrasing.read("compare", s) and phrasing.read("no_change", s):
            return Change(-1, 0, s)
    return None


def _subject(s: str) -> str:
    s = _ITEM.sub("", s)
    s = re.sub(r"^(?:19|20)\d{2}\s*年度?", "", s.strip())
    return s.strip("，,：: ")[:30]


def rollup_claims(text: str, mentions: list[Mention], taken: set[int]) -> list[Claim]:
    """TXT016 claims: the lead's change = Σ the numbered items' changes (see the module)."""
    lines = _lines(text)
    if len(lines) < 3 or not mentions:
        return []
    starts = [m.start for m in mentions]
    per_line: list[list[int]] = []
    j = 0
    for _, b in lines:
        row = []
        while j < len(starts) and starts[j] < b + 1:
            row.append(j)
            j += 1
        per_line.append(row)
    markers = [_ITEM.match(text, a, b) for a, b in lines]
    headings = [bool(_HEADING.match(text, a, b)) for a, b in lines]
    out: list[Claim] = []
    for n, (a, b) in enumerate(lines):
        if not phrasing.read("list_lead", text[a:b].rstrip()):
            continue
        lead = _first_change(text, mentions, per_line[n], a, b)
        if lead is None or lead.mention < 0 or lead.mention in taken:
            continue
        items = _items(markers, headings, n + 1)
        if len(items) < 2:
            continue
        parts: list[Change | None] = []
        for k, first in enumerate(items):
            stop = items[k + 1] if k + 1 < len(items) else first + 1  # the last item: its own line
            lo, hi = lines[first][0], lines[stop - 1][1]
            in_item = [i for ln in range(first, stop) for i in per_line[ln]]
            parts.append(_first_change(text, mentions, in_item, lo, hi))
        out.append(_claim(lead, parts, mentions))
    return out


def _items(markers: list[re.Match | None], headings: list[bool], n: int) -> list[int]:
    """Line numbers of the items 1, 2, 3… that start at line ``n`` (one numbering style)."""
    if n >= len(markers) or markers[n] is None:
        return []
    first = markers[n]
    style = "dot" if first.group("dot") else "paren"
    if int(first.group(style)) != 1:
        return []
    out, expect = [n], 2
    for k in range(n + 1, len(markers)):
        m = markers[k]
        if m is None:
            if headings[k]:
                break  # a heading of another style ends the list
            continue
        if m.group(style) is None or int(m.group(style)) != expect:
            break
        out.append(k)
        expect += 1
    return out


def _claim(lead: Change, parts: list[Change | None], mentions: list[Mention]) -> Claim:
    label = _subject(lead.subject)
    claim = Claim("TXT016", lead.mention, [], stated=lead.mention, sign=float(lead.direction), label=label)
    claim.column = "增减额"
    missing = [k + 1 for k, p in enumerate(parts) if p is None]
    if missing:
        claim.status, claim.note = "skip", f"a part states no change (item {', '.join(map(str, missing))})"
        return claim
    unit = mentions[lead.mention].unit
    if any(p is not None and p.mention >= 0 and mentions[p.mention].unit != unit for p in parts):
        claim.status, claim.note = "skip", "the parts' changes are in another unit"
        return claim
    claim.num = [(p.mention, float(p.direction)) for p in parts if p is not None and p.mention >= 0]
    claim.evidence = [("parts", "list-marked")]  # the items numbered under a lead announcing them
    if not claim.num:
        claim.status, claim.note = "skip", "every part is unchanged"
    return claim
