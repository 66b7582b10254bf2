"""What went wrong reading one file, said in one line.

Any exception a reader raises — fincheck's own :class:`~fincheck.errors.InputError`, a library's
error on a damaged file, or a ``BaseException`` from native code (python-calamine's Rust
``PanicException``) — becomes that file's error, so one bad file never stops a batch. Only
``KeyboardInterrupt`` and ``SystemExit`` go through. Errors raised inside a library are
ordinary bad input and are described as such; errors raised in fincheck's own code are
internal errors: they say so, and ``--debug`` prints their traceback (naming the file).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
import warnings
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError

#: exceptions that end the run instead of one file
FATAL = (KeyboardInterrupt, SystemExit)
#: libraries that log warnings about damaged files (pdfminer: "Cannot set gray non-stroke color")
NOISY_LOGGERS = ("pdfminer", "pdfplumber", "openpyxl", "PIL", "fontTools")
MAX_DETAIL = 160

_PACKAGE = str(Path(__file__).resolve().parent)


def is_fatal(exc: BaseException) -> bool:
    return isinstance(exc, FATAL)


def one_line(text: object, limit: int = MAX_DETAIL) -> str:
    """``text`` on one line (whitespace runs collapsed), cut to ``limit`` characters; never fails."""
    try:
        flat = " ".join(str(text).split())
    except Exception:  # a __str__ that raises
        flat = ""
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _raised_in_fincheck(exc: BaseException) -> bool:
    """True when the innermost frame of the traceback is fincheck's own code (a bug of ours)."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return False
    filename = os.path.abspath(last.tb_frame.f_code.co_filename)
    return filename.startswith(_PACKAGE + os.sep)


def describe(exc: BaseException) -> str:
    """What is wrong with the file, from the exception a reader raised (one line, never empty)."""
    name = type(exc).__name__
    detail = one_line(exc)
    module = type(exc).__module__ or ""
    if isinstance(exc, InputError):
        return one_line(exc.message, 400) or "cannot be read"
    if isinstance(exc, MemoryError):
        return "too large to read in the memory available (see --limits)"
    if isinstance(exc, RecursionError):
        return "nested too deeply to be read (a structure that refers to itself or goes thousands of levels deep)"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "cannot be opened: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(exc, OSError):
        return f"cannot be read: {one_line(exc.strerror or detail) or name}"
    if isinstance(exc, UnicodeError):
        return f"cannot decode the text ({detail or name})"
    if name == "PanicException" or module.startswith("pyo3"):
        return f"damaged or unsupported workbook content (the reader stopped: {detail or 'no reason given'})"
    if module.startswith(("zipfile", "zlib")) or name in {"BadZipFile", "LargeZipFile"}:
        return f"damaged zip archive ({detail or name})"
    if module.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
        return f"damaged or unsupported PDF ({name}{': ' + detail if detail else ''})"
    if module.startswith(("xml", "defusedxml", "lxml")):
        return f"malformed XML inside the file ({detail or name})"
    if _raised_in_fincheck(exc) or module.startswith("pandera"):  # our own frames failing their schema
        return f"internal error while reading this file ({name}{': ' + detail if detail else ''}; --debug shows where)"
    return f"damaged or unsupported content ({name}{': ' + detail if detail else ''})"


def reader_error(path: str | Path, exc: BaseException) -> str:
    """The one-line error of a file whose reader raised ``exc`` (``FINCHECK_DEBUG`` adds the traceback)."""
    if os.environ.get("FINCHECK_DEBUG") and not isinstance(exc, InputError):
        print(f"fincheck: traceback while reading {path}:", file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, InputError):
        return one_line(exc, 600)
    return one_line(str(InputError(str(path), describe(exc))), 600)


@contextlib.contextmanager
def quiet_libraries() -> Iterator[None]:
    """No library warnings on stderr (Python warnings, and the loggers of :data:`NOISY_LOGGERS`)."""
    loggers = [logging.getLogger(n) for n in NOISY_LOGGERS]
    levels = [lg.level for lg in loggers]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for lg in loggers:
            lg.setLevel(logging.CRITICAL)
        try:
            yield
        finally:
            for lg, level in zip(loggers, levels, strict=True):
                lg.setLevel(level)


@contextlib.contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """Send what native code writes to file descriptor 2 (a Rust panic's message and backtrace)
    to nowhere while it runs: the panic itself arrives as an exception and is reported once."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no real stderr (embedded, closed): nothing to hide
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
