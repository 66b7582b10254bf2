"""A range is one check: ``lo ≤ figure ≤ hi`` is shown as one row, "within 0–100%".

The ``range`` binder states a two-sided bound as two instances of one rule on one stated
figure (``ge lo`` and ``le hi``, constants, no operands), so that the engine's one interval
pass handles it like any other comparison. :func:`fold_ranges` joins each such pair of
evaluated checks back into one: a failing side when there is one (its message names the bound
that is crossed), else one passing or skipped row whose message names both bounds and that
has no expected figure or difference (a bound is not a recomputation).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from .messages import unlabelled
from .text_words import TEXT_TABLE, column_name

WITHIN = {
    "zh": "{label}（{column}）列示 {stated}{unit}，在 {lo}–{hi}{unit} 之内",
    "en": "{label} ({column}) {stated}{unit} is within {lo}–{hi}{unit}",
}
#: a one-sided bound that holds (``ge``/``gt`` a floor, ``le``/``lt`` a ceiling)
AT_LEAST = {
    "zh": "{label}（{column}）列示 {stated}{unit}，不低于 {lo}{unit}",
    "en": "{label} ({column}) {stated}{unit} is not below {lo}{unit}",
}
AT_MOST = {
    "zh": "{label}（{column}）列示 {stated}{unit}，不高于 {hi}{unit}",
    "en": "{label} ({column}) {stated}{unit} is not above {hi}{unit}",
}
_RANK = {"fail": 0, "skip": 1, "pass": 2}


def _bound(x: float) -> str:
    return f"{x:.10g}"


def range_pairs(inst: pd.DataFrame, linked: np.ndarray, bound_rules: set[str]) -> pd.Series:
    """For each instance, the id of its range pair (−1 when it is not one side of a range)."""
    side = inst["rule"].isin(bound_rules).to_numpy() & inst["op"].isin(["ge", "le"]).to_numpy() & ~linked
    side &= inst["stated_fact"].to_numpy("int64") >= 0
    key = inst["rule"].astype(str) + "\x1f" + inst["stated_fact"].astype("int64").astype(str)
    key = key.where(side)
    ops = inst["op"].where(side)
    grouped = pd.DataFrame({"key": key, "op": ops}).dropna()
    sides = grouped.groupby("key")["op"].agg(["size", "nunique"])
    pairs = sides.index[((sides["size"] == 2) & (sides["nunique"] == 2)).to_numpy(bool)]
    pair_id = pd.Series(-1, index=inst.index, dtype="int64")
    if len(pairs) == 0:
        return pair_id
    codes = pd.Series(np.arange(len(pairs)), index=pairs)
    hit = key.isin(pairs)
    pair_id[hit] = codes.reindex(key[hit]).to_numpy("int64")
    return pair_id


def fold_ranges(
    checks: pd.DataFrame,
    inst: pd.DataFrame,
    pair_id: pd.Series,
    stated_text: Callable[[int], str],
    lang: str,
    single: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per range pair (see the module docstring); other checks unchanged, in order,
    each keeping its index label.

    ``checks`` and ``inst`` are aligned row by row; ``stated_text(i)`` is row i's stated
    figure as printed. ``single`` marks the one-sided bounds (a constant floor or ceiling):
    those that hold say so ("not below 0") with no expected figure or difference."""
    pid = pair_id.to_numpy()
    if single is not None and single.any():
        checks = _one_sided(checks, inst, single & (pid < 0), stated_text, lang)
    if (pid < 0).all():
        return checks
    rank = checks["status"].map(_RANK).fillna(3).to_numpy()
    frame = pd.DataFrame({"pid": pid, "rank": rank, "pos": np.arange(len(checks))})
    paired = frame[frame["pid"] >= 0].sort_values(["pid", "rank", "pos"])
    keep = paired.drop_duplicates("pid")["pos"].to_numpy()
    drop = np.setdiff1d(paired["pos"].to_numpy(), keep)
    out = checks.copy()
    offset = inst["offset"].to_numpy("float64")
    op = inst["op"].to_numpy(object)
    lo = pd.Series(np.where(op == "ge", offset, np.nan)).groupby(pid).transform("max").to_numpy()
    hi = pd.Series(np.where(op == "le", offset, np.nan)).groupby(pid).transform("max").to_numpy()
    status = out["status"].to_numpy(object)
    within = keep[status[keep] == "pass"]
    labels, columns, tables, units = (
        _taken(frame[name], within)
        for frame, name in ((inst, "label"), (inst, "column"), (inst, "table"), (out, "unit"))
    )
    texts = [  # only the passing ranges, rendered once each
        _said(WITHIN, lang, lb, c, t, stated=stated_text(p), unit=u, lo=_bound(lo[p]), hi=_bound(hi[p]))
        for p, lb, c, t, u in zip(within.tolist(), labels, columns, tables, units, strict=True)
    ]
    _put_messages(out, within, texts)
    _no_recomputation(out, within)
    return out.drop(index=out.index[drop])


def _one_sided(checks: pd.DataFrame, inst: pd.DataFrame, single: np.ndarray, stated_text, lang: str) -> pd.DataFrame:
    holds = np.flatnonzero(single & (checks["status"].to_numpy(object) == "pass"))
    if not len(holds):
        return checks
    out = checks.copy()
    op = inst["op"].to_numpy(object)
    offset = inst["offset"].to_numpy("float64")
    labels, columns, tables, units = (
        _taken(frame[name], holds)
        for frame, name in ((inst, "label"), (inst, "column"), (inst, "table"), (out, "unit"))
    )
    texts = []
    for p, lb, c, t, u in zip(holds.tolist(), labels, columns, tables, units, strict=True):  # the passing ones only
        bound = _bound(offset[p])
        templates = AT_LEAST if op[p] in ("ge", "gt") else AT_MOST
        texts.append(_said(templates, lang, lb, c, t, stated=stated_text(p), unit=u, lo=bound, hi=bound))
    _put_messages(out, holds, texts)
    _no_recomputation(out, holds)
    return out


def _said(templates: dict[str, str], lang: str, label: str, column: str, table: str, **values) -> str:
    """A passing bound's message in ``lang``: a figure of the text has its column said in
    ``lang``, and one with no label the template without it (:func:`fincheck.messages.unlabelled`)."""
    template = templates.get(lang, templates["en"])
    if not label:
        template = unlabelled(template, lang) or template
    if table == TEXT_TABLE:
        column = column_name(column, lang)
    text = template.format(label=label, column=column, **values)
    if label:
        return text
    text = text.lstrip()  # an empty column too
    return text[:1].upper() + text[1:] if lang == "en" else text


def _taken(column: pd.Series, rows: np.ndarray) -> list:
    """The values of ``column`` at positions ``rows`` (only those converted to Python)."""
    return column.array.take(rows).tolist()


def _put_messages(out: pd.DataFrame, rows: np.ndarray, texts: list[str]) -> None:
    """Set the messages at positions ``rows`` (the column stays in the str dtype)."""
    if not len(rows):
        return
    messages = out["message"].array.copy()
    messages[rows] = texts
    out["message"] = messages


def _no_recomputation(out: pd.DataFrame, rows) -> None:
    """A bound that holds is not a recomputation: no expected figure, difference or tolerance."""
    for name in ("expected", "difference", "tolerance"):
        col = out[name].to_numpy("float64").copy()
        col[rows] = np.nan
        out[name] = col
