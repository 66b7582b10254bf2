"""The engine on a panel of many nine-table reports at once vs one report at a time.

    python bench/bench_engine.py [N] [--sample K] [--partition F]   (default N = 10000, K = 5)

Writes the nine published 部门决算 tables (``tests/putuo.py``) as one workbook, reads it once
through the real pipeline, and makes a panel of N reports from its facts (report ``r00000``,
``r00001``, …; every 7th report with one figure changed so that the panel has failures too).
Then times :func:`fincheck.engine.run_rules` with every built-in rule over the whole panel
against ``run_rules`` on one report at a time (K sampled, scaled to N), and reports the peak
memory of the process (``ru_maxrss``). The panel is checked in partitions of about F facts
(default :data:`fincheck.partitions.PARTITION_FACTS`; ``--partition 0``: in one run). Issue 13's goal: ≥ 20×, ≤ 20 s and ≤ 6 GB for N = 10,000.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fincheck.catalogue import builtin_rules  # noqa: E402
from fincheck.engine import run_rules  # noqa: E402
from fincheck.model import typed_facts  # noqa: E402
from fincheck.partitions import PARTITION_FACTS  # noqa: E402
from fincheck.pipeline import read_source  # noqa: E402


def one_report() -> pd.DataFrame:
    """The facts of the nine tables, read through the pipeline."""
    from tests.putuo import write_workbook

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "putuo.xlsx"
        write_workbook(path)
        source, loaded = read_source(path)
        if source.error:
            raise SystemExit(f"the generated workbook cannot be read: {source.error}")
    return typed_facts(pd.concat([f.reset_index(drop=True) for f in loaded.facts], ignore_index=True))


def panel(facts: pd.DataFrame, n: int) -> pd.DataFrame:
    """N copies of one report's facts, each its own report; every 7th with a figure changed."""
    m = len(facts)
    out = facts.iloc[np.tile(np.arange(m), n)].reset_index(drop=True)
    out["report"] = pd.array(np.repeat([f"r{i:05d}" for i in range(n)], m), dtype="str")
    stated = np.flatnonzero(facts["value"].notna().to_numpy() & (facts["role"] == "amount").to_numpy())
    changed = np.arange(0, n, 7) * m + stated[len(stated) // 2]
    values = out["value"].to_numpy(copy=True)
    values[changed] += 1.0
    out["value"] = values
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> list[str]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", nargs="?", type=int, default=10000)
    p.add_argument("--sample", type=int, default=5)
    p.add_argument("--partition", type=int, default=PARTITION_FACTS, help="facts per partition (0: one run)")
    args = p.parse_args(argv)
    rules = list(builtin_rules())
    facts = one_report()
    big = panel(facts, args.n)
    before = peak_mb()
    t, c = time.perf_counter(), time.process_time()
    together = run_rules(rules, big, partition=args.partition)
    all_s, all_cpu = time.perf_counter() - t, time.process_time() - c
    peak = peak_mb()
    k = max(1, min(args.sample, args.n))
    alone = []
    t, c = time.perf_counter(), time.process_time()
    for i in range(k):
        alone.append(run_rules(rules, big[big["report"] == f"r{i:05d}"]))
    one_s, one_cpu = ((time.perf_counter() - t) / k * args.n, (time.process_time() - c) / k * args.n)
    per = together.groupby(together["source"].to_numpy()).size()
    assert all(per.get(f"r{i:05d}", 0) == len(alone[i]) for i in range(k)), "the same checks both ways"
    lines = [
        f"{args.n:,} reports, {len(big):,} facts, {len(rules)} rules, {len(together):,} checks "
        f"({int((together['status'] == 'fail').sum()):,} failing)",
        f"engine, one panel ({f'partitions of {args.partition:,} facts' if args.partition else 'one run'})",
        f"engine, one panel             {all_s:8.2f} s wall {all_cpu:8.2f} s CPU   peak memory {peak:,.0f} MB "
        f"(before: {before:,.0f} MB)",
        f"engine, one report at a time  {one_s:8.2f} s wall {one_cpu:8.2f} s CPU   ({k} sampled, scaled to {args.n:,})",
        f"panel speed-up                {one_s / all_s:8.1f}× wall {one_cpu / all_cpu:6.1f}× CPU",
    ]
    for line in lines:
        print(line)
    return lines


if __name__ == "__main__":
    main()
