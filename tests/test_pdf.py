"""Published PDF reports: ruled tables through the same recognisers, located by page."""

from __future__ import annotations

import pytest

import fincheck

from .corpus import corpus_dir
from .helpers import run_cli

FINAL_TYPES = {
    "final.income_expense",
    "final.income",
    "final.expense",
    "final.fiscal_summary",
    "final.gp_expense",
    "final.gp_basic",
    "final.three_public",
    "final.gov_fund",
    "final.state_capital",
}


@pytest.fixture(scope="module")
def putuo():
    return fincheck.check(corpus_dir() / "pdf" / "putuo-finance-2024.pdf")


def test_all_nine_tables_recognised(putuo):
    assert not putuo.errors
    assert set(putuo.tables["table_type"]) >= FINAL_TYPES


def test_table_relations_pass_and_are_located_by_page(putuo):
    checks = putuo.checks
    tables = checks[checks["rule"].str[:3].isin(["FIN", "XTB"])]
    assert (tables["status"] == "pass").sum() >= 350
    assert (tables["status"] == "fail").sum() == 0, tables[tables["status"] == "fail"][["rule", "message"]]
    for loc in tables["location"]:
        assert set(loc) == {"page", "table", "row", "column"}
    # the 0.01 residues of the published tables pass as rounding gaps (326.71 in T1 vs 326.72 in T3)
    gaps = tables[(tables["note"] == "rounding gap")]
    assert {326.71, 326.72} & set(gaps["stated"].round(2))


def test_a_table_continued_on_the_next_page_is_one_table(putuo):
    # T1 starts on page 6 and ends on page 7: its grand totals balance
    c = putuo.checks
    t1 = c[(c["stated"] == 2995.39) & (c["status"] == "pass") & ~c["rule"].str.startswith("TXT")]  # tables only
    assert {loc["page"] for loc in t1["location"]} == {7}


def test_not_a_pdf(tmp_path):
    p = tmp_path / "fake.pdf"
    p.write_text("hello", encoding="utf-8")
    proc = run_cli(p, "--lang", "en")
    assert proc.returncode == 2 and "not a PDF" in proc.stderr and "Traceback" not in proc.stderr


#: the real PDF's findings, in the order of their places (page 21 line 15, line 26 twice, page 23)
PUTUO_FINDINGS = ["TXT011", "TXT003", "TXT004", "DOC007", "DOC006"]


def test_findings_are_in_page_order_in_every_output(putuo):
    import csv
    import io
    import re

    from rich.console import Console

    from fincheck.render.tabular import to_csv
    from fincheck.render.terminal import render_report
    from fincheck.schemas import CHECK_COLUMNS

    findings = putuo.findings
    assert findings["rule"].tolist() == PUTUO_FINDINGS, findings[["rule", "location"]]
    pages = findings["page"].tolist()
    assert pages == sorted(pages)
    assert [c["rule"] for c in putuo.to_dict(all_checks=False)["checks"]] == PUTUO_FINDINGS
    rows = list(csv.reader(io.StringIO(to_csv(putuo, all_checks=False).lstrip("\ufeff"))))[1:]
    assert [r[CHECK_COLUMNS.index("rule")] for r in rows] == PUTUO_FINDINGS
    html = putuo.to_html()
    assert re.findall(r'data-status="fail" data-rule="([A-Z]+\d+)"', html) == PUTUO_FINDINGS
    buf = io.StringIO()
    Console(file=buf, width=80, color_system=None).print(render_report(putuo))
    assert re.findall(r"^([A-Z]{3}\d{3}) ", buf.getvalue(), flags=re.M) == PUTUO_FINDINGS
