"""Relations written as formulas over named items and columns.

``[收入总计] = [本年收入合计] + [使用非财政拨款结余?] + [年初结转和结余]`` is checked in every
value column of every table the rule applies to; ``[@本年支出合计] = [@基本支出] + [@项目支出]``
(empty item: the same row) on every row; ``[T1:本年收入合计@决算数] = [T2:合计@本年收入合计]``
across the tables of a report. The first reference of the left side is the stated figure; a
``?`` operand counts as 0 when absent. Ratios are written ``[a] = [b] / [c] * 100``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..contract import concat_links, make_instances, make_links
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


def compile_formula(text: str) -> Compiled:
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
        raise RuleError(rule.path, str(exc), rule.code, "params.formula") from None


VALUE_ROLES = ("amount", "count", "score", "share", "rate", "growth", "change")


class FactIndex:
    """Positions of the value facts by (table type, item, column), built once per facts frame.

    A formula reference selects the facts of its item and column in the rule's tables: a
    lookup here instead of four masks over the whole frame per reference."""

    def __init__(self, facts: pd.DataFrame) -> None:
        self.facts = facts
        pos = np.flatnonzero(facts["role"].isin(VALUE_ROLES).to_numpy())
        keys = pd.DataFrame(
            {
                "t": facts["table_type"].to_numpy(object)[pos],
                "i": facts["item"].to_numpy(object)[pos],
                "c": facts["column"].to_numpy(object)[pos],
            }
        )
        self._groups: dict[tuple[str, ...], dict] = {}
        self._keys, self._pos = keys, pos

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


def _select(facts: pd.DataFrame, ref: Ref, tables: tuple[str, ...]) -> pd.DataFrame:
    ref_tables = (ref.table,) if ref.table else tables
    ttypes = tuple(ref_tables) if ref_tables and "*" not in ref_tables else None
    item = canonical_item(ref.item) if ref.item else None
    column = canonical_column(ref.column) if ref.column else None
    return facts.iloc[fact_index(facts).positions(ttypes, item, column)]


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

    def frame(ref: Ref, i: int) -> pd.DataFrame:
        sel = _select(facts, ref, rule.tables)
        if columns and ref.column is None:
            sel = sel[sel["column"].isin([canonical_column(c) for c in columns])]
        k = [
            c
            for c in keys
            if not (c == "row" and ref.item is not None) and not (c == "column" and ref.column is not None)
        ]
        out = sel[k].copy()
        out[f"f{i}"] = sel.index.to_numpy()
        return out.drop_duplicates(k)

    stated = frame(comp.stated, 0)
    stated = stated[facts.loc[stated["f0"], "value"].notna().to_numpy()]
    merged = stated
    for i, ref in enumerate(refs[1:], start=1):
        other = frame(ref, i)
        on = [c for c in other.columns if c in merged.columns and not c.startswith("f")]
        merged = merged.merge(other, on=on, how="left") if on else merged.merge(other, how="cross")
    merged = merged.drop_duplicates("f0").reset_index(drop=True)
    if merged.empty:
        return None, None
    merged["check"] = np.arange(len(merged))
    f0 = merged["f0"].to_numpy("int64")
    missing = np.zeros(len(merged), dtype=bool)
    any_num = np.zeros(len(merged), dtype=bool)  # a check with every (optional) operand absent is not a check
    links = []
    terms = [("num", c, r) for c, r in comp.num] + [("den", c, r) for c, r in (comp.den or [])]
    for i, (role, coef, ref) in enumerate(terms, start=1):
        fid = merged[f"f{i}"]
        absent = fid.isna().to_numpy()
        if not ref.optional:
            missing |= absent
        if role == "num":
            any_num |= ~absent
        ok = ~absent
        links.append(make_links(merged["check"].to_numpy()[ok], fid[ok].to_numpy("int64"), role, coef))
    missing |= ~any_num & bool(comp.num)
    inst = make_instances(
        rule.code,
        check=merged["check"],
        stated_fact=f0,
        report=facts["report"].to_numpy(object)[f0],
        table=facts["table"].to_numpy(object)[f0],
        label=facts["label"].to_numpy(object)[f0],
        column=facts["column"].to_numpy(object)[f0],
        op=comp.op,
        form="ratio" if comp.den else "linear",
        factor=comp.factor,
        status=np.where(missing, "skip", ""),
        note=np.where(missing, "operand not stated", ""),
    )
    return inst, concat_links(links)
