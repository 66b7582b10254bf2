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


def test_every_text_claim_kind_records_its_evidence():
    """Each reader records how it tied its operands: a checked claim of each kind below carries
    evidence (so the gate can judge it), not an empty list that would count as strong."""
    from fincheck.text.checks import make_claims
    from fincheck.text.claims import build_items, classify
    from fincheck.text.mentions import find_mentions
    from fincheck.text.segment import split_sentences

    texts = {
        "TXT010": "会议费预算调整后12.50万元，完成13.20万元。",
        "TXT012": "会议费年初预算为8.00万元，支出决算为7.20万元，决算数小于预算数。",
        "TXT007": "会议费年初预算为8.00万元，支出决算为7.20万元，完成年初预算的90.00%。",
        "TXT002": "本年支出30.00万元，其中办公费10.00万元、印刷费5.00万元。",
    }
    for rule, text in texts.items():
        mentions = find_mentions(text)
        sentences = split_sentences(text)
        st = build_items(text, mentions, sentences, classify(text, mentions, sentences))
        got = [c for c in make_claims(text, mentions, st) if c.rule == rule and c.status != "skip"]
        assert got and all(c.evidence for c in got), rule


def test_the_kind_a_rate_names_and_the_basis_of_a_growth():
    """A rate of 调整预算 read against 年初预算, a 同口径 growth against the printed previous
    figure: skips saying why, in both languages."""
    rate = [c for c in _checks("年初预算100.00万元，全年完成120.00万元，为调整预算的96.00%。") if c["rule"] == "TXT007"]
    assert [c["status"] for c in rate] == ["skip"] and "another kind" in rate[0]["note"]
    zh = [
        c
        for c in _checks("年初预算100.00万元，全年完成120.00万元，为调整预算的96.00%。", "zh")
        if c["rule"] == "TXT007"
    ]
    assert "口径不一致" in zh[0]["message"]
    growth = [c for c in _checks("收入完成500.00万元，比上年400.00万元同口径增长10.00%。") if c["rule"] == "TXT005"]
    assert [c["status"] for c in growth] == ["skip"] and "comparable basis" in growth[0]["note"]
