"""Finding text of the other language in a rendered output (shared by tests/test_languages.py).

English output may hold Chinese only where it repeats the input (labels, column and table
titles, quoted sentences, sheet names); Chinese output may hold Latin letters only in codes
(rule codes and names, table types, cell references), units, format names, and what the
input itself holds (file names, labels).
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"(?<![\w.\-/\\])[A-Za-z][A-Za-z'’]+(?![\w.\-/\\])")

#: Latin words a Chinese output may hold: names of formats, programs and units
ZH_ALLOWED = {
    "fincheck",
    "csv",
    "json",
    "html",
    "xlsx",
    "xlsm",
    "xls",
    "zip",
    "pdf",
    "docx",
    "word",
    "excel",
    "markdown",
    "txt",
    "md",
    "yaml",
    "toml",
    "utf",
    "bom",
    "id",
    "sheet1",
    "mb",
    "min",
}


def input_text(paths: list[Path]) -> str:
    """Everything the inputs say, for telling repeated input from the renderer's own words."""
    out = []
    for p in paths:
        out.append(p.name)
        if p.suffix in (".csv", ".txt", ".md"):
            out.append(p.read_text(encoding="utf-8"))
        elif p.suffix in (".xlsx", ".xlsm"):
            import openpyxl

            wb = openpyxl.load_workbook(p, read_only=True)
            for ws in wb.worksheets:
                out.append(ws.title)
                for row in ws.iter_rows(values_only=True):
                    out.extend(str(v) for v in row if v is not None)
    return "\n".join(out)


def _from_input(run: str, given: str) -> bool:
    """A run of Chinese the input explains: printed there, or a name the reading composes of two
    of the input's words (a scope carried to a sibling item: 行政事业性 + 净资产)."""
    if run in given:
        return True
    return any(run[:i] in given and run[i:] in given for i in range(2, len(run) - 1))


def foreign(text: str, lang: str, given: str, codes: set[str]) -> list[str]:
    """The runs of ``text`` in the other language that neither the input nor a code explains."""
    if lang == "en":
        return sorted({run for run in CJK.findall(text) if not _from_input(run, given)})
    given_words = {w.lower().rstrip("'’") for w in WORD.findall(given)}
    bad = set()
    for word in WORD.findall(text):
        low = word.lower().rstrip("'’")  # a closing quote is not part of the word
        if low in ZH_ALLOWED or low in given_words or word in codes:
            continue
        bad.add(word)
    return sorted(bad)


class _Text(HTMLParser):
    """The text of an HTML page a reader sees: text nodes and titles, not scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for k, v in attrs:
            if k in ("title", "aria-label", "placeholder", "alt") and v:
                self.parts.append(v)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "\n".join(parser.parts)


def xlsx_text(path: Path) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        out.append(ws.title)
        for row in ws.iter_rows(values_only=True):
            out.extend(str(v) for v in row if isinstance(v, str))
        for row in ws.iter_rows():
            out.extend(c.comment.text for c in row if c.comment is not None)
    return "\n".join(out)


def terminal_text(report, lang: str, width: int, show_all: bool = True) -> str:
    from rich.console import Console

    from fincheck.render.terminal import render_report

    console = Console(file=io.StringIO(), width=width, record=True, color_system=None, soft_wrap=True)
    console.print(render_report(report, show_all=show_all, lang=lang))  # soft wrap: no path cut in two
    return console.export_text()


def json_text(report) -> str:
    """What JSON readers are shown: messages and source errors (keys and enum values are the
    contract's codes, the same in both languages)."""
    data = json.loads(report.to_json())
    return "\n".join(
        [str(c.get("message") or "") for c in data["checks"]] + [str(s.get("error") or "") for s in data["sources"]]
    )


def codes_of(report) -> set[str]:
    """Rule codes and names, table types and ids, sheet names and cell references of a report."""
    out: set[str] = set()
    checks = report.checks
    for col in ("rule", "name", "table", "unit"):
        if col in checks:
            out |= {str(v) for v in checks[col].dropna().unique()}
    for r in report.rules:
        out |= {r.code, *r.name.split("-")}
    tables = report.tables
    for col in ("table", "type", "sheet", "id", "table_type"):
        if len(tables) and col in tables:
            for v in tables[col].dropna().unique():
                out |= set(re.split(r"[.\-_ ]", str(v)))
    return out
