"""Which files a run reads: the paths given, and the report files inside the folders given.

Folders are walked without recursion (so a tree thousands of levels deep cannot overflow the
stack) and without following symlinked folders (so a symlink loop cannot hang the run). A
file reached twice — through a symlink or a hard link — is checked once. A subfolder that
cannot be listed, a tree deeper than :data:`MAX_DEPTH`, and a path that is neither a file nor
a folder (a FIFO named ``x.csv`` would block the reader forever) are reported as that path's
error instead of being skipped silently. A file name that is not valid UTF-8 comes back as a
:class:`NamedPath`, whose text (``str``) shows the undecodable bytes as ``\\xNN`` while the
file system still gets the real name (``os.fspath``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError
from .outputs import printable_path

MAX_DEPTH = 64


class NamedPath(type(Path())):  # type: ignore[misc]
    """A path whose ``str`` is printable (undecodable bytes as ``\\xNN``); ``os.fspath`` is the real name."""

    def __fspath__(self) -> str:
        return super().__str__()

    def __str__(self) -> str:
        return printable_path(super().__str__())


def _named(path: Path) -> Path:
    """``path`` as a :class:`NamedPath` when its name is not valid UTF-8."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return NamedPath(text)
    return path


def _wanted(name: str, suffixes: set[str]) -> bool:
    return not name.startswith(("~$", ".")) and os.path.splitext(name)[1].lower() in suffixes


def _walk(folder: Path, suffixes: set[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Report files under ``folder`` (sorted) and the subfolders that could not be searched."""
    found: list[Path] = []
    problems: list[tuple[Path, InputError]] = []
    stack: list[tuple[str, int]] = [(os.fspath(folder), 0)]
    while stack:
        current, depth = stack.pop()
        try:
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError as exc:
            where = _named(Path(current))
            problems.append(
                (where, InputError(str(where), "folder cannot be read: {detail}", detail=exc.strerror or str(exc)))
            )
            continue
        for entry in listed:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name.startswith("."):
                        continue
                    if depth + 1 > MAX_DEPTH:
                        where = _named(Path(entry.path))
                        problems.append(
                            (
                                where,
                                InputError(
                                    str(where),
                                    "folders nested more than {depth} levels deep are not searched",
                                    depth=MAX_DEPTH,
                                ),
                            )
                        )
                        continue
                    stack.append((entry.path, depth + 1))
                elif _wanted(entry.name, suffixes) and entry.is_file():  # a symlink to a file counts
                    found.append(_named(Path(entry.path)))
            except OSError as exc:
                where = _named(Path(entry.path))
                problems.append(
                    (where, InputError(str(where), "cannot be read: {detail}", detail=exc.strerror or str(exc)))
                )
    found.sort(key=os.fspath)
    return found, problems


def find_inputs(paths: list[str | os.PathLike], suffixes: set[str]) -> list[tuple[Path, InputError | None]]:
    """(path, error or None) for every input: files as given, folders expanded, duplicates once."""
    out: list[tuple[Path, InputError | None]] = []
    seen: set[tuple[int, int]] = set()
    for given in paths:
        path = _named(Path(given))
        try:
            st = os.stat(path)
        except OSError:
            out.append((path, None))  # the reader says what is wrong ("no such file" …)
            continue
        if stat.S_ISDIR(st.st_mode):
            files, problems = _walk(path, suffixes)
            out.extend((p, message) for p, message in problems)
            if not files and not problems:
                out.append((path, None))  # an empty folder stays, to be reported as unreadable
            for f in files:
                key = _key(f)
                if key is None or key not in seen:
                    out.append((f, None))
                if key is not None:
                    seen.add(key)
            continue
        if not stat.S_ISREG(st.st_mode):
            out.append(
                (path, InputError(str(path), "not a regular file (a pipe, socket or device): only files are read"))
            )
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            continue
        seen.add(key)
        out.append((path, None))
    return out


def _key(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
