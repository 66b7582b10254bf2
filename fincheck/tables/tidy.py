"""The tidy workbook format: one table per sheet, a header row, one item per row.

Layout (docs/tidy-format.md)::

    <title line, optional>
    单位：万元                      (optional; per table)
    编码 | 项目 | 预算数 | 决算数 | 占比 | 占比基数 | 执行率 | 执行率基数 | 上年数 | 增长率 | 单位 | 备注
    ...  | 资产 | ...

Only 项目 (item) and one value column are required. Hierarchy comes from the 层级 column, else
from codes (parent = longest code prefix), else from indentation of the item label; "其中："
rows are sub-items (a part of the parent, not exhaustive). A top-level 合计/总计 row is the sum
of the other top-level rows.
"""

from __future__ import annotations

import re

import numpy as np

from ..labels import (
    attribute_columns,
    canonical_column,
    canonical_item,
    clean_label,
    display_label,
    indent_width,
    is_qizhong,
    table_type_of,
)
from ..model import Recognised, SchemaIssue, Table, facts_from_rows
from ..model.grid import Grid, a1
from ..model.units import unit_of_line, unit_scale
from ..numbers import is_empty_mark
from .headers import PERCENT_ROLES, percent_of

ITEM_COLUMN = "项目"
SPECIAL = {"编码", "项目", "层级", "占比基数", "执行率基数", "单位", "备注"}
TOTAL_LABELS = {"合计", "总计", "total"}


def find_header(grid: Grid, max_rows: int = 30) -> int | None:
    """The first row that has an item column header and at least one other header."""
    cells = grid.cells
    texts = (cells["row"] <= max_rows) & cells["number"].isna()
    by_row: dict[int, list] = {}  # each row's texts in the cells' order (what a groupby gives, without its frames)
    for row, text in zip(cells["row"][texts].tolist(), cells["text"][texts].tolist(), strict=True):
        by_row.setdefault(row, []).append(text)
    for row in sorted(by_row):
        names = [canonical_column(t) for t in by_row[row]]
        if ITEM_COLUMN in names and len([n for n in names if n]) >= 2:
            return int(row)
    return None


def detect_unit(texts: list[str]) -> str:
    return next((u for u in (unit_of_line(t, english=True) for t in texts) if u), "")


_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．])\s*"
)
_SENTENCE = re.compile(r"[，,：:。；;！？]")


def _heading_above(cells, grid: Grid, header_row: int) -> str:
    """The nearest line above a table that reads as a heading (short, no sentence punctuation,
    not a unit line), without its numbering: a table printed among the prose of a page is
    titled by its section ("二、部门决算单位构成"), not by the page's first line of narrative."""
    lines = cells[(cells["row"] < header_row) & cells["row"].isin(list(grid.text_rows))].sort_values("row")
    for text in reversed([str(t).strip() for t in lines["text"]]):
        if text and len(text) <= 30 and not _SENTENCE.search(text) and not unit_of_line(text, english=True):
            return _NUMBERING.sub("", text)
    return ""


def recognise(grid: Grid) -> Recognised | None:
    header_row = find_header(grid)
    if header_row is None:
        return None
    cells = grid.cells
    above = cells[(cells["row"] < header_row) & cells["number"].isna()]["text"].tolist()
    unit = detect_unit(above)
    title = next((t.strip() for t in above if t.strip() and not unit_of_line(t, english=True)), grid.sheet)
    if grid.text_rows and above:  # a table in running text (a PDF page): the heading over it
        title = _heading_above(cells, grid, header_row) or title

    table_type = table_type_of(title) or table_type_of(grid.sheet) or "tidy"
    header = cells[cells["row"] == header_row]
    columns: dict[int, str] = {}
    for col, text in zip(header["col"], header["text"], strict=True):
        name = canonical_column(text)
        if name:
            columns[int(col)] = name
    item_col = next(c for c, n in columns.items() if n == ITEM_COLUMN)

    body = cells[cells["row"] > header_row]
    rows = sorted(set(body["row"]))
    lookup = {
        (int(r), int(c)): (t, n, d, p)
        for r, c, t, n, d, p in zip(
            body["row"], body["col"], body["text"], body["number"], body["decimals"], body["percent"], strict=True
        )
    }
    data_rows = [r for r in rows if (r, item_col) in lookup and lookup[(r, item_col)][0].strip()]
    if not data_rows:
        return None

    labels = [lookup[(r, item_col)][0] for r in data_rows]
    code_col = next((c for c, n in columns.items() if n == "编码"), None)
    level_col = next((c for c, n in columns.items() if n == "层级"), None)
    unit_col = next((c for c, n in columns.items() if n == "单位"), None)
    codes = [_code(lookup.get((r, code_col))) if code_col else "" for r in data_rows]
    levels = [_int(lookup.get((r, level_col))) if level_col else None for r in data_rows]
    parents, partial = hierarchy(labels, codes, levels)

    # a row's attributes (年度, 序号 …: rules/aliases/attributes.yaml) are neither summed nor checked
    skip = SPECIAL | attribute_columns()
    value_cols = {c: n for c, n in columns.items() if n not in skip and n not in PERCENT_ROLES}
    pct_cols = {c: n for c, n in columns.items() if n in PERCENT_ROLES}
    base_col = {"占比": _col_of(columns, "占比基数"), "执行率": _col_of(columns, "执行率基数")}
    raw = {int(c): str(t) for c, t in zip(header["col"], header["text"], strict=True)}
    of = {c: percent_of(name, list(value_cols.values()), raw.get(c, "")) for c, name in pct_cols.items()}

    facts, issues = [], []
    path = grid.path
    table_id = grid.sheet
    for idx, r in enumerate(data_rows):
        label = labels[idx]
        row_unit = unit
        if unit_col and (r, unit_col) in lookup:
            row_unit = lookup[(r, unit_col)][0].strip() or unit
        base = {k: (lookup[(r, c)][0].strip() if c and (r, c) in lookup else "") for k, c in base_col.items()}
        common = dict(
            report=path,
            table=table_id,
            table_type=table_type,
            row=r,
            parent=data_rows[parents[idx]] if parents[idx] >= 0 else -1,
            partial=partial[idx],
            item=canonical_item(label),
            label=display_label(label) or label.strip(),
            code=codes[idx],
        )
        for c, name in list(value_cols.items()) + list(pct_cols.items()):
            cell = lookup.get((r, c))
            role = PERCENT_ROLES.get(name, "amount")
            is_pct = role != "amount"
            text, number, decimals = (cell[0], cell[1], cell[2]) if cell else ("", np.nan, -1)
            loc = grid.location(r, c)
            if cell is not None and np.isnan(number) and text.strip() and not is_empty_mark(text):
                issues.append(
                    SchemaIssue(
                        "SCH001",
                        path,
                        table_id,
                        loc.to_dict(),
                        f"{label.strip()} / {name}: text {text.strip()!r} where a number belongs",
                        fields={"label": label.strip(), "column": name, "text": text.strip()},
                    )
                )
            if cell is None or np.isnan(number):
                if is_pct:
                    continue  # no stated percentage: nothing to check
                value = 0.0 if (cell is not None and is_empty_mark(text)) else np.nan
                decimals = -1
            else:
                value = float(number)
            facts.append(
                {
                    **common,
                    "column": name,
                    "role": role,
                    "value": value,
                    "decimals": int(decimals),
                    "unit": "%" if is_pct else row_unit,
                    "scale": 1.0 if is_pct else unit_scale(row_unit),
                    "base": base.get(name, ""),
                    "of": of.get(c, ""),
                    "location": loc,
                }
            )
    last_col = max(columns)
    table = Table(
        report=path,
        table=table_id,
        table_type=table_type,
        title=title,
        sheet=grid.sheet,
        range=f"{a1(header_row, min(columns))}:{a1(data_rows[-1], last_col)}",
        unit=unit,
        rows=len(data_rows),
        columns=", ".join(columns[c] for c in sorted(columns)),
        note="",
    )
    return Recognised(table=table, facts=facts_from_rows(facts), issues=issues)


def hierarchy(labels: list[str], codes: list[str], levels: list[int | None]) -> tuple[list[int], list[bool]]:
    """Parent index (position in ``labels``, -1 for none) and 其中 flag of each row; the caller
    maps positions to row numbers."""
    n = len(labels)
    partial = [is_qizhong(lab) for lab in labels]
    if any(lv is not None for lv in levels):
        lv = [x if x is not None else 1 for x in levels]
    elif sum(1 for c in codes if c) >= max(2, n // 2):
        return _code_parents(codes, partial, labels)
    else:
        widths = [indent_width(lab) for lab in labels]
        # a row aligned under the name after "其中：" continues the 其中 list
        for i in range(1, n):
            if partial[i - 1] and not partial[i] and widths[i - 1] < widths[i] <= widths[i - 1] + 8:
                widths[i] = widths[i - 1]
                partial[i] = True
        ranks = {w: i for i, w in enumerate(sorted(set(widths)))}
        lv = [ranks[w] + 1 for w in widths]
    # a run of rows right after a 其中 row, at its level, continues the 其中 list
    for i in range(1, n):
        if not partial[i] and partial[i - 1] and lv[i] == lv[i - 1]:
            partial[i] = True
    # a 其中 row at its parent's level is one level below it
    for i in range(n):
        if partial[i] and (i == 0 or not partial[i - 1]):
            j = i - 1
            if j >= 0 and lv[i] <= lv[j]:
                shift = lv[j] + 1 - lv[i]
                k = i
                while k < n and partial[k] and lv[k] == lv[i]:
                    lv[k] += shift
                    k += 1
    parents = [-1] * n
    stack: list[int] = []
    for i in range(n):
        while stack and lv[stack[-1]] >= lv[i]:
            stack.pop()
        parents[i] = stack[-1] if stack else -1
        stack.append(i)
    _total_row(labels, parents, lv)
    return parents, partial


def _total_row(labels: list[str], parents: list[int], lv: list[int]) -> None:
    tops = [i for i in range(len(labels)) if parents[i] == -1]
    totals = [i for i in tops if clean_label(labels[i]).lower() in TOTAL_LABELS]
    if len(totals) == 1 and len(tops) > 1 and totals[0] in (tops[0], tops[-1]):
        t = totals[0]
        for i in tops:
            if i != t:
                parents[i] = t


def _code_parents(codes: list[str], partial: list[bool], labels: list[str]) -> tuple[list[int], list[bool]]:
    parents = [-1] * len(codes)
    by_code = {c: i for i, c in enumerate(codes) if c}
    for i, c in enumerate(codes):
        for k in range(len(c) - 1, 0, -1):
            if c[:k] in by_code:
                parents[i] = by_code[c[:k]]
                break
    _total_row(labels, parents, [1] * len(codes))
    return parents, partial


def _code(cell) -> str:
    if not cell:
        return ""
    text = cell[0].strip()
    return re.sub(r"\s+", "", text.split(".")[0] if re.fullmatch(r"\d+\.0+", text) else text)


def _int(cell) -> int | None:
    if not cell or np.isnan(cell[1]):
        return None
    return int(cell[1])


def _col_of(columns: dict[int, str], name: str) -> int | None:
    return next((c for c, n in columns.items() if n == name), None)
