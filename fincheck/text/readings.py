"""Claims whose operands are found in the document model, with arbitration between readings.

The claim readers of :mod:`fincheck.text.claims` attach figures to the subject just before
them in their sentence. The readers here handle what that misses, by choosing operands from
candidates of the document's fact table (:mod:`fincheck.text.document`):

* :func:`change_readings` — a change or growth rate whose current figure is not in its
  sentence ("其中公务接待较上年同期减少0.58万元，减少4.68%" after the sections stating 公务接待
  for both years): the current and previous figures are the amounts of the same subject
  (name containment either way) in the period compared, nearest first;
* :func:`difference_readings` — "决算数大于预算数A", "超支/节约A", an unsigned "差值A": the
  budget is actual ∓ A; an execution rate in the sentence is checked against it, and the
  difference itself against a budget stated with the actual;
* :func:`count_readings` — "设9个内设机构，分别为：甲、乙、…": the names listed are counted.

**Arbitration.** A claim's candidate readings are scored by the evidence of names, periods,
kinds and proximity (clause > sentence > item block > section > document). The best-scored
reading is the check; readings of the best score that disagree make it "ambiguous" (the
readings listed). Every claim carries its evidence (:mod:`fincheck.text.evidence`, levels
and threshold in rules/text/evidence.yaml) and the other plausible readings of its figure —
plausible through name, kind and period evidence only, never because their figures fit.
:func:`gate` then arbitrates each failing claim: it is a skip "ambiguous" when another
plausible reading passes, a skip "weak reading: …" when an operand rests on evidence below
the threshold (position only, a partial name, a kind or period assumed, a list boundary
guessed, a figure of another period), and a failure otherwise. A passing claim stays a pass.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from ..interval import Interval, compare, half_unit
from . import evidence, phrasing
from .claims import Claim, growth_claim
from .document import Document
from .mentions import Mention
from .names import canonical, qualified, split_term


@dataclass
class Reading:
    claim: Claim
    score: float
    why: str


def evaluate(claim: Claim, mentions: list[Mention], decimals: dict[int, int] | None = None) -> bool | None:
    """Whether a claim passes under some rounding (None when it cannot be computed)."""
    decimals = decimals or {}

    def iv(links: list[tuple[int, float]]) -> Interval:
        v = sum(mentions[f].value * mentions[f].scale * c for f, c in links)
        h = sum(
            float(half_unit(np.array([decimals.get(f, mentions[f].decimals)]))[0]) * mentions[f].scale * abs(c)
            for f, c in links
        )
        return Interval.of(np.array([v]), np.array([h]))

    s = mentions[claim.stated] if claim.stated >= 0 else None
    stated = s.value if s else claim.stated_value
    sdec = decimals.get(claim.stated, s.decimals) if s else claim.stated_decimals
    scale = s.scale if s and claim.form != "ratio" else 1.0
    num = iv(claim.num)
    if claim.form == "ratio":
        den = iv(claim.den) if not claim.rebase else _rebased_den(claim, iv)
        if den is None or den.mid[0] == 0:
            return None
        q = (num / den).power(claim.power).scale(claim.factor).shift(claim.offset)
    else:
        q = num.scale(1.0 / scale).shift(claim.offset)
    q = q.scale(claim.sign)
    if claim.absolute:
        q = Interval(
            np.abs(q.mid),
            np.where(q.lo > 0, q.lo, np.where(q.hi < 0, -q.hi, 0.0)),
            np.maximum(np.abs(q.lo), np.abs(q.hi)),
        )
    if not np.isfinite(q.lo[0]) or not np.isfinite(q.hi[0]):
        return None
    ok, _, _ = compare(np.array([stated]), half_unit(np.array([sdec])), q, claim.op)
    return bool(ok[0])


def _rebased_den(claim: Claim, iv) -> Interval | None:
    """Σ of the denominator's operands, each rebased by its growth rate: operand ÷ (1 + rate /
    100) (the engine's ``rate`` links); None when a rate leaves no previous amount."""
    total = Interval.of(np.array([0.0]))
    for k, term in enumerate(claim.den):
        part = iv([term])
        if k < len(claim.rebase):
            r = iv([claim.rebase[k]])
            divisor = Interval(1 + r.mid / 100, 1 + r.lo / 100, 1 + r.hi / 100)
            if divisor.lo[0] <= 0:
                return None
            part = part / divisor
        total = total + part
    return total


def arbitrate(readings: list[Reading], mentions: list[Mention], decimals: dict[int, int]) -> Claim | None:
    """The check a claim gets from its readings (see the module's docstring): the best-scored
    reading, with the other plausible ones (by their evidence, :func:`evidence.plausible`)
    kept as its alternatives for :func:`gate`; readings of the best score that disagree make
    it "ambiguous"."""
    if not readings:
        return None
    best = max(r.score for r in readings)
    top = [r for r in readings if r.score >= best - 1e-9]
    verdicts = [evaluate(r.claim, mentions, decimals) for r in top]
    known = [v for v in verdicts if v is not None]
    claim = top[0].claim
    claim.why = top[0].why
    claim.others = [r.claim for r in readings if r is not top[0] and evidence.plausible(r.claim.evidence)]
    for r in readings:
        r.claim.why = r.claim.why or r.why
    if len(set(known)) > 1:
        listed = "; ".join(_verdict(r.why, v) for r, v in zip(top[:4], verdicts, strict=False))
        claim.status, claim.note = "skip", f"{evidence.AMBIGUOUS}: {listed}"
    return claim


def _verdict(why: str, ok: bool | None) -> str:
    return f"{why} ({'passes' if ok else 'fails' if ok is False else 'not computed'})"


#: rules relating figures of one period, and the operand their other figures are (a
#: (rule, column) pair when only some claims of a rule do: TXT012 also compares years)
_SAME_PERIOD = {
    "TXT001": "parts",
    "TXT002": "parts",
    "TXT003": "base",
    "TXT007": "budget",
    "TXT010": "budget",
    "TXT013": "budget",
    ("TXT012", "决算数"): "budget",
}


def period_evidence(doc: Document, claim: Claim) -> list[tuple[str, str]]:
    """("<operand>", "other-period") when a claim relating figures of one period (see
    ``_SAME_PERIOD``) relates figures the document gives different periods: different years
    named, or some marked 上年 (last year's) and the others not."""
    operand = _SAME_PERIOD.get(claim.rule) or _SAME_PERIOD.get((claim.rule, claim.column))
    if operand is None or not len(doc.facts):
        return []
    figs = {f for f, _ in claim.num} | {f for f, _ in claim.den} | ({claim.stated} if claim.stated >= 0 else set())
    a = doc.arrays()  # the facts' rows are the mentions, in order
    rows = np.array(sorted(figs), dtype=np.int64)
    year, last_year = a["year"][rows], a["kind"][rows] == "上年"
    if (operand, "list-marked") in claim.evidence and claim.stated in figs:
        # the parts of a 其中 list are of their total's period unless marked otherwise
        # ("上年支出合计A，其中基本支出B…": B is last year's too)
        keep = (rows == claim.stated) | (year != 0) | last_year
        year, last_year = year[keep], last_year[keep]
    years = {int(y) for y in year if int(y)}
    last = set(last_year.tolist())
    return [(operand, "other-period")] if len(years) > 1 or len(last) > 1 else []


#: the budget kinds an execution rate may name ("为调整预算的X%", "完成年初预算的X%")
_NAMED_BUDGETS = ("年初预算", "调整预算")


def _lead(doc: Document, k: int) -> str:
    """The words of a figure's clause before it, after the figure before it in the clause."""
    m = doc.mentions[k]
    si = int(doc.facts.at[k, "sentence"])
    if si < 0:
        return ""
    lo = doc.sentences[si].clause_at(m.start).start
    if k and doc.mentions[k - 1].end > lo:
        lo = doc.mentions[k - 1].end
    return doc.text[lo : m.start]


def kind_evidence(doc: Document, claim: Claim) -> list[tuple[str, str]]:
    """The budget of an execution rate that names its kind (年初预算 / 调整预算): ("budget",
    "other-kind") when the figure read as its budget is printed as the other kind, ("budget",
    "kind-assumed") when it is printed as a budget of no kind; nothing when the rate names no
    kind or the budget is derived (actual ∓ difference)."""
    if claim.rule != "TXT007" or claim.stated < 0 or len(claim.den) != 1 or not len(doc.facts):
        return []
    lead = _lead(doc, claim.stated)
    want = (phrasing.read("kind", lead) or {}).get("kind")
    if want not in _NAMED_BUDGETS or not re.search("调整|年初", lead):
        return []  # "完成全年预算的X%": the year's budget, initial or adjusted
    have = str(doc.facts.at[claim.den[0][0], "kind"])
    if have == want:
        return []
    if have in _NAMED_BUDGETS:
        return [("budget", "other-kind")]
    return [("budget", "kind-assumed")] if have == "预算" else []


def basis_evidence(doc: Document, claim: Claim) -> list[tuple[str, str]]:
    """A growth or change stated on another basis ("同口径增长8%", group ``basis``) read against
    figures none of which is marked 同口径: ("previous", "other-basis")."""
    if claim.rule not in ("TXT005", "TXT008") or claim.stated < 0 or not len(doc.facts) or claim.restated:
        return []
    m = doc.mentions[claim.stated]
    si = int(doc.facts.at[claim.stated, "sentence"])
    if si < 0:
        return []
    s = doc.sentences[si]
    lead = doc.text[s.clause_at(m.start).start : m.start]
    if phrasing.read("basis", lead) is None:
        return []
    figs = {f for f, _ in claim.num} | {f for f, _ in claim.den}
    kinds = set(doc.facts.loc[sorted(figs), "kind"].tolist()) if figs else set()
    return [] if "同口径" in kinds else [("previous", "other-basis")]


def gate(claims: list[Claim], mentions: list[Mention], decimals: dict[int, int], doc: Document | None = None) -> None:
    """Arbitration of every failing claim (rules/text/evidence.yaml): a claim fails only when
    its reading fails, no other plausible reading of it passes, and each of its operands rests
    on evidence of at least the threshold's strength (its own, and with ``doc`` the periods of
    its figures, :func:`period_evidence`). Otherwise it is a skip: "ambiguous" with the
    readings listed, or "weak reading: <operand> <why>". A passing claim stays a pass."""
    for c in claims:
        if c.status == "skip":
            continue
        if doc is not None:
            c.evidence = c.evidence + period_evidence(doc, c) + kind_evidence(doc, c) + basis_evidence(doc, c)
        weak = evidence.weak(c.evidence)
        if not weak and not c.others:
            continue
        if evaluate(c, mentions, decimals) is not False:
            continue
        passing = [o for o in c.others if evaluate(o, mentions, decimals)]
        if passing:
            listed = "; ".join([_verdict(c.why or "reading", False), *(_verdict(o.why, True) for o in passing[:3])])
            c.status, c.note = "skip", f"{evidence.AMBIGUOUS}: {listed}"
        elif weak:
            c.status, c.note = "skip", evidence.weak_note(*weak[0])


# --------------------------------------------------------------------------- candidates


def candidates(
    doc: Document, name: str, at: int, mkind: str, year: int | None, previous: bool, keep_at: bool = False
) -> list[tuple[int, float]]:
    """Amounts of the subject ``name`` (canonical) for the period asked, with their scores.

    ``previous``: the figure of the earlier period (kind 上年, or the year asked); otherwise the
    figure of the current period (the year asked, not marked 上年). Only amounts before the
    claim (or in its sentence) are candidates: a narrative states a figure before comparing it;
    ``keep_at``: the figure ``at`` itself is one of them (it only marks the claim's place).
    The score is 10 × the name's (3 same, 2 contained) + the proximity (clause 4, sentence 3,
    item block 2, section 1). Vectorised over the document's figures."""
    full = doc.arrays()
    if not len(full["start"]) or not name:
        return []
    rows, names = doc.named_rows(name)
    if not len(rows):
        return []
    a = {k: v[rows] for k, v in full.items()}
    ok = (
        a["amount"]
        & (a["mkind"] == mkind)
        & ~a["in_paren"]
        & ((a["mention"] != at) | keep_at)
        & ((a["start"] <= full["start"][at]) | (a["sentence"] == full["sentence"][at]))
    )
    last_year = a["kind"] == "上年"
    same_year = (a["year"] == year) if year else np.zeros_like(ok)
    if previous:
        ok &= last_year | same_year
    else:
        ok &= ~last_year & ((a["year"] == 0) | (same_year if year else True))
    idx = np.flatnonzero(ok)
    prox = np.select(
        [
            a["clause"][idx] == full["clause"][at],
            a["sentence"][idx] == full["sentence"][at],
            (a["block"][idx] == full["block"][at]) & (a["block"][idx] >= 0),
            (a["section"][idx] == full["section"][at]) & (a["section"][idx] >= 0),
        ],
        [4, 3, 2, 1],
        0,
    )
    score = names[idx] * 10 + prox
    return [(int(m), float(sc)) for m, sc in zip(rows[idx], score, strict=True)]


def _ranked(cands: list[tuple[int, float]], keep: int = 4) -> list[tuple[int, float]]:
    """The best-scored candidates, then the others named as well as they are (plausible by
    name: alternatives of the reading), nearest first; at most ``keep`` of them."""
    if not cands:
        return []
    top = max(s for _, s in cands)
    best = [(m, s) for m, s in cands if s == top]
    same_name = sorted(((m, s) for m, s in cands if s != top and s // 10 == top // 10), key=lambda x: (-x[1], -x[0]))
    return (best + same_name)[:keep] if len(best) < keep else best


def _name_level(score: float, name: str = "", other: str = "") -> str:
    """The evidence level of a candidate's name score (10 × 3 same, 10 × 2 contained): a name
    contained at the end of the other is the same subject qualified (:func:`names.qualified`)."""
    if score // 10 >= 3:
        return "name-exact"
    return "name-qualified" if qualified(name, other) else "name-contained"


# --------------------------------------------------------------------------- change and growth

_SUBJECT_END = re.compile(r"(?:同比|(?:比|较|与)\s*(?:上年|去年|上年度|上年同期|去年同期|(?:19|20)\d{2}\s*年度?)).*$")


def change_readings(doc: Document, consumed: set[int], decimals: dict[int, int]) -> list[Claim]:
    """Changes and growth rates whose current figure is stated elsewhere in the document."""
    text, mentions = doc.text, doc.mentions
    out: list[Claim] = []
    last_subject: dict[int, tuple[str, int, int]] = {}  # sentence → (subject, year, prev year)
    roles = [r.role for r in doc.structure.roles]
    sent = doc.arrays()["sentence"] if mentions else []
    for i, m in enumerate(mentions):
        role = roles[i]
        if role not in ("change", "growth") or i in consumed:
            continue
        si = int(sent[i])
        if si < 0:
            continue
        s = doc.sentences[si]
        clause = s.clause_at(m.start)
        lead = text[clause.start : m.start]
        cmp = phrasing.matches("compare", lead)
        subject, cur_year, prev_year = "", 0, 0
        if cmp:
            subject = canonical(_SUBJECT_END.sub("", lead[: cmp[-1][0]] + text[clause.start + cmp[-1][0] : m.start]))
            years = re.findall(r"((?:19|20)\d{2})\s*年", text[s.start : clause.start + cmp[-1][0]])
            cur_year = int(years[0]) if years else int(doc.year or 0)
            said = re.search(r"((?:19|20)\d{2})\s*年", lead[cmp[-1][0] : cmp[-1][1]])
            prev_year = int(said.group(1)) if said else (cur_year - 1 if cur_year else 0)
            if subject:
                last_subject[si] = (subject, cur_year, prev_year)
        elif si in last_subject and not re.search(r"[\u4e00-\u9fff]{2,}(?:同比|较|比)", lead):
            subject, cur_year, prev_year = last_subject[si]  # "…减少0.58万元，减少4.68%": same subject
        if not subject or not cur_year:
            continue
        kind = "money"
        cur_c = _ranked(candidates(doc, subject, i, kind, cur_year, previous=False))
        prev_c = _ranked(candidates(doc, subject, i, kind, prev_year, previous=True))
        prev_ids = {m for m, _ in prev_c}
        cur_c = [(m, sc) for m, sc in cur_c if m not in prev_ids]
        if not cur_c or not prev_c:
            continue
        d = float(_direction(lead))
        canon = doc.facts["canon"]
        readings = []
        for a, sa in cur_c:
            for b, sb in prev_c:
                if role == "change" and mentions[i].kind == "money":
                    c = Claim("TXT008", i, [(a, 1.0), (b, -1.0)], stated=i, sign=d, label=subject, column="增减额")
                elif role == "growth":
                    c = growth_claim(i, d, subject)
                    c.num, c.den = [(a, 1.0), (b, -1.0)], [(b, 1.0)]
                else:
                    continue
                c.evidence = [
                    ("current", _name_level(sa, subject, canon[a])),
                    ("previous", _name_level(sb, subject, canon[b])),
                    ("previous", "period-confirmed"),
                ]
                why = f"{mentions[a].text} − {mentions[b].text}"
                readings.append(Reading(c, sa + sb, why))
        claim = arbitrate(readings, mentions, decimals)
        if claim is not None:
            out.append(claim)
    return out


def no_change_readings(doc: Document, decimals: dict[int, int]) -> list[Claim]:
    """ "X与上年持平", "X40万元，较上年无增减" (group ``no_change``): a change of 0, checked as the
    current figure of X equal to its previous one within rounding (TXT012). The current figure
    is the amount of X in the sentence before the word, else a figure of X stated elsewhere
    (:func:`candidates`); the previous one a figure of X of the period compared. Only names tie
    them (a candidate of another subject is never taken); when either is not found the claim
    is a skip "operands not found"."""
    text, mentions, f = doc.text, doc.mentions, doc.facts
    out: list[Claim] = []
    if not mentions or not len(f):
        return out
    starts = np.array([m.start for m in mentions])
    find = phrasing.finder("no_change")
    for s in doc.sentences:
        if not find.search(text, s.start, s.end):
            continue
        body = text[s.start : s.end]
        for w0, w1, entry in phrasing.matches("no_change", body):
            w = s.start + w0
            clause = s.clause_at(w)
            lead = text[clause.start : w]
            cmp = phrasing.matches("compare", lead)
            if not cmp and "compare" not in dict(entry.reading):
                continue  # "决算数与预算数持平": a comparison of kinds (TXT012's own reader)
            cut = cmp[-1][0] if cmp else len(lead)
            named = canonical(_SUBJECT_END.sub("", lead[:cut]))
            at = int(np.searchsorted(starts, w)) - 1
            if at < 0:
                continue
            years = re.findall(r"((?:19|20)\d{2})\s*年", text[s.start : clause.start + cut])
            cur_year = int(years[0]) if years else int(doc.year or 0)
            said = re.search(r"((?:19|20)\d{2})\s*年", lead[cut:]) if cmp else None
            prev_year = int(said.group(1)) if said else (cur_year - 1 if cur_year else 0)
            # the amount the sentence states just before the word, when of the subject named
            own = f[
                (f["sentence"] == s.index)
                & (f["start"] < w)
                & (f["mkind"] == "money")
                & (f["role"] == "amount")
                & ~f["in_paren"]
                & (f["kind"] != "上年")
            ]
            cur_c: list[tuple[int, float]] = []
            subject = named
            if len(own):
                last = int(own["mention"].iloc[-1])
                canon = str(f.at[last, "canon"])
                if not named or named == canon or (len(named) >= 2 and (named in canon or canon in named)):
                    subject = canon or named
                    cur_c = [(last, 40.0)]
            phrase = text[clause.start + cut : s.start + w1].strip("，, ")
            label = f"{subject or named} {phrase}".strip()  # the subject, then the words as printed
            if subject and not cur_c:
                cur_c = _ranked(candidates(doc, subject, at, "money", cur_year, previous=False, keep_at=True))
            prev_c = (
                _ranked(candidates(doc, subject, at, "money", prev_year, previous=True, keep_at=True))
                if subject
                else []
            )
            cur_ids = {m for m, _ in cur_c}
            prev_c = [(m, sc) for m, sc in prev_c if m not in cur_ids]
            if not cur_c or not prev_c:
                out.append(
                    Claim("TXT012", at, [], stated_value=0.0, stated_decimals=-1, label=label,
                          column="上年数", status="skip", note="operands not found")
                )  # fmt: skip
                continue
            readings = []
            for a, sa in cur_c:
                for b, sb in prev_c:
                    c = Claim("TXT012", a, [(b, 1.0)], stated=a, op="eq", label=label, column="上年数")
                    c.evidence = [
                        ("current", "sentence" if sa >= 40 else _name_level(sa, subject, f.at[a, "canon"])),
                        ("previous", _name_level(sb, subject, f.at[b, "canon"])),
                        ("previous", "period-confirmed"),
                    ]
                    readings.append(Reading(c, sa + sb, f"{mentions[a].text} = {mentions[b].text}"))
            claim = arbitrate(readings, mentions, decimals)
            if claim is not None:
                out.append(claim)
    return out


def _direction(lead: str) -> int:
    r = phrasing.read("direction", lead[-8:])
    return int(r["direction"]) if r else 1


# --------------------------------------------------------------------------- differences


def difference_readings(doc: Document, claims: list[Claim], decimals: dict[int, int]) -> list[Claim]:
    """Execution rates and differences read through "决算数大于预算数A" / "差值A"."""
    text, mentions, f = doc.text, doc.mentions, doc.facts
    out: list[Claim] = []
    rate_claims = {c.stated: c for c in claims if c.rule == "TXT007"}
    stated = {c.stated for c in claims}
    for i, m in enumerate(mentions):
        if m.kind != "money":
            continue
        si = int(f.at[i, "sentence"])
        if si < 0:
            continue
        s = doc.sentences[si]
        lead = text[s.clause_at(m.start).start : m.start]
        r = phrasing.read("difference", lead)
        if r is None:
            continue
        d = int(r["difference"])
        # the figures of its sentence, within its "；"-part ("A支出0万元，年初预算0万元，差值0万元；
        # B支出…"): each part is a record of its own
        lo = max(text.rfind("；", s.start, m.start), text.rfind(";", s.start, m.start))
        hi = min((k for k in (text.find("；", m.end, s.end), text.find(";", m.end, s.end)) if k >= 0), default=s.end)
        same = f[(f["sentence"] == si) & (f["mention"] != i) & ~f["in_paren"]]
        part = same[(same["start"] > lo) & (same["start"] < hi)]
        if ((part["mkind"] == "money") & (part["start"] < m.start)).any():
            same = part  # else the part only states the difference of the sentence's figures
        money = same[(same["mkind"] == "money") & (same["role"] == "amount") & (same["unit"] == m.unit)]
        before = money[money["start"] < m.start]
        # the actual: the first amount of the sentence not marked as a budget
        actual = before[~before["kind"].isin(["预算", "年初预算", "调整预算", "上年"])]
        budget = before[before["kind"].isin(["预算", "年初预算", "调整预算"])]
        if actual.empty:
            continue
        a = int(actual["mention"].iloc[0])
        # how the actual was chosen: its kind printed (决算/执行/完成…), the one candidate of its
        # record, or the first of several (by position only)
        if str(actual["kind"].iloc[0]) == "决算":
            a_level = "kind-confirmed"
        else:
            a_level = "sentence" if len(actual) == 1 else "proximity"
        # an execution rate of this sentence whose budget is not stated; of several rates of
        # the sentence (为年初预算的x%，为调整预算的y%，超收A), which budget the difference is
        # of is not said
        rates = [int(p) for p in same[(same["mkind"] == "percent")]["mention"] if int(p) in rate_claims]
        for p in rates if len(rates) == 1 else []:
            c = rate_claims.get(int(p))
            if c is None or c.status != "skip":
                continue
            signs = [d] if d else [1, -1]
            readings = []
            for sg in signs:
                trial = Claim(
                    "TXT007", int(p), [(a, 1.0)], [(a, 1.0), (i, -float(sg))], stated=int(p), form="ratio",
                    factor=100.0, label=c.label, column="执行率",
                )  # fmt: skip
                trial.evidence = [("actual", a_level), ("budget", "relation")]
                readings.append(Reading(trial, 0.0, f"预算 = {mentions[a].text} {'−' if sg > 0 else '+'} {m.text}"))
            got = arbitrate(readings, mentions, decimals)
            if got is not None:  # the rate of the actual the budget was rebuilt from
                c.num, c.den, c.status, c.note, c.evidence = got.num, got.den, got.status, got.note, got.evidence
        if i in stated or budget.empty or len(budget) > 1:
            continue
        b = int(budget["mention"].iloc[0])
        c = Claim("TXT013", i, [(a, 1.0), (b, -1.0)], stated=i, label=str(f.at[a, "subject"]), column="差额")
        c.evidence = [("actual", a_level), ("budget", "kind-confirmed")]
        if d:
            c.sign = float(d)
        else:
            c.absolute = True
        out.append(c)
    return out


# --------------------------------------------------------------------------- identities


def identity_readings(doc: Document, consumed: set[int]) -> list[Claim]:
    """Records stating a domain identity ("行政单位资产总额A，负债总额B，净资产总额C；…"):
    total = Σ parts within one record (a record is a sentence's run of figures of one owner; a
    label naming an owner, or a term already seen, starts the next record); and partitions by
    scope ("全国…A；中央…B；地方…C": A = B + C for the same term)."""
    f = doc.facts
    if not len(f):
        return []
    money = f[(f["mkind"] == "money") & (f["role"] == "amount") & ~f["in_paren"]].copy()
    split = [split_term(c) for c in money["canon"]]
    out: list[Claim] = []
    identities = [
        (e["reading"]["total"], list(e["reading"]["parts"]), e["reading"].get("stated", e["reading"]["total"]))
        for e in phrasing.raw("identity")
    ]
    phrasing_terms = {t for total, parts, _ in identities for t in (total, *parts)}
    records: list[dict[str, int]] = []
    owners: list[str] = []
    heads: list[tuple[str, str]] = []  # (owner, scope) of each record's first figure
    begun: list[int] = []  # the sentence each record begins in
    last_sentence = last_line = None
    continued: set[int] = set()  # records that go on into the next sentence
    for n, ((owner, term), row) in enumerate(zip(split, money.itertuples(), strict=True)):
        # a figure of another subject ("国有资本权益总额C") is a member of the record too: it
        # takes the record's scope, never part of an identity (its key is not a term)
        key = term or "~" + str(row.canon)
        same = records and row.sentence == last_sentence and key not in records[-1]
        if (
            records
            and not same
            and term
            and not owner
            and not row.scope
            and last_sentence is not None
            and row.sentence == last_sentence + 1
            and row.line == last_line
            and term in phrasing_terms
            and key not in records[-1]
            and all(k in phrasing_terms for k in records[-1])
            and begun.count(begun[-1]) == 1
        ):
            # "资产总额A、同比增长x%。负债总额B…。所有者权益C": the next term opening the next
            # sentence of the paragraph, without an owner of its own, goes on with the record —
            # only the record of a sentence that holds no other ("…其中：流动资产A，无形资产B。
            # 负债总额C" is no record of 无形资产's)
            same = True
            continued.add(len(records) - 1)
        if not term and not same:
            continue
        if not same or owner or row.scope:
            records.append({})
            owners.append(owner)
            heads.append((owner, row.scope))
            begun.append(row.sentence)
        elif heads[-1][1] and not row.scope:
            if term:
                split[n] = (heads[-1][0], term)  # "中央…资产总额A，负债总额B": B is 中央's too
            money.at[row.Index, "scope"] = heads[-1][1]
        records[-1][key] = int(row.mention)
        last_sentence, last_line = row.sentence, row.line
    for r, (rec, owner) in enumerate(zip(records, owners, strict=True)):
        for total, parts, stated in identities:
            if total in rec and all(p in rec for p in parts) and rec[stated] not in consumed:
                t = rec[stated]
                if len({doc.mentions[m].unit for m in rec.values()}) > 1:
                    continue
                # the stated term is the total, or a part: then part = total − the other parts
                num = [(rec[p], 1.0) for p in parts] if stated == total else _solved(rec, total, parts, stated)
                c = Claim("TXT001", t, num, stated=t, label=owner + stated, column="金额")
                # the identity's terms, one record (of one sentence, or going on into the next ones)
                c.evidence = [("parts", "name-exact"), ("parts", "record-continued" if r in continued else "sentence")]
                out.append(c)
    out += _partitions(doc, money, split, consumed)
    out += _bracket_partitions(doc, f, money, consumed)
    return out


def _bracket_partitions(doc: Document, f, money, consumed: set[int]) -> list[Claim]:
    """A bracket closing a record that partitions one of its terms by scope: "中央…资产总额4.7
    万亿元，负债总额1万亿元，净资产3.7万亿元（行政单位资产0.8万亿元，事业单位资产3.9万亿元）" —
    the record's 资产 = the bracket's parts (every figure in the bracket of that one term, their
    scopes a partition's, the record's figure of another scope or none)."""
    inside = f[(f["mkind"] == "money") & (f["role"] == "amount") & f["in_paren"]]
    if inside.empty:
        return []
    out: list[Claim] = []
    partitions = [list(e["reading"]["parts"]) for e in phrasing.raw("partition")]
    before = list(money.itertuples())
    grid: dict[tuple[str, str, str], dict] = {}  # (term, own scope, unit) → record scope → bracket figure
    groups: dict[tuple[int, int], list] = {}
    for row in inside.itertuples():
        groups.setdefault(
            (int(row.sentence), _bracket_start(doc.text, doc.mentions[int(row.mention)].start)), []
        ).append(row)
    for (sentence, lo), rows in groups.items():
        terms = {split_term(str(r.canon))[1] or split_term(str(r.canon)[len(str(r.scope)) :])[1] for r in rows}
        scopes = [str(r.scope) for r in rows]
        if len(terms) != 1 or "" in terms or scopes not in partitions:
            continue
        term = terms.pop()
        # the record the bracket closes: the figures of its sentence right before it
        seg = max(doc.text.rfind("；", 0, lo), doc.text.rfind(";", 0, lo))  # the record's own clause group
        rec = [
            r
            for r in before
            if int(r.sentence) == sentence
            and seg < doc.mentions[int(r.mention)].start
            and doc.mentions[int(r.mention)].end <= lo
        ]
        whole = [r for r in rec if split_term(str(r.canon))[1] == term and str(r.scope) not in scopes]
        if len(whole) != 1 or int(whole[0].mention) in consumed:
            continue
        w = whole[0]
        if len({w.unit, *(r.unit for r in rows)}) > 1:
            continue
        out.append(
            Claim(
                "TXT001",
                int(w.mention),
                [(int(r.mention), 1.0) for r in rows],
                stated=int(w.mention),
                label=str(w.subject),
                column="金额",
                evidence=[("parts", "name-loose"), ("parts", "sentence")],
            )
        )
        for r in rows:  # the bracket's figure is of two scopes: the record's and its own
            grid.setdefault((term, str(r.scope), str(w.unit)), {})[str(w.scope)] = r
    return out + _grid_partitions(doc, before, grid, partitions, consumed)


def _grid_partitions(doc: Document, before, grid: dict, partitions: list[list[str]], consumed: set[int]) -> list[Claim]:
    """The other way through a grid of two scopes: "其中，行政单位资产A" = the 中央 record's
    bracketed 行政单位资产 + the 地方 record's (a 中央/地方 × 行政单位/事业单位 grid)."""
    out: list[Claim] = []
    for (term, inner, unit), cells in grid.items():
        for parts in partitions:
            if set(cells) != set(parts):
                continue
            first = min(doc.mentions[int(r.mention)].start for r in cells.values())
            section = {int(r.section) for r in cells.values()}
            whole = [
                r
                for r in before
                if str(r.scope) == inner
                and split_term(str(r.canon))[1] == term
                and str(r.unit) == unit
                and doc.mentions[int(r.mention)].start < first
                and int(r.section) in section
            ]
            if not whole or int(whole[-1].mention) in consumed:
                continue
            w = whole[-1]  # the nearest before the grid (a lead paragraph printed twice: its last copy)
            out.append(
                Claim(
                    "TXT001",
                    int(w.mention),
                    [(int(cells[p].mention), 1.0) for p in parts],
                    stated=int(w.mention),
                    label=str(w.subject),
                    column="金额",
                    evidence=[("parts", "name-loose")],
                )
            )
    return out


def _bracket_start(text: str, pos: int) -> int:
    """The offset of the bracket open at ``pos``."""
    return max(text.rfind("（", 0, pos), text.rfind("(", 0, pos))


def _solved(rec: dict[str, int], total: str, parts: list[str], stated: str) -> list[tuple[int, float]]:
    """The links of ``stated`` (a part) = total − the other parts."""
    return [(rec[total], 1.0), *((rec[p], -1.0) for p in parts if p != stated)]


def _partitions(doc: Document, money, split, consumed: set[int]) -> list[Claim]:
    out: list[Claim] = []
    rows = list(money.itertuples())
    first: dict[int, int] = {}  # line → its first figure of an identity term (the paragraph's lead)
    for n, row in enumerate(rows):
        if split[n][1] and row.line not in first:
            first[row.line] = n
    for e in phrasing.raw("partition"):
        parts = list(e["reading"]["parts"])
        for n, row in enumerate(rows):
            if row.scope != parts[0]:
                continue
            key = _part_key(row, split[n], parts[0])
            found = {parts[0]: n}
            for m in range(n + 1, min(len(rows), n + 40)):
                r2 = rows[m]
                if r2.section != row.section:
                    break
                if r2.scope in parts and r2.scope not in found and _part_key(r2, split[m], r2.scope) == key:
                    found[r2.scope] = m
            if len(found) < len(parts):
                continue
            # the whole: the nearest figure before the first part with the same key and no part scope
            whole = None
            for m in range(n - 1, max(-1, n - 40), -1):
                r0 = rows[m]
                if r0.section != row.section:
                    break
                if r0.scope not in ("", "全部", "本级") or _part_key(r0, split[m], "") != key:
                    continue
                if _owner_in(split[n], parts[0], split[m]):
                    whole, how = m, "name-loose"
                    break
                if not split[n][0] and _in_lead(rows, split, first.get(r0.line), m):
                    whole, how = m, "proximity"  # the paragraph's lead record, by position
                    break
            if whole is None or int(rows[whole].mention) in consumed:
                continue
            members = [rows[whole], *(rows[found[p]] for p in parts)]
            if len({r.unit for r in members}) > 1 or len({r.year for r in members}) > 1:
                continue
            w = int(rows[whole].mention)
            out.append(
                Claim(
                    "TXT001",
                    w,
                    [(int(rows[found[p]].mention), 1.0) for p in parts],
                    stated=w,
                    label=str(rows[whole].subject),
                    column="金额",
                    evidence=[("parts", "name-loose"), ("parts", how)],
                )
            )
    return out


def _in_lead(rows, split, lead: int | None, m: int) -> bool:
    """Whether figure ``m`` is of its line's lead record: the lead figure itself, or a figure of
    the same owner in the lead's sentence ("全市…资产总额A，负债总额B，净资产总额C")."""
    if lead is None:
        return False
    return m == lead or (rows[m].sentence == rows[lead].sentence and split[m][0] == split[lead][0])


def _owner_in(part: tuple[str, str], scope: str, whole: tuple[str, str]) -> bool:
    """The part's owner without its scope is the whole's owner: "中央行政事业性国有" →
    "行政事业性国有" (identity terms only; a part without an owner of its own belongs to the
    paragraph's lead figure)."""
    rest = part[0][len(scope) :] if part[0].startswith(scope) else part[0]
    return not part[1] or (bool(rest) and rest == whole[0])


def _part_key(row, split: tuple[str, str], scope: str) -> str:
    """What a partition's figures share: the identity term if any, else the subject without
    its scope (and without a leading 全国/全市…)."""
    _owner, term = split
    if term:
        return term
    c = row.canon
    return c[len(scope) :] if scope and c.startswith(scope) else c


# --------------------------------------------------------------------------- counts of names

_NAME_SEP = re.compile(r"[、，,]|和|及|以及")


def count_readings(doc: Document, consumed: set[int]) -> list[Claim]:
    """ "设9个内设机构，分别为：甲、乙、丙": the count stated against the names listed."""
    text, mentions, f = doc.text, doc.mentions, doc.facts
    out: list[Claim] = []
    for i, m in enumerate(mentions):
        if m.kind != "count" or i in consumed or m.decimals >= 0:
            continue
        tail = text[m.end : m.end + 40]
        hit = phrasing.matches("enumeration", tail)
        if not hit or hit[0][0] != 0:
            continue
        start = m.end + hit[0][1]
        stop = len(text)
        for ch in "。；;\n":
            k = text.find(ch, start, start + 600)
            if k >= 0:
                stop = min(stop, k)
        if stop == len(text):
            continue
        listed = text[start:stop]
        if re.search(r"\d", listed):
            continue  # figures in the list: a breakdown, read elsewhere
        # a bracket after a name describes it ("业务科（含统计组、信息组）"): no names of its own
        listed = _BRACKETS.sub("", listed)
        names = [x.strip() for x in _NAME_SEP.split(listed) if x.strip()]
        if len(names) < 2 or any(len(x) > 24 for x in names) or "等" in listed[-3:]:
            continue
        label = str(f.at[i, "subject"]) or text[max(0, m.start - 10) : m.start]
        # a list separated by 、 may hold a name with 和/及 in it ("办公室、政策法规和宣传科、财务科"):
        # the names counted by 、 alone are the other reading (a 和 before the last name only,
        # "甲、乙和丙", joins the list)
        by_comma = [x.strip() for x in re.split(r"[、，,]", listed) if x.strip()]
        inner = len(by_comma) >= 2 and any(_NAME_SEP.search(x) for x in by_comma[:-1])
        counts = [len(names)] + ([len(by_comma)] if inner else [])
        readings = []
        for n in counts:
            c = Claim("TXT014", i, [], stated=i, offset=float(n), label=label, column="数量")
            c.evidence = [("names", "list-marked")]
            readings.append(Reading(c, 0.0, f"{n} 个名称" if n == counts[0] else f"{n} 个名称（按顿号分隔）"))
        claim = arbitrate(readings, mentions, {})
        if claim is not None:
            out.append(claim)
    return out


_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)")


def integer_count(value: float) -> bool:
    return math.isfinite(value) and float(value).is_integer()
