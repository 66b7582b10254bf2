"""The text pipeline step by step: normalise, mentions, sentences, roles."""

from __future__ import annotations

from fincheck.text.claims import build_items, classify
from fincheck.text.mentions import find_mentions
from fincheck.text.normalise import normalise
from fincheck.text.segment import MAX_CLAUSE, split_sentences


def test_normalise_keeps_offsets_and_reads_traditional_and_fullwidth():
    original = "本年支出１２０．５０萬元，\n比上年增長５．０％。"
    n = normalise(original)
    assert "120.50万元" in n.text
    assert "增长5.0%" in n.text
    i = n.text.index("120.50")
    a, b = n.span(i, i + len("120.50万元"))
    assert original[a:b] == "１２０．５０萬元"


def test_soft_line_breaks_join_but_headings_and_page_numbers_do_not():
    n = normalise("项目支出 300 万元，占支\n出总额的 30%。\n12\n二、收入情况\n收入 10 万元。")
    assert "占支出总额的 30%" in n.text
    assert "\n12\n" in n.text
    assert "\n二、收入情况\n" in n.text


def test_a_number_broken_by_a_line_break_is_one_number():
    n = normalise("同比增\n加21500\n元，增长 3%")
    assert [(m.value, m.unit) for m in find_mentions(n.text)] == [(21500.0, "元"), (3.0, "%")]


def test_mentions_units_and_decimals():
    ms = find_mentions("收入 1,234.50 万元，增长 4.03 %，共 12 户，高于平均 1.5 个百分点，合计 3.2亿元")
    assert [(m.value, m.decimals, m.unit, m.kind) for m in ms] == [
        (1234.5, 2, "万元", "money"),
        (4.03, 2, "%", "percent"),
        (12.0, -1, "户", "count"),  # counts are exact
        (1.5, 1, "个百分点", "points"),
        (3.2, 1, "亿元", "money"),
    ]


def test_dates_rankings_codes_and_periods_are_not_mentions():
    text = "2023年5月8日，1元至5月，居全省第15位，提升1个位次，编码R2024-10元，压缩至30个工作日"
    assert find_mentions(text) == []


def test_scores_are_figures_of_their_own_kind():
    ms = find_mentions("项目自评得分95.5分，其中决策类指标18分、过程类指标(20分)；满分100分。")
    assert [(m.value, m.decimals, m.unit, m.kind) for m in ms] == [
        (95.5, 1, "分", "score"),
        (18.0, -1, "分", "score"),  # a score printed as an integer is exact
        (20.0, -1, "分", "score"),
        (100.0, -1, "分", "score"),
    ]


def test_other_senses_of_fen_are_not_scores():
    text = (
        "上升3.5个百分点，支出2.5百分点，3分别为，部分项目，4分类管理，按万分之五计提，三分之一，"
        "1分之2，会议30分钟，得分在85分以上为优秀，3元2角5分，60分制"
    )
    assert [m for m in find_mentions(text) if m.kind == "score"] == []


def test_list_unit_is_carried_back():
    ms = find_mentions("分别为12、34.5和56万元")
    assert [(m.value, m.unit) for m in ms] == [(12.0, "万元"), (34.5, "万元"), (56.0, "万元")]


def test_empty_template_slots_give_no_mention():
    assert find_mentions("占 %，减少 万元，增长 %") == []


def test_sentences_and_clauses():
    ss = split_sentences("甲 1 元，乙 2 元；丙 3 元。丁 4 元")
    assert len(ss) == 2
    assert [c.sep for c in ss[0].clauses] == ["，", "；", ""]


def test_a_thousands_separator_or_a_time_ends_no_clause():
    ss = split_sentences("支出完成205,780万元，为年初预算427,000万元的48.2%,增长1,2,3；10:30开会:议程")
    assert [c.sep for c in ss[0].clauses] == ["，", ",", ",", ",", "；", ":", ""]


def test_long_clauses_are_cut():
    ss = split_sentences("字" * (MAX_CLAUSE * 3))
    assert all(c.end - c.start <= MAX_CLAUSE for c in ss[0].clauses)


def _roles(text):
    ms = find_mentions(text)
    ss = split_sentences(text)
    return ms, ss, classify(text, ms, ss)


def test_roles_from_the_words_before_a_figure():
    text = "基本支出 90 万元，占本年支出的 45%，较上年的 100 万元减少 10 万元，下降 10%，完成预算的 98%"
    _ms, _ss, roles = _roles(text)
    assert [r.role for r in roles] == ["amount", "share", "prev", "change", "growth", "rate"]
    assert roles[1].base == "支出"  # time words (本年, 2023年末) are not part of a name
    assert roles[3].direction == -1 and roles[4].direction == -1


def test_compound_growth_roles():
    _ms, _ss, roles = _roles("收入从2015年的100万元增加到2020年的150万元，年均增长8.45%")
    assert [(r.role, r.year) for r in roles] == [("from", 2015), ("to", 2020), ("cagr", 0)]


def test_parallel_lists_are_paired():
    text = "甲、乙分别为 30 万元和 70 万元，占总额的 30% 和 70%"
    ms, ss, roles = _roles(text)
    st = build_items(text, ms, ss, roles)
    assert [(ms[it.mention].value, ms[it.share].value) for it in st.items] == [(30.0, 30.0), (70.0, 70.0)]


def test_nested_qizhong_groups_close_at_a_semicolon():
    text = "收入 100 万元，其中基本收入 60 万元，其中人员经费 50 万元，公用经费 10 万元；项目收入 40 万元。"
    ms, ss, roles = _roles(text)
    st = build_items(text, ms, ss, roles)
    groups = {
        ms[st.items[g.parent].mention].value: sorted(ms[st.items[k].mention].value for k in g.parts) for g in st.groups
    }
    assert groups == {100.0: [40.0, 60.0], 60.0: [10.0, 50.0]}


def test_a_blank_line_cutting_one_figure_or_one_word_is_dropped():
    from fincheck.text.normalise import normalise

    assert normalise("人数 40 38 95.\n\n00% 经费情况").text == "人数 40 38 95.00% 经费情况"
    cut = normalise("全年完成投资计划120.0亿元,投\n\n资完成率为60.0%。")
    assert cut.text == "全年完成投资计划120.0亿元,投资完成率为60.0%。"
    assert cut.original[cut.source[cut.text.index("资")]] == "资"
    # a heading, a page number or a short line after the blank line stays apart
    for kept in ("本年支出合计100.00万元,主要\n\n二、其他说明", "部门概况,一\n\n3\n\n页", "短句,投\n\n资"):
        assert "\n\n" in normalise(kept).text
