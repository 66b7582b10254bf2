"""Tolerance and severity: interval arithmetic from printed decimals, both tie rules, the
rounding boundary, severity lowered within one unit, "rounding gap" notes, units across tables,
0/0 rates, compound growth, capped scores, constants (weights, grade bands)."""

from __future__ import annotations

import numpy as np
import pytest

import fincheck
from fincheck.interval import Interval, compare, half_unit
from fincheck.template import write_tidy_workbook


def run(tmp_path, table: str | None = None, select=None, sheets: dict | None = None, **kw):
    if sheets is not None:
        path = write_tidy_workbook(tmp_path / "t.xlsx", sheets)
    else:
        path = tmp_path / "t.csv"
        path.write_text(table, encoding="utf-8")
    report = fincheck.check(path, select=select, **kw)
    return report.checks


def one(checks, rule):
    mine = checks[checks["rule"] == rule]
    assert len(mine) == 1, mine[["rule", "status", "message"]]
    return mine.iloc[0]


# ---------------------------------------------------------------- intervals


def test_interval_sum_widens_by_each_half_unit():
    v = np.array([3877.96, 95.49])
    total = Interval.of(v[:1], 0.005) + Interval.of(v[1:], 0.005)
    assert total.lo[0] == pytest.approx(3973.44)
    assert total.hi[0] == pytest.approx(3973.46)
    ok, diff, tol = compare(np.array([3973.46]), half_unit(np.array([2])), total)
    assert ok[0] and diff[0] == pytest.approx(0.01) and tol[0] == pytest.approx(0.015)


def test_interval_division_uses_the_bounds():
    q = Interval.of(np.array([95.49]), 0.005) / Interval.of(np.array([3973.46]), 0.005)
    assert q.lo[0] == pytest.approx(95.485 / 3973.465)
    assert q.hi[0] == pytest.approx(95.495 / 3973.455)
    # a denominator interval that contains 0 makes the quotient unbounded, not an error
    z = Interval.of(np.array([1.0]), 0.5) / Interval.of(np.array([0.0]), 0.005)
    assert np.isinf(z.lo[0]) and np.isinf(z.hi[0])


def test_inequalities_accept_rounding_in_their_favour():
    e = Interval.of(np.array([100.0]))
    ok, _, _ = compare(np.array([100.004]), np.array([0.0005]), e, "le")
    assert not ok[0]
    ok, _, _ = compare(np.array([100.00]), np.array([0.005]), e, "le")
    assert ok[0]


# ---------------------------------------------------------------- sums


def test_two_rounded_parts_leave_a_rounding_gap_not_an_error(tmp_path):
    c = one(run(tmp_path, "项目,金额\n资产,3973.46\n  流动资产,3877.96\n  固定资产净值,95.49\n", ["GEN001"]), "GEN001")
    assert c["status"] == "pass" and c["note"] == "rounding gap"
    assert c["tolerance"] == pytest.approx(0.015)


@pytest.mark.parametrize(
    ("parent", "status", "severity"),
    [
        ("10.1", "pass", "error"),  # 10.05 printed half-up (10.1) and half-even (10.0): on the boundary
        ("10.0", "pass", "error"),
        ("9.9", "pass", "error"),
        ("10.2", "fail", "warning"),  # one unit beyond: fails, within one unit of the last digit
        ("9.8", "fail", "warning"),
        ("10.3", "fail", "error"),  # two units beyond: an error
    ],
)
def test_rounding_boundary_and_severity(tmp_path, parent, status, severity):
    c = one(run(tmp_path, f"项目,金额\n合计,{parent}\n甲,10.0\n", ["GEN001"]), "GEN001")
    assert (c["status"], c["severity"]) == (status, severity), c["message"]
    if status == "fail" and severity == "warning":
        assert c["note"] == "within one unit of the last digit"


def test_exact_figures_have_no_tolerance(tmp_path):
    # "—" reads as an exact 0: a parent printed without decimals still gets its own half-unit only
    c = one(run(tmp_path, "项目,金额\n合计,10\n甲,10\n乙,—\n", ["GEN001"]), "GEN001")
    assert c["status"] == "pass" and c["tolerance"] == pytest.approx(1.0)


# ---------------------------------------------------------------- shares and rates


@pytest.mark.parametrize(
    ("share", "status"), [("12.35%", "pass"), ("12.34%", "pass"), ("12.36%", "fail"), ("12.33%", "fail")]
)
def test_share_on_a_tie_accepts_both_tie_rules(tmp_path, share, status):
    table = f"项目,金额,占比\n合计,100.000,\n  甲,12.345,{share}\n  乙,87.655,87.66%\n"
    c = one(run(tmp_path, table, ["GEN003"]).query("location.str['cell'] == 'C3'", engine="python"), "GEN003")
    assert c["status"] == status


def test_the_seed_share_fails_at_its_cell(tmp_path):
    checks = run(tmp_path, "项目,金额,占比\n资产,3973.46,\n  流动资产,3877.96,97.60%\n  固定资产净值,95.49,2.52%\n")
    fails = checks[checks["status"] == "fail"]
    assert set(fails["rule"]) <= {"GEN003", "GEN004"}
    share = one(fails, "GEN003")
    assert share["location"]["cell"] == "C4" and share["expected"] == pytest.approx(2.4032, abs=1e-4)
    assert share["severity"] == "error"


def test_rate_zero_over_zero_is_not_an_error(tmp_path):
    checks = run(tmp_path, "项目,全年预算数,执行数,执行率\n培训费,0,0,0.00%\n会议费,0,5.00,100.00%\n", ["GEN005"])
    notes = dict(
        zip(
            checks["location"].map(lambda x: x["cell"]), zip(checks["status"], checks["note"], strict=True), strict=True
        )
    )
    assert notes["D2"] == ("pass", "0/0")
    assert notes["D3"] == ("skip", "zero base")


def test_rate_over_a_sum_of_bases(tmp_path):
    table = "项目,执行数,执行率,执行率基数\n本年项目经费收入,233.07,,\n上年结转项目收入,91.91,,\n项目支出,324.98,{r},本年项目经费收入+上年结转项目收入\n"
    assert one(run(tmp_path, table.format(r="100%"), ["GEN005"]), "GEN005")["status"] == "pass"
    bad = one(run(tmp_path, table.format(r="98.00%"), ["GEN005"]), "GEN005")
    assert bad["status"] == "fail" and bad["expected"] == pytest.approx(100.0)


# ---------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("unit", "figure", "status"),
    [("元", "3249800.00", "pass"), ("元", "3259800.00", "fail"), ("亿元", "0.03", "pass"), ("亿元", "0.04", "fail")],
)
def test_units_are_normalised_across_tables(tmp_path, unit, figure, status):
    sheets = {
        "决算": "单位：万元\n项目,决算数\n决算支出,324.98\n  项目支出,324.98\n",
        "项目": f"单位：{unit}\n项目,执行数\n项目支出,{figure}\n",
    }
    c = one(run(tmp_path, sheets=sheets, select=["GEN007"]), "GEN007")
    assert c["status"] == status, c["message"]
    assert c["unit"] == unit


def test_mixed_units_in_a_budget_rule(tmp_path):
    sheets = {
        "三公": "“三公”经费和机关运行经费预算表\n单位：万元\n项目,预算数\n机关运行经费,213.28\n",
        "基本": "一般公共预算基本支出表\n单位：元\n项目,合计,人员经费,公用经费\n合计,24606775.35,22473997.81,2132777.54\n",
    }
    c = one(run(tmp_path, sheets=sheets, select=["BUD010"]), "BUD010")
    assert c["status"] == "pass" and c["expected"] == pytest.approx(213.277754)


# ---------------------------------------------------------------- formulas, growth, scores


def test_formula_with_every_optional_operand_absent_skips(tmp_path):
    # BUD014 lists the income sources as optional columns: a table with none of them is not checked
    c = one(run(tmp_path, "收入预算总表\n项目,合计,另一栏\n合计,100.00,50.00\n", ["BUD014"]), "BUD014")
    assert c["status"] == "skip"


@pytest.mark.parametrize(
    ("label", "growth", "status"),
    [
        ("2016—2021年年均增长", "10.00%", "pass"),  # (161.05/100)^(1/5) − 1 = 10.00%
        ("2016—2021年年均增长", "12.00%", "fail"),
        ("近五年年均增长", "10.00%", "pass"),
        ("年均增长", "10.00%", "skip"),  # years not stated
        ("增长", "61.05%", "pass"),  # not 年均: simple growth
    ],
)
def test_compound_annual_growth(tmp_path, label, growth, status):
    c = one(run(tmp_path, f"项目,本年数,上年数,增长率\n{label},161.05,100.00,{growth}\n", ["GEN006"]), "GEN006")
    assert c["status"] == status, c["message"]


def test_growth_from_a_zero_base_skips(tmp_path):
    c = one(run(tmp_path, "项目,本年数,上年数,增长率\n新增项目,10.00,0.00,100.00%\n", ["GEN006"]), "GEN006")
    assert (c["status"], c["note"]) == ("skip", "zero base")


def test_execution_score_is_capped_at_the_weight(tmp_path):
    t = "项目支出绩效自评表\n项目,全年预算数,执行数,分值,得分\n年度资金总额,100.00,{a},10,{s}\n"
    assert one(run(tmp_path, t.format(a="120.00", s="10.00"), ["PRF002"]), "PRF002")["status"] == "pass"
    over = one(run(tmp_path, t.format(a="120.00", s="12.00"), ["PRF002"]), "PRF002")
    assert over["status"] == "fail" and over["expected"] == pytest.approx(10.0)
    zero = one(run(tmp_path, t.format(a="0.00", s="0.00").replace("100.00", "0.00"), ["PRF002"]), "PRF002")
    assert (zero["status"], zero["note"]) == ("pass", "0/0")


GRADED = "项目支出绩效自评表\n项目,分值,得分\n产出指标,100,{s}\n总分,100,{s}\n评价等级：{g},,\n"


@pytest.mark.parametrize(
    ("score", "grade", "bands", "status"),
    [
        ("87.00", "优秀", None, "fail"),  # MoF: 优 from 90
        ("87.00", "良好", None, "pass"),
        ("87.00", "优秀", {"优秀": 85, "良好": 75, "合格": 60, "差": 0}, "pass"),  # the seed's 85
        ("80.00", "良好", {"优秀": 85, "良好": 75, "合格": 60, "差": 0}, "pass"),
        ("74.00", "良好", {"优秀": 85, "良好": 75, "合格": 60, "差": 0}, "fail"),
        ("59.00", "合格", None, "fail"),
        ("60.00", "合格", None, "pass"),
    ],
)
def test_grade_bands_default_and_from_context(tmp_path, score, grade, bands, status):
    checks = run(tmp_path, GRADED.format(s=score, g=grade), ["PRF006"], context={"bands": bands} if bands else None)
    mine = checks[checks["rule"] == "PRF006"]
    got = "fail" if (mine["status"] == "fail").any() else "pass"
    assert got == status, mine[["status", "message"]]


def test_rounding_gap_note_only_when_a_bound_holds_thanks_to_rounding(tmp_path):
    # a grade lower bound far below the score passes without a note
    checks = run(tmp_path, GRADED.format(s="94.77", g="优"), ["PRF006"])
    assert (checks["note"] == "").all()
    # 得分 10.2 ≤ 分值 "10" holds only because "10" may stand for up to 10.5
    c = one(run(tmp_path, "项目支出绩效自评表\n项目,分值,得分\n产出指标,10,10.2\n", ["PRF003"]), "PRF003")
    assert (c["status"], c["note"]) == ("pass", "rounding gap")
    c = one(run(tmp_path, "项目支出绩效自评表\n项目,分值,得分\n产出指标,10,9.2\n", ["PRF003"]), "PRF003")
    assert (c["status"], c["note"]) == ("pass", "")
