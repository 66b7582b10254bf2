"""The engine on many reports at once vs one at a time.

    python bench/bench_engine.py [N]        (default N = 1000)

Generates N small tidy reports (a 功能分类 hierarchy with codes, 本年数/上年数/增长率/占比, a
performance self-evaluation sheet), loads them once through the real loaders, then times
``run_rules`` over the facts of all N reports together against ``run_rules`` per report, and
``fincheck.check`` on all files at once against ``fincheck.check`` per file.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import fincheck  # noqa: E402
from fincheck.catalogue import builtin_rules  # noqa: E402
from fincheck.engine import run_rules  # noqa: E402
from fincheck.report import _typed_facts, load_source  # noqa: E402


def report_csv(rng: np.random.Generator) -> str:
    lines = ["单位：万元", "编码,项目,本年数,上年数,增长率,占比"]
    classes = []
    for c in range(rng.integers(3, 7)):
        items = rng.integers(100, 500000, size=rng.integers(2, 6)) / 100
        prev = rng.integers(100, 500000, size=len(items)) / 100
        classes.append((f"2{c + 1:02d}", items, prev))
    total = sum(i.sum() for _, i, _ in classes)
    total_prev = sum(p.sum() for _, _, p in classes)
    lines.append(f",合计,{total:.2f},{total_prev:.2f},{(total / total_prev - 1) * 100:.2f}%,")
    for code, items, prev in classes:
        s, sp = items.sum(), prev.sum()
        lines.append(f"{code},类{code},{s:.2f},{sp:.2f},{(s / sp - 1) * 100:.2f}%,{s / total * 100:.2f}%")
        for j, (v, p) in enumerate(zip(items, prev, strict=True)):
            lines.append(f"{code}{j + 1:02d},款{code}{j},{v:.2f},{p:.2f},{(v / p - 1) * 100:.2f}%,{v / s * 100:.2f}%")
    return "\n".join(lines) + "\n"


def perf_csv(rng: np.random.Generator) -> str:
    budget = rng.integers(1000, 100000) / 100
    spent = round(budget * rng.uniform(0.6, 1.0), 2)
    scores = [round(w * rng.uniform(0.7, 1.0), 2) for w in (50, 30, 10)]
    exec_score = round(min(spent / budget, 1) * 10, 2)
    total = exec_score + sum(scores)
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    return (
        "项目支出绩效自评表\n项目,全年预算数,执行数,分值,执行率,得分\n"
        f"年度资金总额,{budget:.2f},{spent:.2f},10,{spent / budget * 100:.2f}%,{exec_score:.2f}\n"
        f"产出指标,,,50,,{scores[0]:.2f}\n效益指标,,,30,,{scores[1]:.2f}\n满意度指标,,,10,,{scores[2]:.2f}\n"
        f"总分,,,100,,{total:.2f}\n评价等级：{grade},,,,,\n"
    )


def main(n: int = 1000) -> None:
    rng = np.random.default_rng(2024)
    rules = list(builtin_rules())
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i in range(n):
            p = Path(d) / f"r{i:04d}.csv"
            p.write_text(report_csv(rng) if i % 2 == 0 else perf_csv(rng), encoding="utf-8")
            paths.append(p)

        t = time.perf_counter()
        frames = []
        for p in paths:
            _source, loaded = load_source(p)
            frames.extend(f.reset_index(drop=True) for f in loaded.facts)
        load_s = time.perf_counter() - t
        facts = _typed_facts(pd.concat(frames, ignore_index=True))
        per_report = [_typed_facts(f) for f in frames]

        t = time.perf_counter()
        together = run_rules(rules, facts)
        all_s = time.perf_counter() - t

        sample = min(len(per_report), 100)
        t = time.perf_counter()
        alone = [run_rules(rules, f) for f in per_report[:sample]]
        one_s = (time.perf_counter() - t) * len(per_report) / sample
        n_alone = sum(len(c) for c in alone)
        n_together = int((together["source"].isin({str(p) for p in paths[:sample]})).sum())
        assert n_alone == n_together, f"both ways produce the same checks ({n_alone} vs {n_together})"

        t = time.perf_counter()
        fincheck.check(*paths)
        check_all_s = time.perf_counter() - t
        t = time.perf_counter()
        for p in paths[:sample]:
            fincheck.check(p)
        check_one_s = (time.perf_counter() - t) * n / sample

    sample = min(n, 100)
    print(f"{n} reports, {len(facts)} facts, {len(rules)} rules, {len(together)} checks")
    print(f"loading (real loaders, once)       {load_s:8.2f} s")
    print(f"engine, all reports at once        {all_s:8.2f} s")
    print(
        f"engine, one report at a time       {one_s:8.2f} s   ({one_s / all_s:.0f}× slower; extrapolated from {sample})"
    )
    print(f"fincheck.check, all files at once  {check_all_s:8.2f} s")
    print(f"fincheck.check, one file at a time {check_one_s:8.2f} s   (extrapolated from {sample} files)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
