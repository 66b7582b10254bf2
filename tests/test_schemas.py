"""Each pandera schema of the pipeline rejects frames that break it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

import fincheck
from fincheck.grid import make_cells
from fincheck.schemas import CELLS, CHECKS, FACTS, TABLES

from .helpers import EXAMPLE

SCHEMA_ERRORS = (pa.errors.SchemaError, pa.errors.SchemaErrors)


@pytest.fixture(scope="module")
def report():
    return fincheck.check(EXAMPLE)


def test_valid_frames_pass(report):
    FACTS.validate(report.facts)
    CHECKS.validate(report.checks)
    TABLES.validate(report.tables)
    CELLS.validate(make_cells([(1, 1, "项目", np.nan, -1, False, False), (2, 2, "1.00", 1.0, 2, False, False)]))


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
    with pytest.raises(SCHEMA_ERRORS):
        FACTS.validate(bad)


def test_facts_schema_rejects_duplicate_cells(report):
    bad = pd.concat([report.facts, report.facts.head(1)], ignore_index=True)
    with pytest.raises(SCHEMA_ERRORS):
        FACTS.validate(bad)


def test_facts_schema_rejects_extra_columns(report):
    with pytest.raises(SCHEMA_ERRORS):
        FACTS.validate(report.facts.assign(extra=1))


@pytest.mark.parametrize(
    ("column", "value"),
    [("rule", "gen001"), ("severity", "fatal"), ("status", "ok"), ("stated", "2.52")],
)
def test_checks_schema_rejects(report, column, value):
    bad = report.checks.copy()
    bad[column] = value
    with pytest.raises(SCHEMA_ERRORS):
        CHECKS.validate(bad)


def test_checks_schema_rejects_reordered_columns(report):
    with pytest.raises(SCHEMA_ERRORS):
        CHECKS.validate(report.checks[list(reversed(report.checks.columns))])


def test_tables_schema_rejects_negative_rows(report):
    with pytest.raises(SCHEMA_ERRORS):
        TABLES.validate(report.tables.assign(rows=-1))


def test_cells_schema_rejects_bad_cells():
    cells = make_cells([(1, 1, "x", np.nan, -1, False, False)])
    with pytest.raises(SCHEMA_ERRORS):
        CELLS.validate(cells.assign(cell="a1"))
    with pytest.raises(SCHEMA_ERRORS):
        CELLS.validate(cells.assign(row=0))
