"""Uploaded files: a safe place in the session's folder, and limits checked while streaming.

A browser sends each file in its own request, the body being the file's bytes and the name
(with its folder, for a dropped folder) in the query. The name is reduced to plain path parts
(no ``..``, no absolute path, no drive, no control characters), the suffix must be a report
format, and the bytes are written to a temporary name inside the session folder and renamed
when complete, so a refused or broken upload leaves nothing behind. Nothing is written before
the name is known to lie inside the folder.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import FincheckError
from ..pipeline import INPUT_SUFFIXES

MB = 1024 * 1024
MAX_PARTS = 8  # folders deep
MAX_PART_CHARS = 120
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


class UploadError(FincheckError):
    """A request refused, with the message the page shows (HTTP ``status``): a template of
    :mod:`fincheck.error_text` and its values, said in the page's language."""

    def __init__(self, template: str, status: int = 400, **values) -> None:
        super().__init__(template, **values)
        self.status = status


@dataclass(frozen=True)
class UploadLimits:
    file_mb: float = 64
    files: int = 50
    session_mb: float = 256


def accepted() -> str:
    return " ".join(sorted(INPUT_SUFFIXES))


def safe_name(name: str) -> PurePosixPath:
    """The relative path an uploaded file is kept under, or :class:`UploadError`.

    ``../x.csv``, ``/etc/x.csv``, ``C:\\x.csv`` and ``a/./b.csv`` all become plain relative
    parts; a name that is nothing but dots and separators is refused."""
    text = unicodedata.normalize("NFC", name or "").replace("\\", "/")
    parts = []
    for part in text.split("/"):
        part = _UNSAFE.sub("_", part).strip().rstrip(".")
        if part in ("", ".", ".."):
            continue
        parts.append(part[-MAX_PART_CHARS:])
    if not parts:
        raise UploadError("{name}: not a file name", name=repr(name))
    parts = parts[-MAX_PARTS:]
    path = PurePosixPath(*parts)
    if path.name.startswith(("~$", ".")):
        raise UploadError("{path}: a hidden or temporary file, not a report", path=str(path))
    if path.suffix.lower() not in INPUT_SUFFIXES:
        raise UploadError("{path}: not a report file (accepted: {accepted})", 415, path=str(path), accepted=accepted())
    return path


def inside(root: Path, relative: PurePosixPath) -> Path:
    """``root / relative``, refused unless it stays inside ``root`` (checked after resolving)."""
    target = (root / Path(*relative.parts)).resolve()
    base = root.resolve()
    if not target.is_relative_to(base) or target == base:
        raise UploadError("{path}: outside the upload folder", path=str(relative))
    return target


async def save(
    chunks: AsyncIterator[bytes], root: Path, relative: PurePosixPath, size_hint: int | None, room: int, limit: int
) -> tuple[Path, int]:
    """Stream ``chunks`` to ``root / relative``; refuse past ``limit`` bytes for the file or
    past ``room`` bytes left for the session. Returns (path, bytes written)."""
    cap = min(limit, room)
    if size_hint is not None and size_hint > cap:
        raise _too_big(relative, size_hint, limit, room)
    target = inside(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    inside(root, PurePosixPath(*relative.parts[:-1], relative.name))  # the folders made stay inside too
    partial = target.with_name(f".{target.name}.part")
    written = 0
    try:
        with partial.open("wb") as fh:
            async for chunk in chunks:
                written += len(chunk)
                if written > cap:
                    raise _too_big(relative, written, limit, room)
                fh.write(chunk)
        if written == 0:
            raise UploadError("{path}: empty file", path=str(relative))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target, written


def _too_big(relative: PurePosixPath, size: int, limit: int, room: int) -> UploadError:
    if size > limit:
        return UploadError(
            "{path}: larger than the {mb} MB limit for one file", 413, path=str(relative), mb=f"{limit / MB:g}"
        )
    return UploadError(
        "{path}: the session's files would exceed {mb} MB left (remove some first)",
        413,
        path=str(relative),
        mb=f"{room / MB:.0f}",
    )
