"""Command line: ``python -m fincheck PATH... [options]`` and the ``template``, ``rules``,
``explain`` and ``tables`` subcommands.

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

from .errors import FincheckError
from .version import __version__

SUBCOMMANDS = {"template", "rules", "explain", "tables"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"fincheck: error: {message}\n")


def _codes(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


def check_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="fincheck",
        description="Check the arithmetic of budget, final-account, asset and "
        "performance reports. Subcommands: template OUT.xlsx | rules [FAMILY] | explain CODE | tables FILE",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="report files (.xlsx .xlsm .xls .csv .txt .md .docx .pdf) or folders"
    )
    p.add_argument("--format", choices=["text", "json", "csv", "html"], default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--all", action="store_true", help="list passing and skipped checks too")
    p.add_argument("--select", metavar="CODES", help="only rules whose code starts with one of these (comma-separated)")
    p.add_argument("--ignore", metavar="CODES", help="skip rules whose code starts with one of these")
    p.add_argument("--rules", metavar="FILE_OR_DIR", action="append", help="add your own rules (YAML)")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default="error")
    p.add_argument(
        "--bands",
        metavar="GRADE=MIN,...",
        help="performance grade bands (lower bounds), e.g. 优秀=85,良好=75,合格=60,差=0 (default 优=90,良=80,中=60,差=0)",
    )
    p.add_argument("--lang", choices=["zh", "en"], help="language of messages (default: zh for Chinese reports)")
    p.add_argument("--annotate", metavar="OUT.xlsx", help="write a copy of the workbook with failing cells marked")
    p.add_argument(
        "--limits",
        metavar="NAME=VALUE,...",
        help="per-file limits, e.g. cells=5e5,pages=500,seconds=60 (defaults and names: docs/limits.md)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="read the files in N worker processes (a batch; files of one folder with the same name are one report)",
    )
    p.add_argument("--version", action="version", version=f"fincheck {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    if debug:
        os.environ["FINCHECK_DEBUG"] = "1"
    _escape_undecodable()
    if not debug:  # library warnings (numpy, pdfminer, openpyxl) are not the user's business
        warnings.simplefilter("ignore")
    try:
        if argv and argv[0] in SUBCOMMANDS:  # a folder named like a subcommand: write ./rules
            return _subcommand(argv[0], argv[1:])
        return _check(argv)
    except FincheckError as exc:
        if debug:
            raise
        from .render.safe_text import clean

        print(f"fincheck: error: {clean(exc, newlines=False)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    except BaseException as exc:  # a bug: still one line unless --debug
        if debug:
            raise
        from .failures import one_line

        detail = one_line(exc)
        print(
            f"fincheck: internal error: {type(exc).__name__}{': ' + detail if detail else ''} "
            "(run with --debug for details)",
            file=sys.stderr,
        )
        return 2


def _escape_undecodable() -> None:
    """Undecodable bytes of file names (surrogate escapes) print as \\xNN instead of failing."""
    from .outputs import ESCAPE

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # not a stream we may reconfigure
            stream.reconfigure(errors=ESCAPE)


def _check(argv: list[str]) -> int:
    args = check_parser().parse_args(argv)  # --help and --version exit here, before the pipeline is imported
    from .pipeline import check

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
        raise FincheckError(f"--jobs {args.jobs}: must be at least 1")
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
    _emit(report, args)
    annotate_failed = False
    if args.annotate:
        from .render.annotate import AnnotateError, annotate_workbook

        try:
            for written in annotate_workbook(report, args.annotate):
                if not args.quiet:
                    print(f"fincheck: annotated workbook written to {written}", file=sys.stderr)
        except AnnotateError as exc:
            print(f"fincheck: error: {exc}", file=sys.stderr)
            annotate_failed = True
    from .render.safe_text import clean

    for source in report.sources:
        if source.error:
            print(f"fincheck: error: {clean(source.error, newlines=False)}", file=sys.stderr)
    if annotate_failed or any(s.error for s in report.sources):
        return 2
    return 1 if report.failing_at(args.fail_on) else 0


def _context(args) -> dict | None:
    if not args.bands:
        return None
    from .kinds.score import parse_bands

    return {"bands": parse_bands(args.bands)}


def _known_codes(args) -> None:
    """--select / --ignore prefixes that match no rule are typos: say so instead of checking nothing."""
    from .pipeline import resolve_rules

    codes = [r.code for r in resolve_rules(args.rules)]
    for option, value in (("--select", args.select), ("--ignore", args.ignore)):
        for prefix in _codes(value) or []:
            if not any(code.startswith(prefix.upper()) for code in codes):
                raise FincheckError(f"{option} {prefix}: no rule code starts with it (see `python -m fincheck rules`)")


def _progress(args):
    """A progress bar on standard error when several files are checked interactively."""
    if args.format != "text" or args.quiet or not sys.stderr.isatty():
        return None
    from .pipeline import expand_paths

    total = len(expand_paths(args.paths))
    if total < 2:
        return None
    from .render.terminal import ProgressBar

    return ProgressBar(total)


def _emit(report, args) -> None:
    from .outputs import write_text_atomic

    fmt = args.format
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

        from .render.terminal import render_report

        if args.output:
            buffer = io.StringIO()
            Console(file=buffer, width=160, no_color=True).print(
                render_report(report, show_all=args.all, quiet=args.quiet)
            )
            write_text_atomic(args.output, buffer.getvalue())
        else:
            Console(soft_wrap=False).print(render_report(report, show_all=args.all, quiet=args.quiet))
        return
    if args.output:
        write_text_atomic(args.output, text, "utf-8-sig" if fmt == "csv" else "utf-8")
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")


def _subcommand(name: str, argv: list[str]) -> int:
    if name == "template":
        p = _Parser(prog="fincheck template", description="write a blank tidy workbook with instructions")
        p.add_argument("out")
        args = p.parse_args(argv)
        from .template import write_template

        if Path(args.out).exists():
            print(f"fincheck: error: {args.out}: already exists, not overwritten", file=sys.stderr)
            return 2
        write_template(args.out)
        print(f"wrote {args.out}")
        return 0
    if name == "rules":
        p = _Parser(prog="fincheck rules", description="list the rule catalogue")
        p.add_argument("family", nargs="?", help="only this family or code prefix (e.g. FIN, AST0)")
        p.add_argument("--rules", action="append", help="include your own rules")
        p.add_argument("--lang", choices=["zh", "en"], default="zh")
        args = p.parse_args(argv)
        from .render.catalogue import print_rules

        return print_rules(args.family, args.rules, args.lang)
    if name == "explain":
        p = _Parser(prog="fincheck explain", description="print a rule with its examples")
        p.add_argument("code")
        p.add_argument("--rules", action="append")
        args = p.parse_args(argv)
        from .render.catalogue import explain_rule

        return explain_rule(args.code, args.rules)
    if name == "tables":
        p = _Parser(prog="fincheck tables", description="show the tables recognised in a file")
        p.add_argument("paths", nargs="+")
        args = p.parse_args(argv)
        from .render.catalogue import print_tables

        return print_tables(args.paths)
    return 2
