"""A total score against its run-together indicator rows (fincheck/text/score_rows.py, TXT020)."""

from __future__ import annotations

import pytest

import fincheck
from fincheck.text.forms import score_row_words
from fincheck.text.score_rows import score_row_claims

EXAMPLES = score_row_words()["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["text"][:12])
def test_example(example):
    mentions, claims = score_row_claims(example["text"])
    got = {
        mentions[c.stated].value: sum(mentions[m].value * k for m, k in c.num)
        for c in claims
        if c.status != "skip" and c.rule == "TXT020"
    }
    assert got == example["bound"]


def _txt020(text: str) -> list[dict]:
    return [c for c in fincheck.check_text(text).to_dict()["checks"] if c["rule"] == "TXT020"]


ROWS = (
    "一级指标 二级指标 三级指标 分值 指标值 实际值 得分 项目决策(20分)目标明确性10一明确10依据充分10一充分10"
    "项目过程(20分)资金到位率10一100%10执行率10一96%9项目产出(40分)验收数量20十二台十二台20"
    "完成时间202023年6月2023年6月18项目效益(20分)群众满意度20较满意较满意17"
)


def test_a_total_above_the_marks_its_deductions_leave_fails():
    # deductions read: 1 (执行率) + 2 (完成时间) + 3 (满意度): the total is at most 94
    (c,) = _txt020("自评得分97 " + ROWS)
    assert c["status"] == "fail" and c["stated"] == 97


def test_a_total_within_them_passes():
    (c,) = _txt020("自评得分94 " + ROWS)
    assert c["status"] == "pass"


def test_rows_whose_cells_cannot_be_split_count_at_their_weight():
    # the target and the actual value differ: the row "1512台10台12" is not read (no deduction)
    text = "自评得分99 三级指标 分值 指标值 实际值 得分 项目决策(20分)目标10一明确10依据10一充分10项目过程(20分)执行率20一100%20项目产出(40分)数量4012台10台32项目效益(20分)满意度20一满意20"
    (c,) = _txt020(text)
    assert c["status"] == "pass"


def test_a_group_whose_rows_weigh_more_than_it_is_a_skip():
    text = "自评得分99 三级指标 分值 指标值 实际值 得分 项目决策(10分)目标10一明确8依据10一充分10项目过程(20分)执行率20一100%20项目产出(40分)数量40十件十件40项目效益(30分)满意度30一满意30"
    (c,) = _txt020(text)
    assert c["status"] == "skip"


def test_without_the_table_header_nothing_is_read():
    assert _txt020("自评得分97 " + ROWS.split("得分 ", 1)[1]) == []


def _txt019(text: str) -> list[dict]:
    return [c for c in fincheck.check_text(text).to_dict()["checks"] if c["rule"] == "TXT019"]


def test_a_group_whose_rows_are_all_read_is_checked_against_its_weight():
    got = {c["stated"]: c["status"] for c in _txt019("自评得分94 " + ROWS)}
    # 项目决策, 项目过程 (10 + 10) and 项目产出 (20 + 20) are read whole; 项目效益's one row is no sum
    assert got == {20.0: "pass", 40.0: "pass"}


def test_a_group_short_of_its_weight_is_not_judged():
    # a row printing neither figure would not be seen: 10 + 9 < 20 is no finding
    text = "自评得分94 " + ROWS.replace("依据充分10一充分10", "依据充分9一充分9")
    assert [c for c in _txt019(text) if c["status"] == "fail"] == []


def test_a_figure_with_a_unit_after_a_dash_is_a_value_not_a_score():
    # "完成时效5一按时完成2次完成5": the 2 of "2次" is the actual value, not the score
    text = "自评得分100 三级指标 分值 指标值 实际值 得分 项目决策(20分)目标10一明确10时效10一按时完成2次完成10项目过程(20分)执行率20一100%20项目产出(40分)数量40十件十件40项目效益(20分)满意度20一满意20"
    (c,) = _txt020(text)
    assert c["status"] == "pass"


def test_first_level_weights_short_of_the_full_marks_are_a_skip():
    # a fifth first-level indicator (满意度, 10) holds the rest of the 100 marks
    text = "自评得分95 三级指标 分值 指标值 实际值 得分 项目决策(10分)目标10一明确10项目过程(20分)执行率20一100%20项目产出(40分)数量40十件十件40项目效益(20分)效果20一明显20满意度指标(10分)满意度10一满意5"
    (c,) = _txt020(text)
    assert c["status"] == "skip"
