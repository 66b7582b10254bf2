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


def timed(text: str) -> tuple[float, int, int]:
    from fincheck.text import load_text

    tracemalloc.start()
    t = time.perf_counter()
    loaded = load_text(text)
    elapsed = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    figures = sum(len(b[0]) for b in loaded.bound)
    return elapsed, figures, peak


def main() -> None:
    paragraphs = int(sys.argv[1]) if len(sys.argv) > 1 else 180
    mb = float(sys.argv[2]) if len(sys.argv) > 2 else 0
    text = narrative(paragraphs)
    timed(narrative(2))  # imports and rule files
    elapsed, figures, peak = timed(text)
    print(f"text stage: {figures} figures, {len(text)} characters: {elapsed:.2f} s, peak {peak / 1e6:.0f} MB")
    if mb:
        big = (text + "\n") * max(1, int(mb * 1e6 / len(text.encode())))
        elapsed, figures, peak = timed(big)
        print(f"{len(big.encode()) / 1e6:.1f} MB text: {figures} figures, {elapsed:.2f} s, peak {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
