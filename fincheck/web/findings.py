"""What the page shows of a report: the findings as JSON (every text put in with
``textContent`` by the page) and one finding's evidence as escaped HTML."""

from __future__ import annotations

from typing import Any

from ..model.location import format_location, place_of
from ..render.bound_cells import cells, constant_bounds, figure_words
from ..render.evidence import Evidence
from ..render.labels import label, summary_line
from ..render.notes import unsaid_note
from ..render.tabular import jsonable
from .downloads import markable
from .sessions import Session


def findings_payload(report, lang: str) -> dict[str, Any]:
    rows = []
    bounds = constant_bounds(getattr(report, "rules", None))
    words = figure_words(getattr(report, "rules", None))
    for i, row in enumerate(report.findings.itertuples(index=False)):
        stated, expected, difference = cells(row, bounds, lang, words)  # a constant bound as its bound
        rows.append(
            {
                "index": i,
                "severity": row.severity,
                "severity_label": label(row.severity, lang),
                "rule": row.rule,
                "name": row.name,
                "report": str(row.source),
                "table": row.table if isinstance(row.table, str) else "",
                "where": place_of(row.location, row.related, lang),
                "related": [format_location(r, lang) for r in (row.related or []) if isinstance(r, dict)],
                "stated": stated,
                "expected": expected,
                "difference": difference,
                "sort": {k: jsonable(getattr(row, k)) for k in ("stated", "expected", "difference")},
                "message": row.message + (f" [{note}]" if (note := unsaid_note(row.message, row.note, lang)) else ""),
            }
        )
    return {
        "summary": summary_line(report, lang),
        "sources": [s.as_dict(lang) for s in report.sources],
        "findings": rows,
        "markable": bool(markable(report)),
        "labels": {
            k: label(k, lang)
            for k in (
                "severity",
                "rule",
                "location",
                "stated",
                "expected",
                "difference",
                "message",
                "report",
                "table",
                "all",
            )
        },
    }


#: what the evidence pane says when it has nothing to show, by the report's language
NO_EVIDENCE = {
    "no such finding": {"zh": "没有这条问题", "en": "no such finding"},
    "none": {"zh": "这条问题没有可显示的原文", "en": "no evidence for this finding"},
}


def _none(key: str, lang: str) -> str:
    return f'<p class="muted">{NO_EVIDENCE[key]["zh" if lang == "zh" else "en"]}</p>'


def evidence_fragment(session: Session, index: int) -> str:
    """The evidence of finding ``index`` of the session's report."""
    report = session.report
    findings = report.findings
    if not 0 <= index < len(findings):
        return _none("no such finding", session.lang)
    if session.evidence is None:
        folder = session.folder
        session.evidence = Evidence(resolve=lambda source: folder / source)
    row = next(findings.iloc[[index]].itertuples(index=False))
    return session.evidence.html(row, session.lang) or _none("none", session.lang)
