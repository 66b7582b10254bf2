"""A figure in the report's text that names an item a table of the same report holds must
agree with it (TXT011).

Text amounts (``table_type == "text"``) carry as ``item`` the name a table would give the
item ("本年收入合计", "一般公共服务支出", "财政拨款收入支出总计"; see
:func:`fincheck.text.labels.item_name`). They are paired with the amounts of the recognised
tables of the same document — the same ``report`` path, or sources that share a path without
its suffix (``report.xlsx`` + ``report.txt``) — in three ways, each one pandas merge:

* **row**: a table row of that item, in a column stating the year's actual total
  (:data:`ACTUAL_COLUMNS`);
* **column of the total row**: the 合计 / 总计 row of a table, in the column of that name
  ("基本支出" → the 支出决算表 合计 row, 基本支出 column; "财政拨款收入" → the 收入决算表 合计
  row);
* **table total**: the item is a final-account table's subject, with or without 总计 / 合计
  ("财政拨款收入支出总计" → the 总计 row of the 财政拨款收入支出决算总表;
  "一般公共预算财政拨款支出" → the 合计 row of the 一般公共预算财政拨款支出决算表), in an
  actual column.

A text figure is checked only when its candidates agree on one value (the same figure
repeated in several tables counts once); candidates that differ — a 类 in 支出决算表 (all funds)
and in 财政拨款 tables (one fund), or 326.71 in one table and 326.72 in another — leave the
figure unchecked. Tables whose figures are all zero or blank (a printed "本表无数据" form) are
not candidates. Units are compared in base units (元), with the rounding of both figures.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..contract import make_instances, make_links
from ..labels import canonical_column, clean_label
from ..model.units import MONEY_UNITS
from ..rulesdir import builtin_rules_dir
from .registry import binder

if TYPE_CHECKING:
    from ..catalogue import Rule

#: columns that state the year's actual figure of a row: 决算数 / 执行数 (收入支出决算总表,
#: 三公 tables), 合计 (财政拨款收入支出决算总表 支出 side, 一般公共预算财政拨款支出决算表),
#: 本年收入合计 / 本年支出合计 (收入决算表, 支出决算表), 金额 / 本年数 (tidy tables).
#: Not 预算数, 上年数, 年初数 …: a text figure never says which of those it is.
ACTUAL_COLUMNS = ("决算数", "执行数", "合计", "本年收入合计", "本年支出合计", "金额", "本年数")
_TOTAL_ITEMS = re.compile(r"^(?:收入|支出)?(?:总计|合计)$")
_SUBJECT_TAIL = re.compile(r"(?:决算)?(?:总表|明细表|情况表|表)$")


@cache
def _subjects() -> dict[str, list[str]]:
    """Final-account table type → the subjects its titles name (收入支出决算总表 → 收入支出)."""
    import yaml

    from ..rulesdir import YAML_LOADER

    path = builtin_rules_dir() / "aliases" / "tables.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) if path.exists() else {}
    out: dict[str, list[str]] = {}
    for ttype, variants in (data or {}).items():
        if not str(ttype).startswith("final."):
            continue  # budget tables state budgets: a text amount is not known to be one
        names = {_SUBJECT_TAIL.sub("", clean_label(v).replace('"', "")) for v in variants}
        out[ttype] = sorted(n for n in names if len(n) >= 2)
    return out


def _document(report: pd.Series) -> pd.Series:
    """The document of each source path (its path without the suffix), each distinct path
    converted once."""
    codes, paths = pd.factorize(report, use_na_sentinel=False)
    docs = np.array([str(PurePath(str(r)).with_suffix("")) for r in paths], dtype=object)
    return pd.Series(docs[codes], index=report.index, dtype="str", name=report.name)


@binder("text-table", {"equal"})
def text_table(rule: Rule, facts: pd.DataFrame, context: dict):
    amount = (facts["role"] == "amount") & facts["value"].notna()
    used = facts[["report", "table", "table_type", "item", "column", "value", "scale"]]  # not every column
    text = used[amount & (facts["table_type"] == "text") & (facts["item"] != "")]
    # table figures of a known money unit only: a table without a unit line says nothing
    # about the scale of its figures
    tables = used[amount & (facts["table_type"] != "text") & facts["unit"].isin(MONEY_UNITS)]
    if text.empty or tables.empty:
        return None, None
    # a printed form without data ("本表无数据") states nothing
    filled = tables["value"].ne(0).groupby([tables["report"], tables["table"]]).transform("any")
    tables = tables[filled]
    accept = {canonical_column(c) for c in ACTUAL_COLUMNS}
    left = pd.DataFrame(
        {"doc": _document(text["report"]), "key": text["item"].to_numpy(), "stated_fact": text.index.to_numpy()}
    )
    right = pd.DataFrame(
        {
            "doc": _document(tables["report"]),
            "item": tables["item"].to_numpy(),
            "column": tables["column"].to_numpy(),
            "table_type": tables["table_type"].to_numpy(),
            "fact": tables.index.to_numpy(),
            "base": (tables["value"] * tables["scale"]).round(6).to_numpy(),
        }
    )
    is_total = right["item"].str.match(_TOTAL_ITEMS)
    in_actual = right["column"].isin(accept)
    # 1. the row of that item, in an actual column
    by_row = right[in_actual & ~is_total].rename(columns={"item": "key"})
    # 2. the total row, in the column of that name
    by_col = right[is_total & ~right["column"].isin(accept - {"本年收入合计", "本年支出合计"})]
    by_col = by_col.rename(columns={"column": "key"})
    # 3. the total of the table whose subject the item names
    subj = [
        (ttype, form)
        for ttype, names in _subjects().items()
        for name in names
        for form in (name, name + "总计", name + "合计")
    ]
    subjects = pd.DataFrame(subj, columns=["table_type", "key"]).drop_duplicates()
    by_subject = right[is_total & in_actual].merge(subjects, on="table_type")
    cols = ["doc", "key", "fact", "base"]
    cands = pd.concat([by_row[cols], by_col[cols], by_subject[cols]], ignore_index=True)
    merged = left.merge(cands, on=["doc", "key"], how="inner")
    if merged.empty:
        return None, None
    distinct = merged.groupby("stated_fact")["base"].transform("nunique")
    merged = merged[distinct == 1].drop_duplicates("stated_fact")
    if merged.empty:
        return None, None
    sf = merged["stated_fact"].to_numpy("int64")
    labels = facts["item"].to_numpy(object)[sf]
    inst = make_instances(
        rule.code,
        check=np.arange(len(sf)),
        stated_fact=sf,
        report=facts["report"].to_numpy(object)[sf],
        table=facts["table"].to_numpy(object)[sf],
        label=labels,
        # the table cell's own place: a table continued on the next page names its start
        # page, the cell may be printed on the next one
        column=facts["loc"].to_numpy(object)[merged["fact"].to_numpy("int64")],
    )
    return inst, make_links(np.arange(len(sf)), merged["fact"].to_numpy("int64"), "num")
