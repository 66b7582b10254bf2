"""Items a narrative lists against the table that prints them (DOC006, DOC007).

"人员经费2152.26万元，主要包括：基本工资、津贴补贴、奖金……" names lines of the economic
classification table of 基本支出 (一般公共预算财政拨款基本支出决算表, 一般公共预算基本支出表).
An item named in the list whose line the table prints as 0.00 or blank is an error (DOC006);
a line of the group's classes with a figure that the list leaves out is reported as
information (DOC007: "主要包括" allows leaving out, but a reader expects the main items). Both
findings name the list's place and the table cell. Which classes make up 人员经费 and 公用经费
(their 3-digit codes) is data in rules/text/disclosure.yaml.
"""

from __future__ import annotations

import re

import pandas as pd

from ..labels import canonical_item
from ..model import Finding
from . import phrasing
from .flow import Flow, short

#: the tables whose lines a 基本支出 narrative lists
BASIC_TABLES = ("final.gp_basic", "budget.gp_basic")


def item_lists(flow: Flow, path: str, facts: pd.DataFrame) -> list[Finding]:
    lines = _economic_lines(facts)
    if lines.empty or not (lines["value"].fillna(0) != 0).any():
        return []  # no table to compare with, or a blank one (a template)
    cfg = phrasing.data()["item_lists"]
    seps = re.compile(cfg["separators"])
    drop = re.compile(cfg["drop"])
    out: list[Finding] = []
    rows = lines.to_dict("records")  # a few dozen lines: looked up in Python, not by frame masks
    for m in phrasing.regex("item_lists").finditer(flow.text):
        classes = tuple(cfg["groups"][m["group"]])
        if "……" in m["list"] or re.search(r"[XＸ]{2,}", m["list"]):
            continue  # an abbreviated list or an unfilled template: residue, not a list
        mine = [row for row in rows if row["code"][:3] in classes]
        if not mine:
            continue
        named = _items(m, seps, drop)
        listed: set[str] = set()
        for name, start, end in named:
            item = canonical_item(name)
            row = next((row for row in mine if row["item"] == item), None)
            if row is None:
                continue
            listed.add(str(row["code"]))
            if row["value"] != row["value"] or row["value"] == 0:  # NaN: blank
                out.append(_finding("DOC006", flow, path, m, (start, end), name, row))
        class_listed = {c for c in listed if len(c) == 3}
        for row in mine:
            code = str(row["code"])
            if len(code) != 5 or code in listed or code[:3] in class_listed:
                continue
            if row["value"] == row["value"] and row["value"] != 0:
                out.append(_finding("DOC007", flow, path, m, (m.start("list"), m.end("list")), "", row))
    return out


def _economic_lines(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per coded line of the 基本支出 table: code, item, label, value, location."""
    if facts.empty:
        return facts
    f = facts[facts["table_type"].isin(BASIC_TABLES) & facts["code"].str.fullmatch(r"\d{3}(?:\d{2})?")]
    return f.drop_duplicates(["table", "code"], keep="first").reset_index(drop=True)


def _items(m: re.Match, seps: re.Pattern, drop: re.Pattern) -> list[tuple[str, int, int]]:
    """The names of a list with their spans in the text."""
    text, base = m["list"], m.start("list")
    out: list[tuple[str, int, int]] = []
    pos = 0
    for cut in [*seps.finditer(text), None]:
        stop = cut.start() if cut else len(text)
        raw = text[pos:stop]
        name = drop.sub("", re.sub(r"\s+", "", raw))
        if name:
            lead = len(raw) - len(raw.lstrip())
            out.append((name, base + pos + lead, base + stop))
        pos = cut.end() if cut else stop
    return out


def _finding(code: str, flow: Flow, path: str, m: re.Match, span: tuple[int, int], name: str, row) -> Finding:
    cell = row["location"] if isinstance(row["location"], dict) else {}
    value = row["value"]
    blank = value != value or int(row["decimals"]) < 0  # NaN, or a blank read as an exact 0
    printed = "" if blank else f"{value:.{int(row['decimals'])}f}"
    return Finding(
        code,
        path,
        flow.where(*span),
        {
            "group": m["group"],
            "item": name or str(row["label"]),
            "label": str(row["label"]),
            "code": str(row["code"]),
            "value": printed or "—",
            "cell": short(cell) if cell else "",
        },
        related=[cell] if cell else [],
        table=str(row["table"]),
    )
