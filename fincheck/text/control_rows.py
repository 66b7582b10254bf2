"""A spending-control table (三公经费 by period) flattened into running text, read by its row
names and its numbering (TXT001).

A PDF converter prints such a table as one stream: the period columns' header words
("2017年决算数 2018年预算数 2018年决算数"), then each row as its label followed by the figures
it prints, "三公经费 29.08 63.46 44.29 1、公务用车购置和维护经费 11.86 41.46 39.30 其中:公车购置
29.46 29.46 公车运行维护 11.86 12 9.84 2、出国经费 3、公务接待 17.22 22 4.99". Blank cells are
dropped, so a row printing fewer figures than there are columns may hold them in any of the
columns. The relations (data: ``control_table`` in ``rules/text/forms.yaml``):

- the total row (三公经费) is the sum of the numbered items right after it (1、2、3、…), which
  make up the total by definition;
- an item followed by 其中 rows, up to the next item, is the sum of them; a 其中 list need not
  be complete, so this relation is read only where it fits exactly (it never fails), and not
  for the last item, whose 其中 rows have no printed end.

The figures of a row printing fewer than the columns are placed by the placements under which
every relation they enter holds; when none or several do, those relations are skips (the
figures cannot be aligned), never a guess. A relation with a row that prints no figure at all
(a blank row, or one whose figures were lost) fails only as a skip. A row with more figures
than columns stops the table.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache

from ..numbers import parse_printed
from .balance_rows import _UNIT, Fig  # a printed figure and the unit line, as the balance-sheet rows read them
from .claims import Claim
from .forms import control_table_words
from .mentions import Mention

MAX_PLACEMENTS = 64
MAX_ROWS = 40
_TOKEN = re.compile(r"\S+")


@dataclass
class Row:
    label: str
    figs: list[Fig] = field(default_factory=list)


@dataclass
class Table:
    columns: list[str]
    rows: list[Row]
    #: (total row, part rows, exact: the relation is read only where it fits exactly)
    relations: list[tuple[int, list[int], bool]]
    unit: str


@cache
def _words() -> tuple[re.Pattern | None, frozenset[str], re.Pattern | None, re.Pattern | None]:
    w = control_table_words()
    if not w:
        return None, frozenset(), None, None
    return re.compile(w["column"]), frozenset(w["totals"]), re.compile(w["item"]), re.compile(w["breakdown"])


def _segments(toks: list[re.Match], n_cols: int, starts: tuple[re.Pattern, ...]) -> list[Row]:
    """Rows after a header: a label (words, a new one at an item number or 其中) then its
    figures, until a row prints more figures than there are columns or a percentage."""
    rows: list[Row] = []
    for t in toks:
        s = t.group()
        v = parse_printed(s)
        if v is None:
            if rows and not rows[-1].figs and not any(p.match(s) for p in starts):
                rows[-1].label += s
            else:
                if len(rows) >= MAX_ROWS:
                    break
                rows.append(Row(s))
            continue
        if not rows or v.percent or len(rows[-1].figs) >= n_cols:
            break
        rows[-1].figs.append(Fig(v.value, v.decimals, t.start(), t.end()))
    return rows


def tables(text: str) -> list[Table]:
    """The flattened spending-control tables of ``text`` (see the module)."""
    column, totals, item, breakdown = _words()
    if column is None or item is None or breakdown is None:
        return []
    toks = list(_TOKEN.finditer(text))
    out: list[Table] = []
    k = 0
    while k < len(toks):
        j = k
        while j < len(toks) and column.match(toks[j].group()):
            j += 1
        if j - k < 2 or j >= len(toks) or toks[j].group().strip('“”"') not in totals:
            k = max(j, k + 1)
            continue
        cols = [t.group() for t in toks[k:j]]
        rows = _segments(toks[j:], len(cols), (item, breakdown))
        rel = _relations(rows, item, breakdown)
        if rel:
            u = None
            for m in _UNIT.finditer(text, max(0, toks[k].start() - 300), toks[k].start()):
                u = m
            out.append(Table(cols, rows, rel, u.group(1) if u else ""))
        k = j + 1
    return out


def _relations(rows: list[Row], item: re.Pattern, breakdown: re.Pattern) -> list[tuple[int, list[int], bool]]:
    """The total row 0 over its numbered items, and each item but the last over its 其中 rows."""
    items: list[int] = []
    subs: dict[int, list[int]] = {}
    i = 1
    while i < len(rows):
        m = item.match(rows[i].label)
        if not m or int(m.group(1)) != len(items) + 1:
            break
        items.append(i)
        i += 1
        if i < len(rows) and breakdown.match(rows[i].label):
            first = i
            while i < len(rows) and not item.match(rows[i].label):
                i += 1
            subs[items[-1]] = list(range(first, i))
    if len(items) < 2:
        return []
    rel: list[tuple[int, list[int], bool]] = [(0, items, False)]
    for it in items[:-1]:
        if len(subs.get(it, ())) >= 2:
            rel.append((it, subs[it], True))
    return rel


def _placements(row: Row, n: int) -> list[tuple[int, ...]]:
    """The columns a row's figures may sit in (in order; blank cells dropped)."""
    if len(row.figs) == n:
        return [tuple(range(n))]
    if not row.figs:
        return [()]
    return list(itertools.combinations(range(n), len(row.figs)))


def _cell(row: Row, place: tuple[int, ...], col: int) -> Fig | None:
    return row.figs[place.index(col)] if col in place else None


def _holds(rows: list[Row], total: int, parts: list[int], pick: dict[int, tuple[int, ...]], col: int) -> bool:
    t = _cell(rows[total], pick[total], col)
    vals = [f for p in parts if (f := _cell(rows[p], pick[p], col)) is not None]
    tol = sum(0.5 * 10.0**-f.decimals for f in vals) + (0.5 * 10.0**-t.decimals if t else 0.0)
    return abs(sum(f.value for f in vals) - (t.value if t else 0.0)) <= tol + 1e-9


def control_claims(text: str) -> tuple[list[Mention], list[Claim]]:
    """TXT001 per relation and period column of each flattened spending-control table."""
    mentions: list[Mention] = []
    claims: list[Claim] = []
    for tb in tables(text):
        n = len(tb.columns)
        rows = tb.rows
        involved = sorted({i for t, ps, _ in tb.relations for i in (t, *ps)})
        options = [_placements(rows[i], n) for i in involved]
        total_options = 1
        for o in options:
            total_options *= len(o)
        if total_options > MAX_PLACEMENTS:
            continue
        picks = [dict(zip(involved, p, strict=True)) for p in itertools.product(*options)]
        shared = {i for i in involved if sum(i in (t, *ps) for t, ps, _ in tb.relations) > 1}
        for total, parts, exact in tb.relations:
            cells = [total, *parts]
            fits = [p for p in picks if all(_holds(rows, total, parts, p, c) for c in range(n))]
            own = {tuple(p[i] for i in cells) for p in picks}  # the placements of its rows, each once
            own_fits = {tuple(p[i] for i in cells) for p in fits}
            blank = any(not rows[i].figs for i in parts)
            crossed = len(own) > 1 and any(len(options[involved.index(i)]) > 1 for i in cells if i in shared)
            if len(own_fits) == 1 and not crossed:
                pick = fits[0]
            elif exact:
                continue  # read only where it fits exactly: nothing shown otherwise
            elif blank or len(own) > 1:
                anchor = _first(rows[total], rows, parts)
                if anchor is not None:
                    note = (
                        "a row prints no figure (a blank row, or its figures were lost)"
                        if blank and len(own) == 1
                        else "the figures of a row with blank cells cannot be aligned"
                    )
                    stated = _mention(mentions, text, anchor, tb.unit)
                    claims.append(_skip(stated, _name(rows[total].label), "", note))
                continue
            else:
                pick = picks[0]
            for col in range(n):
                t = _cell(rows[total], pick[total], col)
                if t is None:
                    continue
                stated = _mention(mentions, text, t, tb.unit)
                label = f"{_name(rows[total].label)}（{tb.columns[col]}）"
                c = Claim("TXT001", stated, [], stated=stated, label=label, column=tb.columns[col], unit=tb.unit)
                for p in parts:
                    f = _cell(rows[p], pick[p], col)
                    if f is not None:
                        c.num.append((_mention(mentions, text, f, tb.unit), 1.0))
                if exact:
                    c.evidence = [("parts", "exhaustion")]
                claims.append(c)
    return mentions, claims


def _name(label: str) -> str:
    """A row's label without its item number ("1、公务接待费" → "公务接待费")."""
    item = _words()[2]
    return item.sub("", label, count=1) if item is not None else label


def _first(total: Row, rows: list[Row], parts: list[int]) -> Fig | None:
    if total.figs:
        return total.figs[0]
    return next((rows[p].figs[0] for p in parts if rows[p].figs), None)


def _skip(anchor: int, label: str, column: str, note: str) -> Claim:
    return Claim("TXT001", anchor, [], stated=anchor, label=label, column=column, status="skip", note=note)


def _mention(mentions: list[Mention], text: str, f: Fig, unit: str) -> int:
    mentions.append(Mention(f.start, f.end, f.value, f.decimals, unit or "元", "money", text[f.start : f.end]))
    return len(mentions) - 1


def control_frames(norm, name: str, locate):
    """Facts, instances and links of the spending-control relations of a normalised text (None without any)."""
    from .weights import claims_frames

    mentions, claims = control_claims(norm.text)
    return claims_frames(norm, name, locate, mentions, claims, "经费控制")
