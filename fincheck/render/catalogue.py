"""Printing the rule catalogue (``fincheck rules``, ``fincheck explain``) and recognised tables."""

from __future__ import annotations

import sys

import yaml
from rich.console import Console
from rich.table import Table


def _rules(extra):
    from ..report import resolve_rules

    return resolve_rules(extra)


def print_rules(family: str | None, extra, lang: str = "zh") -> int:
    rules = [r for r in _rules(extra) if not family or r.code.startswith(family.upper())]
    table = Table(show_header=True, header_style="bold")
    for col in ("code", "name", "kind", "severity", "title", "source"):
        table.add_column(col, overflow="fold")
    for r in rules:
        table.add_row(r.code, r.name, r.kind, r.severity, r.text("title", lang), ", ".join(r.source))
    console = Console()
    console.print(table)
    console.print(f"{len(rules)} rule(s)")
    return 0 if rules else 1


def explain_rule(code: str, extra) -> int:
    from ..catalogue import rule_by_code

    rule = rule_by_code(code, _rules(extra))
    if rule is None:
        print(f"fincheck: error: no rule {code!r} (see `python -m fincheck rules`)", file=sys.stderr)
        return 2
    out = [
        f"{rule.code} {rule.name}  ({rule.kind}, {rule.severity})",
        f"  {rule.title.get('zh', '')}",
        f"  {rule.title.get('en', '')}",
        "",
        "Why: " + rule.why.get("zh", ""),
        "     " + rule.why.get("en", ""),
        "Sources: " + ", ".join(rule.source),
        f"Tables: {', '.join(rule.tables) or 'any'}",
        "Parameters:",
        yaml.safe_dump(rule.params, allow_unicode=True, sort_keys=False).rstrip(),
        "Message: " + rule.message.get("zh", "") + " / " + rule.message.get("en", ""),
        f"Defined in: {rule.path}",
        "",
        "Examples:",
        yaml.safe_dump(list(rule.examples), allow_unicode=True, sort_keys=False).rstrip(),
    ]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def print_tables(paths: list[str]) -> int:
    from ..report import check

    report = check(*paths, select=["SCH"])
    console = Console()
    status = 0
    for source in report.sources:
        console.print(f"[bold]{source.path}[/bold]  ({source.kind})")
        if source.error:
            console.print(f"  [red]could not be read: {source.error}[/red]")
            status = 2
            continue
        tables = report.tables[report.tables["report"] == source.path]
        t = Table(show_header=True, header_style="bold")
        for col in ("table", "type", "title", "range", "unit", "rows", "columns", "note"):
            t.add_column(col, overflow="fold")
        for row in tables.itertuples(index=False):
            t.add_row(
                row.table,
                row.table_type,
                row.title,
                f"{row.sheet}!{row.range}" if row.sheet else row.range,
                row.unit,
                str(row.rows),
                row.columns,
                row.note,
            )
        console.print(t)
        issues = report.findings[report.findings["source"] == source.path]
        for row in issues.itertuples(index=False):
            from ..report import format_location

            console.print(f"  [yellow]{row.rule}[/yellow] {format_location(row.location)}: {row.message}")
    return status
