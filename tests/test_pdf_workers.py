"""The PDF workers (fincheck.sources.pdf_workers): the pages they send are the pages read in
process, with one worker or two, forked or spawned; every error is the file's one line; no
worker outlives its extraction; the command line's early start is the extraction the pipeline
uses."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

import fincheck
from fincheck.errors import InputError
from fincheck.limits import using
from fincheck.sources import pdf_workers
from fincheck.sources.pdf_pages import open_pdf, page_data
from tests import documents as docs
from tests import hostile_files as hf

CONTEXTS = ["spawn", *(["fork"] if "fork" in multiprocessing.get_all_start_methods() else [])]


def _two_page_pdf(tmp_path: Path) -> Path:
    """Two samples of tests/documents.py (a ruled table each) as the pages of one PDF."""
    from pypdf import PdfWriter

    out = PdfWriter()
    for name in ("expense", "growth"):
        out.append(str(docs.write_pdf(docs.SAMPLES[name], tmp_path / f"{name}.pdf")))
    path = tmp_path / "two.pdf"
    with path.open("wb") as fh:
        out.write(fh)
    return path


def _in_process(path: Path) -> list:
    with open_pdf(path) as pdf:
        return [page_data(path, page, n) for n, page in enumerate(pdf.pages, start=1)]


def _no_live(extraction: pdf_workers.Extraction, procs: list) -> None:
    assert not extraction.procs and all(p.exitcode is not None for p in procs)


@pytest.mark.parametrize("method", CONTEXTS)
@pytest.mark.parametrize("parts", [1, 2, 3])
def test_the_workers_pages_are_the_pages_read_in_process(tmp_path, method, parts):
    path = _two_page_pdf(tmp_path)
    expected = _in_process(path)
    assert [len([i for i in p.items if not isinstance(i, str)]) for p in expected] == [1, 1]
    extraction = pdf_workers.Extraction(path, parts, multiprocessing.get_context(method))
    procs = list(extraction.procs)
    try:
        assert list(extraction.pages()) == expected
    finally:
        extraction.close()
    _no_live(extraction, procs)


@pytest.mark.parametrize("method", CONTEXTS)
def test_errors_from_the_workers_are_one_input_error(tmp_path, method):
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello", encoding="utf-8")
    cases = {
        fake: "not a PDF file (no %PDF- header)",
        hf.encrypted_pdf(tmp_path / "locked.pdf"): "encrypted (password-protected) PDF",
    }
    for path, words in cases.items():
        extraction = pdf_workers.Extraction(path, 2, multiprocessing.get_context(method))
        procs = list(extraction.procs)
        with pytest.raises(InputError, match=r"^" + str(path).replace("\\", "\\\\") + ": ") as caught:
            try:
                list(extraction.pages())
            finally:
                extraction.close()
        assert words in str(caught.value)
        _no_live(extraction, procs)


def test_a_page_over_the_objects_limit_is_named_by_the_worker_that_read_it(tmp_path):
    path = _two_page_pdf(tmp_path)
    with using("page_objects=5"):
        extraction = pdf_workers.Extraction(path, 2)
        try:
            with pytest.raises(InputError, match=r"!page 1: .* characters and shapes, over the limit of 5"):
                list(extraction.pages())
        finally:
            extraction.close()


def test_the_time_limit_stops_every_worker(tmp_path):
    path = hf.content_bomb_pdf(tmp_path / "bomb.pdf")
    with using("seconds=1"):
        extraction = pdf_workers.Extraction(path, 2)
        procs = list(extraction.procs)
        start = time.monotonic()
        try:
            with pytest.raises(InputError, match="reading took longer than 1 seconds"):
                list(extraction.pages())
        finally:
            extraction.close()
    assert time.monotonic() - start < 30
    _no_live(extraction, procs)


def test_the_pipeline_takes_the_extraction_started_early(tmp_path, monkeypatch):
    path = _two_page_pdf(tmp_path)
    started: list[pdf_workers.Extraction] = []
    real = pdf_workers.Extraction

    def counting(*args, **kwargs):
        started.append(real(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(pdf_workers, "Extraction", counting)
    pdf_workers.prefetch(path)
    pdf_workers.prefetch(path)  # once is enough
    report = fincheck.check(path)
    assert len(started) == 1 and not pdf_workers._STARTED
    assert not report.errors and len(report.tables) == 2
    # under other limits the early extraction is not the one asked for
    pdf_workers.prefetch(path)
    early = started[-1]
    with using("pages=10"):
        other = pdf_workers.extraction(path)
    assert other is not early
    other.close()
    procs = list(early.procs)
    pdf_workers.cancel_prefetched()  # what the end of the run does with an extraction never taken
    assert not pdf_workers._STARTED
    _no_live(early, procs)


def test_the_command_line_checks_a_pdf_and_a_batch_of_them(tmp_path):
    from tests.helpers import run_cli

    path = _two_page_pdf(tmp_path)
    one = run_cli(path, "-q")
    assert one.returncode in (0, 1) and "Traceback" not in one.stderr, one.stderr
    for name in ("a", "b"):
        (tmp_path / "batch").mkdir(exist_ok=True)
        (tmp_path / "batch" / f"{name}.pdf").write_bytes(path.read_bytes())
    batch = run_cli(tmp_path / "batch", "--jobs", "2", "-q")
    assert batch.returncode == one.returncode and "Traceback" not in batch.stderr, batch.stderr
    assert one.stdout.startswith("1 ") and batch.stdout.startswith("2 "), (one.stdout, batch.stdout)


def _processes_naming(text: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(cmdline)
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_a_run_that_fails_early_leaves_no_worker(tmp_path):
    from tests.helpers import run_cli

    path = _two_page_pdf(tmp_path)
    proc = run_cli(path, "--select", "NOSUCHRULE")  # a usage error after the extraction started
    assert proc.returncode == 2
    assert "NOSUCHRULE" in proc.stderr and "Traceback" not in proc.stderr
    time.sleep(0.5)
    assert _processes_naming(str(path)) == []


def test_no_extraction_is_left_behind_by_a_file_that_fails(tmp_path):
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello", encoding="utf-8")
    for path in (fake, tmp_path / "missing.pdf", hf.image_only_pdf(tmp_path / "scan.pdf")):
        (error,) = fincheck.check(path).errors
        assert error.startswith(str(path)), error
        assert not pdf_workers._STARTED
    assert not multiprocessing.active_children()


@pytest.mark.parametrize(
    ("line", "load", "idle"),
    [
        ("1.40 1.20 0.90 1/95 1234", 1.4, True),  # only this process runs now: the last minute's turns ended
        ("0.30 0.20 0.10 2/95 1234", 0.3, False),  # another process holds the second core now
        ("2.60 2.10 1.00 1/95 1234", 2.6, False),  # idle at this instant only: busy on average
        ("garbled", 0.5, True),  # no instant count: the load average alone
        ("garbled", 1.5, False),
    ],
)
def test_a_second_worker_only_where_a_core_is_idle(tmp_path, monkeypatch, line, load, idle):
    loadavg = tmp_path / "loadavg"
    loadavg.write_text(line + "\n", encoding="ascii")
    monkeypatch.setattr(pdf_workers.os, "getloadavg", lambda: (load, load, load))
    assert pdf_workers.idle_core(2, str(loadavg)) is idle
    assert pdf_workers.idle_core(2, str(tmp_path / "missing")) is (load <= 1)
