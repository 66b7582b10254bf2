"""A two-sided bound is one check shown as a bound: one row "within 0–100%", no expected
figure or difference when it passes; the crossed bound when it fails."""

from __future__ import annotations

import math

import fincheck

from .helpers import EXAMPLE, write_csv


def test_each_share_is_one_passing_row_within_both_bounds():
    checks = fincheck.check(EXAMPLE, select="GEN008").checks
    assert len(checks) == checks["cell"].nunique() == 5
    assert (checks["status"] == "pass").all()
    assert checks["expected"].isna().all() and checks["difference"].isna().all()
    assert checks["message"].str.contains("在 0–100% 之内", regex=False).all()
    row = checks[checks["cell"] == "C5"].iloc[0]
    assert row["message"] == "流动资产（占比）列示 97.60%，在 0–100% 之内"
    en = fincheck.check(EXAMPLE, select="GEN008", lang="en").checks
    assert en["message"].str.endswith("is within 0–100%").all()


def test_a_share_above_100_is_one_failing_row_naming_the_crossed_bound(tmp_path):
    p = write_csv(
        tmp_path / "s.csv", "项目,金额,占比\n资产,3973.46,\n  流动资产,3877.96,976.00%\n  固定资产净值,95.49,2.40%\n"
    )
    checks = fincheck.check(p, select="GEN008").checks
    assert len(checks) == 2
    bad = checks[checks["status"] == "fail"]
    assert len(bad) == 1 and bad["expected"].iat[0] == 100 and math.isclose(bad["difference"].iat[0], 876)
    assert "100" in bad["message"].iat[0] and "0–100" not in bad["message"].iat[0]
    assert checks.loc[checks["status"] == "pass", "message"].str.contains("0–100", regex=False).all()


def test_one_sided_bounds_are_not_folded(tmp_path):
    p = write_csv(tmp_path / "n.csv", "项目,金额\n合计,10.00\n  A,4.00\n  B,6.00\n")
    checks = fincheck.check(p).checks
    assert not checks["message"].str.contains("–", regex=False).any()


def _outside(tmp_path, lang: str = "zh"):
    p = write_csv(
        tmp_path / "o.csv", "项目,金额,占比\n资产,3973.46,\n  流动资产,3877.96,262.00%\n  固定资产净值,95.49,2.40%\n"
    )
    return fincheck.check(p, select="GEN008", lang=lang)


def test_a_failing_bound_reads_as_its_bound_in_the_terminal_and_html(tmp_path):
    from fincheck.render.html import to_html
    from fincheck.render.terminal import full_lines, render_report

    for lang, bounds, by, wrong in (
        ("zh", "界限 0–100%", "超出 162", ("计算数", "差额")),
        ("en", "bounds 0–100%", "outside by 162", ("expected", "difference")),
    ):
        report = _outside(tmp_path, lang)
        text = full_lines(render_report(report, show_all=True, lang=lang, fold=False))
        block = text.split("GEN008", 1)[1]
        assert bounds in block and by in block, text
        assert not any(w in block.split("\n")[1] for w in wrong), text
        assert "0%–100%" in report.findings["message"].iat[0]
        html = to_html(report, lang=lang)
        assert f'<td class="num">{bounds}</td>' in html and f'<td class="num">{by}</td>' in html


def test_the_data_of_a_failing_bound_keep_their_numbers(tmp_path):
    row = _outside(tmp_path).to_dict()["checks"][0]
    assert row["expected"] == 100 and math.isclose(row["difference"], 162)


def test_explain_says_an_examples_crossed_bound_as_a_bound(capsys):
    from fincheck.render.catalogue import explain_rule

    explain_rule("GEN008", None, lang="zh")
    out = capsys.readouterr().out
    assert "越过界限 100" in out and "计算数" not in out
