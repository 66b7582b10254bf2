"""What a source hands to the pipeline: its tables, facts, schema issues and pre-bound checks.

Every source (workbook, CSV, PDF, Word, text) returns one :class:`Loaded`; the pipeline
(:mod:`fincheck.pipeline`) treats them all alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class Source:
    """One input as listed in the report: path, kind, number of tables, error if unreadable."""

    path: str
    kind: str
    tables: int = 0
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "tables": self.tables, "error": self.error}


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
    """Input data that breaks a table's schema, reported as a failing check of an SCH rule."""

    rule: str
    path: str
    table: str | None
    location: dict
    message: str
    severity: str | None = None


@dataclass
class Recognised:
    """What a table recogniser returns for one table."""

    table: Table
    facts: pd.DataFrame
    issues: list[SchemaIssue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Loaded:
    """What one source contributes: tables, facts, schema issues, pre-bound text checks."""

    tables: list[Table] = field(default_factory=list)
    facts: list[pd.DataFrame] = field(default_factory=list)
    issues: list[SchemaIssue] = field(default_factory=list)
    bound: list[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]] = field(default_factory=list)
    text: str | None = None

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
        if other.text:
            self.text = f"{self.text}\n{other.text}" if self.text else other.text
