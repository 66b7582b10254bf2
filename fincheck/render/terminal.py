"""Terminal output with rich: a header per source, then its findings in the order of their places.

Wide terminals get one table per source; narrow ones get one block per finding so long Chinese
messages fold instead of being squeezed. A pipe or a file (standard output not a terminal, no
``COLUMNS`` given) gets the blocks unfolded: every line whole, for ``grep`` and ``less``
(:func:`full_lines`). rich honours ``NO_COLOR`` and drops colour when the output is not a terminal.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text

from ..linked import see_also
from ..model.location import place_of
from ..punctuation import labelled
from .bound_cells import cells, constant_bounds, figure_words, figures
from .labels import fmt_num, label, lang_of, quote_of, source_line, summary_line, unreadable_head
from .notes import unsaid_note
from .safe_text import clean, markup
from .statistics import batch_summary, passing_by_rule

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
WIDE = 110  # from this width on, findings are shown as a table


def _num(value) -> str:  # kept for callers of the old helper
    return fmt_num(value)


class Findings:
    """The checks of one source, laid out for the width rich gives us."""

    def __init__(
        self, rows, lang: str, fold: bool = True, bounds: dict | None = None, words: dict | None = None
    ) -> None:
        self.rows = rows
        self.lang = lang
        self.fold = fold  # False: the blocks, never folded (a pipe)
        self.bounds = bounds or {}  # constant bounds by rule (:func:`.bound_cells.constant_bounds`)
        self.words = words or {}  # the rules' own words for their figures (:func:`.bound_cells.figure_words`)

    def _message(self, row) -> Text:
        text = Text(clean(row.message))
        if note := unsaid_note(row.message, row.note, self.lang):
            text.append(f" [{note}]", style="italic")
        quote = quote_of(row.location, row.related)
        if quote:
            text.append(f"\n“{clean(quote, newlines=False)}”", style="dim")
        linked = getattr(row, "see_also", "")
        if linked:  # the other finding of the same wrong figure
            text.append(f"\n{clean(linked, newlines=False)}", style="dim")
        return text

    def _status(self, row) -> Text:
        if row.status == "fail":
            return Text(label(row.severity, self.lang), style=SEVERITY_STYLE.get(row.severity, ""))
        return Text(label(row.status, self.lang), style="dim")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:

        L = self.lang
        if self.fold and options.max_width >= WIDE:
            table = Table(show_header=True, header_style="bold", pad_edge=False)
            table.add_column(label("rule", L), no_wrap=True)
            table.add_column(label("severity", L), no_wrap=True)
            table.add_column(label("location", L), no_wrap=True)
            for key in ("stated", "expected", "difference"):
                table.add_column(label(key, L), justify="right", no_wrap=True)
            table.add_column(label("message", L), overflow="fold", ratio=1)
            for row in self.rows.itertuples(index=False):
                table.add_row(
                    clean(row.rule),
                    self._status(row),
                    clean(place_of(row.location, row.related, L), newlines=False),
                    *cells(row, self.bounds, L, self.words),
                    self._message(row),
                    style="dim" if row.status != "fail" else None,
                )
            yield table
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold" if self.fold else "ignore", no_wrap=not self.fold)
        for row in self.rows.itertuples(index=False):
            head = Text.assemble(
                self._status(row), " ", (clean(place_of(row.location, row.related, L), newlines=False), "bold")
            )
            numbers = "  ".join(f"{name} {value}" for name, value in figures(row, self.bounds, L, self.words) if value)
            body = Text.assemble(head, "\n")
            if numbers:
                body.append(numbers + "\n")
            body.append_text(self._message(row))
            grid.add_row(Text(clean(row.rule), style="dim" if row.status != "fail" else "bold"), body, style=None)
            if row.status != "fail":
                body.stylize("dim")
        yield grid


def render_report(
    report,
    show_all: bool = False,
    quiet: bool = False,
    lang: str | None = None,
    verbose: bool = True,
    fold: bool = True,
):
    """``show_all`` lists passing and skipped checks too; without ``verbose`` the passing ones
    are one line per source, counted by rule; without ``fold``, lines are never folded (see
    :func:`full_lines`)."""
    L = lang_of(report, lang)
    parts = []
    checks = report.checks
    bounds = constant_bounds(getattr(report, "rules", None))
    words = figure_words(getattr(report, "rules", None))
    if not quiet:
        checks = checks.assign(see_also=see_also(checks, getattr(report, "rules", None) or [], L))
        for source in report.sources:
            mine = checks[checks["source"] == source.path]
            header = Text()
            header.append(clean(source.path, newlines=False), style="bold")
            if source.error:
                header.append(
                    "  " + labelled(unreadable_head(source, L), clean(source.reason_in(L), newlines=False), L),
                    style="bold red",
                )
                parts.append(header)
                continue
            fails = int((mine["status"] == "fail").sum())
            header.append("  " + source_line(source, mine, L), style="" if fails else "dim")
            if source.warning:
                header.append("  " + labelled(label("notice", L), source.warning_in(L), L), style="bold yellow")
            parts.append(header)
            shown = mine if show_all else mine[mine["status"] == "fail"]
            if show_all and not verbose:
                shown = shown[shown["status"] != "pass"]
            if "accepted" in shown.columns:  # a baseline's accepted findings are not listed
                shown = shown[~shown["accepted"]]
            if not shown.empty:
                parts.append(Findings(shown, L, fold, bounds, words))
            if show_all and not verbose and (grouped := passing_by_rule(mine)):
                parts.append(Text(labelled(label("pass", L), grouped, L), style="dim", no_wrap=True, overflow="ignore"))
    if not quiet and len(report.sources) > 1:
        # counted lines are read (and parsed) a line each: never folded at the terminal's width
        parts.append(Text(clean(batch_summary(report, L)), style="dim", no_wrap=True, overflow="ignore"))
    s = report.summary()
    line = Text(summary_line(report, L))
    if s["error"] or any(x.error for x in report.sources):
        line.stylize(SEVERITY_STYLE["error"])
    elif s["warning"]:
        line.stylize(SEVERITY_STYLE["warning"])
    parts.append(line)
    return Group(*parts)


#: the width a pipe's lines are laid out in: no line of a report comes near it
UNFOLDED = 100_000


def full_lines(view) -> str:
    """A view rendered for a pipe or a file: whole lines (a view rendered with ``fold=False``
    is never folded), without colour and without the padding of a table's cells."""
    import io

    buffer = io.StringIO()
    Console(file=buffer, width=UNFOLDED, color_system=None, soft_wrap=False).print(view)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


#: the progress bar's stages
STAGES = {
    "read": {"zh": "读取", "en": "reading"},
    "rules": {"zh": "校验规则", "en": "checking rules"},
}


class ProgressBar:
    """A transient rich progress bar on standard error: the stage, files done of all, and the
    file being read now. The pipeline calls :meth:`start` with a file before reading it, the bar
    itself with the file when it is done, and :meth:`stage` (``"rules"``) once all are read; a
    spinner keeps moving while the rules run.

    ``lang`` None (no ``--lang``, no configured ``lang``): the report's language is not known
    before a file is read, so the bar names no stage (spinner, bar, count and file only) until
    the pipeline calls :meth:`language` with the language of the first report it read."""

    def __init__(self, total: int, lang: str | None = None) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

        self.lang = lang if lang in ("zh", "en") else None
        self._stage = "read"
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[dim]{task.fields[path]}"),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task(self._word("read"), total=total, path="")
        self.progress.start()

    def _word(self, stage: str) -> str:
        return "" if self.lang is None else STAGES.get(stage, {}).get(self.lang, stage)

    def language(self, lang: str) -> None:
        """The run's language, once known (the first report read): the stage is said in it."""
        if self.lang is None and lang in ("zh", "en"):
            self.lang = lang
            self.progress.update(self.task, description=self._word(self._stage))

    def start(self, path) -> None:
        """``path`` is being read now."""
        self._stage = "read"
        self.progress.update(self.task, description=self._word("read"), path=markup(path))

    def __call__(self, path) -> None:
        """``path`` is done."""
        self.progress.update(self.task, advance=1)

    def stage(self, name: str) -> None:
        """All files are read; ``name`` (``"rules"``) runs now."""
        self._stage = name
        self.progress.update(self.task, description=self._word(name), path="")

    def close(self) -> None:
        self.progress.stop()
