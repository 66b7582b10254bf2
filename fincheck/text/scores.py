"""A score awarded above its full marks (TXT020): "产出指标分值40分，得分42分", "项目自评得分105分
（满分100分）".

The words are data (phrasing group ``score_cap``): those just before a score figure say
whether it is the full marks (满分, 分值, 权重, a bracket right after an indicator's name:
"效益指标(30分)") or a score awarded (得分, 评分, 自评得分). Within one record — the part of a
sentence up to ；, or the whole sentence — one full mark and one awarded score pair with each
other; several alternate pairwise (分值A，得分B；…). Anything else pairs nothing: which score
is capped by which is unclear, and no check is guessed. Scores are exact when printed as
integers (:mod:`fincheck.text.precision`), so 42 > 40 fails and 40 = 40 passes.
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim
from .mentions import Mention

_RECORD_END = re.compile(r"[；;。！？!?\n]")
#: a bare bracket right after an indicator's name holds its weight: "效益指标(30分)"
_WEIGHT = re.compile(r"[\u4e00-\u9fff][（(]\s*$")
#: what a label drops: the figures, the words of full marks and award, punctuation
_NOISE = re.compile(
    r"\d+(?:\.\d+)?分|满分|总分值|指标分值|分值|标准分|权重分?|自评得分|实际得分|得分|评分|[（()）：:，,\s为是]"
)


def _which(lead: str) -> str | None:
    r = phrasing.read("score_cap", lead[-12:])
    if r is not None:
        return str(r["score"])
    return "full" if _WEIGHT.search(lead) else None


def score_cap_claims(text: str, mentions: list[Mention]) -> list[Claim]:
    out: list[Claim] = []
    records: list[list[tuple[str, int]]] = []
    last_end = -1
    for k, m in enumerate(mentions):
        if m.kind != "score":
            continue
        lo = mentions[k - 1].end if k else 0
        lead = text[max(lo, m.start - 24) : m.start]
        which = _which(lead)
        # a new record after ；/。/a line break since the score before
        if last_end < 0 or _RECORD_END.search(text, last_end, m.start):
            records.append([])
        last_end = m.end
        if which is not None:
            records[-1].append((which, k))
    for rec in records:
        for full, got in _pairs(rec):
            c = Claim(
                "TXT020",
                got,
                [(full, 1.0)],
                stated=got,
                op="le",
                label=_label(text, mentions, got),
                column="得分",
            )
            c.evidence = [("cap", "sentence")]
            out.append(c)
    return out


def _pairs(rec: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """(full marks, awarded) pairs of one record: one of each, or an alternation of them."""
    kinds = [w for w, _ in rec]
    if kinds.count("full") != kinds.count("awarded") or not kinds:
        return []
    if any(kinds[n] == kinds[n + 1] for n in range(0, len(kinds) - 1, 2)) or any(
        kinds[n] != kinds[0] for n in range(0, len(kinds), 2)
    ):
        return []
    out = []
    for n in range(0, len(rec), 2):
        (wa, a), (_, b) = rec[n], rec[n + 1]
        out.append((a, b) if wa == "full" else (b, a))
    return out


def _label(text: str, mentions: list[Mention], k: int) -> str:
    """The words of the record before the awarded score (its indicator), trimmed."""
    m = mentions[k]
    lo = max(text.rfind(ch, 0, m.start) for ch in "；;。\n")
    return _NOISE.sub("", text[lo + 1 : m.start])[:24]
