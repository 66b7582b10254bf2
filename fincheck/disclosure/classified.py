"""The 类（款）（项） an explained item names, against the names its table prints (DOC015).

"1、一般公共服务支出（类）财政事务（款）行政运行（项）" names a line of the function-
classification tables (支出决算表, 一般公共预算财政拨款支出决算表, 政府性基金…): its 类 by a
3-digit code, its 款 by 5 digits under it, its 项 by 7. When the table prints the 类 but no 款
of that name under it, or the 款 but no 项 of that name under it, the narrative explains the
item under another name than the table gives its code (an old name, a neighbour's name). A 类
the tables do not print is left alone: there is nothing to compare with.
"""

from __future__ import annotations

import pandas as pd

from ..labels import canonical_item
from ..model import Finding
from . import phrasing
from .flow import Flow

#: the tables coded by the function classification (table types end with these)
FUNCTION_TABLES = (".expense", ".gp_expense", ".gov_fund", ".state_capital", ".income")


def classified(flow: Flow, path: str, facts: pd.DataFrame) -> list[Finding]:
    lines = _lines(facts)
    if lines.empty or not (lines["value"].fillna(0) != 0).any():
        return []  # no table, or blank ones (an unfilled template prints example lines)
    names = dict(zip(lines["code"], lines["item"], strict=True))
    places = dict(zip(lines["code"], lines["location"], strict=True))
    out = []
    for m in phrasing.regex("classified").finditer(flow.text):
        lei, kuan, xiang = (canonical_item(m[g]) for g in ("lei", "kuan", "xiang"))
        classes = [c for c, n in names.items() if len(c) == 3 and n == lei]
        if not classes:
            continue
        groups = [c for c, n in names.items() if len(c) == 5 and c[:3] in classes]
        named = [c for c in groups if names[c] == kuan]
        if groups and not named:
            out.append(_finding(flow, path, m, "kuan", m["lei"], sorted(groups), names, places))
            continue
        items = [c for c, n in names.items() if len(c) == 7 and c[:5] in named]
        if items and not any(names[c] == xiang for c in items):
            out.append(_finding(flow, path, m, "xiang", m["kuan"], sorted(items), names, places))
    return out


def _lines(facts: pd.DataFrame) -> pd.DataFrame:
    if facts.empty:
        return facts
    f = facts[facts["table_type"].str.endswith(FUNCTION_TABLES) & facts["code"].str.fullmatch(r"\d{3}(?:\d{2}){0,2}")]
    return f.drop_duplicates("code", keep="first")[["code", "item", "location", "value"]]


def _finding(flow: Flow, path: str, m, level: str, parent: str, codes: list[str], names, places) -> Finding:
    printed = "、".join(f"{c} {names[c]}" for c in codes[:6])
    return Finding(
        "DOC015",
        path,
        flow.where(m.start(level), m.end(level)),
        {"name": m[level], "level": "款" if level == "kuan" else "项", "parent": parent, "printed": printed},
        related=[places[c] for c in codes[:6] if isinstance(places[c], dict)],
    )
