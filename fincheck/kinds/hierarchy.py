"""Hierarchies: a parent row equals the sum of its exhaustive children in every value column
(功能分类 类/款/项 by code, 经济分类 301/30101, indentation, 合计 over the top rows), and is
not below the sum of its 其中 sub-items."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .formula import _composite, _first_of_each, _left_join, fact_index
from .registry import binder

if TYPE_CHECKING:
    from ..catalogue import Rule
from ..contract import make_instances, make_links, no_links


def _in_tables(rule: Rule, index) -> np.ndarray:
    """:func:`in_tables` as a boolean array over the facts."""
    if not rule.tables or "*" in rule.tables:
        return np.ones(len(index.facts), dtype=bool)
    return index.isin("table_type", rule.tables)


def _parent_child(rule: Rule, facts: pd.DataFrame, partial: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each child amount joined to its parent row's stated amount in the same column, by the
    integer codes of (report, table, column, row) of the facts index: a parent key is unique
    (one fact per cell), so the pairs are the children in order that have a stated parent."""
    index = fact_index(facts)
    amount = _in_tables(rule, index) & index.isin("role", ["amount"])
    kids = np.flatnonzero(amount & (index.array("parent") >= 0) & (index.array("partial") == partial))
    parents = np.flatnonzero(amount & index.stated)
    if not len(kids) or not len(parents):
        return None, None
    codes = index.codes
    # the kids' parent row numbers in the codes of the rows (-1: no row has that number)
    parent_row = index.uniques["row"].get_indexer(index.array("parent")[kids])
    keys = _composite(
        [np.concatenate([codes[c][kids], codes[c][parents]]) for c in ("report", "table", "column")]
        + [np.concatenate([parent_row, codes["row"][parents]])]
    )
    left, right = _left_join(keys[: len(kids)], keys[len(kids) :])
    hit = (right >= 0) & (parent_row[left] >= 0)
    if not hit.any():
        return None, None
    child, stated = kids[left[hit]], parents[right[hit]]
    first = stated[_first_of_each(stated)]
    inst = make_instances(
        rule.code,
        check=first,
        stated_fact=first,
        report=index.text("report", first),
        table=index.text("table", first),
        label=index.text("label", first),
        column=index.text("column", first),
        op="ge" if partial else "eq",
    )
    return inst, make_links(stated, child, "num")


@binder("hierarchy", {"sum"})
def hierarchy_sum(rule: Rule, facts: pd.DataFrame, context: dict):
    return _parent_child(rule, facts, partial=False)


@binder("partial", {"bound"})
def partial_bound(rule: Rule, facts: pd.DataFrame, context: dict):
    return _parent_child(rule, facts, partial=True)


@binder("nonnegative", {"bound"}, params=("columns",))
def nonnegative(rule: Rule, facts: pd.DataFrame, context: dict):
    index = fact_index(facts)
    keep = _in_tables(rule, index) & index.isin("role", ["amount"]) & index.stated
    cols = rule.params.get("columns")
    if cols:
        keep &= index.isin("column", cols)
    ids = np.flatnonzero(keep)
    inst = make_instances(
        rule.code,
        check=ids,
        stated_fact=ids,
        report=index.text("report", ids),
        table=index.text("table", ids),
        label=index.text("label", ids),
        column=index.text("column", ids),
        op="ge",
    )
    return inst, no_links()
