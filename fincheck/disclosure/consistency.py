"""The document agrees with itself: the unit's name (DOC010) and the report's year (DOC011).

The cover (its first lines: the unit's name, then "2024年度部门决算") gives the unit's name
and the year; without a cover, the name most headings give. Every heading that names the unit
(第X部分 …, a line naming the unit before its year or 概况) must give the same name — a
heading that drops the district or writes 与 for 和 names another unit; a heading or a 目录
line with a year must give the report's year, and a 决算's "截至…年12月31日" its year end.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Finding
from . import phrasing
from .flow import Flow, plain

_PART = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
#: a heading is short and holds no sentence punctuation
_HEADING_CHARS = 40
_SENTENCE = re.compile(r"[，,：:。；;！？]")
_COVER_LINES = 4


def _headings(lines: list[str]) -> list[int]:
    return [
        i
        for i, line in enumerate(lines)
        if line.strip() and (_PART.match(line) or (len(plain(line)) <= _HEADING_CHARS and not _SENTENCE.search(line)))
    ]


def _cover(lines: list[str]) -> tuple[int | None, str, int | None, str]:
    """(line, name) of the unit on the cover and (year, kind) of the report: the first lines."""
    title = phrasing.regex("headings", "title")
    first = [i for i, line in enumerate(lines) if line.strip()][:_COVER_LINES]
    for k, i in enumerate(first):
        m = title.search(plain(lines[i]))
        if not m:
            continue
        head = plain(lines[i])[: m.start()]
        if len(head) >= 4:
            return i, head, int(m["year"]), m["kind"]
        if k > 0 and not _YEAR.search(lines[first[k - 1]]):
            return first[k - 1], plain(lines[first[k - 1]]), int(m["year"]), m["kind"]
        return None, "", int(m["year"]), m["kind"]
    return None, "", None, ""


def consistency(flow: Flow, path: str) -> list[Finding]:
    lines = flow.lines
    named = phrasing.regex("headings", "named")
    cover_line, cover_name, year, kind = _cover(lines)
    heads = _headings(lines)
    names = [(i, m["name"]) for i in heads if i != cover_line and (m := named.match(plain(lines[i])))]
    out: list[Finding] = []
    reference = cover_name
    ref_where = flow.line_where(cover_line) if cover_line is not None else None
    if not reference and names:
        reference, _ = Counter(n for _, n in names).most_common(1)[0]
        ref_where = flow.line_where(next(i for i, n in names if n == reference))
    if reference:
        for i, name in names:
            if name != reference and not _same_unit(name, reference):
                out.append(
                    Finding(
                        "DOC010",
                        path,
                        flow.line_where(i),
                        {"name": name, "expected": reference},
                        related=[ref_where] if ref_where else [],
                    )
                )
    if year is None:
        return out
    for i in heads:
        if i == cover_line:
            continue
        found = list(_YEAR.finditer(lines[i]))
        if len({m.group(1) for m in found}) > 1:
            continue  # a heading naming two years compares them or names next year's budget: no claim on the period
        for m in found:
            printed = int(m.group(1))
            if printed != year and _is_title(lines[i]):
                out.append(_year(flow, path, i, m, printed, year))
    if kind == "决算":
        for m in phrasing.regex("headings", "cutoff").finditer(flow.text):
            if int(m["year"]) != year:
                out.append(
                    Finding("DOC011", path, flow.where(m.start(), m.end()), {"stated": m["year"], "expected": year})
                )
    return out


def _same_unit(name: str, reference: str) -> bool:
    """A heading may name the unit with a placeholder the reference shares ("上海市XX局"), or in
    its short form without the leading place name ("县招商服务中心" for "南漳县招商服务中心"); a
    name that drops a part in the middle ("上海市财政局" for "上海市普陀区财政局") is another unit."""
    a, b = plain(name), plain(reference)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return a == b or (len(short) >= 4 and long_.endswith(short))


def _is_title(line: str) -> bool:
    """A heading that states the report's own period (not "与2023年度相比")."""
    return bool(re.search(r"年度?\s*(?:部门|单位)?\s*(?:决算|预算)|部分", line)) and "相比" not in line


def _year(flow: Flow, path: str, i: int, m: re.Match, printed: int, year: int) -> Finding:
    base = int(flow.starts[i])
    return Finding("DOC011", path, flow.where(base + m.start(), base + m.end()), {"stated": printed, "expected": year})
