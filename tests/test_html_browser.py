"""The HTML report in a real headless Chromium (Debian's package, driven by Playwright).

Choosing a severity, a rule or a table really changes the rows shown; hostile labels are shown
literally and never run. Skipped when Playwright or /usr/bin/chromium is missing, unless the
CI environment variable is set (then it fails: .ci/install-browser installs chromium).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import fincheck

from .helpers import FINDINGS_TABLE

CHROMIUM = os.environ.get("FINCHECK_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCRIPT_LABEL = "<script>alert(1)</script>"
IMG_LABEL = "<img/src=x/onerror=alert(2)>"  # labels lose their spaces when cleaned
FORMULA_LABEL = '=HYPERLINK("http://example.invalid","click")'

TABLE = (
    FINDINGS_TABLE
    + f""""{SCRIPT_LABEL}",10.00,
  a,4.00,
  b,5.00,
"{FORMULA_LABEL.replace('"', '""')}",10.00,
  c,4.00,
  d,5.00,
"{IMG_LABEL}",10.00,
  e,4.00,
  f,5.00,
"""
)


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _playwright()
    missing = []
    if sync_playwright is None:
        missing.append("playwright")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing.append(CHROMIUM)
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser test needs {', '.join(missing)} (run .ci/install-browser)")
        pytest.skip(f"needs {', '.join(missing)}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    src = folder / "hostile.csv"
    src.write_text(TABLE, encoding="utf-8")
    report = fincheck.check(src)
    out = folder / "report.html"
    out.write_text(report.to_html(), encoding="utf-8")
    return report, out


@pytest.fixture
def page(browser, report_file):
    _, path = report_file
    page = browser.new_page()
    page.dialogs = []
    page.requests = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    yield page
    page.close()


def visible_rows(page):
    return page.locator("#findings > tbody > tr:visible")


def attrs(page, name):
    return page.eval_on_selector_all(
        "#findings > tbody > tr", f"rows => rows.filter(r => !r.hidden).map(r => r.dataset.{name})"
    )


def test_severity_filter_changes_rows(page, report_file):
    report, _ = report_file
    findings = report.findings
    assert visible_rows(page).count() == len(findings)
    page.select_option('select[data-filter="severity"]', "warning")
    assert visible_rows(page).count() == int((findings["severity"] == "warning").sum()) >= 1
    assert set(attrs(page, "severity")) == {"warning"}
    assert page.inner_text("#shown") == str(visible_rows(page).count())
    page.select_option('select[data-filter="severity"]', "error")
    assert set(attrs(page, "severity")) == {"error"}
    page.select_option('select[data-filter="severity"]', "")
    assert visible_rows(page).count() == len(findings)


def test_rule_and_table_filters_change_rows(page, report_file):
    report, _ = report_file
    findings = report.findings
    page.select_option('select[data-filter="rule"]', "GEN003")
    assert visible_rows(page).count() == int((findings["rule"] == "GEN003").sum()) >= 1
    assert set(attrs(page, "rule")) == {"GEN003"}
    page.select_option('select[data-filter="severity"]', "warning")
    assert visible_rows(page).count() == 0  # GEN003 is an error rule
    page.select_option('select[data-filter="rule"]', "")
    page.select_option('select[data-filter="severity"]', "")
    first_table = page.eval_on_selector('select[data-filter="table"] option:nth-child(2)', "o => o.value")
    page.select_option('select[data-filter="table"]', first_table)
    assert set(attrs(page, "table")) == {first_table}


def test_chart_bar_filters_by_table(page):
    bar = page.locator("svg rect[data-table]").first
    table = bar.get_attribute("data-table")
    bar.click()
    assert page.eval_on_selector('select[data-filter="table"]', "s => s.value") == table
    assert set(attrs(page, "table")) == {table}


def test_hostile_labels_are_shown_literally_and_never_run(page):
    text = page.inner_text("#findings")
    assert SCRIPT_LABEL in text
    assert IMG_LABEL in text
    assert FORMULA_LABEL in text
    assert page.dialogs == []
    assert page.locator("#findings script, #findings img").count() == 0
    assert all(url.startswith(("file:", "data:", "about:")) for url in page.requests), page.requests


def test_counter_and_filters_count_findings_not_their_evidence_rows(browser, tmp_path):
    """A finding's evidence is a nested table: its rows are no findings, and a filter never hides them."""
    report = fincheck.check(Path(__file__).parents[1] / "examples" / "zhengding-2021.xlsx")
    out = tmp_path / "example.html"
    out.write_text(report.to_html(), encoding="utf-8")
    page = browser.new_page()
    page.goto(out.as_uri())
    page.wait_for_load_state("load")
    assert page.locator("#findings tbody tbody tr").count() > 0  # the evidence tables are there
    page.select_option('select[data-filter="severity"]', "error")
    n = int((report.findings["severity"] == "error").sum())
    assert page.inner_text("#shown") == str(n) == str(visible_rows(page).count())
    assert page.locator("#findings tbody tbody tr[hidden]").count() == 0
    page.close()
