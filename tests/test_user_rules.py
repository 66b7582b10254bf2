"""A province's or auditor's own rules (``--rules``, ``fincheck.check(..., rules=...)``),
malformed rules (one-line error naming file, rule and field; exit 2) and rules that crash."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

import fincheck
from fincheck.catalogue import load_rules_from, parse_rule
from fincheck.cli import main
from fincheck.engine import run_rules
from fincheck.errors import RuleError
from fincheck.kinds import _BINDERS, PARAMS, binder

PROVINCE_RULE = textwrap.dedent(
    """\
    code: HEB001
    name: office-costs-above-cap
    severity: warning
    kind: bound
    title: {zh: 办公费超过公用经费的三成, en: Office costs above 30% of public costs}
    message: {zh: "办公费 {stated} 超过公用经费的30% {expected}", en: "office costs {stated} above {expected}"}
    params:
      bind: formula
      formula: "[办公费] <= 0.3 * [公用经费]"
    examples:
      - name: within-cap
        table: |
          项目,金额
          公用经费,100.00
          办公费,20.00
        fails: []
      - name: above-cap
        table: |
          项目,金额
          公用经费,100.00
          办公费,40.00
        fails: [{cell: B3, stated: 40.00, expected: 30.00}]
    """
)

TABLE = "项目,金额\n公用经费,100.00\n办公费,{x}\n"


@pytest.fixture
def rules_dir(tmp_path):
    d = tmp_path / "hebei"
    d.mkdir()
    (d / "HEB001.yaml").write_text(PROVINCE_RULE, encoding="utf-8")
    return d


def _report(tmp_path, x):
    p = tmp_path / "r.csv"
    p.write_text(TABLE.format(x=x), encoding="utf-8")
    return p


def test_user_rule_folder_through_the_api(tmp_path, rules_dir):
    report = fincheck.check(_report(tmp_path, "40.00"), rules=rules_dir)
    mine = report.findings[report.findings["rule"] == "HEB001"]
    assert len(mine) == 1
    row = mine.iloc[0]
    assert row["location"]["cell"] == "B3" and row["expected"] == pytest.approx(30.0)
    assert row["severity"] == "warning"
    # the built-in catalogue still runs beside it
    assert {"GEN001", "HEB001"} <= {r.code for r in report.rules}


def test_user_rule_file_through_the_cli(tmp_path, rules_dir, capsys):
    path = _report(tmp_path, "40.00")
    assert main([str(path), "--rules", str(rules_dir / "HEB001.yaml"), "--fail-on", "warning", "--format", "json"]) == 1
    assert "HEB001" in capsys.readouterr().out
    assert main([str(_report(tmp_path, "20.00")), "--rules", str(rules_dir), "--fail-on", "warning"]) == 0


def test_user_rule_examples_run(tmp_path, rules_dir):
    from .rule_examples import run_example

    (rule,) = load_rules_from(rules_dir)
    for i, example in enumerate(rule.examples):
        folder = tmp_path / str(i)
        folder.mkdir()
        _report, problems = run_example(rule, example, folder)
        assert not problems


def test_user_rules_listed_and_explained(rules_dir, capsys):
    assert main(["rules", "HEB", "--rules", str(rules_dir), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "HEB001" in out and "1 rule\n" in out
    assert main(["explain", "HEB001", "--rules", str(rules_dir)]) == 0
    out = capsys.readouterr().out
    assert "[办公费] <= 0.3 * [公用经费]" in out and "above-cap" in out


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (('formula: "[办公费] <= 0.3 * [公用经费]"', 'formula: "[办公费] <= 0.3 * [公用经费"'), "params.formula"),
        (('formula: "[办公费] <= 0.3 * [公用经费]"', 'formula: "[办公费] <= __import__(1)"'), "params.formula"),
        (("bind: formula", "bind: magic"), "params.bind"),
        (("kind: bound", "kind: guess"), "kind"),
        (("name: office-costs-above-cap", "name: Office Costs"), "name"),
        (("severity: warning", "severity: fatal"), "severity"),
        (('en: "office costs {stated} above', 'en: "office costs {lable} above'), "message"),
        (('zh: "办公费 {stated} 超过', 'zh: "办公费 {stated 超过'), "message"),
    ],
)
def test_malformed_rule_is_one_clear_line_and_exit_2(tmp_path, rules_dir, capsys, edit, field):
    bad = rules_dir / "HEB001.yaml"
    bad.write_text(PROVINCE_RULE.replace(*edit), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules_from(rules_dir)
    assert info.value.field == field
    code = main([str(_report(tmp_path, "20.00")), "--rules", str(rules_dir), "--lang", "en"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1, err
    assert str(bad) in err and f"field {field!r}" in err
    if field != "code":
        assert "HEB001" in err


def test_rule_file_that_is_not_yaml(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("code: [unclosed\n", encoding="utf-8")
    assert main([str(_report(tmp_path, "20.00")), "--rules", str(bad), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "not valid YAML" in err and len(err.strip().splitlines()) == 1


def test_bands_option(tmp_path, capsys):
    p = tmp_path / "perf.csv"
    p.write_text(
        "项目支出绩效自评表\n项目,分值,得分\n产出指标,100,87.00\n总分,100,87.00\n评价等级：优秀,,\n", encoding="utf-8"
    )
    assert main([str(p), "--select", "PRF006"]) == 1
    assert main([str(p), "--select", "PRF006", "--bands", "优秀=85,良好=75,合格=60,差=0"]) == 0
    capsys.readouterr()
    assert main([str(p), "--bands", "优秀85"]) == 2
    assert "--bands" in capsys.readouterr().err


def test_a_rule_that_raises_becomes_a_finding_and_the_run_continues(tmp_path):
    @binder("test-boom", {"sum"})
    def boom(rule, facts, context):
        raise ZeroDivisionError("boom")

    try:
        raw = {
            "code": "USR900",
            "name": "always-crashes",
            "severity": "warning",
            "kind": "sum",
            "title": "t",
            "message": "m",
            "params": {"bind": "test-boom"},
        }
        crashing = parse_rule(raw, "inline.yaml", user=True)
        path = tmp_path / "h.csv"
        path.write_text("项目,金额\n资产,3973.46\n  流动资产,3877.96\n  固定资产净值,95.49\n", encoding="utf-8")
        report = fincheck.check(path, rules=[crashing])
        crash = report.checks[report.checks["rule"] == "USR900"]
        assert len(crash) == 1
        row = crash.iloc[0]
        assert (row["status"], row["severity"], row["note"]) == ("fail", "error", "rule crashed")
        assert "ZeroDivisionError: boom" in row["message"]
        assert row["location"] == {"rule": "inline.yaml"}
        # the other rules still ran
        assert (report.checks["rule"] != "USR900").any()
        # and the engine alone behaves the same
        checks = run_rules([crashing], pd.DataFrame(report.facts))
        assert list(checks["rule"]) == ["USR900"]
    finally:
        _BINDERS.pop("test-boom", None)
        PARAMS.pop("test-boom", None)


def test_one_code_in_two_files_of_a_folder_names_both(tmp_path, rules_dir, capsys):
    (rules_dir / "copy.yaml").write_text(PROVINCE_RULE, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules_from(rules_dir)
    text = str(err.value)
    assert "HEB001" in text and "HEB001.yaml" in text and "copy.yaml" in text
    assert main([str(_report(tmp_path, "20.00")), "--rules", str(rules_dir), "--lang", "zh"]) == 2
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and "copy.yaml" in line and "HEB001.yaml" in line and "也在" in line


def test_an_empty_rules_folder_is_a_warning(tmp_path, capsys):
    empty = tmp_path / "nothing"
    empty.mkdir()
    with pytest.warns(UserWarning, match="no rule files"):
        assert load_rules_from(empty) == []
    assert main([str(_report(tmp_path, "20.00")), "--rules", str(empty), "-q", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "nothing" in err and "no rule files" in err


@pytest.mark.parametrize(
    ("formula", "zh", "en"),
    [
        ("[办公费] <= [", "方括号 [ 没有闭合", "the bracket [ at 10"),
        ("[办公费] <= [公用经费", "方括号 [ 没有闭合", "is not closed"),
    ],
)
def test_an_unclosed_bracket_in_a_formula_is_said_as_such(tmp_path, rules_dir, formula, zh, en):
    bad = rules_dir / "HEB001.yaml"
    bad.write_text(PROVINCE_RULE.replace("[办公费] <= 0.3 * [公用经费]", formula), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules_from(rules_dir)
    assert en in info.value.text("en") and zh in info.value.text("zh")
    assert "无法识别" not in info.value.text("zh")


def test_a_misspelt_placeholder_names_the_file_and_the_placeholder(rules_dir):
    bad = rules_dir / "HEB001.yaml"
    bad.write_text(PROVINCE_RULE.replace('{expected}", en', '{expeted}", en'), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules_from(rules_dir)
    text = info.value.text("en")
    assert str(bad) in text and "{expeted}" in text and "message" in text and "zh" in text
