"""The document checks on the two published PDFs of the corpus (../shared/corpus/pdf).

The blank Shanghai 2024 template: no numeric failure, its residue one finding per kind of
placeholder with its count. The Putuo 2024 report: exactly its real errors (the answer key's
mismatches), now with the 人员经费 item list (R303): 个人农业生产补贴 listed but blank in the
基本支出 table, 奖励金 spent but not listed.
"""

from __future__ import annotations

import re

import pytest

import fincheck

from .corpus import corpus_dir


def _failing(name: str) -> list[dict]:
    path = corpus_dir() / "pdf" / name
    if not path.exists():
        pytest.fail(f"{path} is missing from the corpus")
    report = fincheck.check(path)
    assert not report.errors
    return [c for c in report.to_dict()["checks"] if c["status"] == "fail"]


def test_the_blank_template_gives_its_residue_once_per_kind():
    failing = _failing("shanghai-final-account-template-2024.pdf")
    assert {c["rule"][:3] for c in failing} == {"DOC"}  # no numeric failure
    kinds = [(c["rule"], re.search(r"“(.+?)”", c["message"]).group(1)) for c in failing]
    assert len(kinds) == len(set(kinds))  # one finding per kind
    by = dict(zip(kinds, failing, strict=True))
    assert {("DOC001", "XX"), ("DOC001", "XXX"), ("DOC002", "增加（减少）"), ("DOC005", "（如持平作持平表述）")} <= set(
        by
    )
    count = int(re.search(r"共 (\d+) 处", by[("DOC001", "XXX")]["message"]).group(1))
    assert count > 20 and len(by[("DOC001", "XXX")]["related"]) == count - 1
    assert {c["rule"] for c in failing} <= {"DOC001", "DOC002", "DOC003", "DOC005"}


def test_putuo_gives_exactly_its_real_errors_with_the_item_list():
    failing = _failing("putuo-finance-2024.pdf")
    found = sorted((c["rule"], c["location"]["page"]) for c in failing)
    assert found == [
        ("DOC006", 23),
        ("DOC007", 23),
        ("TXT003", 21),
        ("TXT004", 21),
        ("TXT011", 21),
    ]
    listed = next(c for c in failing if c["rule"] == "DOC006")
    assert listed["location"]["quote"] == "个人农业生产补贴"
    assert listed["related"] == [{"page": 17, "table": 1, "row": 6, "column": 4}]
    left_out = next(c for c in failing if c["rule"] == "DOC007")
    assert "奖励金" in left_out["message"] and left_out["severity"] == "info"
