"""Performance self-evaluation arithmetic (绩效自评表).

=================  ==================================================================
binder             what it checks
=================  ==================================================================
execution-score    the execution-rate row's 得分 = min(执行数 / 全年预算数, cap) × 分值
score-total        the total row (总分 / 合计 …) = Σ top-level rows, in 分值 and 得分
weights            fixed weights: 产出指标 50, 效益指标 30 … (a stated figure vs a constant)
grade-band         the stated grade (评价等级：优 …) lies in the band of the total score
=================  ==================================================================

Grade bands are lower bounds per grade, highest first: by default the Ministry of Finance's
优 90 / 良 80 / 中 60 / 差 0. A rule's ``params.bands`` or the run's ``context["bands"]``
(``fincheck.check(..., context={"bands": {...}})``, ``--bands 优秀=85,良好=75,…``) replace
them; the run's bands win. Grade names are matched through synonyms (优秀 = 优, 良好 = 良,
合格 / 及格 / 中等 = 中, 不合格 / 较差 = 差).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..contract import concat_links, make_instances, make_links, no_links
from ..errors import FincheckError, RuleError
from ..labels import canonical_column, canonical_item
from .formula import in_tables
from .registry import binder

if TYPE_CHECKING:
    from ..catalogue import Rule

DEFAULT_BANDS: dict[str, float] = {"优": 90.0, "良": 80.0, "中": 60.0, "差": 0.0}
GRADE_SYNONYMS = {
    "优秀": "优",
    "优": "优",
    "良好": "良",
    "良": "良",
    "中等": "中",
    "中": "中",
    "一般": "中",
    "合格": "中",
    "及格": "中",
    "较差": "差",
    "差": "差",
    "不合格": "差",
    "不及格": "差",
}
GRADE_WORDS = "|".join(sorted(GRADE_SYNONYMS, key=len, reverse=True))
#: A row label that states the grade: "评价等级：优", "自评结果：良好", "等级：合格".
GRADE_RE = re.compile(rf"(?:评价|自评|绩效)?(?:等级|结果|等次)[:：为是]?[\"'“”]?(?P<grade>{GRADE_WORDS})")
TOTAL_ITEMS = ("总分", "自评总分", "总得分", "得分合计", "综合得分", "合计", "总计", "自评得分")
SCORE_COLUMNS = ("分值", "得分")


class BandError(FincheckError):
    pass


def grade_key(name: str) -> str:
    return GRADE_SYNONYMS.get(str(name).strip(), str(name).strip())


def parse_bands(text: str) -> dict[str, float]:
    """``优秀=85,良好=75,合格=60,差=0`` → {"优秀": 85.0, …}; raises a one-line error."""
    bands: dict[str, float] = {}
    for part in re.split(r"[,，;；]", text):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        try:
            if not sep or not name.strip():
                raise ValueError
            bands[name.strip()] = float(value)
        except ValueError:
            raise BandError(
                "--bands: {part} is not GRADE=MIN (e.g. 优秀=85,良好=75,合格=60,差=0)", part=repr(part.strip())
            ) from None
    if not bands:
        raise BandError("--bands: no bands given (e.g. 优秀=85,良好=75,合格=60,差=0)")
    return bands


def band_table(bands: dict) -> pd.DataFrame:
    """(grade key, lo, hi): a grade holds totals in [lo, hi]; hi is the next band's lower bound."""
    keyed: dict[str, float] = {}
    for name, lo in bands.items():
        keyed[grade_key(name)] = float(lo)
    frame = pd.DataFrame({"grade": list(keyed), "lo": list(keyed.values())}).sort_values("lo", ascending=False)
    frame["hi"] = np.concatenate([[np.inf], frame["lo"].to_numpy()[:-1]])
    return frame.reset_index(drop=True)


def _validate_bands(rule: Rule) -> None:
    bands = rule.params.get("bands")
    if bands is None:
        return
    if not isinstance(bands, dict) or not bands:
        raise RuleError(rule.path, "params.bands must map grade names to lower bounds", rule.code, "params.bands")
    for name, lo in bands.items():
        if not isinstance(lo, int | float) or isinstance(lo, bool):
            raise RuleError(
                rule.path,
                "band {name}: lower bound {lo} is not a number",
                rule.code,
                "params.bands",
                name=repr(name),
                lo=repr(lo),
            )


def _validate_cap(rule: Rule) -> None:
    cap = rule.params.get("cap", 1.0)
    if not isinstance(cap, int | float) or isinstance(cap, bool) or cap <= 0:
        raise RuleError(
            rule.path, "params.cap {cap} must be a positive number (1 = 100%)", rule.code, "params.cap", cap=repr(cap)
        )


def _validate_weights(rule: Rule) -> None:
    weights = rule.params.get("weights")
    if not isinstance(weights, dict) or not weights:
        raise RuleError(rule.path, "params.weights must map items to their weights", rule.code, "params.weights")
    for item, w in weights.items():
        if not isinstance(w, int | float) or isinstance(w, bool):
            raise RuleError(
                rule.path,
                "weight of {item} ({w}) is not a number",
                rule.code,
                "params.weights",
                item=repr(item),
                w=repr(w),
            )


def _cells(facts: pd.DataFrame, column: str) -> pd.DataFrame:
    """One fact id per (report, table, row) with a figure in ``column``."""
    sel = facts[(facts["column"] == column) & facts["value"].notna()][["report", "table", "row"]].copy()
    sel["fid"] = sel.index.to_numpy()
    return sel.drop_duplicates(["report", "table", "row"])


@binder("execution-score", {"score"}, _validate_cap, params=("cap", "actual", "budget"))
def execution_score(rule: Rule, facts: pd.DataFrame, context: dict):
    """得分 = min(执行数 / 全年预算数, cap) × 分值 on every row that has all four figures."""
    f = in_tables(rule, facts)
    if f.empty:  # none of its tables: nothing to bind
        return None, None
    actual = canonical_column(rule.params.get("actual", "执行数"))
    budgets = [canonical_column(c) for c in rule.params.get("budget", ["全年预算数", "预算数"])]
    score = f[(f["column"] == "得分") & f["value"].notna()][["report", "table", "row", "label"]].copy()
    if score.empty:
        return None, None
    score["stated_fact"] = score.index.to_numpy()
    key = ["report", "table", "row"]
    m = score.merge(_cells(f, "分值").rename(columns={"fid": "weight"}), on=key, how="inner")
    m = m.merge(_cells(f, actual).rename(columns={"fid": "num"}), on=key, how="inner")
    den = None
    for col in budgets:  # the first budget column the row has (a handful of names, not rows)
        hit = _cells(f, col).rename(columns={"fid": "den"})
        den = hit if den is None else pd.concat([den, hit]).drop_duplicates(key)
    m = m.merge(den, on=key, how="inner") if den is not None else m.iloc[0:0]
    if m.empty:
        return None, None
    m = m.reset_index(drop=True)
    m["check"] = np.arange(len(m))
    weight = facts["value"].to_numpy("float64")[m["weight"].to_numpy("int64")]
    inst = make_instances(
        rule.code,
        check=m["check"],
        stated_fact=m["stated_fact"].to_numpy("int64"),
        report=m["report"],
        table=m["table"],
        label=m["label"],
        column="得分",
        form="ratio",
        factor=np.nan_to_num(weight),
        cap=float(rule.params.get("cap", 1.0)),
        status=np.where(np.isnan(weight), "skip", ""),
        note=np.where(np.isnan(weight), "weight not stated", ""),
    )
    links = concat_links(
        [
            make_links(m["check"], m["num"].astype("int64"), "num"),
            make_links(m["check"], m["den"].astype("int64"), "den"),
        ]
    )
    return inst, links


def _grade_rows(f: pd.DataFrame) -> pd.DataFrame:
    """(report, table, row, grade) of the rows whose label states a grade."""
    labels = f[["report", "table", "row", "label"]].drop_duplicates(["report", "table", "row"])
    grade = labels["label"].str.extract(GRADE_RE)["grade"]
    out = labels.assign(grade=grade)[grade.notna().to_numpy()]
    return out


def _total_facts(rule: Rule, f: pd.DataFrame, column: str) -> pd.DataFrame:
    items = [canonical_item(i) for i in rule.params.get("total", TOTAL_ITEMS)]
    tot = f[(f["column"] == column) & f["item"].isin(items) & f["value"].notna()]
    # one total per table: the first of the listed names that the table has
    rank = tot["item"].map({it: i for i, it in enumerate(items)})
    tot = tot.assign(_rank=rank.to_numpy()).sort_values(["_rank", "row"]).drop_duplicates(["report", "table"])
    return tot


@binder("score-total", {"score"}, params=("columns", "total"))
def score_total(rule: Rule, facts: pd.DataFrame, context: dict):
    """The total row = Σ the top-level rows (first-level indicators and the execution-rate row),
    in 分值 and 得分. A top-level row without a figure in that column makes the check skip."""
    f = in_tables(rule, facts)
    if f.empty:  # none of its tables: nothing to bind
        return None, None
    columns = [canonical_column(c) for c in rule.params.get("columns", SCORE_COLUMNS)]
    f = f[f["column"].isin(columns)]
    if f.empty:
        return None, None
    tot = pd.concat([_total_facts(rule, f, c) for c in columns])
    if tot.empty:
        return None, None
    tot = tot[["report", "table", "column", "row", "label"]].assign(stated_fact=tot.index.to_numpy())
    tot = tot.reset_index(drop=True)
    tot["check"] = np.arange(len(tot))
    # parts: top-level rows, or children of the total row (a 合计 row adopts the top rows)
    grade_rows = _grade_rows(f)[["report", "table", "row"]].assign(_grade=True)
    parts = f.assign(fid=f.index.to_numpy()).merge(grade_rows, on=["report", "table", "row"], how="left")
    parts = parts[parts["_grade"].isna()]
    # rows that carry no figure at all in the score columns are headings, not parts
    has_any = parts["value"].notna().groupby([parts["report"], parts["table"], parts["row"]]).transform("any")
    parts = parts[has_any.to_numpy(bool)]
    m = parts.merge(
        tot[["report", "table", "column", "row", "check"]], on=["report", "table", "column"], suffixes=("", "_t")
    )
    m = m[(m["row"] != m["row_t"]) & ((m["parent"] == -1) | (m["parent"] == m["row_t"]))]
    if m.empty:
        return None, None
    missing = m["value"].isna().groupby(m["check"]).any()
    tot = tot[tot["check"].isin(m["check"])]
    miss = missing.reindex(tot["check"].to_numpy()).fillna(False).to_numpy(bool)
    inst = make_instances(
        rule.code,
        check=tot["check"],
        stated_fact=tot["stated_fact"].to_numpy("int64"),
        report=tot["report"],
        table=tot["table"],
        label=tot["label"],
        column=tot["column"],
        status=np.where(miss, "skip", ""),
        note=np.where(miss, "a first-level row has no figure", ""),
    )
    return inst, make_links(m["check"], m["fid"].to_numpy("int64"), "num")


@binder("weights", {"score"}, _validate_weights, params=("weights", "column"))
def weights(rule: Rule, facts: pd.DataFrame, context: dict):
    """Each listed item's 分值 (``params.column``) equals its fixed weight."""
    f = in_tables(rule, facts)
    if f.empty:  # none of its tables: nothing to bind
        return None, None
    column = canonical_column(rule.params.get("column", "分值"))
    table = pd.DataFrame(
        {"item": [canonical_item(k) for k in rule.params["weights"]], "weight": list(rule.params["weights"].values())}
    ).drop_duplicates("item")
    sel = f[(f["column"] == column) & f["value"].notna()]
    sel = sel.assign(fid=sel.index.to_numpy()).merge(table, on="item")
    if sel.empty:
        return None, None
    inst = make_instances(
        rule.code,
        check=np.arange(len(sel)),
        stated_fact=sel["fid"].to_numpy("int64"),
        report=sel["report"],
        table=sel["table"],
        label=sel["label"],
        column=sel["column"],
        offset=sel["weight"].to_numpy("float64"),
    )
    return inst, no_links()


@binder("grade-band", {"score"}, _validate_bands, params=("bands", "column", "total"))
def grade_band(rule: Rule, facts: pd.DataFrame, context: dict):
    """The total 得分 lies in the stated grade's band: total ≥ lower bound and ≤ the next band's."""
    f = in_tables(rule, facts)
    if f.empty:  # none of its tables: nothing to bind
        return None, None
    bands = (context or {}).get("bands") or rule.params.get("bands") or DEFAULT_BANDS
    table = band_table(bands)
    grades = _grade_rows(f)
    if grades.empty:
        return None, None
    grades = grades.drop_duplicates(["report", "table"])
    grades = grades.assign(key=grades["grade"].map(grade_key))
    tot = _total_facts(rule, f, canonical_column(rule.params.get("column", "得分")))
    tot = tot[["report", "table", "label"]].assign(stated_fact=tot.index.to_numpy())
    m = tot.merge(grades[["report", "table", "grade", "key"]], on=["report", "table"]).merge(
        table, left_on="key", right_on="grade", how="left", suffixes=("", "_b")
    )
    if m.empty:
        return None, None
    unknown = m["lo"].isna().to_numpy()
    lo = make_instances(
        rule.code,
        stated_fact=m["stated_fact"].to_numpy("int64"),
        report=m["report"],
        table=m["table"],
        label=m["grade"],
        column="得分",
        op="ge",
        offset=m["lo"].fillna(0).to_numpy("float64"),
        status=np.where(unknown, "skip", ""),
        note=np.where(unknown, "grade not in the bands", ""),
    )
    hi = lo.assign(op="le", offset=m["hi"].fillna(np.inf).to_numpy("float64"))
    hi = hi[np.isfinite(hi["offset"].to_numpy()) & ~unknown]
    inst = pd.concat([lo, hi], ignore_index=True)
    inst["check"] = np.arange(len(inst))
    return inst, no_links()
