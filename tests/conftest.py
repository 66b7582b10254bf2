"""Test-suite options, and the session check that the inputs the tests read are unchanged.

FINCHECK_COMPARE_READERS=1: every .xlsx any test reads through fincheck.sources (in this
process) is also read by the openpyxl reference reader, and the two readings must be the same
grids (see tests/test_fast_reader.py). Off by default: it doubles the cost of reading.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

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


ROOT = Path(__file__).resolve().parents[1]


def input_folders() -> list[Path]:
    """examples/, the tests' own cases and the shared corpus (where it is present)."""
    env = os.environ.get("FINCHECK_CORPUS")
    corpus = Path(env) if env else ROOT.parent / "shared" / "corpus"
    if not corpus.is_absolute():
        corpus = ROOT / corpus
    return [p for p in (ROOT / "examples", ROOT / "tests" / "text_cases", corpus) if p.is_dir()]


def digests(folders: list[Path]) -> dict[str, str]:
    out = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="session", autouse=True)
def inputs_unchanged():
    """Fails the run when any input file was written, added or removed by a test."""
    folders = input_folders()
    before = digests(folders)
    yield before
    after = digests(folders)
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert not changed, f"input files changed by the tests: {changed[:10]}"
