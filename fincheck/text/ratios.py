"""Named ratios of identity terms, such as 资产负债率 = 负债 ÷ 资产 × 100 (TXT018).

The words of a ratio and its terms are data (phrasing group ``ratio``). Its operands are the
figures of the same record, before it in its paragraph: the nearest figure of the
denominator's term (资产), then the numerator's (负债) stated after that one; when the
numerator is not stated, the complement's (净资产 / 所有者权益): 负债 = 资产 − 净资产. A
figure's term is read from its subject as :func:`fincheck.text.document.split_term` does,
so "国有资本权益" (not all of the equity) is no complement. Without both operands the ratio
is a visible skip ("operands not found").
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim
from .mentions import Mention
from .names import canonical, split_term

_CLAUSE = re.compile(r"[，,；;：:。、]")
_SENTENCE = re.compile(r"[。！？!?\n]")


def ratio_claims(text: str, mentions: list[Mention]) -> list[Claim]:
    out: list[Claim] = []
    if not any(e.get("patterns") for e in phrasing.raw("ratio")):
        return out
    terms: list[str | None] = [None] * len(mentions)
    for k, m in enumerate(mentions):
        if m.kind != "percent":
            continue
        line0 = text.rfind("\n", 0, m.start) + 1
        lead = _lead(text, line0, m.start)
        reading = phrasing.read("ratio", lead)
        if reading is None:
            continue
        claim = Claim("TXT018", k, [], stated=k, form="ratio", factor=100.0, column="比率")
        claim.label = lead.strip()[:30]
        den = num = comp = -1
        if reading.get("by") == "verb":
            num, den = _by_verb(text, mentions, k, reading)
        for j in range(k - 1, -1, -1) if reading.get("by") != "verb" else ():
            mj = mentions[j]
            if mj.start < line0:
                break
            if mj.kind != "money":
                continue
            if terms[j] is None:
                terms[j] = split_term(canonical(_lead(text, line0, mj.start)))[1]
            t = terms[j]
            if t == reading["denominator"]:
                den = j
                break
            if t == reading["numerator"] and num < 0:
                num = j
            elif t == reading.get("complement") and comp < 0:
                comp = j
        if reading.get("by") == "verb" and den >= 0 and num >= 0:
            claim.num, claim.den = [(num, 1.0)], [(den, 1.0)]
            claim.evidence = [("actual", "sentence"), ("budget", "sentence")]
        elif den >= 0 and num >= 0 and mentions[num].unit == mentions[den].unit:
            claim.num, claim.den = [(num, 1.0)], [(den, 1.0)]
        elif den >= 0 and comp >= 0 and mentions[comp].unit == mentions[den].unit:
            claim.num, claim.den = [(den, 1.0), (comp, -1.0)], [(den, 1.0)]
        else:
            claim.status, claim.note = "skip", "operands not found"
        out.append(claim)
    return out


def _by_verb(text: str, mentions: list[Mention], k: int, reading: dict) -> tuple[int, int]:
    """A rate named by its verbs ("安排A，动用B，动用率x%" = B ÷ A): the nearest amount of the
    same sentence before it whose clause says the numerator's verb, and the nearest before that
    whose clause says the denominator's; -1 where there is none."""
    s0 = max((m.end() for m in _SENTENCE.finditer(text, 0, mentions[k].start)), default=0)
    num_words = re.compile(reading["numerator"])
    den_words = re.compile(reading["denominator"])
    num = den = -1
    for j in range(k - 1, -1, -1):
        mj = mentions[j]
        if mj.start < s0:
            break
        if mj.kind != "money":
            continue
        lead = _lead(text, s0, mj.start)
        if num < 0 and num_words.search(lead):
            num = j
        elif num >= 0 and den_words.search(lead):
            den = j
            break
    return num, den


def _lead(text: str, lo: int, pos: int) -> str:
    seg = text[max(lo, pos - 60) : pos]
    return seg[max((c.end() for c in _CLAUSE.finditer(seg)), default=0) :]
