"""Each pandera schema of the pipeline rejects frames that break it, and the cheap pass of its
spec (``FrameSpec.conforms``) accepts what the pipeline builds and rejects every broken frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

import fincheck
from fincheck.contract import INSTANCES, LINKS, make_instances, make_links
from fincheck.grid import make_cells
from fincheck.schemas import CELLS, CHECKS, FACTS, TABLES

from .helpers import EXAMPLE

SCHEMA_ERRORS = (pa.errors.SchemaError, pa.errors.SchemaErrors)


def rejected(spec, frame):
    """``frame`` fails the cheap pass and the pandera schema alike (pandera's error raised)."""
    assert not spec.conforms(frame)
    with pytest.raises(SCHEMA_ERRORS):
        spec.schema.validate(frame)
    with pytest.raises(SCHEMA_ERRORS):
        spec.validate(frame)


@pytest.fixture(scope="module")
def report():
    return fincheck.check(EXAMPLE)


def test_valid_frames_pass(report):
    cells = make_cells([(1, 1, "项目", np.nan, -1, False, False), (2, 2, "1.00", 1.0, 2, False, False)])
    inst = make_instances("GEN001", report="r.csv", stated_fact=[3, -1], stated_value=[np.nan, 1.0])
    links = make_links(np.array([0, 0]), [4, 5], "num", [1, -1])
    for spec, frame in [
        (FACTS, report.facts),
        (CHECKS, report.checks),
        (TABLES, report.tables),
        (CELLS, cells),
        (INSTANCES, inst),
        (LINKS, links),
    ]:
        assert spec.conforms(frame), spec.name  # the pipeline's own frames never need pandera
        spec.schema.validate(frame)
        assert spec.validate(frame) is frame


def test_the_cheap_pass_defers_to_pandera_on_a_dtype_it_does_not_build(report):
    """A text column of Python objects is not what the pipeline builds, but pandera accepts it."""
    facts = report.facts.astype({"label": object})
    assert not FACTS.conforms(facts)
    assert FACTS.validate(facts) is not None


def test_instances_and_links_schemas_reject():
    inst = make_instances("GEN001", report="r.csv", stated_fact=[3, 5])
    rejected(INSTANCES, inst.assign(op="lt"))
    rejected(INSTANCES, inst.assign(check=0))
    rejected(INSTANCES, inst.assign(stated_fact=-1))  # neither a stated fact nor a value
    rejected(INSTANCES, inst.assign(rule="gen001"))
    links = make_links(np.array([0, 0]), [4, 5], "num", [1, -1])
    rejected(LINKS, links.assign(fact=-2))
    rejected(LINKS, links.assign(role="x"))


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("role", "money"),
        ("decimals", -5),
        ("scale", 0.0),
        ("location", "资产!C9"),
        ("row", "x"),
    ],
)
def test_facts_schema_rejects(report, column, value):
    bad = report.facts.copy()
    bad[column] = value
    rejected(FACTS, bad)


def test_facts_schema_rejects_duplicate_cells(report):
    bad = pd.concat([report.facts, report.facts.head(1)], ignore_index=True)
    rejected(FACTS, bad)


def test_facts_schema_rejects_extra_columns(report):
    rejected(FACTS, report.facts.assign(extra=1))


@pytest.mark.parametrize(
    ("column", "value"),
    [("rule", "gen001"), ("severity", "fatal"), ("status", "ok"), ("stated", "2.52")],
)
def test_checks_schema_rejects(report, column, value):
    bad = report.checks.copy()
    bad[column] = value
    rejected(CHECKS, bad)


def test_checks_schema_rejects_reordered_columns(report):
    rejected(CHECKS, report.checks[list(reversed(report.checks.columns))])


def test_tables_schema_rejects_negative_rows(report):
    rejected(TABLES, report.tables.assign(rows=-1))


def test_cells_schema_rejects_bad_cells():
    cells = make_cells([(1, 1, "x", np.nan, -1, False, False)])
    rejected(CELLS, cells.assign(cell="a1"))
    rejected(CELLS, cells.assign(row=0))
