"""The project's own narrative passages (tests/text_cases): every MISMATCH found, no false alarm.

Each ``NAME.txt`` has ``NAME.answers.yaml`` (the format of ../shared/corpus/dev): claims with a
``stated`` value and a ``verdict`` (ok | MISMATCH | unverifiable). Checks are matched to claims
by the stated number, as ../shared/eval/score_claims.py does; the matching is reimplemented here
so that the test needs nothing outside the project. Coverage counts only the text rules (TXT):
the GEN bound checks (a share within 0–100 %) state every percentage and would cover anything.

Run as a script for a per-file report: ``python tests/test_text_cases.py [-v]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

import fincheck

CASES = Path(__file__).resolve().parent / "text_cases"
#: measured: 75/76 (0.99) of the checkable claims are checked by a TXT rule
MIN_COVERAGE = 0.95


def _number(value) -> float | None:
    if value is None:
        return None
    try:
        return float(str(value).replace(",", "").replace("%", "").strip())
    except ValueError:
        return None


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def score(txt: Path) -> dict:
    key = yaml.safe_load(txt.with_name(txt.stem + ".answers.yaml").read_text(encoding="utf-8"))
    claims = key.get("claims") or []
    checks = fincheck.check(txt).to_dict()["checks"]
    ok = [_number(c["stated"]) for c in claims if c.get("verdict") == "ok"]
    wrong = [c for c in claims if c.get("verdict") == "MISMATCH"]
    required = [c for c in wrong if not c.get("derived")]
    wrong_values = [_number(c["stated"]) for c in wrong]
    checkable = [c for c in claims if c.get("verdict") in ("ok", "MISMATCH")]
    failed = [_number(ch.get("stated")) for ch in checks if ch.get("status") == "fail"]
    stated_txt = [
        _number(ch.get("stated"))
        for ch in checks
        if ch.get("status") in ("pass", "fail") and str(ch.get("rule", "")).startswith("TXT")
    ]
    return {
        "file": txt.name,
        "claims": len(checkable),
        "covered": [c for c in checkable if any(_same(_number(c["stated"]), s) for s in stated_txt)],
        "uncovered": [c for c in checkable if not any(_same(_number(c["stated"]), s) for s in stated_txt)],
        "mismatches": required,
        "missed": [c for c in required if not any(_same(_number(c["stated"]), v) for v in failed)],
        "false_alarms": [
            v for v in failed if any(_same(v, o) for o in ok) and not any(_same(v, b) for b in wrong_values)
        ],
        "unexplained": [v for v in failed if not any(_same(v, _number(c["stated"])) for c in checkable)],
    }


def _files() -> list[Path]:
    return sorted(p for p in CASES.glob("*.txt"))


@pytest.fixture(scope="module")
def scores() -> list[dict]:
    return [score(p) for p in _files()]


def test_every_case_has_an_answer_key():
    assert _files(), "no cases in tests/text_cases"
    for p in _files():
        assert p.with_name(p.stem + ".answers.yaml").exists(), p.name


def test_no_false_alarms(scores):
    assert {s["file"]: s["false_alarms"] for s in scores if s["false_alarms"]} == {}


def test_no_alarm_outside_the_answer_keys(scores):
    assert {s["file"]: s["unexplained"] for s in scores if s["unexplained"]} == {}


def test_every_mismatch_is_found(scores):
    assert {s["file"]: [c["text"] for c in s["missed"]] for s in scores if s["missed"]} == {}


def test_coverage(scores):
    claims = sum(s["claims"] for s in scores)
    covered = sum(len(s["covered"]) for s in scores)
    assert covered / claims >= MIN_COVERAGE, [c["text"] for s in scores for c in s["uncovered"]]


if __name__ == "__main__":  # pragma: no cover - a diagnostic report
    verbose = "-v" in sys.argv
    totals = dict.fromkeys(("claims", "covered", "mismatches", "missed", "false_alarms", "unexplained"), 0)
    for p in _files():
        s = score(p)
        for k in totals:
            totals[k] += s[k] if isinstance(s[k], int) else len(s[k])
        print(
            f"{s['file']:<28} claims {s['claims']:>3} covered {len(s['covered']):>3} "
            f"mism {len(s['mismatches'])} missed {len(s['missed'])} false {len(s['false_alarms'])} "
            f"unexpl {len(s['unexplained'])}"
        )
        if verbose:
            for c in s["uncovered"]:
                print(f"    not checked: {c['text']}")
            for c in s["missed"]:
                print(f"    missed: {c['text']}")
            for v in s["false_alarms"] + s["unexplained"]:
                print(f"    alarm: {v}")
    print(totals)
