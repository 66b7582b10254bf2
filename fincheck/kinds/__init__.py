"""Check kinds: the code behind the rules.

A rule (data, in ``rules/``) names its ``kind`` and, in ``params.bind``, the binder that finds
its operands among the facts — or, in ``params.emit``, the emitter of a stage that checks it
itself (:mod:`fincheck.emitters`). A binder returns an instance frame and a link frame built
with :mod:`fincheck.contract`; the engine evaluates all of them at once. Each binder declares
the ``params`` it reads: a rule with any other key is an error.

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

from ..emitters import EMITTERS
from ..errors import RuleError
from .formula import in_tables
from .registry import _BINDERS, PARAMS, Binder, binder

if TYPE_CHECKING:  # only for annotations: the catalogue imports this package to validate rules
    from ..catalogue import Rule


def _load() -> None:
    from . import bound, formula, hierarchy, match, rowratio, same, score, texttable  # noqa: F401  (registration)


def _validate_emit(rule: Rule) -> None:
    name = rule.params["emit"]
    if name not in EMITTERS:
        raise RuleError(
            rule.path,
            "params.emit {name} is not one of {choices}",
            rule.code,
            "params.emit",
            name=repr(name),
            choices=", ".join(sorted(EMITTERS)),
        )
    if rule.kind not in EMITTERS[name].kinds:
        kinds = ", ".join(sorted(EMITTERS[name].kinds))
        raise RuleError(
            rule.path,
            "emitter {who} serves kinds {kinds}, not {value}",
            rule.code,
            "kind",
            who=repr(name),
            kinds=kinds,
            value=repr(rule.kind),
        )
    extra = sorted(set(rule.params) - {"emit"})
    if extra:
        raise RuleError(rule.path, "params {keys} are read by nothing", rule.code, "params", keys=", ".join(extra))


def unread_params(rule: Rule) -> list[str]:
    """``params`` keys of a rule that neither its binder nor its emitter reads."""
    _load()
    if "emit" in rule.params:
        return sorted(set(rule.params) - {"emit"})
    return sorted(set(rule.params) - {"bind"} - PARAMS.get(rule.params.get("bind"), frozenset()))


def validate_params(rule: Rule) -> None:
    _load()
    if "emit" in rule.params:
        if "bind" in rule.params:
            raise RuleError(rule.path, "a rule has params.bind or params.emit, not both", rule.code, "params")
        _validate_emit(rule)
        return
    if rule.kind in ("schema", "claim"):
        raise RuleError(
            rule.path,
            "a {kind} rule is emitted by a stage: name it in params.emit ({choices})",
            rule.code,
            "params.emit",
            kind=rule.kind,
            choices=", ".join(sorted(EMITTERS)),
        )
    bind_name = rule.params.get("bind")
    if bind_name not in _BINDERS:
        raise RuleError(
            rule.path,
            "params.bind {name} is not one of {choices}",
            rule.code,
            "params.bind",
            name=repr(bind_name),
            choices=", ".join(sorted(_BINDERS)),
        )
    _fn, kinds, validate = _BINDERS[bind_name]
    if rule.kind not in kinds:
        raise RuleError(
            rule.path,
            "binder {who} serves kinds {kinds}, not {value}",
            rule.code,
            "kind",
            who=repr(bind_name),
            kinds=", ".join(sorted(kinds)),
            value=repr(rule.kind),
        )
    if validate:
        validate(rule)
    unread = unread_params(rule)
    if unread:
        reads = ", ".join(sorted(PARAMS[bind_name]))
        raise RuleError(
            rule.path,
            "params {keys} are not read by binder {binder} (it reads {reads})"
            if reads
            else "params {keys} are not read by binder {binder} (it reads no other params)",
            rule.code,
            "params",
            keys=", ".join(unread),
            binder=repr(bind_name),
            reads=reads,
        )


def bind(rule: Rule, facts: pd.DataFrame, context: dict) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    _load()
    if "emit" in rule.params:
        return None, None  # checked by the stage that emits it
    fn, _kinds, _validate = _BINDERS[rule.params["bind"]]
    return fn(rule, facts, context)


def binders() -> dict[str, frozenset[str]]:
    _load()
    return {name: kinds for name, (_f, kinds, _v) in _BINDERS.items()}


__all__ = ["PARAMS", "Binder", "bind", "binder", "binders", "in_tables", "unread_params", "validate_params"]
