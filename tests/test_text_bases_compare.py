"""Unnamed share bases (其中 lists, lists adding up to a stated total), comparison words and
text ↔ table agreement (texts and tables written for these tests)."""

from __future__ import annotations

import fincheck
from fincheck.template import write_tidy_workbook
from fincheck.text.labels import item_name, report_year


def checks(text: str, prefix: str = "TXT"):
    return fincheck.check_text(text, select=[prefix]).to_dict()["checks"]


def of(cs, rule: str, status: str | None = None):
    return [c for c in cs if c["rule"] == rule and (status is None or c["status"] == status)]


# --------------------------------------------------------------------------- share bases


def test_shares_in_a_qizhong_list_are_of_the_list_total():
    cs = checks("本年收入合计 500.00 万元，其中：财政拨款收入 450.00 万元，占 90.00%；其他收入 50.00 万元，占 10.00%。")
    shares = of(cs, "TXT003")
    assert [c["status"] for c in shares] == ["pass", "pass"]
    assert all("/ 500.00" in c["message"] for c in shares)
    assert [c["status"] for c in of(cs, "TXT004")] == ["pass"]


def test_wrong_share_in_a_qizhong_list_fails():
    cs = checks("本年收入合计 500.00 万元，其中：财政拨款收入 450.00 万元，占 92.00%；其他收入 50.00 万元，占 10.00%。")
    bad = of(cs, "TXT003", "fail")
    assert [(c["stated"], round(c["expected"], 2)) for c in bad] == [(92.0, 90.0)]


def test_list_adding_up_to_the_total_before_it_names_the_base():
    text = (
        "一般公共预算财政拨款支出 1000.00 万元，主要用于以下方面：教育支出（类）600.00 万元，占 60.00%；"
        "卫生健康支出（类）250.00 万元，占 25.00%；\n住房保障支出（类）150.00 万元，占 15.50%；\n"
    )
    cs = checks(text)
    bad = of(cs, "TXT003", "fail")
    assert [(c["stated"], round(c["expected"], 2), c["location"]["line"]) for c in bad] == [(15.5, 15.0, 2)]
    assert [(c["stated"], round(c["expected"], 2)) for c in of(cs, "TXT004", "fail")] == [(100.0, 100.5)]
    assert bad[0]["message"].startswith("住房保障支出 ")  # the level mark (类) is not part of the name


def test_list_not_adding_up_stays_base_not_stated():
    text = "支出 1000.00 万元，主要用于：教育支出 600.00 万元，占 61.00%；卫生健康支出 250.00 万元，占 24.00%。"
    shares = of(checks(text), "TXT003")
    assert shares and all(c["status"] == "skip" and c["note"] == "base not stated" for c in shares)


# --------------------------------------------------------------------------- comparison words


def test_smaller_than_budget_agrees_and_disagrees():
    ok = "培训费年初预算为 20.00 万元，支出决算为 18.00 万元。决算数小于预算数的主要原因是压减培训。"
    bad = "培训费年初预算为 20.00 万元，支出决算为 22.00 万元。决算数小于预算数的主要原因是压减培训。"
    assert [c["status"] for c in of(checks(ok), "TXT012")] == ["pass"]
    fails = of(checks(bad), "TXT012", "fail")
    assert [(c["stated"], c["expected"]) for c in fails] == [(22.0, 20.0)]
    assert "决算数小于预算数" in fails[0]["message"]


def test_larger_and_budget_first_wording():
    text = "年初预算为 20.00 万元，支出决算为 18.00 万元。预算数大于决算数。"
    assert [c["status"] for c in of(checks(text), "TXT012")] == ["pass"]
    text = "年初预算为 20.00 万元，支出决算为 18.00 万元。决算数超过预算数。"
    assert [c["status"] for c in of(checks(text), "TXT012")] == ["fail"]


def test_level_tolerates_rounding_and_roughly_level_is_not_judged():
    assert [
        c["status"] for c in of(checks("年初预算为 10.0 万元，支出决算为 10.04 万元。决算数与预算数持平。"), "TXT012")
    ] == ["pass"]
    assert of(checks("年初预算为 10.00 万元，支出决算为 9.00 万元。决算数与预算数基本持平。"), "TXT012") == []


def test_comparison_without_a_unique_pair_is_not_judged():
    text = "年初预算为 10.00 万元，支出决算为 9.00 万元，其中：差旅费决算为 3.00 万元。决算数小于预算数。"
    assert of(checks(text), "TXT012") == []
    assert of(checks("支出决算为 9.00 万元。决算数小于预算数。"), "TXT012") == []
    assert of(checks("与上年相比，决算数与上年持平。"), "TXT012") == []


def test_percentage_points_direction():
    assert [c["status"] for c in of(checks("执行率为 96.5%，比上年的 93.0% 提高 3.5 个百分点。"), "TXT012")] == ["pass"]
    assert [c["status"] for c in of(checks("增速为 4.0%，低于全省的 6.5% 2.5 个百分点。"), "TXT012")] == ["pass"]
    fails = of(checks("执行率为 91.0%，比上年的 93.5% 提高 2.5 个百分点。"), "TXT012", "fail")
    assert [(c["stated"], c["expected"]) for c in fails] == [(2.5, -2.5)]
    # a share (占比) is not a comparison
    assert of(checks("收入增长 10.0%，占比 35.0%，提高 2.0 个百分点。"), "TXT012") == []


# --------------------------------------------------------------------------- text ↔ tables


def test_item_names_keep_totals_and_drop_the_report_year_prefix():
    assert item_name("某某局2024年度财政拨款收入支出总计", 2024) == "财政拨款收入支出总计"
    assert item_name("本年收入合计", 2024) == "本年收入合计"
    assert item_name("本年基本支出", 2024) == "基本支出"
    assert item_name("某某局2023年度收入支出总计", 2024) == ""  # another year
    assert item_name("上年一般公共服务支出", 2024) == ""
    assert item_name("收入支出总计减少", 2024) == ""  # a change, not the item
    assert report_year("2023年…2024年度") == 2024


def _pair(tmp_path, table: str | dict, text: str, stem: str = "report", text_stem: str | None = None):
    tmp_path.mkdir(exist_ok=True)
    sheets = table if isinstance(table, dict) else {"支出": table}
    xlsx = write_tidy_workbook(tmp_path / f"{stem}.xlsx", sheets)
    txt = tmp_path / f"{text_stem or stem}.txt"
    txt.write_text(text, encoding="utf-8")
    return [c for c in fincheck.check(xlsx, txt, select=["TXT011"]).to_dict()["checks"] if c["rule"] == "TXT011"]


TABLE = "单位：万元\n项目,金额\n合计,1200.00\n基本支出,800.00\n项目支出,400.00\n"


def test_text_figure_agrees_or_differs_with_the_table(tmp_path):
    cs = _pair(tmp_path, TABLE, "本年支出1200.00万元，其中基本支出 800.00 万元，项目支出 4,500,000 元。")
    got = sorted((c["status"], c["stated"], c["expected"]) for c in cs)
    assert got == [("fail", 4500000.0, 4000000.0), ("pass", 800.0, 800.0)]
    bad = of(cs, "TXT011", "fail")[0]
    assert bad["location"]["line"] == 1 and "项目支出" in bad["message"]


def test_text_and_table_of_different_documents_are_not_paired(tmp_path):
    assert _pair(tmp_path, TABLE, "基本支出 900.00 万元。", text_stem="other") == []


def test_ambiguous_or_unitless_or_other_year_figures_are_not_checked(tmp_path):
    other = TABLE.replace("800.00", "810.00")
    assert _pair(tmp_path / "a", {"支出": TABLE, "支出2": other}, "基本支出 900.00 万元。") == []
    assert _pair(tmp_path / "b", TABLE.replace("单位：万元\n", ""), "基本支出 900.00 万元。") == []
    assert _pair(tmp_path / "c", TABLE, "2023年基本支出 900.00 万元。2024年决算如下。") == []
    assert _pair(tmp_path / "c", TABLE, "上年基本支出 900.00 万元。") == []
    # the same figure in two tables is one candidate
    assert [c["status"] for c in _pair(tmp_path / "d", {"支出": TABLE, "支出2": TABLE}, "基本支出 900.00 万元。")] == [
        "fail"
    ]


def test_text_rows_are_not_table_rows_for_row_rules():
    # GEN row rules (shares, rates, growth of a table row) do not bind text figures
    cs = fincheck.check_text("项目支出 300 万元，占全部支出的 30%，增长 5%。", select=["GEN"]).to_dict()["checks"]
    assert not [c for c in cs if c["rule"] in ("GEN003", "GEN005", "GEN006", "GEN011")]


def test_fund_names_are_not_budget_figures():
    # 一般公共预算财政拨款支出 is an actual amount of a fund, not a budget
    text = "一般公共预算财政拨款支出 900.00 万元，支出决算为 900.00 万元。决算数小于预算数。"
    assert of(checks(text), "TXT012") == []


def test_qizhong_shares_of_a_total_that_is_itself_a_share_are_not_guessed():
    text = "教育支出 500.00 万元，占总支出的 50.00%，其中：义务教育 300.00 万元，占 30.00%；高中教育 200.00 万元，占 20.00%。"
    shares = [c for c in of(checks(text), "TXT003") if c["stated"] in (30.0, 20.0)]
    assert shares and all(c["status"] == "skip" for c in shares)


def test_a_figure_in_a_sentence_about_another_year_is_not_paired(tmp_path):
    assert _pair(tmp_path, TABLE, "2023年，基本支出 900.00 万元。2024年决算如下。") == []


def test_flattened_table_in_the_same_text_is_a_table_of_the_document():
    text = "本年基本支出 850.00 万元，项目支出 400.00 万元。\n单位：万元\n项目 | 金额 |\n基本支出 | 800.00 |\n项目支出 | 400.00 |\n"
    cs = fincheck.check_text(text, select=["TXT011"]).to_dict()["checks"]
    assert sorted((c["status"], c["stated"], c["expected"]) for c in cs) == [
        ("fail", 850.0, 800.0),
        ("pass", 400.0, 400.0),
    ]


def test_change_against_the_previous_year_in_the_next_sentence():
    text = "某局2024年度收入支出总计 1000.00 万元。与2023年度相比，收入支出总计减少 50.00 万元，下降 4.76%。\n"
    growth = of(checks(text), "TXT005")
    assert [(c["status"], round(c["expected"], 2)) for c in growth] == [("pass", 4.76)]
    bad = text.replace("4.76%", "5.00%")
    assert [(c["stated"], round(c["expected"], 2)) for c in of(checks(bad), "TXT005", "fail")] == [(5.0, 4.76)]
    # another item named in the comparison: no subject, nothing computed
    other = "某局2024年度收入支出总计 1000.00 万元。与2023年度相比，基本支出减少 50.00 万元，下降 4.76%。\n"
    assert all(c["status"] == "skip" for c in of(checks(other), "TXT005"))


def test_comparison_of_another_subject_is_not_judged():
    text = "基本支出年初预算为 20.00 万元，支出决算为 22.00 万元。项目支出决算数小于预算数，主要原因是进度调整。"
    assert of(checks(text), "TXT012") == []
    same = "培训费年初预算为 20.00 万元，培训费决算为 22.00 万元。2024年度培训费决算数小于预算数。"
    assert [c["status"] for c in of(checks(same), "TXT012")] == ["fail"]


def test_docx_text_against_its_own_tables(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("本年基本支出 850.00 万元，项目支出 400.00 万元。")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("项目", "金额"), ("基本支出", "800.00"), ("项目支出", "400.00")]):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    path = tmp_path / "r.docx"
    d.save(str(path))
    cs = fincheck.check(path, select=["TXT011"]).to_dict()["checks"]
    assert sorted((c["status"], c["stated"], c["expected"]) for c in cs) == [
        ("fail", 850.0, 800.0),
        ("pass", 400.0, 400.0),
    ]
    assert next(c for c in cs if c["status"] == "fail")["location"]["paragraph"] == 1
