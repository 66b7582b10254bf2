"""A panel checked in partitions of reports gives exactly the checks of one run over all its
facts (same rows, order and messages), pre-bound text checks included; a rule that crashes is
reported once, and one that crashes in one partition only gives no checks in any."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import fincheck.partitions
from fincheck.catalogue import parse_rule
from fincheck.contract import make_instances, make_links, stack_bound
from fincheck.engine import run_rules
from fincheck.kinds import bind
from fincheck.kinds.registry import _BINDERS, PARAMS, binder
from fincheck.partitions import partition_facts
from fincheck.pipeline import evaluate, read_source, resolve_rules

from .putuo import write_workbook

EXAMPLE = Path(__file__).parents[1] / "examples" / "zhengding-2021.xlsx"
TEXT = "2024年度收入总计 1811.04 万元。本年收入合计 1700.00 万元，比上年增加 100.00 万元，增长 6.25%。一般公共服务支出 16.19 万元。\n"


@pytest.fixture(scope="module")
def panel(tmp_path_factory):
    """Reports in an order that is not their names' order: two nine-table workbooks (one with a
    changed figure), a text of the same report as one of them, the README example, a text alone."""
    root = tmp_path_factory.mktemp("panel")
    write_workbook(root / "z2.xlsx", {"split_codes": True})
    write_workbook(root / "z1.xlsx", changes={("t2", "2010602", "本年收入合计"): "16.19"})
    (root / "z1.txt").write_text(TEXT, encoding="utf-8")
    shutil.copy(EXAMPLE, root / "m.xlsx")
    (root / "a.txt").write_text(
        "收入 100 万元，支出 120 万元，其中基本支出 70 万元，项目支出 40 万元。", encoding="utf-8"
    )
    read = [read_source(root / name) for name in ("z2.xlsx", "z1.txt", "m.xlsx", "z1.xlsx", "a.txt")]
    assert not [s.error for s, _ in read if s.error]
    return [s for s, _ in read], [loaded for _, loaded in read]


def _facts_and_bound(parts):
    """The panel's facts and pre-bound frames, stacked as :func:`evaluate` stacks them."""
    frames, bound, offset = [], [], 0
    for loaded in parts:
        for f in loaded.facts:
            frames.append(f.reset_index(drop=True))
            offset += len(f)
        bfacts, rebased = stack_bound(loaded.bound, offset)
        frames.extend(bfacts)
        bound.extend((b.instances, b.links) for b in rebased)
        offset += sum(len(f) for f in bfacts)
    return pd.concat(frames, ignore_index=True), bound


def test_partitions_keep_the_files_of_one_report_together(panel):
    facts, _ = _facts_and_bound(panel[1])
    parts = partition_facts(facts, 1)
    assert len(parts.members) == 4  # z1.txt goes with z1.xlsx, though the two are apart
    assert parts.by_report[str(panel[0][1].path)] == parts.by_report[str(panel[0][3].path)]
    assert sorted(i for m in parts.members for i in m) == list(range(len(facts)))
    assert partition_facts(facts, len(facts)) is None
    assert partition_facts(facts, 0) is None


@pytest.mark.parametrize("size", [1, 600])
def test_partitioned_engine_gives_the_checks_of_one_run(panel, size):
    rules = resolve_rules()
    facts, bound = _facts_and_bound(panel[1])
    assert sum(len(inst) for inst, _ in bound) > 0  # the text's pre-bound checks are in it
    assert len(partition_facts(facts, size).members) > 1
    one = run_rules(rules, facts, prebound=bound, partition=0)
    assert (one["status"] == "fail").any() and one["source"].nunique() == 5
    pd.testing.assert_frame_equal(one, run_rules(rules, facts, prebound=bound, partition=size))


def test_evaluate_in_partitions_equals_one_run(panel, monkeypatch):
    rules = resolve_rules()
    monkeypatch.setattr(fincheck.partitions, "PARTITION_FACTS", 0)
    one = evaluate(*panel, rules, None)
    monkeypatch.setattr(fincheck.partitions, "PARTITION_FACTS", 50)
    pd.testing.assert_frame_equal(one.checks, evaluate(*panel, rules, None).checks)


@pytest.fixture
def crashing_rules(panel):
    facts, _ = _facts_and_bound(panel[1])
    others = facts[~facts["report"].str.endswith("m.xlsx")].reset_index(drop=True)
    # a rule with checks on the reports other than the README example
    base = next(r for r in resolve_rules() if r.params.get("bind") == "formula" and len(run_rules([r], others)))

    @binder("test-partition-boom", {"sum"})
    def boom(rule, facts, context):
        raise ZeroDivisionError("boom")

    @binder("test-partition-sometimes", {"sum"})
    def sometimes(rule, facts, context):  # crashes on the README example's facts only
        if facts["report"].str.endswith("m.xlsx").any():
            raise ZeroDivisionError("boom")
        inst, links = bind(base, facts, context)
        if inst is None:
            return None, None
        return inst.assign(rule=pd.array([rule.code] * len(inst), dtype="str")), links

    def user(code: str, bind_with: str):
        raw = {"code": code, "name": code.lower(), "severity": "error", "kind": "sum", "title": "t", "message": "m"}
        return parse_rule({**raw, "params": {"bind": bind_with}}, "inline.yaml", user=True)

    try:
        yield [user("USR901", "test-partition-sometimes"), user("USR900", "test-partition-boom")]
    finally:
        for name in ("test-partition-boom", "test-partition-sometimes"):
            _BINDERS.pop(name, None)
            PARAMS.pop(name, None)


def test_a_crashing_rule_is_reported_once(panel, crashing_rules):
    rules = [*resolve_rules(), *crashing_rules]
    facts, bound = _facts_and_bound(panel[1])
    one = run_rules(rules, facts, prebound=bound, partition=0)
    many = run_rules(rules, facts, prebound=bound, partition=1)
    pd.testing.assert_frame_equal(one, many)
    crashed = many[many["note"] == "rule crashed"]
    assert list(crashed["rule"]) == ["USR901", "USR900"]
    assert crashed["message"].str.contains("ZeroDivisionError: boom").all()
    # the rule that crashed in one partition gives no checks in the others, though it would there
    assert (many["rule"] == "USR901").sum() == 1


def test_the_same_constant_check_of_two_reports_is_kept_for_each(panel):
    """A relation with no facts (a skipped constant check) in two reports is two checks, in one
    run as in partitions: repeated relations are dropped within a report only."""
    rules = resolve_rules()
    facts, _ = _facts_and_bound(panel[1])
    reports = [str(panel[0][0].path), str(panel[0][2].path)]
    inst = make_instances(
        rules[0].code, report=reports, table="", stated_fact=-1, stated_value=1.0, status="skip", note="zero base"
    )
    bound = [(inst, make_links([], []))]
    one = run_rules(rules, facts, prebound=bound, partition=0)
    assert ((one["note"] == "zero base") & one["source"].isin(reports)).sum() == 2
    pd.testing.assert_frame_equal(one, run_rules(rules, facts, prebound=bound, partition=1))
