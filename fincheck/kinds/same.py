"""The same figure stated in two tables of one report must agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..contract import make_instances, make_links
from ..labels import GENERIC_ITEMS
from .formula import in_tables
from .registry import binder

if TYPE_CHECKING:
    from ..catalogue import Rule

#: Columns that state the same kind of figure (the actual amount of the year, the budget …).
COLUMN_FAMILY = {
    "决算数": "actual",
    "执行数": "actual",
    "金额": "actual",
    "本年数": "actual",
    "预算数": "budget",
    "全年预算数": "adjusted",
    "上年数": "previous",
    "年初数": "opening",
    "年末数": "closing",
}


@binder("same-figure", {"equal"})
def same_figure(rule: Rule, facts: pd.DataFrame, context: dict):
    f = in_tables(rule, facts)
    if f.empty:  # none of its tables: nothing to bind
        return None, None
    f = f[(f["role"] == "amount") & f["value"].notna() & ~f["item"].isin(GENERIC_ITEMS) & (f["item"] != "")]
    # only the columns whose meaning is known: an unknown column name says nothing about its basis
    f = f[f["column"].isin(COLUMN_FAMILY)]
    f = f.assign(family=f["column"].map(COLUMN_FAMILY), fid=f.index.to_numpy())
    # one figure per (report, table, item, family): repeated labels inside a table are not claims
    f = f.drop_duplicates(["report", "table", "item", "family"], keep=False)
    grp = f.groupby(["report", "item", "family"], sort=False)["fid"]
    first = grp.transform("min")
    others = f[f["fid"] != first]
    if others.empty:
        return None, None
    inst = make_instances(
        rule.code,
        check=others["fid"],
        stated_fact=others["fid"],
        report=others["report"],
        table=others["table"],
        label=others["label"],
        column=others["column"],
    )
    return inst, make_links(others["fid"], first[others.index].to_numpy("int64"), "num")
