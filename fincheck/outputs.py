"""Where reports are written: never over an input, never half-written.

:func:`refuse_unsafe` refuses an output path that is an input file, resolves to one (a symlink,
or a hard link: the same device and inode), or lies inside an input folder, and an output folder
that is missing or not writable — each as one :class:`OutputError` line (exit 2), before any
checking starts. :func:`write_atomic` writes through a temporary file in the target's own folder
and renames it into place, so an interrupted run leaves the old file (or none), never a
truncated one. File names that are not UTF-8 (surrogate-escaped by Python) are written with
their undecodable bytes as ``\\xNN`` (the ``fincheck-escape`` error handler), so one such name
cannot lose the whole report.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import FincheckError

ESCAPE = "fincheck-escape"


class OutputError(FincheckError):
    """An output that cannot or must not be written."""


def _escape(err: UnicodeError) -> tuple[str, int]:
    """Encoding errors: a surrogate-escaped byte becomes ``\\xNN``, anything else ``\\uXXXX``."""
    if not isinstance(err, UnicodeEncodeError):
        raise err
    out = []
    for ch in err.object[err.start : err.end]:
        code = ord(ch)
        out.append(f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}")
    return "".join(out), err.end


with contextlib.suppress(LookupError):
    codecs.lookup_error(ESCAPE)
codecs.register_error(ESCAPE, _escape)


def printable_path(path: str | os.PathLike) -> str:
    """A path as text that any UTF-8 output accepts (undecodable bytes as ``\\xNN``)."""
    text = os.fspath(path)
    return text.encode("utf-8", ESCAPE).decode("utf-8")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def refuse_unsafe(target: str | os.PathLike, inputs: Iterable[str | os.PathLike], files: Iterable[Path] = ()) -> Path:
    """Refuse ``target`` when writing it could replace an input, or cannot succeed; returns it.

    ``inputs`` are the paths as given (files or folders); ``files`` the input files found in
    them (for hard links to files inside folders).
    """
    out = Path(target)
    shown = printable_path(out)
    if out.is_dir():
        raise OutputError("{path}: is a folder; give a file name to write the report to", path=shown)
    resolved = out.resolve()
    given = [Path(p) for p in inputs]
    same = _identity(out)
    for p in given:
        real = p.resolve()
        if real == resolved or (same is not None and same == _identity(p)):
            raise OutputError("{path}: refusing to overwrite an input file", path=shown)
        if p.is_dir() and _inside(resolved, real):
            raise OutputError(
                "{path}: refusing to write inside the input folder {folder}", path=shown, folder=printable_path(p)
            )
    if same is not None:
        for f in files:
            if _identity(f) == same:
                raise OutputError(
                    "{path}: refusing to overwrite an input file ({file})", path=shown, file=printable_path(f)
                )
    folder = resolved.parent
    if not folder.is_dir():
        raise OutputError("{path}: the folder {folder} does not exist", path=shown, folder=printable_path(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError("{path}: the folder {folder} is not writable", path=shown, folder=printable_path(folder))
    return out


def _unwritable(out: Path, exc: OSError) -> OutputError:
    return OutputError("{path}: cannot be written: {detail}", path=printable_path(out), detail=exc.strerror or exc)


def write_atomic(target: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` for a temporary file next to ``target``, then rename it to ``target``."""
    out = Path(target)
    folder = out.resolve().parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _unwritable(out, exc) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, folder / out.name)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _unwritable(out, exc) from None
        raise
    return out


def write_text_atomic(target: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically (surrogate-escaped bytes as ``\\xNN``)."""
    data = text.encode(encoding, ESCAPE)
    return write_atomic(target, lambda tmp: tmp.write_bytes(data))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
