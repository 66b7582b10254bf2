"""A compound annual growth rate against the multiple it compounds to ("40年来年均增长28.7%，是40年前的24600倍").

A narrative of a long period often gives no first and last figures, only the rate and the
multiple: "N年来…年均增长X%，是N年前的M倍" or "2012年至2022年…年均增长X%，是2012年的M倍".
Then X = (M^(1/N) − 1) × 100 (TXT006), N the number of yearly periods:

* the period is data (phrasing group ``period_span``): a count of years ("40年来", "近10年",
  "40年前"), or a span of years ("2012年至2022年", N = 2022 − 2012; "2014年初到2017年底",
  N = 4). The periods of one sentence must agree, or the rate is a visible skip;
* the multiple is read with the phrasing group ``multiple``: only a ratio ("是…的M倍",
  "增长到M倍") is M; "增长M倍" is read by some writers as M and by others as M + 1 times, so
  it is a skip ("ambiguous multiple"), as is a multiple whose clause names another subject;
* the multiple and the rate are in one sentence, with nothing but the multiple's verb
  between the rate's clause and the multiple.

The multiple is not a mention (it has no unit), so it becomes one here, with its precision:
an integer ending in zeros is rounded at its last non-zero digit ("24600倍" is 24600 ± 50),
"2.46万倍" is 24600 ± 50 too. The base of the ratio is an exact 1 (the multiple is already
B ÷ A); both are facts of the text placed on the multiple.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import phrasing
from .claims import Claim, Structure, compound_growth_claim
from .mentions import Mention

_TIMES = re.compile(r"(?<![\d.])(\d{1,7}(?:\.\d+)?)\s*(万)?倍")
_CLAUSE = re.compile(r"[，,；;：:]")
#: the words a multiple's clause may hold before its verb and still speak of the rate's subject
_CONNECTIVE = re.compile(r"^(?:已|已经|目前|现在|如今|总量|总额|规模|总规模|达到|相当于|(?:19|20)\d{2}年(?:末|底)?)*$")


@dataclass(frozen=True)
class Multiple(Mention):
    """A figure the text states without a unit (a multiple), with its rounding scale."""

    factor: float = 1.0

    @property
    def scale(self) -> float:
        return self.factor


def _precision(number: str, wan: bool) -> tuple[float, int, float]:
    """(value, decimals, scale) of a printed multiple: value × scale is the multiple, rounded
    at half a unit of ``decimals`` times ``scale``."""
    if "." in number:
        return float(number), len(number.split(".", 1)[1]), 1e4 if wan else 1.0
    digits = number.rstrip("0") or "0"
    zeros = len(number) - len(digits)
    return float(digits), 0, (1e4 if wan else 1.0) * 10.0**zeros


def periods(text: str) -> set[int]:
    """The numbers of yearly periods ``text`` states (phrasing group ``period_span``)."""
    out: set[int] = set()
    for start, end, entry in phrasing.matches("period_span", text):
        m = entry.regex.match(text, start, end) or entry.regex.search(text, start, end)
        if m is None:
            continue
        g = {k: v for k, v in m.groupdict().items() if v}
        reading = dict(entry.reading)
        if "years" in g:
            n = int(g["years"])
        elif "first" in g and "last" in g:
            n = int(g["last"]) - int(g["first"]) + int(reading.get("extra", 0))
        else:
            continue
        if n > 0:
            out.add(n)
    return out


def compound_multiple_claims(
    text: str, mentions: list[Mention], st: Structure, claims: list[Claim]
) -> tuple[list[Mention], list[Claim]]:
    """The multiples read as mentions (to append after ``mentions``) and the TXT006 claims they
    give; a rate whose TXT006 is already checked keeps that check."""
    if "倍" not in text or st.sentences is None:
        return [], []
    checked = {c.stated for c in claims if c.rule == "TXT006" and c.status != "skip"}
    extra: list[Mention] = []
    out: list[Claim] = []
    n0 = len(mentions)
    starts = [m.start for m in mentions]
    for i, r in enumerate(st.roles):
        if r.role != "cagr" or i in checked or st.sent_of[i] < 0:
            continue
        s = st.sentences[st.sent_of[i]]
        rate = mentions[i]
        found = [t for t in _TIMES.finditer(text, rate.end, s.end)]
        if not found:
            continue
        t = found[0]
        lead = text[rate.end : t.start()]
        cuts = list(_CLAUSE.finditer(lead))
        if len(cuts) != 1 or bisect.bisect_left(starts, t.start()) != bisect.bisect_right(starts, rate.end):
            continue  # the multiple opens the clause right after the rate's, with no figure between
        head = lead[cuts[0].end() :]
        reading = phrasing.read("multiple", head)
        if reading is None:
            continue
        verb = re.search(r"(?:是|为|相当于|增长|增加|提高|上升)", head)
        subject = head[: verb.start()].strip() if verb else head
        label = "年均增长率"
        if reading["multiple"] != "ratio":
            out.append(_skip(i, label, "ambiguous multiple: 增长N倍 is N or N + 1 times"))
            continue
        if subject and not _CONNECTIVE.match(subject) and subject not in text[s.start : rate.start]:
            out.append(_skip(i, label, "the multiple names another subject"))
            continue
        n = periods(text[s.start : t.end()])
        if len(n) != 1:
            out.append(_skip(i, label, "period not stated" if not n else "periods disagree"))
            continue
        years = n.pop()
        value, decimals, scale = _precision(t.group(1), bool(t.group(2)))
        k = n0 + len(extra)
        extra.append(Multiple(t.start(), t.end(), value, decimals, "倍", "multiple", t.group(0), scale))
        extra.append(Multiple(t.start(), t.end(), 1.0, -1, "倍", "multiple", t.group(0), 1.0))
        claim = compound_growth_claim(i, k, k + 1, years, float(r.direction), "", label)
        claim.evidence = [("current", "sentence"), ("previous", "relation")]
        out.append(claim)
    return extra, out


def _skip(i: int, label: str, note: str) -> Claim:
    return Claim("TXT006", i, [], stated=i, form="ratio", column=label, status="skip", note=note)
