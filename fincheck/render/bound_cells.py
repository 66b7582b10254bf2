"""The figures of a check as a renderer shows them: a constant bound as its bound.

A failing check of a constant bound (the ``range`` and ``nonnegative`` binders: a share within
0–100%, an amount not below 0) is not a recomputation: it is shown as the stated figure, the
bounds ("界限 0–100%") and by how much it is outside them ("超出 162"), never as "expected 100,
difference 162". The data (``expected`` = the crossed bound, ``difference``) stay as they are
in the checks frame, the JSON and the CSV.
"""

from __future__ import annotations

import math

from ..model.location import on_operands
from .labels import fmt_num, label

#: binders whose bounds are constants of the rule (``params.lo`` / ``params.hi``)
CONSTANT_BINDERS = {"range": None, "nonnegative": (0.0, None)}

WORDS = {
    "bounds": {"zh": "界限", "en": "bounds"},
    "outside_by": {"zh": "超出", "en": "outside by"},
    "at_least": {"zh": "≥ {lo}", "en": "≥ {lo}"},
    "at_most": {"zh": "≤ {hi}", "en": "≤ {hi}"},
    #: a stated figure the input does not print (shares against a 100% their total leaves out)
    "implied": {"zh": "隐含", "en": "implied"},
}


def constant_bounds(rules) -> dict[str, tuple[float | None, float | None]]:
    """``{code: (lo, hi)}`` for the rules whose bounds are constants (either may be None)."""
    out: dict[str, tuple[float | None, float | None]] = {}
    for rule in rules or []:
        params = getattr(rule, "params", None) or {}
        bind = params.get("bind")
        if getattr(rule, "kind", "") != "bound" or bind not in CONSTANT_BINDERS:
            continue
        fixed = CONSTANT_BINDERS[bind]
        lo, hi = fixed if fixed is not None else (params.get("lo"), params.get("hi"))
        out[rule.code] = (None if lo is None else float(lo), None if hi is None else float(hi))
    return out


def figure_words(rules) -> dict[str, dict[str, dict[str, str]]]:
    """``{code: {"expected": {zh, en}}}`` for the rules whose figures have words of their own
    (TXT011's expected figure is a table's figure, 表格数, not a computed one, 计算数)."""
    return {r.code: r.figure_words for r in rules or [] if getattr(r, "figure_words", None)}


def bounds_text(lo: float | None, hi: float | None, unit: str, lang: str) -> str:
    """ "0–100%", "≥ 0", "≤ 100%"."""
    u = unit or ""
    if lo is not None and hi is not None:
        return f"{fmt_num(lo)}–{fmt_num(hi)}{u}"
    if lo is not None:
        return WORDS["at_least"][lang].format(lo=fmt_num(lo) + u)
    return WORDS["at_most"][lang].format(hi=fmt_num(hi) + u)


def _word(key: str, lang: str) -> str:
    return WORDS[key].get(lang, WORDS[key]["en"])


def figures(row, bounds: dict, lang: str, words: dict | None = None) -> list[tuple[str, str]]:
    """``[(header, figure)]`` of one check: stated, expected, difference; for a failing
    constant bound stated, bounds and how far outside; ``words``: the rules' own words for
    their figures (:func:`figure_words`)."""
    stated = (label("stated", lang), fmt_num(row.stated))
    if _implied(row):
        stated = (_word("implied", lang), fmt_num(row.stated))
    if row.rule in bounds and row.status == "fail":
        lo, hi = bounds[row.rule]
        unit = getattr(row, "unit", "") or ""
        unit = unit if unit == "%" else ""
        by = row.difference
        by = fmt_num(abs(by)) if isinstance(by, int | float) and not math.isnan(by) else ""
        return [stated, (_word("bounds", lang), bounds_text(lo, hi, unit, lang)), (_word("outside_by", lang), by)]
    own = ((words or {}).get(row.rule) or {}).get("expected") or {}
    return [
        stated,
        (own.get(lang) or own.get("en") or label("expected", lang), fmt_num(row.expected)),
        (label("difference", lang), fmt_num(row.difference)),
    ]


def _implied(row) -> bool:
    """Whether the check's stated figure is not printed: a finding placed at one of its own
    operands (:func:`fincheck.model.location.on_operands`), shares that must add up to a 100%
    their total does not print."""
    return bool(on_operands(getattr(row, "location", None), getattr(row, "related", None)))


def cells(row, bounds: dict, lang: str, words: dict | None = None) -> list[str]:
    """The three figure cells of a table row: a failing constant bound's with their words
    ("界限 0–100%", "超出 162"), and an expected figure that is no computed one with its
    rule's word ("表格数 400.00"), since the column headers say expected and difference."""
    shown = figures(row, bounds, lang, words)
    if row.rule in bounds and row.status == "fail":
        return [shown[0][1], *(f"{name} {value}" if value else "" for name, value in shown[1:])]
    values = [value for _, value in shown]
    if _implied(row) and values[0]:
        values[0] = f"{shown[0][0]} {values[0]}"  # 隐含 100: no 100 is printed
    if row.rule in (words or {}) and values[1]:
        values[1] = f"{shown[1][0]} {values[1]}"
    return values
