"""Wording and placing of findings an auditor found vague: each finding names its subject,
labels its figures for what they are and points at every cell it speaks of."""

from __future__ import annotations

import fincheck


def _checks(text: str, rule: str, lang: str = "zh"):
    checks = fincheck.check_text(text, lang=lang).checks
    return checks[checks["rule"] == rule]


def test_a_shared_subject_printed_short_names_each_member():
    # "收、支总计各是A、B": the second figure is 支出总计's, not an unnamed 该项
    text = "本年收、支总计各是 500.00、400.00 万元，比上年各减少 100.00、50.00 万元，各下降 16.67%、12.00%。"
    growth = _checks(text, "TXT005")
    assert len(growth) == 2
    messages = growth["message"].tolist()
    assert any(m.startswith("收入总计") for m in messages), messages
    assert any(m.startswith("支出总计") for m in messages), messages
    assert not any("该项" in m or "各" in m.split("增减")[0] for m in messages), messages


IDENTITY = (
    "截至年底，全区行政事业性资产总额1200.0亿元，同比增长10.0%{asset}；负债总额200.0亿元，同比增长20.0%；"
    "净资产总额1000.0亿元，同比增长11.1%，比上年增加99.6亿元。"
)


def test_identity_rates_finding_is_on_a_part_its_own_change_does_not_confirm():
    # 净资产's 11.1% agrees with its change 99.6 (TXT005 passes): the disagreement is a part's
    for asset, place in (("，比上年增加109.1亿元", "20.0%"), ("", "10.0%")):
        text = IDENTITY.format(asset=asset)
        (row,) = _checks(text, "TXT022").itertuples(index=False)
        assert row.status == "fail"
        assert row.location["quote"] == place, (text, row.location, row.message)
        assert "净资产" not in row.message.split("增长率")[0], row.message


def _txt011_report(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "支出"
    for row in (["单位：万元"], ["项目", "金额"], ["合计", 1200.00], ["基本支出", 800.00], ["项目支出", 400.00]):
        ws.append(row)
    for c in ws["B"]:
        c.number_format = "0.00"
    wb.save(tmp_path / "report.xlsx")
    (tmp_path / "report.txt").write_text(
        "本年支出合计1200.00万元，其中基本支出 800.00 万元，项目支出 450.00 万元。\n", "utf-8"
    )
    return fincheck.check(tmp_path)


def test_a_table_figure_is_labelled_as_the_tables_not_as_computed(tmp_path):
    from fincheck.render.bound_cells import cells, figure_words, figures

    report = _txt011_report(tmp_path)
    rows = [r for r in report.findings.itertuples(index=False) if r.rule == "TXT011"]
    assert rows, report.findings[["rule", "message"]]
    words = figure_words(report.rules)
    for lang, word, generic in (("zh", "表格数", "计算数"), ("en", "table figure", "expected")):
        names = [name for name, _ in figures(rows[0], {}, lang, words)]
        assert word in names and generic not in names, names
        assert cells(rows[0], {}, lang, words)[1].startswith(word)
        assert generic not in rows[0].message
    shown = report.to_text(lang="zh") if hasattr(report, "to_text") else ""
    assert "计算数 400" not in shown


def test_explain_shows_a_table_figure_under_its_word(capsys):
    from fincheck.render.catalogue import explain_rule

    explain_rule("TXT011", None, "zh")
    out = capsys.readouterr().out
    assert "表格数 400" in out and "计算数 400" not in out


def test_generic_rules_cite_a_generic_basis_first():
    """A rule of any table (GEN) or any text (TXT) runs on reports of every genre and region: its
    first 依据 is the relation itself, a region's template only after it."""
    from fincheck.catalogue import builtin_rules

    for rule in builtin_rules():
        if rule.family in ("GEN", "TXT") and rule.source:
            assert "上海" not in rule.source[0] and "模板" not in rule.source[0], (rule.code, rule.source[0])


SHARES = "项目,金额,占比\n资产,3973.46,\n  流动资产,3877.96,97.60%\n  固定资产净值,95.49,2.52%\n"


def _shares_report(tmp_path):
    p = tmp_path / "shares.csv"
    p.write_text(SHARES, encoding="utf-8")
    return fincheck.check(p)


def test_an_implied_total_share_is_shown_as_implied_not_as_stated(tmp_path):
    from fincheck.render.bound_cells import cells, figures

    report = _shares_report(tmp_path)
    (row,) = [r for r in report.findings.itertuples(index=False) if r.rule == "GEN004"]
    for lang, word in (("zh", "隐含"), ("en", "implied")):
        (name, value), *_ = figures(row, {}, lang)
        assert name == word and value == "100", (name, value)
        assert cells(row, {}, lang)[0] == f"{word} 100"
    text = fincheck.check_text(
        "本年支出合计 100.00 万元，其中基本支出 60.00 万元，占 60.50%；项目支出 40.00 万元，占 40.00%。"
    )
    (row,) = [r for r in text.findings.itertuples(index=False) if r.rule == "TXT004"]
    assert figures(row, {}, "zh")[0] == ("隐含", "100")
    # a share that is printed stays a stated figure
    (gen003,) = [r for r in report.findings.itertuples(index=False) if r.rule == "GEN003"]
    assert figures(gen003, {}, "zh")[0][0] == "列示数"


def test_json_and_explain_give_the_whole_range_a_finding_spans(tmp_path):
    import json

    report = _shares_report(tmp_path)
    checks = json.loads(report.to_json(all_checks=False))["checks"]
    gen004 = next(c for c in checks if c["rule"] == "GEN004")
    assert gen004["place"] == "shares.csv!C3:C4" and gen004["location"]["cell"] == "C3"
    assert next(c for c in checks if c["rule"] == "GEN003")["place"] == "shares.csv!C4"
    n = int(report.checks.index[report.checks["rule"] == "GEN004"][0])
    assert report.explain(n)["check"]["place"] == "shares.csv!C3:C4"
