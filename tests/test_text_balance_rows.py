"""A balance sheet flattened into "|" lines, read by its row names (fincheck/text/balance_rows.py)."""

from __future__ import annotations

import pytest

import fincheck
from fincheck.text.balance_rows import balance_claims
from fincheck.text.forms import balance_sheet_words

EXAMPLES = balance_sheet_words()["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["text"][:12])
def test_example(example):
    mentions, claims = balance_claims(example["text"])
    got = {
        c.label.replace("（", "/").rstrip("）"): [mentions[m].value * k for m, k in c.num]
        for c in claims
        if not c.status
    }
    assert got == example["sums"]


HEAD = "资产负债表 | ||\n编制单位：某镇人民政府 | 2023年12月31日 | 单位：万元 |\n项目 | 附注 | 期末余额 | 年初余额 |\n"
SHEET = (
    HEAD + "流动资产: | | |\n货币资金 | 附表1 | 40.20 | 36.15 |\n应收账款净额 | 附表2 | 18.00 | 20.35 |\n"
    "存货 | 3.60 | ||\n流动资产合计 | 61.80 | 56.50 |\n非流动资产: | | |\n固定资产原值 | 120.00 | 110.00 |\n"
    "减:固定资产累计折旧 | 45.00 | 40.00 |\n固定资产净值 | 附表6 | 75.00 | 70.00 |\n在建工程 | | 8.00 | |\n"
    "非流动资产合计 | 75.00 | 78.00 |\n资产总计 | 136.80 | 134.50 |\n"
)


def _txt001(text: str) -> list[dict]:
    return [c for c in fincheck.check_text(text).to_dict()["checks"] if c["rule"] == "TXT001"]


def test_a_figure_of_unknown_column_is_read_where_only_one_reading_adds_up():
    checks = _txt001(SHEET)
    assert checks and all(c["status"] == "pass" for c in checks)
    assert {c["stated"] for c in checks} >= {61.8, 56.5, 75.0, 78.0, 136.8, 134.5}


def test_a_wrong_part_fails_under_every_reading_and_the_other_column_is_a_skip():
    checks = _txt001(SHEET.replace("| 40.20 |", "| 44.20 |"))
    bad = [c for c in checks if c["status"] == "fail"]
    assert [c["stated"] for c in bad] == [61.8]
    assert any(c["status"] == "skip" and c["stated"] == 56.5 for c in checks)


def test_a_wrong_total_of_fixed_rows_fails():
    checks = _txt001(SHEET.replace("资产总计 | 136.80", "资产总计 | 138.60"))
    assert [c["stated"] for c in checks if c["status"] == "fail"] == [138.6]


def test_a_group_the_excerpt_cuts_off_is_not_checked():
    text = HEAD + "流动负债: | 1.37 | 9.50 |\n应付账款 | 附表12 | 1.37 | 4.28 |\n应付利息 | |||\n"
    assert _txt001(text) == []


def test_a_total_of_totals_is_the_sum_of_the_totals_its_name_ends():
    text = (
        HEAD + "流动负债: | | |\n应付账款 | 5.00 | 4.00 |\n其他应付款 | 1.00 | 2.00 |\n流动负债合计 | 6.00 | 6.00 |\n"
        "非流动负债: | | |\n长期应付款 | 3.00 | 3.00 |\n非流动负债合计 | 3.00 | 3.00 |\n受托代理负债 | | |\n"
        "负债合计 | 9.00 | 9.00 |\n净资产: | | |\n累计盈余 | 20.00 | 18.00 |\n净资产合计 | 20.00 | 18.00 |\n"
        "负债和净资产总计 | 29.00 | 27.00 |\n"
    )
    checks = _txt001(text)
    assert checks and all(c["status"] == "pass" for c in checks)
    assert {c["stated"] for c in checks} == {6.0, 3.0, 9.0, 20.0, 18.0, 29.0, 27.0}


def test_without_the_period_header_the_generic_reader_reads_the_lines():
    _mentions, claims = balance_claims(SHEET.replace("期末余额", "本期").replace("年初余额", "上期"))
    assert claims == []


@pytest.mark.parametrize(
    "rows",
    [
        # a 其中 row is a part of the row above: the group is not summed
        "应收账款 | 10.00 | 8.00 |\n其中：应收利息 | 2.00 | 1.00 |\n",
        # a deduction not followed by its 净额: where the gross goes is unknown
        "应收账款 | 10.00 | 8.00 |\n减：坏账准备 | 1.00 | 1.00 |\n",
        # a cost without its deduction and 净值
        "固定资产原值 | 10.00 | 8.00 |\n",
    ],
)
def test_a_group_whose_rows_cannot_be_placed_is_not_checked(rows):
    text = (
        HEAD
        + "流动资产: | | |\n货币资金 | 5.00 | 5.00 |\n"
        + rows
        + "流动资产合计 | 99.00 | 99.00 |\n资产总计 | 99.00 | 99.00 |\n"
    )
    assert [c for c in _txt001(text) if c["status"] == "fail"] == []


def test_a_gross_and_its_deduction_count_as_their_net():
    text = (
        HEAD
        + "流动资产: | | |\n货币资金 | 5.00 | 5.00 |\n应收账款 | 10.00 | 8.00 |\n减：坏账准备 | 1.00 | 1.00 |\n应收账款净额 | 9.00 | 7.00 |\n流动资产合计 | 14.00 | 12.00 |\n"
    )
    checks = _txt001(text)
    assert {c["stated"]: c["status"] for c in checks} == {14.0: "pass", 12.0: "pass"}
