"""Terminal output with rich: a header per source, then its findings by severity and place."""

from __future__ import annotations

import math

from rich.console import Group
from rich.table import Table
from rich.text import Text

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _num(value: float) -> str:
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return ""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def render_report(report, show_all: bool = False, quiet: bool = False):
    from ..report import format_location

    parts = []
    checks = report.checks
    if not quiet:
        for source in report.sources:
            mine = checks[checks["source"] == source.path]
            header = Text()
            header.append(source.path, style="bold")
            if source.error:
                header.append(f"  could not be read: {source.error}", style="bold red")
                parts.append(header)
                continue
            fails = int((mine["status"] == "fail").sum())
            header.append(
                f"  {source.tables} table(s), {len(mine)} check(s): "
                f"{int((mine['status'] == 'pass').sum())} pass, {fails} fail, {int((mine['status'] == 'skip').sum())} skip",
                style="dim" if not fails else "",
            )
            parts.append(header)
            shown = mine if show_all else mine[mine["status"] == "fail"]
            if shown.empty:
                continue
            table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
            for name, kw in (
                ("rule", {"no_wrap": True}),
                ("severity", {"no_wrap": True}),
                ("location", {"no_wrap": True}),
                ("stated", {"justify": "right"}),
                ("expected", {"justify": "right"}),
                ("diff", {"justify": "right"}),
                ("message", {"overflow": "fold", "ratio": 1}),
            ):
                table.add_column(name, **kw)
            for row in shown.itertuples(index=False):
                dim = row.status != "fail"
                sev = row.severity if row.status == "fail" else row.status
                style = "dim" if dim else SEVERITY_STYLE.get(row.severity, "")
                msg = row.message + (f" [{row.note}]" if row.note else "")
                table.add_row(
                    row.rule,
                    Text(sev, style=style),
                    format_location(row.location),
                    _num(row.stated),
                    _num(row.expected),
                    _num(row.difference),
                    msg,
                    style="dim" if dim else None,
                )
            parts.append(table)
    s = report.summary()
    line = Text()
    line.append(f"{len(report.sources)} source(s), {s['checks']} checks, {s['fail']} failing: ")
    line.append(f"{s['error']} error", style=SEVERITY_STYLE["error"] if s["error"] else "")
    line.append(", ")
    line.append(f"{s['warning']} warning", style=SEVERITY_STYLE["warning"] if s["warning"] else "")
    line.append(f", {s['info']} info")
    bad = [x for x in report.sources if x.error]
    if bad:
        line.append(f"; {len(bad)} input(s) could not be read", style="bold red")
    parts.append(line)
    return Group(*parts)
