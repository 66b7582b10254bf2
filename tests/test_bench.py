"""A smoke run of the benchmark with tiny N (what it measures is not asserted: times vary)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).parents[1] / "bench" / "run.py"


def test_the_benchmark_runs_end_to_end():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # its worker function is pickled by name
    spec.loader.exec_module(module)
    lines: list[str] = []
    module.run(n=2, jobs=2, sample=1, repeat=1, out=lines.append)
    table = [line for line in lines if line.startswith("| ") and "---" not in line][1:]
    assert len(table) == 5
    assert all(line.rstrip().endswith("× |") for line in table)
    assert lines[-1].startswith("machine: nproc")
