"""The binder → engine contract: constructors build complete typed frames, and the engine
names the rule whose frames break it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import fincheck
from fincheck.catalogue import parse_rule
from fincheck.contract import (
    INSTANCE_COLUMNS,
    INSTANCE_OPTIONAL,
    INSTANCES,
    LINKS,
    Bound,
    ContractError,
    make_instances,
    make_links,
    stack_bound,
)
from fincheck.engine import run_rules
from fincheck.kinds import _BINDERS, PARAMS, binder

TABLE = "项目,金额\n资产,3973.46\n  流动资产,3877.96\n  固定资产净值,95.49\n"


def test_make_instances_fills_only_the_documented_defaults():
    inst = make_instances("GEN001", report="r.csv", stated_fact=[3, 5])
    assert list(inst.columns) == INSTANCE_COLUMNS
    INSTANCES.validate(inst)
    assert list(inst["check"]) == [0, 1]
    assert list(inst["anchor"]) == [3, 5]  # located at the stated figure
    for name, (_dtype, default) in INSTANCE_OPTIONAL.items():
        if name != "anchor":
            got = inst[name].iloc[0]
            assert got == default or (pd.isna(got) and pd.isna(default)), name


def test_make_instances_refuses_missing_and_unknown_columns():
    with pytest.raises(ContractError, match="rule GEN001: missing instance columns stated_fact"):
        make_instances("GEN001", report="r.csv", label=["a"])
    with pytest.raises(ContractError, match="rule GEN001: unknown instance columns colour"):
        make_instances("GEN001", report="r.csv", stated_fact=[1], colour="red")
    with pytest.raises(ContractError, match="rule GEN001: instance column 'label'"):
        make_instances("GEN001", report="r.csv", stated_fact=[1, 2], label=["only one"])


def test_make_links_types_its_columns():
    links = make_links(np.array([0, 0]), [4, 5], "num", [1, -1])
    LINKS.validate(links)
    assert links["coef"].tolist() == [1.0, -1.0]


def test_stack_bound_rebases_fact_ids_once():
    facts = pd.DataFrame({"x": [1, 2, 3]})
    inst = make_instances(["TXT001"], report="t", stated_fact=[2], anchor=[-1])
    links = make_links([0], [1])
    frames, parts = stack_bound([Bound(facts, inst, links), (facts, inst, links)], start=10)
    assert [len(f) for f in frames] == [3, 3]
    assert parts[0].instances["stated_fact"].tolist() == [12]
    assert parts[1].instances["stated_fact"].tolist() == [15]
    assert parts[1].links["fact"].tolist() == [14]


@pytest.fixture
def bad_binder():
    made = []

    def register(name, fn):
        binder(name, {"sum"})(fn)
        made.append(name)
        return parse_rule(
            {
                "code": "USR901",
                "name": "bad-frame",
                "kind": "sum",
                "title": "t",
                "message": "m",
                "params": {"bind": name},
            },
            "inline.yaml",
            user=True,
        )

    yield register
    for name in made:
        _BINDERS.pop(name, None)
        PARAMS.pop(name, None)


@pytest.mark.parametrize(
    ("frames", "message"),
    [
        (
            lambda f: (pd.DataFrame({"check": [0], "stated_fact": [0]}), make_links([], [])),
            "not built by make_instances",
        ),
        (lambda f: (make_instances("USR901", report="r", stated_fact=[len(f) + 5]), make_links([], [])), "past the"),
        (
            lambda f: (make_instances("USR901", report="r", stated_fact=[0]), make_links([7], [0])),
            "not in the instances",
        ),
        (lambda f: (make_instances("USR901", report="r", stated_fact=[0], op="≈"), make_links([], [])), "op"),
        (lambda f: (make_instances("GEN001", report="r", stated_fact=[0]), make_links([], [])), "another rule"),
    ],
)
def test_a_bad_frame_is_an_error_naming_the_rule(tmp_path, bad_binder, frames, message):
    rule = bad_binder("test-bad-frame", lambda rule, facts, ctx: frames(facts))
    path = tmp_path / "h.csv"
    path.write_text(TABLE, encoding="utf-8")
    report = fincheck.check(path, rules=[rule])
    crash = report.checks[report.checks["rule"] == "USR901"]
    assert len(crash) == 1, report.checks
    assert crash.iloc[0]["note"] == "rule crashed"
    assert "USR901" in crash.iloc[0]["message"] and message in crash.iloc[0]["message"]
    assert (report.checks["rule"] != "USR901").any()  # the other rules still ran


def test_a_bad_prebound_frame_raises(tmp_path):
    report = fincheck.check_text("本年支出 860.00 万元，包括基本支出 600.00 万元、项目支出 250.00 万元。")
    facts = pd.DataFrame(report.facts)
    inst = make_instances(["TXT001"], report="t", stated_fact=[len(facts) + 1])
    with pytest.raises(ContractError, match="pre-bound checks of TXT001"):
        run_rules(list(report.rules), facts, prebound=[(inst, make_links([], []))])
