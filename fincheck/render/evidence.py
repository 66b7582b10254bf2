"""Evidence beside a finding: where its figures are, shown from the source itself.

- a workbook, CSV or Word table: the few rows around the cell, the cell and its operands
  highlighted (``td.ev-target``, ``td.ev-operand``);
- a PDF: the page rendered as an image with the cell or the sentence boxed
  (:mod:`.evidence_pdf`);
- a text or a Word paragraph: the sentence with the figures marked (``mark.ev-target``,
  ``mark.ev-operand``).

:class:`Evidence` reads each source once (through the same readers as the pipeline) and
returns escaped HTML; anything it cannot show is a short note, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from ..failures import one_line
from ..grid import a1, from_a1
from ..model import Document, Grid

CSS = """
.ev{margin:.3rem 0}.ev table{border-collapse:collapse;font-size:.8rem}
.ev td,.ev th{border:1px solid #ddd;padding:.1rem .35rem;white-space:nowrap}
.ev th{background:#f4f4f4;color:#666;font-weight:normal}
.ev td.ev-target{background:#ffcdd2;outline:2px solid #c62828}.ev td.ev-operand{background:#fff3c4}
.ev mark.ev-target{background:#ffcdd2;outline:1px solid #c62828}.ev mark.ev-operand{background:#fff3c4}
.ev .ev-line{white-space:pre-wrap;line-height:1.6}.ev svg{max-width:100%;height:auto;border:1px solid #ccc}
.ev rect.ev-target{fill:rgba(198,40,40,.15);stroke:#c62828;stroke-width:2}
.ev rect.ev-operand{fill:rgba(255,193,7,.2);stroke:#d97706;stroke-width:1.5}
"""

AROUND = 2  # rows either side of the cell
MAX_ROWS = 14
MAX_COLS = 10


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _key(loc: dict) -> tuple:
    return tuple(sorted((k, v) for k, v in loc.items() if k != "quote"))


class Evidence:
    """Evidence HTML for the checks of one report; ``resolve(source)`` is the file to read."""

    def __init__(self, resolve: Callable[[str], Path] = Path, pages: Any = None) -> None:
        self.resolve = resolve
        self._documents: dict[str, Document | str] = {}
        self.pages = pages  # the PDF page renderer (evidence_pdf.Pages), made when first needed

    def document(self, source: str) -> Document | str:
        """The source read again (cached), or the reason it cannot be."""
        if source not in self._documents:
            from ..sources import read_document

            try:
                self._documents[source] = read_document(self.resolve(source))
            except Exception as exc:  # shown as a note: evidence never breaks a report
                self._documents[source] = one_line(exc)
        return self._documents[source]

    def html(self, row: Any, lang: str = "zh") -> str:
        """The evidence of one check (a row of ``report.checks``), as an HTML fragment (its few
        words, a PDF page's title, in ``lang``)."""
        location = row.location if isinstance(row.location, dict) else {}
        related = [r for r in (row.related or []) if isinstance(r, dict) and _key(r) != _key(location)]
        if not location or "rule" in location:
            return ""
        try:
            body = self._body(str(row.source), location, related, lang)
        except Exception as exc:  # a bug here must not cost the report
            body = f'<p class="muted">{_e(one_line(exc))}</p>'
        return f'<div class="ev">{body}</div>' if body else ""

    def _body(self, source: str, location: dict, related: list[dict], lang: str = "zh") -> str:
        if location.get("page") is not None and str(source).lower().endswith(".pdf"):
            from .evidence_pdf import Pages

            if self.pages is None:
                self.pages = Pages()
            return self.pages.figure(self.resolve(source), location, related, lang)
        doc = self.document(source)
        if isinstance(doc, str):
            return f'<p class="muted">{_e(doc)}</p>'
        if location.get("cell") is not None or (location.get("table") is not None and location.get("row") is not None):
            return cells_html(doc, location, related)
        if location.get("start") is not None:
            return sentence_html(doc, location, related)
        return ""


# cells ---------------------------------------------------------------------------------------


def _find(doc: Document, loc: dict) -> tuple[Grid, int, int] | None:
    """The grid and (row, col) a location names."""
    if loc.get("cell") is not None:
        for grid in doc.grids:
            if grid.sheet == loc.get("sheet") and grid.locate is None:
                r, c = from_a1(str(loc["cell"]))
                return grid, r, c
    want = _key(loc)
    for grid in doc.grids:
        for r, c in zip(grid.cells["row"].tolist(), grid.cells["col"].tolist(), strict=True):
            if _key(grid.location(r, c).to_dict()) == want:
                return grid, r, c
    return None


def _columns(cols: set[int], last: int) -> list[int]:
    wanted = sorted({1, 2, *cols})
    if wanted[-1] <= MAX_COLS:
        return list(range(1, min(max(wanted[-1] + 1, 3), last) + 1))
    return wanted[:MAX_COLS]


def cells_html(doc: Document, location: dict, related: list[dict]) -> str:
    """The rows around the cell, the cell and its operands (those in the same grid) highlighted."""
    found = _find(doc, location)
    if found is None:
        return ""
    grid, r0, c0 = found
    operands = set()
    for loc in related:
        hit = _find(doc, loc)
        if hit is not None and hit[0] is grid:
            operands.add((hit[1], hit[2]))
    cells = grid.cells
    text = {
        (r, c): t for r, c, t in zip(cells["row"].tolist(), cells["col"].tolist(), cells["text"].tolist(), strict=True)
    }
    last_row = int(cells["row"].max()) if len(cells) else r0
    rows = set(range(max(1, r0 - AROUND), min(last_row, r0 + AROUND) + 1)) | {r for r, _ in operands}
    rows = set(sorted(rows, key=lambda r: (abs(r - r0), r))[:MAX_ROWS])
    cols = _columns({c0, *(c for _, c in operands)}, int(cells["col"].max()) if len(cells) else c0)
    sheet = grid.locate is None
    head = "".join(f"<th>{_e(a1(1, c)[:-1]) if sheet else c}</th>" for c in cols)
    out = [f"<table><tr><th></th>{head}</tr>"]
    previous = None
    for r in sorted(rows):
        if previous is not None and r > previous + 1:
            out.append(f'<tr><th>…</th><td colspan="{len(cols)}"></td></tr>')
        previous = r
        tds = []
        for c in cols:
            cls = "ev-target" if (r, c) == (r0, c0) else "ev-operand" if (r, c) in operands else ""
            attr = f' class="{cls}"' if cls else ""
            tds.append(f"<td{attr}>{_e(text.get((r, c), ''))}</td>")
        out.append(f"<tr><th>{_e(r if sheet else _row_label(grid, r, c0))}</th>{''.join(tds)}</tr>")
    out.append("</table>")
    return "".join(out)


def _row_label(grid: Grid, row: int, col: int) -> str:
    """A Word or PDF table's own row number (the grid also holds the lines above the table)."""
    number = grid.location(row, col).to_dict().get("row")
    return "" if number is None else str(number)


# sentences -----------------------------------------------------------------------------------


def _line_of(doc: Document, loc: dict) -> tuple[int, str, int] | None:
    """(line number, its text, the offset its spans are counted from)."""
    if doc.prose is None:
        return None
    lines = doc.prose.lines
    number = loc.get("paragraph") or loc.get("line")
    if not number or not 1 <= int(number) <= len(lines):
        return None
    number = int(number)
    text = lines[number - 1]
    if loc.get("paragraph") is not None:
        return number, text, 0
    base = sum(len(x) + 1 for x in lines[: number - 1])  # plain text: offsets in the whole text
    start = int(loc.get("start") or 0)
    return number, text, base if start >= base else 0


def _marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, at = [], 0
    for start, end, cls in sorted(spans):
        if start < at or end > len(text) or start >= end:
            continue
        out.append(_e(text[at:start]))
        out.append(f'<mark class="{cls}">{_e(text[start:end])}</mark>')
        at = end
    out.append(_e(text[at:]))
    return "".join(out)


def sentence_html(doc: Document, location: dict, related: list[dict]) -> str:
    """The line or paragraph of the figure, the figure and its operands marked."""
    lines: dict[int, tuple[str, list[tuple[int, int, str]]]] = {}
    for loc, cls in [(location, "ev-target"), *((r, "ev-operand") for r in related)]:
        found = _line_of(doc, loc)
        if found is None or loc.get("start") is None:
            continue
        number, text, base = found
        start, end = int(loc["start"]) - base, int(loc.get("end") or 0) - base
        quote = loc.get("quote")
        if quote and text[start:end] != quote and quote in text:
            start = text.index(quote)
            end = start + len(quote)
        lines.setdefault(number, (text, []))[1].append((start, end, cls))
    return "".join(
        f'<p class="ev-line"><span class="muted">{n}</span> {_marked(text, spans)}</p>'
        for n, (text, spans) in sorted(lines.items())[:4]
    )
