"""Random correct passages built from the phrasing the text checker reads raise no failure, and
one figure put wrong beyond its rounding fails or is a visible skip (never a silent pass).

Each passage: a total and its two parts stated over sentences (其中 list, shares of the total
said with 占 or 比重为), then a comparison sentence naming the first part ("与上年相比，X增加A，
增长p%"), whose level is the part's amount two sentences back. Amounts carry two decimals,
shares and growth rates are rounded half up to two decimals from the printed figures.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import fincheck

SUBJECTS = [("基本支出", "项目支出"), ("财政拨款收入", "其他收入"), ("人员经费", "公用经费")]
SHARE_WORDS = ["占", "比重为"]
UP = [("增加", "增长"), ("减少", "下降")]


def _r2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@st.composite
def passages(draw):
    a_name, b_name = draw(st.sampled_from(SUBJECTS))
    a = Decimal(draw(st.integers(10_000, 900_000))) / 100
    b = Decimal(draw(st.integers(10_000, 900_000))) / 100
    total = a + b
    word = draw(st.sampled_from(SHARE_WORDS))
    change_word, rate_word = draw(st.sampled_from(UP))
    change = Decimal(draw(st.integers(100, int(a * 50)))) / 100  # at most half the level
    prev = a - change if change_word == "增加" else a + change
    rate = _r2(change / prev * 100)
    sa, sb = _r2(a / total * 100), _r2(b / total * 100)
    text = (
        f"2023年度本年支出合计{total:,.2f}万元，其中：{a_name}{a:,.2f}万元，{word}{sa}%；"
        f"{b_name}{b:,.2f}万元，{word}{sb}%。\n"
        f"年末结转和结余0万元。\n"
        f"与上年相比，{a_name}{change_word}{change:.2f}万元，{rate_word}{rate}%，主要是政策调整。"
    )
    return text, {"share": sa, "rate": rate}


def _checks(text: str) -> list[dict]:
    return fincheck.check_text(text).to_dict()["checks"]


@settings(max_examples=50, deadline=None)
@given(passages())
def test_a_correct_passage_raises_no_failure(p):
    text, _ = p
    assert not [c["message"] for c in _checks(text) if c["status"] == "fail"], text


@settings(max_examples=50, deadline=None)
@given(passages(), st.sampled_from(["share", "rate"]), st.sampled_from([Decimal("0.07"), Decimal("-0.09")]))
def test_a_figure_put_wrong_fails_or_is_a_visible_skip(p, which, delta):
    text, figs = p
    right = figs[which]
    wrong = right + delta
    if wrong <= 0:
        return
    target = f"{right}%；" if which == "share" else f"{right}%，主要"
    assert target in text
    edited = text.replace(target, target.replace(f"{right}%", f"{wrong}%"), 1)
    checks = [c for c in _checks(edited) if c["stated"] is not None and abs(float(c["stated"]) - float(wrong)) < 1e-9]
    recomputed = [c for c in checks if c["rule"].startswith("TXT")]
    assert recomputed, edited
    assert any(c["status"] in ("fail", "skip") for c in recomputed), (edited, [c["message"] for c in recomputed])
