"""The text stage on a long generated narrative (~2,000 figures, about 50 pages), and a 10 MB
text for bounded time and memory.  Run: python bench/bench_text.py [PARAGRAPHS] [MB]"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc


def narrative(paragraphs: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = ["某县2024年度财政决算报告", ""]
    for p in range(paragraphs):
        a, b = rng.randint(100, 900) + 0.25, rng.randint(10, 90) + 0.5
        t = a + b
        prev = round(t / (1 + rng.randint(2, 30) / 100), 2)
        out.append(f"{p + 1}、第{p + 1}项资金情况")
        out.append(
            f"2024年第{p + 1}项资金支出{t:.2f}万元，其中：基本支出{a:.2f}万元，项目支出{b:.2f}万元。"
            f"第{p + 1}项资金支出较上年增加{t - prev:.2f}万元，增长{(t - prev) / prev * 100:.2f}%。"
            f"基本支出占第{p + 1}项资金支出的{a / t * 100:.2f}%，完成年初预算{rng.randint(90, 110)}%，"
            f"行政单位资产总额{t:.1f}亿元，负债总额{b:.1f}亿元，净资产总额{t - b:.1f}亿元。"
        )
    return "\n".join(out)


def timed(text: str, limits: str | None = None, trace: bool = True) -> tuple[float, float, int, int]:
    """(wall s, CPU s, figures, peak traced bytes); tracing memory slows the run, so the times
    of a traced run are not the stage's times (main() times an untraced run first)."""
    from fincheck.limits import using
    from fincheck.text import load_text

    if trace:
        tracemalloc.start()
    t, c = time.perf_counter(), time.process_time()
    with using(limits):
        loaded = load_text(text)
    elapsed, cpu = time.perf_counter() - t, time.process_time() - c
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    figures = sum(len(b[0]) for b in loaded.bound)
    return elapsed, cpu, figures, peak


def main() -> None:
    paragraphs = int(sys.argv[1]) if len(sys.argv) > 1 else 180
    mb = float(sys.argv[2]) if len(sys.argv) > 2 else 0
    text = narrative(paragraphs)
    timed(narrative(2), trace=False)  # imports and rule files
    elapsed, cpu, figures, _ = timed(text, trace=False)
    print(f"text stage: {figures} figures, {len(text)} characters: {elapsed:.2f} s wall, {cpu:.2f} s CPU")
    _, _, _, peak = timed(text)
    print(f"  peak traced memory {peak / 1e6:.0f} MB")
    if mb:
        # over the default figures limit (a clear error); checked under a raised one, in its
        # first MAX_CHARS characters (fincheck.text.load_text)
        big = (text + "\n") * max(1, int(mb * 1e6 / len(text.encode())))
        elapsed, cpu, figures, peak = timed(big, limits="figures=10000000")
        print(
            f"{len(big.encode()) / 1e6:.1f} MB text: {figures} figures, {elapsed:.2f} s wall, {cpu:.2f} s CPU, "
            f"peak traced memory {peak / 1e6:.0f} MB"
        )


if __name__ == "__main__":
    main()
