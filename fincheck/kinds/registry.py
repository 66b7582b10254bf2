"""The binders' registry: each kind module registers its binders here (kept apart from the
package, so that the kind modules and :mod:`fincheck.kinds` do not import each other)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # only for annotations: the catalogue imports the kinds to validate rules
    from ..catalogue import Rule

Binder = Callable[["Rule", pd.DataFrame, dict], tuple[pd.DataFrame, pd.DataFrame]]

_BINDERS: dict[str, tuple[Binder, frozenset[str], Callable[[Rule], None] | None]] = {}
#: binder → the ``params`` keys it reads (besides ``bind``)
PARAMS: dict[str, frozenset[str]] = {}


def binder(name: str, kinds: set[str], validate: Callable[[Rule], None] | None = None, params: tuple[str, ...] = ()):
    def register(fn: Binder) -> Binder:
        _BINDERS[name] = (fn, frozenset(kinds), validate)
        PARAMS[name] = frozenset(params)
        return fn

    return register


def in_tables(rule: Rule, facts: pd.DataFrame) -> pd.DataFrame:
    """Facts of the table types a rule applies to (all tables when the rule names none)."""
    if not rule.tables or "*" in rule.tables:
        return facts
    from .formula import fact_index  # the facts' index, built once for all the rules

    return facts[fact_index(facts).isin("table_type", rule.tables)]
