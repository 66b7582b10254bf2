"""Many reports at once: files read in a process pool, all their facts checked in one pass.

:func:`check_many` returns one :class:`~fincheck.report.Report` (a *panel*) whose facts and
checks carry a ``report`` column (the file a figure or a check comes from), ready for
:meth:`~fincheck.report.Report.to_parquet`.

Which files make one report: the files of one folder with the same name up to the suffix
(``a/2021.xlsx`` and ``a/2021.docx``) are one report, so the figures of its text are checked
against its tables (the text-table rules match a text to the tables of its own report);
files with other names are other reports, even in the same folder. Reading goes file by
file (one unreadable file is that file's error, the others go on); checking is one
vectorised pass over every report's facts (a large panel in partitions of whole reports,
:mod:`fincheck.partitions`, with the checks of one pass), so the result is the same as checking
the files one at a time, with every check tagged by its file.

``engine="dask"`` (the ``fincheck-cn[dask]`` extra) reads the files on Dask workers and checks
the facts partitioned by report, each partition by this same pandas engine; see
``docs/dask.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path, PurePath
from typing import Any

from . import limits as limits_module
from .model import Loaded, Source
from .pipeline import evaluate, expand_paths, loaded_lang, notify, read_source, resolve_rules
from .processes import worker_context
from .report import Report


def report_key(path: str | Path) -> str:
    """The report a file belongs to: its folder and name without the suffix."""
    return str(PurePath(str(path)).with_suffix(""))


def group_reports(paths: Iterable[str | Path]) -> dict[str, list[Path]]:
    """Files (folders expanded) grouped into reports, in the order first seen."""
    groups: dict[str, list[Path]] = {}
    for path in expand_paths(list(paths)):
        groups.setdefault(report_key(path), []).append(path)
    return groups


def _context():
    """forkserver where the platform has it (safe with threads), else spawn. The forkserver
    imports the pipeline once (pandas and all) and every worker is forked from it, instead of
    each worker importing it again."""
    return worker_context(["fincheck.pipeline"])


def _read_under(path: Path, chosen: limits_module.Limits) -> tuple[Source, Loaded]:
    """A worker's read, under the limits of the process that started the batch."""
    with limits_module.using(chosen):
        return read_source(path)


def read_all(
    files: list[Path], jobs: int = 1, progress: Callable[[Path], Any] | None = None, lang: str | None = None
) -> list[tuple[Source, Loaded]]:
    """Each file read through the pipeline (``jobs`` worker processes when > 1), in input order.
    ``progress(path)`` is called as each file is done, ``progress.start(path)`` before (the file
    the batch waits for now) and, with no ``lang``, ``progress.language`` with the language of
    each report read (the bar says its stage in the first one's), as :func:`fincheck.check` does."""

    def done(path: Path, read: tuple[Source, Loaded]) -> tuple[Source, Loaded]:
        if lang is None and progress is not None and (said := loaded_lang(read[1])) is not None:
            notify(progress, "language", said)
        if progress is not None:
            progress(path)
        return read

    if jobs <= 1 or len(files) < 2:
        out = []
        for path in files:
            notify(progress, "start", path)
            out.append(done(path, read_source(path)))
        return out
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=_context()) as pool:
        futures = [pool.submit(_read_under, path, limits_module.current()) for path in files]
        out = []
        for path, future in zip(files, futures, strict=True):
            notify(progress, "start", path)  # the file the batch waits for now
            out.append(done(path, future.result()))
        return out


def check_many(
    paths: Iterable[str | Path] | str | Path,
    jobs: int = 1,
    *,
    engine: str = "pandas",
    client: Any = None,
    rules: Any = None,
    select: str | list[str] | None = None,
    ignore: str | list[str] | None = None,
    lang: str | None = None,
    context: dict | None = None,
    progress: Callable[[Path], Any] | None = None,
    limits: Any = None,
) -> Report:
    """Check many reports (files or folders) and return one panel :class:`Report`.

    The checks are those of :func:`fincheck.check` on the same files, with a ``report`` column
    added; files of one folder with the same name (``r.xlsx`` and ``r.pdf``) are one report.

    - ``paths``: files or folders (one path or an iterable of them; folders are expanded). No
      path at all (an empty glob) raises ValueError.
    - ``jobs``: worker processes reading the files (the pandas engine; 1 reads them here).
    - ``engine``: ``"pandas"`` (the default) or ``"dask"``, which reads and checks on Dask.
    - ``client``: with ``engine="dask"``, a ``dask.distributed.Client`` (None: Dask's default
      scheduler).
    - ``rules``: your own rule files or folders (or :class:`~fincheck.catalogue.Rule` objects),
      added to the built-in ones as in :func:`fincheck.check`.
    - ``select``, ``ignore``: rule code prefixes, one string (``"GEN003"``, ``"GEN,FIN"``) or a
      list; a prefix that matches no rule raises :class:`~fincheck.selection.UnknownRuleError`.
    - ``lang``: ``"zh"`` or ``"en"``, the language of messages and locations (None: the reports').
    - ``context``: run options for the check kinds, e.g. ``{"bands": {"优秀": 85, …}}``.
    - ``progress``: called with each file's path once it is read (an object may also have
      ``start(path)``, ``stage(name)`` and ``language(lang)``, see :func:`fincheck.check`).
    - ``limits``: a :class:`fincheck.limits.Limits` or ``"cells=5e5,seconds=30"``, bounding each
      file (see :mod:`fincheck.limits`).
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    paths = list(paths)
    if not paths:
        raise ValueError("no paths to check (an empty glob or list?): give at least one file or folder")
    with limits_module.using(limits):
        return _check_many(paths, jobs, engine, client, rules, select, ignore, lang, context, progress)


def _check_many(paths, jobs, engine, client, rules, select, ignore, lang, context, progress) -> Report:
    if isinstance(paths, str | Path):
        paths = [paths]
    groups = group_reports(paths)
    files = [p for group in groups.values() for p in group]
    all_rules = resolve_rules(rules, select, ignore)
    if engine == "dask":
        from .panel_dask import check_dask

        return with_report_column(check_dask(groups, all_rules, lang, context, client))
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    read = read_all(files, jobs, progress, lang)
    notify(progress, "stage", "rules")
    report = evaluate([s for s, _ in read], [loaded for _, loaded in read], all_rules, lang, context)
    return with_report_column(report)


def with_report_column(report: Report) -> Report:
    """The panel's checks carry ``report`` (the file, as in the facts); the JSON contract's
    columns are unchanged."""
    report.checks = report.checks.assign(report=report.checks["source"].astype(str))
    return report


__all__ = ["check_many", "group_reports", "read_all", "report_key"]
