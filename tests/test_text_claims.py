"""Claim shapes checked end to end through fincheck.check_text (texts written for these tests)."""

from __future__ import annotations

import pytest

import fincheck


def checks(text: str, prefix: str = "TXT"):
    report = fincheck.check_text(text, select=[prefix])
    return report.to_dict()["checks"]


def failing(text: str):
    return [(c["rule"], c["stated"], round(c["expected"], 2)) for c in checks(text) if c["status"] == "fail"]


def passing(text: str):
    return [(c["rule"], c["stated"]) for c in checks(text) if c["status"] == "pass"]


def test_share_of_a_named_base_found_and_located():
    text = "一、资产情况\n2023年末资产 2000.00 万元，流动资产 1900.00 万元，占资产的 95.00%；固定资产 100.00 万元，占资产的 5.50%。\n"
    cs = checks(text)
    bad = [c for c in cs if c["status"] == "fail" and c["rule"] == "TXT003"]
    assert len(bad) == 1
    c = bad[0]
    assert c["stated"] == 5.5 and round(c["expected"], 2) == 5.0
    assert c["location"]["line"] == 2
    assert text[c["location"]["start"] : c["location"]["end"]] == c["location"]["quote"] == "5.50%"
    assert "100.00 / 2000.00" in c["message"]
    assert [r["quote"] for r in c["related"]] == ["100.00 万元", "2000.00 万元"]
    # the two shares of one exhausted base must add to 100 (a consequence of the same error)
    assert ("TXT004", 100.0, 100.5) in failing(text)


def test_base_not_stated_is_skipped_not_guessed():
    cs = checks("项目支出 300 万元，占全部支出的 30%。")
    share = [c for c in cs if c["rule"] == "TXT003"]
    assert share and share[0]["status"] == "skip" and share[0]["note"] == "base not stated"


def test_unstated_base_inferred_from_parts_confirmed_by_a_share():
    text = "1. 基本支出 600 万元，占总支出的 60.00%。\n2. 项目支出 400 万元，占总支出的 45.00%。\n"
    assert failing(text) == [("TXT003", 45.0, 40.0)]


def test_unstated_base_not_inferred_without_proof():
    text = "1. 基本支出 600 万元，占总支出的 55.00%。\n2. 项目支出 400 万元，占总支出的 35.00%。\n"
    assert failing(text) == []
    assert all(c["status"] == "skip" for c in checks(text) if c["rule"] == "TXT003")


def test_qizhong_parts_within_and_over_the_total():
    assert ("TXT002", 500.0) in passing("全年收入 500 万元，其中税收 300 万元，非税 100 万元。")
    assert failing("全年收入 500 万元，其中税收 300 万元，非税 250 万元。") == [("TXT002", 500.0, 550.0)]


def test_qizhong_list_across_sentences_judged_only_when_it_adds_up():
    ok = "一般公共预算支出 100 元。其中:\n甲支出 60 元。\n乙支出 40 元。\n"
    assert ("TXT001", 100.0) in passing(ok)
    unclear = "项目支出 10 元。其中:\n甲支出 60 元。\n乙支出 40 元。\n"
    assert failing(unclear) == []


def test_exhaustive_list_must_add_up():
    assert failing("本年支出 300 万元，包括基本支出 200 万元、项目支出 90 万元。") == [("TXT001", 300.0, 290.0)]


def test_paired_lists_and_shares_adding_to_100():
    text = "采购规模 2.00 亿元，其中货物、工程、服务分别为 0.50 亿元、0.50 亿元和 1.00 亿元，占采购规模的比例为 25.00%、25.00% 和 51.00%。"
    fails = failing(text)
    assert ("TXT004", 100.0, 101.0) in fails


def test_growth_from_a_change_in_both_directions():
    assert failing("本年支出 110 万元，比上年增加 10 万元，增长 10.0%。") == []
    assert failing("本年支出 90 万元，同比减少 10 万元，下降 10.0%。") == []
    # the change divided by this year instead of last year
    assert failing("本年支出 116 万元，同比增加 16 万元，增长 13.79%。") == [("TXT005", 13.79, 16.0)]


def test_growth_with_the_previous_year_stated_and_the_change_checked():
    assert failing("本年支出 90 万元，较上年的 100 万元减少 10 万元，下降 10%。") == []
    assert failing("本年支出 90 万元，较上年的 100 万元减少 12 万元，下降 10%。") == [("TXT008", 12.0, 10.0)]


def test_growth_from_zero_is_not_a_failure():
    cs = checks("会议费 5 万元，同比增加 5 万元，增长 100%。")
    g = [c for c in cs if c["rule"] == "TXT005"]
    assert g and g[0]["status"] == "skip" and g[0]["note"] == "zero base"


def test_change_of_a_total_is_the_sum_of_the_parts_changes():
    text = "支出 100 万元，同比减少 5 万元。其中:\n甲 60 万元，同比增加 5 万元。\n乙 40 万元，同比减少 8 万元。\n"
    assert failing(text) == [("TXT008", 5.0, 3.0)]


def test_compound_annual_growth():
    assert failing("收入从2015年的100万元增加到2020年的150万元，年均增长8.45%。") == []
    # the simple average (50% / 5 = 10%) is not the compound rate
    assert failing("收入从2015年的100万元增加到2020年的150万元，年均增长10.0%。") == [("TXT006", 10.0, 8.45)]


def test_execution_rate_against_the_budget_named():
    assert failing("培训费年初预算为 20.00 万元，决算为 18.00 万元，完成年初预算的 90.00%。") == []
    assert failing("培训费年初预算为 20.00 万元，决算为 18.00 万元，完成年初预算的 95.00%。") == [
        ("TXT007", 95.0, 90.0)
    ]


def test_counts_of_a_whole_and_its_parts():
    assert ("TXT001", 6.0) in passing("6个项目中，4个评为优秀，2个评为良好。")
    assert failing("6个项目中，5个评为优秀，2个评为良好。") == [("TXT002", 6.0, 7.0)]


def test_traditional_characters_are_read():
    assert failing("本年支出 116 萬元，同比增加 16 萬元，增長 13.79%。") == [("TXT005", 13.79, 16.0)]


def test_empty_template_slots_do_not_grab_neighbours():
    text = "固定资产 95.49 万元，占 %；流动资产 3877.96 万元，占资产的 %。减少 万元，下降 %。"
    assert [c for c in checks(text) if c["status"] != "skip"] == []


@pytest.mark.parametrize("text", ["", "   \n", "没有任何数字的一段话。", "第3名，2021年5月"])
def test_texts_without_claims(text):
    assert checks(text) == []


def test_rounding_gap_passes_with_a_note():
    cs = checks("资产 3973.46 万元，流动资产 3877.96 万元，占资产的 97.60%；固定资产 95.49 万元，占资产的 2.40%。")
    s = [c for c in cs if c["rule"] == "TXT001"]
    assert s and s[0]["status"] == "pass" and s[0]["note"] == "rounding gap"
