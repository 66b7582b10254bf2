"""Growth rates that must agree with each other through an identity (TXT022).

Asset reports often print every term of an identity with its growth rate and no previous
amounts: "资产总额A，同比增长a%；负债总额L，同比增长l%；净资产N，同比增长n%". Each rate alone
cannot be checked, but the identity (A = L + N) holds in both years, so the previous amounts
A/(1+a), L/(1+l), N/(1+n) must satisfy it too: n must equal N ÷ (A/(1+a) − L/(1+l)) − 1.

The identity is never inferred from the figures: a check is made only for an identity the
document model already established by its names (:func:`fincheck.text.readings.identity_readings`,
one record of the identity's terms, evidence ``name-exact``), and that holds for the current
amounts (a failing identity is reported by TXT001 already). Every term needs its own growth
rate, tied to its amount by the claim reader (the item's growth), all against the same kind of
period (a year: 同比, 较上年, 较年初; or a month, or a quarter). The check states the rate of the
identity's stated term — or, when that rate agrees with a change amount of its own (its TXT005
check holds), the rate of a part no change confirms, solved from the identity — and is computed in interval arithmetic over the rounding of every
amount and rate (the engine's ``rate`` links, :data:`fincheck.contract.ROLES`), so correctly
rounded figures never fail.
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim, Structure
from .mentions import Mention
from .readings import evaluate

#: the identity claims the rates may be checked through: a record of the identity's terms
_ESTABLISHED = ("parts", "name-exact")
#: the period a growth rate compares with, from the words between its amount and it
_PERIODS = (("month", re.compile(r"月")), ("quarter", re.compile(r"季度?")))
#: words between an amount and its rate longer than this are no direct statement of the rate
_MAX_GAP = 16


def rate_agreement_claims(
    identities: list[Claim], st: Structure, text: str, mentions: list[Mention], decimals: dict[int, int]
) -> list[Claim]:
    """TXT022 for every established identity whose terms all carry their growth rates."""
    rates = {it.mention: it for it in st.items if it.growth >= 0 and st.roles[it.growth].role == "growth"}
    out: list[Claim] = []
    for c in identities:
        if c.rule != "TXT001" or c.status == "skip" or _ESTABLISHED not in c.evidence or c.stated < 0:
            continue
        terms = [c.stated, *(f for f, _ in c.num)]
        if len(set(terms)) != len(terms) or any(t not in rates for t in terms):
            continue
        if {_period(text, mentions, rates[t].mention, rates[t].growth) for t in terms} - {"year"}:
            continue  # a month's or a quarter's comparison, or a rate not stated right after its amount
        if any(phrasing.read("basis", text[mentions[t].end : mentions[rates[t].growth].start]) for t in terms):
            continue  # a rate on another basis (同口径增长) compares with figures not printed
        if evaluate(c, mentions, decimals) is not True:
            continue
        confirmed = _confirmed(identities, terms, rates, mentions, decimals)
        target = c.stated
        if c.stated in confirmed:
            # the stated term's rate agrees with its own change: the check is stated on a part's
            # rate that no change confirms (the first, when several are not)
            unconfirmed = [f for f, _ in c.num if f not in confirmed]
            target = unconfirmed[0] if unconfirmed else c.stated
        stated = rates[target]
        if target == c.stated:
            others = [(f, coef) for f, coef in c.num]
        else:  # target = (stated − Σ others) ÷ its coefficient, in each year
            k = next(coef for f, coef in c.num if f == target)
            others = [(c.stated, 1.0 / k), *((f, -coef / k) for f, coef in c.num if f != target)]
        claim = Claim(
            "TXT022",
            stated.growth,
            [(target, 1.0)],
            others,
            rebase=[(rates[f].growth, float(rates[f].growth_dir)) for f, _ in others],
            stated=stated.growth,
            form="ratio",
            factor=100.0,
            offset=-100.0,
            sign=float(stated.growth_dir),
            label=c.label if target == c.stated else stated.label,
            column="增长率",
        )
        claim.evidence = [*c.evidence, ("previous", "relation")]
        claim.why = "上年数 = 本年数 ÷ (1 + 增长率)"
        out.append(claim)
    return out


def _confirmed(claims: list[Claim], terms: list[int], rates: dict, mentions, decimals) -> set[int]:
    """The terms whose growth rate agrees with a change amount of their own (their TXT005
    check, by change or previous amount, holds)."""
    checked = {c.stated: c for c in claims if c.rule == "TXT005" and c.status != "skip" and c.num and c.den}
    return {
        t
        for t in terms
        if rates[t].growth in checked and evaluate(checked[rates[t].growth], mentions, decimals) is True
    }


def _period(text: str, mentions: list[Mention], amount: int, rate: int) -> str:
    """The period a rate compares with ("year", "month", "quarter"), or "" when the rate is
    not stated right after its amount (a figure or a long clause between them)."""
    a, r = mentions[amount], mentions[rate]
    if not a.end <= r.start or r.start - a.end > _MAX_GAP:
        return ""
    between = text[a.end : r.start]
    if any(a.end <= m.start < r.start for m in mentions[amount + 1 : rate]):
        return ""
    return next((name for name, p in _PERIODS if p.search(between)), "year")
