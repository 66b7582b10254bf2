"""Checking the figures in report text (.txt, .md, .docx, or a string).

The pipeline, one module per step::

    normalise   full-width digits, traditional characters, soft line breaks (offset map kept)
    tables      flattened tables (cells separated by "|") → table facts with parent rows
    mentions    figures with units (not dates, years, codes, rankings)
    segment     sentences and clauses
    claims      roles of the figures, subjects, parallel lists, 其中 groups
    bases       share bases by name, or inferred when parts exhaust them; unnamed bases of
                其中 lists and of lists adding up to the total stated before them (checks)
    checks      claims → checks (TXT rules), comparison words (TXT012)
    frames      facts, instances and links for the engine; an amount's ``item`` is the name
                a table would give it (labels.item_name), which the text-table binder
                (fincheck/kinds/texttable.py, TXT011) pairs with the document's tables

:func:`load_text` returns a :class:`fincheck.report.Loaded` whose ``bound`` holds the text
facts with the pre-bound claim checks, and the flattened tables' facts with theirs.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

#: texts longer than this are checked in their first MAX_CHARS characters only
MAX_CHARS = 1_000_000
MAX_BYTES = 64 * 1024 * 1024


def load_text(text: str, name: str = "<text>"):
    from ..report import Loaded
    from .frames import text_frames
    from .normalise import normalise
    from .tables import find_tables

    if not isinstance(text, str):
        raise InputError(name, "text must be a string")
    if "\x00" in text[:10000]:
        raise InputError(name, "not a text file (binary content)")
    note = ""
    if len(text) > MAX_CHARS:
        note = f"only the first {MAX_CHARS} characters were checked"
        text = text[:MAX_CHARS]
    loaded = Loaded(text=text)
    if not text.strip():
        return loaded
    # Markdown pipe tables go through the table recognisers, then leave the prose
    from ..sources.texttables import read_pipe_tables

    recognised, spans = read_pipe_tables(text, name)
    for rec in recognised:
        loaded.tables.append(rec.table)
        if not rec.facts.empty:
            loaded.facts.append(rec.facts)
        loaded.issues.extend(rec.issues)
    text = _mask(text, spans)
    norm = normalise(text)
    found = find_tables(norm, name)
    for t in found:
        if t.table is None:
            continue
        loaded.tables.append(t.table)
        loaded.bound.append((t.facts, t.instances, t.links))
    masked = _mask(norm.text, [(t.start, t.end) for t in found])
    facts, inst, links = text_frames(masked, norm, name)
    if len(facts):
        loaded.bound.append((facts, inst, links))
    if note:
        from ..tables.base import SchemaIssue

        loaded.issues.append(
            SchemaIssue("SCH002", name, None, {"line": 1, "start": 0, "end": 0, "quote": ""}, note, "info")
        )
    return loaded


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out the flattened tables (same length, so offsets stay valid)."""
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def load_text_file(path: Path):
    from ..textio import decode_bytes

    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    if path.suffix.lower() == ".docx":
        from .docx import load_docx

        return load_docx(path)
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
    return load_text(text, str(path))
