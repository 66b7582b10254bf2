"""What a marked copy marks: each failing figure (with the finding's note) and its operands
(a shorter note naming the finding), one mark per place in the source."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import FincheckError
from ..punctuation import labelled
from .labels import fmt_num, label


class AnnotateError(FincheckError):
    pass


@dataclass
class Mark:
    location: dict
    role: str  # "figure" (the failing figure) or "operand"
    severity: str
    notes: list[str] = field(default_factory=list)


RANK = {"error": 0, "warning": 1, "info": 2}


def comment_text(row, lang: str) -> str:
    sev = label(row.severity, lang)
    head = f"{row.rule} {row.name}" + (f"（{sev}）" if lang == "zh" else f" ({sev})")
    numbers = "  ".join(
        f"{label(k, lang)} {fmt_num(getattr(row, k))}"
        for k in ("stated", "expected", "difference")
        if fmt_num(getattr(row, k))
    )
    return "\n".join(x for x in (head, numbers, str(row.message)) if x)


def operand_text(row, lang: str) -> str:
    word = "运算数" if lang == "zh" else "operand of"
    return labelled(f"{word} {row.rule}", str(row.message), lang)


def _key(loc: dict) -> tuple:
    return tuple(sorted((k, v) for k, v in loc.items() if k != "quote"))


def marks_of(report, source: str, lang: str) -> list[Mark]:
    """The marks of one source's findings, figures before operands, in the findings' order."""
    found: dict[tuple, Mark] = {}
    fails = report.findings[report.findings["source"] == source]
    for row in fails.itertuples(index=False):
        loc = row.location if isinstance(row.location, dict) else {}
        if loc and "rule" not in loc:
            mark = found.setdefault(_key(loc), Mark(loc, "figure", row.severity))
            mark.role = "figure"
            mark.severity = min(mark.severity, row.severity, key=lambda s: RANK.get(s, 9))
            mark.notes.append(comment_text(row, lang))
        for rel in row.related or []:
            if isinstance(rel, dict) and rel and _key(rel) != _key(loc):
                mark = found.setdefault(_key(rel), Mark(rel, "operand", row.severity))
                mark.notes.append(operand_text(row, lang))
    return sorted(found.values(), key=lambda m: m.role != "figure")
