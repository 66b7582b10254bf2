"""Word documents: paragraphs and tables, in document order, through the text pipeline.

Each paragraph becomes one line; a table becomes one line per row with cells joined by
" | " (so the flattened-table reader sees it). Locations are rewritten from lines to
{paragraph, start, end, quote} (paragraph numbers from 1, offsets inside the paragraph;
rows of a table count as paragraphs in order).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def docx_lines(path: Path, skip_tables: frozenset[int] = frozenset()) -> list[str]:
    """One line per paragraph and per table row; the rows of tables in ``skip_tables`` (numbered
    from 1, read as tables elsewhere) become empty lines, so paragraph numbers do not move."""
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(str(path), "reading .docx needs python-docx") from None
    try:
        doc = docx.Document(str(path))
    except Exception as exc:
        raise InputError(str(path), f"not a readable .docx file ({type(exc).__name__})") from None
    lines: list[str] = []
    number = 0
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, doc).text.replace("\n", " "))
        elif tag == "tbl":
            number += 1
            for row in DocxTable(child, doc).rows:
                if number in skip_tables:
                    lines.append("")
                    continue
                texts = []
                for cell in row.cells:
                    t = cell.text.replace("\n", " ").replace("|", "/").strip()
                    if not texts or t != texts[-1]:  # merged cells repeat
                        texts.append(t)
                lines.append(" | ".join(texts) + " |")
    return lines


def load_docx(path: Path, skip_tables: frozenset[int] = frozenset()):
    from . import load_text

    lines = docx_lines(path, skip_tables)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(str(path), "the document holds no text")
    loaded = load_text(text, str(path))
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def relocate(loc: dict) -> dict:
        if not isinstance(loc, dict) or "line" not in loc:
            return loc
        n = int(loc["line"])
        base = starts[n - 1] if 0 < n <= len(starts) else 0
        return {"paragraph": n, "start": loc["start"] - base, "end": loc["end"] - base, "quote": loc["quote"]}

    bound = []
    for facts, inst, links in loaded.bound:
        facts = facts.copy()
        facts["location"] = facts["location"].map(relocate)
        facts["loc"] = facts["location"].map(lambda d: f"paragraph {d.get('paragraph')}")
        bound.append((facts, inst, links))
    loaded.bound = bound
    relocated = []
    for facts in loaded.facts:
        facts = facts.copy()
        facts["location"] = facts["location"].map(relocate)
        relocated.append(facts)
    loaded.facts = relocated
    return loaded
