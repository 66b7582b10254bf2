"""HTML reports: one self-contained file (``to_html``) and a compact Jupyter view (``notebook_html``).

Everything that comes from the input (labels, messages, paths, sheet names) goes through
``html.escape``; the report's JSON is embedded with ``<`` written as ``\\u003c`` so no input
can close the script element. A Content-Security-Policy forbids any network access.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..linked import see_also
from ..model.location import format_location, place_of
from ..plurals import agree
from ..punctuation import colon, labelled
from ..version import __version__
from .bound_cells import cells, constant_bounds, figure_words
from .evidence import CSS as EVIDENCE_CSS
from .evidence import Evidence
from .labels import kind_of, label, lang_of, quote_of, rule_titles, summary_line, unreadable_head
from .notes import unsaid_note

SEVERITY_COLOUR = {"error": "#c62828", "warning": "#d97706", "info": "#0277bd"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
.fincheck{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#222}
.fincheck h1{font-size:1.4rem;margin:0 0 .3rem}.fincheck h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
.fincheck .summary{font-weight:600}.fincheck .muted{color:#666}.fincheck .bad{color:#c62828}
.fincheck table.fc{border-collapse:collapse;width:100%;font-size:.9rem}
.fincheck table.fc th,.fincheck table.fc td{border-bottom:1px solid #ddd;padding:.3rem .45rem;text-align:left;vertical-align:top}
.fincheck table.fc th{background:#f4f4f4;position:sticky;top:0}
.fincheck table.fc td.num,.fincheck table.fc th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.fincheck .sev{font-weight:600;white-space:nowrap}.fincheck .sev-error{color:#c62828}
.fincheck .sev-warning{color:#d97706}.fincheck .sev-info{color:#0277bd}
.fincheck tr.status-pass td,.fincheck tr.status-skip td{color:#888}
.fincheck .where code{background:#f6f6f6;padding:0 .2rem}
.fincheck .quote{margin:.2rem 0 0;padding-left:.5rem;border-left:3px solid #ccc;color:#444}
.fincheck .filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin:.5rem 0}
.fincheck svg text{font-size:12px;font-family:inherit}
"""

SCRIPT = """
(function(){
  var selects = document.querySelectorAll('select[data-filter]');
  var rows = document.querySelectorAll('#findings > tbody > tr');
  var counter = document.getElementById('shown');
  function apply(){
    var want = {};
    selects.forEach(function(s){ want[s.dataset.filter] = s.value; });
    var n = 0;
    rows.forEach(function(r){
      var ok = Object.keys(want).every(function(k){ return want[k] === '' || r.dataset[k] === want[k]; });
      r.hidden = !ok;
      if (ok) { n += 1; }
    });
    counter.textContent = String(n);
  }
  selects.forEach(function(s){ s.addEventListener('change', apply); });
  document.querySelectorAll('svg [data-table]').forEach(function(bar){
    bar.addEventListener('click', function(){
      var s = document.querySelector('select[data-filter="table"]');
      s.value = bar.dataset.table; apply();
    });
  });
  apply();
})();
"""


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def table_key(row, lang: str = "en") -> str:
    """The table a check belongs to, as shown and filtered: ``file · table`` (a report's text,
    whose table id is ``text``, named in ``lang``)."""
    table = row.table if isinstance(row.table, str) and row.table else "—"
    table = label("text_table", lang) if table == "text" else table
    return f"{Path(str(row.source)).name} · {table}"


def safe_json(data) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' survives literally."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _involves(row, evidence: Evidence | None = None, lang: str = "zh") -> str:
    parts = [f"<code>{_e(place_of(row.location, row.related, lang))}</code>"]
    related = []
    for loc in row.related or []:
        text = f"<code>{_e(format_location(loc, lang))}</code>"
        if quote_of(loc):
            text += f" “{_e(quote_of(loc))}”"
        related.append(text)
    if related:
        parts.append(" ← " + ", ".join(related))
    quote = quote_of(row.location, row.related)
    if quote:
        parts.append(f'<div class="quote">{_e(quote)}</div>')
    shown = evidence.html(row, lang) if evidence is not None else ""
    if shown:
        parts.append(f'<details class="evidence"><summary>{_e(label("evidence", lang))}</summary>{shown}</details>')
    return "".join(parts)


def _row(
    row,
    lang: str,
    filters: bool = True,
    evidence: Evidence | None = None,
    batch: bool = False,
    bounds=None,
    titles=None,
    words=None,
) -> str:
    sev = row.severity if row.status == "fail" else row.status
    note = unsaid_note(row.message, row.note, lang)
    message = _e(row.message) + (f' <span class="muted">[{_e(note)}]</span>' if note else "")
    if getattr(row, "accepted", False):  # accepted in a baseline
        from ..baseline import word

        why = f"{colon(lang)}{row.accepted_reason}" if row.accepted_reason else ""
        message += f' <span class="muted accepted">[{_e(word("accepted", lang))}{_e(why)}]</span>'
    if getattr(row, "see_also", ""):  # the other finding of the same wrong figure
        message += f'<br><span class="muted see-also">{_e(row.see_also)}</span>'
    data = (
        f' data-severity="{_e(row.severity)}" data-status="{_e(row.status)}" data-rule="{_e(row.rule)}"'
        f' data-table="{_e(table_key(row, lang))}" data-report="{_e(row.source)}"'
        if filters
        else ""
    )
    report_cell = f'<td class="report"><code>{_e(row.source)}</code></td>' if batch else ""
    return (
        f'<tr class="status-{_e(row.status)}"{data}>'
        f'<td class="sev sev-{_e(sev)}">{_e(label(sev, lang))}</td>'
        f'<td title="{_e((titles or {}).get(row.name, row.name))}">{_e(row.rule)}</td>{report_cell}'
        f'<td class="where">{_involves(row, evidence, lang)}</td>'
        + "".join(f'<td class="num">{_e(c)}</td>' for c in cells(row, bounds or {}, lang, words))
        + f"<td>{message}</td></tr>"
    )


def _head(lang: str, batch: bool = False) -> str:
    keys = (
        "severity",
        "rule",
        *(("report",) if batch else ()),
        "location",
        "stated",
        "expected",
        "difference",
        "message",
    )
    attr = {k: ' class="num"' for k in ("stated", "expected", "difference")}
    cells = "".join(f"<th{attr.get(k, '')}>{_e(label(k, lang))}</th>" for k in keys)
    return f"<thead><tr>{cells}</tr></thead>"


def _select(name: str, values: list[str], lang: str, shown=None) -> str:
    options = [f'<option value="">{_e(label("all", lang))}</option>']
    options += [f'<option value="{_e(v)}">{_e(shown(v) if shown else v)}</option>' for v in values]
    return f'<label>{_e(label(name, lang))} <select data-filter="{_e(name)}">{"".join(options)}</select></label>'


def chart_svg(rows, lang: str) -> str:
    """Horizontal bars: findings per table, stacked by severity."""
    fails = [r for r in rows if r.status == "fail"]
    counts: dict[str, dict[str, int]] = {}
    for r in fails:
        counts.setdefault(table_key(r, lang), {}).setdefault(r.severity, 0)
        counts[table_key(r, lang)][r.severity] += 1
    if not counts:
        return ""
    top = max(sum(c.values()) for c in counts.values())
    width, label_w, bar_h = 560, 220, 20
    height = bar_h * len(counts) + 8
    out = [f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    out.append(f"<title>{_e(label('per_table', lang))}</title>")
    for i, (key, by_sev) in enumerate(sorted(counts.items())):
        y = 4 + i * bar_h
        name = key if len(key) <= 34 else key[:33] + "…"
        out.append(f'<text x="0" y="{y + 14}"><title>{_e(key)}</title>{_e(name)}</text>')
        x = float(label_w)
        for sev in ("error", "warning", "info"):
            n = by_sev.get(sev, 0)
            if not n:
                continue
            w = (width - label_w - 40) * n / top
            out.append(
                f'<rect data-table="{_e(key)}" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{bar_h - 6}"'
                f' fill="{SEVERITY_COLOUR[sev]}" style="cursor:pointer"><title>{_e(labelled(label(sev, lang), str(n), lang))}</title></rect>'
            )
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{sum(by_sev.values())}</text>')
    out.append("</svg>")
    return "".join(out)


def _sources(report, lang: str) -> str:
    items = []
    for s in report.sources:
        extra = (
            f' <span class="bad">{_e(labelled(unreadable_head(s, lang), s.reason_in(lang), lang))}</span>'
            if s.error
            else f' <span class="bad">{_e(labelled(label("notice", lang), s.warning_in(lang), lang))}</span>'
            if s.warning
            else f' <span class="muted">({_e(kind_of(s, lang))}, {_e(agree(str(s.tables) + " " + label("tables", lang), lang))})</span>'
        )
        items.append(f"<li><code>{_e(s.path)}</code>{extra}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def to_html(report, all_checks: bool = False, lang: str | None = None, evidence: Evidence | bool = True) -> str:
    """The whole report as one self-contained HTML page (no network, no external assets).

    ``evidence``: beside each finding, where its figures are in the source (read again: the
    rows around a cell, a PDF page as an inline image with the figure boxed, a sentence with
    its figures marked); ``True`` reads the sources by their paths, ``False`` leaves it out,
    or an :class:`~fincheck.render.evidence.Evidence` that knows where the files are.
    A batch (more than one source) has a report column and filter."""

    L = lang_of(report, lang)
    checks = report.checks if all_checks else report.findings
    checks = checks.assign(see_also=see_also(checks, getattr(report, "rules", None) or [], L))
    rows = list(checks.itertuples(index=False))
    rules = sorted({r.rule for r in rows})
    tables = sorted({table_key(r, L) for r in rows})
    batch = len(report.sources) > 1
    filters = [
        _select("severity", ["error", "warning", "info"], L, lambda v: label(v, L)),
        _select("rule", rules, L),
        *([_select("report", sorted({str(r.source) for r in rows}), L)] if batch else []),
        _select("table", tables, L),
    ]
    shown = Evidence() if evidence is True else evidence or None
    if all_checks:
        filters.insert(1, _select("status", ["fail", "pass", "skip"], L, lambda v: label(v, L)))
    bounds = constant_bounds(getattr(report, "rules", None))
    words = figure_words(getattr(report, "rules", None))
    titles = rule_titles(report, L)  # the code's tooltip: the rule's title in Chinese
    body = "".join(
        _row(
            r, L, evidence=shown if r.status == "fail" else None, batch=batch, bounds=bounds, titles=titles, words=words
        )
        for r in rows
    )
    empty = "" if rows else f"<p>{_e(label('no_findings', L))}</p>"
    title = label("report_title", L)
    return (
        f'<!DOCTYPE html>\n<html lang="{L}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>body{{margin:1.5rem}}{CSS}{EVIDENCE_CSS}</style></head>"
        f'<body><div class="fincheck">'
        f'<h1>{_e(title)}</h1><p class="muted">fincheck {_e(__version__)}</p>'
        f'<p class="summary" id="summary">{_e(summary_line(report, L))}</p>'
        f"<h2>{_e(label('sources', L))}</h2>{_sources(report, L)}"
        f"<h2>{_e(label('per_table', L))}</h2>{chart_svg(rows, L)}"
        f"<h2>{_e(label('findings', L))}</h2>"
        f'<div class="filters">{"".join(filters)}'
        f'<span>{_e(label("shown", L))}{colon(L)}<span id="shown">{len(rows)}</span> / {len(rows)}</span></div>'
        f'<table class="fc" id="findings">{_head(L, batch)}<tbody>{body}</tbody></table>{empty}'
        f'<script type="application/json" id="fincheck-data">{safe_json(report.to_dict(all_checks))}</script>'
        f"</div><script>{SCRIPT}</script></body></html>\n"
    )


def notebook_html(report, limit: int = 200, lang: str | None = None) -> str:
    """Summary plus a styled findings table, without scripts (Jupyter's ``_repr_html_``)."""
    L = lang_of(report, lang)
    rows = list(report.findings.itertuples(index=False))
    bounds = constant_bounds(getattr(report, "rules", None))
    words = figure_words(getattr(report, "rules", None))
    titles = rule_titles(report, L)
    body = "".join(_row(r, L, filters=False, bounds=bounds, titles=titles, words=words) for r in rows[:limit])
    more = f'<p class="muted">… {len(rows) - limit} more</p>' if len(rows) > limit else ""
    table = (
        f'<table class="fc">{_head(L)}<tbody>{body}</tbody></table>'
        if rows
        else f"<p>{_e(label('no_findings', L))}</p>"
    )
    return (
        f'<div class="fincheck"><style>{CSS}</style>'
        f'<p class="summary">{_e(summary_line(report, L))}</p>{table}{more}</div>'
    )
