"""Decoding text files: UTF-8 (with or without BOM), then GB18030 (a superset of GBK)."""

from __future__ import annotations

from .errors import InputError


def decode_bytes(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - detector failure is just "undecodable"
        best = None
    if best is not None and best.encoding:
        return str(best)
    raise InputError(path, "cannot decode the text (not UTF-8 or GBK/GB18030)")


def decode_utf16(data: bytes, path: str) -> str | None:
    """UTF-16 text: with a byte-order mark, or without one when the file has NUL bytes and one
    byte order reads it as text (line ends, commas and digits are ASCII in either: the byte
    order that yields them is the file's). None when the bytes do not look like UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").lstrip("\ufeff")
        except UnicodeDecodeError:
            raise InputError(path, "cannot decode the text (broken UTF-16)") from None
    if b"\x00" not in data[:4096] or len(data) % 2:
        return None
    best, score = None, 0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        ascii_chars = sum(1 for ch in text[:4096] if "\t" <= ch <= "~")
        if "\x00" not in text and ascii_chars > score:
            best, score = text, ascii_chars
    return best
