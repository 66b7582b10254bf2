"""The code stays ruff clean (lint and format), as the project's habits require."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .helpers import ROOT


def _ruff(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("ruff")
    cmd = [exe] if exe else [sys.executable, "-m", "ruff"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module", autouse=True)
def _ruff_available():
    if _ruff("--version").returncode != 0:
        pytest.skip("ruff is not installed (pip install '.[test]')")


def test_ruff_check():
    proc = _ruff("check", ".")
    assert proc.returncode == 0, proc.stdout


def test_ruff_format():
    proc = _ruff("format", "--check", ".")
    assert proc.returncode == 0, proc.stdout
