"""Shares whose operands are named before them (fincheck/text/named_bases.py): a base that is
the subject of the sentence before in its paragraph, head nouns standing alone for a subject
just named in full (余额占限额), and a bracketed alias after the base. Invented sentences."""

from __future__ import annotations

import fincheck


def _txt003(text: str) -> list[tuple[float, str, str]]:
    checks = fincheck.check_text(text).to_dict()["checks"]
    return [(c["stated"], c["status"], c["note"]) for c in checks if c["rule"] == "TXT003"]


def _status(text: str, stated: float) -> str:
    return next(s for v, s, _ in _txt003(text) if abs(v - stated) < 1e-9)


SENTENCE_BEFORE = (
    "2024年全县一般公共预算支出年初预算为52.00亿元，调整预算为54.60亿元。全年完成53.10亿元，"
    "为调整预算的97.25%。\n全县教育支出12.45亿元，占一般公共预算支出的23.45%。"
)


def test_a_base_whose_sentence_names_no_subject_is_the_sentence_before_s():
    assert _status(SENTENCE_BEFORE, 23.45) == "pass"  # 12.45 / 53.10
    assert _status(SENTENCE_BEFORE.replace("23.45%", "24.35%"), 24.35) == "fail"


def test_a_budget_of_the_sentence_before_is_no_base():
    text = "2024年全县一般公共预算支出调整预算为54.60亿元。\n全县教育支出12.45亿元，占一般公共预算支出的22.80%。"
    assert all(s != "fail" for _, s, _ in _txt003(text))


HEAD_NOUNS = (
    "（一）债务限额。2024年全县政府债务限额220.00亿元，其中一般债务限额80.00亿元，专项债务限额140.00亿元。\n"
    "（二）债务余额。年末全县地方政府债务余额198.00亿元，其中一般债务72.00亿元、专项债务126.00亿元，"
    "余额占限额的90.00%。"
)


def test_head_nouns_stand_for_the_subject_just_named():
    assert _status(HEAD_NOUNS, 90.0) == "pass"  # 198.00 / 220.00, not / 140.00 (专项债务限额)
    assert _status(HEAD_NOUNS.replace("90.00%", "92.00%"), 92.0) == "fail"


def test_head_nouns_with_two_amounts_of_that_name_are_no_reading():
    text = HEAD_NOUNS.replace("（二）", "经省政府核定，全县政府债务限额230.00亿元。\n（二）")
    for rate in ("90.00%", "86.09%", "92.00%"):  # 198 / 220, 198 / 230, neither: no guess
        assert all(s != "fail" for _, s, _ in _txt003(text.replace("90.00%", rate)))


def test_a_bracketed_alias_after_the_base():
    text = "2024年全县一般公共预算收入40.00亿元，其中税收收入完成30.00亿元，税收收入占一般公共预算收入的比重（税收比重）为75.00%。"
    assert _status(text, 75.0) == "pass"
    assert _status(text.replace("75.00%", "77.00%"), 77.0) == "fail"


BREAKDOWN = (
    "二、基本支出情况\n2024年度基本支出1,500.00万元，其中人员经费1,200.00万元，公用经费300.00万元。"
    "按经济分类看，人员经费中，工资福利支出1,000.00万元，对个人和家庭的补助200.00万元；"
    "公用经费中，商品和服务支出280.00万元，资本性支出20.00万元。"
)


def _sums(text: str) -> list[tuple[str, float, str]]:
    checks = fincheck.check_text(text).to_dict()["checks"]
    return [(c["rule"], c["stated"], c["status"]) for c in checks if c["rule"] in ("TXT001", "TXT002")]


def test_a_part_s_breakdown_led_by_its_name_and_zhong():
    assert ("TXT001", 1200.0, "pass") in _sums(BREAKDOWN)
    assert ("TXT001", 300.0, "pass") in _sums(BREAKDOWN)
    # a part made larger: the parts exceed the named amount
    assert ("TXT002", 1200.0, "fail") in _sums(BREAKDOWN.replace("补助200.00", "补助220.00"))
    # a part made smaller: nothing says the parts are all of it (only ≤ is checked)
    assert ("TXT002", 300.0, "pass") in _sums(BREAKDOWN.replace("资本性支出20.00", "资本性支出10.00"))


def test_a_name_before_zhong_stated_twice_with_two_values_is_no_total():
    text = BREAKDOWN.replace("。按经济", "。上半年人员经费1,100.00万元。按经济").replace("补助200.00", "补助220.00")
    assert all(s != "fail" for r, v, s in _sums(text) if v in (1200.0, 1100.0))
