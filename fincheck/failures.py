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

from .errors import InputError, localised

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


def explain(exc: BaseException) -> tuple[str, dict[str, str]]:
    """What is wrong with the file, from the exception a reader raised: a template of
    :mod:`fincheck.error_text` and its values (``name``: the exception's type, ``detail``: its
    text, a library's English words that only the English template shows)."""
    name = type(exc).__name__
    detail = one_line(exc)
    module = type(exc).__module__ or ""
    values = {"name": name, "detail": detail or name}
    if isinstance(exc, InputError):
        return (exc.template, exc.values) if exc.template else ("cannot be read", {})
    if isinstance(exc, MemoryError):
        return "too large to read in the memory available (see --limits)", {}
    if isinstance(exc, RecursionError):
        return (
            "nested too deeply to be read (a structure that refers to itself or goes thousands of levels deep)",
            {},
        )
    if isinstance(exc, FileNotFoundError):
        return "no such file", {}
    if isinstance(exc, PermissionError):
        return "cannot be opened: permission denied", {}
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file", {}
    if isinstance(exc, OSError):
        return "cannot be read: {detail}", {**values, "detail": one_line(exc.strerror or detail) or name}
    if isinstance(exc, UnicodeError):
        return "cannot decode the text ({detail})", values
    if name == "PanicException" or module.startswith("pyo3"):
        return "damaged or unsupported workbook content (the reader stopped: {detail})", {
            **values,
            "detail": detail or "no reason given",
        }
    if module.startswith(("zipfile", "zlib")) or name in {"BadZipFile", "LargeZipFile"}:
        return "damaged zip archive ({detail})", values
    if module.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
        return "damaged or unsupported PDF ({detail})", {**values, "detail": f"{name}: {detail}" if detail else name}
    if module.startswith(("xml", "defusedxml", "lxml")):
        return "malformed XML inside the file ({detail})", values
    if _raised_in_fincheck(exc) or module.startswith("pandera"):  # our own frames failing their schema
        return "internal error while reading this file ({detail}; --debug shows where)", {
            **values,
            "detail": f"{name}: {detail}" if detail else name,
        }
    return "damaged or unsupported content ({detail})", {**values, "detail": f"{name}: {detail}" if detail else name}


def describe(exc: BaseException) -> str:
    """What is wrong with the file, in English (one line, never empty)."""
    if isinstance(exc, InputError):
        return one_line(exc.message, 400) or "cannot be read"
    template, values = explain(exc)
    return one_line(localised(template, values, "en"), 400)


def input_error(path: str | Path, exc: BaseException) -> InputError:
    """``exc`` as the :class:`InputError` of ``path`` (itself when it is one)."""
    if isinstance(exc, InputError):
        return exc
    template, values = explain(exc)
    return InputError(str(path), template, **values)


def reader_errors(path: str | Path, exc: BaseException) -> dict[str, str]:
    """The one-line error of a file whose reader raised ``exc``, in each language, and its
    stable code under ``"code"`` (``FINCHECK_DEBUG`` adds the traceback)."""
    if os.environ.get("FINCHECK_DEBUG") and not isinstance(exc, InputError):
        print(f"fincheck: traceback while reading {path}:", file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)
    error = input_error(path, exc)
    from .error_codes import error_code

    return {**{lang: one_line(error.text(lang), 600) for lang in ("en", "zh")}, "code": error_code(error.template)}


def reader_error(path: str | Path, exc: BaseException) -> str:
    """The one-line English error of a file whose reader raised ``exc``."""
    return reader_errors(path, exc)["en"]


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
