"""Printing the rule catalogue (``fincheck rules``, ``fincheck explain``) and recognised tables."""

from __future__ import annotations

import sys

import yaml
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..catalogue import rule_by_code
from ..errors import FincheckError
from ..model.location import format_location
from ..pipeline import check, resolve_rules
from .labels import label, lang_of, table_note
from .safe_text import clean, markup


def _rules(extra):
    return resolve_rules(extra)


#: From this width on, ``fincheck rules`` is one table; narrower terminals get one block per rule.
WIDE = 110


def print_rules(family: str | None, extra, lang: str = "zh") -> int:
    rules = [r for r in _rules(extra) if not family or r.code.startswith(family.upper())]
    if family and not rules:
        raise FincheckError(
            "{option} {prefix}: no rule code starts with it (see `fincheck rules`)", option="rules", prefix=family
        )
    console = Console()
    if console.width < WIDE:
        for r in rules:
            head = Text(r.code, style="bold")
            head.append(f" {r.name}  ({r.kind}, {r.severity})")
            console.print(head, overflow="fold")
            console.print(Text("  " + r.text("title", lang)), overflow="fold")
            if r.source:
                console.print(Text("  " + ", ".join(r.source), style="dim"), overflow="fold")
        console.print(label("rule_count", lang).format(n=len(rules)))
        return 0
    table = Table(show_header=True, header_style="bold")
    for col in ("code", "name", "kind", "severity", "title", "sources_of_rule"):
        # short identifiers stay on one line; the title keeps a readable width
        table.add_column(
            label(col, lang),
            overflow="fold",
            no_wrap=col in ("code", "kind", "severity"),
            min_width=16 if col == "title" else None,
        )
    for r in rules:
        table.add_row(r.code, r.name, r.kind, r.severity, r.text("title", lang), ", ".join(r.source))
    console.print(table)
    console.print(label("rule_count", lang).format(n=len(rules)))
    return 0


def explain_rule(code: str, extra) -> int:
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
        *([f"Sentence shape: {rule.shape}"] if rule.shape else []),
        "Message: " + rule.message.get("zh", "") + " / " + rule.message.get("en", ""),
        f"Defined in: {rule.path}",
        "",
        "Examples:",
        *_examples(rule.examples),
    ]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _examples(examples) -> list[str]:
    """Each example as it would be typed: its input tables verbatim, then the failures expected."""
    out: list[str] = []
    for i, ex in enumerate(examples, start=1):
        fails = ex.get("fails") or []
        verdict = "passes" if not fails else f"fails ({len(fails)})"
        out.append(f"  {i}. {ex.get('name', '')}: {verdict}")
        inputs = []
        if "table" in ex:
            inputs.append(("table (CSV)", ex["table"]))
        for name, content in (ex.get("sheets") or {}).items():
            inputs.append((f"sheet {name}", content))
        for name, content in (ex.get("files") or {}).items():
            inputs.append((f"file {name}", content if isinstance(content, str) else yaml.safe_dump(content)))
        if "text" in ex:
            inputs.append(("text", ex["text"]))
        for title, content in inputs:
            out.append(f"     {title}:")
            out.extend(f"       | {line}" for line in str(content).rstrip("\n").splitlines())
        for f in fails:
            where = f"{f['sheet']}!" if "sheet" in f else ""
            where += str(f.get("cell") or (f"line {f['line']}" if "line" in f else ""))
            nums = ", ".join(f"{k} {f[k]}" for k in ("stated", "expected", "severity") if k in f)
            out.append(f"     → fails at {where}" + (f": {nums}" if nums else ""))
        out.append("")
    return out


def print_tables(paths: list[str], lang: str | None = None) -> int:
    """The tables recognised in each file, with the schema issues found reading them."""
    report = check(*paths, select=["SCH"], lang=lang)
    lang = lang_of(report, lang)
    console = Console()
    status = 0
    for source in report.sources:
        console.print(f"[bold]{markup(source.path)}[/bold]  ({source.kind})")
        if source.error:
            console.print(f"  [red]{markup(label('unreadable', lang))}: {markup(source.error_in(lang))}[/red]")
            status = 2
            continue
        tables = report.tables[report.tables["report"] == source.path]
        t = Table(show_header=True, header_style="bold")
        for col in ("table", "type", "title", "range", "unit", "rows", "columns", "note"):
            t.add_column(label(col, lang), overflow="fold")
        for row in tables.itertuples(index=False):
            t.add_row(
                *(
                    Text(clean(v, newlines=False))
                    for v in (
                        row.table,
                        row.table_type,
                        row.title,
                        f"{row.sheet}!{row.range}" if row.sheet else row.range,
                        row.unit,
                        str(row.rows),
                        row.columns,
                        table_note(row.note, lang),
                    )
                )
            )
        console.print(t)
        issues = report.findings[report.findings["source"] == source.path]
        for row in issues.itertuples(index=False):
            console.print(
                f"  [yellow]{markup(row.rule)}[/yellow] {markup(format_location(row.location, lang))}: {markup(row.message)}"
            )
    return status
