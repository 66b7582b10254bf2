"""The collector settings of a one-shot process (fincheck.collector): the command line freezes
what it has loaded and, after its outputs, everything; a call from a caller's own process
changes nothing; the outputs are whole."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from fincheck import collector
from fincheck.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "zhengding-2021.xlsx"


def test_settle_freezes_and_raises_the_young_threshold_only_upwards():
    before_threshold, before_frozen = gc.get_threshold(), gc.get_freeze_count()
    try:
        collector.settle()
        assert gc.get_freeze_count() >= before_frozen
        assert gc.get_threshold()[0] == max(collector.YOUNG_THRESHOLD, before_threshold[0])
        assert gc.get_threshold()[1:] == before_threshold[1:]
    finally:
        gc.unfreeze()
        gc.set_threshold(*before_threshold)


def test_start_raises_the_young_threshold_only_upwards_and_freezes_nothing():
    before_threshold, before_frozen = gc.get_threshold(), gc.get_freeze_count()
    try:
        collector.start()
        assert gc.get_freeze_count() == before_frozen
        assert gc.get_threshold()[0] == max(collector.YOUNG_THRESHOLD, before_threshold[0])
        assert gc.get_threshold()[1:] == before_threshold[1:]
    finally:
        gc.set_threshold(*before_threshold)


def test_a_call_from_a_callers_process_leaves_the_collector_alone(tmp_path, capsys):
    before_threshold, before_frozen = gc.get_threshold(), gc.get_freeze_count()
    assert main([str(EXAMPLE), "-q"]) == 1
    assert gc.get_threshold() == before_threshold
    assert gc.get_freeze_count() == before_frozen


def _json_run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run(
        [sys.executable, "-m", "fincheck", str(EXAMPLE), "--format", "json", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_the_command_line_writes_its_whole_output_to_a_pipe_and_to_a_file(tmp_path):
    run = _json_run("--all")
    assert run.returncode == 1, run.stderr
    assert len(json.loads(run.stdout)["checks"]) == 26
    out = tmp_path / "r.json"
    run = _json_run("-o", str(out))
    assert run.returncode == 1, run.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["fail"] == 2
