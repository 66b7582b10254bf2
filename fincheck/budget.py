"""Run one file's reader in a worker process under a time and memory budget.

Some libraries cannot be bounded from outside: python-calamine holds a sheet's used range
densely and can abort on a damaged .xls. Such a reader runs in a forked
worker whose address space is capped (``RLIMIT_AS``, limit ``memory_mb``) and which is killed
after ``seconds``; either way the file gets a one-line error and the run goes on. Where ``fork``
is not available the reader runs in-process, unbounded. (A PDF's pages are extracted by workers
of their own: :mod:`fincheck.sources.pdf_workers`.)
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import InputError
from .limits import MB, LimitError, current


def _child(conn, func: Callable[[Path], Any], path: Path, memory: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform without rlimits
        pass
    try:
        conn.send(("ok", func(path)))
    except BaseException as exc:
        send_failure(conn, exc)
    finally:
        conn.close()
    os._exit(0)


def send_failure(conn: Any, exc: BaseException) -> None:
    """Send a worker's failure to its parent: an :class:`InputError` with its template and place,
    anything else explained with its traceback; a worker that cannot even send exits with 3."""
    from .failures import explain

    if isinstance(exc, InputError):
        payload = ("input", exc.template, exc.place, exc.values, "")
    else:
        template, values = explain(exc)
        payload = ("error", template, None, values, "".join(traceback.format_exception(exc)))
    try:
        conn.send(payload)
    except BaseException:
        os._exit(3)


def run_bounded(func: Callable[[Path], Any], path: Path) -> Any:
    """``func(path)`` in a worker under the current ``seconds`` and ``memory_mb`` limits."""
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not Linux
        return func(path)
    limits = current()
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, func, path, int(limits.memory_mb * MB)), daemon=True)
    sys.stderr.flush()
    proc.start()
    child.close()
    try:
        if not parent.poll(limits.seconds):
            raise LimitError(str(path), f"reading took longer than {limits.seconds:g} seconds", "seconds")
        try:
            status, *payload = parent.recv()
        except EOFError:
            proc.join(5)
            code = proc.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit {code}"
            raise InputError(
                str(path), "the reader stopped without an answer ({how}: out of memory or damaged content)", how=how
            ) from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    if status == "ok":
        return payload[0]
    message, place, values, trace = payload
    if trace and os.environ.get("FINCHECK_DEBUG"):
        print(f"fincheck: traceback while reading {path}:\n{trace}", file=sys.stderr, end="")
    raise InputError(str(path), message, place, **values)
