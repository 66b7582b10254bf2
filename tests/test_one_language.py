"""One language per run, on every stream: the report on standard output and the errors, warnings
and notes on standard error follow ``--lang``, else the configuration's ``lang``, else the
language detected from the inputs (Chinese when nothing could be read); and the texts that name
places, link findings and say that a check passed, in both languages."""

from __future__ import annotations

import contextlib
import re
import shutil

import openpyxl
import pytest
from rich.cells import cell_len

import fincheck
from fincheck.cli import main
from fincheck.model.location import Location, short_in

from .helpers import EXAMPLE
from .languages import foreign

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch):
    """A locale that says English: it must not decide the language of a check's output."""
    monkeypatch.delenv("FINCHECK_LANG", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def _run(capsys, *words) -> tuple[int, str, str]:
    code = main([*map(str, words)])
    out, err = capsys.readouterr()
    return code, out, err


# the language of a run ---------------------------------------------------------------------------


def test_an_unreadable_input_is_reported_in_one_language_on_both_streams(tmp_path, capsys):
    missing = tmp_path / "missing.xlsx"
    code, out, err = _run(capsys, missing)
    assert code == 2
    assert "无法读取" in out and "文件不存在" in out  # the report's default: Chinese
    assert err.startswith("fincheck: 错误 E101：") and "文件不存在" in err, err  # not the locale's English
    code, out, err = _run(capsys, missing, "--lang", "en")
    assert "could not be read" in out and err.startswith("fincheck: error E101: ") and "no such file" in err


def test_the_language_detected_from_the_inputs_is_the_one_of_standard_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # the locale says Chinese; the English report wins
    notes = tmp_path / "notes.txt"
    notes.write_text("Annual notes of the office. Nothing here is a table.\n", encoding="utf-8")
    code, out, err = _run(capsys, notes, tmp_path / "missing.csv")
    assert code == 2
    assert "could not be read" in out and "nothing recognised" in out
    assert "fincheck: error E101: " in err and "no such file" in err
    assert "fincheck: warning W101: " in err and not CJK.search(err.replace(str(tmp_path), "")), err


def test_the_configuration_lang_decides_both_streams(tmp_path, capsys):
    (tmp_path / "fincheck.toml").write_text('lang = "en"\n', encoding="utf-8")
    code, out, err = _run(capsys, tmp_path / "missing.xlsx")
    assert code == 2 and "could not be read" in out and "no such file" in err and not CJK.search(out + err)
    # an error before anything is read: the configuration's language too
    code, _out, err = _run(capsys, tmp_path / "missing.xlsx", "--select", "XYZ")
    assert code == 2 and "no rule code starts with it" in err
    code, out, _err = _run(capsys, "config", tmp_path)
    assert "configuration file" in out and "command line" not in out


def test_errors_before_reading_follow_the_same_default(tmp_path, capsys):
    code, _out, err = _run(capsys, EXAMPLE, "--select", "XYZ")
    assert code == 2 and "没有以此开头的规则编码" in err, err
    code, _out, err = _run(capsys, EXAMPLE, "--select", "XYZ", "--lang", "en")
    assert code == 2 and "no rule code starts with it" in err, err


def test_the_help_keeps_the_locale(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "用法" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "usage" in capsys.readouterr().out


# fincheck explain --------------------------------------------------------------------------------


def _explained_words(code: str) -> str:
    """What ``explain`` repeats of the rule itself: its code, name, kind, parameters, examples
    and sources (which quote Chinese documents), and its message's placeholders."""
    rule = fincheck.catalogue.rule_by_code(code)
    parts = [rule.code, rule.name, rule.kind, rule.path, str(rule.params), *rule.source, *rule.tables, rule.shape]
    for ex in rule.examples:
        parts += [str(ex.get("name", "")), str(ex.get("table", "")), str(ex.get("text", ""))]
        parts += [f"{k} {v}" for k, v in (ex.get("sheets") or {}).items()]
        parts += [str(f) for f in ex.get("fails") or []]
    # the placeholders of its message, and the codes of the rule families its why names
    return " ".join(parts) + " label stated expected operands unit column note table difference other_place XTB"


@pytest.mark.parametrize("code", ["GEN003", "TXT004", "GEN007"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_speaks_one_language(code, lang, capsys):
    assert main(["explain", code, "--lang", lang]) == 0
    out = capsys.readouterr().out
    rule = fincheck.catalogue.rule_by_code(code)
    other = "en" if lang == "zh" else "zh"
    assert rule.text("title", lang) in out and rule.text("title", other) not in out
    assert rule.text("message", lang) in out and rule.text("message", other) not in out
    assert ("说明：" in out and "示例：" in out) if lang == "zh" else ("Why: " in out and "Examples:" in out)
    bad = foreign(out, lang, _explained_words(code), {"fincheck"})
    assert not bad, bad


def test_explain_both_and_the_default(capsys, tmp_path, monkeypatch):
    assert main(["explain", "GEN003", "--lang", "both"]) == 0
    out = capsys.readouterr().out
    rule = fincheck.catalogue.rule_by_code("GEN003")
    assert rule.text("why", "zh") in out and rule.text("why", "en") in out and "说明 / Why: " in out
    assert main(["explain", "GEN003"]) == 0  # the default: Chinese, as a report would be
    assert "说明：" in capsys.readouterr().out
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fincheck.toml").write_text('lang = "en"\n', encoding="utf-8")
    assert main(["explain", "GEN003"]) == 0
    assert "Why: " in capsys.readouterr().out
    assert main(["explain", "XYZ001"]) == 2
    assert "no rule 'XYZ001'" in capsys.readouterr().err


# places in messages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("short", "zh"),
    [
        ("p17 t1 r6c4", "第17页第1张表第6行第4列"),
        ("p3 line 5", "第3页第5行"),
        ("table 2 r3c1", "第2张表第3行第1列"),
        ("paragraph 4", "第4段"),
        ("资产!C9", "资产!C9"),
        ("决算数", "决算数"),
    ],
)
def test_a_place_in_a_message_is_said_in_chinese(short, zh):
    assert short_in(short, "zh") == zh
    assert short_in(short, "en") == short


def test_the_short_form_of_a_pdf_cell_in_both_languages():
    place = Location(page=17, table=1, row=6, column=4)
    assert (place.short("zh"), place.short("en")) == ("第17页第1张表第6行第4列", "p17 t1 r6c4")


def test_a_pdf_table_cell_in_a_chinese_message(tmp_path):
    from .disclosure_docs import PAGE, table, write_doc
    from .test_disclosure import COVER

    rows = [("一般公共服务支出", "30.00", "20.00", "10.00"), ("合计", "30.00", "20.00", "10.00")]
    first = table("支出决算表", ("项目", "本年支出合计", "基本支出", "项目支出"), rows)
    text = "本年支出合计30.00万元，其中：基本支出25.00万元，项目支出10.00万元。"
    path = write_doc([*COVER, *first, PAGE, text], "pdf", tmp_path / "report")
    for lang, place in (("zh", "第1页第1张表第3行第3列"), ("en", "p1 t1 r3c3")):
        report = fincheck.check(path, select=["TXT011"], lang=lang)
        (message,) = report.findings["message"]
        assert place in message, message
        assert lang == "en" or not re.search(r"\bp\d+ t\d+ r\d+c\d+", message), message


# one wrong figure, two linked findings -----------------------------------------------------------


def test_a_wrong_share_links_its_two_findings(capsys):
    report = fincheck.check(EXAMPLE)
    f = report.findings.set_index("rule")
    assert f.loc["GEN003", "location"] in f.loc["GEN004", "related"]  # the wrong share is a figure of the sum
    assert f.loc["GEN004", "location"] not in f.loc["GEN003", "related"]  # related: the check's own figures
    for lang, words in (
        ("zh", ("另见 GEN004（资产!C5:C9）", "另见 GEN003（资产!C9）")),
        ("en", ("see also GEN004 at 资产!C5:C9",)),
    ):
        assert main([str(EXAMPLE), "--lang", lang]) == 1
        out = capsys.readouterr().out
        page = report.to_html(lang=lang)
        for w in words:
            assert w in out, out
            assert w in page


def test_a_wrong_share_in_the_text_links_its_two_findings(capsys, tmp_path):
    text = "采购总额 80.00 万元，其中货物 20.00 万元，占采购总额的 26.00%；服务 60.00 万元，占采购总额的 75.00%。\n"
    report = fincheck.check_text(text, select=["TXT003", "TXT004"])
    assert sorted(report.findings["rule"]) == ["TXT003", "TXT004"]  # both stay
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert "另见 TXT004（第1行第" in out and "另见 TXT003（第1行第" in out, out


def test_findings_of_unrelated_figures_are_not_linked(tmp_path):
    from fincheck.linked import see_also

    path = tmp_path / "t.csv"
    path.write_text(
        "项目,金额,占比\n资产,100.00,\n  A,40.00,41.00%\n  B,60.00,60.00%\n"
        "支出,50.00,\n  C,10.00,20.00%\n  D,40.00,81.00%\n",
        encoding="utf-8",
    )
    report = fincheck.check(path, select=["GEN003", "GEN004"])
    f = report.findings
    assert sorted(f["rule"]) == ["GEN003", "GEN003", "GEN004", "GEN004"]
    said = see_also(f, report.rules, "en")
    for i, row in f.iterrows():
        # each finding is linked to the one other finding of its own group, not to the other group's
        others = f[(f.index != i) & (f["rule"] != row["rule"])]
        mine = [o for _, o in others.iterrows() if o["location"] in row["related"] or row["location"] in o["related"]]
        assert len(mine) == 1, (row["rule"], row["location"])
        assert said[i].count("see also") == 1 and said[i].count(" at ") == 1, said[i]


# a passing GEN007 ----------------------------------------------------------------------------------


def _gen007(tmp_path, value=None):
    path = tmp_path / "r.xlsx"
    shutil.copy(EXAMPLE, path)
    if value is not None:
        wb = openpyxl.load_workbook(path)
        wb["项目支出"]["C4"] = value
        wb.save(path)
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_passing_same_figure_names_the_other_table_and_reads_as_a_pass(tmp_path, lang):
    report = fincheck.check(_gen007(tmp_path), select=["GEN007"], lang=lang)
    (check,) = report.checks.itertuples(index=False)
    assert check.status == "pass"
    assert "决算!B9" in check.message
    assert ("一致" in check.message) if lang == "zh" else ("in agreement with" in check.message)
    assert "另一表" not in check.message and " but " not in check.message
    bad = fincheck.check(_gen007(tmp_path, 330.00), select=["GEN007"], lang=lang)
    (check,) = bad.checks.itertuples(index=False)
    assert check.status == "fail" and "决算!B9" in check.message and "一致" not in check.message
    assert (" but " in check.message) if lang == "en" else ("列示 324.98" in check.message)


# a pipe gets whole lines ---------------------------------------------------------------------------


def test_a_pipe_gets_whole_lines_and_columns_keeps_a_width(capsys, monkeypatch, tmp_path):
    assert main([str(EXAMPLE)]) == 1  # capsys: standard output is not a terminal
    lines = capsys.readouterr().out.splitlines()
    message = next(line for line in lines if "流动资产 等各项占比之和" in line)
    assert message.rstrip().endswith("（合计行未列示占比，按 100% 核对）") and cell_len(message) > 80
    assert all(line == line.rstrip() for line in lines)  # no padding to a width
    monkeypatch.setenv("COLUMNS", "80")  # a width asked for is kept
    assert main([str(EXAMPLE)]) == 1
    assert max(cell_len(line) for line in capsys.readouterr().out.splitlines()) <= 80


# the text stage's own words ----------------------------------------------------------------------


def test_the_column_of_a_figure_read_from_prose_is_said_in_the_report_language():
    """A figure of the text has no header: its column is the text stage's name for its role
    (增减额, 占比, 增长率), a Chinese word an English report says in English."""
    text = "一般公共预算财政拨款收入540.23万元，比上年增加100.00万元，增长22.71%。其中：基本支出300万元，占比55.53%。"
    en = fincheck.check_text(text, lang="en").checks.set_index("rule")["message"]
    assert en["TXT008"].startswith("一般公共预算财政拨款收入 (change) 100.00万元: not checked"), en["TXT008"]
    # a 其中 of one part: its total is the share's base, so the share is checked
    assert en["TXT003"].startswith("基本支出: share stated 55.53%"), en["TXT003"]
    assert en["GEN010"] == "一般公共预算财政拨款收入 (growth) 22.71% is not below -100%"  # a passing bound
    assert en["GEN008"] == "基本支出 (share) 55.53% is within 0–100%"
    for message in en:  # the labels are the input's; nothing else is Chinese
        assert not CJK.search(
            message.replace("一般公共预算财政拨款收入", "").replace("基本支出", "").replace("万元", "")
        )
    zh = fincheck.check_text(text, lang="zh").checks.set_index("rule")["message"]
    assert zh["TXT008"].startswith("一般公共预算财政拨款收入（增减额）列示 100.00万元") and zh["GEN008"].startswith(
        "基本支出（占比）"
    )


def test_a_table_column_keeps_its_own_name_in_english(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("项目,金额,占比\n合计,100.00,\n  A,40.00,41.00%\n  B,60.00,60.00%\n", encoding="utf-8")
    messages = fincheck.check(path, select=["GEN008"], lang="en").checks["message"]
    assert len(messages) and all("(占比)" in m for m in messages), list(messages)  # the header, as printed


def test_the_text_stage_skip_notes_in_both_languages():
    from fincheck.engine import note_in

    for note, zh in (
        ("其中 parent unclear", "不能确定“其中”各项属于哪一个总数"),
        ("the 分值 and 得分 columns cannot be told apart", "无法区分分值列和得分列"),
        ("current level not stated", "未列示本期数"),
        ("a part states no change (item 2, 3)", "有组成项未列示增减额（第 2, 3 项）"),
    ):
        assert note_in(note, "zh") == zh
        assert not CJK.search(note_in(note, "en")), note_in(note, "en")
    assert note_in("a part states no change (item 2)", "en") == "a part states no change (item 2)"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_figure_with_no_subject_opens_its_message_with_a_word(lang):
    """A figure of the text whose subject is not named (an empty label): its message leaves the
    label out instead of opening with a space or a colon."""
    report = fincheck.check_text("比上年增加2570.97万元，增长38.28%。", lang=lang)
    messages = report.checks.set_index("rule")["message"]
    for message in messages:
        assert message[:1] not in (" ", ":", "：", "(", "（"), message
    if lang == "en":
        assert messages["TXT008"].startswith("Change 2570.97万元: not checked"), messages["TXT008"]
        assert messages["GEN010"] == "Growth 38.28% is not below -100%"
    else:
        assert messages["TXT008"].startswith("增减额列示 2570.97万元：未校验"), messages["TXT008"]
        assert messages["GEN010"] == "增长率列示 38.28%，不低于 -100%"


@pytest.mark.parametrize(
    ("template", "lang", "said"),
    [
        (
            "{label} ({column}) {stated}{unit}: not checked, {note}",
            "en",
            "{column} {stated}{unit}: not checked, {note}",
        ),
        ("{label}（{column}）列示 {stated}{unit}：未校验，{note}", "zh", "{column}列示 {stated}{unit}：未校验，{note}"),
        ("{label}: growth stated {stated}%", "en", "growth stated {stated}%"),
        ("{label} is stated as {stated} {unit}", "en", "The figure is stated as {stated} {unit}"),
        ("{label} 列示 {stated}{unit}", "zh", "该项列示 {stated}{unit}"),
        ("The shares of {label} add up to {operands}", "en", None),
    ],
)
def test_the_template_of_a_check_with_no_label(template, lang, said):
    from fincheck.messages import unlabelled

    assert unlabelled(template, lang) == said


# English plurals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "1 source(s), 1 check(s), 2 failing: 1 error(s), 2 warning(s)",
            "1 source, 1 check, 2 failing: 1 error, 2 warnings",
        ),
        ("left in 1 time(s) (line 3); 12 time(s)", "left in once (line 3); 12 times"),
        ("0 rule(s)", "0 rules"),
    ],
)
def test_a_count_agrees_with_its_noun_in_english(text, said):
    from fincheck.plurals import agree

    assert agree(text) == said
    assert agree("共 1 处", "zh") == "共 1 处"


def test_english_counts_of_one(tmp_path, capsys):
    path = tmp_path / "slot.txt"
    path.write_text(
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占 %；其他收入比上年减少 万元。\n", encoding="utf-8"
    )
    report = fincheck.check(path, lang="en", select=["DOC003"])
    assert list(report.checks["message"]) == [
        "No figure between “占 %”, once (line 1)",
        "No figure between “减少 万元”, once (line 1)",
    ]
    assert "1 times" not in report.to_html(lang="en")
    one = fincheck.check_text("收入合计100.00万元，其中：财政拨款收入60.00万元，其他收入40.00万元。\n", lang="en")
    assert repr(one).startswith("<fincheck Report: 1 source, ") and " 1 checks" not in repr(one)
    assert main([str(path), "--lang", "en", "--select", "DOC003"]) == 1
    out = capsys.readouterr().out
    assert "1 source, 2 checks, 2 failing: 2 errors, 0 warnings, 0 info" in out, out
    assert "0 table(s)" not in out and "0 tables, 2 checks: 0 pass, 2 fail, 0 skip" in out, out


# fincheck tables -----------------------------------------------------------------------------------


def test_tables_says_an_unreadable_input_on_standard_error(tmp_path, capsys):
    missing = tmp_path / "bad.xlsx"
    code, out, err = _run(capsys, "tables", missing)
    assert code == 2
    assert "无法读取（E101）：" in out and err.startswith("fincheck: 错误 E101：") and "文件不存在" in err, (out, err)
    code, out, err = _run(capsys, "tables", missing, "--lang", "en")
    assert code == 2 and "could not be read (E101): " in out and err.startswith("fincheck: error E101: ")
    assert "no such file" in err


# the progress bar ----------------------------------------------------------------------------------


def test_the_progress_bar_follows_the_first_report_read(tmp_path):
    """With no language chosen, the bar says no word before a report is read, then speaks the
    language of the first report read (not Chinese for an English report)."""
    from fincheck.render.terminal import ProgressBar

    class Bar:
        def __init__(self):
            self.said: list[str] = []

        def language(self, lang):
            self.said.append(lang)

        def __call__(self, path):
            pass

    (tmp_path / "a.csv").write_text("Item,Amount\nTotal,10.00\n  Rent,4.00\n  Staff,6.00\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("项目,金额\n合计,10.00\n  房租,4.00\n  人员,6.00\n", encoding="utf-8")
    bar = Bar()
    fincheck.check(tmp_path, progress=bar)
    assert bar.said == ["en", "zh"]  # each report's; the bar keeps the first
    chosen = Bar()
    fincheck.check(tmp_path, progress=chosen, lang="zh")
    assert chosen.said == []  # a chosen language is not asked for

    shown = ProgressBar(2, None)
    try:
        task = shown.progress.tasks[0]
        shown.start("a.csv")
        assert task.description == ""  # neutral: no word of either language
        shown.language("en")
        assert task.description == "reading"
        shown.language("zh")  # a later report does not change it
        shown.stage("rules")
        assert task.description == "checking rules"
    finally:
        shown.close()


# argparse's pages ----------------------------------------------------------------------------------


def _usage_error(capsys, *words) -> str:
    with pytest.raises(SystemExit) as done:
        main([*map(str, words)])
    assert done.value.code == 2
    return capsys.readouterr().err


def test_help_and_usage_errors_default_to_the_report_language(capsys, monkeypatch, tmp_path):
    """A locale that names no language (C, POSIX): argparse's pages speak the default of a
    report, Chinese, as the run they belong to would."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith("用法：")
    err = _usage_error(capsys, "--fail-on", "sometimes", EXAMPLE)
    assert "fincheck: 错误：参数 --fail-on：无效的选项：'sometimes'" in err, err
    assert "usage" not in err and "invalid choice" not in err
    err = _usage_error(capsys, "--fail-on", "sometimes", EXAMPLE, "--lang", "en")
    assert "invalid choice: 'sometimes'" in err


def test_usage_errors_follow_the_configuration_found_for_the_inputs(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("LANG", "C.UTF-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "fincheck.toml").write_text('lang = "en"\n', encoding="utf-8")
    shutil.copy(EXAMPLE, folder / "r.xlsx")
    err = _usage_error(capsys, folder / "r.xlsx", "--fail-on", "x")
    assert "fincheck: error: argument --fail-on: invalid choice: 'x'" in err, err
    err = _usage_error(capsys, folder / "r.xlsx", "--fail-on", "x", "--isolated")
    assert "无效的选项" in err, err  # no configuration read
    other = tmp_path / "other.toml"
    other.write_text('lang = "zh"\n', encoding="utf-8")
    err = _usage_error(capsys, folder / "r.xlsx", "--fail-on", "x", "--config", other)
    assert "无效的选项" in err, err


# errors: a message in the report's language, a code for scripts -------------------------------------


def test_an_unreadable_input_has_a_message_in_the_report_language_and_a_stable_code(tmp_path):
    import json

    from fincheck.error_codes import CODES
    from fincheck.error_text import ZH

    missing = tmp_path / "missing.xlsx"
    zh, en = fincheck.check(missing, EXAMPLE), fincheck.check(missing, EXAMPLE, lang="en")
    assert zh.errors == [f"{missing}：文件不存在"] and en.errors == [f"{missing}: no such file"]
    assert zh.error_codes == en.error_codes == ["E101"]
    for report, said in ((zh, "文件不存在"), (en, "no such file")):
        entry = json.loads(report.to_json())["sources"][0]
        assert entry["error_code"] == "E101" and said in entry["error"]
        assert "error_code" not in json.loads(report.to_json())["sources"][1]  # a read input: the four fields
    scanned = tmp_path / "x.foo"
    scanned.write_text("x", encoding="utf-8")
    assert fincheck.check(scanned).error_codes == ["E111"]
    # every error that stops an input has its code, and each code is one error's
    assert len(set(CODES.values())) == len(CODES) and set(CODES) <= set(ZH)
    assert all(not CJK.search(code) and code[0] == "E" for code in CODES.values())


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "未识别出任何内容：没有表格，也没有可核对的数字"),
        ("en", "nothing recognised: no table and no figure to check"),
    ],
)
def test_a_warning_is_in_the_report_language_with_a_stable_code(tmp_path, lang, said):
    import json

    from fincheck.error_codes import UNKNOWN_WARNING, WARNING_CODES
    from fincheck.model.document import WARNINGS

    letter = tmp_path / "letter.txt"
    letter.write_text("这是一封没有任何数字的信。\n", encoding="utf-8")
    report = fincheck.check(letter, EXAMPLE, lang=lang)
    assert report.warnings == [said] and report.warning_codes == ["W101"]
    entry, read = json.loads(report.to_json())["sources"]
    assert entry["warning"] == said and entry["warning_code"] == "W101"
    assert "warning" not in read and "warning_code" not in read  # a recognised input: the four fields
    assert fincheck.check(EXAMPLE).warnings == [] and fincheck.check(EXAMPLE).warning_codes == []
    # every warning has its code, in both languages, and each code is one warning's
    assert set(WARNING_CODES) == set(WARNINGS) and len(set(WARNING_CODES.values())) == len(WARNING_CODES)
    assert all(code[0] == "W" and code != UNKNOWN_WARNING for code in WARNING_CODES.values())
    assert all(set(texts) == {"zh", "en"} for texts in WARNINGS.values())


# punctuation and unreadable inputs -------------------------------------------------------------------

#: an ASCII colon right after Chinese words (or a full-width bracket): Chinese output has "："
ASCII_COLON = re.compile(r"[\u3400-\u9fff\uf900-\ufaff）]: ")


@pytest.fixture
def batch(tmp_path):
    """The example, a file that is no workbook, a letter with no figure and a missing file."""
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"9\x08ab\x00\x01\x02\x03")
    letter = tmp_path / "letter.txt"
    letter.write_text("这是一封没有任何数字的信。\n", encoding="utf-8")
    return [EXAMPLE, bad, letter, tmp_path / "missing.csv"]


def test_chinese_output_puts_a_full_width_colon_after_chinese_words(batch, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    runs = [
        [*batch],
        [*batch, "--all", "--statistics"],
        [*batch, "--format", "html", "-o", tmp_path / "r.html"],
        ["rules", "GEN"],
        ["explain", "GEN003"],
        ["explain", "TXT001"],
        ["tables", EXAMPLE, batch[1]],
        ["config", EXAMPLE],
        [EXAMPLE, "--fail-on", "sometimes"],
    ]
    for words in runs:
        with contextlib.suppress(SystemExit):  # a usage error exits
            main([*map(str, words), "--lang", "zh"])
        out, err = capsys.readouterr()
        text = out + err + ((tmp_path / "r.html").read_text(encoding="utf-8") if "html" in words else "")
        bad = [text[max(0, m.start() - 15) : m.end() + 15] for m in ASCII_COLON.finditer(text)]
        assert not bad, (words, bad)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unreadable_input_in_a_batch_reads_as_one_problem(batch, lang, capsys, monkeypatch):
    """Its line in the results says the error once, with its code; the summary by report refers
    to it by code; standard error has one line per unreadable input, with the same code."""
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = _run(capsys, *batch, "--lang", lang)
    assert code == 2
    said = {
        "zh": "不是 xlsx（zip 压缩包）文件；开头的字节为 39 08 61 62",
        "en": "not an xlsx (zip) file; it starts with the bytes 39 08 61 62",
    }[lang]
    assert out.count(said) == 1 and err.count(said) == 1, (out, err)
    assert out.count("E205") == 2 and err.count("E205") == 1  # its line and the summary's reference
    refer = {"zh": "无法读取（E205，见上）", "en": "could not be read (E205, see above)"}[lang]
    assert refer in out
    assert len([line for line in err.splitlines() if "E205" in line or "E101" in line]) == 2
    assert "b'" not in out + err and "\\x" not in out + err  # no Python bytes literal
    assert ("2 个输入无法读取" if lang == "zh" else "2 inputs could not be read") in out


@pytest.mark.parametrize(
    ("head", "said"),
    [(b"9\x08ab\x00", "39 08 61 62"), (b"<html><body>", '3C 68 74 6D "<htm"'), (b"\x00", "00")],
)
def test_a_file_that_is_no_workbook_names_its_first_bytes_in_words(tmp_path, head, said):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(head)
    for lang, words in (("zh", "开头的字节为 "), ("en", "starts with the bytes ")):
        report = fincheck.check(bad, lang=lang)
        assert report.error_codes == ["E205"] and report.errors[0].endswith(words + said), report.errors


def test_a_single_unreadable_file_is_one_line_on_standard_error(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"9\x08ab")
    code, out, err = _run(capsys, bad)
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith("fincheck: 错误 E205：") and "无法读取（E205）：" in out


@pytest.mark.parametrize("columns", ["80", "200"])
def test_rules_and_explain_name_a_rule_by_its_title_in_chinese_and_its_name_in_english(columns, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", columns)  # the narrow layout (blocks) and the wide one (a table)
    rule = fincheck.catalogue.rule_by_code("GEN003")
    zh_title, en_title = rule.text("title", "zh"), rule.text("title", "en")
    assert main(["rules", "GEN003"]) == 0
    out = capsys.readouterr().out
    assert zh_title in out and rule.name not in out and "名称" not in out, out
    assert main(["rules", "GEN003", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert rule.name in out and en_title in out and zh_title not in out, out
    assert main(["explain", "GEN003"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"GEN003 {zh_title}  （") and out.count(zh_title) == 1 and rule.name not in out, out
    assert main(["explain", "GEN003", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"GEN003 {rule.name}  (") and en_title in out, out


# rule names, check kinds and table types in Chinese output ------------------------------------------


def test_a_chinese_table_names_each_rule_by_its_chinese_title(tmp_path):
    import csv as csvlib
    import io

    from fincheck.render.tabular import to_csv

    report = fincheck.check(EXAMPLE)
    for lang, name in (("zh", "占比与金额不符"), ("en", "share-does-not-match")):
        rows = list(csvlib.reader(io.StringIO(to_csv(report, lang=lang))))
        gen003 = next(r for r in rows if r and r[0] == "GEN003")
        assert gen003[1] == name, gen003
        sheet = openpyxl.load_workbook(report.to_excel(tmp_path / f"{lang}.xlsx", lang=lang)).worksheets[0]
        names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "GEN003"}
        assert names == {name}, names


def test_rules_and_tables_say_kinds_and_table_types_in_chinese(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # the narrow layout: one block per rule
    assert main(["rules", "GEN001"]) == 0
    out = capsys.readouterr().out
    assert "GEN001 合计数不等于各组成项之和  （求和，错误）" in out and "(sum," not in out, out
    assert main(["rules", "GEN001", "--lang", "en"]) == 0
    assert "(sum, error)" in capsys.readouterr().out
    assert main(["explain", "GEN003"]) == 0
    assert "（占比，错误）" in capsys.readouterr().out
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["tables", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "整洁格式" in out and "tidy" not in out, out
    assert main(["tables", str(EXAMPLE), "--lang", "en"]) == 0
    assert "tidy" in capsys.readouterr().out
    from fincheck.render.labels import table_type_name

    assert (
        table_type_name("final.expense", "zh") == "支出决算表"
        and table_type_name("final.expense", "en") == "final.expense"
    )


def test_a_message_with_no_label_and_no_column_opens_with_its_figure():
    import numpy as np
    import pyarrow as pa

    from fincheck.messages import capitalised

    said = capitalised(pa.array([" 26.56%: not checked", "change 5万元", "A (x)"]), np.array([True, True, False]))
    assert said.to_pylist() == ["26.56%: not checked", "Change 5万元", "A (x)"]
    assert capitalised(pa.array([" 列示 5%"]), np.array([True]), "zh").to_pylist() == ["列示 5%"]
