"""Multi-row headers: merged cells forward-filled, each column's path of header texts, its role.

Merged ranges (xlsx) spread their text over the whole range. Without merge information (CSV,
.xls read by value), a header text followed by empty cells spans right while the rows below
it have their own texts there ("本年支出,," over "合计,基本支出,项目支出"). A column's *path*
is its header texts top to bottom, with repeats (vertical merges) removed; the texts common to
every value column (a banner such as 财政拨款"三公"经费) and the side markers 收入 / 支出 are
taken out of the path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..labels import attribute_columns, canonical_column, clean_label

SIDES = {"收入", "支出", "收入项目", "支出项目"}
CODE_PARTS = {"类", "款", "项"}
TOTAL_WORDS = {"合计", "小计"}
#: Percentage columns by canonical name: their fact role.
PERCENT_ROLES = {"占比": "share", "执行率": "rate", "增长率": "growth"}
#: The amount columns a rate or a growth is computed from, in order of preference.
RATE_NUMERATORS = ["执行数", "决算数", "本年数", "金额"]
RATE_DENOMINATORS = ["全年预算数", "预算数"]
GROWTH_CURRENT = ["本年数", "决算数", "执行数", "金额", "预算数"]
#: the budget column a rate's own header names (the denominators above, by their words)
_NAMED_BUDGET = [
    ("预算数", re.compile(r"年初预算")),
    ("全年预算数", re.compile(r"调整(?:后的?)?预算|全年预算|预算调整后")),
]


@dataclass
class Column:
    col: int
    path: list[str]
    role: str  # code | label | value | ignore
    name: str = ""
    part: str = ""  # 类 / 款 / 项 for split code columns
    side: str = ""
    header: str = ""


def fill_header(lookup, header_rows: list[int], cols: list[int], merged) -> dict[int, list[str]]:
    grid: dict[tuple[int, int], str] = {}
    for r in header_rows:
        for c in cols:
            cell = lookup.get((r, c))
            if cell is not None and str(cell[0]).strip():
                grid[(r, c)] = str(cell[0]).strip()
    top, bottom = header_rows[0], header_rows[-1]
    spread = False
    for r1, c1, r2, c2 in merged or []:
        if r2 < top or r1 > bottom or (r1, c1) not in grid:
            continue
        text = grid[(r1, c1)]
        spread = True
        for r in range(max(r1, top), min(r2, bottom) + 1):
            for c in range(c1, c2 + 1):
                grid[(r, c)] = text
    if not spread:
        # no merge information: a header text spans right over empty cells that have texts below
        orig = dict(grid)
        for i, r in enumerate(header_rows[:-1]):
            below = header_rows[i + 1 :]
            for c in cols:
                if (r, c) not in orig:
                    continue
                k = c + 1
                above = header_rows[i - 1] if i else None
                while (
                    k in cols
                    and (r, k) not in orig
                    and any((b, k) in orig for b in below)
                    and (above is None or grid.get((above, k)) == grid.get((above, c)))
                ):
                    grid[(r, k)] = orig[(r, c)]
                    k += 1
    paths: dict[int, list[str]] = {}
    for c in cols:
        path: list[str] = []
        for r in header_rows:
            t = grid.get((r, c))
            if t and (not path or clean_label(path[-1]) != clean_label(t)):
                path.append(t)
        paths[c] = path
    return paths


def _token(text: str) -> str:
    return clean_label(text).replace('"', "").replace("“", "").replace("”", "")


def classify_columns(paths: dict[int, list[str]]) -> list[Column]:
    cols: list[Column] = []
    for c, path in sorted(paths.items()):
        side = ""
        rest = []
        for t in path:
            if _token(t) in SIDES:
                side = _token(t).replace("项目", "")
            else:
                rest.append(t)
        col = Column(col=c, path=rest, role="ignore", side=side, header="/".join(_token(t) for t in rest))
        for t in reversed(rest):
            tok = _token(t)
            name = canonical_column(t)
            if tok in CODE_PARTS:
                col.role, col.part = "code", tok
                break
            if name == "编码" or tok.endswith("编码") or tok.endswith("代码"):
                col.role = "code"
                break
            if name == "项目":
                col.role = "label"
                break
            if tok in ("行次", "栏次") or name in attribute_columns():  # 年度, 序号 …: not amounts
                col.role = "ignore"
                break
        else:
            if rest:
                col.role = "value"
        cols.append(col)
    values = [c for c in cols if c.role == "value"]
    # banner texts over every value column are not part of the column names
    if len(values) > 1:
        common = 0
        while all(len(v.path) > common + 1 for v in values) and len({_token(v.path[common]) for v in values}) == 1:
            common += 1
        for v in values:
            v.path = v.path[common:]
    for v in values:
        v.name = value_name(v.path)
    return cols


def value_name(path: list[str]) -> str:
    low = path[-1]
    if _token(low) in TOTAL_WORDS and len(path) > 1:
        upper = _token(path[-2])
        if upper not in TOTAL_WORDS:
            return canonical_column(upper + "合计")
    return canonical_column(low)


def percent_of(name: str, amounts: list[str], header: str = "") -> str:
    """The ``of`` of a percentage column, from its name and the table's amount columns (in
    order): a share is of the first amount column, a rate is "numerator/budget", a growth
    "current/上年数". Every recogniser names its percentage columns this way, so a column means
    the same whatever file it was read from; "" for a column that is not a percentage. A rate
    whose header as printed names its budget ("完成年初预算%", "完成调整预算%") is of that
    budget's column when the table has it."""

    def first(options: list[str]) -> str:
        return next((o for o in options if o in amounts), options[0])

    role = PERCENT_ROLES.get(name)
    if role == "share":
        return amounts[0] if amounts else ""
    if role == "rate":
        named = [d for d, words in _NAMED_BUDGET if words.search(header) and d in amounts]
        return f"{first(RATE_NUMERATORS)}/{named[0] if named else first(RATE_DENOMINATORS)}"
    if role == "growth":
        return f"{first(GROWTH_CURRENT)}/上年数"
    return ""
