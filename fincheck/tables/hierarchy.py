"""Row hierarchies of published tables: codes, totals at the bottom, numbering, indentation.

* 科目编码 rows: parent = the row with the longest code prefix; a 合计/总计 row is the parent of
  the top-level code rows (wherever it sits).
* Flat lists with totals below them (收入支出决算总表, 财政拨款收入支出决算总表): a row ending in
  合计/小计 is the total of the rows since the previous total; a 总计 row the total of the rows
  (and subtotals) still open. A numbered run that restarts at 一 right after an unnumbered line
  (年初财政拨款结转和结余 → 一、二、三) is that line's breakdown.
* Otherwise: numbering levels (一、 > （一） > 1. > （1）), else indentation and 其中 (as in the
  tidy format).

A label repeated inside one table is qualified as "<parent item>/<item>" from its second
occurrence on, so facts stay unique per (table, row, column) and rules can name both.
"""

from __future__ import annotations

import re

from ..labels import canonical_item, clean_label, is_qizhong, numbering_level
from .tidy import _code_parents
from .tidy import hierarchy as tidy_hierarchy

_FIRST = re.compile(r"^\s*[（(]?\s*一\s*[）)、.．]")


def _is_grand(label: str) -> bool:
    return clean_label(label).endswith("总计")


def _is_sub(label: str) -> bool:
    s = clean_label(label)
    return (s.endswith("合计") or s.endswith("小计")) and not s.endswith("总计")


def subtotal_parents(labels: list[str]) -> tuple[list[int], list[bool]]:
    n = len(labels)
    parents, partial = [-1] * n, [False] * n
    pending: list[int] = []
    group: int | None = None
    group_level: int | None = None
    last_whole = -1
    for i, lab in enumerate(labels):
        level = numbering_level(lab)
        if is_qizhong(lab) and last_whole >= 0:
            parents[i], partial[i] = last_whole, True
            continue
        if group is not None:
            if level is not None and level == group_level and not _is_sub(lab) and not _is_grand(lab):
                parents[i] = group
                last_whole = i
                continue
            group = None
        if (
            level is not None
            and _FIRST.match(lab)
            and i > 0
            and numbering_level(labels[i - 1]) is None
            and not _is_sub(labels[i - 1])
            and not _is_grand(labels[i - 1])
            and not is_qizhong(labels[i - 1])
        ):
            group, group_level = i - 1, level
            parents[i] = group
            last_whole = i
            continue
        last_whole = i
        if _is_sub(lab):
            for j in pending:
                parents[j] = i
            pending = [i]
        elif _is_grand(lab):
            for j in pending:
                parents[j] = i
            pending = []
        else:
            pending.append(i)
    return parents, partial


def assign_hierarchy(labels: list[str], codes: list[str]) -> tuple[list[int], list[bool], list[str]]:
    """Parent positions (-1: none), 其中 flags and items of the rows of one table (or half)."""
    n = len(labels)
    if sum(1 for c in codes if c) >= max(2, n // 2):
        parents, partial = _code_parents(codes, [is_qizhong(lab) for lab in labels], labels)
    elif any(_is_sub(lab) or _is_grand(lab) for lab in labels[1:]):
        parents, partial = subtotal_parents(labels)
    else:
        levels = [numbering_level(lab) for lab in labels]
        if len({lv for lv in levels if lv is not None}) >= 2:
            filled: list[int | None] = []
            prev = 1
            for lv in levels:
                prev = lv if lv is not None else prev
                filled.append(prev)
            parents, partial = tidy_hierarchy(labels, [""] * n, filled)
        else:
            parents, partial = tidy_hierarchy(labels, [""] * n, [None] * n)
    items = [canonical_item(lab) for lab in labels]
    seen: set[str] = set()
    for i, item in enumerate(list(items)):
        if item in seen and parents[i] >= 0:
            items[i] = f"{items[parents[i]]}/{item}"
        seen.add(item)
    return parents, partial, items
