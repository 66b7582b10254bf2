"""Forms flattened into text (fincheck/text/forms.py): the examples of rules/text/forms.yaml,
and what the table rules then say about a form read from running text."""

from __future__ import annotations

import pytest

import fincheck
from fincheck.text.forms import find_forms, forms, indicator_columns
from fincheck.text.normalise import translate
from fincheck.text.weights import column_weight_claims

EXAMPLES = [
    pytest.param(form, example, id=f"{form.name}:{n}") for form in forms() for n, example in enumerate(form.examples)
]


def test_every_form_has_examples():
    assert forms() and all(f.examples for f in forms())


@pytest.mark.parametrize(("form", "example"), EXAMPLES)
def test_example(form, example):
    text = translate(example["text"])
    read = [f for f in find_forms(text) if f.form is form]
    got = {label.text.split(":")[-1].split("：")[-1]: [c.text for c in cells] for f in read for label, cells in f.rows}
    assert got == example["rows"]
    for f in read:
        for label, cells in f.rows:
            assert text[label.start : label.end] == label.text
            assert all(text[c.start : c.end] == c.text for c in cells)


def _checks(text):
    return fincheck.check_text(text).to_dict()["checks"]


def test_a_total_left_at_zero_fails_in_every_amount_column():
    text = (
        "附件：项目支出绩效自评表 项目名称 办公设备采购 项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "年度资金总额: 0 0 0 10 0 0 其中:当年财政拨款 40 38.5 38.5 上年结转资金 其他资金 年度总体目标 完成采购。"
    )
    failing = [c for c in _checks(text) if c["status"] == "fail"]
    prf001 = sorted((c["stated"], c["expected"]) for c in failing if c["rule"] == "PRF001")
    assert prf001 == [(0.0, 38.5), (0.0, 38.5), (0.0, 40.0)]
    # the blank 分值/得分 cells of the part rows are no parts of the total's 10 分
    assert not [c for c in failing if c["stated"] == 10], [c["message"] for c in failing]


def test_a_form_that_adds_up_passes_and_its_rate_is_recomputed():
    text = (
        "项目支出绩效自评表\n项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
        "年度资金总额 40 42 40.95 10 97.50% 9.75\n其中：当年财政拨款 40 42 40.95\n上年结转资金\n其他资金\n"
    )
    checks = _checks(text)
    assert not [c for c in checks if c["status"] == "fail"], [c["message"] for c in checks if c["status"] == "fail"]
    rate = [c for c in checks if c["rule"] == "GEN005" and c["stated"] == 97.5]
    assert [c["status"] for c in rate] == ["pass"]
    assert {c["rule"] for c in checks if c["status"] == "pass"} >= {"PRF001", "PRF002", "GEN005"}


def test_a_misaligned_form_is_left_to_the_prose():
    text = "年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 20 24 24 10 100% 10 其中:当年财政拨款 24 24"
    assert not find_forms(text)
    assert not [c for c in _checks(text) if c["rule"].startswith("PRF")]


@pytest.mark.parametrize("example", indicator_columns()["examples"], ids=lambda e: e["text"][:12])
def test_indicator_columns_example(example):
    mentions, claims = column_weight_claims(example["text"], set())
    got = {c.label: [mentions[m].value for m, _k in c.num] for c in claims if not c.status}
    assert got == example["weights"]
