"""Every example of every rule, run through the real loaders: the catalogue tests itself."""

from __future__ import annotations

import pytest

from fincheck.catalogue import builtin_rules

from .rule_examples import run_example

CASES = [
    pytest.param(rule, example, id=f"{rule.code}_{example.get('name', i)}")
    for rule in builtin_rules()
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule, example, tmp_path):
    _report, problems = run_example(rule, example, tmp_path)
    assert not problems, "\n".join(problems)
