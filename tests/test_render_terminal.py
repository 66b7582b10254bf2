"""Terminal output: per-source header, findings by place, --all, --quiet, folding, colour."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

import fincheck
from fincheck.cli import main
from fincheck.render.terminal import ProgressBar, render_report

from .helpers import FINDINGS_TABLE

TABLE = FINDINGS_TABLE


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "assets.csv"
    path.write_text(TABLE, encoding="utf-8")
    return fincheck.check(path)


def render(report, width=160, **kw) -> str:
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None).print(render_report(report, **kw))
    return buf.getvalue()


def test_header_and_findings_in_order(report):
    out = render(report)
    assert "assets.csv" in out.splitlines()[0]
    assert "张表" in out.splitlines()[0]
    # the rule column (a finding's "另见 GEN004" line below it names a code too)
    rows = [line for line in out.splitlines() if re.match(r"│GEN00\d", line)]
    codes = [re.search(r"GEN00\d", line).group(0) for line in rows]
    # by cell (C3, C4, then the warning at B5)
    assert codes[-1] == "GEN002"
    assert set(codes[:-1]) == {"GEN003", "GEN004"}
    share = next(line for line in rows if "GEN003" in line)
    for text in ("assets.csv!C4", "2.52", "2.4032", "0.1168"):
        assert text in share
    assert "GEN001" not in out  # passing checks only with --all


def test_all_adds_passing_and_skipped(report):
    out = render(report, show_all=True)
    assert "GEN001" in out
    assert any("通过" in line and "GEN" in line for line in out.splitlines())


def test_english_labels(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(TABLE, encoding="utf-8")
    out = render(fincheck.check(path, lang="en"))
    assert "stated" in out and "expected" in out and "1 source," in out
    assert "列示数" not in out


def test_long_cjk_message_folds_and_is_never_cut(report):
    out = render(report, width=50)
    message = report.findings.loc[report.findings["rule"] == "GEN003", "message"].iloc[0]
    flat = re.sub(r"\s+", "", out)
    assert re.sub(r"\s+", "", message) in flat
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 50 * 2  # CJK cells are double width
    assert "…" not in out


def test_quiet_prints_only_the_summary(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text(TABLE, encoding="utf-8")
    assert main([str(path), "--quiet"]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert "3 项不符" in out[0]


def test_non_terminal_output_has_no_escape_codes(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text(TABLE, encoding="utf-8")
    main([str(path)])
    assert "\x1b[" not in capsys.readouterr().out


def test_no_color_is_respected(report, monkeypatch):
    def coloured() -> str:
        buf = io.StringIO()
        Console(file=buf, force_terminal=True, width=120).print(render_report(report))
        return buf.getvalue()

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[31" in coloured() or "\x1b[1;31" in coloured()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", coloured())


def test_unreadable_source_in_header(tmp_path):
    good = tmp_path / "a.csv"
    good.write_text(TABLE, encoding="utf-8")
    out = render(fincheck.check(good, tmp_path / "missing.xlsx"))
    assert "missing.xlsx" in out and "无法读取" in out
    assert "1 个输入无法读取" in out


def test_progress_bar_counts(tmp_path):
    bar = ProgressBar(2)
    bar.progress.console.file = io.StringIO()
    bar("a.csv")
    bar("b.csv")
    assert bar.progress.tasks[0].completed == 2
    bar.close()


def test_text_findings_show_the_quote(report):
    from dataclasses import replace

    checks = report.checks.copy()
    i = checks.index[checks["status"] == "fail"][0]
    checks.at[i, "location"] = {"line": 3, "column": 11, "start": 10, "end": 16, "quote": "占资产的2.52%"}
    out = render(replace(report, checks=checks), width=80)
    assert (
        "第3行第11字" in out and "[10:16]" not in out and "“占资产的2.52%”" in out
    )  # a Chinese report says where in Chinese


def test_a_skip_note_is_said_once_in_every_language(tmp_path):
    """A skipped check's message says why; the note is not repeated after it in brackets."""
    from fincheck.render.html import to_html
    from fincheck.render.terminal import full_lines, render_report

    p = tmp_path / "g.csv"
    p.write_text("项目,金额,增长率\n资产,3973.46,\n  流动资产,3877.96,3.00%\n", encoding="utf-8")
    for lang, why in (("zh", "未列示上年数"), ("en", "last year's figure is not stated")):
        report = fincheck.check(p, select="GEN006", lang=lang)
        assert (report.checks["status"] == "skip").any()
        text = full_lines(render_report(report, show_all=True, lang=lang, fold=False))
        assert text.count(why) == 1, text
        assert f"[{why}]" not in to_html(report, all_checks=True, lang=lang)
