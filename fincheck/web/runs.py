"""Checking a session's files: the command line's pipeline (:func:`fincheck.check_many`), in a
background thread, one file's progress at a time; names shown relative to the session folder."""

from __future__ import annotations

import dataclasses
import os
import threading
from pathlib import Path

import pandas as pd

from ..failures import one_line
from ..panel import check_many
from ..report import Report
from .sessions import Session

#: checks running at once on the server (the others wait their turn)
RUNNING = threading.BoundedSemaphore(2)


def _strip(prefix: str):
    def strip(value):
        return value.replace(prefix, "") if isinstance(value, str) else value

    return strip


def absolute(report: Report, folder: Path) -> Report:
    """The relabelled report with its sources' paths inside ``folder`` again (to read them)."""

    def inside(value):
        return str(folder / value) if isinstance(value, str) and value else value

    sources = [dataclasses.replace(s, path=inside(s.path)) for s in report.sources]
    checks = report.checks.assign(source=report.checks["source"].map(inside).astype(report.checks["source"].dtype))
    return dataclasses.replace(report, sources=sources, checks=checks)


def relabel(report: Report, folder: Path) -> Report:
    """The report with the session folder removed from every path and message."""
    strip = _strip(str(folder) + os.sep)

    def frame(df: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
        changes = {c: df[c].map(strip).astype(df[c].dtype) for c in columns if c in df.columns}
        return df.assign(**changes) if changes else df

    sources = [
        dataclasses.replace(
            s,
            path=strip(s.path),
            error=strip(s.error),
            error_texts={k: strip(v) for k, v in s.error_texts.items()} if s.error_texts else s.error_texts,
        )
        for s in report.sources
    ]
    return dataclasses.replace(
        report,
        sources=sources,
        checks=frame(report.checks, ("source", "report", "message")),
        facts=frame(report.facts, ("report",)),
        tables=frame(report.tables, ("report",)),
    )


def start(session: Session, lang: str) -> bool:
    """Start checking the session's files; False when a check is already running."""
    with session.lock:
        if session.status == "running":
            return False
        session.status, session.message, session.lang = "running", "", lang
        session.run += 1
        for state in session.files.values():
            state.state, state.error = "queued", ""
    threading.Thread(target=_run, args=(session, lang), daemon=True, name="fincheck-check").start()
    return True


def _run(session: Session, lang: str) -> None:
    folder = session.folder
    names = sorted(session.files)
    try:
        with RUNNING:
            if not folder.exists():  # the session ended meanwhile
                return

            def progress(path: Path) -> None:
                state = session.files.get(Path(path).relative_to(folder).as_posix())
                if state is not None:
                    state.state = "done"

            report = check_many([folder / n for n in names], lang=lang, progress=progress)
            report = relabel(report, folder)
        for source in report.sources:
            state = session.files.get(source.path)
            if state is not None:
                state.state, state.error = ("error", source.error_in(lang)) if source.error else ("done", "")
        with session.lock:
            session.report, session.evidence, session.status = report, None, "done"
    except Exception as exc:  # a bug must not stop the server: the session shows it
        with session.lock:
            session.status = "failed"
            session.message = f"{type(exc).__name__}: {one_line(_strip(str(folder) + os.sep)(str(exc)))}"
