"""Relations written as formulas over named items and columns.

``[收入总计] = [本年收入合计] + [使用非财政拨款结余?] + [年初结转和结余]`` is checked in every
value column of every table the rule applies to; ``[@本年支出合计] = [@基本支出] + [@项目支出]``
(empty item: the same row) on every row; ``[T1:本年收入合计@决算数] = [T2:合计@本年收入合计]``
across the tables of a report. The first reference of the left side is the stated figure; a
``?`` operand counts as 0 when absent. Ratios are written ``[a] = [b] / [c] * 100``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..contract import make_instances, make_links, no_links
from ..errors import RuleError
from ..formula import BinOp, FormulaError, Num, Ref, linear_terms, parse_relation
from ..labels import canonical_column, canonical_item
from .registry import binder

if TYPE_CHECKING:
    from ..catalogue import Rule


class Compiled:
    """A relation in canonical form: stated ~ factor·(Σ num)/(Σ den) + offset, or stated ~ Σ num."""

    def __init__(
        self,
        stated: Ref,
        stated_coef: float,
        num: list[tuple[float, Ref]],
        den: list[tuple[float, Ref]] | None,
        factor: float,
        op: str,
    ) -> None:
        self.stated, self.stated_coef, self.num, self.den, self.factor, self.op = (
            stated,
            stated_coef,
            num,
            den,
            factor,
            op,
        )

    @property
    def refs(self) -> list[Ref]:
        return [self.stated] + [r for _, r in self.num] + [r for _, r in (self.den or [])]


@lru_cache(maxsize=1024)
def compile_formula(text: str) -> Compiled:
    """The relation of a formula text, parsed once per text (a rule is bound once per facts
    frame; the catalogue's validation parses every formula first). Treat it as read-only."""
    lhs, op, rhs = parse_relation(text)
    left = linear_terms(lhs)
    if not left:
        raise FormulaError("the left side must be a sum of references")
    (c0, stated), rest = left[0], left[1:]
    right = linear_terms(rhs)
    if right is not None:
        num = [(c / c0, r) for c, r in right] + [(-c / c0, r) for c, r in rest]
        return Compiled(stated, c0, num, None, 1.0, op if c0 > 0 else {"le": "ge", "ge": "le"}.get(op, op))
    if rest or c0 != 1:
        raise FormulaError("a ratio relation needs a single reference on the left")
    factor = 1.0
    node = rhs
    if isinstance(node, BinOp) and node.op == "*" and isinstance(node.right, Num):
        factor, node = node.right.value, node.left
    if isinstance(node, BinOp) and node.op == "/":
        num, den = linear_terms(node.left), linear_terms(node.right)
        if num is not None and den is not None:
            return Compiled(stated, 1.0, num, den, factor, op)
    raise FormulaError("the right side must be linear, or a ratio of linear forms times a constant")


def _validate(rule: Rule) -> None:
    text = rule.params.get("formula")
    if not isinstance(text, str):
        raise RuleError(rule.path, "a formula rule needs params.formula (text)", rule.code, "params.formula")
    try:
        compile_formula(text)
    except FormulaError as exc:
        raise RuleError(rule.path, exc.template, rule.code, "params.formula", **exc.values) from None


VALUE_ROLES = ("amount", "count", "score", "share", "rate", "growth", "change")
#: the columns a formula joins its references on
JOIN_KEYS = ("report", "table", "row", "column")


class FactIndex:
    """The value facts indexed once per facts frame: positions by (table type, item, column),
    and integer codes of the join keys (report, table, row, column).

    A formula reference selects the facts of its item and column in the rule's tables (a
    lookup here), and a rule's references are joined on these codes with numpy: no pandas
    frame, mask or merge per rule."""

    def __init__(self, facts: pd.DataFrame) -> None:
        self.facts = facts
        pos = np.flatnonzero(facts["role"].isin(VALUE_ROLES).to_numpy())
        keys = pd.DataFrame(
            {
                "t": facts["table_type"].array.take(pos),
                "i": facts["item"].array.take(pos),
                "c": facts["column"].array.take(pos),
            }
        )
        self._groups: dict[tuple[str, ...], dict] = {}
        self._keys, self._pos = keys, pos
        # NaN is a value of its own, as in a pandas merge
        self.codes: dict[str, np.ndarray] = {}
        self.uniques: dict[str, pd.Index] = {}
        for k in JOIN_KEYS:
            codes, uniques = pd.factorize(facts[k], use_na_sentinel=False)
            self.codes[k], self.uniques[k] = codes, pd.Index(uniques)
        self.stated = facts["value"].notna().to_numpy()
        self._objects: dict[str, np.ndarray] = {}
        self._arrays: dict[str, np.ndarray] = {}
        self._texts: dict[str, pd.api.extensions.ExtensionArray] = {}
        self._masks: dict[tuple, np.ndarray] = {}

    def factorized(self, column: str) -> tuple[np.ndarray, pd.Index]:
        """Integer codes of ``facts[column]`` and its distinct values, built once per facts frame."""
        if column not in self.codes:
            codes, uniques = pd.factorize(self.facts[column], use_na_sentinel=False)
            self.codes[column], self.uniques[column] = codes, pd.Index(uniques)
        return self.codes[column], self.uniques[column]

    def isin(self, column: str, values) -> np.ndarray:
        """``facts[column].isin(values)`` as a boolean array, by the column's codes (each mask
        built once per facts frame: most rules ask for the same roles and tables; a copy is
        returned, the caller may change it)."""
        values = tuple(values)
        key = (column, values)
        try:
            mask = self._masks.get(key)
        except TypeError:  # unhashable values: not kept
            key, mask = None, None
        if mask is None:
            codes, uniques = self.factorized(column)
            wanted = uniques.get_indexer(pd.Index(list(values), dtype=object))
            mask = np.isin(codes, wanted[wanted >= 0])
            if key is not None:
                self._masks[key] = mask
        return mask.copy()

    def array(self, column: str) -> np.ndarray:
        """``facts[column]`` as a numpy array (numeric and bool columns), taken once."""
        arr = self._arrays.get(column)
        if arr is None:
            arr = self._arrays[column] = self.facts[column].to_numpy()
        return arr

    def text(self, column: str, ids: np.ndarray) -> pd.api.extensions.ExtensionArray:
        """``facts[column]`` at ``ids`` as a str array (taken by pyarrow, not as Python objects)."""
        arr = self._texts.get(column)
        if arr is None:
            arr = self._texts[column] = self.facts[column].array
        return arr.take(np.asarray(ids, dtype="int64"))

    def objects(self, column: str) -> np.ndarray:
        """``facts[column]`` as an object array, converted once per facts frame."""
        arr = self._objects.get(column)
        if arr is None:
            arr = self._objects[column] = self.facts[column].to_numpy(object)
        return arr

    def positions(self, ttypes: tuple[str, ...] | None, item: str | None, column: str | None) -> np.ndarray:
        by = tuple(k for k, v in (("t", ttypes), ("i", item), ("c", column)) if v is not None)
        if not by:
            return self._pos
        groups = self._groups.get(by)
        if groups is None:
            groups = self._keys.groupby(list(by), sort=False, dropna=False).indices
            self._groups[by] = groups
        found = []
        for t in ttypes if ttypes is not None else (None,):
            key = tuple(x for x in (t, item, column) if x is not None)
            hit = groups.get(key if len(key) > 1 else key[0])
            if hit is not None:
                found.append(hit)
        if not found:
            return self._pos[:0]
        return self._pos[np.sort(np.concatenate(found))]


_last: list[FactIndex] = []


def fact_index(facts: pd.DataFrame) -> FactIndex:
    """The index of ``facts`` (the last one built is kept: the engine binds all rules over one frame)."""
    if _last and _last[0].facts is facts:
        return _last[0]
    index = FactIndex(facts)
    _last[:] = [index]
    return index


def in_tables(rule: Rule, facts: pd.DataFrame) -> pd.DataFrame:
    """Facts of the table types a rule applies to (all tables when the rule names none), by
    the facts index's mask (built once for all the rules)."""
    if not rule.tables or "*" in rule.tables:
        return facts
    return facts[fact_index(facts).isin("table_type", rule.tables)]


def _select(facts: pd.DataFrame, ref: Ref, tables: tuple[str, ...]) -> np.ndarray:
    ref_tables = (ref.table,) if ref.table else tables
    ttypes = tuple(ref_tables) if ref_tables and "*" not in ref_tables else None
    item = canonical_item(ref.item) if ref.item else None
    column = canonical_column(ref.column) if ref.column else None
    return fact_index(facts).positions(ttypes, item, column)


def _composite(parts: list[np.ndarray]) -> np.ndarray:
    """One int64 code per row for a tuple of non-negative code columns: equal codes for equal
    tuples (the values themselves mean nothing). Mixed-radix, factorised only when the next
    column would overflow 62 bits, so the codes never overflow."""
    n = len(parts[0]) if parts else 0
    key = np.zeros(n, dtype="int64")
    span = 1  # key < span
    for part in parts:
        part = part.astype("int64") + 1  # -1 (no value) becomes 0
        radix = int(part.max(initial=0)) + 1
        if span * radix >= 2**62:
            key = pd.factorize(key)[0].astype("int64")
            span = int(key.max(initial=0)) + 1
        key = key * radix + part
        span *= radix
    return key


def _first_of_each(key: np.ndarray) -> np.ndarray:
    """Positions of the first row of each key, in row order (``drop_duplicates``)."""
    _, first = np.unique(key, return_index=True)
    return np.sort(first)


def _left_join(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A left join of two key arrays, as pandas orders it: left rows in order, each followed by
    its matches in right's order; (left positions, right positions or -1)."""
    order = np.argsort(right, kind="stable")
    sorted_right = right[order]
    lo = np.searchsorted(sorted_right, left, "left")
    hi = np.searchsorted(sorted_right, left, "right")
    count = hi - lo
    out = np.maximum(count, 1)
    left_pos = np.repeat(np.arange(len(left)), out)
    first = np.cumsum(out) - out
    within = np.arange(int(out.sum())) - np.repeat(first, out)
    matched = np.repeat(count > 0, out)
    right_pos = np.full(len(left_pos), -1, dtype="int64")
    right_pos[matched] = order[(np.repeat(lo, out) + within)[matched]]
    return left_pos, right_pos


@binder(
    "formula",
    {"sum", "cross-foot", "balance", "equal", "bound", "share", "rate", "growth", "score"},
    _validate,
    params=("formula", "columns"),
)
def formula(rule: Rule, facts: pd.DataFrame, context: dict):
    comp = compile_formula(rule.params["formula"])
    refs = comp.refs
    row_mode = any(r.item is None for r in refs)
    col_mode = any(r.column is None for r in refs)
    cross = any(r.table for r in refs)
    keys = ["report"] + ([] if cross else ["table"]) + (["row"] if row_mode else []) + (["column"] if col_mode else [])
    columns = rule.params.get("columns")
    index = fact_index(facts)
    codes = index.codes
    wanted = (
        np.isin(codes["column"], index.uniques["column"].get_indexer([canonical_column(c) for c in columns]))
        if columns
        else None
    )

    def frame(ref: Ref) -> tuple[list[str], np.ndarray]:
        """The reference's facts (ids), one per combination of its join keys."""
        sel = _select(facts, ref, rule.tables)
        if wanted is not None and ref.column is None:
            sel = sel[wanted[sel]]
        k = [
            c
            for c in keys
            if not (c == "row" and ref.item is not None) and not (c == "column" and ref.column is not None)
        ]
        return k, sel[_first_of_each(_composite([codes[c][sel] for c in k]))]

    stated_keys, stated = frame(comp.stated)
    stated = stated[index.stated[stated]]
    # the joined rows: a fact id per reference (-1: absent) and the code of each join key so far
    ids = [stated]
    joined = {c: codes[c][stated] for c in stated_keys}
    for ref in refs[1:]:
        k, other = frame(ref)
        on = [c for c in k if c in joined]
        both = _composite([np.concatenate([joined[c], codes[c][other]]) for c in on])
        left, right = _left_join(both[: len(ids[0])], both[len(ids[0]) :])
        ids = [f[left] for f in ids]
        hit = right >= 0
        found = np.full(len(right), -1, dtype="int64")
        found[hit] = other[right[hit]]
        joined = {c: v[left] for c, v in joined.items()}
        for c in k:
            if c not in joined:
                joined[c] = np.full(len(found), -1, dtype="int64")
                joined[c][hit] = codes[c][found[hit]]
        ids.append(found)
    keep = _first_of_each(ids[0])  # one check per stated figure
    ids = [f[keep] for f in ids]
    n = len(ids[0])
    if not n:
        return None, None
    check = np.arange(n)
    f0 = ids[0].astype("int64")
    missing = np.zeros(n, dtype=bool)
    any_num = np.zeros(n, dtype=bool)  # a check with every (optional) operand absent is not a check
    link_checks, link_facts, link_roles, link_coefs = [], [], [], []
    terms = [("num", c, r) for c, r in comp.num] + [("den", c, r) for c, r in (comp.den or [])]
    for i, (role, coef, ref) in enumerate(terms, start=1):
        fid = ids[i]
        absent = fid < 0
        if not ref.optional:
            missing |= absent
        if role == "num":
            any_num |= ~absent
        ok = ~absent
        link_checks.append(check[ok])
        link_facts.append(fid[ok])
        link_roles.append(np.full(int(ok.sum()), role, dtype=object))
        link_coefs.append(np.full(int(ok.sum()), coef, dtype="float64"))
    missing |= ~any_num & bool(comp.num)
    inst = make_instances(
        rule.code,
        check=check,
        stated_fact=f0,
        report=index.text("report", f0),
        table=index.text("table", f0),
        label=index.text("label", f0),
        column=index.text("column", f0),
        op=comp.op,
        form="ratio" if comp.den else "linear",
        factor=comp.factor,
        status=np.where(missing, "skip", ""),
        note=np.where(missing, "operand not stated", ""),
    )
    if not terms:
        return inst, no_links()
    links = make_links(
        np.concatenate(link_checks),
        np.concatenate(link_facts).astype("int64"),
        np.concatenate(link_roles),
        np.concatenate(link_coefs),
    )
    return inst, links
