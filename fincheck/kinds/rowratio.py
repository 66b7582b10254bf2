"""Stated percentages on a row: shares (占比), execution rates (执行率) and growth (增长率)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..contract import concat_links, make_instances
from ..contract import make_links as _links
from ..labels import canonical_column, canonical_item
from .bases import expression_terms, lookup_terms, parent_row, same_row, split_of
from .formula import in_tables
from .registry import binder

if TYPE_CHECKING:
    from ..catalogue import Rule


def _pct(rule: Rule, facts: pd.DataFrame, role: str) -> pd.DataFrame:
    f = in_tables(rule, facts)
    if f.empty:  # none of its tables
        return f
    # text figures carry their own claim checks (TXT rules): a row relation says nothing there
    return f[(f["role"] == role) & f["value"].notna() & (f["table_type"] != "text")]


def _base_links(facts: pd.DataFrame, pct: pd.DataFrame, column: pd.Series, default: np.ndarray):
    """Denominator links: the base expression where given, else ``default`` fact ids."""
    checks = pct.index.to_numpy()
    has_expr = pct["base"].to_numpy() != ""
    terms = lookup_terms(facts, pct, expression_terms(pct), column)
    unresolved = np.zeros(len(pct), dtype=bool)
    if not terms.empty:
        bad = terms[terms["fact"] < 0]["_i"].to_numpy("int64")
        unresolved[bad] = True
        terms = terms[terms["fact"] >= 0]
    expr_links = (
        _links(checks[terms["_i"].to_numpy("int64")], terms["fact"].to_numpy(), "den", terms["coef"].to_numpy())
        if len(terms)
        else _links([], [], "den")
    )
    use_default = ~has_expr & (default >= 0)
    default_links = _links(checks[use_default], default[use_default], "den")
    missing = (~has_expr & (default < 0)) | unresolved
    return concat_links([expr_links, default_links]), missing


def _instances(
    rule: Rule, pct: pd.DataFrame, missing: np.ndarray, factor: float, offset: float, note: str
) -> pd.DataFrame:
    return make_instances(
        rule.code,
        check=pct.index,
        stated_fact=pct.index,
        report=pct["report"],
        table=pct["table"],
        label=pct["label"],
        column=pct["column"],
        form="ratio",
        factor=factor,
        offset=offset,
        status=np.where(missing, "skip", ""),
        note=np.where(missing, note, ""),
    )


def _percent_of(rule, facts, pct, num_col, den_col, den_default, note: str):
    """Instances and links of stated percentages: the same row's ``num_col`` over the base."""
    num = same_row(facts, pct, num_col)
    den_links, missing = _base_links(facts, pct, den_col, den_default)
    missing |= num < 0
    inst = _instances(rule, pct, missing, 100.0, 0.0, note)
    links = concat_links([_links(pct.index.to_numpy()[num >= 0], num[num >= 0], "num"), den_links])
    return inst, links


@binder("row-share", {"share"})
def row_share(rule: Rule, facts: pd.DataFrame, context: dict):
    pct = _pct(rule, facts, "share")
    if pct.empty:
        return None, None
    num_col = pct["of"]
    return _percent_of(rule, facts, pct, num_col, num_col, parent_row(facts, pct, num_col), "base not stated")


@binder("row-rate", {"rate"})
def row_rate(rule: Rule, facts: pd.DataFrame, context: dict):
    pct = _pct(rule, facts, "rate")
    if pct.empty:
        return None, None
    num_col, den_col = split_of(pct["of"])
    return _percent_of(rule, facts, pct, num_col, den_col, same_row(facts, pct, den_col), "budget not stated")


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_YEAR_SPAN = r"(?P<y1>(?:19|20)\d{2})\s*年?\s*(?:[-—–~～至到]|－)+\s*(?P<y2>(?:19|20)\d{2})"
_N_YEARS = r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,2})\s*年(?:来|间|内|中)?(?:的)?(?:平均|年均)"


def _cn_number(text: pd.Series) -> pd.Series:
    """ "3" / "三" / "十" / "十二" / "二十" → 3 / 3 / 10 / 12 / 20 (NaN when not a number)."""
    digits = pd.to_numeric(text, errors="coerce")
    t = text.fillna("")
    first = t.str[0].map(_CN_DIGITS).to_numpy("float64")
    last = t.str[-1].map(_CN_DIGITS).to_numpy("float64")
    two = (t.str.len() == 2).to_numpy()
    cn = np.where(
        two,
        np.where(t.str[0] == "十", 10 + last, np.where(t.str[-1] == "十", first * 10, np.nan)),
        last,
    )
    return digits.fillna(pd.Series(cn, index=text.index, dtype="float64"))


def compound_years(labels: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(is 年均, n years) for each label: "2016—2021年年均增长" → 5, "近三年年均" → 3 (NaN: not found)."""
    text = labels.fillna("").astype(str)
    annual = text.str.contains("年均|平均每年|年平均", regex=True).to_numpy()
    span = text.str.extract(_YEAR_SPAN)
    n_span = pd.to_numeric(span["y2"], errors="coerce") - pd.to_numeric(span["y1"], errors="coerce")
    n_words = _cn_number(text.str.extract(_N_YEARS)["n"])
    n = n_span.where(n_span > 0).fillna(n_words).to_numpy("float64")
    return annual, n


@binder("row-growth", {"growth"}, params=("years",))
def row_growth(rule: Rule, facts: pd.DataFrame, context: dict):
    """Growth against the previous year; where the label or column says 年均 (compound annual
    growth), against the base year over n years: ((current / base)^(1/n) − 1) × 100, n from the
    label ("2016—2021年", "近三年") or ``params.years``; without n the check skips."""
    pct = _pct(rule, facts, "growth")
    if pct.empty:
        return None, None
    cur_col, prev_col = split_of(pct["of"])
    cur = same_row(facts, pct, cur_col)
    prev = same_row(facts, pct, prev_col)
    annual, n = compound_years(pct["label"] + " " + pct["column"])
    if rule.params.get("years"):
        n = np.where(np.isnan(n), float(rule.params["years"]), n)
    no_years = annual & ~(n > 0)
    missing = (cur < 0) | (prev < 0)
    inst = _instances(rule, pct, missing, 100.0, -100.0, "previous year not stated")
    inst["power"] = np.where(annual & (n > 0), 1.0 / np.where(n > 0, n, 1.0), 1.0)
    inst.loc[no_years & ~missing, "status"] = "skip"
    inst.loc[no_years & ~missing, "note"] = "number of years not stated"
    ok = ~missing
    checks = pct.index.to_numpy()
    links = concat_links([_links(checks[ok], cur[ok], "num"), _links(checks[ok], prev[ok], "den")])
    return inst, links


#: the note of a sum of shares checked against a 100% the table does not print (see STATED_NOTES)
IMPLIED_100 = "100% implied: the total states no share"


@binder("share-total", {"share"})
def share_total(rule: Rule, facts: pd.DataFrame, context: dict):
    """Shares of exhaustive siblings add up to their parent's share of the same base (100 when
    the parent is the base)."""
    pct = _pct(rule, facts, "share")
    if pct.empty:
        return None, None
    sib = pct[(pct["parent"] >= 0) & ~pct["partial"]]
    if sib.empty:
        return None, None
    amounts = facts[facts["role"] == "amount"]
    # every exhaustive child row of the parent must carry a share, else the list is not exhaustive
    rows = amounts[amounts["parent"] >= 0].loc[~amounts["partial"], ["report", "table", "parent", "row"]]
    n_children = rows.drop_duplicates().groupby(["report", "table", "parent"]).size().rename("n_children")
    pct = pct.assign(ebase=_effective_base(facts, pct))
    sib = pct[(pct["parent"] >= 0) & ~pct["partial"]]
    key = ["report", "table", "parent", "column", "ebase", "of"]
    grp = sib.assign(fid=sib.index.to_numpy()).groupby(key, sort=False)
    summary = grp.agg(n=("fid", "size"), first=("fid", "min")).reset_index()
    summary = summary.merge(n_children.reset_index(), on=["report", "table", "parent"], how="left")
    summary = summary[(summary["n"] >= 2) & (summary["n"] == summary["n_children"])]
    if summary.empty:
        return None, None
    # the parent's own share of the same base, when the parent is not itself the base
    row_items = amounts[["report", "table", "row", "item"]].drop_duplicates(["report", "table", "row"])
    summary = summary.merge(
        row_items.rename(columns={"row": "parent", "item": "parent_item"}), on=["report", "table", "parent"], how="left"
    )
    parent_share = pct[["report", "table", "row", "column", "ebase", "of"]].assign(pfid=pct.index.to_numpy())
    summary = summary.merge(
        parent_share.rename(columns={"row": "parent"}),
        on=["report", "table", "parent", "column", "ebase", "of"],
        how="left",
    ).drop_duplicates("first")
    # the base's own printed share (its 100%, in the same column), when the parent is the base
    printed = pct[["report", "table", "row", "column"]].assign(tfid=pct.index.to_numpy())
    summary = summary.merge(
        printed.rename(columns={"row": "parent"}).drop_duplicates(["report", "table", "parent", "column"]),
        on=["report", "table", "parent", "column"],
        how="left",
    )
    parent_is_base = (summary["ebase"] == summary["parent_item"]).to_numpy()
    has_parent_share = summary["pfid"].notna().to_numpy()
    keep = parent_is_base | has_parent_share
    summary = summary[keep].reset_index(drop=True)
    parent_is_base = parent_is_base[keep]
    if summary.empty:
        return None, None
    summary["check"] = np.arange(len(summary))
    labels = facts["label"].to_numpy(object)
    # the stated figure: the parent's share of the same base; or, when the parent is the base,
    # 100 exactly, located at the base's printed share or (none printed) at the first share,
    # with a note saying the 100 is implied
    pfid = summary["pfid"].fillna(-1).to_numpy("int64")
    tfid = summary["tfid"].fillna(-1).to_numpy("int64")
    implied = parent_is_base & (tfid < 0)
    inst = make_instances(
        rule.code,
        check=summary["check"],
        report=summary["report"],
        table=summary["table"],
        anchor=np.where(parent_is_base, np.where(implied, summary["first"].to_numpy("int64"), tfid), pfid),
        stated_fact=np.where(parent_is_base, -1, pfid),
        stated_value=np.where(parent_is_base, 100.0, np.nan),
        stated_decimals=-1,
        unit="%",
        label=labels[summary["first"].to_numpy("int64")],
        column=summary["column"],
        note=np.where(implied, IMPLIED_100, ""),
    )
    members = sib.assign(fid=sib.index.to_numpy()).merge(summary[[*key, "check"]], on=key)
    links = _links(members["check"].to_numpy(), members["fid"].to_numpy(), "num")
    return inst, links


def _effective_base(facts: pd.DataFrame, pct: pd.DataFrame) -> np.ndarray:
    """The base item of each share: the 占比基数 when it names one item, else the parent's item."""
    items = facts[["report", "table", "row", "item"]].drop_duplicates(["report", "table", "row"])
    parent_item = (
        pct[["report", "table", "parent"]]
        .merge(items.rename(columns={"row": "parent"}), on=["report", "table", "parent"], how="left")["item"]
        .fillna("")
        .to_numpy(object)
    )
    named = pct["base"].map(canonical_item).to_numpy(object)
    return np.where(pct["base"].to_numpy(object) == "", parent_item, named)


@binder("row-change", {"growth"}, params=("column", "previous", "current"))
def row_change(rule: Rule, facts: pd.DataFrame, context: dict):
    """A stated change (增减额, column ``params.column``) = current − previous on the same row;
    the current column is the first of ``params.current`` the row has."""
    f = in_tables(rule, facts)
    if f.empty:  # none of its tables: nothing to bind
        return None, None
    change_col = canonical_column(rule.params.get("column", "增减额"))
    previous = canonical_column(rule.params.get("previous", "上年数"))
    currents = [
        canonical_column(c) for c in rule.params.get("current", ["本年数", "决算数", "执行数", "金额", "预算数"])
    ]
    change = f[(f["column"] == change_col) & f["value"].notna() & (f["table_type"] != "text")]
    if change.empty:
        return None, None
    prev = same_row(facts, change, pd.Series(previous, index=change.index))
    cur = np.full(len(change), -1, dtype="int64")
    for col in currents:  # a handful of column names, highest priority first
        hit = same_row(facts, change, pd.Series(col, index=change.index))
        cur = np.where(cur < 0, hit, cur)
    missing = (cur < 0) | (prev < 0)
    checks = change.index.to_numpy()
    inst = make_instances(
        rule.code,
        check=checks,
        stated_fact=checks,
        report=change["report"],
        table=change["table"],
        label=change["label"],
        column=change["column"],
        status=np.where(missing, "skip", ""),
        note=np.where(missing, "current or previous year not stated", ""),
    )
    ok = ~missing
    links = concat_links([_links(checks[ok], cur[ok], "num", 1.0), _links(checks[ok], prev[ok], "num", -1.0)])
    return inst, links
