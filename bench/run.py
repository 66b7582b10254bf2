"""fincheck's benchmark, one command: every measure side by side with its floor in one run.

    python bench/run.py [--n N] [--jobs J] [--sample K] [--repeat R] [--pdf FILE | --pdf none] [--pdf-only]

1. ``python -m fincheck --version`` vs ``python -c pass`` (process start);
2. the README example end to end vs python-calamine reading it;
3. a batch of N workbooks (copies of the README example) checked with ``--jobs J`` vs
   python-calamine reading every sheet of them with the same worker count;
4. the batch with ``--jobs J`` vs serial;
5. the engine checking N reports one at a time (K sampled, scaled to N) vs all in one panel
   (the ratio is the panel's speed-up);
6. with ``--pdf FILE`` (default: the Putuo 2024 report in ../shared/corpus when present),
   ``python -m fincheck FILE`` vs pdfplumber's own extraction of the text and tables of every
   page (``extract_text`` and ``extract_tables``) in a process of its own, taking turns.

Times are medians of R runs (subprocess wall clock for 1–4 and 6, in-process for 5); the
subprocess rows also give the ratio of CPU time (user + system of the process and the workers
it waited for), which a shared machine disturbs less; ``--pdf-only`` runs row 6 alone and
prints every run's ratios and their range (``--against DIR``: another checkout's
``python -m fincheck`` in the same turns, for a before/after). Each command runs once untimed first, and when
``PYTHONDONTWRITEBYTECODE`` is set the commands run with it unset and a bytecode cache folder
of their own (``PYTHONPYCACHEPREFIX``), as an installed package has its bytecode: otherwise
every run would compile fincheck's modules again. Record the output with the machine in
bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "zhengding-2021.xlsx"
PUTUO_PDF = ROOT.parent / "shared" / "corpus" / "pdf" / "putuo-finance-2024.pdf"
#: pdfplumber alone: the text and the tables of every page, as its own API gives them
PDFPLUMBER = (
    "import sys, pdfplumber\n"
    "with pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    for page in pdf.pages:\n"
    "        page.extract_text(); page.extract_tables()\n"
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


_ENV: dict[str, str] | None = None


def child_env() -> dict[str, str]:
    """The environment of the measured commands: bytecode cached (see the module's text)."""
    global _ENV
    if _ENV is None:
        _ENV = dict(os.environ)
        if _ENV.pop("PYTHONDONTWRITEBYTECODE", None) and "PYTHONPYCACHEPREFIX" not in _ENV:
            _ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / f"fincheck-bench-pyc-{os.getuid()}")
    return _ENV


def measured(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall clock and CPU time of one run of ``cmd`` (in ``cwd``: ``-m fincheck`` runs its tree)."""
    t, c = time.perf_counter(), _children_cpu()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=child_env())
    return time.perf_counter() - t, _children_cpu() - c


def pairs(ours: list[str], floor: list[str], repeat: int) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """``repeat`` pairs ((wall, CPU) of ``ours``, of ``floor``), run in turns after one untimed
    run of each (bytecode compiled, files in the page cache)."""
    measured(ours)
    measured(floor)
    return [(measured(ours), measured(floor)) for _ in range(repeat)]


def paired(ours: list[str], floor: list[str], repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Medians (wall, CPU) of ``ours`` and ``floor``, run in turns."""
    runs = pairs(ours, floor, repeat)
    return tuple(  # type: ignore[return-value]
        (statistics.median(p[i][0] for p in runs), statistics.median(p[i][1] for p in runs)) for i in (0, 1)
    )


def pdf_pairs(pdf: Path, repeat: int, out=print, against: Path | None = None) -> list[str]:
    """Row 6 alone: every pair's times and ratios, then their medians and range. ``against``:
    another checkout (e.g. main's) whose ``python -m fincheck`` runs in the same turns."""
    py = sys.executable
    ours, floor = [py, "-m", "fincheck", str(pdf)], [py, "-c", PDFPLUMBER, str(pdf)]
    trees = [ROOT] + ([against] if against is not None else [])
    for tree in trees:  # once untimed each: bytecode compiled, the file in the page cache
        measured(ours, tree)
    measured(floor)
    names = ["this tree"] + ([f"`{against}`"] if against is not None else [])
    lines = [
        f"PDF end to end ({pdf.name}) vs pdfplumber's text + tables, {repeat} runs each in turns",
        "| run | load | "
        + " | ".join(f"{n} wall / CPU | CPU × | wall ×" for n in names)
        + " | pdfplumber wall / CPU |",
        "|---|---|" + "---|---|---|" * len(names) + "---|",
    ]
    ratios: list[tuple[list[float], list[float]]] = [([], []) for _ in trees]
    for i in range(1, repeat + 1):
        runs = [measured(ours, tree) for tree in trees]
        fw, fc = measured(floor)
        cells = []
        for (w, c), (cpu, wall_) in zip(runs, ratios, strict=True):
            cpu.append(c / fc)
            wall_.append(w / fw)
            cells.append(f"{w:.2f} / {c:.2f} s | {cpu[-1]:.2f}× | {wall_[-1]:.2f}×")
        lines.append(f"| {i} | {os.getloadavg()[0]:.1f} | " + " | ".join(cells) + f" | {fw:.2f} / {fc:.2f} s |")
    for name, (cpu, wall_) in zip(names, ratios, strict=True):
        lines.append(
            f"{name}: CPU × pdfplumber median {statistics.median(cpu):.2f}× (range {min(cpu):.2f}–{max(cpu):.2f}×), "
            f"wall median {statistics.median(wall_):.2f}× (range {min(wall_):.2f}–{max(wall_):.2f}×)"
        )
    lines.append(f"machine: {machine()}, pdfplumber {_version('pdfplumber')}")
    for line in lines:
        out(line)
    return lines


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def wall(cmd: list[str], repeat: int) -> float:
    return statistics.median(measured(cmd)[0] for _ in range(repeat))


def calamine_read(path: str) -> int:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    return sum(len(wb.get_sheet_by_name(name).to_python()) for name in wb.sheet_names)


def calamine_batch(files: list[str], jobs: int) -> None:
    if jobs <= 1:
        for f in files:
            calamine_read(f)
        return
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(calamine_read, files))


def timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def machine() -> str:
    from importlib.metadata import version

    import pandas

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"nproc {os.cpu_count()}, {cpu}, Python {platform.python_version()}, pandas {pandas.__version__}, "
        f"python-calamine {version('python-calamine')}"
    )


def row(name: str, ours: float, floor_name: str, floor: float) -> str:
    ratio = ours / floor if floor > 0 else float("nan")
    return f"| {name} | {ours:.3f} s | {floor_name} {floor:.3f} s | {ratio:.1f}× |"


def cpu_row(name: str, ours: tuple[float, float], floor_name: str, floor: tuple[float, float]) -> str:
    def ratio(a: float, b: float) -> float:
        return a / b if b > 0 else float("nan")

    return (
        f"| {name} | {ours[0]:.3f} s ({ours[1]:.3f} s CPU) | {floor_name} {floor[0]:.3f} s ({floor[1]:.3f} s CPU) "
        f"| CPU {ratio(ours[1], floor[1]):.2f}×, wall {ratio(ours[0], floor[0]):.2f}× |"
    )


def run(n: int, jobs: int, sample: int, repeat: int, out=print, pdf: Path | None = None) -> list[str]:
    py = sys.executable
    lines = ["| measure | fincheck | floor | ratio |", "|---|---|---|---|"]
    version, start = paired([py, "-m", "fincheck", "--version"], [py, "-c", "pass"], repeat)
    lines.append(cpu_row("`--version`", version, "`python -c pass`", start))
    if pdf is not None:
        ours, floor = paired([py, "-m", "fincheck", str(pdf)], [py, "-c", PDFPLUMBER, str(pdf)], repeat)
        lines.append(cpu_row(f"PDF end to end ({pdf.name})", ours, "pdfplumber's text + tables", floor))
    readme = wall([py, "-m", "fincheck", str(EXAMPLE)], repeat)
    lines.append(row("README example end to end", readme, "calamine reading it", timed(calamine_read, str(EXAMPLE))))
    with tempfile.TemporaryDirectory() as d:
        files = []
        for i in range(n):
            target = Path(d) / f"r{i:05d}.xlsx"
            shutil.copy(EXAMPLE, target)
            files.append(str(target))
        batch = wall([py, "-m", "fincheck", d, "--jobs", str(jobs), "-q"], repeat)
        serial = wall([py, "-m", "fincheck", d, "-q"], repeat)
        floor = min(timed(calamine_batch, files, jobs) for _ in range(repeat))
        lines.append(row(f"{n} workbooks, --jobs {jobs}", batch, f"calamine, {jobs} workers", floor))
        lines.append(row(f"{n} workbooks, serial vs --jobs {jobs}", serial, f"--jobs {jobs}", batch))
        lines.append(panel(files, sample))
    lines.append("")
    lines.append(f"machine: {machine()}")
    for line in lines:
        out(line)
    return lines


def panel(files: list[str], sample: int) -> str:
    """The engine alone: all reports' facts in one pass vs one report at a time (sampled)."""
    sys.path.insert(0, str(ROOT))
    from fincheck.panel import read_all
    from fincheck.pipeline import evaluate, resolve_rules

    rules = resolve_rules()
    read = read_all([Path(f) for f in files])
    sources, parts = [s for s, _ in read], [p for _, p in read]
    together = timed(evaluate, sources, parts, rules, "zh")
    k = max(1, min(sample, len(files)))
    one = sum(timed(evaluate, [sources[i]], [parts[i]], rules, "zh") for i in range(k)) / k * len(files)
    return row(f"engine: {len(files)} reports one at a time ({k} sampled) vs", one, "one panel", together)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=50)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--sample", type=int, default=5)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument(
        "--pdf",
        type=lambda s: None if s == "none" else Path(s),
        default=PUTUO_PDF if PUTUO_PDF.exists() else None,
        help="the PDF of row 6 ('none': no PDF row)",
    )
    p.add_argument("--pdf-only", action="store_true", help="only the PDF row, every run listed")
    p.add_argument("--against", type=Path, help="with --pdf-only: also run this checkout's fincheck in the same turns")
    args = p.parse_args(argv)
    if args.pdf_only:
        if args.pdf is None:
            p.error("--pdf-only needs a PDF (--pdf FILE)")
        pdf_pairs(args.pdf, args.repeat, against=args.against)
        return 0
    run(args.n, args.jobs, args.sample, args.repeat, pdf=args.pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
