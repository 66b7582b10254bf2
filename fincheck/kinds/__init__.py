"""Check kinds: the code behind the rules.

A rule (data, in ``rules/``) names its ``kind`` and, in ``params.bind``, the binder that finds
its operands among the facts. A binder returns an instance frame and a link frame (see
:mod:`fincheck.engine`); the engine evaluates all of them at once.

=================  ==========================================  ==============================
binder             what it checks                              kinds it serves
=================  ==========================================  ==============================
hierarchy          parent = Σ exhaustive children (code,       sum
                   indentation, 合计 over 类)
partial            parent ≥ Σ 其中 children                     bound
row-share          stated share = part / base × 100            share
share-total        Σ sibling shares = parent's share (or 100)  share
row-rate           stated rate = 执行数 / 预算数 × 100           rate
row-growth         stated growth = (本年 / 上年 − 1) × 100;      growth
                   年均: ((本年 / 基年)^(1/n) − 1) × 100
same-figure        one item stated in two tables agrees        equal
formula            a relation over named items and columns     sum, cross-foot, balance,
                                                               equal, bound, share, rate,
                                                               growth, score
nonnegative        amounts ≥ 0                                 bound
range              a figure within [lo, hi] (shares, rates)    bound
row-change         stated change = current − previous          growth
execution-score    得分 = min(执行数/预算数, cap) × 分值          score
score-total        total row = Σ first-level rows (分值, 得分)  score
weights            a 分值 equals its fixed weight               score
grade-band         stated grade matches the total score        score
text-table         a text figure = the table figure of the     equal
                   item it names (same document)
=================  ==========================================  ==============================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..errors import RuleError
from .registry import _BINDERS, Binder, binder, in_tables

if TYPE_CHECKING:  # only for annotations: the catalogue imports this package to validate rules
    from ..catalogue import Rule


def _load() -> None:
    from . import bound, formula, hierarchy, match, rowratio, same, score, texttable  # noqa: F401  (registration)


def validate_params(rule: Rule) -> None:
    _load()
    if rule.kind in ("schema", "claim"):
        return  # produced by loaders and the text pipeline, not by a binder
    bind_name = rule.params.get("bind")
    if bind_name not in _BINDERS:
        raise RuleError(
            rule.path,
            f"params.bind {bind_name!r} is not one of {', '.join(sorted(_BINDERS))}",
            rule.code,
            "params.bind",
        )
    _fn, kinds, validate = _BINDERS[bind_name]
    if rule.kind not in kinds:
        raise RuleError(
            rule.path,
            f"binder {bind_name!r} serves kinds {', '.join(sorted(kinds))}, not {rule.kind!r}",
            rule.code,
            "kind",
        )
    if validate:
        validate(rule)


def bind(rule: Rule, facts: pd.DataFrame, context: dict) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    _load()
    if rule.kind in ("schema", "claim"):
        return None, None
    fn, _kinds, _validate = _BINDERS[rule.params["bind"]]
    return fn(rule, facts, context)


def binders() -> dict[str, frozenset[str]]:
    _load()
    return {name: kinds for name, (_f, kinds, _v) in _BINDERS.items()}


__all__ = ["Binder", "bind", "binder", "binders", "in_tables", "validate_params"]
