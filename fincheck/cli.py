"""Command line: ``fincheck check PATH... [options]`` (``fincheck PATH...`` for short) and the
``rules``, ``explain``, ``tables``, ``template``, ``config`` and ``serve`` subcommands, one argparse
subparser each.

The first word picks the subcommand when it is one of their names; anything else is a path to
check. So ``fincheck rules`` lists the rules, while a folder named ``rules`` is checked with
``fincheck ./rules`` or ``fincheck check rules``.

Exit codes: 2 for a usage error or when any input could not be read (after checking all the
others); otherwise 1 when a failing check is at or above ``--fail-on`` (default error), else 0.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import warnings
from functools import partial
from pathlib import Path

from .cli_text import argparse_in, cli_lang, output_lang, problem_line, say, source_problems, tr
from .errors import FincheckError
from .version import __version__

SUBCOMMANDS = ("check", "rules", "explain", "tables", "template", "config", "serve")


class _Parser(argparse.ArgumentParser):
    """argparse with its help texts in the CLI's language (:mod:`fincheck.cli_text`)."""

    lang = "en"

    def __init__(self, *args, **kwargs):
        for key in ("description", "help"):
            if key in kwargs:
                kwargs[key] = tr(kwargs[key], self.lang)
        super().__init__(*args, **kwargs)

    def add_argument(self, *args, **kwargs):
        if "help" in kwargs:
            kwargs["help"] = tr(kwargs["help"], self.lang)
        return super().add_argument(*args, **kwargs)

    def error(self, message: str):  # one line, exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(2, problem_line("error", message, self.lang) + "\n")


class _SubParsers(argparse._SubParsersAction):
    def add_parser(self, name, **kwargs):
        for key in ("help", "description"):
            if key in kwargs:
                kwargs[key] = tr(kwargs[key], _Parser.lang)
        return super().add_parser(name, **kwargs)


def _codes(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


def check_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The whole command line: one subparser per subcommand, its help in ``lang``."""
    _Parser.lang = lang
    p = _Parser(
        prog="fincheck",
        description="Check the arithmetic of budget, final-account, asset and performance reports. "
        "`fincheck PATH...` is short for `fincheck check PATH...`; to check a folder named like a "
        "subcommand, write `fincheck ./rules` or `fincheck check rules`.",
    )
    p.add_argument(
        "--version", action="version", version=f"fincheck {__version__}", help="show program's version number and exit"
    )
    p.register("action", "parsers", _SubParsers)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _check_arguments(sub.add_parser("check", help="check report files or folders (the default)"))
    t = sub.add_parser("template", help="write a blank tidy workbook with instructions")
    t.add_argument("out", metavar="OUT.xlsx")
    t.add_argument("--lang", choices=["zh", "en"], default=None, help="language of the instructions and of this help")
    r = sub.add_parser("rules", help="list the rule catalogue")
    r.add_argument("family", nargs="?", help="only this family or code prefix (e.g. FIN, AST0)")
    r.add_argument("--rules", action="append", metavar="FILE_OR_DIR", help="include your own rules")
    r.add_argument("--lang", choices=["zh", "en"], default=None, help="language of the output and of this help")
    e = sub.add_parser("explain", help="print a rule with its examples")
    e.add_argument("code")
    e.add_argument("--rules", action="append", metavar="FILE_OR_DIR", help="include your own rules")
    e.add_argument(
        "--lang", choices=["zh", "en", "both"], default=None, help="language of the rule's texts and of this help"
    )
    tb = sub.add_parser("tables", help="show the tables recognised in a file")
    tb.add_argument("paths", nargs="+", metavar="PATH")
    tb.add_argument("--lang", choices=["zh", "en"], default=None, help="language of the output and of this help")
    c = sub.add_parser("config", help="show the effective configuration and where each value comes from")
    _check_arguments(c, nargs="*")
    from .web.cli import HELP, add_arguments  # the web page's options (its server is imported when run)

    add_arguments(sub.add_parser("serve", help=HELP, description=HELP))
    return p


def _check_arguments(p: argparse.ArgumentParser, nargs: str = "+") -> None:
    """The check options. Those a configuration file can set default to None here, so that
    :func:`fincheck.config.resolve` knows which ones the command line gave."""
    p.add_argument(
        "paths", nargs=nargs, metavar="PATH", help="report files (.xlsx .xlsm .xls .csv .txt .md .docx .pdf) or folders"
    )
    p.add_argument("--config", metavar="FILE", help="read options from this file instead of searching for one")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument(
        "--format",
        choices=["text", "json", "csv", "html", "xlsx"],
        default=None,
        help="default text, or the one -o FILE's suffix names (.json .csv .html .xlsx .txt .md)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    on_off = argparse.BooleanOptionalAction  # --no-X turns off an X that a configuration file turned on
    p.add_argument("--all", action=on_off, default=None, help="list passing and skipped checks too")
    p.add_argument(
        "--verbose", "-v", action=on_off, default=None, help="with --all: every passing check, not counts by rule"
    )
    p.add_argument("--statistics", action=on_off, default=None, help="print open findings counted by rule")
    p.add_argument("--select", metavar="CODES", help="only rules whose code starts with one of these (comma-separated)")
    p.add_argument("--ignore", metavar="CODES", help="skip rules whose code starts with one of these")
    p.add_argument("--rules", metavar="FILE_OR_DIR", action="append", help="add your own rules (YAML)")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default=None, help="default error")
    p.add_argument(
        "--bands",
        metavar="GRADE=MIN,...",
        help="performance grade bands (lower bounds), e.g. 优秀=85,良好=75,合格=60,差=0 (default 优=90,良=80,中=60,差=0)",
    )
    p.add_argument(
        "--lang", choices=["zh", "en"], help="language of the output and of this help (default: zh for Chinese reports)"
    )
    p.add_argument(
        "--annotate",
        metavar="OUT.xlsx|OUT.pdf|OUT.docx",
        help="write a marked copy of each workbook (.xlsx), PDF (.pdf) or Word (.docx) input",
    )
    p.add_argument(
        "--limits",
        metavar="NAME=VALUE,...",
        help="per-file limits, e.g. cells=5e5,pages=500,seconds=60 (defaults and names: docs/limits.md)",
    )
    p.add_argument("--quiet", "-q", action=on_off, default=None, help="print only the summary line")
    p.add_argument("--baseline", metavar="FILE", help="hide the findings accepted in FILE (unless they changed)")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE as accepted")
    p.add_argument("--reason", metavar="TEXT", help="with --write-baseline: why these findings are accepted")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="read the files in N worker processes (a batch; files of one folder with the same name are one report)",
    )


def main(argv: list[str] | None = None) -> int:
    program = argv is None  # the command line itself, not a call from a caller's own process
    if program:  # what the run imports lives until the process ends: fewer collections meanwhile
        from .collector import start

        start()
    try:
        return _main(list(sys.argv[1:] if argv is None else argv), program)
    finally:
        if program:  # the process ends now: shutdown need not trace every object again
            from .collector import before_exit

            before_exit()


def _main(argv: list[str], program: bool) -> int:
    from .config import lang_before_parsing

    lang = cli_lang(argv, lang_before_parsing(argv))
    debug = "--debug" in argv
    if debug:
        os.environ["FINCHECK_DEBUG"] = "1"
    _escape_undecodable()
    if not debug:  # library warnings (numpy, pdfminer, openpyxl) are not the user's business
        warnings.simplefilter("ignore")
    args = None
    try:
        with argparse_in(lang):
            args = check_parser(lang).parse_args(_with_command(argv))
        args.help_lang = lang
        args.program = program
        args.cli_lang = output_lang(getattr(args, "lang", None))  # until a config or a report says more
        if args.command == "check":
            return _check(args)
        return _subcommand(args)
    except FincheckError as exc:
        if debug:
            raise
        from .render.safe_text import clean

        lang = args.cli_lang if args is not None else lang
        print(problem_line("error", clean(exc.text(lang), newlines=False), lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    except BaseException as exc:  # a bug: still one line unless --debug
        if debug:
            raise
        from .failures import one_line

        lang = getattr(args, "cli_lang", lang)
        detail = one_line(exc)
        text = say(
            "internal error: {name}{detail} (run with --debug for details)",
            lang,
            name=type(exc).__name__,
            detail=": " + detail if detail else "",
        )
        print(f"fincheck: {text}", file=sys.stderr)
        return 2


def _escape_undecodable() -> None:
    """Undecodable bytes of file names (surrogate escapes) print as \\xNN instead of failing."""
    from .outputs import ESCAPE

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # not a stream we may reconfigure
            stream.reconfigure(errors=ESCAPE)


def _with_command(argv: list[str]) -> list[str]:
    """``fincheck PATH...`` is ``fincheck check PATH...``: the first word names a subcommand
    only when it is one (``./rules`` or ``check rules`` checks a folder named rules)."""
    if not argv or argv[0] in SUBCOMMANDS or argv[0] in ("-h", "--help", "--version"):
        return argv
    return ["check", *argv]


def _holds_reports(folder: Path) -> bool:
    from .pipeline import INPUT_SUFFIXES

    return folder.is_dir() and any(p.suffix.lower() in INPUT_SUFFIXES for p in folder.rglob("*"))


def _check(args: argparse.Namespace) -> int:
    from .config import resolve

    given = resolve(args)["format"] != "default"
    args.cli_lang = output_lang(args.lang)  # --lang, else the configuration's; the report may say more
    args.format = output_format(args.format, args.output, given, args.cli_lang)
    prefetched = args.jobs == 1 and _prefetch_pdf(args)  # before the pipeline is imported
    from .pipeline import check

    if prefetched and args.format not in ("json", "csv", "html", "xlsx"):  # while the pages are extracted
        from rich.console import Console  # noqa: F401

        from .render import terminal  # noqa: F401

    if getattr(args, "program", False):  # what is loaded now lives until the process ends
        from .collector import settle

        settle()
    if args.output or args.annotate:
        from .outputs import refuse_unsafe
        from .pipeline import expand_paths

        files = expand_paths(args.paths)
        for target in (args.output, args.annotate):
            if target:
                refuse_unsafe(target, args.paths, files)
    _known_codes(args)
    from .limits import parse_limits

    parse_limits(args.limits)  # a malformed --limits is a usage error before anything is read
    progress = _progress(args)
    if args.jobs < 1:
        raise FincheckError(say("--jobs {n}: must be at least 1", args.cli_lang, n=args.jobs))
    run = partial(check, *args.paths)
    if args.jobs > 1:
        from .panel import check_many

        run = partial(check_many, args.paths, jobs=args.jobs)
    try:
        report = run(
            rules=args.rules,
            select=_codes(args.select),
            ignore=_codes(args.ignore),
            lang=args.lang,
            progress=progress,
            context=_context(args),
            limits=parse_limits(args.limits),
        )
    finally:
        if progress is not None:
            progress.close()
    # one language for every stream: what the report is written in, its errors and notes are too
    args.cli_lang = output_lang(args.lang, report)
    if args.write_baseline:
        from .baseline import apply_baseline, write_baseline

        if args.baseline:  # the findings it accepted keep their reasons in the new file
            report = apply_baseline(report, args.baseline)

        n = write_baseline(report, args.write_baseline, args.reason)
        msg = say("{n} finding(s) recorded as accepted in {path}", args.cli_lang, n=n, path=args.write_baseline)
        print(f"fincheck: {msg}", file=sys.stderr)
        return 2 if any(s.error for s in report.sources) else 0
    if args.baseline:
        from .baseline import apply_baseline

        report = apply_baseline(report, args.baseline)
    _emit(report, args)
    if args.baseline:
        hidden = report.summary()["accepted"]
        msg = say("{n} accepted finding(s) hidden (baseline {path})", args.cli_lang, n=hidden, path=args.baseline)
        print(f"fincheck: {msg}", file=sys.stderr)
    annotate_failed = False
    if args.annotate:
        from .render.annotate import AnnotateError, annotate_workbook

        try:
            for written in annotate_workbook(report, args.annotate):
                if not args.quiet:
                    msg = say("annotated workbook written to {path}", args.cli_lang, path=written)
                    print(f"fincheck: {msg}", file=sys.stderr)
        except AnnotateError as exc:
            print(problem_line("error", exc.text(args.cli_lang), args.cli_lang), file=sys.stderr)
            annotate_failed = True
    for line in source_problems(report.sources, args.cli_lang):
        print(line, file=sys.stderr)
    if annotate_failed or any(s.error for s in report.sources):
        return 2
    return 1 if report.failing_at(args.fail_on) else 0


def _prefetch_pdf(args) -> bool:
    """When the first input is a PDF, start extracting it now, before the pipeline (pandas,
    pandera, the rules) is imported: pdfplumber's workers and this process get ready side by side
    (:mod:`fincheck.sources.pdf_workers`). A file that cannot be read is left to the pipeline,
    which says why. True when the extraction was started."""
    from .limits import check_file_size, parse_limits, using

    path = Path(args.paths[0]) if args.paths else None
    if path is None or path.suffix.lower() != ".pdf" or not path.is_file():
        return False
    try:
        with using(parse_limits(args.limits)):
            check_file_size(path)
            from .sources.pdf_workers import prefetch

            prefetch(path)
    except (FincheckError, OSError):
        return False
    return True


def _context(args) -> dict | None:
    if not args.bands:
        return None
    from .kinds.score import parse_bands

    return {"bands": parse_bands(args.bands)}


def _known_codes(args) -> None:
    """--select / --ignore prefixes that match no rule are typos: say so before reading inputs."""
    from .errors import RulesWarning
    from .pipeline import resolve_rules
    from .selection import check_known, code_list

    with warnings.catch_warnings(record=True) as caught:  # an empty --rules folder: said once
        warnings.simplefilter("always", RulesWarning)
        codes = [r.code for r in resolve_rules(args.rules)]
    for w in caught:
        if isinstance(w.message, RulesWarning):
            print(problem_line("warning", w.message.text(args.cli_lang), args.cli_lang), file=sys.stderr)
    check_known(codes, code_list(args.select), "--select")
    check_known(codes, code_list(args.ignore), "--ignore")


def _progress(args):
    """A progress bar on standard error when several files are checked interactively."""
    if args.format != "text" or args.quiet or not sys.stderr.isatty():
        return None
    from .pipeline import expand_paths

    total = len(expand_paths(args.paths))
    if total < 2:
        return None
    from .render.terminal import ProgressBar

    return ProgressBar(total, args.lang)  # --lang or the configuration's; None: the first report's


#: the report format a -o file's suffix names, when --format does not say
SUFFIX_FORMATS = {
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
    ".txt": "text",
    ".md": "text",
}


def output_format(fmt: str, output: str | None, given: bool, lang: str) -> str:
    """The format to write: ``fmt`` when given (on the command line or in the configuration),
    else the one the output file's suffix names, else text. A workbook needs a file, and a file
    named .xlsx never receives text."""
    suffix = Path(output).suffix.lower() if output else ""
    if not given and suffix in SUFFIX_FORMATS:
        fmt = SUFFIX_FORMATS[suffix]
    if fmt == "xlsx" and not output:
        raise FincheckError(say("--format xlsx writes a workbook: give its file with -o FILE.xlsx", lang))
    if suffix == ".xlsx" and fmt != "xlsx":
        raise FincheckError(
            say("-o {path}: a .xlsx file holds a workbook, not --format {fmt}", lang, path=output, fmt=fmt)
        )
    return fmt


def _emit(report, args) -> None:
    from .outputs import write_atomic, write_text_atomic

    fmt = args.format
    if fmt == "xlsx":
        write_atomic(args.output, lambda tmp: report.to_excel(tmp, lang=args.lang))
        return
    if fmt == "json":
        text = report.to_json(all_checks=args.all)
    elif fmt == "csv":
        from .render.tabular import to_csv

        text = to_csv(report, all_checks=args.all)
    elif fmt == "html":
        from .render.html import to_html

        text = to_html(report, all_checks=args.all)
    else:
        from rich.console import Console

        from .render.labels import lang_of, summary_line
        from .render.terminal import render_report

        if args.statistics:
            from .render.statistics import statistics_text

            text = statistics_text(report, args.lang) + "\n" + summary_line(report, lang_of(report, args.lang))
            if args.output:
                write_text_atomic(args.output, text + "\n")
            else:
                sys.stdout.write(text + "\n")
            return
        # a terminal (or a width given in COLUMNS) keeps its layout; a pipe gets whole lines
        fold = sys.stdout.isatty() or bool(os.environ.get("COLUMNS"))
        view = render_report(report, show_all=args.all, quiet=args.quiet, verbose=args.verbose, fold=fold)
        if args.output:
            buffer = io.StringIO()
            Console(file=buffer, width=160, no_color=True).print(view)
            write_text_atomic(args.output, buffer.getvalue())
        elif fold:
            Console(soft_wrap=False).print(view)
        else:
            from .render.terminal import full_lines

            sys.stdout.write(full_lines(view))
        return
    if args.output:
        write_text_atomic(args.output, text, "utf-8-sig" if fmt == "csv" else "utf-8")
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")


def _template(args: argparse.Namespace) -> int:
    """``fincheck template OUT.xlsx``: refused (one line, exit 2) when OUT exists, is not an
    .xlsx name or is in a folder that does not exist; ``--lang`` or the configured ``lang``
    chooses the language of its instructions."""
    from .config import configured_lang
    from .template import write_template

    lang = configured_lang(args)
    args.cli_lang = output_lang(lang)
    out = Path(args.out)
    problem = None
    if out.suffix.lower() != ".xlsx":
        problem = say("{path}: the template is an Excel workbook: give a name ending in .xlsx", args.cli_lang, path=out)
    elif out.exists():
        problem = say("{path}: already exists, not overwritten", args.cli_lang, path=out)
    elif not out.parent.is_dir():
        problem = say("{path}: the folder {folder} does not exist", args.cli_lang, path=out, folder=out.parent)
    if problem is None:
        try:
            write_template(out, args.cli_lang)
        except OSError as exc:
            problem = say("{path}: cannot be written ({reason})", args.cli_lang, path=out, reason=exc.strerror or exc)
    if problem is not None:
        print(problem_line("error", problem, args.cli_lang), file=sys.stderr)
        return 2
    print(say("wrote {path}", args.cli_lang, path=out))
    return 0


def _subcommand(args: argparse.Namespace) -> int:
    name = args.command
    if name is None:  # `fincheck` alone: a usage error, in the language of the help
        L = args.help_lang
        with argparse_in(L):
            check_parser(L).print_usage(sys.stderr)
        msg = say("give a PATH to check or a COMMAND (see `fincheck --help`)", L)
        print(problem_line("error", msg, L), file=sys.stderr)
        return 2
    if name == "template":
        return _template(args)
    if name in ("rules", "explain", "tables"):
        from .config import configured_lang

        args.cli_lang = output_lang(configured_lang(args))
    if name == "rules":
        from .render.catalogue import print_rules

        if args.family is None and not args.rules and _holds_reports(Path("rules")):
            print(
                f"fincheck: {say('(to check the folder ./rules, run `fincheck check rules`)', args.cli_lang)}",
                file=sys.stderr,
            )
        return print_rules(args.family, args.rules, args.cli_lang)
    if name == "explain":
        from .render.catalogue import explain_rule

        return explain_rule(args.code, args.rules, args.cli_lang if args.lang != "both" else "both")
    if name == "tables":
        from .render.catalogue import print_tables

        return print_tables(args.paths, configured_lang(args))
    if name == "config":
        from .config import print_config

        return print_config(args)
    if name == "serve":
        from .web.cli import run

        return run(args)
    return 2
