"""Hierarchies: a parent row equals the sum of its exhaustive children in every value column
(功能分类 类/款/项 by code, 经济分类 301/30101, indentation, 合计 over the top rows), and is
not below the sum of its 其中 sub-items."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .registry import binder, in_tables

if TYPE_CHECKING:
    from ..catalogue import Rule

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
        return pd.DataFrame(), pd.DataFrame()
    inst = pairs.drop_duplicates("stated_fact")[["stated_fact", "report", "table", "label", "column"]].copy()
    inst["check"] = inst["stated_fact"].to_numpy()
    links = pd.DataFrame(
        {"check": pairs["stated_fact"].to_numpy(), "fact": pairs["fact"].to_numpy(), "role": "num", "coef": 1.0}
    )
    return inst, links


@binder("hierarchy", {"sum"})
def hierarchy_sum(rule: Rule, facts: pd.DataFrame, context: dict):
    return _parent_child(rule, facts, partial=False)


@binder("partial", {"bound"})
def partial_bound(rule: Rule, facts: pd.DataFrame, context: dict):
    inst, links = _parent_child(rule, facts, partial=True)
    if not inst.empty:
        inst["op"] = "ge"
    return inst, links


@binder("nonnegative", {"bound"})
def nonnegative(rule: Rule, facts: pd.DataFrame, context: dict):
    f = in_tables(rule, facts)
    f = f[(f["role"] == "amount") & f["value"].notna()]
    cols = rule.params.get("columns")
    if cols:
        f = f[f["column"].isin(cols)]
    inst = f[["report", "table", "label", "column"]].copy()
    inst["stated_fact"] = f.index.to_numpy()
    inst["check"] = inst["stated_fact"]
    inst["op"] = "ge"
    links = pd.DataFrame(
        {
            "check": np.array([], dtype="int64"),
            "fact": np.array([], dtype="int64"),
            "role": np.array([], dtype=object),
            "coef": np.array([], dtype="float64"),
        }
    )
    return inst, links
