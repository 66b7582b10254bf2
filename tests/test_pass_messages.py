"""No passing check reads as a failure: every rule's examples, run in both languages, give
passing checks whose messages have none of the words of a finding ("not 100%", 应为, 不符 …).

A rule whose ``message`` says what is wrong has a ``passed`` message for the checks that hold."""

from __future__ import annotations

import re

import pytest

import fincheck
from fincheck.catalogue import builtin_rules

from .rule_examples import example_inputs

#: words that say a figure is wrong; "not below 0" and "不应超过" (a rule said in a pass) are not
FAILURE_WORDS = {
    "en": re.compile(
        r", not [-\d]|\bshould\b|\boutside\b|\bbeyond\b|(?<!may not )\bexceeds?\b|\b(?:more|less) than\b"
        r"|\bis (?:above|below)\b|\bdo(?:es)? not\b|\bwrong\b"
    ),
    "zh": re.compile(r"不符|应为|(?<!不应)超过|超出|不等于|(?<!不)低于|(?<!不)高于|应在|有误"),
}


def test_the_failure_words_tell_a_finding_from_a_pass():
    assert FAILURE_WORDS["en"].search("add up to 79.49 + 20.51 = 100.00%, not 100%")
    assert not FAILURE_WORDS["en"].search("设备 (自用) 140.25 is not below 0 (they may not exceed it)")
    assert FAILURE_WORDS["zh"].search("占比之和 100.00%，应为 100%")
    assert not FAILURE_WORDS["zh"].search("列示 140.25，不低于 0（各项之和不应超过总数）")


@pytest.mark.parametrize("rule", [r for r in builtin_rules() if r.examples], ids=lambda r: r.code)
def test_no_passing_check_reads_as_a_failure(rule, tmp_path):
    wrong = []
    for i, example in enumerate(rule.examples):
        folder = tmp_path / str(i)
        folder.mkdir()
        paths = example_inputs(example, folder)
        for lang, words in FAILURE_WORDS.items():
            checks = fincheck.check(*paths, select=[rule.code], lang=lang).checks
            passing = checks.loc[(checks["rule"] == rule.code) & (checks["status"] == "pass"), "message"]
            wrong += [m for m in passing if words.search(m)]
    assert not wrong, "\n".join(wrong)
