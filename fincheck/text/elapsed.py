"""A rate's gap to the time elapsed (序时进度) when the report does not print it: "1—8月…完成年初
预算的68.3%，快于序时进度1.6个百分点" (TXT012: 1.6 = 68.3 − 8/12 × 100).

The words are data (rules/text/phrasing.yaml): group ``elapsed`` names the months a period
covers (1—N月, 上半年, 前三季度, 截至N月底), group ``time_progress`` the gap to it and its
direction (超/快于/高于 序时进度, 低于/慢于/落后 序时进度, 比序时进度快…). The period is the
last one stated before the rate; two different periods in the rate's sentence before it give no
check, and so does a gap whose words leave anything between the rate and the points, or a rate
that is no execution rate (its role ``rate``).
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim, Structure
from .mentions import Mention

_PUNCT = re.compile(r"[，,、\s]*")


def _months(text: str, end: int) -> list[tuple[int, int]]:
    """(start, months) of every period stated in ``text[:end]``, in text order."""
    out = []
    for a, _b, e in phrasing.matches("elapsed", text[:end]):
        n = int(dict(e.reading)["months"])
        if n == 0:  # the months are the pattern's group ("1—8月")
            m = e.regex.match(text, a)
            n = int(m.group("months")) if m is not None and m.groupdict().get("months") else 0
        if 1 <= n <= 12:
            out.append((a, n))
    return out


def elapsed_progress_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    for i, d in enumerate(mentions):
        if d.kind != "points" or i == 0 or st.sent_of[i] < 0:
            continue
        r = mentions[i - 1]
        if r.kind != "percent" or st.roles[i - 1].role != "rate" or st.sent_of[i - 1] != st.sent_of[i]:
            continue
        lead = text[r.end : d.start]
        found = phrasing.matches("time_progress", lead)
        if not found or found[-1][1] < len(lead.rstrip()) or not _PUNCT.fullmatch(lead[: found[-1][0]]):
            continue
        direction = float(dict(found[-1][2].reading)["direction"])
        periods = _months(text, r.start)
        if not periods:
            continue
        sentence = st.sentences[st.sent_of[i]] if st.sentences is not None else None
        inside = {n for a, n in periods if sentence is not None and a >= sentence.start}
        if len(inside) > 1:
            continue
        months = periods[-1][1]
        elapsed = 100.0 * months / 12
        c = Claim(
            "TXT012", i, [(i - 1, 1.0)], stated=i, offset=-elapsed, sign=direction,
            label=lead[found[-1][0] :].strip(), column="百分点",
        )  # fmt: skip
        c.evidence = [("base", "relation"), ("subject", "sentence")]
        c.why = f"{r.text} − {elapsed:.2f}%（{months}/12）"
        out.append(c)
    return out
