"""A 三公经费 table flattened into one stream, read by its row names (fincheck/text/control_rows.py)."""

from __future__ import annotations

import pytest

import fincheck
from fincheck.text.control_rows import control_claims
from fincheck.text.forms import control_table_words

EXAMPLES = control_table_words()["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["text"][:12])
def test_example(example):
    mentions, claims = control_claims(example["text"])
    got = {
        c.label.replace("（", "/").rstrip("）"): [mentions[m].value * k for m, k in c.num]
        for c in claims
        if not c.status
    }
    assert got == example["sums"]


HEAD = "单位：万元 经费控制情况 2022年决算数 2023年预算数 2023年决算数 "
TABLE = (
    HEAD + "三公经费 18.40 30.00 25.50 1、公务用车购置及运行维护费 10.40 20.00 17.30 "
    "其中:公务用车购置 12.00 12.00 公务用车运行维护费 10.40 8.00 5.30 2、因公出国(境)费 "
    "3、公务接待费 8.00 10.00 8.20 项目支出:"
)


def _txt001(text: str) -> list[dict]:
    return [c for c in fincheck.check_text(text).to_dict()["checks"] if c["rule"] == "TXT001"]


def test_the_total_and_the_breakdown_whose_blank_cell_was_dropped_pass():
    checks = _txt001(TABLE)
    assert {c["stated"] for c in checks if c["status"] == "pass"} >= {18.4, 30.0, 25.5, 20.0, 17.3}
    assert not [c for c in checks if c["status"] == "fail"]


def test_a_wrong_item_fails_the_total_in_its_column():
    full = TABLE.replace("2、因公出国(境)费 3、", "2、因公出国(境)费 0.00 0.00 0.00 3、")
    assert not [c for c in _txt001(full) if c["status"] == "fail"]
    checks = _txt001(full.replace("3、公务接待费 8.00 10.00 8.20", "3、公务接待费 8.00 10.00 9.20"))
    assert [c["stated"] for c in checks if c["status"] == "fail"] == [25.5]


def test_a_breakdown_that_does_not_fit_is_not_read():
    checks = _txt001(TABLE.replace("公务用车运行维护费 10.40 8.00 5.30", "公务用车运行维护费 10.40 8.00 6.30"))
    assert not {20.0, 17.3} & {c["stated"] for c in checks if c["status"] in ("pass", "fail")}


def test_an_item_printing_fewer_figures_than_columns_leaves_the_total_a_skip():
    text = HEAD + "三公经费 18.40 30.00 25.50 1、公务用车购置及运行维护费 10.40 20.00 2、公务接待费 8.00 10.00 8.20"
    checks = _txt001(text)
    assert not [c for c in checks if c["status"] == "fail"]
    assert any(c["status"] == "skip" for c in checks)


def test_a_blank_item_row_that_does_not_fit_is_a_skip_not_a_failure():
    # a row printing no figure may be blank or have lost its figures elsewhere in the stream
    text = (
        HEAD
        + "三公经费 20.40 30.00 25.50 1、公务用车运行维护费 10.40 20.00 17.30 2、因公出国(境)费 3、公务接待费 8.00 10.00 8.20"
    )
    checks = _txt001(text)
    assert not [c for c in checks if c["status"] == "fail"]
