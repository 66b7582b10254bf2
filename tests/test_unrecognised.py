"""An input read without error in which nothing is recognised (no table, no figure) is said
so, in the chosen language: a warning in its header, on standard error, in the summary and in
JSON. It is not an error: the exit status stays 0 (docs/cli.md)."""

from __future__ import annotations

import json

import pytest

import fincheck
from fincheck.cli import main

from .helpers import EXAMPLE


@pytest.fixture
def inputs(tmp_path):
    words = tmp_path / "words.csv"
    words.write_text("备忘,,\n明天开会,带材料,\n", encoding="utf-8")  # words only: no table
    letter = tmp_path / "letter.txt"
    letter.write_text("这是一封没有任何数字的信。\n", encoding="utf-8")
    return words, letter


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("zh", "未识别出任何内容：没有表格，也没有可核对的数字"),
        ("en", "nothing recognised: no table and no figure to check"),
    ],
)
def test_a_file_with_nothing_recognised_is_named_with_a_warning(inputs, lang, warning, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    words, letter = inputs
    assert main([str(words), str(letter), "--lang", lang]) == 0
    out, err = capsys.readouterr()
    for path in (words, letter):
        head = next(line for line in out.splitlines() if line.startswith(str(path)))
        assert warning in head
        sep = "：" if lang == "zh" else ": "
        assert f"{path}{sep}{warning}" in err
    assert ("2 个输入未识别出任何内容" if lang == "zh" else "nothing recognised in 2 inputs") in out


def test_json_and_html_say_it_and_a_recognised_file_keeps_the_contract(inputs, tmp_path):
    words, letter = inputs
    report = fincheck.check(words, letter, EXAMPLE, lang="en")
    data = json.loads(report.to_json())
    assert [s.get("warning") for s in data["sources"]] == [
        "nothing recognised: no table and no figure to check",
        "nothing recognised: no table and no figure to check",
        None,
    ]
    assert [s.get("warning_code") for s in data["sources"]] == ["W101", "W101", None]
    assert set(data["sources"][2]) == {"path", "kind", "tables", "error"}
    assert "nothing recognised" in report.to_html() and "未识别出任何内容" in report.to_html(lang="zh")
    assert fincheck.check(words, letter).ok  # a warning about the input, not a failing check


def test_a_text_with_a_claim_is_not_warned(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("支出合计 100 万元，其中基本支出 60 万元，项目支出 40 万元。\n", encoding="utf-8")
    report = fincheck.check(text)
    assert len(report.checks) and report.sources[0].warning is None


FIGURES_ONLY = (
    "办公所需成本 15 万元 维修所需成本 35 万元 绿化成本 14.8 万元 公用经费 64.8 万元 设备费 3.2 万元 印刷费 2.1 万元\n"
)


@pytest.mark.parametrize(
    ("lang", "notice", "summary"),
    [
        ("zh", "注意：读出 6 个数字，但未识别出可核对的关系", "1 个输入读出数字但未识别出可核对的关系"),
        ("en", "note: 6 figures read, no relation recognised to check", "no relation recognised in 1 input"),
    ],
)
def test_figures_with_no_relation_are_said_apart_from_the_findings(
    tmp_path, lang, notice, summary, capsys, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "figures.txt"
    path.write_text(FIGURES_ONLY, encoding="utf-8")
    assert main([str(path), "--lang", lang]) == 0  # a notice about the input, not a failing check
    out, err = capsys.readouterr()
    assert notice in out and summary in out, out
    assert "W102" in err
    assert "警告：" not in out and "warning:" not in out  # the summary's 0 警告 counts findings
    data = json.loads(fincheck.check(path, lang=lang).to_json())
    assert data["sources"][0]["warning_code"] == "W102"
    assert data["sources"][0]["warning"].startswith(notice.split("：" if lang == "zh" else ": ", 1)[1])


def test_a_selection_without_relation_rules_gives_no_notice(tmp_path):
    path = tmp_path / "figures.txt"
    path.write_text(FIGURES_ONLY, encoding="utf-8")
    assert fincheck.check(path, select=["DOC"]).sources[0].warning is None
