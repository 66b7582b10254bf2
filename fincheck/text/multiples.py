"""Growth stated as a multiple of the earlier figure ("从A增加到B，增长了N倍").

A multiple is not a figure with a unit (mentions), so it is found here: a number followed by
倍 whose words before it say what it measures (phrasing group ``multiple``): "增长(了)N倍" is
the increase over the earlier figure, N = (B − A) ÷ A; "增长到N倍", "是…的N倍" the ratio,
N = B ÷ A (TXT017). The two figures are the "从A…到B" pair of the same clause or sentence
(money, same unit). Without them the multiple is a visible skip ("operands not found"): a
multiple is never paired with figures by their fit.

The change stated right after such a pair, in the next clause ("从A增加到B，增加了C"), is
C = B − A (TXT008; 减少 gives A − B): the clause holds only its direction word before C.
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim
from .mentions import Mention

_TIMES = re.compile(r"(?<![\d.])(\d{1,7}(?:\.\d+)?)\s*(万)?倍")
_SENTENCE = re.compile(r"[。！？!?\n]")
_CLAUSE = re.compile(r"[，,；;：:]")
_FROM = re.compile(r"从[^，,。；;]{0,12}$")
_TO = re.compile(r"(?:增加|增长|上升|提高|减少|下降)?(?:到|至)了?\s*$")


def multiple_claims(text: str, mentions: list[Mention]) -> list[Claim]:
    """TXT017 claims for the multiples of ``text`` (see the module)."""
    out: list[Claim] = []
    if "倍" not in text:
        return out
    starts = [m.start for m in mentions]
    import bisect

    for t in _TIMES.finditer(text):
        s0 = max((m.end() for m in _SENTENCE.finditer(text, max(0, t.start() - 400), t.start())), default=0)
        seg = text[s0 : t.start()]
        lead = seg[max((c.end() for c in _CLAUSE.finditer(seg)), default=0) :]
        reading = phrasing.read("multiple", lead)
        if reading is None:
            continue
        value = float(t.group(1)) * (1e4 if t.group(2) else 1.0)
        decimals = len(t.group(1).split(".", 1)[1]) if "." in t.group(1) else 0
        lo, hi = bisect.bisect_left(starts, s0), bisect.bisect_left(starts, t.start())
        pair = _pair(text, mentions, lo, hi)
        if pair is None:
            if lo < hi:  # anchored on the sentence's last figure, visible as a skip
                out.append(_claim(hi - 1, value, decimals, "skip", "operands not found"))
            continue
        a, b = pair
        claim = _claim(b, value, decimals, "", "")
        claim.evidence = [("previous", "relation"), ("current", "relation")]  # "从A…到B" in one clause
        head = text[s0 : mentions[a].start]
        claim.label = _FROM.sub("", head[max((c.end() for c in _CLAUSE.finditer(head)), default=0) :]).strip()[:30]
        if reading["multiple"] == "increase":
            claim.num = [(b, 1.0), (a, -1.0)]
        else:
            claim.num = [(b, 1.0)]
        claim.den = [(a, 1.0)]
        if t.group(2):
            claim.factor = 1e-4  # "2.46万倍"
            claim.stated_value, claim.stated_decimals = float(t.group(1)), decimals
        out.append(claim)
    return out


def from_to_change_claims(text: str, mentions: list[Mention]) -> list[Claim]:
    """TXT008 for "从A增加到B，增加了C": C = ±(B − A) (see the module)."""
    from .rollups import direction_before

    out: list[Claim] = []
    for b in range(1, len(mentions) - 1):
        c = mentions[b + 1]
        pair = _pair(text, mentions, b - 1, b + 1)
        if pair is None or c.kind != "money" or c.unit != mentions[b].unit:
            continue
        between = text[mentions[b].end : c.start]
        cuts = list(_CLAUSE.finditer(between))
        if len(cuts) != 1 or _SENTENCE.search(between):
            continue  # C opens the very next clause
        lead = between[cuts[0].end() :]
        d = direction_before(lead)
        if not d or len(lead.strip()) > 6:
            continue
        a, b_ = pair
        claim = Claim("TXT008", b + 1, [(b_, 1.0), (a, -1.0)], stated=b + 1, sign=float(d), column="增减额")
        claim.evidence = [("previous", "relation"), ("current", "relation")]
        out.append(claim)
    return out


def _pair(text: str, mentions: list[Mention], lo: int, hi: int) -> tuple[int, int] | None:
    """The last "从A…到B" pair among mentions[lo:hi]."""
    for b in range(hi - 1, lo, -1):
        a = b - 1
        ma, mb = mentions[a], mentions[b]
        if ma.kind != "money" or ma.unit != mb.unit or mb.kind != "money":
            continue
        between = text[ma.end : mb.start]
        if _CLAUSE.search(between) or not _TO.search(between):
            continue
        if _FROM.search(text[max(0, ma.start - 14) : ma.start]):
            return a, b
    return None


def _claim(anchor: int, value: float, decimals: int, status: str, note: str) -> Claim:
    return Claim(
        "TXT017",
        anchor,
        [],
        stated=-1,
        stated_value=value,
        stated_decimals=decimals,
        form="ratio",
        label="",
        column="倍数",
        status=status,
        note=note,
    )
