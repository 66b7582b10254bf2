"""Invented sentences on which a guess could fail a claim (tests/text_cases/adversarial.yaml):
unfamiliar phrasing must give a pass or a skip with a reason, never a failing check; the
checks a case lists must be there with their status."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import fincheck

FILE = Path(__file__).resolve().parent / "text_cases" / "adversarial.yaml"
CASES = [pytest.param(c, id=f"adversarial:{n}") for n, c in enumerate(yaml.safe_load(FILE.read_text(encoding="utf-8")))]


@pytest.mark.parametrize("case", CASES)
def test_no_false_alarm(case):
    checks = fincheck.check_text(case["text"].replace("\\n", "\n")).to_dict()["checks"]
    failing = [(c["rule"], c["stated"], c["message"]) for c in checks if c["status"] == "fail"]
    assert not failing, case["why"]
    for want in case.get("checks") or []:
        hits = [c for c in checks if c["rule"] == want["rule"] and abs(c["stated"] - float(want["stated"])) < 1e-9]
        assert hits, f"no {want['rule']} check states {want['stated']}: {[(c['rule'], c['stated']) for c in checks]}"
        assert {c["status"] for c in hits} == {want["status"]}, [c["message"] for c in hits]


def test_the_cases_can_fail():
    """The same mechanisms fail a wrong figure: the cases are not passed by checking nothing."""
    wrong = [
        ("2.上级补助收入12.00万元，为上级单位拨付的资金。较2023年度决算数减少3.00万元，下降25.00%。", "TXT005"),
        ("其中：会议费支出3.00万元，年初预算为3.50万元，差值为0.60万元；培训费支出0万元。", "TXT013"),
        ("地方一般公共预算收入完成4,000万元，其中税收收入完成2,600万元，占一般公共预算收入的60.00%。", "TXT003"),
    ]
    for text, rule in wrong:
        checks = fincheck.check_text(text).to_dict()["checks"]
        assert any(c["rule"] == rule and c["status"] == "fail" for c in checks), text
