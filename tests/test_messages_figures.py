"""A message prints the arithmetic that gives the figure it shows: a decrease's formula with
its direction, a sum's total with its operands' decimals."""

from __future__ import annotations

import numpy as np
import pytest

import fincheck
from fincheck.messages import exact_decimals

DECREASE = "会议费本年支出 18.60 万元，较上年的 20.00 万元减少 1.50 万元，下降 7.50%。"


def _messages(text: str, lang: str, rule: str) -> list[str]:
    checks = fincheck.check_text(text, lang=lang).checks
    return checks.loc[checks["rule"] == rule, "message"].tolist()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_decrease_prints_the_formula_of_its_positive_figure(lang):
    (growth,) = _messages(DECREASE, lang, "TXT005")
    assert "(20.00 − 18.60) / 20.00" in growth and "7.00%" in growth, growth
    assert "(18.60 − 20.00)" not in growth
    (change,) = _messages(DECREASE, lang, "TXT008")
    assert "20.00 − 18.60" in change and "1.40" in change, change


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_increase_keeps_the_order_of_its_terms(lang):
    (growth,) = _messages("本年支出 110.00 万元，比上年增加 10.00 万元，增长 9.09%。", lang, "TXT005")
    assert "10.00 / (110.00 − 10.00)" in growth, growth
    (negative,) = _messages("本年支出 90.00 万元，比上年减少 10.00 万元，增长 -10.00%。", lang, "TXT005")
    assert "−10.00 / (90.00 + 10.00)" in negative, negative  # a first term's sign sticks to it


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_sum_shows_the_total_it_computes_with_the_operands_decimals(lang):
    text = "本年支出合计 30.1 万元，包括基本支出 18.67 万元、项目支出 11.54 万元。"
    checks = fincheck.check_text(text, lang=lang).checks
    row = checks[checks["rule"] == "TXT001"].iloc[0]
    assert row["expected"] == pytest.approx(30.21)
    assert "18.67 + 11.54" in row["message"] and "30.21" in row["message"], row["message"]


def test_exact_decimals_raises_until_the_figure_prints_exactly():
    got = exact_decimals(np.array([18.74, 90.0, 89.974, 1.25, np.nan, 1e9 + 0.5]), np.array([1, 0, 0, 1, 1, 2]))
    assert got.tolist() == [2, 0, 3, 2, 1, 2]
