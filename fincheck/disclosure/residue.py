"""Template residue: what a published document still prints of the template it was filled in.

* DOC001 placeholders ("XX局", "XXX 万元"), DOC002 both alternatives left in ("增长（下降）"),
  DOC003 empty slots ("占 %", "减少 万元"), DOC005 the template's instructions: one finding
  per kind, at its first place, with the count and the other places (a blank template prints
  hundreds of them; one line per kind is what a reader acts on).
* DOC004 a percentage printed without its % sign ("下降1.87。"): one finding per figure, since
  each is an error of a filled-in document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..model import Finding
from . import phrasing
from .flow import Flow, places


def residue(flow: Flow, path: str) -> list[Finding]:
    text = flow.text
    out: list[Finding] = []
    spans = [
        (m.start(), m.end(), m.group(0).upper())
        for _name, rx in phrasing.named("placeholders")
        for m in rx.finditer(text)
    ]
    out += _grouped("DOC001", flow, path, spans, "placeholder")
    alts = [(m.start(), m.end(), _alternative(m)) for m in phrasing.alternatives().finditer(text)]
    out += _grouped("DOC002", flow, path, alts, "alternatives")
    slots = [(m.start(), m.end(), f"{m['word']} {m['unit']}") for m in phrasing.regex("slots").finditer(text)]
    out += _grouped("DOC003", flow, path, slots, "slot")
    rules = [(m.start(), m.end(), name) for name, rx in phrasing.named("instructions") for m in rx.finditer(text)]
    out += _grouped("DOC005", flow, path, rules, "instruction", quote=True)
    for m in phrasing.regex("bare_percent").finditer(text):
        out.append(
            Finding(
                "DOC004",
                path,
                flow.where(m.start(), m.end()),
                {"label": m["word"], "stated": m["number"], "quote": m.group(0)},
                stated=float(m["number"]),
            )
        )
    return out


def _alternative(m: re.Match) -> str:
    return f"{m['first'].replace(chr(10), '')}（{m['second'].replace(chr(10), '')}）"


def _grouped(
    code: str, flow: Flow, path: str, spans: Iterable[tuple[int, int, str]], what: str, quote: bool = False
) -> Iterator[Finding]:
    """One finding per kind of span (its key), at its first place, with the count."""
    by_kind: dict[str, list[tuple[int, int]]] = {}
    for start, end, key in sorted(spans):
        by_kind.setdefault(key, []).append((start, end))
    for key, found in by_kind.items():
        where = [flow.where(a, b) for a, b in found]
        first = flow.text[found[0][0] : found[0][1]].replace("\n", "")
        yield Finding(
            code,
            path,
            where[0],
            {what: first if quote else key, "kind": key, "count": len(found), "places": places(where)},
            related=where[1:],
        )
