"""Evidence of text readings (rules/text/evidence.yaml, fincheck/text/evidence.py) and the
arbitration that turns a failure on weak evidence into a skip with its reason."""

from __future__ import annotations

import fincheck
from fincheck.text import evidence


def _checks(text: str, lang: str = "en") -> list[dict]:
    return fincheck.check_text(text, lang=lang).to_dict()["checks"]


def test_every_level_has_a_strength_and_both_languages():
    data = evidence.data()
    assert 0 < data["threshold"] <= 4
    for name, level in data["levels"].items():
        assert 0 <= level["strength"] <= 4, name
        assert level["en"] and level["zh"], name
    for name in data["plausible"]:
        assert evidence.strength(name) >= data["threshold"], name
    assert {"proximity", "name-contained", "kind-assumed", "period-assumed", "list-guessed", "other-period"} <= {
        n for n in data["levels"] if evidence.strength(n) < data["threshold"]
    }


def test_weak_pairs_weakest_first():
    ev = [("base", "name-exact"), ("budget", "proximity"), ("parts", "other-period")]
    assert evidence.weak(ev) == [("parts", "other-period"), ("budget", "proximity")]
    assert not evidence.plausible(ev)
    assert evidence.plausible([("base", "name-exact"), ("subject", "sentence")])


def test_weak_note_in_both_languages():
    note = evidence.weak_note("base", "proximity")
    assert note == "weak reading: base chosen by proximity only"
    assert evidence.note_text(note, "zh") == "读取依据不足：基数仅按位置就近选取"
    assert evidence.note_text("ambiguous: a (fails); b (passes)", "zh") == "有多种读法：a（不符）; b（相符）"
    assert evidence.note_text("ambiguous: a (fails); b (passes)", "en") == "ambiguous: a (fails); b (passes)"
    assert evidence.note_text("base not stated", "zh") is None


def test_a_weak_failure_is_a_skip_whose_message_says_why():
    text = "年初预算500.00万元。全年支出450.00万元，完成预算95.00%。"
    (en,) = [c for c in _checks(text) if c["rule"] == "TXT007"]
    assert en["status"] == "skip" and en["note"] == "weak reading: budget chosen by proximity only"
    (zh,) = [c for c in _checks(text, "zh") if c["rule"] == "TXT007"]
    assert "预算数仅按位置就近选取" in zh["message"]


def test_a_weak_reading_that_passes_stays_a_pass():
    text = "年初预算500.00万元。全年支出450.00万元，完成预算90.00%。"
    (c,) = [c for c in _checks(text) if c["rule"] == "TXT007"]
    assert c["status"] == "pass"


def test_the_same_claim_on_strong_evidence_fails():
    text = "年初预算500.00万元，全年支出450.00万元，完成年初预算95.00%。"
    (c,) = [c for c in _checks(text) if c["rule"] == "TXT007"]
    assert c["status"] == "fail"


def test_ambiguous_lists_the_readings():
    text = "上半年一般公共预算支出900.00万元；全年一般公共预算支出1200.00万元，其中农林水支出300.00万元，占一般公共预算支出的33.33%。"
    (c,) = [c for c in _checks(text) if c["rule"] == "TXT003"]
    assert c["status"] == "skip"
    assert c["note"].startswith("ambiguous: ")
    assert "1200.00万元 (fails)" in c["note"] and "900.00万元 (passes)" in c["note"]


def test_a_qualified_name_is_the_same_subject_a_contained_one_is_not():
    from fincheck.text.names import qualified

    assert qualified("财政拨款三公经费", "三公经费")
    assert qualified("三公经费", "部门三公经费支出")
    assert not qualified("三公经费中公务接待费", "三公经费")
    assert not qualified("办公", "办公费")  # too short to name a subject
