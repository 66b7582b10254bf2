"""Resource attacks: tiny files that would take unbounded time or memory end as one line each,
within their limits, and the rest of the batch is checked."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pandas as pd
import pytest

import fincheck
from fincheck.errors import FincheckError, InputError
from fincheck.limits import DEFAULT, Limits, parse_limits

from . import hostile_files as hf
from .helpers import ROOT

GOOD = "项目,金额\n合计,3.00\n  A,1.00\n  B,1.00\n"

#: runs the CLI and prints its peak memory (kB, this process and its waited-for workers) last
_PEAK = (
    "import resource, sys\n"
    "from fincheck.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "peak = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
    "print('peak-kb', peak, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _run_peak(*args, timeout=240):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _PEAK, *map(os.fspath, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        env=env,
    )
    peak = int(proc.stderr.rsplit("peak-kb", 1)[1].split()[0])
    return proc, time.monotonic() - start, peak


def test_resource_attacks_end_as_one_line_each_in_bounded_time_and_memory(tmp_path):
    files = {
        "far.xlsx": (hf.far_cells, "used range A1:XFD20000"),
        "sst.xlsx": (hf.shared_string_bomb, "inflates to 300 MB"),
        "bomb.pdf": (hf.content_bomb_pdf, "longer than 8 seconds"),
        "many.txt": (None, "figures in the text"),
    }
    for name, (make, _needle) in files.items():
        if make is not None:
            make(tmp_path / name)
    (tmp_path / "many.txt").write_text("，".join(f"第{i}项支出{i}.5万元" for i in range(20_000)), encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert max(p.stat().st_size for p in tmp_path.iterdir()) < 1_000_000
    proc, elapsed, peak = _run_peak(
        *(tmp_path / n for n in files), good, "--format", "json", "--limits", "seconds=8,memory_mb=1500", "--lang", "en"
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("fincheck: error")]
    assert len(lines) == len(files), proc.stderr
    for name, (_make, needle) in files.items():
        line = next(ln for ln in lines if f"{name}" in ln)
        assert needle in line and "--limits" in line, line
    data = json.loads(proc.stdout)
    assert data["summary"]["fail"] == 1  # good.csv was checked
    assert elapsed < 200, elapsed
    if sys.platform == "linux":
        assert peak < 1_500_000, peak  # kB: far from the gigabytes these files asked for


def test_a_workbook_over_a_limit_is_refused_before_openpyxl_reads_it(tmp_path, monkeypatch):
    import openpyxl

    book = hf.workbook(tmp_path / "ok.xlsx")
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("loaded"))
    report = fincheck.check(book, limits="cells=3", lang="en")
    assert report.errors == [f"{book}!表: 8 cells, over the limit of 3 (--limits cells=…)"]


def test_a_wide_used_range_is_read_in_a_worker_under_the_memory_limit(tmp_path):
    # 1.6 kB whose used range A1:T1000000 is within the area limit but costs calamine ~2.5 GB
    wide = hf.workbook(tmp_path / "wide.xlsx", hf.TABLE_ROWS + '<row r="1000000"><c r="T1000000"><v>1</v></c></row>')
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    proc, elapsed, peak = _run_peak(wide, good, "--format", "json", "--limits", "memory_mb=500", "--lang", "en")
    assert proc.returncode == 2, proc.stderr
    (line,) = [ln for ln in proc.stderr.splitlines() if ln.startswith("fincheck: error")]
    assert re.match(rf"fincheck: error E1\d\d: {re.escape(str(wide))}: ", line) and "out of memory" in line, line
    assert json.loads(proc.stdout)["summary"]["fail"] == 1
    assert elapsed < 120, elapsed
    if sys.platform == "linux":
        assert peak < 900_000, peak  # kB: the worker was stopped at its 500 MB


def test_a_workbook_read_in_a_worker_gives_the_same_grids(tmp_path, monkeypatch):
    from fincheck.sources import xlsx

    book = hf.workbook(tmp_path / "ok.xlsx", after='<mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells>')
    here = xlsx.read_xlsx(book)
    monkeypatch.setattr(xlsx, "IN_PROCESS_AREA", 0)
    monkeypatch.setattr("fincheck.budget.run_bounded", _counting := _CountingBounded())
    there = xlsx.read_xlsx(book)
    assert _counting.calls == 1
    assert [(g.sheet, g.merged) for g in there] == [(g.sheet, g.merged) for g in here]
    for a, b in zip(here, there, strict=True):
        pd.testing.assert_frame_equal(a.cells, b.cells)


class _CountingBounded:
    def __init__(self):
        from fincheck.budget import run_bounded

        self.run, self.calls = run_bounded, 0

    def __call__(self, func, path):
        self.calls += 1
        return self.run(func, path)


def test_merges_beyond_the_used_range_are_clipped(tmp_path):
    book = hf.workbook(tmp_path / "m.xlsx", after='<mergeCells count="1"><mergeCell ref="A1:Z30"/></mergeCells>')
    from fincheck.sources.xlsx import read_xlsx

    (grid,) = read_xlsx(book)
    assert grid.merged == [(1, 1, 4, 2)]


def test_limits_option_is_checked_and_documented(tmp_path, capsys):
    from fincheck.cli import main

    assert parse_limits("cells=5e5, seconds=1.5") == Limits(cells=500_000, seconds=1.5)
    assert parse_limits(None) == DEFAULT
    for bad in ("cells", "nope=3", "cells=x", "cells=0"):
        with pytest.raises(FincheckError):
            parse_limits(bad)
    p = tmp_path / "a.csv"
    p.write_text(GOOD, encoding="utf-8")
    assert main([str(p), "--limits", "nope=1"]) == 2
    assert "--limits nope=1" in capsys.readouterr().err
    doc = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    for name in Limits.__dataclass_fields__:
        assert f"`{name}`" in doc, name


def test_pdf_page_and_object_limits(tmp_path):
    pdf = hf.text_pdf(tmp_path / "t.pdf")
    assert fincheck.check(pdf, limits="page_objects=3", lang="en").errors == [
        f"{pdf}!page 1: 10 characters and shapes, over the limit of 3 (--limits page_objects=…)"
    ]
    assert not fincheck.check(pdf).errors


def test_a_pdf_whose_resources_refer_to_themselves_ends(tmp_path):
    pdf = hf.self_referring_pdf(tmp_path / "self.pdf")
    start = time.monotonic()
    report = fincheck.check(pdf, limits="seconds=20")
    assert time.monotonic() - start < 60
    assert all("Traceback" not in e for e in report.errors)


def _die(*_args) -> None:  # a PDF worker that dies at once (module-level: spawned workers import it)
    os._exit(9)


def test_a_pdf_worker_that_dies_is_one_line(tmp_path, monkeypatch):
    from fincheck.sources import pdf_workers

    monkeypatch.setattr(pdf_workers, "WORKER", _die)
    pdf = hf.text_pdf(tmp_path / "t.pdf")
    (error,) = fincheck.check(pdf, lang="en").errors
    assert error == f"{pdf}: the reader stopped without an answer (exit 9: out of memory or damaged content)"


def test_the_digit_run_and_the_long_line_are_linear():
    start = time.process_time()  # CPU time: a loaded machine stretches the wall clock many times
    report = fincheck.check_text("合计" + "1" * 999_000 + "万元。")  # a 1 MB line of digits
    assert time.process_time() - start < 60
    assert report.checks.empty and not report.errors


def test_100k_figures_end_at_the_figures_limit_quickly():
    text = "，".join(f"支出{i % 1000}.5万元" for i in range(100_000))
    start = time.monotonic()
    with pytest.raises(InputError, match="100,000 figures in the text, over the limit of 10,000"):
        fincheck.check_text(text)
    assert time.monotonic() - start < 60


def test_figures_in_one_long_sentence_cost_linear_time():
    """Each figure used to rescan its sentence before it (years named, open brackets): 10,000
    figures in one sentence took minutes. CPU time, so a loaded machine does not change the ratio."""
    from fincheck.limits import using

    def cost(n: int) -> float:
        text = "，".join(f"支出{i % 1000}.5万元" for i in range(n)) + "。"
        start = time.process_time()
        with using("figures=1e6"):
            fincheck.check_text(text)
        return time.process_time() - start

    cost(200)  # imports and the catalogue
    small, large = cost(4_000), cost(16_000)
    assert large < 6 * small + 1, (small, large)  # 16× when quadratic


def test_the_linear_year_and_bracket_lookups_agree_with_rescanning():
    import random

    from fincheck.text import claims, document

    rng = random.Random(5)
    pieces = ["2023年", "2024年度", "2024 年", "（", "）", "(", ")", "支出", "，", "。", "\n", "1.5万元", "20", "24年"]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        year = rng.choice([None, 2024])
        depth, other, named = claims._ParenDepth(text), claims._OtherYears(text, year), document._NamedYears(text)
        # spans start and end where sentences, clauses and paragraphs do: after a separator
        cuts = [0, *(k + 1 for k, ch in enumerate(text) if ch in "，。\n"), len(text)]
        for _ in range(10):
            lo = rng.choice(cuts)
            hi = rng.choice([c for c in cuts if c >= lo])
            assert depth.open_between(lo, hi) == claims._in_paren(text, lo, hi)
            assert other.between(lo, hi) == (
                fincheck.text.labels.item_name("", year, text[lo:hi]) == ""
                and any(int(m.group(1)) != year for m in fincheck.text.labels._YEAR.finditer(text[lo:hi]))
            )
            ys = document._YEAR.findall(text[lo:hi])
            assert named.first(lo, hi) == (document._YEAR.search(text[lo:hi]).group(0) if ys else "")
            assert named.last(lo, hi, year) == document._paragraph_year(text, lo, hi, year)


def test_the_unit_check_does_not_square_a_repeated_figure():
    from fincheck.tables.units import unit_conflicts

    n = 20_000
    facts = pd.DataFrame(
        {
            "report": "r",
            "table": [f"t{i % 2}" for i in range(n)],
            "item": "支出",
            "value": 5.0,
            "unit": ["元" if i % 2 else "万元" for i in range(n)],
            "scale": [1.0 if i % 2 else 1e4 for i in range(n)],
            "role": "amount",
            "location": [{"line": i} for i in range(n)],
            "loc": "",
        }
    )
    start = time.monotonic()
    assert unit_conflicts(facts) == []  # one shared item is not enough to call it a conflict
    assert time.monotonic() - start < 10


def test_the_fast_reader_counts_the_used_range_as_the_limits_scan_does(tmp_path, monkeypatch):
    """The fast reader takes cells, used range and merges from its one expat pass (no second
    pass over the sheet); they must be what the limits' own streamed scan finds."""
    import zipfile

    from fincheck import limits
    from fincheck.sources import ooxml

    monkeypatch.setattr(ooxml, "_REF_BATCH", 3)  # several batches in a small sheet
    rows = hf.TABLE_ROWS + '<row r="40"><c r="AB40"><v>1</v></c><c><v>2</v></c></row>'
    book = hf.workbook(tmp_path / "w.xlsx", rows, after='<mergeCells count="1"><mergeCell ref="B2:C3"/></mergeCells>')
    with zipfile.ZipFile(book) as zf:
        part = next(n for n in zf.namelist() if n.startswith("xl/worksheets/"))
        data = zf.read(part)
    expected = limits.scan_sheet(__import__("io").BytesIO(data))
    got = ooxml.scan_sheet(data, {}, frozenset())
    assert (got.cells, got.max_row, got.max_col) == (expected.cells, expected.max_row, expected.max_col)
    assert (got.max_row, got.max_col) == (40, 29)  # AB40, then the cell written without a reference
    assert [limits.parse_range(m) for m in got.merges] == expected.merges


def test_used_extent_reads_references_that_are_not_plain_ones_as_the_limits_do():
    from fincheck.sources.ooxml import used_extent

    assert used_extent(["A1", "XFD3", "B20"]) == (20, 16384)
    assert used_extent(["A1", "C9", "junk"]) == (9, 3)  # "junk" is no cell: (0, 0)
