"""Resolving the operands of a stated percentage: its numerator column and its base.

A share fact (role ``share``) has ``of`` = the amount column of its numerator and ``base`` =
an expression of item names ("" = the parent row). A rate fact has ``of`` =
"numerator/denominator" columns of the same row, or a base expression for the denominator.
Base items are looked up in the same table first, then anywhere in the same report; the
column is the numerator's when the base item has it, else its only amount column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..formula import FormulaError, linear_terms, parse_expr
from ..labels import canonical_item


def _amount_at(facts: pd.DataFrame, pct: pd.DataFrame, rows: np.ndarray, column: pd.Series) -> np.ndarray:
    """Fact id of the amount in ``column`` on the given row of each percentage's table (-1: none)."""
    amounts = facts[facts["role"] == "amount"][["report", "table", "row", "column"]].copy()
    amounts["fid"] = amounts.index.to_numpy()
    want = pd.DataFrame(
        {
            "report": pct["report"].to_numpy(),
            "table": pct["table"].to_numpy(),
            "row": rows,
            "column": column.to_numpy(),
            "_i": np.arange(len(pct)),
        }
    )
    hit = want.merge(amounts, on=["report", "table", "row", "column"], how="left").drop_duplicates("_i")
    return hit.sort_values("_i")["fid"].fillna(-1).to_numpy("int64")


def same_row(facts: pd.DataFrame, pct: pd.DataFrame, column: pd.Series) -> np.ndarray:
    """The amount in ``column`` on the same row as each percentage fact."""
    return _amount_at(facts, pct, pct["row"].to_numpy(), column)


def parent_row(facts: pd.DataFrame, pct: pd.DataFrame, column: pd.Series) -> np.ndarray:
    """The amount in ``column`` on the parent row of each percentage fact."""
    return _amount_at(facts, pct, pct["parent"].to_numpy(), column)


def expression_terms(pct: pd.DataFrame) -> pd.DataFrame:
    """(i, item, coef) for each non-empty base expression; raises FormulaError naming the cell."""
    rows = []
    for i, (expr, loc) in enumerate(zip(pct["base"].to_numpy(), pct["loc"].to_numpy(), strict=True)):
        if not expr:
            continue
        try:
            terms = linear_terms(parse_expr(expr, bare_names=True))
        except FormulaError as exc:
            raise FormulaError("{where}: base {expr}: {detail}", where=loc, expr=repr(expr), detail=exc) from None
        if terms is None:
            raise FormulaError("{where}: base {expr} must be a sum or difference of items", where=loc, expr=repr(expr))
        rows.extend((i, canonical_item(ref.item or ""), coef) for coef, ref in terms)
    return pd.DataFrame(rows, columns=["_i", "item", "coef"])


def lookup_terms(facts: pd.DataFrame, pct: pd.DataFrame, terms: pd.DataFrame, column: pd.Series) -> pd.DataFrame:
    """Resolve base terms to fact ids: (_i, fact, coef); unresolved terms get fact -1."""
    if terms.empty:
        return pd.DataFrame(columns=["_i", "fact", "coef"])
    amounts = facts[facts["role"] == "amount"][["report", "table", "item", "column"]].copy()
    amounts["fid"] = amounts.index.to_numpy()
    t = terms.copy()
    t["report"] = pct["report"].to_numpy()[t["_i"].to_numpy()]
    t["table"] = pct["table"].to_numpy()[t["_i"].to_numpy()]
    t["want_col"] = column.to_numpy()[t["_i"].to_numpy()]
    t["_t"] = np.arange(len(t))
    hit = t.merge(amounts, on=["report", "item"], how="left", suffixes=("", "_f"))
    # rank: same table and same column first, then same column, then same table, then any
    same_table = hit["table"] == hit["table_f"]
    same_col = hit["column"] == hit["want_col"]
    hit["rank"] = np.where(same_table & same_col, 0, np.where(same_col, 1, np.where(same_table, 2, 3)))
    hit = hit.sort_values(["_t", "rank", "fid"]).drop_duplicates("_t")
    return pd.DataFrame(
        {
            "_i": hit["_i"].to_numpy(),
            "fact": hit["fid"].fillna(-1).to_numpy("int64"),
            "coef": hit["coef"].to_numpy("float64"),
        }
    )


def split_of(of: pd.Series) -> tuple[pd.Series, pd.Series]:
    parts = of.str.split("/", n=1, expand=True)
    num = parts[0].fillna("")
    den = parts[1].fillna("") if parts.shape[1] > 1 else pd.Series("", index=of.index)
    return num, den
