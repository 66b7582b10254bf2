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
        evidence = [("previous", "relation"), ("current", "relation")]  # "从A…到B" in one clause
        if pair is None and (stated := stated_previous(text, mentions, lo, hi, t.start())) is not None:
            pair, evidence = stated, [("previous", "relation"), ("current", "sentence")]
        if pair is None:
            if lo < hi:  # anchored on the sentence's last figure, visible as a skip
                out.append(_claim(hi - 1, value, decimals, "skip", "operands not found"))
            continue
        a, b = pair
        claim = _claim(b, value, decimals, "", "")
        claim.evidence = evidence
        head = text[s0 : mentions[min(a, b)].start]
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


def stated_previous(
    text: str, mentions: list[Mention], lo: int, hi: int, at: int, of: str = ""
) -> tuple[int, int] | None:
    """(previous, current) of a comparison with the previous year's figure stated by name just
    before it, in its sentence (phrasing group ``previous_stated``): "B，为上年（P）的" (the
    figure in a bracket) or "B，上年为P，比上年增长" (a clause of its own). B is the figure right
    before P, P the last figure before the stated multiple or percentage at ``at``; the words
    between B, P and ``at`` are those of the phrasing and nothing else."""
    if hi - lo < 2:
        return None
    p, b = hi - 1, hi - 2
    mp, mb = mentions[p], mentions[b]
    if mp.kind != "money" or mb.kind != "money":
        return None
    reading = phrasing.read("previous_stated", text[mb.end : mp.start])
    if reading is None or not re.fullmatch(reading["after"], text[mp.end : at]):
        return None
    if of and reading.get("of") != of:
        return None
    return p, b


def previous_ratio_claims(text: str, mentions: list[Mention]) -> list[Claim]:
    """TXT018 for a percentage of the previous year's figure stated in a bracket before it:
    "个人所得税16.80亿元，为上年（16.24亿元）的103.45%" = B ÷ P × 100 (``stated_previous``)."""
    out: list[Claim] = []
    for k in range(2, len(mentions)):
        m = mentions[k]
        if m.kind != "percent":
            continue
        pair = stated_previous(text, mentions, k - 2, k, m.start, of="ratio")
        if pair is None:
            continue
        p, b = pair
        claim = Claim("TXT018", k, [(b, 1.0)], [(p, 1.0)], stated=k, form="ratio", factor=100.0, column="比率")
        head = text[max(0, mentions[b].start - 30) : mentions[b].start]
        # the subject's name as printed (the input's own words, in either output language); the
        # formula in the message shows the ratio to the previous year
        claim.label = head[max((c.end() for c in _CLAUSE.finditer(head)), default=0) :].strip()
        claim.evidence = [("previous", "relation"), ("current", "sentence")]
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
