"""``--annotate OUT.xlsx``: a copy of each input workbook with its failing cells marked
(``OUT.pdf`` and ``OUT.docx`` mark PDF and Word inputs: :mod:`.annotate_pdf`, :mod:`.annotate_docx`).

Each failing cell is filled (red: error, amber: warning, blue: info) and gets a comment with
the rule, stated, expected, difference and message; a first sheet lists every finding of the
workbook with a link to its cell. The input is opened, never saved: only OUT is written.

With one workbook among the sources, OUT is written as given. With several, one file per
workbook is written next to OUT, named ``OUT-stem + "-" + workbook stem`` (``out.xlsx`` →
``out-a.xlsx``, ``out-b.xlsx``). Sources that are not .xlsx/.xlsm workbooks are not annotated.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from ..model.location import format_location, place_of
from ..outputs import OutputError, refuse_unsafe, write_atomic
from .excel import HEADER_FONT, put
from .labels import label, lang_of
from .marks import RANK, AnnotateError, comment_text

FILLS = {
    "error": PatternFill("solid", start_color="FFFFC7CE", end_color="FFFFC7CE"),
    "warning": PatternFill("solid", start_color="FFFFE699", end_color="FFFFE699"),
    "info": PatternFill("solid", start_color="FFDDEBF7", end_color="FFDDEBF7"),
}
WORKBOOKS = {".xlsx", ".xlsm"}
SUMMARY_SHEET = "fincheck"


#: the output suffix → the input suffixes it marks, and what to say when there is none (a
#: template of fincheck.error_text)
MARKABLE = WORKBOOKS | {".pdf", ".docx"}
_NO_BOOK = "{path}: nothing to annotate (--annotate {suffix} needs an .xlsx or .xlsm input)"
KINDS = {
    ".xlsx": (WORKBOOKS, _NO_BOOK),
    ".xlsm": (WORKBOOKS, _NO_BOOK),
    ".pdf": ({".pdf"}, "{path}: nothing to annotate (--annotate {suffix} needs a .pdf input)"),
    ".docx": ({".docx"}, "{path}: nothing to annotate (--annotate {suffix} needs a .docx input)"),
}


def targets(report, out_path, suffixes: set[str] = WORKBOOKS, needs: str = KINDS[".xlsx"][1]) -> list[tuple[str, Path]]:
    """(source path, output path) for every source with one of ``suffixes``; refuses to
    overwrite an input."""
    out = Path(out_path)
    books = [s.path for s in report.sources if not s.error and Path(s.path).suffix.lower() in suffixes]
    if not books:
        raise AnnotateError(needs, path=str(out), suffix=out.suffix or "OUT")
    if len(books) == 1:
        pairs = [(books[0], out)]
    else:
        pairs, used = [], set()
        for src in books:
            name = f"{out.stem}-{Path(src).stem}"
            n = 2
            while name in used:
                name, n = f"{out.stem}-{Path(src).stem}-{n}", n + 1
            used.add(name)
            pairs.append((src, out.with_name(name + (out.suffix if out.suffix.lower() in KINDS else ".xlsx"))))
    inputs = [s.path for s in report.sources]
    for _, target in pairs:
        try:
            refuse_unsafe(target, inputs)
        except OutputError as exc:
            raise AnnotateError(exc.template, **exc.values) from None
    return pairs


def _link(ref: str, sheet: str, cell: str) -> Hyperlink:
    """An internal link (no external relationship) to ``sheet!cell``."""
    return Hyperlink(ref=ref, location="'" + sheet.replace("'", "''") + "'!" + cell)


def annotate_one(report, source: str, target: Path, lang: str) -> Path:
    import openpyxl

    wb = openpyxl.load_workbook(source)  # formulas kept; never saved back to ``source``
    fails = report.findings[report.findings["source"] == source]
    marks: dict[tuple[str, str], list] = {}
    for row in fails.itertuples(index=False):
        loc = row.location if isinstance(row.location, dict) else {}
        if loc.get("sheet") in wb.sheetnames and loc.get("cell"):
            marks.setdefault((loc["sheet"], loc["cell"]), []).append(row)
    for (sheet, ref), rows in marks.items():
        cell = wb[sheet][ref]
        worst = min(rows, key=lambda r: RANK.get(r.severity, 9)).severity
        cell.fill = FILLS.get(worst, FILLS["error"])
        text = "\n\n".join(comment_text(r, lang) for r in rows)
        if cell.comment is not None and cell.comment.text:
            text = cell.comment.text.rstrip() + "\n\n" + text
        comment = Comment(text, "fincheck")
        comment.width, comment.height = 360, 40 + 18 * text.count("\n") + len(text) // 3
        cell.comment = comment
    name = SUMMARY_SHEET
    while name in wb.sheetnames:
        name += "_"
    ws = wb.create_sheet(name, 0)
    header = ["severity", "rule", "name", "location", "stated", "expected", "difference", "message", "related"]
    for j, key in enumerate(header, start=1):
        put(ws, 1, j, label(key, lang)).font = HEADER_FONT
    for i, row in enumerate(fails.itertuples(index=False), start=2):
        loc = row.location if isinstance(row.location, dict) else {}
        values = [
            label(row.severity, lang),
            row.rule,
            row.name,
            place_of(loc, row.related, lang),
            row.stated,
            row.expected,
            row.difference,
            row.message,
            "; ".join(format_location(x, lang) for x in (row.related or [])),
        ]
        for j, value in enumerate(values, start=1):
            put(ws, i, j, value)
        ws.cell(row=i, column=1).fill = FILLS.get(row.severity, FILLS["error"])
        if loc.get("sheet") in wb.sheetnames and loc.get("cell"):
            ws.cell(row=i, column=4).hyperlink = _link(f"D{i}", loc["sheet"], loc["cell"])
            ws.cell(row=i, column=4).style = "Hyperlink"
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHI", (8, 8, 26, 16, 12, 12, 12, 70, 30), strict=True):
        ws.column_dimensions[col].width = width
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False
    try:
        write_atomic(target, wb.save)
    except OutputError as exc:
        raise AnnotateError(exc.template, **exc.values) from None
    return target


def annotate_copy(report, source: str, target: Path, lang: str) -> Path:
    """One marked copy of ``source`` (a workbook, PDF or Word file) written to ``target``."""
    suffix = Path(source).suffix.lower()
    if suffix == ".pdf":
        from .annotate_pdf import annotate_pdf

        return annotate_pdf(report, source, target, lang)
    if suffix == ".docx":
        from .annotate_docx import annotate_docx

        return annotate_docx(report, source, target, lang)
    if suffix in WORKBOOKS:
        return annotate_one(report, source, target, lang)
    raise AnnotateError(
        "{path}: no marked copy for {suffix} files" if suffix else "{path}: no marked copy for files without a suffix",
        path=source,
        suffix=suffix,
    )


def annotate_workbook(report, out_path, lang: str | None = None) -> list[Path]:
    """Write the annotated copies; returns the paths written. ``OUT.pdf`` marks the PDF inputs
    (highlights with notes), ``OUT.docx`` the Word inputs (comments); anything else the workbooks."""
    L = lang_of(report, lang)
    suffixes, needs = KINDS.get(Path(out_path).suffix.lower(), KINDS[".xlsx"])
    return [annotate_copy(report, src, target, L) for src, target in targets(report, out_path, suffixes, needs)]
