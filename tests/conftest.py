"""Test-suite options.

FINCHECK_COMPARE_READERS=1: every .xlsx any test reads through fincheck.sources (in this
process) is also read by the openpyxl reference reader, and the two readings must be the same
grids (see tests/test_fast_reader.py). Off by default: it doubles the cost of reading.
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _compare_xlsx_readers(monkeypatch):
    if os.environ.get("FINCHECK_COMPARE_READERS"):
        from fincheck.sources import xlsx

        from .reader_compare import assert_same

        fast = xlsx.read_xlsx

        def compared(path):
            assert_same(path)
            return fast(path)

        monkeypatch.setattr(xlsx, "read_xlsx", compared)
    yield
