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
on integer codes of the facts index (report, key, column); a stated figure with no counterpart is not a check. Matching ignores
blank (NaN) figures on the stated side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..contract import make_instances, make_links
from ..errors import RuleError
from ..labels import canonical_column, canonical_item
from .formula import FactIndex, _composite, _first_of_each, _left_join, fact_index
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


def _side(index: FactIndex, spec: dict) -> np.ndarray:
    """Fact ids of one side's amounts (a mask over the facts index, no frame per filter)."""
    keep = index.isin("table_type", [spec["table"]]) & index.isin("role", ["amount"])
    cols = [canonical_column(c) for c in _as_list(spec.get("column"))]
    if cols:
        keep &= index.isin("column", cols)
    items = [canonical_item(i) for i in _as_list(spec.get("item"))]
    if items:
        keep &= index.isin("item", items)
    lens = [int(n) for n in _as_list(spec.get("code_len"))]
    if lens:
        codes, uniques = index.factorized("code")
        keep &= np.isin(codes, np.flatnonzero(np.isin(uniques.str.len(), lens)))
    return np.flatnonzero(keep)


def _key(index: FactIndex, ids: np.ndarray, key: str, stated: bool) -> np.ndarray:
    """The match key of each fact (an object array of text)."""
    if key == "code":
        return _objects(index, "code", ids)
    if key == "code-or-item":
        code = _objects(index, "code", ids)
        items = _objects(index, "item", ids)
        return np.where(code != "", code, np.array(["item:" + i for i in items], dtype=object))
    if key == "item=column":
        return _objects(index, "item" if stated else "column", ids)
    return _objects(index, "item", ids)


def _objects(index: FactIndex, column: str, ids: np.ndarray) -> np.ndarray:
    return index.text(column, ids).to_numpy(object)


def _codes(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Common integer codes of two arrays of values (NaN a value of its own, as in a merge)."""
    codes = pd.factorize(np.concatenate([left, right]), use_na_sentinel=False)[0]
    return codes[: len(left)], codes[len(left) :]


@binder("match", {"equal", "bound"}, _validate, params=("stated", "other", "key", "columns", "op"))
def match(rule: Rule, facts: pd.DataFrame, context: dict):
    p = rule.params
    key = p.get("key", "item")
    index = fact_index(facts)
    s = _side(index, p["stated"])
    s = s[index.stated[s]]
    o = _side(index, p["other"])
    if not len(s) or not len(o):
        return None, None
    s = s[_key(index, s, key, True) != ""]
    # the join keys, as codes common to both sides: report, key and (maybe) a column
    parts = [
        (index.codes["report"][s], index.codes["report"][o]),
        _codes(_key(index, s, key, True), _key(index, o, key, False)),
    ]
    pairs = p.get("columns")
    if pairs:
        mapping = {canonical_column(a): canonical_column(b) for a, b in pairs.items()}
        stated_columns = _objects(index, "column", s)
        named = np.array([c in mapping for c in stated_columns], dtype=bool)  # other columns are not checks
        s = s[named]
        parts = [(left[named], right) for left, right in parts]
        mapped = np.array([mapping[c] for c in stated_columns[named]], dtype=object)
        parts.append(_codes(mapped, _objects(index, "column", o)))
    elif key != "item=column":
        # without a column map, the same column name on both sides (or any, when one side names one column)
        same = len(_as_list(p["stated"].get("column"))) != 1 and len(_as_list(p["other"].get("column"))) != 1
        if same:
            parts.append((index.codes["column"][s], index.codes["column"][o]))
    both = _composite([np.concatenate([left, right]) for left, right in parts])
    left, right = _left_join(both[: len(s)], both[len(s) :])
    hit = right >= 0
    stated, other = s[left[hit]], o[right[hit]]
    # one counterpart per stated figure: the first (repeated labels are not claims)
    first = _first_of_each(stated)
    if not len(first):
        return None, None
    sf = stated[first].astype("int64")
    inst = make_instances(
        rule.code,
        check=sf,
        stated_fact=sf,
        report=index.text("report", sf),
        table=index.text("table", sf),
        label=index.text("label", sf),
        column=index.text("column", sf),
        op=p.get("op", "eq"),
    )
    return inst, make_links(sf, other[first].astype("int64"), "num")
