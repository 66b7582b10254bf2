"""The Dask engine gives exactly the pandas engine's panel (skipped without the dask extra)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import fincheck

distributed = pytest.importorskip("distributed")

EXAMPLE = Path(__file__).parents[1] / "examples" / "zhengding-2021.xlsx"


def test_dask_on_a_local_cluster_equals_the_pandas_engine(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "a.xlsx")
    (tmp_path / "b").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "b" / "2021.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    expected = fincheck.check_many([tmp_path])
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        got = fincheck.check_many([tmp_path], engine="dask", client=client)
    pd.testing.assert_frame_equal(got.checks, expected.checks)
    pd.testing.assert_frame_equal(got.facts, expected.facts)
    pd.testing.assert_frame_equal(got.tables, expected.tables)
    assert [s.as_dict() for s in got.sources] == [s.as_dict() for s in expected.sources]
    assert got.lang == expected.lang


def test_dask_without_a_client_uses_the_default_scheduler(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "a.xlsx")
    got = fincheck.check_many(tmp_path / "a.xlsx", engine="dask")
    pd.testing.assert_frame_equal(got.checks, fincheck.check_many(tmp_path / "a.xlsx").checks)
