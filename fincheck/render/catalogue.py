"""Printing the rule catalogue (``fincheck rules``, ``fincheck explain``) and recognised tables."""

from __future__ import annotations

import sys

import yaml
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..catalogue import rule_by_code
from ..cli_text import source_problems
from ..errors import FincheckError
from ..model.location import format_location, short_in
from ..pipeline import check, resolve_rules
from ..plurals import agree
from ..punctuation import colon, comma, labelled
from .bound_cells import constant_bounds
from .labels import (
    kind_and_severity,
    kind_name,
    kind_of,
    label,
    lang_of,
    table_note,
    table_type_name,
    unreadable_head,
)
from .safe_text import clean, markup


def _rules(extra):
    return resolve_rules(extra)


#: From this width on, ``fincheck rules`` is one table; narrower terminals get one block per rule.
WIDE = 110


def rule_heading(rule, lang: str) -> str:
    """How a rule is named after its code: in Chinese by its title (``占比与金额不符``), in
    English (and in both languages) by its kebab-case name (``share-does-not-match``)."""
    return (rule.text("title", "zh") or rule.name) if lang == "zh" else rule.name


def list_sep(lang: str) -> str:
    """Between the items of a list whose items may hold commas: ``；`` in Chinese, ``, ``."""
    return "；" if lang == "zh" else ", "


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
            head.append(f" {rule_heading(r, lang)}  {kind_and_severity(r.kind, r.severity, lang)}")
            console.print(head, overflow="fold")
            if lang != "zh":  # Chinese names a rule by its title, in the line above
                console.print(Padding(Text(r.text("title", lang)), (0, 0, 0, 2), expand=False), overflow="fold")
            if r.source:  # folded lines stay under their indent
                console.print(
                    Padding(Text(list_sep(lang).join(r.source), style="dim"), (0, 0, 0, 2), expand=False),
                    overflow="fold",
                )
        console.print(agree(label("rule_count", lang).format(n=len(rules)), lang))
        return 0
    table = Table(show_header=True, header_style="bold")
    # Chinese names a rule by its title; English by its kebab-case name beside the title
    columns = ("code", "title", "kind", "severity", "sources_of_rule")
    if lang != "zh":
        columns = ("code", "name", "kind", "severity", "title", "sources_of_rule")
    for col in columns:
        # short identifiers stay on one line; the title keeps a readable width
        table.add_column(
            label(col, lang),
            overflow="fold",
            no_wrap=col in ("code", "kind", "severity"),
            min_width=16 if col == "title" else None,
        )
    for r in rules:
        cells = {
            "code": r.code,
            "name": r.name,
            "kind": kind_name(r.kind, lang),
            "severity": label(r.severity, lang),
            "title": r.text("title", lang),
            "sources_of_rule": list_sep(lang).join(r.source),
        }
        table.add_row(*(cells[col] for col in columns))
    console.print(table)
    console.print(agree(label("rule_count", lang).format(n=len(rules)), lang))
    return 0


#: the headings and words of ``fincheck explain``
EXPLAIN: dict[str, dict[str, str]] = {
    "why": {"zh": "说明", "en": "Why"},
    "sources": {"zh": "依据", "en": "Sources"},
    "tables": {"zh": "适用的表", "en": "Tables"},
    "any": {"zh": "任意", "en": "any"},
    "parameters": {"zh": "参数", "en": "Parameters"},
    "shape": {"zh": "句式", "en": "Sentence shape"},
    "message": {"zh": "提示文字", "en": "Message"},
    "defined": {"zh": "定义于", "en": "Defined in"},
    "examples": {"zh": "示例", "en": "Examples"},
    "passes": {"zh": "通过", "en": "passes"},
    "fails": {"zh": "不符（{n}）", "en": "fails ({n})"},
    "table": {"zh": "表格（CSV）", "en": "table (CSV)"},
    "sheet": {"zh": "工作表 {name}", "en": "sheet {name}"},
    "file": {"zh": "文件 {name}", "en": "file {name}"},
    "text": {"zh": "文本", "en": "text"},
    "fails_at": {"zh": "→ 不符之处：{where}", "en": "→ fails at {where}"},
    "line": {"zh": "第{n}行", "en": "line {n}"},
    "stated": {"zh": "列示数 {v}", "en": "stated {v}"},
    "expected": {"zh": "计算数 {v}", "en": "expected {v}"},
    "crossed": {"zh": "越过界限 {v}", "en": "beyond the bound {v}"},
    "severity": {"zh": "级别 {v}", "en": "severity {v}"},
}


class _Words:
    """The words of ``explain`` in one language, or in both (``both``: Chinese, then English)."""

    def __init__(self, lang: str) -> None:
        self.langs = ("zh", "en") if lang == "both" else (lang if lang in ("zh", "en") else "en",)

    def __call__(self, key: str, **values) -> str:
        return " / ".join(EXPLAIN[key][lang].format(**values) for lang in self.langs)

    @property
    def colon(self) -> str:
        return colon(self.langs[0] if len(self.langs) == 1 else "en")

    def head(self, key: str) -> str:
        """A heading followed by its text: ``说明：`` / ``Why: `` (``说明 / Why: `` for both)."""
        return self(key) + self.colon

    def texts(self, rule, key: str) -> list[str]:
        """A text of the rule in the chosen language(s), each once."""
        return list(dict.fromkeys(t for lang in self.langs if (t := rule.text(key, lang))))

    def severity(self, value: str) -> str:
        return " / ".join(dict.fromkeys(label(value, lang) for lang in self.langs))

    def kind(self, value: str) -> str:
        return " / ".join(dict.fromkeys(kind_name(value, lang) for lang in self.langs))


def explain_rule(code: str, extra, lang: str = "zh") -> int:
    """``fincheck explain CODE``: the rule's texts in ``lang`` (``zh``, ``en``, or ``both``) under
    headings in that language, its parameters and its examples."""
    rule = rule_by_code(code, _rules(extra))
    if rule is None:
        raise FincheckError("no rule {code} (see `fincheck rules`)", code=repr(code))
    w = _Words(lang)
    indent = " " * 5
    why, message = w.texts(rule, "why"), w.texts(rule, "message")
    out = [
        f"{rule.code} {rule_heading(rule, lang)}  "
        + (
            kind_and_severity(rule.kind, rule.severity, w.langs[0])
            if len(w.langs) == 1
            else f"({w.kind(rule.kind)}, {w.severity(rule.severity)})"
        ),
        *(f"  {t}" for t in w.texts(rule, "title") if lang != "zh"),  # Chinese: the title is its name
        "",
        w.head("why") + (why[0] if why else ""),
        *(indent + t for t in why[1:]),
        w.head("sources") + list_sep(lang).join(rule.source),
        w.head("tables") + (", ".join(rule.tables) or w("any")),
        *_parameters(rule, w),
        *([w.head("shape") + rule.shape] if rule.shape else []),
        w.head("message") + " / ".join(message),
        w.head("defined") + str(rule.path),
        "",
        w.head("examples").rstrip(),
        *_examples(rule.examples, w, bound=rule.code in constant_bounds([rule]), words=rule.figure_words),
    ]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


#: parameters that say how the engine finds a rule's operands, not what the rule checks: not
#: shown by ``explain`` for a built-in rule (a user rule's ``bind`` is the author's own choice)
ENGINE_PARAMS = ("emit", "bind")


def _parameters(rule, w: _Words) -> list[str]:
    """The rule's parameters under their heading, without the engine's own; none: no heading."""
    shown = {k: v for k, v in rule.params.items() if rule.user or k not in ENGINE_PARAMS}
    if not shown:
        return []
    return [w.head("parameters").rstrip(), yaml.safe_dump(shown, allow_unicode=True, sort_keys=False).rstrip()]


def _examples(examples, w: _Words, bound: bool = False, words: dict | None = None) -> list[str]:
    """Each example as it would be typed: its input tables verbatim, then the failures expected
    (of a constant ``bound``, the crossed bound said as a bound, not as an expected figure; an
    expected figure the rule has a word for, under that word: 表格数 400.00)."""
    own = (words or {}).get("expected") or {}
    out: list[str] = []
    for i, ex in enumerate(examples, start=1):
        fails = ex.get("fails") or []
        verdict = w("passes") if not fails else w("fails", n=len(fails))
        out.append(f"  {i}. {ex.get('name', '')}{w.colon}{verdict}")
        inputs = []
        if "table" in ex:
            inputs.append((w("table"), ex["table"]))
        for name, content in (ex.get("sheets") or {}).items():
            inputs.append((w("sheet", name=name), content))
        for name, content in (ex.get("files") or {}).items():
            inputs.append((w("file", name=name), content if isinstance(content, str) else yaml.safe_dump(content)))
        if "text" in ex:
            inputs.append((w("text"), ex["text"]))
        for title, content in inputs:
            out.append(f"     {title}{w.colon.rstrip()}")
            out.extend(f"       | {line}" for line in str(content).rstrip("\n").splitlines())
        for f in fails:
            where = f"{f['sheet']}!" if "sheet" in f else ""
            where += str(f.get("cell") or (w("line", n=f["line"]) if "line" in f else ""))
            nums = [
                " / ".join(f"{own.get(lang) or own.get('en')} {f[k]}" for lang in w.langs)
                if k == "expected" and own and not bound
                else w("crossed" if k == "expected" and bound else k, v=w.severity(f[k]) if k == "severity" else f[k])
                for k in ("stated", "expected", "severity")
                if k in f
            ]
            nums = comma(w.langs[0] if len(w.langs) == 1 else "en").join(nums)
            out.append(f"     {w('fails_at', where=where)}" + (f"{w.colon}{nums}" if nums else ""))
        out.append("")
    return out


#: the columns of ``fincheck tables``, in order
TABLE_COLUMNS = ("table", "type", "title", "range", "unit", "rows", "columns", "note")


def _table_cells(row, lang: str) -> dict[str, str]:
    """One recognised table's cells of ``fincheck tables``, as the reader sees them."""
    values = (
        row.table,
        table_type_name(row.table_type, lang),
        row.title,
        f"{row.sheet}!{row.range}" if row.sheet else short_in(row.range, lang),  # a text's "line 3"
        row.unit,
        str(row.rows),
        row.columns,
        table_note(row.note, lang),
    )
    return {col: clean(v, newlines=False) for col, v in zip(TABLE_COLUMNS, values, strict=True)}


def _print_table_blocks(console: Console, rows: list[dict[str, str]], lang: str) -> None:
    """Narrow terminals: one block per table, its head on one line and the long cells (columns,
    note) on their own lines, folded under an indent, never split into a column of fragments."""
    for cells in rows:
        head = Text(cells["table"], style="bold")
        rest = [cells["type"], cells["title"] and f"「{cells['title']}」", cells["range"], cells["unit"]]
        rest.append(f"{label('rows', lang)} {cells['rows']}")
        head.append("  " + "  ".join(part for part in rest if part))
        console.print(Padding(head, (0, 0, 0, 2), expand=False), overflow="fold")
        for col in ("columns", "note"):
            if cells[col]:
                parts = cells[col].split(",") if col == "columns" else [cells[col]]
                said = labelled(label(col, lang), comma(lang).join(p.strip() for p in parts), lang)
                console.print(Padding(Text(said), (0, 0, 0, 6), expand=False), overflow="fold")


def print_tables(paths: list[str], lang: str | None = None) -> int:
    """The tables recognised in each file, with the schema issues found reading them."""
    report = check(*paths, select=["SCH"], lang=lang)
    lang = lang_of(report, lang)
    console = Console()
    status = 0
    for source in report.sources:
        console.print(f"[bold]{markup(source.path)}[/bold]  ({markup(kind_of(source, lang))})")
        if source.error:
            said = labelled(unreadable_head(source, lang), source.reason_in(lang), lang)
            console.print(f"  [red]{markup(said)}[/red]")
            status = 2
            continue
        tables = report.tables[report.tables["report"] == source.path]
        rows = [_table_cells(row, lang) for row in tables.itertuples(index=False)]
        if console.width < WIDE:
            _print_table_blocks(console, rows, lang)
        else:
            t = Table(show_header=True, header_style="bold")
            for col in TABLE_COLUMNS:
                t.add_column(label(col, lang), overflow="fold")
            for cells in rows:
                t.add_row(*(Text(cells[col]) for col in TABLE_COLUMNS))
            console.print(t)
        issues = report.findings[report.findings["source"] == source.path]
        for row in issues.itertuples(index=False):
            console.print(
                f"  [yellow]{markup(row.rule)}[/yellow] "
                + markup(labelled(format_location(row.location, lang), row.message, lang))
            )
    for line in source_problems(report.sources, lang):  # errors and warnings on standard error too
        print(line, file=sys.stderr)
    return status
