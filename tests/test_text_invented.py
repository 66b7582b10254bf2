"""The invented corpus of the genres the project was not built on (tests/text_cases/invented):
部门决算说明 sections, 三公经费, budget execution and monthly reports, tables in text.

Every passage is correct to its printed rounding, so no check of it may fail. ``key.yaml``
lists, per passage, the relations a reader of it would check (kind and stated figure) and the
injected errors: edits of the correct text that put one figure wrong beyond its rounding;
each one the checker finds must fail (the ones it misses are listed under ``missed`` with the
reason). Run as a script for a per-passage report: ``python tests/test_text_invented.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

import fincheck

HERE = Path(__file__).resolve().parent / "text_cases" / "invented"
#: plausibility bounds (a rate is not negative …) state every figure and recompute none
BOUNDS = ("GEN008", "GEN009", "GEN010")
KEY = yaml.safe_load((HERE / "key.yaml").read_text(encoding="utf-8"))


def _checks(text: str) -> list[dict]:
    return fincheck.check_text(text).to_dict()["checks"]


def _close(a, b) -> bool:
    return a is not None and abs(float(a) - float(b)) < 1e-9 * max(1.0, abs(float(b)))


def test_every_passage_has_a_key():
    names = {p.stem for p in HERE.glob("*.txt")}
    assert len(names) >= 16
    assert names == set(KEY["passages"])
    for name in names:
        n = len((HERE / f"{name}.txt").read_text(encoding="utf-8"))
        assert 300 <= n <= 1500, (name, n)


@pytest.mark.parametrize("name", sorted(KEY["passages"]))
def test_a_correct_passage_raises_no_failure(name):
    checks = _checks((HERE / f"{name}.txt").read_text(encoding="utf-8"))
    fails = [c["message"] for c in checks if c["status"] == "fail"]
    known = KEY["passages"][name].get("known_false_alarm")
    if known and fails:
        pytest.xfail(known)
    assert fails == []


INJECTED = [
    pytest.param(name, e, id=f"{name}:{e['find']}->{e['replace']}")
    for name, p in sorted(KEY["passages"].items())
    for e in p.get("errors") or []
    if not e.get("missed")
]


@pytest.mark.parametrize(("name", "edit"), INJECTED)
def test_an_injected_error_fails(name, edit):
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    assert text.count(edit["find"]) == 1, edit["find"]
    checks = _checks(text.replace(edit["find"], edit["replace"]))
    failed = [c for c in checks if c["status"] == "fail"]
    assert failed, [(c["rule"], c["stated"], c["status"], c["note"]) for c in checks if c["rule"].startswith("TXT")]
    if "stated" in edit:
        assert any(_close(c["stated"], edit["stated"]) for c in failed), [(c["rule"], c["stated"]) for c in failed]


def test_a_missed_error_is_still_missed_and_has_its_reason():
    """Misses are listed honestly: an entry marked missed that is now found should lose the mark."""
    for name, p in KEY["passages"].items():
        text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
        for e in p.get("errors") or []:
            if e.get("missed"):
                assert e.get("why"), (name, e)
                checks = _checks(text.replace(e["find"], e["replace"]))
                failed = [c for c in checks if c["status"] == "fail"]
                if "stated" in e:
                    failed = [c for c in failed if _close(c["stated"], e["stated"])]
                assert not failed, (name, e["find"], "now found")


def test_revenue_above_its_budget_is_no_overspending():
    text = "全区一般公共预算收入调整预算为85.00亿元，实际完成86.42亿元，为调整预算的101.67%。"
    assert not [c for c in _checks(text) if c["rule"] == "TXT010"]
    spent = "全区一般公共预算支出调整预算为85.00亿元，实际完成86.42亿元，为调整预算的101.67%。"
    assert [c["status"] for c in _checks(spent) if c["rule"] == "TXT010"] == ["fail"]


if __name__ == "__main__":  # pragma: no cover - a diagnostic report
    for name, p in sorted(KEY["passages"].items()):
        text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
        checks = _checks(text)
        txt = [c for c in checks if c["rule"] not in BOUNDS and c["status"] in ("pass", "fail")]
        claims = p.get("claims") or []
        covered = [c for c in claims if any(_close(t["stated"], c["stated"]) for t in txt)]
        fails = [c for c in checks if c["status"] == "fail"]
        errors = p.get("errors") or []
        found = 0
        for e in errors:
            found += any(c["status"] == "fail" for c in _checks(text.replace(e["find"], e["replace"])))
        print(
            f"{name:<24} claims {len(claims):>3} checked {len(covered):>3} fails {len(fails)} errors {found}/{len(errors)}"
        )
        if "-v" in sys.argv:
            for c in claims:
                if c not in covered:
                    print(f"    not checked: {c['kind']} {c['stated']} {c.get('text', '')}")
            for c in fails:
                print(f"    FAIL: {c['rule']} {c['message']}")


def test_a_rate_column_is_of_the_budget_its_header_names():
    """The same table with a Markdown separator (read by the table recognisers) and without
    (read as a flattened table in text): "完成调整预算%" is of the 调整预算 column, and a 合计 row
    after its parts is their total; a rate one point off fails."""
    text = (HERE / "tb13_table.txt").read_text(encoding="utf-8")
    markdown = text.replace("| 一般公共服务支出 |", "|---|---|---|---|---|\n| 一般公共服务支出 |", 1)
    initial = (
        markdown.replace("完成调整预算%", "完成年初预算%")
        .replace("| 98.4 |", "| 103.9 |")
        .replace("| 98.3 |", "| 101.8 |")
        .replace("| 99.2 |", "| 102.7 |")
        .replace("| 101.0 |", "| 104.8 |")
        .replace("| 99.4 |", "| 103.4 |")
    )
    for t in (text, markdown, initial):
        checks = _checks(t)
        assert not [c["message"] for c in checks if c["status"] == "fail"]
        assert {c["rule"] for c in checks if c["status"] == "pass"} >= {"GEN001", "GEN005"}
    for t in (text, markdown):
        wrong = _checks(t.replace("| 12,986 | 98.4 |", "| 12,986 | 97.4 |"))
        assert [c["stated"] for c in wrong if c["status"] == "fail"] == [97.4]


def test_excluding_opens_no_list():
    text = "国内公务接待68批次，545人次（不包括陪同人员）；外事接待支出0万元，外事接待0批次，0人次。"
    assert not [c for c in _checks(text) if c["rule"] == "TXT001"]


def test_a_budget_total_takes_no_final_account_parts():
    """A budget total "年初预算A，其中：X决算数B、Y决算数C": its parts of another kind are not the
    budget's breakdown (no TXT002; the 决算 exceeding it is no failure)."""
    text = "一般公共预算财政拨款支出年初预算为100.00万元，其中：行政运行决算数为80.00万元，一般行政管理事务决算数为30.00万元。"
    assert not [c for c in _checks(text) if c["rule"] in ("TXT001", "TXT002")]
