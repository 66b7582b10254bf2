"""A narrative amount against the table of the funding scope it names (DOC017, DOC018).

"一般公共预算财政拨款基本支出2336.91万元" names a funding scope (一般公共预算财政拨款) and a
subject (基本支出): it is the figure the scope's tables print for the subject (the 合计 row's
基本支出 column of the 一般公共预算财政拨款支出决算表). An amount without a scope word of its own
takes the scope of the amount it is a part of ("…基本支出2336.91万元，其中：人员经费2152.26万元"
→ the 人员经费合计 of the 一般公共预算财政拨款基本支出决算表). The scopes, their words and
tables, and the subjects with the cells that print them are data (rules/text/disclosure.yaml,
``scoped_amounts``).

* DOC017: the amount differs from its scope's figure but equals, within the rounding of both,
  the figure another scope's table prints for the same subject (the all-funds 基本支出 of the
  支出决算表 stated as the 一般公共预算财政拨款 one). Both places are named.
* DOC018: the amount differs from its scope's figure (a blank cell is an exact 0: a 三公 年初预算
  stated while the table prints none) and from every figure of the document's tables.

An amount whose scope prints no such cell, or that equals some other table figure, is left
alone (it may be another figure the table does not single out), as is a clause about another
period, and every document whose tables hold no figure (an unfilled template).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from ..labels import canonical_column, canonical_item
from ..model import Finding, Table
from ..model.units import MONEY_SCALE
from . import phrasing
from .flow import Flow, short

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class Scoped:
    """An amount of the narrative that names a scope: where its figure and its words are."""

    scope: str
    subject: str
    label: str  # the words that name it ("一般公共预算财政拨款基本支出")
    value: float  # in 元
    half: float  # half a unit of its last printed digit, in 元
    printed: str  # "2336.91"
    unit: str
    start: int
    end: int


@cache
def _compiled() -> tuple[re.Pattern, re.Pattern, dict[str, str], re.Pattern, re.Pattern, re.Pattern, tuple[str, ...]]:
    cfg = phrasing.data()["scoped_amounts"]
    words = {w: s["name"] for s in cfg["scopes"] for w in s["words"]}
    scope_rx = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    subjects = tuple(s["name"] for s in cfg["subjects"])
    alt = "|".join(f"(?P<s{k}>{s['pattern']})" for k, s in enumerate(cfg["subjects"]))
    amount = re.compile(f"(?:{alt}){cfg['amount']}")
    return (
        amount,
        scope_rx,
        words,
        re.compile(cfg["clause"]),
        re.compile(cfg["part_of"]),
        re.compile(cfg["other_period"]),
        subjects,
    )


def scoped_amounts(text: str) -> list[Scoped]:
    """The amounts of a text that name a scope, directly or as a part of a scoped amount."""
    amount, scope_rx, words, clause, part_of, other, subjects = _compiled()
    years = Counter(int(y) for y in _YEAR.findall(text))
    year = years.most_common(1)[0][0] if years else None
    out = []
    for m in amount.finditer(text):
        k = next(i for i in range(len(subjects)) if m[f"s{i}"] is not None)
        head = _clause_start(text, m.start(), clause)
        before = text[head : m.start()]
        if other.search(before) or (year is not None and any(int(y) < year for y in _YEAR.findall(before))):
            continue
        own = [*scope_rx.finditer(text, head, m.end(f"s{k}"))]
        scope = words[own[-1].group(0)] if own else _part_of(text, m.start(), scope_rx, words, part_of)
        if scope is None:
            continue
        raw = m["value"].replace(",", "")
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        scale = MONEY_SCALE[m["unit"]]
        # the words from the scope's to the subject's (a PDF runs a heading into its sentence)
        label = re.sub(r"\s+", "", text[min(own[-1].start(), m.start()) if own else m.start() : m.end(f"s{k}")])
        out.append(
            Scoped(
                scope,
                subjects[k],
                label,
                float(raw) * scale,
                0.5 * 10**-decimals * scale,
                m["value"],
                m["unit"],
                m.start("value"),
                m.end("unit"),
            )
        )
    return out


def _clause_start(text: str, pos: int, clause: re.Pattern) -> int:
    """Where the clause holding ``pos`` starts: after the last boundary before it."""
    start = max(0, pos - 60)
    ends = [m.end() for m in clause.finditer(text, start, pos)]
    return ends[-1] if ends else start


def _part_of(text: str, pos: int, scope_rx: re.Pattern, words: dict[str, str], part_of: re.Pattern) -> str | None:
    """The scope of the amount this one is a part of: the last scope word of the sentence before
    a 其中 (in the same clause, no "；" between) that this amount follows."""
    start = _sentence_start(text, pos)
    if part_of.match(text[start:pos].lstrip()):  # "…基本支出2336.91万元。其中：人员经费…"
        start = _sentence_start(text, start - 1)
    found = [*scope_rx.finditer(text, start, pos)]
    if not found:
        return None
    last = found[-1]
    link = part_of.search(text, last.end(), pos)
    if link is None or re.search(r"[；;]", text[last.end() : link.start()]):
        return None
    return words[last.group(0)]


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1


def _cells(facts: pd.DataFrame) -> pd.DataFrame:
    """The table cells that print a subject: scope, subject, base value and half-unit in 元,
    printed text, location and table id, one row per (scope, subject, cell)."""
    money = facts[facts["unit"].isin(list(MONEY_SCALE)) & (facts["table_type"] != "text")]
    picks, scopes, subjects = _picks(money)
    if not picks:
        return money.iloc[0:0].assign(scope="", subject="")
    cells = (
        money.take(np.concatenate(picks))
        .reset_index(drop=True)
        .assign(scope=np.array(scopes, dtype=object), subject=np.array(subjects, dtype=object))
        .astype({"scope": "str", "subject": "str"})
        .drop_duplicates(["scope", "subject", "table"], keep="first")
    )
    blank = cells["value"].isna() | (cells["decimals"] < 0)
    cells = cells.assign(
        base=np.where(cells["value"].isna(), 0.0, cells["value"] * cells["scale"]),
        half=np.where(blank, 0.0, 0.5 * 10.0 ** -cells["decimals"].clip(lower=0) * cells["scale"]),
    )
    return cells


def _picks(money: pd.DataFrame) -> tuple[list[np.ndarray], list[str], list[str]]:
    """The positions in ``money`` of each (scope, subject, cells spec) in the data's order, with
    the scope and subject of each position: the masks on integer codes of the three columns,
    factorised once (no frame per combination)."""
    cfg = phrasing.data()["scoped_amounts"]
    codes, names = {}, {}
    for col in ("table_type", "item", "column"):
        codes[col], uniques = pd.factorize(money[col])
        names[col] = {str(u): i for i, u in enumerate(uniques)}

    def within(col: str, values) -> np.ndarray:
        wanted = [names[col][v] for v in values if v in names[col]]
        return np.isin(codes[col], wanted)

    picks: list[np.ndarray] = []
    scopes: list[str] = []
    subjects: list[str] = []
    for s in cfg["scopes"]:
        mine = within("table_type", s["tables"])
        if not mine.any():
            continue
        for subject in cfg["subjects"]:
            for spec in subject["cells"]:
                items = {canonical_item(x) for x in spec["items"]}
                columns = {canonical_column(x) for x in spec["columns"]}
                hit = np.flatnonzero(mine & within("item", items) & within("column", columns))
                picks.append(hit)
                scopes += [s["name"]] * len(hit)
                subjects += [subject["name"]] * len(hit)
    return picks, scopes, subjects


def _printed(row) -> str:
    value, decimals = row["value"], int(row["decimals"])
    return "—" if value != value or decimals < 0 else f"{value:.{decimals}f}"


def funding_scopes(flow: Flow, path: str, facts: pd.DataFrame, tables: list[Table]) -> list[Finding]:
    if facts.empty:
        return []
    known = facts[(facts["table_type"] != "text") & (facts["table_type"] != "tidy")]
    if not known["value"].fillna(0).ne(0).any():
        return []  # no table has a figure: an unfilled template
    cells = _cells(facts)
    if cells.empty:
        return []
    said = scoped_amounts(flow.text)
    if not said:
        return []
    titles = {t.table: t.title for t in tables}
    cfg = phrasing.data()["scoped_amounts"]
    english = {e["name"]: e.get("en", e["name"]) for e in [*cfg["scopes"], *cfg["subjects"]]}
    # every printed figure of the tables, for "equals no table figure"
    money = known[known["unit"].isin(list(MONEY_SCALE)) & known["value"].notna() & (known["value"] != 0)]
    money = money[money["decimals"] >= 0]
    base = np.sort((money["value"] * money["scale"]).to_numpy())
    reach = float((0.5 * 10.0 ** -money["decimals"] * money["scale"]).max()) if len(money) else 0.0
    out = []
    for s in said:
        subject = cells[cells["subject"] == s.subject]
        own = subject[subject["scope"] == s.scope]
        if own.empty:
            continue
        agree = (subject["base"] - s.value).abs() <= subject["half"] + s.half + 1e-6
        if agree[own.index].any():
            continue
        first = own.iloc[0]
        values = {
            "label": s.label,
            "stated": s.printed,
            "unit": s.unit,
            "scope": s.scope,
            "subject": s.subject,
            "scope_en": english[s.scope],
            "subject_en": english[s.subject],
            "table": titles.get(first["table"], str(first["table"])),
            "expected": _printed(first),
            "cell": short(first["location"]),
        }
        where = flow.where(s.start, s.end)
        others = subject[agree & (subject["scope"] != s.scope)]
        if len(others):
            other = others.iloc[0]
            values |= {
                "other_scope": other["scope"],
                "other_scope_en": english[other["scope"]],
                "other_table": titles.get(other["table"], str(other["table"])),
                "other": _printed(other),
                "other_cell": short(other["location"]),
            }
            out.append(
                Finding(
                    "DOC017",
                    path,
                    where,
                    values,
                    related=[other["location"], first["location"]],
                    table=str(first["table"]),
                    stated=float(s.printed.replace(",", "")),
                )
            )
            continue
        lo, hi = np.searchsorted(base, [s.value - s.half - reach, s.value + s.half + reach])
        near = base[lo:hi]
        if len(near) and (np.abs(near - s.value) <= s.half + reach + 1e-6).any():
            continue  # it is some table's figure: not known to be wrong
        out.append(
            Finding(
                "DOC018",
                path,
                where,
                values,
                related=[first["location"]],
                table=str(first["table"]),
                stated=float(s.printed.replace(",", "")),
            )
        )
    return out
