"""A PDF's pages extracted by pdfplumber in worker processes, under the time and memory limits.

pdfminer cannot be bounded from outside (it inflates a content stream whole; a PDF whose
resources refer to themselves can keep it busy forever), and its layout work is most of the
time of reading a PDF. So the pages are extracted in workers that import only pdfplumber
(:mod:`.pdf_pages`) and send back plain page data, page by page; the caller builds the grids
from it. Where a second core is idle the pages are shared between two workers (odd and even
pages: :func:`default_parts`), and the command line starts them before it imports pandas and the rules
(:func:`prefetch`), so extraction runs while the main process gets ready.

Each worker's address space is capped (``RLIMIT_AS``, limit ``memory_mb``) and its CPU time
bounded (so a worker whose caller was killed ends by itself); the caller waits at most
``seconds`` for the whole file from when it asks for the pages. Whatever happens (an error, a worker that dies, the time
limit) the file gets one line and every worker is stopped and reaped.
"""

from __future__ import annotations

import atexit
import math
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import wait
from pathlib import Path

from ..errors import InputError
from ..limits import MB, LimitError, Limits, current, using
from ..processes import worker_context
from .pdf_pages import PageData, open_pdf, page_count, page_data

#: modules the forkserver imports once for every PDF worker it forks
PRELOAD = ("fincheck.sources.pdf_pages", "pdfplumber")
#: seconds a worker may run past the time limit before its CPU limit stops it
_GRACE = 5


def _bound(limits: Limits) -> None:
    try:
        import resource

        memory = int(limits.memory_mb * MB)
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = math.ceil(limits.seconds) + _GRACE
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform without rlimits
        pass


def extract(conn, path: Path, part: int, parts: int, limits: Limits) -> None:
    """A worker: pages ``part + 1``, ``part + 1 + parts`` … of ``path`` sent as
    :class:`PageData`, after ``("pages", n)``; then ``("done",)``, or the error it met."""
    from ..budget import send_failure
    from ..collector import settle
    from ..failures import quiet_libraries

    _bound(limits)
    settle()  # a worker ends with its file: what it inherited or imported is not garbage
    try:
        with using(limits), quiet_libraries(), open_pdf(path) as pdf:
            conn.send(("pages", page_count(pdf, path)))
            for number in range(part + 1, len(pdf.pages) + 1, parts):
                page = pdf.pages[number - 1]
                conn.send(("page", page_data(path, page, number)))
                page.close()  # its objects are not needed again
        conn.send(("done",))
    except BaseException as exc:
        send_failure(conn, exc)
    finally:
        conn.close()


#: the function each worker runs (a module-level name, so that a test can replace it)
WORKER = extract


def context():
    """``fork`` on Linux while this process runs one thread (the command line starts the workers
    before anything else: nothing to copy, nothing to re-import, and a script that calls
    :func:`fincheck.check` needs no ``__main__`` guard); else fincheck's worker convention
    (:func:`fincheck.processes.worker_context`: forkserver, or spawn), whose workers import
    this module and pdfplumber only."""
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return worker_context(PRELOAD)


def default_parts() -> int:
    """Two workers where a second core is idle (:func:`idle_core`) and this is not already a
    worker of a batch; else one. On a busy machine a second worker saves no time and costs a
    second open of the file."""
    cores = os.cpu_count() or 1
    if cores < 2 or multiprocessing.parent_process() is not None:
        return 1
    return 2 if idle_core(cores) else 1


#: where Linux says how many processes are runnable at this instant ("1/95": this one of 95)
_LOADAVG = "/proc/loadavg"


def idle_core(cores: int, loadavg: str = _LOADAVG) -> bool:
    """Whether a core is idle for a second worker. Where the system says how many processes
    are runnable at this instant (Linux's ``/proc/loadavg``): none but this one leaves a core
    idle, unless the last minute's load average exceeds the cores (a machine that is busy on
    average, idle only at this instant). Elsewhere: the last minute's load average leaves a core
    idle. The instant count matters because the load average lags: a run that starts right
    after other runs ended (a benchmark's turns, a script checking files one by one) still
    sees their load for a minute, though the cores are idle now."""
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average (Windows)
        return True
    try:
        with open(loadavg, encoding="ascii") as fh:
            running = int(fh.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return busy <= cores - 1
    return running <= cores - 1 and busy <= cores


class Extraction:
    """The workers extracting one PDF; :meth:`pages` gives its pages in order."""

    def __init__(self, path: Path, parts: int | None = None, ctx=None) -> None:
        self.path = path
        self.limits = current()
        self.parts = parts or default_parts()
        ctx = ctx or context()
        if ctx.get_start_method() == "fork" and self.parts > 1:  # imported once here, not in each worker
            import pdfplumber  # noqa: F401
        # one worker imports pdfplumber itself: this process never needs it to check a PDF
        self.procs, self.conns = [], []
        sys.stderr.flush()
        try:
            for part in range(self.parts):
                mine, theirs = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=WORKER, args=(theirs, path, part, self.parts, self.limits), daemon=True)
                proc.start()
                theirs.close()
                self.procs.append(proc)
                self.conns.append(mine)
        except BaseException:
            self.close()
            raise

    def _error(self, payload: tuple) -> InputError:
        _kind, template, place, values, trace = payload
        if trace and os.environ.get("FINCHECK_DEBUG"):
            print(f"fincheck: traceback while reading {self.path}:\n{trace}", file=sys.stderr, end="")
        return InputError(str(self.path), template, place, **values)

    def _died(self, part: int) -> InputError:
        proc = self.procs[part]
        proc.join(5)
        code = proc.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit {code}"
        return InputError(
            str(self.path), "the reader stopped without an answer ({how}: out of memory or damaged content)", how=how
        )

    def pages(self) -> Iterator[PageData]:
        """The pages in order; raises the first error in page order (the file's one line)."""
        buffered: dict[int, PageData] = {}
        failed: dict[int, InputError] = {}
        live = dict(enumerate(self.conns))
        total: int | None = None
        number = 1
        # the time limit runs from when the caller starts waiting (an early start does not use it up)
        deadline = time.monotonic() + self.limits.seconds
        while total is None or number <= total:
            if number in buffered:
                yield buffered.pop(number)
                number += 1
                continue
            owner = (number - 1) % self.parts
            if owner in failed:  # a worker sends its pages in order: its error comes before this page
                raise failed[owner]
            if owner not in live:
                raise self._died(owner)
            remaining = deadline - time.monotonic()
            ready = wait(list(live.values()), max(0.0, remaining)) if remaining > 0 else []
            if not ready:
                raise LimitError(str(self.path), f"reading took longer than {self.limits.seconds:g} seconds", "seconds")
            for part, conn in list(live.items()):
                if conn not in ready:
                    continue
                try:
                    message = conn.recv()
                except EOFError:
                    del live[part]
                    failed.setdefault(part, self._died(part))
                    continue
                if message[0] == "page":
                    buffered[message[1].number] = message[1]
                elif message[0] == "pages":
                    total = message[1]
                elif message[0] == "done":
                    del live[part]
                else:
                    del live[part]
                    failed[part] = self._error(message)

    def close(self) -> None:
        """Stop and reap every worker (a finished one is only reaped)."""
        for proc in self.procs:
            if proc.is_alive():
                proc.kill()
        for proc in self.procs:
            proc.join()
        for conn in self.conns:
            conn.close()
        self.procs, self.conns = [], []

    def matches(self, path: Path) -> bool:
        return os.path.abspath(str(path)) == os.path.abspath(str(self.path)) and self.limits == current()


_STARTED: list[Extraction] = []


def prefetch(path: Path) -> None:
    """Start extracting ``path`` now (under the current limits), for :func:`extraction` to take."""
    if not any(e.matches(path) for e in _STARTED):
        _STARTED.append(Extraction(path))


def extraction(path: Path) -> Extraction:
    """The extraction of ``path`` started by :func:`prefetch`, else a new one."""
    for e in _STARTED:
        if e.matches(path):
            _STARTED.remove(e)
            return e
    return Extraction(path)


def discard(path: Path) -> None:
    """Stop an extraction of ``path`` started early and not taken (its file failed first)."""
    for e in [e for e in _STARTED if e.matches(path)]:
        _STARTED.remove(e)
        e.close()


@atexit.register
def cancel_prefetched() -> None:
    """Stop the extractions started and never taken (the run ended before reading them)."""
    while _STARTED:
        _STARTED.pop().close()
