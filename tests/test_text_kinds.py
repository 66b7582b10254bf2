"""Invented sentences per claim kind (tests/text_cases/kinds/KIND.yaml): the check each one
must get — pass, fail, or skip with the reason (ambiguous, base not stated, operands not found).
A written "\\n" in a case's text is a line break."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import fincheck

KINDS = Path(__file__).resolve().parent / "text_cases" / "kinds"
CASES = [
    pytest.param(case, id=f"{path.stem}:{n}")
    for path in sorted(KINDS.glob("*.yaml"))
    for n, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")))
]


def test_every_claim_kind_has_cases():
    kinds = {p.stem for p in KINDS.glob("*.yaml")}
    assert {
        "share",
        "growth",
        "change",
        "execution",
        "difference",
        "breakdown",
        "comparison",
        "count",
        "identity",
    } <= kinds


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    text = case["text"].replace("\\n", "\n")
    checks = fincheck.check_text(text).to_dict()["checks"]
    hits = [c for c in checks if c["rule"] == case["rule"] and abs(c["stated"] - float(case["stated"])) < 1e-9]
    assert hits, f"no {case['rule']} check states {case['stated']}: {[(c['rule'], c['stated']) for c in checks]}"
    statuses = {c["status"] for c in hits}
    assert statuses == {case["status"]}, [c["message"] for c in hits]
    if case.get("note"):
        assert all(case["note"] in c["note"] for c in hits), [c["note"] for c in hits]


def test_a_bracket_of_another_terms_parts_is_no_breakdown():
    text = "全省资产总额5.6万亿元，负债总额1.2万亿元，净资产4.4万亿元（行政单位资产1.1万亿元，事业单位资产4.5万亿元）。"
    checks = fincheck.check_text(text).to_dict()["checks"]
    assert not [c for c in checks if c["status"] == "fail"], [c["message"] for c in checks if c["status"] == "fail"]


def test_figures_after_a_total_that_do_not_fit_it_are_no_breakdown():
    """Without a list word, parts that do not add up to the total are other indicators: nothing fails."""
    text = "本年新登记市场主体8421户，企业2380户（其中小微企业1964户），个体工商户6051户。"
    checks = fincheck.check_text(text).to_dict()["checks"]
    assert not [c for c in checks if c["status"] == "fail"], [c["message"] for c in checks]


def test_a_record_goes_on_only_from_a_sentence_of_one_record():
    """The last part of a 其中 list is no owner: "…其中：甲资产A，乙资产B。负债总额C，净资产D" gives
    乙 no identity (its 净资产 would be B − C); a sentence holding only one record goes on."""
    text = "年末单位资产总额900.00万元，其中：流动资产200.00万元，无形资产100.00万元，固定资产600.00万元。负债总额150.00万元，净资产750.00万元。"
    checks = fincheck.check_text(text).to_dict()["checks"]
    assert not [c for c in checks if c["status"] == "fail"], [c["message"] for c in checks]
    wrong = "全县资产总额900.00万元。负债总额150.00万元。净资产760.00万元。"
    fails = [c for c in fincheck.check_text(wrong).to_dict()["checks"] if c["status"] == "fail"]
    assert [(c["rule"], c["stated"]) for c in fails] == [("TXT001", 760.0)]
