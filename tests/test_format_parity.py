"""One table, every format: the same checks and verdicts, located in each format's own terms.

Each sample of tests/documents.py (assets with shares, a budget with execution rates, a
类/款/项 expenditure table, a growth table) is written as xlsx, xls, csv, docx, markdown and PDF,
once under a plain title (read as a tidy table) and once under a published layout's title. For
every format the set of (rule, verdict, stated, expected) must be the CSV's, and the sample's
wrong figure must fail at its own cell.
"""

from __future__ import annotations

import pytest

import fincheck
from tests import documents as docs

VARIANTS = {
    **{s.name: s for s in docs.SAMPLES.values()},
    **{f"{name}-titled": s.titled(docs.LAYOUT_TITLES[name]) for name, s in docs.SAMPLES.items()},
}
#: The wrong figure of each sample: (label, column header, rule, stated, expected rounded).
WRONG = {
    "assets": ("固定资产净值", "占比", "GEN003", 2.52, 2.40),
    "assets-titled": ("固定资产净值", "占比", "GEN003", 2.52, 2.40),
    "budget": ("项目支出", "执行率", "GEN005", 91.00, 90.00),
    "budget-titled": ("项目支出", "执行率", "GEN005", 91.00, 90.00),
    "expense": ("人大事务", "本年支出合计", "GEN001", 1250.37, 1260.37),
    "expense-titled": ("人大事务", "本年支出合计", "FIN008", 1250.37, 1260.37),
    "growth": ("商品和服务支出", "增长%", "GEN006", 14.92, 14.29),
    "growth-titled": ("商品和服务支出", "增长%", "GEN006", 14.92, 14.29),
}
TABLE_TYPES = {
    "assets-titled": "asset.balance_sheet",
    "budget-titled": "budget.project",
    "expense-titled": "final.expense",
    "growth-titled": "final.expense",
}
CASES = [pytest.param(v, fmt, id=f"{v}-{fmt}") for v in VARIANTS for fmt in docs.FORMATS]

_reports: dict[tuple[str, str], tuple] = {}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("parity")


def checked(folder, variant: str, fmt: str):
    """(path, report) of one sample written as one format, checked once per test module."""
    if (variant, fmt) not in _reports:
        path = docs.write(VARIANTS[variant], fmt, folder)
        _reports[(variant, fmt)] = (path, fincheck.check(path))
    return _reports[(variant, fmt)]


def verdicts(report) -> set[tuple]:
    c = report.checks
    return {
        (rule, status, stated, None if expected != expected else round(expected, 2))
        for rule, status, stated, expected in zip(c["rule"], c["status"], c["stated"], c["expected"], strict=True)
    }


@pytest.mark.parametrize(("variant", "fmt"), CASES)
def test_same_checks_as_csv(folder, variant, fmt):
    _path, report = checked(folder, variant, fmt)
    assert not report.errors
    assert set(report.tables["table_type"]) == {TABLE_TYPES.get(variant, "tidy")}
    _csv_path, reference = checked(folder, variant, "csv")
    assert verdicts(report) == verdicts(reference)


@pytest.mark.parametrize(("variant", "fmt"), CASES)
def test_wrong_figure_fails_at_its_cell(folder, variant, fmt):
    path, report = checked(folder, variant, fmt)
    label, header, rule, stated, expected = WRONG[variant]
    fails = report.findings
    hit = fails[(fails["rule"] == rule) & (fails["stated"] == stated)]
    assert len(hit) == 1, fails[["rule", "stated", "expected", "location"]]
    assert round(hit["expected"].iloc[0], 2) == expected
    assert hit["location"].iloc[0] == docs.location(VARIANTS[variant], fmt, path, label, header)


@pytest.mark.parametrize("name", list(docs.SAMPLES))
def test_a_layout_title_keeps_every_failing_check(folder, name):
    """A published title adds the table's own rules; it never turns a failure into a pass."""
    _p, plain = checked(folder, name, "csv")
    _p, titled = checked(folder, f"{name}-titled", "csv")
    failing = {(stated, expected) for _rule, status, stated, expected in verdicts(plain) if status == "fail"}
    assert failing
    assert failing <= {(stated, expected) for _rule, status, stated, expected in verdicts(titled) if status == "fail"}


def test_the_pdf_builder_writes_a_ruled_table_pdfplumber_finds(tmp_path):
    import pdfplumber

    sample = VARIANTS["assets-titled"]
    path = docs.write(sample, "pdf", tmp_path)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert "资产负债表" in page.extract_text()
        tables = page.find_tables()
        assert len(tables) == 1
        assert tables[0].extract() == [[t.strip() for t in row] for row in sample.grid()]
