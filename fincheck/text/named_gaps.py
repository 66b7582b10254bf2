"""A rate's gap to a rate of another scope that the sentence names but does not print
(TXT012): "直接监管企业…平均资产负债率45.59%，…，优于全市国有企业平均资产负债率10.09个百分点",
the other rate printed in an earlier sentence ("市国有企业…平均资产负债率55.68%").

The comparison word comes right before the name, and the name right before the gap in
percentage points (data: ``named_gap`` in ``rules/text/phrasing.yaml``). The compared rate is
the sentence's last percentage before the gap; the rate's own name is the end both names
share, which must end as a rate's name does (``rate_name``: …率, 比重, 占比), and the named
rate must add a scope to it ("全市国有企业"). The other rate is read only when exactly one
percentage elsewhere in the text is printed under that name: none or several leave the gap
unread. A word that does not say which rate is the larger (优于: a lower debt ratio is the
better) checks the size of the gap only.
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim, Structure
from .mentions import Mention

MAX_LEAD = 40
_NAME = re.compile(r"[\u4e00-\u9fff]{2,30}$")
_VERB = re.compile(r"(?:为|达到|达|是|了)$")
_NOT_RATES = ("growth", "cagr", "points", "prev")


def _name_before(text: str, mentions: list[Mention], j: int) -> str:
    """The words printed right before mention ``j`` (a 为/达 before the figure left out)."""
    lo = mentions[j - 1].end if j else 0
    lead = _VERB.sub("", text[lo : mentions[j].start].rstrip())
    m = _NAME.search(lead)
    return m.group() if m else ""


def _shared_end(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n :] if n else ""


def named_gap_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    """TXT012 claims for gaps to a named rate printed elsewhere (see the module)."""
    out: list[Claim] = []
    names: list[str] | None = None
    for i, d in enumerate(mentions):
        if d.kind != "points" or i == 0 or st.sent_of[i] < 0:
            continue
        lead = text[mentions[i - 1].end : d.start]
        if len(lead) > MAX_LEAD or re.search(r"[；;。]", lead):
            continue
        found = phrasing.matches("named_gap", lead)
        if not found:
            continue
        _, end, entry = found[-1]
        named = lead[end:].strip()
        if not _NAME.fullmatch(named):
            continue
        si = st.sent_of[i]
        a = next(
            (j for j in range(i - 1, -1, -1) if st.sent_of[j] == si and mentions[j].kind == "percent"),
            -1,
        )
        if a < 0 or st.roles[a].role in _NOT_RATES:
            continue
        if names is None:
            names = [_name_before(text, mentions, j) if m.kind == "percent" else "" for j, m in enumerate(mentions)]
        rate = _shared_end(names[a], named)
        if len(rate) < 3 or len(named) <= len(rate) or phrasing.read("rate_name", rate) is None:
            continue
        others = [
            j
            for j, m in enumerate(mentions)
            if m.kind == "percent" and j != a and st.sent_of[j] != si and names[j].endswith(rate)
        ]
        if len(others) != 1 or st.roles[others[0]].role in _NOT_RATES:
            continue
        direction = int(dict(entry.reading)["direction"])
        c = Claim(
            "TXT012",
            i,
            [(a, 1.0), (others[0], -1.0)],
            stated=i,
            sign=float(direction or 1),
            absolute=direction == 0,
            label=lead[found[-1][0] : end],
            column="百分点",
        )
        c.evidence = [("subject", "sentence"), ("base", "name-qualified")]
        out.append(c)
    return out
