"""A rate's gap to a rate of another scope named but not printed (fincheck/text/named_gaps.py)."""

from __future__ import annotations

import fincheck

TEXT = (
    "全区国有企业资产总额820.40亿元，平均资产负债率61.25%，处于合理区间。"
    "区属一级企业资产总额310.26亿元，平均资产负债率52.80%，同比下降1.2个百分点，优于全区国有企业平均资产负债率8.45个百分点。"
)


def _gaps(text: str) -> list[dict]:
    return [c for c in fincheck.check_text(text).to_dict()["checks"] if c["rule"] == "TXT012" and c["stated"] == 8.45]


def test_the_gap_to_the_named_rate_printed_once_passes():
    assert [c["status"] for c in _gaps(TEXT)] == ["pass"]


def test_a_wrong_gap_fails():
    bad = TEXT.replace("8.45个百分点", "9.45个百分点")
    assert [c["status"] for c in fincheck.check_text(bad).to_dict()["checks"] if c["stated"] == 9.45] == ["fail"]


def test_a_name_printed_under_two_rates_is_not_read():
    two = TEXT.replace("处于合理区间。", "处于合理区间；上年平均资产负债率60.10%。")
    assert _gaps(two) == []


def test_a_name_without_another_scope_is_not_read():
    assert _gaps(TEXT.replace("优于全区国有企业平均资产负债率", "优于平均资产负债率")) == []


def test_a_word_that_says_the_direction_checks_it():
    text = TEXT.replace("优于全区国有企业", "低于全区国有企业")
    assert [c["status"] for c in _gaps(text)] == ["pass"]
    wrong = TEXT.replace("优于全区国有企业", "高于全区国有企业")
    assert [c["status"] for c in _gaps(wrong)] == ["fail"]
