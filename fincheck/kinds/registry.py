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
