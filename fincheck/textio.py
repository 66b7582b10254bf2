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
