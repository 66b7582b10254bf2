"""The deep fuzz sweep: many generated malformed inputs of every format, in batches through the
CLI, with the same assertions as tests/test_fuzz_inputs.py; prints figures and the failures.

    python scripts/fuzz_sweep.py [--per-format 150] [--batch 8] [--seed 0]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz_inputs import BUILDERS, GOOD_CSV, batch_problems, make, run_batch  # noqa: E402

HOW = ["keep", "keep", "truncate", "flip", "junk"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-format", type=int, default=150)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    plan = [(suffix, rng.getrandbits(32), rng.choice(HOW)) for suffix in BUILDERS for _ in range(args.per_format)]
    rng.shuffle(plan)
    counts: collections.Counter = collections.Counter()
    per_format: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    failures = []
    slowest = (0.0, None)
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        for b in range(0, len(plan), args.batch):
            folder = Path(tmp) / f"b{b}"
            folder.mkdir()
            chunk = plan[b : b + args.batch]
            paths = []
            for i, (suffix, seed, how) in enumerate(chunk):
                p = folder / f"f{i}-{how}{suffix}"
                p.write_bytes(make(suffix, seed, how))
                paths.append(p)
            good = folder / "good.csv"
            good.write_text(GOOD_CSV, encoding="utf-8")
            t = time.monotonic()
            print(f"\n{chunk}", file=sys.stderr, flush=True)
            code, out, err = run_batch([*paths, good])
            took = time.monotonic() - t
            slowest = max(slowest, (took, chunk), key=lambda x: x[0])
            counts["batches"] += 1
            counts["files"] += len(chunk)
            counts[f"exit {code}"] += 1
            counts["error lines"] += sum(1 for ln in err.splitlines() if ln.startswith("fincheck: error: "))
            try:
                by_path = {s["path"]: s["error"] for s in json.loads(out)["sources"]}
            except ValueError:
                by_path = {}
            for (suffix, _seed, _how), p in zip(chunk, paths, strict=True):
                outcome = "no report" if str(p) not in by_path else "unreadable" if by_path[str(p)] else "read"
                per_format[suffix][outcome] += 1
            problems = batch_problems(code, out, err, str(good))
            if problems:
                failures.append((chunk, problems))
            print(f"\rbatch {counts['batches']}: {len(failures)} failing", end="", file=sys.stderr)
    print(file=sys.stderr)
    print(f"files {counts['files']} in {counts['batches']} batches, {time.monotonic() - start:.0f} s")
    print("exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()) if k.startswith("exit")))
    print(f"unreadable files (one line each): {counts['error lines']}")
    for suffix, outcomes in sorted(per_format.items()):
        print(
            f"  {suffix}: {sum(outcomes.values())} files, " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
        )
    print(f"slowest batch: {slowest[0]:.1f} s ({len(slowest[1] or [])} files + good.csv)")
    peak = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(f"peak memory: {peak / 1024:,.0f} MB (this process, and the largest worker it waited for)")
    print(f"failing batches: {len(failures)}")
    for chunk, problems in failures[:20]:
        print(" ", chunk, problems[:3])
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
