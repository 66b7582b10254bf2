"""The fast .xlsx reader against python-calamine alone and against the openpyxl reader it
replaced, side by side on the same generated nine-table workbooks, in one run.

    python bench/bench_fast_reader.py [N] [--repeat R] [--no-openpyxl]

N workbooks (default 200) are written in the published 部门决算 layouts (tests/putuo.py, its
quirk variants in turn). Each is then read R times (default 5) by each reader, the readers
taking turns file by file so that a busy machine slows them alike; the per-file median of each
reader is summed. "calamine" is python-calamine reading every sheet (``to_python``), the floor
the fast reader is measured against (goal: at most 3x). Wall-clock and CPU time are both shown.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fincheck.sources.xlsx import read_xlsx  # noqa: E402
from fincheck.sources.xlsx_openpyxl import read_xlsx_openpyxl  # noqa: E402
from tests.putuo import write_workbook  # noqa: E402

VARIANTS = [
    {},
    {"numbers": "text"},
    {"hidden_rows": {"t3": [8]}, "hidden_sheets": ["t6"]},
    {"split_codes": True},
    {"stacked": True},
    {"blank": "—"},
    {"continue": {"t2": 12, "t5": 10}},
    {"row_numbers": True},
]


def read_calamine_values(path: Path) -> list:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as book:
        return [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]


def stages(path: Path, repeat: int = 60, out=print) -> dict[str, float]:
    """Where the fast reader's time goes on one workbook: each stage alone, stages taking turns,
    CPU medians, in multiples of calamine's own read."""
    import zipfile

    from python_calamine import CalamineWorkbook

    from fincheck.sources.ooxml import read_workbook_info, scan_sheet
    from fincheck.sources.xlsx import _StyleTable
    from fincheck.sources.xlsx_cells import SheetValues, workbook_grids

    with zipfile.ZipFile(path) as zf:
        info = read_workbook_info(zf)
        parts = [zf.read(e.part) for e in info.sheets]
    styles = _StyleTable(info.xf_formats)
    scans = [scan_sheet(d, styles.special, styles.capture) for d in parts]
    with CalamineWorkbook.from_path(str(path)) as book:
        sheets = [book.get_sheet_by_name(e.name) for e in info.sheets]
        values = [
            SheetValues(e, s, sh.to_python(), sh.start) for e, s, sh in zip(info.sheets, scans, sheets, strict=True)
        ]

    def unzip() -> None:
        with zipfile.ZipFile(path) as zf:
            for e in info.sheets:
                zf.read(e.part)

    def book_parts() -> None:
        with zipfile.ZipFile(path) as zf:
            read_workbook_info(zf)

    steps = {
        "python-calamine, every sheet": lambda: read_calamine_values(path),
        "unzip the sheet parts": unzip,
        "workbook.xml, rels, styles.xml": book_parts,
        "sheet XML, one expat pass each": lambda: [scan_sheet(d, styles.special, styles.capture) for d in parts],
        "cells typed and formatted, frames": lambda: workbook_grids(str(path), values, styles, info.date1904),
        "the whole fast reader": lambda: read_xlsx(path),
    }
    times: dict[str, list[float]] = {k: [] for k in steps}
    for _ in range(repeat):
        for name, step in steps.items():
            c = time.process_time()
            step()
            times[name].append(time.process_time() - c)
    medians = {k: statistics.median(v) for k, v in times.items()}
    base = medians["python-calamine, every sheet"]
    out(f"stages on {path.name} (CPU medians of {repeat}, taking turns):")
    for name, t in medians.items():
        out(f"  {name:<36} {t * 1000:6.2f} ms {t / base:5.2f}x")
    return medians


def machine() -> dict[str, str]:
    from importlib.metadata import version

    import numpy
    import openpyxl
    import pandas

    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "pandas": pandas.__version__,
        "numpy": numpy.__version__,
        "python-calamine": version("python-calamine"),
        "openpyxl": openpyxl.__version__,
        "load average": " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?",
    }


def run(n: int, repeat: int = 5, openpyxl: bool = True, out=print) -> dict[str, dict[str, float]]:
    readers = {"calamine": read_calamine_values, "fast reader": read_xlsx}
    if openpyxl:
        readers["openpyxl reader"] = read_xlsx_openpyxl
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(n):
            path = Path(folder) / f"report-{i:04d}.xlsx"
            write_workbook(path, VARIANTS[i % len(VARIANTS)])
            paths.append(path)
        cells = sum(len(g.cells) for p in paths for g in read_xlsx(p))
        wall = {name: 0.0 for name in readers}
        cpu = {name: 0.0 for name in readers}
        names = list(readers)
        for k, path in enumerate(paths):
            samples: dict[str, list[tuple[float, float]]] = {name: [] for name in readers}
            for r in range(repeat):
                turn = names[(k + r) % len(names) :] + names[: (k + r) % len(names)]
                for name in turn:
                    w, c = time.perf_counter(), time.process_time()
                    readers[name](path)
                    samples[name].append((time.perf_counter() - w, time.process_time() - c))
            for name, got in samples.items():
                wall[name] += statistics.median(s[0] for s in got)
                cpu[name] += statistics.median(s[1] for s in got)
        stage_lines: list[str] = []
        stages(paths[0], repeat=max(repeat * 4, 8), out=stage_lines.append)
    base_w, base_c = wall["calamine"], cpu["calamine"]
    out(f"{n} nine-table workbooks, {cells:,} cells, median of {repeat} reads each, readers taking turns")
    out(f"{'reader':<16} {'wall total':>11} {'per book':>10} {'x calamine':>11} {'cpu total':>10} {'x calamine':>11}")
    for name in readers:
        out(
            f"{name:<16} {wall[name]:>10.3f}s {wall[name] / n * 1000:>8.2f}ms {wall[name] / base_w:>10.2f}x "
            f"{cpu[name]:>9.3f}s {cpu[name] / base_c:>10.2f}x"
        )
    if openpyxl:
        out(f"fast reader vs openpyxl reader: {wall['openpyxl reader'] / wall['fast reader']:.1f}x faster (wall)")
    for line in stage_lines:
        out(line)
    out("machine: " + ", ".join(f"{k} {v}" for k, v in machine().items()))
    return {"wall": wall, "cpu": cpu}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-openpyxl", action="store_true", help="leave the (slow) openpyxl reader out")
    args = parser.parse_args(argv)
    run(args.n, args.repeat, not args.no_openpyxl)
    return 0


if __name__ == "__main__":
    sys.exit(main())
