"""The Putuo 2024 nine tables written in the published layouts: recognised, checked, and every
table relation of the answer key evaluated; quirk variants; one changed figure per table caught."""

from __future__ import annotations

import re

import pytest
import yaml

import fincheck

from .corpus import corpus_dir
from .putuo import write_workbook

FINAL_TYPES = {
    "final.income_expense", "final.income", "final.expense", "final.fiscal_summary", "final.gp_expense",
    "final.gp_basic", "final.three_public", "final.gov_fund", "final.state_capital",
}  # fmt: skip
VARIANTS = {
    "template": {},
    "split-codes": {"split_codes": True},
    "numbers-as-text": {"numbers": "text"},
    "full-width-digits": {"numbers": "fullwidth"},
    "dash-blanks": {"blank": "—"},
    "hyphen-blanks": {"blank": "-"},
    "row-numbers": {"row_numbers": True},
    "stacked": {"stacked": True},
    "continued": {"continue": {"t2": 12, "t5": 10}},
    "hidden": {"hidden_rows": {"t3": [8]}, "hidden_sheets": ["t6"]},
    "no-merges": {"no_merges": True},
    "totals-moved": {"total_bottom": True, "total_top": True},
    "banner": {"banner": True},
}


def _check(path, **kw):
    return fincheck.check(path, select=["FIN", "XTB", "SCH", "GEN001"], **kw)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variant_recognised_and_clean(name, tmp_path):
    path = tmp_path / f"putuo-{name}.xlsx"
    write_workbook(path, VARIANTS[name])
    report = _check(path)
    assert not report.errors
    assert set(report.tables["table_type"]) == FINAL_TYPES
    assert len(report.tables) == 9
    bad = report.findings
    assert bad.empty, bad[["rule", "location", "stated", "expected", "message"]].to_string()
    assert (report.checks["status"] == "pass").sum() > 300


def test_variant_notes(tmp_path):
    path = tmp_path / "quirks.xlsx"
    write_workbook(
        path, {"hidden_rows": {"t3": [8]}, "hidden_sheets": ["t6"], "continue": {"t2": 12}, "row_numbers": True}
    )
    t = _check(path).tables.set_index("table_type")
    assert "hidden rows read" in t.loc["final.expense", "note"]
    assert "hidden sheet" in t.loc["final.gp_basic", "note"]
    assert "continued on" in t.loc["final.income", "note"]
    assert "行次" in t.loc["final.income_expense", "note"]
    assert t.loc["final.income", "unit"] == "万元"


def test_unit_in_yuan_is_normalised(tmp_path):
    path = tmp_path / "yuan.xlsx"
    write_workbook(path, {"unit": "元"})
    report = _check(path)
    t = report.tables.set_index("table_type")
    assert t.loc["final.income", "unit"] == "元" and t.loc["final.income_expense", "unit"] == "万元"
    x1 = report.checks[report.checks["rule"] == "XTB001"]
    assert list(x1["status"]) == ["pass"]


CHANGES = {
    ("t1", "支出:年末结转和结余", "决算数"): ("55.43", "FIN005", 55.34),
    ("t2", "2010602", "本年收入合计"): ("16.91", "FIN007", 16.19),
    ("t3", "2010601", "本年支出合计"): ("1511.98", "FIN009", 1511.89),
    ("t4", "支出:九、卫生健康支出", "合计"): ("69.09", "FIN010", 60.99),
    ("t5", "2210201", "合计"): ("178.19", "FIN015", 187.19),
    ("t6", "人员经费合计", "决算数"): ("2125.26", "FIN016", 2152.26),
    ("t7", "合计", "预算数"): ("0.59", "FIN019", 0.95),
    ("t8", "合计", "本年支出合计"): ("5.00", "FIN022", 0.0),
    ("t9", "合计", "年末结转和结余"): ("3.00", "FIN023", 0.0),
}


def test_one_changed_figure_per_table_is_caught_at_its_cell(tmp_path):
    path = tmp_path / "changed.xlsx"
    where = write_workbook(path, changes={k: v[0] for k, v in CHANGES.items()})
    report = _check(path)
    fails = report.findings
    for key, (new, rule, expected) in CHANGES.items():
        sheet, cell = where[key]
        hit = fails[fails["location"].map(lambda loc, s=sheet, c=cell: loc.get("sheet") == s and loc.get("cell") == c)]
        assert not hit.empty, f"{key} changed to {new}: no failure at {sheet}!{cell}"
        assert rule in set(hit["rule"]), f"{key}: {set(hit['rule'])}"
        row = hit[hit["rule"] == rule].iloc[0]
        assert row["stated"] == pytest.approx(float(new)) and row["expected"] == pytest.approx(expected, abs=1e-6)


# --- the answer key -------------------------------------------------------------------------

_REF = re.compile(r"^(t\d)\[(.+)\]\.(\S+)\s*=\s*(.*)$")


def _cell_key(table: str, row: str, column: str) -> tuple[str, str, str]:
    if table in ("t1", "t4"):
        side, _, label = row.partition(":")
        if "/" in label:
            parent, _, sub = label.partition("/")
            label = f"{parent}/{sub}"
        return table, f"{side}:{label}", column
    if table == "t7":
        item = {"公务用车购置及运行费/小计": "公务用车购置及运行维护费", "因公出国（境）费": "因公出国（境）费"}.get(
            row, row
        )
        return table, item, column
    code = row.split(" ", 1)[0]
    return table, code if code.isdigit() else row, column


def _relations():
    key = corpus_dir() / "pdf" / "putuo-finance-2024.answers.yaml"
    data = yaml.safe_load(key.read_text(encoding="utf-8"))
    out = []
    for rel in data["relations"]:
        if rel["verdict"] not in ("ok", "rounding") or rel.get("section"):
            continue
        cells = []
        for text in rel.get("cells") or []:
            m = _REF.match(text)
            if m:
                cells.append((m.group(1), m.group(2), m.group(3), m.group(4).strip()))
        if cells:
            out.append((rel, cells))
    return out


def test_answer_key_table_relations_are_evaluated_and_pass(tmp_path):
    relations = _relations()
    path = tmp_path / "putuo.xlsx"
    where = write_workbook(path)
    report = fincheck.check(path)
    checks = report.checks
    locs = [
        (status, note, {(loc.get("sheet"), loc.get("cell"))} | {(r.get("sheet"), r.get("cell")) for r in related})
        for status, note, loc, related in zip(
            checks["status"], checks["note"], checks["location"], checks["related"], strict=True
        )
    ]
    missing, failing, gaps = [], [], 0
    for rel, cells in relations:
        need = set()
        for t, row, col, value in cells:
            k = _cell_key(t, row, col)
            assert k in where, f"{rel['id']}: {k} not written"
            if value != "(blank)":
                need.add(where[k])
        if not need:
            continue
        hits = [(s, n) for s, n, cover in locs if need <= cover]
        if not hits:
            missing.append(f"{rel['id']} {rel['rule']}")
        elif not any(s == "pass" for s, _n in hits):
            failing.append(f"{rel['id']} {rel['rule']}")
        elif rel["verdict"] == "rounding":
            assert any(n == "rounding gap" for s, n in hits if s == "pass"), (
                f"{rel['id']} passes without a rounding-gap note"
            )
            gaps += 1
    assert not missing, f"{len(missing)} relations not evaluated:\n" + "\n".join(missing)
    assert not failing, "\n".join(failing)
    assert len(relations) > 200 and gaps >= 10
    table_errors = report.findings[report.findings["severity"] == "error"]
    assert table_errors.empty, table_errors[["rule", "location", "message"]].to_string()
