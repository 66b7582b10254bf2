"""HTML report: self-contained, filterable rows, chart, escaping of everything from the input."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

import fincheck
from fincheck.cli import main
from fincheck.render.html import notebook_html, safe_json, to_html

from .helpers import FINDINGS_TABLE

HOSTILE = "<script>alert(1)</script>"
TABLE = (
    FINDINGS_TABLE
    + f""""{HOSTILE}",10.00,
  a,4.00,
  b,5.00,
"""
)


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(TABLE, encoding="utf-8")
    return fincheck.check(path)


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(html: str) -> Collect:
    p = Collect()
    p.feed(html)
    return p


def test_self_contained_no_network(report):
    html = to_html(report)
    parsed = parse(html)
    for tag, attrs in parsed.tags:
        for name in ("src", "href"):
            assert name not in attrs or attrs[name].startswith(("#", "data:")), (tag, attrs)
        assert tag not in ("link", "iframe", "img")
    assert "http://" not in html and "https://" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_rows_carry_filter_keys_and_show_involved_cells(report):
    parsed = parse(to_html(report))
    rows = [a for t, a in parsed.tags if t == "tr" and "data-rule" in a]
    assert len(rows) == len(report.findings)
    assert {a["data-severity"] for a in rows} == {"error", "warning"}
    assert {a["data-rule"] for a in rows} >= {"GEN001", "GEN002", "GEN003", "GEN004"}
    assert all(a["data-table"].startswith("a.csv · ") for a in rows)
    selects = {a["data-filter"] for t, a in parsed.tags if t == "select"}
    assert selects == {"severity", "rule", "table"}
    html = to_html(report)
    assert "<code>a.csv!C4</code> ← <code>a.csv!B4</code>" in html


def test_chart_counts_findings_per_table(report):
    html = to_html(report)
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<rect" in svg
    assert re.search(r">\s*" + str(len(report.findings)) + r"</text>", svg)


def test_all_checks_adds_status_filter(report):
    parsed = parse(to_html(report, all_checks=True))
    assert "status" in {a["data-filter"] for t, a in parsed.tags if t == "select"}
    statuses = {a["data-status"] for t, a in parsed.tags if t == "tr" and "data-status" in a}
    assert "pass" in statuses


def test_hostile_label_is_escaped(report):
    html = to_html(report)
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parsed = parse(html)
    # exactly two script elements: the JSON data and our filter code
    assert [t for t, _ in parsed.tags].count("script") == 2
    data = next(s for s in parsed.scripts if s.lstrip().startswith("{"))
    assert "</" not in data
    assert json.loads(data)["summary"] == report.summary()


def test_safe_json_cannot_close_the_script():
    text = safe_json({"x": "</script><!-- & >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><!-- & >"}


def test_english_and_chinese_labels(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(TABLE, encoding="utf-8")
    assert "列示数" in to_html(fincheck.check(path))
    en = to_html(fincheck.check(path, lang="en"))
    assert "stated" in en and "列示数" not in en and '<html lang="en">' in en


def test_cli_writes_html(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text(TABLE, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main([str(src), "--format", "html", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_notebook_html_and_report_methods(report):
    html = report._repr_html_()
    assert "<script" not in html and "fincheck" in html and "2.4032" in html
    assert notebook_html(report, limit=1).count("<tr") == 2  # header + one row
    assert report.to_html().startswith("<!DOCTYPE html>")


def test_no_findings(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("项目,金额\n合计,3.00\n  a,1.00\n  b,2.00\n", encoding="utf-8")
    html = to_html(fincheck.check(path))
    assert "未发现问题" in html


def test_text_findings_show_the_quoted_sentence(report):
    from dataclasses import replace

    checks = report.checks.copy()
    i = checks.index[checks["status"] == "fail"][0]
    checks.at[i, "location"] = {"line": 3, "column": 11, "start": 10, "end": 16, "quote": "占资产的 2.52% <b>"}
    checks.at[i, "related"] = [{"line": 3, "column": 1, "start": 0, "end": 5, "quote": "资产"}]
    html = to_html(replace(report, checks=checks))
    assert '<div class="quote">占资产的 2.52% &lt;b&gt;</div>' in html
    assert "<code>第3行第11字</code> ← <code>第3行第1字</code> “资产”" in html  # a Chinese report
    english = to_html(replace(report, checks=checks), lang="en")
    assert "<code>line 3 col 11</code> ← <code>line 3 col 1</code> “资产”" in english


def test_output_equal_to_input_is_refused(tmp_path, capsys):
    src = tmp_path / "a.csv"
    src.write_text(TABLE, encoding="utf-8")
    before = src.read_bytes()
    assert main([str(src), "--format", "html", "-o", str(src), "--lang", "en"]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert src.read_bytes() == before


def test_the_rule_codes_tooltip_is_the_rules_title_in_chinese(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(FINDINGS_TABLE, encoding="utf-8")
    zh = fincheck.check(p, select="GEN004", lang="zh")
    tips = set(re.findall(r'<td title="([^"]*)">GEN004</td>', to_html(zh, lang="zh")))
    assert tips == {"各组成项占比之和不等于100%（或上级占比）"}, tips
    assert set(re.findall(r'<td title="([^"]*)">GEN004</td>', notebook_html(zh, lang="zh"))) == tips
    en = fincheck.check(p, select="GEN004", lang="en")
    assert set(re.findall(r'<td title="([^"]*)">GEN004</td>', to_html(en, lang="en"))) == {"shares-do-not-add-up"}
