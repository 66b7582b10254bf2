"""The pipeline, one function for every input: file → :class:`~fincheck.model.Document`
(grids + prose) → tables and facts (:func:`load_document`) → rules → checks → :class:`Report`.

Every source returns a document; :func:`load_document` recognises its grids together (a table
may continue on the next sheet or page), reports a grid that holds figures nothing reads
(SCH002), and hands the prose (with the rows of the grids read as tables blanked) to the text
stage with the source's line → location mapper. :func:`evaluate` runs the rules over the facts
of all sources at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .catalogue import Rule, builtin_rules, emitted, load_rules_from, merge_rules, select_rules
from .contract import stack_bound
from .disclosure import check_document, finding_checks
from .discover import find_inputs
from .engine import run_rules
from .error_codes import error_code, warning_code
from .errors import InputError
from .failures import is_fatal, one_line, quiet_libraries, reader_errors
from .limits import check_file_size
from .limits import using as using_limits
from .model import Document, Loaded, SchemaIssue, Source, typed_facts
from .model.document import NOTHING_CHECKED, NOTHING_RECOGNISED
from .model.facts import FACTS, empty_facts
from .model.grid import Grid, has_table_numbers
from .model.location import Location, line_locator, location_key
from .report import Report
from .schemas import CHECK_COLUMNS, CHECKS, TABLES, empty_checks
from .selection import check_known, code_list
from .sources import read_document, source_kind
from .tables import Recogniser, recognise_grids
from .tables.units import unit_conflicts

STATUS_ORDER = {"fail": 0, "skip": 1, "pass": 2}
INPUT_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".md", ".docx", ".pdf"}


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Folders become the report files inside them (sorted); files are kept as given."""
    return [p for p, _error in find_inputs(paths, INPUT_SUFFIXES)]


def load_document(doc: Document, recogniser: Recogniser | None = None) -> Loaded:
    """The tables, facts, schema issues and pre-bound text checks of one document.
    ``recogniser``: the one its source fed its grids to as they were read (a PDF's pages)."""
    loaded = Loaded()
    claimed: set[int] = set()
    to_text = doc.prose.blocks if doc.prose is not None else {}
    for index, (grid, found) in enumerate(_recognised(doc, recogniser)):
        if not doc.tidy:
            found = [rec for rec in found if rec.table.table_type != "tidy"]
        if found or grid.continued:
            claimed.add(index)
        for rec in found:
            loaded.add(rec)
        if not found and not grid.continued and index not in to_text and has_table_numbers(grid):
            loaded.issues.append(_not_recognised(grid))
    if doc.prose is not None:
        lines = doc.prose.lines_for(claimed)
        text = "\n".join(lines)
        read: set[int] = set()  # lines (from 1) at which the text stage located a figure
        if text.strip():
            from .text import load_text  # the text stage's phrasings are compiled only for prose

            locate = doc.prose.locator(lines)

            def recording(line: int, start: int, end: int, quote: str) -> Location:
                read.add(line)
                return locate(line, start, end, quote)

            loaded.extend(load_text(text, doc.path, recording))
            loaded.findings.extend(check_document(doc, loaded, lines, locate))
        elif doc.prose.empty_error:
            raise InputError(doc.path, doc.prose.empty_error)
        # a grid left to the prose whose figures the text stage did not read either
        for index, block in to_text.items():
            grid = doc.grids[index]
            if index in claimed or grid.continued or not has_table_numbers(grid):
                continue
            if not any(i + 1 in read for i in block):
                loaded.issues.append(_not_recognised(grid))
    return loaded


def _recognised(doc: Document, recogniser: Recogniser | None) -> list:
    """The tables of the document's grids: the recogniser's, when it was given exactly them."""
    fed = recogniser.grids if recogniser is not None else []
    if len(fed) == len(doc.grids) and all(a is b for a, b in zip(fed, doc.grids, strict=True)):
        return recogniser.result() if recogniser is not None else []
    return recognise_grids(doc.grids)


def _not_recognised(grid: Grid) -> SchemaIssue:
    """SCH002: figures in table cells that no recogniser claimed and no other stage reads."""
    cells = grid.cells
    numbers = cells[cells["number"].notna() & ~cells["row"].isin(list(grid.text_rows))]
    first = (numbers if len(numbers) else cells).iloc[0]  # at its first figure
    return SchemaIssue(
        "SCH002",
        grid.path,
        None,
        grid.location(int(first["row"]), int(first["col"])).to_dict(),
        f"{_grid_name(grid)['en']} holds numbers but no table in it was recognised",
        fields={"where": _grid_name(grid)},
    )


def _grid_name(grid: Grid) -> dict[str, str]:
    """Where a grid is, in both languages: a PDF page, a Word table, a sheet."""
    if grid.kind == "pdf":
        n = grid.sheet.removeprefix("p")
        return {"zh": f"第{n}页", "en": f"page {n}"}
    if grid.kind == "docx":
        n = grid.sheet.removeprefix("表")
        return {"zh": f"Word 表{n}", "en": f"Word table {n}"}
    return {"zh": f"工作表“{grid.sheet}”", "en": f"sheet {grid.sheet!r}"}


def failed_source(path: Path, errors: dict[str, str]) -> Source:
    """The entry of an input that could not be read, with its error in each language (and its
    code, ``errors["code"]``)."""
    texts = {lang: text for lang, text in errors.items() if lang in ("en", "zh")}
    return Source(str(path), source_kind(path), 0, errors["en"], texts, error_code=errors.get("code"))


def load_source(path: Path) -> tuple[Source, Loaded]:
    """Read one file through the pipeline: its entry in ``Report.sources`` and what it holds."""
    source = Source(str(path), source_kind(path))
    if path.is_dir():  # a folder named like a report (x.pdf) that holds none
        raise InputError(str(path), "a folder with no report files in it (.xlsx .xlsm .xls .csv .txt .md .docx .pdf)")
    if source.kind == "pdf":  # its pages are extracted in workers (sources.pdf_workers) meanwhile
        from .sources.pdf_workers import discard, prefetch

        prefetch(path)
        try:
            get_ready()
            loaded = _load(path)
        finally:
            discard(path)  # the early extraction, when the file failed before its pages were read
    else:
        loaded = _load(path)
    source.tables = len(loaded.tables)
    return source, loaded


def get_ready() -> None:
    """Load what the stages load once per process, so that it is done while a PDF's pages are
    extracted: the text stage's modules (it imports its parts when first used) and its phrasing,
    forms and words data, the binders, the table subjects, the disclosure checks' patterns
    (compiled on first use) and the facts schema's checks."""
    import importlib
    import pkgutil

    from . import text, text_words
    from .disclosure import phrasing as disclosure_phrasing
    from .kinds import _load as load_binders
    from .kinds.texttable import _subjects
    from .text import evidence, forms, phrasing

    for module in pkgutil.iter_modules(text.__path__):  # the text stage imports its parts when used
        importlib.import_module(f"{text.__name__}.{module.name}")
    load_binders()
    phrasing.groups()
    evidence.data()
    forms.indicator_columns()
    text_words.data()
    _subjects()
    disclosure_phrasing.compile_all()
    FACTS.validate(empty_facts())


def _load(path: Path) -> Loaded:
    recogniser = Recogniser()  # fed the grids as they are read
    return load_document(read_document(path, recogniser.add), recogniser)


def _validate_loaded(path: Path, loaded: Loaded) -> None:
    """Each source's facts meet the schema on their own, so one bad file cannot spoil a batch."""
    frames = [*loaded.facts, *(b[0] for b in loaded.bound)]
    if frames:
        FACTS.validate(typed_facts(pd.concat(frames, ignore_index=True)))


def read_source(path: Path) -> tuple[Source, Loaded]:
    """One file read and validated; an unreadable file is its source's error, never an exception
    (a top-level function: batch workers in other processes run it)."""
    path = path if isinstance(path, Path) else Path(path)  # keep a NamedPath's printable name
    try:
        with quiet_libraries():
            check_file_size(path)
            source, loaded = load_source(path)
            _validate_loaded(path, loaded)
    except BaseException as exc:  # any reader failure, native panics too, is this file's error
        if is_fatal(exc):
            raise
        source, loaded = failed_source(path, reader_errors(path, exc)), Loaded()
    return source, loaded


def resolve_rules(rules: Any = None, select: Any = None, ignore: Any = None) -> list[Rule]:
    """The built-in rules plus ``rules``, filtered by ``select`` / ``ignore`` (a code prefix,
    ``"GEN,FIN"`` or a list of them; a prefix that matches no rule raises UnknownRuleError)."""
    extra: list[Rule] = []
    if rules is not None:
        items = rules if isinstance(rules, list | tuple) else [rules]
        for item in items:
            if isinstance(item, Rule):
                extra.append(item)
            else:
                extra.extend(load_rules_from(Path(item)))
    merged = merge_rules(builtin_rules(), extra)
    select, ignore = code_list(select, "select"), code_list(ignore, "ignore")
    codes = [r.code for r in merged]
    check_known(codes, select, "select")
    check_known(codes, ignore, "ignore")
    return select_rules(merged, select, ignore)


def check(
    *paths: str | Path,
    rules: Any = None,
    select: str | list[str] | None = None,
    ignore: str | list[str] | None = None,
    lang: str | None = None,
    progress=None,
    context: dict | None = None,
    limits: Any = None,
) -> Report:
    """Check report files (workbooks, CSV, text, folders of them) and return a :class:`Report`.

    ``rules`` adds user rule files or folders (or :class:`Rule` objects); ``select`` and
    ``ignore`` filter rules by code prefix (``"GEN003"``, ``"GEN,FIN"`` or a list; an unknown
    prefix raises :class:`~fincheck.selection.UnknownRuleError`); ``context`` passes run options to the check kinds
    (e.g. ``{"bands": {"优秀": 85, "良好": 75, "合格": 60, "差": 0}}`` for grade bands). An
    unreadable file does not stop the others: its error is in ``report.sources``. ``limits``
    (a :class:`fincheck.limits.Limits` or ``"cells=5e5,seconds=30"``) bounds each file's size,
    cells, pages and reading time (see :mod:`fincheck.limits`). ``lang`` (``"zh"`` or ``"en"``)
    is the language of the messages and locations; None follows the reports. ``progress`` is
    called with each file's path once it is read; an object may also have ``start(path)``
    (before reading it) and ``stage(name)`` (``"rules"`` once every file is read).

    No path at all (``check(*glob.glob(...))`` on a glob that matched nothing) raises
    ValueError: a run that read nothing must not pass.
    """
    if not [q for p in paths for q in (p if isinstance(p, list | tuple) else [p])]:
        raise ValueError("no paths to check (an empty glob or list?): give at least one file or folder")
    if lang not in (None, "zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en' (or None to follow the report), not {lang!r}")
    with using_limits(limits):
        return _check(paths, rules, select, ignore, lang, progress, context)


def _check(paths, rules, select, ignore, lang, progress, context) -> Report:
    flat: list[str | Path] = []
    for p in paths:
        flat.extend(p if isinstance(p, list | tuple) else [p])
    all_rules = resolve_rules(rules, select, ignore)
    sources: list[Source] = []
    parts: list[Loaded] = []
    for path, problem in find_inputs(flat, INPUT_SUFFIXES):
        if problem is not None:  # a subfolder that cannot be listed, a FIFO …: this path's error
            texts = {lang: one_line(problem.text(lang), 600) for lang in ("en", "zh")}
            sources.append(failed_source(path, {**texts, "code": error_code(problem.template)}))
            parts.append(Loaded())
            continue
        notify(progress, "start", path)
        source, loaded = read_source(path)
        sources.append(source)
        parts.append(loaded)
        if lang is None and progress is not None and (said := loaded_lang(loaded)) is not None:
            notify(progress, "language", said)  # the first report read says the run's language
        if progress is not None:
            progress(path)
    notify(progress, "stage", "rules")
    return evaluate(sources, parts, all_rules, lang, context)


def loaded_lang(loaded: Loaded) -> str | None:
    """The language of one input as :func:`evaluate` would detect it (None: nothing was read)."""
    labels = [f["label"].head(200) for f in loaded.facts if len(f) and "label" in f]
    if not labels and not loaded.text:
        return None
    facts = pd.DataFrame({"label": pd.concat(labels, ignore_index=True) if labels else pd.Series([], dtype="str")})
    return "zh" if mostly_chinese(facts, [loaded.text] if loaded.text else []) else "en"


def notify(progress: Any, hook: str, value: Any) -> None:
    """Call ``progress.start(path)`` / ``progress.stage(name)`` / ``progress.language(lang)``
    when the progress object has them (a plain callable is only called with each file done)."""
    method = getattr(progress, hook, None)
    if callable(method):
        method(value)


def check_text(text: str, name: str = "<text>", **kwargs: Any) -> Report:
    """Check the figures in a text given as a string (``name`` is used as its source path).

    Takes the keyword arguments of :func:`check` that apply to a text: ``rules``, ``select``,
    ``ignore``, ``lang`` and ``context``; any other raises a TypeError (a misspelt ``selct``
    once ran every rule without a word)."""
    from .text import load_text

    unknown = sorted(set(kwargs) - {"rules", "select", "ignore", "lang", "context"})
    if unknown:
        raise TypeError(f"check_text() got unexpected keyword arguments: {', '.join(unknown)}")
    if kwargs.get("lang") not in (None, "zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en' (or None to follow the report), not {kwargs['lang']!r}")

    rules = resolve_rules(kwargs.pop("rules", None), kwargs.pop("select", None), kwargs.pop("ignore", None))
    loaded = load_text(text, name, line_locator(text.split("\n")))
    return evaluate(
        [Source(name, "text", len(loaded.tables))],
        [loaded],
        rules,
        kwargs.pop("lang", None),
        kwargs.pop("context", None),
    )


def evaluate(
    sources: list[Source], parts: list[Loaded], rules: list[Rule], lang: str | None, context: dict | None = None
) -> Report:
    facts_list, bound, tables, issues, texts, findings = [], [], [], [], [], []
    offset = 0
    for loaded in parts:
        tables.extend(loaded.tables)
        issues.extend(loaded.issues)
        findings.extend(loaded.findings)
        if loaded.text:
            texts.append(loaded.text)
        for f in loaded.facts:
            f = f.reset_index(drop=True)
            facts_list.append(f)
            offset += len(f)
        bfacts, rebased = stack_bound(loaded.bound, offset)  # the one place fact ids are rebased
        facts_list.extend(bfacts)
        bound.extend((b.instances, b.links) for b in rebased)
        offset += sum(len(f) for f in bfacts)
    facts = pd.concat(facts_list, ignore_index=True) if facts_list else None
    if facts is None or facts.empty:
        facts = empty_facts()
    facts = typed_facts(facts)
    FACTS.validate(facts)
    if lang is None:
        lang = "zh" if mostly_chinese(facts, texts) else "en"
    active = {r.code for r in rules}
    checks = run_rules(
        rules, facts, lang=lang, context=context, prebound=[b for b in bound if _bound_rule_active(b[0], active)]
    )
    if "SCH003" in active:
        issues = [*issues, *unit_conflicts(facts)]
    schema = [_issue_check(i, rules, lang) for i in issues if i.rule in active]
    schema += finding_checks(findings, rules, lang)
    if schema:
        checks = (
            pd.concat([checks, pd.DataFrame(schema, columns=CHECK_COLUMNS)], ignore_index=True)
            if len(checks)
            else pd.DataFrame(schema, columns=CHECK_COLUMNS)
        )
    checks = order_checks(checks)
    _mark_unrecognised(sources, facts, tables, checks)
    if any(code.startswith(("TXT", "GEN")) for code in active):  # relations were looked for
        _mark_unchecked(sources, facts, checks)
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


def _mark_unrecognised(sources: list[Source], facts: pd.DataFrame, tables: list, checks: pd.DataFrame) -> None:
    """A source read without error in which no table, no figure and no check was found gets
    the :data:`NOTHING_RECOGNISED` warning (it would otherwise pass in silence)."""
    found = {*facts["report"].astype(str), *(t.report for t in tables), *checks["source"].astype(str)}
    for source in sources:
        if not source.error and source.path not in found:
            source.warning = NOTHING_RECOGNISED
            source.warning_code = warning_code(NOTHING_RECOGNISED)


#: an input with at least this many figures and no check gets :data:`NOTHING_CHECKED`
UNCHECKED_FIGURES = 5


def _mark_unchecked(sources: list[Source], facts: pd.DataFrame, checks: pd.DataFrame) -> None:
    """A source read without error whose figures were read but gave no check, not even a
    skip, gets the :data:`NOTHING_CHECKED` warning: many figures and 0 checks would otherwise
    look like a clean report."""
    counts = facts["report"].astype(str).value_counts()
    checked = set(checks["source"].astype(str))
    for source in sources:
        n = int(counts.get(source.path, 0))
        if not source.error and not source.warning and n >= UNCHECKED_FIGURES and source.path not in checked:
            source.warning, source.figures = NOTHING_CHECKED, n
            source.warning_code = warning_code(NOTHING_CHECKED)


def _bound_rule_active(inst: pd.DataFrame, active: set[str]) -> bool:
    return bool(len(inst)) and inst["rule"].isin(active).any()


def mostly_chinese(facts: pd.DataFrame, texts: list[str]) -> bool:
    sample = " ".join(facts["label"].head(200).tolist()) + " ".join(t[:2000] for t in texts)
    if not sample.strip():
        return True
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return cjk >= max(1, len(sample.replace(" ", "")) // 10)


def _issue_check(issue: SchemaIssue, rules: list[Rule], lang: str = "en") -> dict:
    rule = next((r for r in rules if r.code == issue.rule), None)
    return {
        "rule": emitted("schema-issues", issue.rule),
        "name": rule.name if rule else "",
        "severity": issue.severity or (rule.severity if rule else "error"),
        "status": "fail",
        "note": "",
        "message": issue.text(rule.text("message", lang) if rule else None, lang),
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


def order_checks(checks: pd.DataFrame) -> pd.DataFrame:
    """Checks by source, then status (findings first), then place in reading order
    (:meth:`Location.sort_key`: page, table, row, column / line, column), then rule; stable, so
    every renderer lists a source's findings in one order."""
    if checks.empty:
        return empty_checks()
    key = pd.DataFrame(
        {
            "s": checks["status"].map(STATUS_ORDER),
            "src": checks["source"],
            "loc": checks["location"].map(location_key),
            "rule": checks["rule"],
        }
    )
    order = key.sort_values(["src", "s", "loc", "rule"], kind="stable").index
    out = checks.loc[order].reset_index(drop=True)
    return CHECKS.validate(
        out.astype({"stated": "float64", "expected": "float64", "difference": "float64", "tolerance": "float64"})
    )
