"""Read text reports (.txt, .md): decode the bytes; the prose is located by line and offset."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Document, Prose
from ..textio import decode_bytes

MAX_BYTES = 64 * 1024 * 1024


def read_text_file(path: Path) -> str:
    """The text of a file (UTF-8, UTF-16 with a BOM, GB18030 …); raises InputError if unusable."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(str(path), "the file is empty")
    with path.open("rb") as fh:
        data = fh.read(MAX_BYTES)
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise InputError(str(path), "not a text file (binary content)")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(str(path), "cannot decode the text (broken UTF-16)") from None
    else:
        text = decode_bytes(data, str(path))
    if not text.strip():
        raise InputError(str(path), "the file holds no text")
    bad = text.count("\ufffd")
    if bad > max(10, len(text) // 100):
        raise InputError(str(path), "cannot decode the text (too many undecodable bytes)")
    return text


def read_text(path: Path) -> Document:
    """A text file as a document with no grids: its pipe tables are found by the text stage."""
    return Document(str(path), "text", prose=Prose(read_text_file(path).split("\n")))
