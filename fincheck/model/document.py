"""What a source hands to the pipeline: its tables, facts, schema issues and pre-bound checks.

Every source (workbook, CSV, PDF, Word, text) reads its file into one :class:`Document` (grids
whose cells know their locations, and the prose with a line → location mapper); the pipeline
(:mod:`fincheck.pipeline`) turns every document alike into one :class:`Loaded`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .grid import Grid
from .location import Locator, line_locator

#: the warning of an input read without error in which no table and no figure was found
NOTHING_RECOGNISED = "nothing recognised: no table and no figure to check"
#: the warning of an input whose figures were read but in which no relation to check was found
#: (``{n}``: the number of figures, :attr:`Source.figures`)
NOTHING_CHECKED = "figures read, no relation recognised to check"
WARNINGS = {
    NOTHING_RECOGNISED: {
        "en": NOTHING_RECOGNISED,
        "zh": "未识别出任何内容：没有表格，也没有可核对的数字",
    },
    NOTHING_CHECKED: {
        "en": "{n} figures read, no relation recognised to check",
        "zh": "读出 {n} 个数字，但未识别出可核对的关系（0 项校验）",
    },
}


@dataclass
class Source:
    """One input as listed in the report: path, kind, number of tables, error if unreadable."""

    path: str
    kind: str
    tables: int = 0
    error: str | None = None
    #: the error in each language (``error`` is the English one; the JSON contract gives the
    #: report's language, :meth:`as_dict`)
    error_texts: dict[str, str] | None = field(default=None, repr=False, compare=False)
    #: a read input in which nothing was recognised (see :data:`NOTHING_RECOGNISED`), else None
    warning: str | None = None
    #: the error's stable code (:mod:`fincheck.error_codes`), the same in every language
    error_code: str | None = field(default=None, compare=False)
    #: the warning's stable code (:data:`fincheck.error_codes.WARNING_CODES`), the same in every
    #: language
    warning_code: str | None = field(default=None, compare=False)
    #: the number of figures read, said by the :data:`NOTHING_CHECKED` warning
    figures: int = field(default=0, compare=False)

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON contract's entry: ``error`` in ``lang`` (null when the input was read), and
        ``error_code`` beside it only when there is an error; ``warning`` (in ``lang``) and
        ``warning_code`` only when there is a warning."""
        out = {"path": self.path, "kind": self.kind, "tables": self.tables, "error": self.error_in(lang)}
        if self.error:  # only then: the contract's four fields otherwise
            out["error_code"] = self.error_code or "E000"
        if self.warning:  # only then, in ``lang`` with its stable code beside it
            out["warning"] = self.warning_in(lang)
            out["warning_code"] = self.warning_code or "W000"
        return out

    def warning_in(self, lang: str) -> str | None:
        """The warning in ``lang`` (``None`` when there is none)."""
        if not self.warning:
            return None
        return WARNINGS.get(self.warning, {}).get(lang, self.warning).replace("{n}", str(self.figures))

    def reason_in(self, lang: str) -> str:
        """Why the input could not be read, in ``lang``, without the path it opens with (for a
        place that names the input already); ``""`` when it was read."""
        said = self.error_in(lang) or ""
        for colon in ("：", ": "):
            if said.startswith(self.path + colon):
                return said[len(self.path) + len(colon) :]
        return said

    def error_in(self, lang: str) -> str | None:
        """Why the input could not be read, in ``lang`` (``None`` when it was read)."""
        if not self.error:
            return self.error
        return (self.error_texts or {}).get(lang) or self.error


@dataclass
class Table:
    """A recognised table, as listed in ``Report.tables``."""

    report: str
    table: str
    table_type: str
    title: str
    sheet: str
    range: str
    unit: str
    rows: int
    columns: str
    note: str = ""


@dataclass
class SchemaIssue:
    """Input data that breaks a table's schema, reported as a failing check of an SCH rule.

    ``message`` is the text in both languages (``{"zh": …, "en": …}``) or, with ``fields``, the
    values that fill the rule's own message template (a value may itself be ``{"zh", "en"}``);
    a plain string is shown as it is in either language.
    """

    rule: str
    path: str
    table: str | None
    location: dict
    message: str | dict[str, str]
    severity: str | None = None
    fields: dict | None = None

    def text(self, template: str | None, lang: str) -> str:
        """The message in ``lang``: the rule's template filled with ``fields``, else ``message``."""
        if self.fields is not None and template:
            values = {k: (v.get(lang) or v.get("en", "")) if isinstance(v, dict) else v for k, v in self.fields.items()}
            try:
                return template.format_map(values)
            except (KeyError, ValueError, IndexError):
                pass
        if isinstance(self.message, dict):
            return self.message.get(lang) or self.message.get("en", "")
        return self.message


@dataclass
class Finding:
    """A finding about the document itself (its structure, wording, lists), not an arithmetic
    check: the rule's message is filled from ``values`` in the report's language; ``related``
    are the other places it names (a table cell, the heading it contradicts)."""

    rule: str
    path: str
    location: dict
    values: dict[str, Any] = field(default_factory=dict)
    related: list[dict] = field(default_factory=list)
    table: str = ""
    stated: float = float("nan")


@dataclass
class Recognised:
    """What a table recogniser returns for one table."""

    table: Table
    facts: pd.DataFrame
    issues: list[SchemaIssue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Loaded:
    """What one source contributes: tables, facts, schema issues, pre-bound text checks, and the
    findings of the document checks."""

    tables: list[Table] = field(default_factory=list)
    facts: list[pd.DataFrame] = field(default_factory=list)
    issues: list[SchemaIssue] = field(default_factory=list)
    bound: list[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]] = field(default_factory=list)
    text: str | None = None
    findings: list[Finding] = field(default_factory=list)

    def add(self, rec: Recognised) -> None:
        """Take a recognised table with its facts and issues."""
        self.tables.append(rec.table)
        if not rec.facts.empty:
            self.facts.append(rec.facts)
        self.issues.extend(rec.issues)

    def extend(self, other: Loaded) -> None:
        """Take everything another part of the same source found."""
        self.tables.extend(other.tables)
        self.facts.extend(other.facts)
        self.issues.extend(other.issues)
        self.bound.extend(other.bound)
        self.findings.extend(other.findings)
        if other.text:
            self.text = f"{self.text}\n{other.text}" if self.text else other.text


def _plain(lines: Sequence[str]) -> Locator:
    return line_locator(lines)


@dataclass
class Prose:
    """The narrative of a document, one line per line (PDF) or paragraph (Word).

    ``blocks`` maps a grid's index to the lines that hold its rows flattened (a Word table):
    when the grid is read as a table, those lines are blanked, so line numbers do not move.
    ``locator`` builds, from the lines as handed to the text stage, the mapper from a span of
    the joined text to its location in the source.
    """

    lines: list[str]
    locator: Callable[[Sequence[str]], Locator] = _plain
    blocks: dict[int, range] = field(default_factory=dict)
    #: the error when nothing is left to read (None: an empty narrative is fine)
    empty_error: str | None = None

    def lines_for(self, claimed: set[int]) -> list[str]:
        """The lines, with the rows of the grids read as tables blanked."""
        lines = list(self.lines)
        for index in claimed:
            for i in self.blocks.get(index, ()):
                lines[i] = ""
        return lines


@dataclass
class Document:
    """What a source reads from one file: its grids and its prose.

    ``tidy``: whether a grid that only the tidy recogniser claims is kept as a table (False for
    Word, whose tidy-looking tables are left to the prose, where the table reader sees them).
    """

    path: str
    kind: str
    grids: list[Grid] = field(default_factory=list)
    prose: Prose | None = None
    tidy: bool = True
