"""Flattened tables in text: cells separated by "|" (one cell per line, rows of cells, or a
whole form on one line), recognised and turned into table facts.

1. :func:`cells` splits a block of "|" lines into cells, keeping offsets; a line break
   between two "|" is an empty cell (a blank column of the original table). A table whose
   cells are separated by spaces (:func:`space_blocks`) is a line of header words (two of them
   a table's column words, rules/text/phrasing.yaml ``column_header``) over two or more lines
   of a label and figures, every row with the same number of cells, one per header word (the
   first header word may name the label column). A row with another count lost a cell, and
   which one is unknown: the table ends before it.
2. :func:`records` groups cells into rows: a label cell and the value cells after it.
3. :func:`header_names` names the value columns from the label cells before the first row,
   including two-level headers (一般公共预算收入 over 当月 | 累计 | 增幅%).
4. :func:`hierarchy` finds which rows are totals of which (市 = 市本级 + 县区级, 县区级 = 区级 +
   县级 …): a row is the parent of the rows after it when it equals their sum in the
   amount columns (all of them, or all but one when there are four or more); "其中" rows are
   sub-items of the row above.
5. Facts carry ``parent``/``partial`` so GEN001/GEN002 check the sums, rate columns carry
   ``of`` so GEN005 checks them, and the growth and ratio columns of a total get TXT009
   checks: a total's rate lies within its parts' range (it is their weighted average).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..catalogue import emitted
from ..contract import concat_links, make_instances, make_links
from ..labels import canonical_column, canonical_item, clean_label, is_qizhong
from ..model import Table, facts_from_rows
from ..model.location import Locator, text_locator
from ..numbers import is_empty_mark, parse_printed
from ..tables.base import unit_scale
from ..tables.tidy import TOTAL_LABELS
from . import phrasing
from .forms import exhaustive_parts
from .normalise import Normalised
from .space_tables import space_blocks

MAX_ROWS = 300
_MARKS = frozenset({"=", "%", "≥", "≤", ">", "<", "＝", "≧", "≦"})
_UNIT = re.compile(r"(?:单位|金额单位)\s*[:：]\s*(亿元|万元|千元|元)")


@dataclass
class Cell:
    text: str
    start: int
    end: int
    number: float | None = None
    decimals: int = 0
    percent: bool = False

    @property
    def kind(self) -> str:
        if self.number is not None:
            return "number"
        if not self.text or is_empty_mark(self.text) or self.text in _MARKS:
            return "empty"
        return "label"


@dataclass
class Record:
    label: Cell
    values: list[Cell] = field(default_factory=list)

    @property
    def numbers(self) -> int:
        return sum(1 for c in self.values if c.kind == "number")


@dataclass
class TextTable:
    start: int
    end: int
    table: Table
    facts: pd.DataFrame
    instances: pd.DataFrame
    links: pd.DataFrame


def blocks(text: str) -> list[tuple[int, int]]:
    """Spans of consecutive lines holding "|" (two lines or more, or one with three "|")."""
    out: list[tuple[int, int]] = []
    pos, start, n_lines, bars = 0, None, 0, 0
    for line in text.split("\n") + [""]:
        end = pos + len(line)
        if "|" in line:
            if start is None:
                start, n_lines, bars = pos, 0, 0
            n_lines += 1
            bars += line.count("|")
        elif start is not None:
            if n_lines >= 2 or bars >= 3:
                out.append((start, pos - 1))
            start = None
        pos = end + 1
    return out


def cells(text: str, start: int, end: int) -> list[Cell]:
    out: list[Cell] = []
    pos = start
    body = text[start:end]
    tail = "" if not body[body.rfind("|") + 1 :].strip() else "|"
    for m in re.finditer(r"\|", body + tail):
        a, b = pos, start + m.start()
        raw = text[a:b]
        s = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        c = Cell(s, a + lead, a + lead + len(s))
        p = parse_printed(s.replace(" ", "")) if s else None
        if p is not None:
            c.number, c.decimals, c.percent = p.value, p.decimals, p.percent
        out.append(c)
        pos = b + 1
    return out


def _space_cells(block: list[list[tuple[str, int, int]]]) -> list[Cell]:
    """The cells of a space-separated table (:mod:`fincheck.text.space_tables`)."""
    out: list[Cell] = []
    for k, line in enumerate(block):
        for n, (tok, a, b) in enumerate(line):
            c = Cell(tok, a, b)
            p = parse_printed(tok) if k and n and not is_empty_mark(tok) else None
            if p is not None:
                c.number, c.decimals, c.percent = p.value, p.decimals, p.percent
            out.append(c)
    return out


def records(cs: list[Cell]) -> tuple[list[Cell], list[Record]]:
    """Leading label cells (before any row) and the rows."""
    head: list[Cell] = []
    recs: list[Record] = []
    for c in cs:
        if c.kind == "label":
            recs.append(Record(c))
        elif recs:
            recs[-1].values.append(c)
        elif c.kind == "number":
            head.append(c)
    return head, recs


def _is_ratio_name(name: str) -> bool:
    return bool(re.search(r"%|率|比重|占比|增幅|增长|比例", name))


def header_names(labels: list[str], width: int, sample: list[Record]) -> list[str]:
    """Names of ``width`` value columns from the header labels before the first row."""
    labels = [x for x in labels if x]
    if not labels:
        return [f"列{i + 1}" for i in range(width)]
    # two levels: top groups over a repeated pattern of sub-headers
    for p in range(1, 7):
        for r in range(2, 5):
            if p * r >= len(labels):
                continue
            sub = labels[-p * r :]
            if any(sub[i] != sub[i % p] for i in range(len(sub))):
                continue
            top = labels[: -p * r]
            for n_top in range(r, len(top)):
                groups = top[len(top) - n_top :]
                singles = n_top - r
                if r * p + singles != width:
                    continue
                single = [g for g in groups if _is_ratio_name(g)]
                if len(single) != singles:
                    continue
                names: list[str] = []
                for g in groups:
                    if g in single:
                        names.append(g)
                    else:
                        names.extend(f"{g}/{s}" for s in sub[:p])
                return names
    # one level: the last k labels, k chosen so that percentages sit under ratio names
    best, best_score = None, -1
    for k in range(width, min(width + 4, len(labels)) + 1):
        names = labels[-k:]
        score = 0
        for rec in sample:
            for i, c in enumerate(rec.values[:k]):
                if c.kind == "number" and c.percent:
                    score += 1 if _is_ratio_name(names[i]) else -1
        if score > best_score:
            best, best_score = names, score
    names = list(best or labels[-width:])
    while len(names) < width:
        names.append(f"列{len(names) + 1}")
    return names


def _role(name: str, col: list[Cell]) -> str:
    n = clean_label(name)
    if re.search(r"增幅|增长|增减率|同比|(?:增减|变动|升降)(?:幅度|%|％)|(?:比|较)上年.*(?:%|％|率|幅)", n):
        return "growth"  # "比上年增减%": a growth column, never an execution rate
    if re.search(r"执行率|完成率|为预算的|预算执行", n) and re.search(r"率|%", n):
        return "rate"
    if re.search(r"比重|占比|比例|%", n):
        return "rate"  # a ratio within the row (税收比重 = 税收 / 收入), not a share of the parent row
    if re.search(r"权重|分值|得分|分数", n):
        return "score"
    if any(c.percent for c in col if c.kind == "number"):
        return "rate"
    return "amount"


def _half(d: int) -> float:
    return 0.5 * 10.0 ** (-d)


def _fits(rows: list[list[Cell]], parent: int, children: list[int], cols: list[int], total: bool = False) -> bool:
    """Whether ``children`` add up to ``parent`` in the amount columns: all of them, or all but
    one when four or more are compared, or when ``total`` (the parent is labelled 合计/总计 and
    its children run to the table's end) and three or more are compared: then the column that
    does not add up is a failure to report, not a reason to drop the relation."""
    compared = matched = 0
    for c in cols:
        pv = rows[parent][c]
        if pv.kind != "number":
            continue
        kids = [rows[k][c] for k in children]
        if any(k.kind == "label" for k in kids) or all(k.kind != "number" for k in kids):
            continue
        s = sum(k.number for k in kids if k.kind == "number")
        tol = sum(_half(k.decimals) for k in kids if k.kind == "number") + _half(pv.decimals)
        compared += 1
        matched += abs(s - pv.number) <= tol + 1e-9
    if compared == 0:
        return False
    allowed = 1 if compared >= 4 or (total and compared >= 3) else 0
    return matched >= 1 and compared - matched <= allowed and matched >= min(2, compared)


def hierarchy(rows: list[list[Cell]], labels: list[str], cols: list[int]) -> tuple[list[int], list[bool]]:
    """Parent row index (-1: none) and the 其中 flag of each row."""
    n = len(rows)
    parent = [-1] * n
    partial = [False] * n
    # 其中 rows: sub-items of the row before the first of them
    for i, lab in enumerate(labels):
        if is_qizhong(lab) and i > 0:
            top = i - 1
            for j in range(i, n):
                if j > i and parent[j] == -1 and is_qizhong(labels[j]):
                    break
                parent[j], partial[j] = top, True
            break
    if any(p >= 0 for p in parent) or not cols:
        return parent, partial
    memo: dict[int, list[tuple[int, list[tuple[int, int]]]]] = {}
    budget = [20000]
    totals = [clean_label(lab).lower() in TOTAL_LABELS for lab in labels]

    def options(i: int) -> list[tuple[int, list[tuple[int, int]]]]:
        """Ways row i is a parent: (last row of its subtree, [(child, child_end)])."""
        if i in memo:
            return memo[i]
        found: list[tuple[int, list[tuple[int, int]]]] = []

        def dfs(p: int, kids: list[tuple[int, int]]) -> None:
            budget[0] -= 1
            if budget[0] <= 0 or p >= n or len(kids) >= 12:
                return
            ends = [(p, None)] + [(e, o) for e, o in options(p)]
            for e, _o in ends:
                nk = [*kids, (p, e)]
                if len(nk) >= 2 and _fits(rows, i, [k for k, _ in nk], cols, totals[i] and e == n - 1):
                    found.append((e, nk))
                dfs(e + 1, nk)

        memo[i] = []
        dfs(i + 1, [])
        found.sort(key=lambda t: -t[0])
        memo[i] = found[:3]
        return memo[i]

    def assign(i: int, end: int) -> None:
        for e, kids in options(i):
            if e == end:
                for k, ke in kids:
                    parent[k] = i
                    if ke != k:
                        assign(k, ke)
                return

    i = 0
    while i < n and budget[0] > 0:
        opts = options(i)
        if opts:
            assign(i, opts[0][0])
            i = opts[0][0] + 1
        else:
            i += 1
    last = n - 1
    if last >= 2 and totals[last] and all(p < 0 for p in parent) and _fits(rows, last, list(range(last)), cols, True):
        # "A | B | … | 合计": the total printed after its parts, in the last row
        parent[:last] = [last] * last
    if all(p < 0 for p in parent) and n >= 3:
        # a 合计 row of zeros over or under parts that are not: the form's total was left at 0
        for t in (0, last):
            kids = [k for k in range(n) if k != t]
            if totals[t] and _zero_total(rows, t, kids, cols):
                for k in kids:
                    parent[k] = t
                break
    return parent, partial


def _zero_total(rows: list[list[Cell]], total: int, kids: list[int], cols: list[int]) -> bool:
    """Whether the total row prints 0 in every amount column where its parts print figures,
    and the parts are not all 0."""
    compared = nonzero = 0
    for c in cols:
        nums = [rows[k][c] for k in kids if rows[k][c].kind == "number"]
        if not nums:
            continue
        if rows[total][c].kind != "number" or rows[total][c].number != 0:
            return False
        compared += 1
        nonzero += any(x.number != 0 for x in nums)
    return compared >= 1 and nonzero >= 1


def find_tables(
    norm: Normalised, name: str, locate: Locator = text_locator, skip: frozenset[tuple[int, int]] = frozenset()
) -> list[TextTable]:
    """The flattened tables of a normalised text; ``skip``: "|" blocks another reader reads
    (a balance sheet by its row names, :mod:`fincheck.text.balance_rows`), blanked all the same."""
    text = norm.text
    out: list[TextTable] = []
    for a, b in blocks(text):
        if (a, b) in skip:
            continue
        cs = cells(text, a, b)
        _head, recs = records(cs)
        unit_m = None
        for m in _UNIT.finditer(text, max(0, a - 200), a):
            unit_m = m
        unit = unit_m.group(1) if unit_m else ""
        for t in _tables(recs):
            tt = _table(norm, name, len(out) + 1, t, unit, locate)
            if tt is not None:
                out.append(tt)
    for block in space_blocks(text):
        cs = _space_cells(block)
        _head, recs = records(cs)
        a = cs[0].start
        unit_m = None
        for m in _UNIT.finditer(text, max(0, a - 200), a):
            unit_m = m
        for t in _tables(recs):
            tt = _table(norm, name, len(out) + 1, t, unit_m.group(1) if unit_m else "", locate)
            if tt is not None:
                out.append(tt)
    # the blocks are blanked for the prose pipeline whether or not a table was found in them
    spans = blocks(text)
    for a, b in spans:
        if not any(t.start == a for t in out):
            out.append(TextTable(a, b, None, pd.DataFrame(), pd.DataFrame(), pd.DataFrame()))  # type: ignore[arg-type]
    return out


def _tables(recs: list[Record]) -> list[tuple[list[str], list[Record]]]:
    """Split rows into tables: header labels (label-only rows) then data rows."""
    out: list[tuple[list[str], list[Record]]] = []
    header: list[str] = []
    rows: list[Record] = []
    pending: list[Record] = []
    for r in recs:
        marks = [c for c in r.values if c.text]
        if r.numbers >= 1 or (rows and marks and all(c.kind != "label" for c in r.values) and len(r.values) >= 2):
            if pending and rows and (len(pending) >= 3):
                out.append((header, rows))
                header, rows = [], []
            if not rows:
                header = [p.label.text for p in pending] + [
                    c.text for p in pending for c in p.values if c.kind == "label"
                ]
                header = [x.label.text for x in pending]
            pending = []
            rows.append(r)
        else:
            pending.append(r)
            if len(r.label.text) > 30 and rows:
                pending.pop()  # a note inside the table
    if rows:
        out.append((header, rows))
    return [(h, rs[:MAX_ROWS]) for h, rs in out if len(rs) >= 2]


def _table(
    norm: Normalised, name: str, n: int, t: tuple[list[str], list[Record]], unit: str, locate: Locator
) -> TextTable | None:
    header, recs = t
    width = _width(header, recs)
    if header and canonical_column(header[0]) == "项目" and len(header) <= width:
        # "项目 | 年初预算 | …" over rows "| A | 1 | … |": the first label heads the row labels and
        # would otherwise name the first value column (a two-level header keeps its labels)
        header = header[1:]
        width = _width(header, recs)
    names = header_names(header, width, recs)
    width = len(names)
    rows = [(r.values + [Cell("", r.label.end, r.label.end)] * width)[:width] for r in recs]
    labels = [r.label.text for r in recs]
    columns = [[row[c] for row in rows] for c in range(width)]
    roles = [_role(names[c], columns[c]) for c in range(width)]
    canon = []
    for nm in names:
        cn = canonical_column(nm)
        cn = cn if cn not in canon else nm
        base, k = cn, 2
        while cn in canon:  # a header printed twice stays two columns ("X", "X#2"), as in tables/
            cn, k = f"{base}#{k}", k + 1
        canon.append(cn)
    amount_cols = [c for c in range(width) if roles[c] == "amount" and any(x.kind == "number" for x in columns[c])]
    amount_cols = [c for c in amount_cols if not any(x.kind == "number" and x.number < 0 for x in columns[c])]
    parent, partial = hierarchy(rows, labels, amount_cols)
    blank_rows = _form_parts(labels, parent, partial, rows, amount_cols)
    table_id = f"text#{n}"
    rate_of = [_rate_of(canon, names, c) if roles[c] == "rate" else "" for c in range(width)]
    fact_rows = []
    fid: dict[tuple[int, int], int] = {}
    for i, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.kind == "label" or (cell.kind == "empty" and roles[c] != "amount"):
                continue
            if cell.kind == "empty" and not any(x.kind == "number" for x in columns[c]):
                continue
            if cell.kind == "empty" and i in blank_rows and c in amount_cols:
                cell = Cell("—", cell.start, cell.end)  # a form's part row of blank cells: 0
            a, b = (
                norm.span(cell.start, cell.end)
                if cell.end > cell.start
                else norm.span(recs[i].label.start, recs[i].label.end)
            )
            loc = locate(norm.line_of(a), a, b, norm.original[a:b])
            is_pct = roles[c] in ("share", "rate", "growth")
            u = "%" if is_pct else unit
            fid[(i, c)] = len(fact_rows)
            fact_rows.append(
                {
                    "report": name,
                    "table": table_id,
                    "table_type": "tidy",
                    "row": i + 1,
                    "parent": parent[i] + 1 if parent[i] >= 0 else -1,
                    "partial": partial[i],
                    "item": canonical_item(labels[i]),
                    "label": clean_label(labels[i]),
                    "code": "",
                    "column": canon[c],
                    "role": roles[c],
                    "value": cell.number if cell.kind == "number" else (0.0 if cell.text else np.nan),
                    "decimals": cell.decimals if cell.kind == "number" else -1,
                    "unit": u,
                    "scale": unit_scale(u) if not is_pct else 1.0,
                    "base": "",
                    "of": rate_of[c],
                    "location": loc,
                }
            )
    if not fact_rows:
        return None
    facts = facts_from_rows(fact_rows)
    inst, links = _aggregate_checks(name, table_id, rows, labels, parent, roles, canon, fid)
    inst, links = _with_growth_checks(inst, links, name, table_id, rows, labels, roles, names, canon, fid)
    a = min(r.label.start for r in recs)
    b = max((r.values[-1].end if r.values else r.label.end) for r in recs)
    table = Table(
        name, table_id, "tidy", "", "", f"line {norm.line_of(norm.span(a, a + 1)[0])}", unit, len(rows), ",".join(canon)
    )
    return TextTable(a, b, table, facts, inst, links)


def _form_parts(labels, parent, partial, rows, amount_cols) -> set[int]:
    """Where the 其中 rows under a total are the parts of a known form (rules/text/forms.yaml:
    年度资金总额 = 财政拨款 + 上年结转 + 其他资金), they are exhaustive: their flags are cleared,
    and the part rows printed without any amount are returned (rows of blank cells, 0)."""
    kids: dict[int, list[int]] = {}
    for i, p in enumerate(parent):
        if p >= 0 and partial[i]:
            kids.setdefault(p, []).append(i)
    blank: set[int] = set()
    for p, ks in kids.items():
        if not exhaustive_parts(labels[p], [labels[k] for k in ks]):
            continue
        for k in ks:
            partial[k] = False
            if all(rows[k][c].kind == "empty" and not rows[k][c].text for c in amount_cols):
                blank.add(k)
    return blank


def _filled(r: Record) -> int:
    """A row's width up to its last printed cell."""
    return max((i + 1 for i, c in enumerate(r.values) if c.text), default=0)


def _width(header: list[str], recs: list[Record]) -> int:
    """The number of value columns. Rows with more cells than the header has labels are padded
    with blanks, which are no columns: their width ends at the last printed cell. Otherwise
    every cell is a column, a blank one too (a 备注 or a rate left empty in every row), or the
    header's labels would shift onto the wrong figures."""
    cells = max(len(r.values) for r in recs)
    if cells <= sum(1 for x in header if x):
        return cells
    return max(_filled(r) for r in recs)


def _rate_of(canon: list[str], names: list[str], rate: int) -> str:
    """ "numerator/denominator" columns of the rate column ``rate``: the actual over the budget
    its header names ("完成调整预算%": the 调整预算 column, not the 年初预算 one), else over the
    year's budget (全年预算数), else over the first budget column."""
    num = next((c for c in canon if re.search(r"执行数|决算|完成数", c)), "")
    budgets = [k for k, c in enumerate(canon) if "预算" in c and c != num and "率" not in c and k != rate]
    kind = (phrasing.read("kind", clean_label(names[rate])) or {}).get("kind", "")
    named = [
        k
        for k in budgets
        if kind.endswith("预算") and (phrasing.read("kind", clean_label(names[k])) or {}).get("kind") == kind
    ]
    den = canon[named[0]] if len(named) == 1 else ""
    den = den or next((c for c in canon if c == "全年预算数"), "") or next((canon[k] for k in budgets), "")
    return f"{num}/{den}" if num and den else ""


_COLUMN_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _with_growth_checks(inst, links, name, table_id, rows, labels, roles, names, canon, fid):
    """TXT015 per row for a growth column: (this year − last year) / last year, the columns
    chosen by their header words (上年/去年, or the earlier of two years printed, for the previous
    figure; not a 增减额 column)."""
    growth = [c for c, r in enumerate(roles) if r == "growth"]
    amounts = [c for c, r in enumerate(roles) if r == "amount"]
    change = re.compile(r"增减|差额|变动|增加|减少")
    level = [c for c in amounts if not change.search(clean_label(names[c]))]
    prev = [c for c in level if re.search(r"上年|去年|上期", clean_label(names[c]))]
    years = {c: int(y.group(1)) for c in level if (y := _COLUMN_YEAR.search(names[c]))}
    if not prev and len(set(years.values())) >= 2:
        # "2024年预算数 | 2023年完成数": the column of the earlier year is the previous figure
        prev = [c for c, y in years.items() if y == min(years.values())]
    cur = [c for c in level if c not in prev]
    if len(growth) != 1 or len(prev) != 1 or len(cur) != 1:
        return inst, links
    g, p, c = growth[0], prev[0], cur[0]
    base = int(inst["check"].max()) + 1 if len(inst) else 0
    ok = [
        i
        for i, row in enumerate(rows)
        if all(row[k].kind == "number" for k in (g, p, c)) and all((i, k) in fid for k in (g, p, c))
    ]
    if not ok:
        return inst, links
    checks = np.arange(base, base + len(ok))
    more = make_instances(
        emitted("text-tables", "TXT015"),
        check=checks,
        report=name,
        table=table_id,
        stated_fact=np.array([fid[(i, g)] for i in ok]),
        form="ratio",
        factor=100.0,
        label=np.array([clean_label(labels[i]) for i in ok], dtype=object),
        column=canon[g],
    )
    cur_f = [fid[(i, c)] for i in ok]
    prev_f = [fid[(i, p)] for i in ok]
    extra = concat_links(
        [
            make_links(checks, cur_f, "num", 1.0),
            make_links(checks, prev_f, "num", -1.0),
            make_links(checks, prev_f, "den", 1.0),
        ]
    )
    inst = pd.concat([inst, more], ignore_index=True) if len(inst) else more
    return inst, concat_links([links, extra])


def _aggregate_checks(name, table_id, rows, labels, parent, roles, canon, fid):
    """TXT009: a total's growth or ratio lies within the range of its parts'."""
    inst_rows: list[dict] = []
    link_rows: list[tuple[int, int]] = []
    kids: dict[int, list[int]] = {}
    for i, p in enumerate(parent):
        if p >= 0:
            kids.setdefault(p, []).append(i)
    for p, ks in kids.items():
        if len(ks) < 2:
            continue
        for c, role in enumerate(roles):
            if role not in ("growth", "rate") or (p, c) not in fid:
                continue
            if rows[p][c].kind != "number" or any(rows[k][c].kind != "number" for k in ks):
                continue
            vals = [(rows[k][c].number, k) for k in ks]
            lo_k = min(vals)[1]
            hi_k = max(vals)[1]
            for op, k in (("ge", lo_k), ("le", hi_k)):
                check = len(inst_rows)
                inst_rows.append(
                    {"stated_fact": fid[(p, c)], "op": op, "label": clean_label(labels[p]), "column": canon[c]}
                )
                link_rows.append((check, fid[(k, c)]))
    rows_of = pd.DataFrame(inst_rows, columns=["stated_fact", "op", "label", "column"])
    inst = make_instances(
        emitted("text-tables", "TXT009"),
        report=name,
        table=table_id,
        stated_fact=rows_of["stated_fact"].astype("int64"),
        op=rows_of["op"],
        label=rows_of["label"],
        column=rows_of["column"],
    )
    check, fact = zip(*link_rows, strict=True) if link_rows else ((), ())
    return inst, make_links(list(check), list(fact), "num")
