"""A growth rate given with its change, whose current level is stated in an earlier sentence.

::

    2024年“三公”经费预算总额为3.20万元，其中……
    2024年“三公”经费预算数比2023年预算数减少0.40万元，减幅11.11%。

The rate's sentence gives the change C and the rate g but not the level; the level L is the
amount of the same subject (name containment either way, :func:`fincheck.text.document.name_score`)
for the same year, stated before it in the same section. Then the previous figure is L ∓ C
and g = C ÷ (L ∓ C) × 100 (TXT005). Candidates are the amounts of the best name score; when
they differ in value the check is a skip ("ambiguous", the readings listed), and a rate whose
direction contradicts its change's ("减0.04万元，增0.01%") is a skip too, never a guess.
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim, growth_claim
from .labels import report_year
from .mentions import Mention
from .names import canonical, name_score, qualified, shared_members
from .rollups import direction_before

_SENTENCE = re.compile(r"[。！？!?]\n?|\n")  # "。\n" ends one sentence
_CLAUSE = re.compile(r"[，,；;：:]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_LAST = re.compile(r"上年|去年|上一年|同期")
_TOP = re.compile(r"(?m)^[ \t]*(?:[一二三四五六七八九十]+\s*、|第[一二三四五六七八九十\d]+[章节部分])")


def _sentence_bounds(text: str) -> list[int]:
    return [0, *(m.end() for m in _SENTENCE.finditer(text))]


def level_growth_claims(text: str, mentions: list[Mention], taken: set[int]) -> list[Claim]:
    """TXT005 claims for "…减少C万元，减幅g%" whose level is stated before (see the module)."""
    import bisect

    if len(mentions) < 3:
        return []
    bounds = _sentence_bounds(text)
    tops = [m.start() for m in _TOP.finditer(text)]
    sent = [bisect.bisect_right(bounds, m.start) - 1 for m in mentions]
    sec = [bisect.bisect_right(tops, m.start) for m in mentions]
    report = report_year(text)
    out: list[Claim] = []
    for k in range(1, len(mentions)):
        g, c = mentions[k], mentions[k - 1]
        if k in taken or g.kind != "percent" or c.kind != "money" or sent[k] != sent[k - 1]:
            continue
        s0 = bounds[sent[k]]
        gdir = direction_before(_clause_lead(text, c.end, g.start))
        before = text[s0 : c.start]
        cdir = direction_before(_clause_lead(text, s0, c.start))
        cmp = phrasing.matches("compare", before)
        if not gdir or not cdir or not cmp:
            continue
        named = _subject(before, c.start - s0)
        # the comparison's own year ("与2022年相比") is the previous period's, not the level's
        year = _year("".join(before[a:b] for a, b in _outside(cmp, len(before))))
        for subject in _members(named):
            claim = growth_claim(k, float(gdir), subject)
            if gdir != cdir:
                claim.status, claim.note = "skip", "the rate's direction contradicts the change's"
                out.append(claim)
                break
            single = not subject and not _LEAD_WORDS.search(_YEAR.sub("", before[: cmp[-1][0]]))
            if single:
                # "收入792.22万元。同比增加189.25万元，增加31.39%": a sentence that opens with its
                # comparison names no subject; it speaks of the one level of the sentence before
                level = _previous_level(text, mentions, sent, sec, bounds, k - 1, year)
            else:
                level = _level(text, mentions, sent, sec, bounds, k - 1, subject, year or -(report or 0))
            if isinstance(level, str):
                claim.status, claim.note = "skip", level
            else:
                level, tie = level
                claim.num, claim.sign = [(k - 1, 1.0)], 1.0  # C and g in the same direction
                claim.den = [(level, 1.0), (k - 1, -float(cdir))]
                # the level is tied by its name (the same subject, or a partial name) and its year
                claim.evidence = [
                    ("current", tie),
                    ("current", "period-confirmed" if year else _unnamed_period(report, single)),
                ]
            out.append(claim)
    return out


def _unnamed_period(report: int | None, single: bool) -> str:
    """The period evidence of a level when the change names no year: the report's year for a
    level found by name; assumed for the one level of the sentence before (found by position)."""
    return "period-report" if report and not single else "period-assumed"


def _flow(name: str) -> int:
    """+1 revenue, −1 spending, 0 unsaid (group ``flow``: the last phrasing in the name wins)."""
    return {"in": 1, "out": -1}.get(str((phrasing.read("flow", name) or {}).get("flow")), 0)


def _outside(spans: list, n: int) -> list[tuple[int, int]]:
    """The stretches of a text of length ``n`` outside the (start, end, …) ``spans``."""
    out, at = [], 0
    for a, b, *_ in spans:
        out.append((at, a))
        at = b
    return [*out, (at, n)]


def _members(subject: str) -> list[str]:
    """The subjects a change names: one, or each of those sharing it ("收、支总计各增加A": 收入总计
    and 支出总计, each increased by A; group ``shared_subject``, the short names of group
    ``short_name``). Members that are not all short names are named in full."""
    if not phrasing.matches("shared_subject", subject) or "、" not in subject:
        return [canonical(subject)]
    full = shared_members(subject)
    if full:
        return [canonical(x) for x in full]
    core = subject[: phrasing.matches("shared_subject", subject)[-1][0]]
    return [canonical(x) for x in core.split("、")]


_REACH = 60
_SENTENCES = 6
#: a word before a comparison: the sentence names its subject (or a part of one)
_LEAD_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _previous_level(text, mentions, sent, sec, bounds, change: int, year: int) -> tuple[int, str] | str:
    """The one level amount of the sentence just before the change's, in the same section and
    of the same unit and year (evidence: block-single), or why not."""
    found = []
    for j in range(change - 1, max(-1, change - 1 - _REACH), -1):
        if sent[j] == sent[change]:
            continue
        if sent[j] != sent[change] - 1 or sec[j] != sec[change]:
            break
        m = mentions[j]
        lead = _clause_lead(text, bounds[sent[j]], m.start)
        if m.kind != "money" or direction_before(lead) or phrasing.read("compare", lead):
            if m.kind in ("money", "percent"):
                return "subject not named"  # a change or a rate before: which level is unclear
            continue
        if m.unit != mentions[change].unit or _year(text[bounds[sent[j]] : m.start]) not in (year, 0):
            return "subject not named"
        found.append(j)
    if len(found) != 1:
        return "subject not named"
    return found[0], "block-single"


def _clause_lead(text: str, lo: int, pos: int) -> str:
    seg = text[lo:pos]
    cut = max((m.end() for m in _CLAUSE.finditer(seg)), default=0)
    return seg[cut:]


def _subject(before: str, end: int) -> str:
    """The subject of a change stated in ``before`` (its sentence up to the change): the words
    before the comparison word of its own part of the sentence (after the last "；", which
    opens the next subject: "…增长3.11%；住房保障支出较上年减少…"), or, when the comparison
    opens the sentence ("与上年相比，基本支出增加"), the words of the change's clause before
    its direction word."""
    own = before[max((m.end() for m in _PART.finditer(before[:end])), default=0) :]
    cmp = phrasing.matches("compare", own)
    if cmp:
        named = _YEAR.sub("", own[: cmp[-1][0]])
        if canonical(named):
            return named
        own = own[cmp[-1][1] :]
        if not _CLAUSE.search(own):
            return ""  # "同比上年度增加A": the comparison is the change's own clause, no subject
    lead = _clause_lead(own, 0, len(own))
    found = phrasing.matches("direction", lead)
    if found and found[-1][1] >= len(lead.rstrip()):
        lead = lead[: found[-1][0]]
    return _YEAR.sub("", lead)


_PART = re.compile(r"[；;]")


def _year(s: str) -> int:
    y = _YEAR.search(s)
    return int(y.group(1)) if y else 0


def _level(text, mentions, sent, sec, bounds, change: int, subject: str, year: int) -> tuple[int, str] | str:
    """The mention of the subject's current level before the change's sentence and the evidence
    of its name (name-exact, name-qualified, name-contained), or why not."""
    if len(subject) < 2:
        return "subject not named"
    best, found = 0, []
    # back through the section, at most _REACH figures and _SENTENCES sentences (a level is
    # stated near its change; the bound keeps a long section without headings linear)
    for j in range(change - 1, max(-1, change - 1 - _REACH), -1):
        m = mentions[j]
        if sec[j] != sec[change] or sent[change] - sent[j] > _SENTENCES:
            break
        if sent[j] == sent[change] or m.kind != "money" or m.unit != mentions[change].unit:
            continue
        lead = _clause_lead(text, bounds[sent[j]], m.start)
        if direction_before(lead) or phrasing.read("compare", lead):
            continue  # a change, not a level
        sentence_lead = text[bounds[sent[j]] : m.start]
        if year >= 0 and _year(sentence_lead) != year:
            continue
        if year < 0 and (_year(sentence_lead) not in (0, -year) or _LAST.search(lead)):
            continue  # no year named: the report's year (the latest the text names), not last year's
        own = canonical(_YEAR.sub("", lead))
        score = name_score(subject, own)
        if not score and len(own) >= 2 and subject.endswith(own) and subject[: -len(own)] in sentence_lead:
            score = 2  # "财政拨款收入总计A，支出总计B": the qualifier is the sentence's, before it
        if score and _flow(subject) * _flow(own) < 0:
            score = 0  # 收入 is not 支出, though both drop as a trailing word
        if score > best:
            best, found = score, [j]
        elif score == best and score:
            found.append(j)
    if not found:
        return "current level not stated"
    values = {mentions[j].value for j in found}
    if len(values) > 1:
        return "ambiguous: " + "; ".join(f"level {mentions[j].text}" for j in found[:4])
    if best >= 3:
        return found[0], "name-exact"
    # a name ending with the subject's is the same subject qualified ("财政拨款…")
    lead = canonical(_YEAR.sub("", _clause_lead(text, bounds[sent[found[0]]], mentions[found[0]].start)))
    return found[0], "name-qualified" if qualified(subject, lead) else "name-contained"
