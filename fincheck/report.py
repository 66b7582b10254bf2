"""The pipeline from paths to a :class:`Report`: sources → grids → tables → facts → rules → checks."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import __version__
from .catalogue import Rule, builtin_rules, load_rules_from, merge_rules, select_rules
from .engine import run_rules
from .errors import InputError
from .model import Loaded, SchemaIssue, Source, typed_facts
from .model.location import format_location as format_location
from .model.location import location_key
from .schemas import CHECK_COLUMNS, CHECKS, FACTS, TABLES, empty_checks, empty_facts

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
STATUS_ORDER = {"fail": 0, "skip": 1, "pass": 2}
INPUT_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".md", ".docx", ".pdf"}


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Folders become the report files inside them (sorted); files are kept as given."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(
                q
                for q in p.rglob("*")
                if q.is_file() and q.suffix.lower() in INPUT_SUFFIXES and not q.name.startswith(("~$", "."))
            )
            out.extend(found or [p])  # an empty folder stays, to be reported as unreadable
        else:
            out.append(p)
    return out


def load_source(path: Path) -> tuple[Source, Loaded]:
    from .sources import read_grids, source_kind
    from .tables import recognise_grids

    kind = source_kind(path)
    source = Source(str(path), kind)
    loaded = Loaded()
    if kind == "text" and path.suffix.lower() == ".docx":
        from .sources.docx import load_docx_document

        loaded = load_docx_document(path)
        source.tables = len(loaded.tables)
        return source, loaded
    if kind == "text":
        from .text import load_text_file

        loaded = load_text_file(path)
        source.tables = len(loaded.tables)
        return source, loaded
    if kind == "pdf":
        try:
            from .sources.pdf import load_pdf
        except ImportError:
            raise InputError(str(path), "PDF input is not supported yet: export the tables to .xlsx") from None
        loaded = load_pdf(path)
        source.tables = len(loaded.tables)
        return source, loaded
    grids = read_grids(path)
    for grid, found in recognise_grids(grids):
        for rec in found:
            loaded.tables.append(rec.table)
            if not rec.facts.empty:
                loaded.facts.append(rec.facts)
            loaded.issues.extend(rec.issues)
        if not found and not getattr(grid, "continued", False) and grid.cells["number"].notna().any():
            loaded.issues.append(
                SchemaIssue(
                    "SCH002",
                    str(path),
                    None,
                    {"sheet": grid.sheet, "cell": grid.cells["cell"].iloc[0]},
                    f"sheet {grid.sheet!r} holds numbers but no table in it was recognised",
                )
            )
    source.tables = len(loaded.tables)
    return source, loaded


def _validate_loaded(path: Path, loaded: Loaded) -> None:
    """Each source's facts meet the schema on their own, so one bad file cannot spoil a batch."""
    frames = [*loaded.facts, *(b[0] for b in loaded.bound)]
    if frames:
        FACTS.validate(typed_facts(pd.concat(frames, ignore_index=True)))


def resolve_rules(rules: Any = None, select: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
    extra: list[Rule] = []
    if rules is not None:
        items = rules if isinstance(rules, list | tuple) else [rules]
        for item in items:
            if isinstance(item, Rule):
                extra.append(item)
            else:
                extra.extend(load_rules_from(Path(item)))
    return select_rules(merge_rules(builtin_rules(), extra), select, ignore)


def check(
    *paths: str | Path,
    rules: Any = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    lang: str | None = None,
    progress=None,
    context: dict | None = None,
) -> Report:
    """Check report files (workbooks, CSV, text, folders of them) and return a :class:`Report`.

    ``rules`` adds user rule files or folders (or :class:`Rule` objects); ``select`` and
    ``ignore`` filter rules by code prefix; ``context`` passes run options to the check kinds
    (e.g. ``{"bands": {"优秀": 85, "良好": 75, "合格": 60, "差": 0}}`` for grade bands). An
    unreadable file does not stop the others: its error is in ``report.sources``.
    """
    flat: list[str | Path] = []
    for p in paths:
        flat.extend(p if isinstance(p, list | tuple) else [p])
    all_rules = resolve_rules(rules, select, ignore)
    sources: list[Source] = []
    parts: list[Loaded] = []
    for path in expand_paths(flat):
        try:
            source, loaded = load_source(path)
            _validate_loaded(path, loaded)
        except InputError as exc:
            source, loaded = Source(str(path), _kind(path), 0, str(exc)), Loaded()
        except Exception as exc:  # a bug in a reader must not stop the other inputs
            if os.environ.get("FINCHECK_DEBUG"):
                raise
            message = f"could not be read ({type(exc).__name__}: {str(exc).splitlines()[0][:200]}); please report this"
            source, loaded = Source(str(path), _kind(path), 0, str(InputError(str(path), message))), Loaded()
        sources.append(source)
        parts.append(loaded)
        if progress is not None:
            progress(path)
    return evaluate(sources, parts, all_rules, lang, context)


def check_text(text: str, name: str = "<text>", **kwargs: Any) -> Report:
    """Check the figures in a text given as a string (``name`` is used as its source path)."""
    from .text import load_text

    rules = resolve_rules(kwargs.pop("rules", None), kwargs.pop("select", None), kwargs.pop("ignore", None))
    loaded = load_text(text, name)
    return evaluate(
        [Source(name, "text", len(loaded.tables))],
        [loaded],
        rules,
        kwargs.pop("lang", None),
        kwargs.pop("context", None),
    )


def _kind(path: Path) -> str:
    from .sources import source_kind

    return source_kind(path)


def evaluate(
    sources: list[Source], parts: list[Loaded], rules: list[Rule], lang: str | None, context: dict | None = None
) -> Report:
    facts_list, bound, tables, issues, texts = [], [], [], [], []
    offset = 0
    for loaded in parts:
        tables.extend(loaded.tables)
        issues.extend(loaded.issues)
        if loaded.text:
            texts.append(loaded.text)
        for f in loaded.facts:
            f = f.reset_index(drop=True)
            facts_list.append(f)
            offset += len(f)
        for bfacts, inst, links in loaded.bound:
            bfacts = bfacts.reset_index(drop=True)
            facts_list.append(bfacts)
            inst = inst.copy()
            links = links.copy()
            for col in ("stated_fact", "anchor"):
                if col in inst:
                    inst[col] = np.where(inst[col] >= 0, inst[col] + offset, inst[col])
            links["fact"] = links["fact"] + offset
            bound.append((inst, links))
            offset += len(bfacts)
    facts = pd.concat(facts_list, ignore_index=True) if facts_list else None
    if facts is None or facts.empty:
        facts = empty_facts()
    facts = typed_facts(facts)
    FACTS.validate(facts)
    if lang is None:
        lang = "zh" if _mostly_chinese(facts, texts) else "en"
    active = {r.code for r in rules}
    checks = run_rules(
        rules, facts, lang=lang, context=context, prebound=[b for b in bound if _bound_rule_active(b[0], active)]
    )
    if "SCH003" in active:
        from .tables.units import unit_conflicts

        issues = [*issues, *unit_conflicts(facts)]
    schema = [_issue_check(i, rules) for i in issues if i.rule in active]
    if schema:
        checks = (
            pd.concat([checks, pd.DataFrame(schema, columns=CHECK_COLUMNS)], ignore_index=True)
            if len(checks)
            else pd.DataFrame(schema, columns=CHECK_COLUMNS)
        )
    checks = _order(checks)
    tables_frame = pd.DataFrame([t.__dict__ for t in tables], columns=list(TABLES.columns))
    tables_frame = tables_frame.astype({c: ("int64" if c == "rows" else "str") for c in TABLES.columns})
    return Report(
        sources=sources,
        facts=facts,
        tables=TABLES.validate(tables_frame),
        checks=checks,
        rules=rules,
        lang=lang,
    )


def _bound_rule_active(inst: pd.DataFrame, active: set[str]) -> bool:
    return bool(len(inst)) and inst["rule"].isin(active).any()


def _mostly_chinese(facts: pd.DataFrame, texts: list[str]) -> bool:
    sample = " ".join(facts["label"].head(200).tolist()) + " ".join(t[:2000] for t in texts)
    if not sample.strip():
        return True
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return cjk >= max(1, len(sample.replace(" ", "")) // 10)


def _issue_check(issue: SchemaIssue, rules: list[Rule]) -> dict:
    rule = next((r for r in rules if r.code == issue.rule), None)
    return {
        "rule": issue.rule,
        "name": rule.name if rule else "",
        "severity": issue.severity or (rule.severity if rule else "error"),
        "status": "fail",
        "note": "",
        "message": issue.message,
        "stated": np.nan,
        "expected": np.nan,
        "difference": np.nan,
        "tolerance": np.nan,
        "unit": "",
        "source": issue.path,
        "table": issue.table,
        "location": issue.location,
        "related": [],
    }


def _order(checks: pd.DataFrame) -> pd.DataFrame:
    if checks.empty:
        return empty_checks()
    key = pd.DataFrame(
        {
            "s": checks["status"].map(STATUS_ORDER),
            "v": checks["severity"].map(SEVERITY_ORDER),
            "src": checks["source"],
            "loc": checks["location"].map(location_key),
            "rule": checks["rule"],
        }
    )
    order = key.sort_values(["src", "s", "v", "loc", "rule"], kind="stable").index
    out = checks.loc[order].reset_index(drop=True)
    return CHECKS.validate(
        out.astype({"stated": "float64", "expected": "float64", "difference": "float64", "tolerance": "float64"})
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, np.floating):
        return _jsonable(float(value))
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is pd.NA or value is None:
        return None
    return value


@dataclass
class Report:
    """The result of checking one or more sources.

    ``checks`` has one row per check (the JSON contract's columns); ``findings`` the failing
    ones; ``facts`` every figure read, with its location; ``tables`` every table recognised.
    """

    sources: list[Source]
    facts: pd.DataFrame
    tables: pd.DataFrame
    checks: pd.DataFrame
    rules: list[Rule] = field(default_factory=list, repr=False)
    lang: str = "zh"

    @property
    def findings(self) -> pd.DataFrame:
        return self.checks[self.checks["status"] == "fail"].reset_index(drop=True)

    @property
    def errors(self) -> list[str]:
        return [s.error for s in self.sources if s.error]

    def summary(self) -> dict[str, int]:
        c = self.checks
        fails = c[c["status"] == "fail"]
        return {
            "checks": len(c),
            "fail": len(fails),
            "error": int((fails["severity"] == "error").sum()),
            "warning": int((fails["severity"] == "warning").sum()),
            "info": int((fails["severity"] == "info").sum()),
        }

    def failing_at(self, level: str) -> bool:
        """True when a failing check is at or above ``level`` (error > warning > info)."""
        limit = SEVERITY_ORDER[level]
        fails = self.checks[self.checks["status"] == "fail"]
        return bool((fails["severity"].map(SEVERITY_ORDER) <= limit).any())

    def to_dict(self, all_checks: bool = True) -> dict[str, Any]:
        checks = self.checks if all_checks else self.findings
        records = [
            {k: _jsonable(v) for k, v in zip(CHECK_COLUMNS, row, strict=True)}
            for row in checks[CHECK_COLUMNS].itertuples(index=False, name=None)
        ]
        return {
            "fincheck": __version__,
            "sources": [s.as_dict() for s in self.sources],
            "checks": records,
            "summary": self.summary(),
        }

    def to_json(self, all_checks: bool = True, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(all_checks), ensure_ascii=False, indent=indent)

    def to_html(self, all_checks: bool = False) -> str:
        """The report as one self-contained HTML page (findings only unless ``all_checks``)."""
        from .render.html import to_html

        return to_html(self, all_checks=all_checks)

    def to_excel(self, path: str | Path) -> Path:
        """Write checks, findings and facts sheets to an xlsx file (text never becomes a formula)."""
        from .render.excel import to_excel

        return to_excel(self, path)

    def annotate(self, out_path: str | Path) -> list[Path]:
        """Write a copy of each input workbook with its failing cells marked (see ``--annotate``)."""
        from .render.annotate import annotate_workbook

        return annotate_workbook(self, out_path)

    def explain(self, n: int) -> dict[str, Any]:
        """One check with its rule and the facts it used (by row number of ``checks``)."""
        row = self.checks.iloc[n]
        rule = next((r for r in self.rules if r.code == row["rule"]), None)
        locs = [row["location"], *row["related"]]
        used = self.facts[self.facts["location"].isin(locs)] if len(self.facts) else self.facts
        return {
            "check": {k: _jsonable(row[k]) for k in CHECK_COLUMNS},
            "rule": {
                "code": rule.code,
                "name": rule.name,
                "kind": rule.kind,
                "title": rule.title,
                "why": rule.why,
                "source": list(rule.source),
                "params": rule.params,
            }
            if rule
            else None,
            "operands": used[["table", "label", "column", "value", "decimals", "unit", "loc"]].to_dict("records"),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"<fincheck Report: {len(self.sources)} source(s), {s['checks']} checks, {s['fail']} failing "
            f"({s['error']} error, {s['warning']} warning, {s['info']} info)>"
        )

    def __rich__(self):
        from .render.terminal import render_report

        return render_report(self, show_all=False)

    def _repr_html_(self) -> str:
        try:
            from .render.html import notebook_html
        except ImportError:  # pragma: no cover - the HTML renderer ships with the package
            return f"<pre>{self.summary()}</pre>"
        return notebook_html(self)
