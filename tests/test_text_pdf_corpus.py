"""The narrative of a published PDF report against its answer key (../shared/corpus/pdf).

The narrative mismatches of the key must be found (by stated value and page), and no failing
check may state a value that the key gives only ok / rounding verdicts for.
"""

from __future__ import annotations

import pytest
import yaml

import fincheck

from .corpus import corpus_dir

NAME = "putuo-finance-2024"
#: the key's narrative mismatches: id → (stated, page of the narrative)
NARRATIVE_MISMATCHES = {"R247": (0.3, 21), "R253": (71.73, 21), "R260": (100.0, 21)}


@pytest.fixture(scope="module")
def putuo():
    folder = corpus_dir() / "pdf"
    pdf, key = folder / f"{NAME}.pdf", folder / f"{NAME}.answers.yaml"
    if not pdf.exists() or not key.exists():
        pytest.fail(f"{pdf} or its answer key is missing from the corpus")
    answers = yaml.safe_load(key.read_text(encoding="utf-8"))
    report = fincheck.check(pdf)
    return answers, report.to_dict()["checks"]


def _number(value) -> float | None:
    try:
        return float(str(value).replace(",", "").replace("%", "").strip())
    except (TypeError, ValueError):
        return None


def test_narrative_mismatches_are_found(putuo):
    answers, checks = putuo
    by_id = {r["id"]: r for r in answers["relations"]}
    failing = [c for c in checks if c["status"] == "fail" and c["rule"].startswith("TXT")]
    for rid, (stated, page) in NARRATIVE_MISMATCHES.items():
        assert by_id[rid]["verdict"] == "MISMATCH"
        assert _number(by_id[rid]["stated"]) == stated
        hits = [c for c in failing if abs(c["stated"] - stated) < 1e-9 and c["location"].get("page") == page]
        assert hits, f"{rid}: no failing text check states {stated} on page {page}"


def test_no_failing_check_on_a_figure_the_key_finds_correct(putuo):
    answers, checks = putuo
    verdicts: dict[float, set[str]] = {}
    for r in answers["relations"]:
        value = _number(r.get("stated"))
        if value is not None:
            verdicts.setdefault(value, set()).add(r["verdict"])
        for cell in r.get("cells") or []:
            if str(cell).startswith("narrative = "):
                v = _number(str(cell).split("=", 1)[1])
                if v is not None:
                    verdicts.setdefault(v, set()).add(r["verdict"])
    only_ok = {v for v, vs in verdicts.items() if vs <= {"ok", "rounding"}}
    false_alarms = [
        (c["rule"], c["stated"], c["location"]) for c in checks if c["status"] == "fail" and c["stated"] in only_ok
    ]
    assert not false_alarms
