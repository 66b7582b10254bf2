"""The session's downloads: the HTML report (with the evidence), CSV and JSON."""

from __future__ import annotations

from starlette.responses import Response

from ..render.evidence import Evidence
from .sessions import Session
from .uploads import UploadError

KINDS = {
    "report.html": "text/html; charset=utf-8",
    "findings.csv": "text/csv; charset=utf-8",
    "report.json": "application/json",
}


def content(session: Session, name: str) -> str:
    report = session.report
    if name == "report.html":
        from ..render.html import to_html

        folder = session.folder
        return to_html(report, lang=session.lang, evidence=Evidence(resolve=lambda source: folder / source))
    if name == "findings.csv":
        from ..render.tabular import to_csv

        return to_csv(report, all_checks=False)
    return report.to_json(all_checks=True)


def response(session: Session, name: str, headers: dict[str, str]) -> Response:
    if name not in KINDS:
        raise UploadError(f"no download named {name!r}", 404)
    body = content(session, name)
    encoded = body.encode("utf-8-sig" if name.endswith(".csv") else "utf-8")
    extra = {**headers, "Content-Disposition": f'attachment; filename="fincheck-{name}"'}
    return Response(encoded, media_type=KINDS[name], headers=extra)
