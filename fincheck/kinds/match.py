"""Row-by-row agreement between two tables of one report, matched by item, code or column.

``T1 each 类 line = the T3 类 row``; ``T5 row ≤ T3 row, per code``; ``T1 income lines = the T2
合计 row's columns``. Parameters::

    bind: match
    stated: {table: final.income_expense, column: 决算数}          # the checked figures
    other:  {table: final.expense, column: 本年支出合计, code_len: 3}  # what they are compared with
    key: item            # item | code | code-or-item | item=column (stated item ↔ other column)
    columns: {合计: 本年支出合计}   # optional: stated column → other column, matched pairwise
    op: eq               # eq | le | ge   (stated op other)

Filters (``stated`` / ``other``): ``table`` (type), ``column`` / ``item`` (one or a list),
``code_len`` (one or a list of code lengths; 0 = rows without a code). Both sides are joined
with one pandas merge; a stated figure with no counterpart is not a check. Matching ignores
blank (NaN) figures on the stated side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..contract import make_instances, make_links
from ..errors import RuleError
from ..labels import canonical_column, canonical_item
from .formula import fact_index
from .registry import binder

if TYPE_CHECKING:
    from ..catalogue import Rule

KEYS = {"item", "code", "code-or-item", "item=column"}


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _validate(rule: Rule) -> None:
    p = rule.params
    for side in ("stated", "other"):
        if not isinstance(p.get(side), dict) or not p[side].get("table"):
            raise RuleError(rule.path, "params.{side} must name a table type", rule.code, f"params.{side}", side=side)
    if p.get("key", "item") not in KEYS:
        raise RuleError(
            rule.path, "params.key must be one of {choices}", rule.code, "params.key", choices=", ".join(sorted(KEYS))
        )
    if p.get("op", "eq") not in ("eq", "le", "ge"):
        raise RuleError(rule.path, "params.op must be eq, le or ge", rule.code, "params.op")
    if "columns" in p and not isinstance(p["columns"], dict):
        raise RuleError(
            rule.path, "params.columns must map stated columns to other columns", rule.code, "params.columns"
        )


def _side(facts: pd.DataFrame, spec: dict) -> pd.DataFrame:
    f = facts[(facts["table_type"] == spec["table"]) & (facts["role"] == "amount")]
    cols = [canonical_column(c) for c in _as_list(spec.get("column"))]
    if cols:
        f = f[f["column"].isin(cols)]
    items = [canonical_item(i) for i in _as_list(spec.get("item"))]
    if items:
        f = f[f["item"].isin(items)]
    lens = [int(n) for n in _as_list(spec.get("code_len"))]
    if lens:
        f = f[f["code"].str.len().isin(lens)]
    return f


def _key(f: pd.DataFrame, key: str, stated: bool) -> pd.Series:
    if key == "code":
        return f["code"]
    if key == "code-or-item":
        return f["code"].where(f["code"] != "", "item:" + f["item"])
    if key == "item=column":
        return f["item"] if stated else f["column"]
    return f["item"]


@binder("match", {"equal", "bound"}, _validate, params=("stated", "other", "key", "columns", "op"))
def match(rule: Rule, facts: pd.DataFrame, context: dict):
    p = rule.params
    key = p.get("key", "item")
    s = _side(facts, p["stated"])
    s = s[s["value"].notna()]
    o = _side(facts, p["other"])
    if s.empty or o.empty:
        return None, None
    left = pd.DataFrame({"report": s["report"], "k": _key(s, key, True), "stated_fact": s.index.to_numpy()})
    right = pd.DataFrame({"report": o["report"], "k": _key(o, key, False), "fact": o.index.to_numpy()})
    left = left[left["k"] != ""]
    pairs = p.get("columns")
    if pairs:
        mapping = {canonical_column(a): canonical_column(b) for a, b in pairs.items()}
        left["c"] = s.loc[left["stated_fact"], "column"].map(mapping).to_numpy()
        left = left[left["c"].notna()]
        right["c"] = o.loc[right["fact"], "column"].to_numpy()
    elif key != "item=column":
        # without a column map, the same column name on both sides (or any, when one side names one column)
        same = len(_as_list(p["stated"].get("column"))) != 1 and len(_as_list(p["other"].get("column"))) != 1
        if same:
            left["c"] = s.loc[left["stated_fact"], "column"].to_numpy()
            right["c"] = o.loc[right["fact"], "column"].to_numpy()
    on = ["report", "k"] + (["c"] if "c" in left.columns and "c" in right.columns else [])
    merged = left.merge(right, on=on, how="inner")
    # one counterpart per stated figure: the first (repeated labels are not claims)
    merged = merged.drop_duplicates("stated_fact")
    if merged.empty:
        return None, None
    sf = merged["stated_fact"].to_numpy("int64")
    objects = fact_index(facts).objects  # text columns converted once per facts frame
    inst = make_instances(
        rule.code,
        check=sf,
        stated_fact=sf,
        report=objects("report")[sf],
        table=objects("table")[sf],
        label=objects("label")[sf],
        column=objects("column")[sf],
        op=p.get("op", "eq"),
    )
    return inst, make_links(sf, merged["fact"].to_numpy("int64"), "num")
