"""Hierarchies: a parent row equals the sum of its exhaustive children in every value column
(功能分类 类/款/项 by code, 经济分类 301/30101, indentation, 合计 over the top rows), and is
not below the sum of its 其中 sub-items."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .registry import binder, in_tables

if TYPE_CHECKING:
    from ..catalogue import Rule
from ..contract import make_instances, make_links, no_links

_KEYS = ["report", "table", "column"]


def _parent_child(rule: Rule, facts: pd.DataFrame, partial: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    f = in_tables(rule, facts)
    f = f[f["role"] == "amount"]
    kids = f[(f["parent"] >= 0) & (f["partial"] == partial)]
    parents = f[f["value"].notna()][_KEYS + ["row", "label", "column"]].copy()
    parents = parents.loc[:, ~parents.columns.duplicated()]
    parents["stated_fact"] = parents.index.to_numpy()
    kids = kids[_KEYS + ["parent"]].copy()
    kids["fact"] = kids.index.to_numpy()
    pairs = kids.merge(parents, left_on=_KEYS + ["parent"], right_on=_KEYS + ["row"], how="inner")
    if pairs.empty:
        return None, None
    first = pairs.drop_duplicates("stated_fact")
    inst = make_instances(
        rule.code,
        check=first["stated_fact"],
        stated_fact=first["stated_fact"],
        report=first["report"],
        table=first["table"],
        label=first["label"],
        column=first["column"],
        op="ge" if partial else "eq",
    )
    return inst, make_links(pairs["stated_fact"], pairs["fact"], "num")


@binder("hierarchy", {"sum"})
def hierarchy_sum(rule: Rule, facts: pd.DataFrame, context: dict):
    return _parent_child(rule, facts, partial=False)


@binder("partial", {"bound"})
def partial_bound(rule: Rule, facts: pd.DataFrame, context: dict):
    return _parent_child(rule, facts, partial=True)


@binder("nonnegative", {"bound"}, params=("columns",))
def nonnegative(rule: Rule, facts: pd.DataFrame, context: dict):
    f = in_tables(rule, facts)
    f = f[(f["role"] == "amount") & f["value"].notna()]
    cols = rule.params.get("columns")
    if cols:
        f = f[f["column"].isin(cols)]
    inst = make_instances(
        rule.code,
        check=f.index,
        stated_fact=f.index,
        report=f["report"],
        table=f["table"],
        label=f["label"],
        column=f["column"],
        op="ge",
    )
    return inst, no_links()
