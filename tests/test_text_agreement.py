"""Growth rates that must agree through an identity (TXT022, fincheck/text/agreement.py):
correctly rounded figures never fail, and no identity is inferred from figures that fit."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import fincheck


def _checks(text: str, rule: str = "TXT022") -> list[dict]:
    return [c for c in fincheck.check_text(text).to_dict()["checks"] if c["rule"] == rule]


def _printed(x: float, decimals: int, mode: str) -> str:
    return str(Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=mode))


def _rate(g: float, decimals: int, mode: str) -> str:
    word = "增长" if g >= 0 else "下降"
    return f"{word}{_printed(abs(g), decimals, mode)}%"


@settings(max_examples=60, deadline=None)
@given(
    prev_assets=st.floats(100, 50000),
    debt_share=st.floats(0.05, 0.9),
    g_assets=st.floats(-30, 40),
    g_debt=st.floats(-30, 40),
    amount_decimals=st.integers(0, 2),
    rate_decimals=st.integers(0, 2),
    mode=st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN]),
)
def test_correctly_rounded_rates_never_fail(
    prev_assets, debt_share, g_assets, g_debt, amount_decimals, rate_decimals, mode
):
    prev_debt = prev_assets * debt_share
    assets, debt = prev_assets * (1 + g_assets / 100), prev_debt * (1 + g_debt / 100)
    net, prev_net = assets - debt, prev_assets - prev_debt
    g_net = (net / prev_net - 1) * 100
    if net <= 1:
        return
    a, d, n = (_printed(x, amount_decimals, mode) for x in (assets, debt, net))
    text = (
        f"截至年底，全区行政事业性资产总额{a}亿元，同比{_rate(g_assets, rate_decimals, mode)}；"
        f"负债总额{d}亿元，同比{_rate(g_debt, rate_decimals, mode)}；"
        f"净资产总额{n}亿元，同比{_rate(g_net, rate_decimals, mode)}。"
    )
    got = _checks(text)
    assert got, text  # the identity is read and the rates checked
    assert all(c["status"] != "fail" for c in got), (text, [c["message"] for c in got])


def test_the_rates_of_a_sum_agree_like_the_balance():
    text = "基本支出120.00万元，同比增长14.29%，其中：人员经费100.00万元，同比增长25.00%；公用经费20.00万元，同比下降20.00%。"
    assert [c["status"] for c in _checks(text)] == ["pass"]
    # the rate checked through the identity has that check, not a skip "previous year not stated"
    assert not [c for c in _checks(text, "TXT005") if c["stated"] == 14.29]


def test_figures_that_happen_to_fit_are_no_identity():
    """营业收入 = 营业成本 + 利润总额 by the figures alone: no rates are checked through it."""
    text = "全年营业收入1200.0亿元，同比增长10.0%；营业成本200.0亿元，同比增长5.0%；利润总额1000.0亿元，同比增长15.0%。"
    assert _checks(text) == []


def test_rates_against_other_periods_or_missing_are_not_checked():
    month = "全市资产总额1200.0亿元，较上月增长1.0%；负债总额200.0亿元，较上月增长0.5%；净资产总额1000.0亿元，较上月增长5.0%。"
    missing = "全市资产总额1200.0亿元，同比增长10.0%；负债总额200.0亿元；净资产总额1000.0亿元，同比增长15.0%。"
    assert _checks(month) == [] and _checks(missing) == []


def test_an_identity_that_fails_gives_no_rate_check():
    text = (
        "全市资产总额1200.0亿元，同比增长10.0%；负债总额200.0亿元，同比增长5.0%；净资产总额900.0亿元，同比增长15.0%。"
    )
    assert [c["status"] for c in _checks(text, "TXT001")] == ["fail"]
    assert _checks(text) == []
