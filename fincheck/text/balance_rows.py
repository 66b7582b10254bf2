"""A balance sheet (资产负债表) flattened into "|" lines, read by its row names (TXT001).

A web page or a PDF converter prints each row of the sheet as one line, "货币资金 | 附表1 | 27.86
| 8.18 |", under a header naming the label column, a note column and the two period columns
("项目 | 附注 | 年末数 | 年初数"). Such a flattening often drops the blank cells and pads the row
at its end, so a row printing one figure ("存货 | 12.51 | ||") may hold it in either period
column. The relations are established by the row names alone (data: ``balance_sheet`` in
``rules/text/forms.yaml``):

- a group's 合计 is the sum of its rows: those after its section header ("流动资产:") or after
  the 合计 before it; a cost (原值) and its deduction (减:累计折旧) are summed as their 净值;
- a 合计 whose name ends the names of 合计 rows above it ("负债合计" after "流动负债合计",
  "非流动负债合计") is their sum, with the rows between them;
- a 总计 is the sum of the top-level 合计 rows above it and of the rows outside any group;
- a 净值 right after its 原值 and 减: rows is their difference.

A figure whose column is unknown is read in the column that every assignment satisfying the
relations it enters gives it; when none or several do, those relations are visible skips (the
figures cannot be aligned), never a guess. A row with cells that are neither figures nor note
references, or with more figures than columns, makes its relations skips; a group the excerpt
cuts off (no 合计 row) is not checked.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..numbers import is_empty_mark, parse_printed
from .claims import Claim
from .forms import balance_sheet_words
from .mentions import Mention
from .tables import blocks

MAX_AMBIGUOUS = 10
_UNIT = re.compile(r"(?:单位|金额单位)\s*[:：]\s*(亿元|万元|千元|元)")


@dataclass
class Fig:
    value: float
    decimals: int
    start: int
    end: int


@dataclass
class Row:
    label: str
    start: int
    figs: list[Fig] = field(default_factory=list)
    readable: bool = True
    kind: str = "part"  # part | section | total | side | cost | deduction | net


def _cells(line: str, pos: int) -> list[tuple[str, int, int]]:
    out = []
    for m in re.finditer(r"[^|]+", line):
        s = m.group().strip()
        if s:
            a = pos + m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append((s, a, a + len(s)))
    return out


def _header(cells: list[str], words: dict) -> tuple[int, int] | None:
    """The order of the period columns when ``cells`` are the sheet's header: (年末, 年初) → (0, 1)."""
    cols = words["columns"]
    at = {}
    for k, c in enumerate(cells):
        for period, names in cols.items():
            if c in names:
                at[period] = k
    if len(at) != 2 or not any(c in words["label"] for c in cells[:1]):
        return None
    periods = sorted(at, key=at.get)
    return (0, 1) if periods == list(cols)[:2] else (1, 0)


def _kind(label: str, words: dict) -> str:
    if label.endswith((":", "：")):
        return "section"
    if any(label.startswith(d) for d in words["deduction"]):
        return "deduction"
    if any(label.endswith(w) for w in words["side_total"]):
        return "side"
    if any(label.endswith(w) for w in words["group_total"]):
        return "total"
    if any(label.endswith(w) for w in words["cost"]):
        return "cost"
    if any(label.endswith(w) for w in words["net"]):
        return "net"
    return "part"


def sheets(text: str) -> list[tuple[list[Row], tuple[int, int], str, list[tuple[int, int]]]]:
    """The flattened balance sheets of ``text``: their rows, the period order of their header,
    their unit and the spans of their "|" blocks."""
    words = balance_sheet_words()
    if not words or "|" not in text:
        return []
    note = re.compile(words["note_cell"])
    out = []
    current: list[Row] | None = None
    order = (0, 1)
    spans: list[tuple[int, int]] = []
    last_end = -1
    unit = ""
    for a, b in blocks(text):
        lines, pos = [], a
        for line in text[a:b].split("\n"):
            lines.append((line, pos))
            pos += len(line) + 1
        head = next(
            (k for k, (ln, p) in enumerate(lines) if _header([c for c, *_ in _cells(ln, p)], words) is not None), None
        )
        if head is None:
            continue
        this = _header([c for c, *_ in _cells(*lines[head])], words)
        assert this is not None
        gap = text[last_end:a] if current is not None else ""
        continues = current is not None and this == order and len(gap.strip()) <= 20 and gap.count("\n") <= 3
        if not continues:
            if current:
                out.append((current, order, unit, spans))
            current, order, spans = [], this, []
            u = None
            for m in _UNIT.finditer(text, max(0, a - 200), b):
                u = m
            unit = u.group(1) if u else ""
        assert current is not None
        spans.append((a, b))
        last_end = b
        for line, p in lines[head + 1 :]:
            cs = _cells(line, p)
            if not cs:
                continue
            label, s0, _ = cs[0]
            if label in words["titles"] or label.startswith("编制单位") or label in words["label"]:
                continue
            row = Row(label, s0, kind=_kind(label, words))
            for c, x0, x1 in cs[1:]:
                if note.match(c) or is_empty_mark(c):
                    continue
                v = parse_printed(c.replace(",", ""))
                if v is None or v.percent:
                    row.readable = False
                    continue
                row.figs.append(Fig(v.value, v.decimals, x0, x1))
            row.readable = row.readable and len(row.figs) <= 2
            current.append(row)
    if current:
        out.append((current, order, unit, spans))
    return out


def _relations(rows: list[Row]) -> list[tuple[int, list[tuple[int, float]]]]:
    """(total row, [(part row, coefficient)]) of the relations the row names establish.

    A group none of whose rows can be placed is not checked, nor the totals above it: one
    holding a 其中 row (a part of the row above it), a deduction not followed by its 净值 (or 净额),
    or a cost (原值) without them."""
    rel: list[tuple[int, list[tuple[int, float]]]] = []
    section_open = tainted = side_tainted = False
    members: list[int] = []  # the rows of the group being read
    tops: list[int] = []  # top-level 合计 rows since the last 总计, and rows outside a group
    for i, r in enumerate(rows):
        after = rows[i + 1].kind if i + 1 < len(rows) else ""
        if r.kind == "section":
            section_open, members, tainted = True, [], False
            continue
        if r.label.startswith("其中"):
            tainted = True
            continue
        if r.kind == "cost":
            tainted = tainted or not (after == "deduction" and i + 2 < len(rows) and rows[i + 2].kind == "net")
            continue
        if r.kind == "deduction":
            gross = i - 1
            members = [m for m in members if m != gross]
            tops = [t for t in tops if t != gross]
            tainted = tainted or after != "net"
            continue
        if r.kind == "net" and i >= 2 and rows[i - 1].kind == "deduction" and rows[i - 2].kind in ("cost", "part"):
            stem = r.label[:-2]
            if stem and rows[i - 2].label.startswith(stem) and stem in rows[i - 1].label:
                rel.append((i, [(i - 2, 1.0), (i - 1, -1.0)]))
        if r.kind in ("part", "net"):
            members.append(i)
            if not section_open:
                tops.append(i)
            continue
        if r.kind == "total":
            name = r.label
            consumed = [
                t for t in tops if rows[t].kind == "total" and rows[t].label != name and rows[t].label.endswith(name)
            ]
            if not section_open and consumed:
                first = tops.index(consumed[0])
                parts = tops[first:]
                if not (tainted or side_tainted):
                    rel.append((i, [(t, 1.0) for t in parts]))
                tops = tops[:first] + [i]
            elif members:
                if not tainted:
                    rel.append((i, [(t, 1.0) for t in members]))
                tops = [t for t in tops if t not in members] + [i]
            side_tainted = side_tainted or tainted
            section_open, members, tainted = False, [], False
            continue
        if r.kind == "side":
            if not section_open and tops and not (tainted or side_tainted):
                rel.append((i, [(t, 1.0) for t in tops]))
            tops, members, section_open, tainted, side_tainted = [], [], False, False, False
    return rel


def _value(r: Row, col: int, order: tuple[int, int], pick: dict[int, int], i: int) -> Fig | None:
    if len(r.figs) == 2:
        return r.figs[order.index(col)]
    if len(r.figs) == 1:
        return r.figs[0] if pick.get(i) == col else None
    return None


def _holds(rows, rel, order, pick, cols=(0, 1)) -> bool:
    for total, parts in rel:
        for col in cols:
            t = _value(rows[total], col, order, pick, total)
            vals = [(_value(rows[p], col, order, pick, p), k) for p, k in parts]
            s = sum(f.value * k for f, k in vals if f is not None)
            tol = sum(0.5 * 10.0**-f.decimals for f, _ in vals if f is not None)
            tv = t.value if t is not None else 0.0
            tol += 0.5 * 10.0**-t.decimals if t is not None else 0.0
            if abs(s - tv) > tol + 1e-9:
                return False
    return True


def balance_claims(text: str) -> tuple[list[Mention], list[Claim]]:
    """TXT001 per relation and period column of each flattened balance sheet of ``text``.

    The figures whose column is unknown are read by the assignments that satisfy every
    relation they enter: any of them when some do (all those relations hold under each), and
    otherwise every assignment, a relation failing only when it fails under all of them (a
    relation holding under some and failing under others is a skip: the figures cannot be
    aligned)."""
    mentions: list[Mention] = []
    claims: list[Claim] = []
    words = balance_sheet_words()
    names = list(words.get("columns") or ())
    for rows, order, unit, _spans in sheets(text):
        rel = _relations(rows)
        groups = _components(rows, rel)
        if any(len(amb) > MAX_AMBIGUOUS for amb, _ in groups):
            continue
        reading: dict[int, list[dict[int, int]]] = {}  # relation → the assignments it is read under
        for amb, members in groups:
            involved = [rel[k] for k in members]
            picks = [dict(zip(amb, a, strict=True)) for a in itertools.product((0, 1), repeat=len(amb))]
            fits = [p for p in picks if _holds(rows, involved, order, p)]
            for k in members:
                reading[k] = fits or picks
        for k, (total, parts) in enumerate(rel):
            cells = [total, *(p for p, _ in parts)]
            readings = reading.get(k) or [{}]
            for col in (0, 1):
                label = f"{rows[total].label}（{names[col]}）"
                bare = rows[total].label
                if not all(rows[i].readable for i in cells):
                    if rows[total].figs:
                        anchor = _mention(mentions, text, rows[total].figs[0], unit)
                        claims.append(_skip(anchor, bare, names[col], "a row's cells cannot be read"))
                    continue
                mine = [p for p in readings if _value(rows[total], col, order, p, total) is not None]
                if not mine:
                    continue  # nothing stated in this column under any reading
                outcomes = {_holds(rows, [(total, parts)], order, p, (col,)) for p in readings}
                pick = mine[0]
                t = _value(rows[total], col, order, pick, total)
                assert t is not None
                stated = _mention(mentions, text, t, unit)
                if len(outcomes) > 1 or len(mine) < len(readings):
                    note = "a figure may belong to either column (a blank cell was dropped)"
                    claims.append(_skip(stated, bare, names[col], note))
                    continue
                c = Claim("TXT001", stated, [], stated=stated, label=label, column=names[col], unit=unit)
                for p, k in parts:
                    f = _value(rows[p], col, order, pick, p)
                    if f is not None:
                        c.num.append((_mention(mentions, text, f, unit), k))
                if not c.num and t.value == 0:
                    continue
                claims.append(c)
    return mentions, claims


def _components(rows: list[Row], rel) -> list[tuple[list[int], list[int]]]:
    """The relations joined by the figures of unknown column they share: (those figures,
    the relations' indices), so that an error in one group leaves the others readable."""
    out: list[tuple[list[int], list[int]]] = []
    for k, (total, parts) in enumerate(rel):
        amb = {i for i in [total, *(p for p, _ in parts)] if len(rows[i].figs) == 1}
        if not amb:
            continue
        joined = [g for g in out if amb & set(g[0])]
        for g in joined:
            out.remove(g)
            amb |= set(g[0])
        out.append((sorted(amb), sorted({k, *(m for g in joined for m in g[1])})))
    return out


def _skip(anchor: int, label: str, column: str, note: str) -> Claim:
    return Claim("TXT001", anchor, [], stated=anchor, label=label, column=column, status="skip", note=note)


def _mention(mentions: list[Mention], text: str, f: Fig, unit: str) -> int:
    mentions.append(Mention(f.start, f.end, f.value, f.decimals, unit or "元", "money", text[f.start : f.end]))
    return len(mentions) - 1


def balance_spans(text: str) -> list[tuple[int, int]]:
    """The "|" blocks that are read as balance sheets (the generic table reader leaves them)."""
    return [s for *_, spans in sheets(text) for s in spans]


def balance_frames(norm, name: str, locate):
    """Facts, instances and links of the balance-sheet relations of a normalised text (None without any)."""
    from .weights import claims_frames

    mentions, claims = balance_claims(norm.text)
    return claims_frames(norm, name, locate, mentions, claims, "资产负债表")
