"""``--annotate OUT.docx``: a copy of each Word input with a comment on each failing figure's
paragraph or table cell (the finding) and on its operands' (naming the finding). Places are
found as the Word reader numbers them (``sources.docx``: tables in document order, rows and
cells from 1; paragraphs from 1, each table row counting as one). The input is read, never
written: python-docx (≥ 1.2, which writes comments) saves the copy to OUT."""

from __future__ import annotations

from pathlib import Path

from ..outputs import OutputError, write_atomic
from .marks import AnnotateError, marks_of


def _places(doc):
    """(paragraph-numbered items, top-level tables): an item is a body paragraph or a table row."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    items, tables = [], []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            items.append(Paragraph(child, doc))
        elif tag == "tbl":
            table = Table(child, doc)
            tables.append(table)
            items.extend(row.cells[0].paragraphs[0] if row.cells else None for row in table.rows)
    return items, tables


def _paragraph_of(location: dict, items, tables):
    if location.get("table") is not None and location.get("row") is not None:
        k, r, c = int(location["table"]), int(location["row"]), int(location.get("column") or 1)
        if not 1 <= k <= len(tables) or not 1 <= r <= len(tables[k - 1].rows):
            return None
        cells = tables[k - 1].rows[r - 1].cells
        return cells[c - 1].paragraphs[0] if 1 <= c <= len(cells) and cells[c - 1].paragraphs else None
    number = location.get("paragraph")
    if number is None or not 1 <= int(number) <= len(items):
        return None
    return items[int(number) - 1]


def _runs(paragraph, location: dict):
    """The runs holding the span ``start:end`` of the paragraph (all of them without a span)."""
    runs = list(paragraph.runs)
    if not runs:
        runs = [paragraph.add_run("")]
    start, end = location.get("start"), location.get("end")
    if start is None or end is None:
        return runs
    picked, at = [], 0
    for run in runs:
        length = len(run.text)
        if at < int(end) and at + length > int(start):
            picked.append(run)
        at += length
    return picked or runs


def annotate_docx(report, source: str, target: Path, lang: str) -> Path:
    import docx

    doc = docx.Document(source)
    if not hasattr(doc, "add_comment"):  # pragma: no cover - python-docx < 1.2
        raise AnnotateError("{path}: Word comments need python-docx 1.2 or later", path=str(target))
    items, tables = _places(doc)
    for mark in marks_of(report, source, lang):
        paragraph = _paragraph_of(mark.location, items, tables)
        if paragraph is None:
            continue
        doc.add_comment(_runs(paragraph, mark.location), text="\n\n".join(mark.notes), author="fincheck", initials="fc")
    try:
        write_atomic(target, doc.save)
    except OutputError as exc:
        raise AnnotateError(exc.template, **exc.values) from None
    return target
