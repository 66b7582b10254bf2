"""Defects of the text checker found on real passages, each pinned by invented text."""

from __future__ import annotations

import fincheck


def checks(text: str, rule: str | None = None) -> list[dict]:
    cs = fincheck.check_text(text).to_dict()["checks"]
    return [c for c in cs if rule is None or c["rule"] == rule]


def test_a_figure_right_after_a_colon_is_read():
    cs = checks("本项目共完成资金59.97万元。其中:30万元用于设计;29.99万元用于监理。", "TXT001")
    assert [(c["stated"], c["status"], c["expected"]) for c in cs] == [(59.97, "fail", 59.99)]


def test_a_printed_zero_does_not_widen_the_tolerance():
    text = "资金总额11.00万元，包括：甲项0万元、乙项0万元、丙项0万元、丁项0万元、戊项0万元、己项10.00万元。"
    cs = checks(text, "TXT001")
    assert [c["status"] for c in cs] == ["fail"]
    assert cs[0]["tolerance"] < 0.02


def test_growth_counts_each_figure_once():
    # 110.00 / (110.00 − 10.00): with the current figure's rounding counted once, 9.99% fails
    cs = checks("本年支出 110.00 万元，比上年增加 10.00 万元，增长 9.98%。", "TXT005")
    assert [c["status"] for c in cs] == ["fail"]
    assert cs[0]["tolerance"] < 0.02


def test_growth_message_prints_the_formula_that_gives_the_figure():
    cs = checks("本年支出116433.12元，同比增加16803.36元，增长14.43%。", "TXT005")
    assert "16803.36 / (116433.12 − 16803.36) × 100%" in cs[0]["message"]
    assert abs(cs[0]["expected"] - 16.87) < 0.01


def test_a_growth_column_is_checked_as_growth_not_as_an_execution_rate():
    text = (
        "单位:万元\n项目 | 本年预算数 | 上年完成数 | 比上年增减额 | 比上年增减% |\n"
        "收入合计 | 120 | 100 | 20 | 20.0 |\n税收 | 60 | 50 | 10 | 20.0 |\n非税 | 60 | 50 | 10 | 25.0 |\n"
    )
    cs = checks(text)
    assert not [c for c in cs if c["rule"] in ("GEN005", "TXT007")]
    growth = sorted((c["stated"], c["status"]) for c in cs if c["rule"] == "TXT015")
    assert growth == [(20.0, "pass"), (20.0, "pass"), (25.0, "fail")]


def test_passing_messages_do_not_read_as_failures():
    cs = checks("本年支出 900.00 万元，其中：基本支出 600.00 万元，项目支出 250.00 万元。", "TXT002")
    assert cs[0]["status"] == "pass"
    assert not cs[0]["message"].endswith("，超过总数")  # the old wording stated an excess on a pass


def test_ambiguous_readings_are_listed():
    cs = checks("本年支出1200.00万元，完成年初预算105.26%，差值为60.00万元。", "TXT007")
    assert cs[0]["status"] == "skip"
    assert cs[0]["note"].startswith("ambiguous:") and "−" in cs[0]["note"] and "+" in cs[0]["note"]


def test_an_items_second_share_is_checked():
    text = "本级支出合计400.00万元，全市支出合计1000.00万元。教育支出100.00万元，占本级支出合计的25.00%，占全市支出合计的12.00%。"
    cs = checks(text, "TXT003")
    assert sorted((c["stated"], c["status"]) for c in cs) == [(12.0, "fail"), (25.0, "pass")]
