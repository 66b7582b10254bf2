"""``--annotate OUT.pdf``: a copy of each PDF input with a highlight on each failing figure
(red, amber or blue by severity, its note the finding) and on each of its operands (yellow, its
note naming the finding). The boxes are those of the PDF reader (``sources.pdf.locate_box``).
The input is read, never written: pypdf copies it into OUT."""

from __future__ import annotations

from pathlib import Path

from ..outputs import OutputError, write_atomic
from .marks import AnnotateError, marks_of

COLOURS = {"error": "ff8a80", "warning": "ffd180", "info": "80d8ff"}
OPERAND = "fff176"


def _boxes(source: str, marks) -> dict[int, list[tuple[object, tuple[float, float, float, float], float, float]]]:
    """page number → (mark, box in reader coordinates, page width, page height)."""
    import pdfplumber

    from ..sources.pdf import locate_box, page_layout

    out: dict[int, list] = {}
    wanted = sorted({int(m.location["page"]) for m in marks if m.location.get("page") is not None})
    with pdfplumber.open(source) as pdf:
        for number in wanted:
            if not 1 <= number <= len(pdf.pages):
                continue
            page = pdf.pages[number - 1]
            layout = page_layout(page)
            for mark in marks:
                if mark.location.get("page") == number and (box := locate_box(layout, mark.location)) is not None:
                    out.setdefault(number, []).append((mark, box, float(page.width), float(page.height)))
    return out


def annotate_pdf(report, source: str, target: Path, lang: str) -> Path:
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    marks = marks_of(report, source, lang)
    boxes = _boxes(source, marks)
    writer = PdfWriter(clone_from=PdfReader(source))
    for number, placed in boxes.items():
        page = writer.pages[number - 1]
        left, top_edge = float(page.mediabox.left), float(page.mediabox.top)
        for mark, (x0, top, x1, bottom), _w, _h in placed:
            # the reader measures from the page's top left; PDF from its bottom left
            rect = (left + x0, top_edge - bottom, left + x1, top_edge - top)
            quad = ArrayObject(
                FloatObject(v) for v in (rect[0], rect[3], rect[2], rect[3], rect[0], rect[1], rect[2], rect[1])
            )
            colour = COLOURS.get(mark.severity, COLOURS["error"]) if mark.role == "figure" else OPERAND
            note = Highlight(rect=rect, quad_points=quad, highlight_color=colour, printing=True)
            note[NameObject("/Contents")] = TextStringObject("\n\n".join(mark.notes))
            note[NameObject("/T")] = TextStringObject("fincheck")
            note[NameObject("/Subj")] = TextStringObject(mark.role)
            writer.add_annotation(number - 1, note)
    try:
        write_atomic(target, writer.write)
    except OutputError as exc:
        raise AnnotateError(exc.template, **exc.values) from None
    return target
