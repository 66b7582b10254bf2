"""Published and exported layouts: the tables departments print and the 决算/预算 software exports.

A table starts at a title row whose text names a known table type (rules/aliases/tables.yaml);
several titles on one sheet are several stacked tables. Above the header sit the unit line
("单位：万元", "金额单位：元"), 编制单位 and date lines; the header may span several rows with
merged cells (forward-filled, see :mod:`.headers`); below the data, "注：" / "说明：" lines end
the table. The header decides each column's role: code parts (类/款/项, or one 科目编码 column),
the label (项目 / 科目名称), 行次 (ignored) or a value column named by its lowest header text.

Shapes handled: one-sided tables; two-sided tables (收入 | 支出, or two 项目 groups side by
side: each half its own label and value columns, right half rows offset by 100000); transposed
tables (one data row of 预算数/决算数 pairs under item headers, e.g. the 三公 table); a table
continued on the next sheet (a sheet without a title whose header repeats the previous table's).
In published tables a blank, "—" or "-" value cell in a data row means 0 (exact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..labels import canonical_column, canonical_item, clean_label, display_label, numbering_level, table_type_of
from ..model import Recognised, SchemaIssue, Table, facts_from_rows
from ..model.grid import Grid, a1, from_a1
from ..model.units import unit_of_line, unit_scale
from ..numbers import is_empty_mark
from .headers import CODE_PARTS, PERCENT_ROLES, Column, classify_columns, fill_header, percent_of
from .hierarchy import assign_hierarchy

NOTE_RE = re.compile(r"^\s*(注|说明|备注|填表说明|附注)\s*[0-9一二三四五六七八九十]*\s*[:：、.]")
META_RE = re.compile(
    r"编制单位|填报单位|单位名称\s*[:：]|\d{4}\s*年\s*\d{1,2}\s*月|^\s*公开\s*\d+\s*表\s*$|^\s*表\s*\d+"
)
SIDE_OFFSET = 100_000
SHEET_OFFSET = 1_000_000
#: Headers that only the tidy format uses: a titled sheet with them is left to the tidy recogniser.
TIDY_ONLY = {"占比基数", "执行率基数", "层级", "单位"}
#: Items printed beside the 三公 groups that are not part of their 合计.
OUTSIDE_TOTAL = {"机关运行经费"}
#: Tables that must carry a note when they hold no figures.
NOTE_WHEN_EMPTY = {"final.gov_fund", "final.state_capital"}
EMPTY_NOTE_RE = re.compile(r"无数据|没有.*(收入|支出)|空表")

Lookup = dict[tuple[int, int], tuple]


@dataclass
class DataRow:
    sheet: str
    row: int  # sheet row
    rid: int  # row id base (sheet row + sheet offset)
    cells: Lookup
    hidden: bool = False
    grid: Grid | None = None  # the grid the row was read from (its cells' locations)

    def location(self, col: int) -> dict:
        if self.grid is None:
            return {"sheet": self.sheet, "cell": a1(self.row, col)}
        return self.grid.location(self.row, col).to_dict()


@dataclass
class RawTable:
    """A table found in one or more grids, before its facts are built."""

    path: str
    sheet: str
    table_id: str
    title: str
    table_type: str
    unit: str
    header_rows: list[int]
    header_key: tuple
    columns: list[Column]
    first_col: int
    last_col: int
    rows: list[DataRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    issues: list[SchemaIssue] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    hidden_sheet: bool = False
    unknown_columns: list[str] = field(default_factory=list)
    title_cell: str = ""
    grid: Grid | None = None  # the grid the table starts in


def _lookup(grid: Grid) -> Lookup:
    c = grid.cells
    return {
        (int(r), int(k)): (t, n, int(d), bool(p), bool(h))
        for r, k, t, n, d, p, h in zip(
            c["row"], c["col"], c["text"], c["number"], c["decimals"], c["percent"], c["hidden"], strict=True
        )
    }


def _row_texts(lookup: Lookup, row: int, cols: list[int]) -> list[str]:
    return [lookup[(row, c)][0] for c in cols if (row, c) in lookup and str(lookup[(row, c)][0]).strip()]


def _has_number(lookup: Lookup, row: int, cols: list[int]) -> bool:
    return any((row, c) in lookup and not np.isnan(lookup[(row, c)][1]) for c in cols)


def _title_type(texts: list[str]) -> tuple[str, str] | None:
    for t in texts:
        s = str(t).strip()
        if not s or len(clean_label(s)) > 60 or NOTE_RE.match(s):
            continue
        kind = table_type_of(s)
        if kind:
            return kind, s
    return None


def find_titles(grid: Grid, lookup: Lookup) -> list[tuple[int, str, str]]:
    """(row, table type, title text) of every title row, top to bottom."""
    rows = sorted({r for r, _c in lookup})
    cols = sorted({c for _r, c in lookup})
    found = []
    for r in rows:
        if _has_number(lookup, r, cols):
            continue
        texts = _row_texts(lookup, r, cols)
        if not texts or len(texts) > 3:
            continue
        hit = _title_type(texts)
        if hit:
            found.append((r, hit[0], hit[1]))
    return found


def _is_data_row(lookup: Lookup, row: int, cols: list[int]) -> bool:
    if _has_number(lookup, row, cols):
        return True
    texts = _row_texts(lookup, row, cols)
    return bool(texts) and all(
        clean_label(t) in ("合计", "总计") or numbering_level(t) in (1, 2) or is_empty_mark(t) for t in texts
    )


def _is_numbering_row(lookup: Lookup, row: int, cols: list[int]) -> bool:
    """A 栏次 / 行次 row under the header: its label says so, or its figures are 1, 2, 3 …"""
    cells = [lookup[(row, c)] for c in cols if (row, c) in lookup]
    texts = [clean_label(str(v[0])) for v in cells if not _is_num(v)]
    nums = [v[1] for v in cells if _is_num(v)]
    if not nums or any(v[2] != 0 for v in cells if _is_num(v)):
        return False
    if texts:
        return all(t in ("栏次", "行次", "栏号", "列次") for t in texts)
    return len(nums) >= 3 and nums == list(range(1, len(nums) + 1))


def _is_num(v) -> bool:
    return v[1] == v[1]  # not NaN


def _meta_row(texts: list[str]) -> bool:
    return any(unit_of_line(t) or META_RE.search(t) for t in texts)


def _parse_block(grid: Grid, lookup: Lookup, start: int, end: int, title_row: int | None) -> RawTable | None:
    """Header and data rows of the table in sheet rows [start, end)."""
    rows = sorted({r for r, _c in lookup if start <= r < end})
    cols = sorted({c for r, c in lookup if start <= r < end})
    if not rows or not cols:
        return None
    unit = ""
    i = 0
    # title, unit, 编制单位 and date lines
    while i < len(rows):
        r = rows[i]
        texts = _row_texts(lookup, r, cols)
        if r == title_row or (not _has_number(lookup, r, cols) and _meta_row(texts)):
            for t in texts:
                unit = unit or unit_of_line(t)
            i += 1
            continue
        if r < (title_row or 0):
            i += 1
            continue
        break
    header_rows = []
    skipped: list[int] = []
    while i < len(rows) and (not _is_data_row(lookup, rows[i], cols) or _is_numbering_row(lookup, rows[i], cols)):
        if _is_numbering_row(lookup, rows[i], cols):  # 栏次 1 2 3 …: not data, not a column name
            skipped.append(rows[i])
            i += 1
            continue
        texts = _row_texts(lookup, rows[i], cols)
        if texts and NOTE_RE.match(texts[0]):
            break
        for t in texts:  # a unit written at the right of a header row
            unit = unit or unit_of_line(t)
        header_rows.append(rows[i])
        i += 1
    if not header_rows:
        return None
    header_lookup = {(r, c): lookup[(r, c)] for r in header_rows for c in cols if (r, c) in lookup}
    path_rows = header_rows
    if i < len(rows):
        # 类 | 款 | 项 printed on the first data row (beside the 合计 figures): part of the header
        parts = {
            (rows[i], c): lookup[(rows[i], c)]
            for c in cols
            if (rows[i], c) in lookup and clean_label(str(lookup[(rows[i], c)][0])) in CODE_PARTS
        }
        if parts:
            header_lookup.update(parts)
            path_rows = [*header_rows, rows[i]]
    paths = fill_header(header_lookup, path_rows, cols, grid.merged)
    columns = classify_columns(paths)
    values = [c for c in columns if c.role == "value"]
    if not values:
        return None
    if not any(c.role in ("label", "code") for c in columns) and not _transposed(values):
        return None
    return RawTable(
        path=grid.path,
        sheet=grid.sheet,
        table_id=grid.sheet,
        title="",
        table_type="",
        unit=unit,
        header_rows=header_rows,
        header_key=tuple(tuple(p) for p in paths.values()),
        columns=columns,
        first_col=min(cols),
        last_col=max(cols),
        hidden_sheet=grid.hidden_sheet,
        sheets=[grid.sheet],
        grid=grid,
    ), rows[i:]


def _collect_rows(raw: RawTable, grid: Grid, lookup: Lookup, rows: list[int], sheet_index: int) -> None:
    cols = [c.col for c in raw.columns]
    for r in rows:
        texts = _row_texts(lookup, r, sorted({c for _r, c in lookup}))
        if texts and NOTE_RE.match(texts[0]) and not _has_number(lookup, r, cols):
            raw.notes.append(" ".join(t.strip() for t in texts))
            continue
        if raw.notes and texts and not _has_number(lookup, r, cols):  # text after the notes is notes
            raw.notes.append(" ".join(t.strip() for t in texts))
            continue
        cells = {(r, c): lookup[(r, c)] for c in cols if (r, c) in lookup}
        if not cells or _is_numbering_row(lookup, r, sorted({c for _r, c in lookup})):
            continue
        hidden = any(v[4] for v in cells.values())
        raw.rows.append(DataRow(grid.sheet, r, r + SHEET_OFFSET * sheet_index, cells, hidden, grid))


def parse_grid(grid: Grid) -> tuple[list[RawTable], Lookup]:
    """The titled tables of one grid (empty when the grid has no known title)."""
    lookup = _lookup(grid)
    titles = find_titles(grid, lookup)
    out: list[RawTable] = []
    if not titles:
        return out, lookup
    bounds = [t[0] for t in titles] + [max(r for r, _c in lookup) + 1]
    for k, (row, kind, title) in enumerate(titles):
        start = row if k else min(r for r, _c in lookup)
        parsed = _parse_block(grid, lookup, start, bounds[k + 1], row)
        if parsed is None:
            continue
        raw, rest = parsed
        raw.title, raw.table_type = title.strip(), kind
        tcols = sorted(c for r, c in lookup if r == row and str(lookup[(r, c)][0]).strip())
        raw.title_cell = a1(row, tcols[0]) if tcols else ""
        if len(titles) > 1:
            raw.table_id = f"{grid.sheet}#{k + 1}"
        _collect_rows(raw, grid, lookup, rest, 0)
        out.append(raw)
    return out, lookup


def continue_table(prev: RawTable, grid: Grid, sheet_index: int) -> bool:
    """Append an untitled grid to ``prev`` when it repeats prev's header (or starts with data)."""
    lookup = _lookup(grid)
    if not lookup:
        return False
    start = min(r for r, _c in lookup)
    parsed = _parse_block(grid, lookup, start, max(r for r, _c in lookup) + 1, None)
    if parsed is not None:
        raw, rest = parsed
        if raw.header_key != prev.header_key:
            return False
    else:
        rows = sorted({r for r, _c in lookup})
        cols = sorted({c for _r, c in lookup})
        if max(cols) > prev.last_col or not _starts_with_rows_of(prev, lookup, rows, cols):
            return False
        rest = rows
    _collect_rows(prev, grid, lookup, rest, sheet_index)
    prev.sheets.append(grid.sheet)
    return True


def _starts_with_rows_of(prev: RawTable, lookup: Lookup, rows: list[int], cols: list[int]) -> bool:
    """The grid starts with data rows of ``prev``: a data row first, or label-only rows (blank
    figures) whose texts sit in prev's label columns, followed by a data row."""
    label_cols = {c.col for c in prev.columns if c.role in ("label", "code")}
    value_cols = [c.col for c in prev.columns if c.role == "value"]
    for r in rows:
        if _has_number(lookup, r, value_cols):
            return True
        if any(c not in label_cols for (rr, c) in lookup if rr == r):
            return False
    return False


def tidy_would_do(raw: RawTable) -> bool:
    names = {c.name for c in raw.columns}
    return bool(names & TIDY_ONLY)


# ---------------------------------------------------------------------------------------------
# facts


def _code_text(cell) -> str:
    if cell is None:
        return ""
    text = str(cell[0]).strip()
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return re.sub(r"\s+", "", text)


def _row_code_label(row: DataRow, half: list[Column]) -> tuple[str, str]:
    """The code (parts concatenated) and the printed label of one row in one half."""
    parts, label, stray = [], "", ""
    for col in half:
        cell = row.cells.get((row.row, col.col))
        if col.role == "code":
            t = _code_text(cell)
            if t.isdigit():
                if col.part in ("款", "项") and len(t) == 1:
                    t = "0" + t
                parts.append(t)
            elif t and not stray and not is_empty_mark(t) and t not in ("类", "款", "项", "…"):
                stray = str(cell[0])
        elif col.role == "label" and cell is not None and str(cell[0]).strip():
            label = str(cell[0])
    code = "".join(parts)
    if not label:
        label = stray
    return code, label


def build(raw: RawTable) -> Recognised:
    halves = _halves(raw.columns)
    records: list[dict] = []
    issues = list(raw.issues)
    side_names = [h[0].side for h in halves]
    unknown: list[str] = []
    scale = unit_scale(raw.unit)
    for h_index, half in enumerate(halves):
        values = [c for c in half if c.role == "value"]
        if not values:
            continue
        if _transposed(values):
            records.extend(_transposed_facts(raw, values, scale, issues))
            continue
        entries = []
        for row in raw.rows:
            code, label = _row_code_label(row, half)
            has_value = any(
                (row.row, c.col) in row.cells and str(row.cells[(row.row, c.col)][0]).strip() for c in values
            )
            if not label.strip() and not code:
                if has_value:
                    unknown.append(f"{row.sheet}!{a1(row.row, half[0].col)}")
                continue
            entries.append((row, code, label or code))
        if not entries:
            continue
        amounts = [c.name for c in values if c.name not in PERCENT_ROLES]
        labels = [e[2] for e in entries]
        codes = [e[1] for e in entries]
        parents, partial, items = assign_hierarchy(labels, codes)
        rid = [e[0].rid + SIDE_OFFSET * h_index for e in entries]
        side = side_names[h_index] if len(halves) > 1 else ""
        for idx, (row, code, label) in enumerate(entries):
            item = items[idx]
            if side and _on_both_sides(item, halves, h_index, raw):
                item = _side_item(side, item)
            common = dict(
                report=raw.path,
                table=raw.table_id,
                table_type=raw.table_type,
                row=rid[idx],
                parent=rid[parents[idx]] if parents[idx] >= 0 else -1,
                partial=partial[idx],
                item=item,
                label=display_label(label) or str(label).strip(),
                code=code,
            )
            for col in values:
                fact = _value_fact(
                    raw, row, col, common, scale, issues, label, percent_of(col.name, amounts, col.header)
                )
                if fact is not None:
                    records.append(fact)
    facts = facts_from_rows(records)
    notes = []
    if raw.hidden_sheet:
        notes.append("hidden sheet (read)")
    hidden_rows = sorted({f"{r.sheet}!{r.row}" for r in raw.rows if r.hidden})
    if hidden_rows:
        notes.append("hidden rows read: " + ", ".join(hidden_rows[:10]) + (" …" if len(hidden_rows) > 10 else ""))
    if len(raw.sheets) > 1:
        notes.append("continued on " + ", ".join(raw.sheets[1:]))
    ignored = [c.header for c in raw.columns if c.role == "ignore"]
    if ignored:
        notes.append("ignored columns: " + ", ".join(ignored))
    if unknown:
        notes.append("rows not understood (no label): " + ", ".join(unknown[:10]))
    if not raw.unit:
        notes.append("no unit line")
    if raw.notes:
        notes.append("note: " + " ".join(raw.notes)[:120])
    last_row = raw.rows[-1].row if raw.rows else raw.header_rows[-1]
    mapping = ", ".join(f"{c.header or '?'}→{c.name or c.role}" for c in raw.columns if c.role != "ignore")
    table = Table(
        report=raw.path,
        table=raw.table_id,
        table_type=raw.table_type,
        title=raw.title,
        sheet=raw.sheet,
        range=f"{a1(raw.header_rows[0], raw.first_col)}:{a1(last_row, raw.last_col)}",
        unit=raw.unit,
        rows=len({(r.sheet, r.row) for r in raw.rows}),
        columns=mapping,
        note="; ".join(notes),
    )
    if raw.table_type in NOTE_WHEN_EMPTY and _no_figures(facts) and not EMPTY_NOTE_RE.search(" ".join(raw.notes)):
        issues.append(
            SchemaIssue(
                "FIN024",
                raw.path,
                raw.table_id,
                _title_location(raw),
                f"{raw.title}: no figures and no note saying why",
                fields={"title": raw.title},
            )
        )
    return Recognised(table=table, facts=facts, issues=issues, notes=raw.notes)


def _title_location(raw: RawTable) -> dict:
    cell = raw.title_cell or a1(raw.header_rows[0], raw.first_col)
    if raw.grid is None:
        return {"sheet": raw.sheet, "cell": cell}
    return raw.grid.location(*from_a1(cell)).to_dict()


def _no_figures(facts: pd.DataFrame) -> bool:
    if facts.empty:
        return True
    v = facts["value"]
    return bool(((v == 0) | v.isna()).all())


def _value_fact(
    raw: RawTable, row: DataRow, col: Column, common: dict, scale: float, issues: list, label: str, of: str = ""
) -> dict | None:
    """The fact of one value cell; None for a percentage column's cell without a figure (no
    percentage stated there: nothing to check, as in the tidy format)."""
    cell = row.cells.get((row.row, col.col))
    role = PERCENT_ROLES.get(col.name, "amount")
    loc = row.location(col.col)
    if cell is None or np.isnan(cell[1]):
        text = str(cell[0]).strip() if cell is not None else ""
        if text and not is_empty_mark(text) and text not in ("…",):
            issues.append(
                SchemaIssue(
                    "SCH001",
                    raw.path,
                    raw.table_id,
                    loc,
                    f"{str(label).strip()} / {col.name}: text {text!r} where a number belongs",
                    fields={"label": str(label).strip(), "column": col.name, "text": text},
                )
            )
            value = np.nan
        elif role != "amount":
            return None
        else:
            value = 0.0
        decimals = -1
        percent = role != "amount"
    else:
        value, decimals, percent = float(cell[1]), int(cell[2]), bool(cell[3])
    is_pct = role != "amount" or percent
    return {
        **common,
        "column": col.name,
        "role": role if role != "amount" or not percent else "share",
        "value": value,
        "decimals": decimals,
        "unit": "%" if is_pct else raw.unit,
        "scale": 1.0 if is_pct else scale,
        "base": "",
        "of": of if role != "amount" else "",
        "location": loc,
    }


def _halves(columns: list[Column]) -> list[list[Column]]:
    """Split columns into halves: a new half starts at a code/label column after value columns."""
    halves: list[list[Column]] = [[]]
    seen_value = False
    for c in columns:
        if c.role == "ignore":
            continue
        if c.role in ("code", "label") and seen_value:
            halves.append([])
            seen_value = False
        if c.role == "value":
            seen_value = True
        halves[-1].append(c)
    halves = [h for h in halves if h]
    # a side marker names every column of its half
    for h in halves:
        side = next((c.side for c in h if c.side), "")
        for c in h:
            c.side = c.side or side
    return halves


def _on_both_sides(item: str, halves, h_index: int, raw: RawTable) -> bool:
    cache = getattr(raw, "_items_by_half", None)
    if cache is None:
        cache = []
        for half in halves:
            found = set()
            for row in raw.rows:
                _code, label = _row_code_label(row, half)
                if label.strip():
                    found.add(canonical_item(label))
            cache.append(found)
        raw._items_by_half = cache  # type: ignore[attr-defined]
    return sum(item in s for s in cache) > 1


def _side_item(side: str, item: str) -> str:
    if item.startswith(side):
        return item
    return canonical_item(side + item)


# transposed tables -----------------------------------------------------------------------------


def _transposed(values: list[Column]) -> bool:
    names = [c.name for c in values]
    return len(names) > 2 and len(set(names)) < len(names) and all(len(c.path) >= 2 for c in values)


def _transposed_facts(raw: RawTable, values: list[Column], scale: float, issues: list) -> list[dict]:
    groups: list[tuple[str, ...]] = []
    col_group: dict[int, tuple[str, ...]] = {}
    for c in values:
        g = tuple(p for p in c.path[:-1] if clean_label(p) not in ("小计",))
        col_group[c.col] = g
        if g not in groups:
            groups.append(g)
    index = {g: k + 1 for k, g in enumerate(groups)}
    parent_of: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    tops = [g for g in groups if len(g) == 1]
    total = next((g for g in tops if clean_label(g[0]) in ("合计", "总计")), None)
    for g in groups:
        if len(g) > 1 and g[:-1] in index:
            parent_of[g] = g[:-1]
        elif g != total and len(g) == 1 and total is not None and canonical_item(g[0]) not in OUTSIDE_TOTAL:
            parent_of[g] = total
        else:
            parent_of[g] = None
    out: list[dict] = []
    data_rows = [r for r in raw.rows if any(not np.isnan(v[1]) or is_empty_mark(v[0]) for v in r.cells.values())]
    if not data_rows:
        data_rows = raw.rows[:1]
    for row in data_rows:
        base = row.rid * 100 if len(data_rows) > 1 else 0
        for c in values:
            g = col_group[c.col]
            p = parent_of[g]
            common = dict(
                report=raw.path,
                table=raw.table_id,
                table_type=raw.table_type,
                row=base + index[g],
                parent=base + index[p] if p else -1,
                partial=False,
                item=canonical_item(g[-1]),
                label=display_label(g[-1]),
                code="",
            )
            fact = _value_fact(raw, row, c, common, scale, issues, g[-1])
            if fact is not None:
                out.append(fact)
    return out


__all__ = ["RawTable", "build", "canonical_column", "continue_table", "parse_grid", "tidy_would_do"]
