"""Bounds on stated figures: a share, rate or amount within [lo, hi] (constants).

``range`` selects facts by ``roles`` and/or ``columns`` and checks ``value ≥ lo`` and
``value ≤ hi`` (either may be omitted). Rounding counts in the figure's favour: a printed
100.00% may stand for 99.995%.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..contract import make_instances, no_links
from ..errors import RuleError
from ..labels import canonical_column
from .formula import in_tables
from .registry import binder

if TYPE_CHECKING:
    from ..catalogue import Rule


def _validate(rule: Rule) -> None:
    p = rule.params
    if "lo" not in p and "hi" not in p:
        raise RuleError(rule.path, "a range rule needs params.lo and/or params.hi", rule.code, "params")
    for key in ("lo", "hi"):
        if key in p and (not isinstance(p[key], int | float) or isinstance(p[key], bool)):
            raise RuleError(
                rule.path,
                "params.{key} {value} is not a number",
                rule.code,
                f"params.{key}",
                key=key,
                value=repr(p[key]),
            )
    if not p.get("roles") and not p.get("columns"):
        raise RuleError(rule.path, "a range rule needs params.roles or params.columns", rule.code, "params")


@binder("range", {"bound"}, _validate, params=("lo", "hi", "roles", "columns"))
def value_range(rule: Rule, facts: pd.DataFrame, context: dict):
    f = in_tables(rule, facts)
    if f.empty:  # none of its tables: nothing to bind
        return None, None
    f = f[f["value"].notna()]
    if rule.params.get("roles"):
        f = f[f["role"].isin(rule.params["roles"])]
    if rule.params.get("columns"):
        f = f[f["column"].isin([canonical_column(c) for c in rule.params["columns"]])]
    if f.empty:
        return None, None
    base = {
        "stated_fact": f.index,
        "report": f["report"],
        "table": f["table"],
        "label": f["label"],
        "column": f["column"],
    }
    parts = []
    if "lo" in rule.params:
        parts.append(make_instances(rule.code, **base, op="ge", offset=float(rule.params["lo"])))
    if "hi" in rule.params:
        parts.append(make_instances(rule.code, **base, op="le", offset=float(rule.params["hi"])))
    inst = pd.concat(parts, ignore_index=True)
    inst["check"] = np.arange(len(inst))
    return inst, no_links()
