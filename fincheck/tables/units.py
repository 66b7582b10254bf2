"""Unit lines that contradict each other: the same figures printed under 元 in one table and
万元 in another of the same report (rule SCH003)."""

from __future__ import annotations

import pandas as pd

from ..model import SchemaIssue
from ..model.units import MONEY_UNITS

MIN_SHARED = 3  # identical figures needed before two tables are taken to be the same data
MAX_TABLES_PER_FIGURE = 32  # tables compared for one printed figure (the first ones, in document order)


def unit_conflicts(facts: pd.DataFrame) -> list[SchemaIssue]:
    """Pairs of tables of one report with different money units whose shared items carry the
    same printed figures: at least one unit line is wrong (a figure cannot be both)."""
    money = facts[(facts["role"] == "amount") & facts["value"].notna() & (facts["value"] != 0)]
    money = money[money["unit"].isin(MONEY_UNITS) & (money["item"] != "")]
    if money.empty:
        return []
    scales = money["scale"].to_numpy("float64")
    if not (scales != scales[0]).any():  # one money unit throughout (and no unknown scale): no pair differs
        return []
    # document order of the tables: the later one is reported, at its first shared figure
    order = facts.reset_index().groupby(["report", "table"], sort=False)["index"].min().rename("order")
    cols = ["report", "table", "item", "value", "unit", "scale", "location", "loc"]
    a = money[cols].join(order, on=["report", "table"])
    # one row per table and figure, and at most MAX_TABLES_PER_FIGURE tables per figure: the
    # self-merge stays linear however often one figure is printed (8,333 times made 69 million pairs)
    a = a.drop_duplicates(["report", "table", "item", "value"])
    a = a[a.groupby(["report", "item", "value"], sort=False).cumcount() < MAX_TABLES_PER_FIGURE]
    pairs = a.merge(a, on=["report", "item", "value"], suffixes=("", "_o"))
    pairs = pairs[(pairs["order"] < pairs["order_o"]) & (pairs["scale"] != pairs["scale_o"])]
    if pairs.empty:
        return []
    grouped = pairs.groupby(["report", "table", "table_o"], sort=False)
    issues = []
    for (report, table, other), grp in grouped:
        shared = grp.drop_duplicates("item")
        if len(shared) < MIN_SHARED:
            continue
        first = shared.iloc[0]
        sample = "、".join(f"{v:g}" for v in shared["value"].head(3))
        issues.append(
            SchemaIssue(
                "SCH003",
                str(report),
                str(other),
                first["location_o"],
                f"The unit of {other} ({first['unit_o']}) contradicts {table} ({first['unit']})",
                fields={
                    "table": table,
                    "unit": first["unit"],
                    "other": other,
                    "other_unit": first["unit_o"],
                    "sample": sample,
                    "n": len(shared),
                },
            )
        )
    return issues
