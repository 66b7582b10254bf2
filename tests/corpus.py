"""Access to the shared corpus beside the project (../shared/corpus).

Tests that read it skip when it is absent, unless the environment variable FINCHECK_CORPUS is
set (``.ci/run`` sets it), in which case its absence is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    env = os.environ.get("FINCHECK_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    if not path.is_absolute():
        path = (ROOT / path).resolve()
    if not path.is_dir():
        if env:
            pytest.fail(f"FINCHECK_CORPUS={env} is set but {path} does not exist")
        pytest.skip(f"corpus not found at {path}")
    return path


def shared_dir() -> Path:
    return corpus_dir().parent
