"""The session's downloads: the HTML report (with the evidence), CSV, JSON and a zip of the
marked copies of its workbooks, PDFs and Word files (made in the session's folder)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from starlette.responses import Response

from ..render.evidence import Evidence
from .sessions import Session
from .uploads import UploadError

KINDS = {
    "report.html": "text/html; charset=utf-8",
    "findings.csv": "text/csv; charset=utf-8",
    "report.json": "application/json",
    "marked.zip": "application/zip",
}
MARKED = ".marked"  # the session's folder for the copies (a hidden name: never uploaded, never checked)


def markable(report) -> list[str]:
    from ..render.annotate import MARKABLE

    return [s.path for s in report.sources if not s.error and Path(s.path).suffix.lower() in MARKABLE]


def marked_zip(session: Session) -> bytes:
    """The marked copy of each workbook, PDF and Word source, as ``marked/NAME``."""
    from ..render.annotate import annotate_copy
    from .runs import absolute

    names = markable(session.report)
    if not names:
        raise UploadError("no marked copies: they are made for .xlsx, .xlsm, .pdf and .docx files", 404)
    report = absolute(session.report, session.folder)
    out = session.folder / MARKED
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for i, name in enumerate(names, start=1):
                target = out / f"{i}{Path(name).suffix.lower()}"
                annotate_copy(report, str(session.folder / name), target, session.lang)
                zf.write(target, f"marked/{name}")
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return buffer.getvalue()


def content(session: Session, name: str) -> str:
    report = session.report
    if name == "report.html":
        from ..render.html import to_html

        folder = session.folder
        return to_html(report, lang=session.lang, evidence=Evidence(resolve=lambda source: folder / source))
    if name == "findings.csv":
        from ..render.tabular import to_csv

        return to_csv(report, all_checks=False, lang=session.lang)
    return report.to_json(all_checks=True)


def response(session: Session, name: str, headers: dict[str, str]) -> Response:
    if name not in KINDS:
        raise UploadError("no download named {name}", 404, name=repr(name))
    if name == "marked.zip":
        encoded = marked_zip(session)
    else:
        encoded = content(session, name).encode("utf-8-sig" if name.endswith(".csv") else "utf-8")
    extra = {**headers, "Content-Disposition": f'attachment; filename="fincheck-{name}"'}
    return Response(encoded, media_type=KINDS[name], headers=extra)
