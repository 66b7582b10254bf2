"""A balance of revenue over spending, stated after both: "收支相抵，结转下年B", "当年收支结余B",
"当年收支缺口B" (TXT001: B = revenue − spending, a 缺口 spending − revenue).

The words are data (rules/text/phrasing.yaml group ``balance``). The operands are the nearest
amounts before the balance, within the sentences of its section (no heading between):

* the spending: the nearest amount named …支出;
* the revenue: when that spending is a total (支出总计), the nearest revenue total before it
  (收入总计); otherwise the nearest amount named …收入 before the spending, of the same owner
  ("企业职工基本养老保险基金收入A，支出B，当年结余C": a bare 支出 is the revenue's owner's;
  "社会保险基金预算收入A…社会保险基金预算支出B…当年收支结余C").

An entry marked ``after_total`` ("结转下年B" with no 收支相抵) is a balance only right after a
spending total of its own sentence. Nothing is read when either operand is missing, is of
another unit, or names another owner: no check is guessed.
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim, Structure
from .mentions import Mention
from .names import canonical, name_score

_HEADING = re.compile(r"\n\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_REACH = 6  # sentences back (a section heading bounds it too)
_TOTAL_BEFORE = re.compile(r"(?:总计|合计)(?:为|是|达到?)?\s*$")
_SIDE = re.compile(r"(收入|支出)$")


def _side(label: str) -> tuple[str, str]:
    """(owner, 收入 | 支出) of an amount's label, ("", "") when it names neither."""
    canon = canonical(label) or label
    m = _SIDE.search(canon)
    if m is None:
        return "", ""
    return canon[: m.start()], m.group(1)


def _lead(text: str, mentions: list[Mention], st: Structure, i: int) -> str:
    s = st.sentences[st.sent_of[i]] if st.sentences and st.sent_of[i] >= 0 else None
    lo = s.start if s is not None else max(0, mentions[i].start - 40)
    if i and mentions[i - 1].end > lo:
        lo = mentions[i - 1].end
    return text[lo : mentions[i].start]


def balance_claims(text: str, mentions: list[Mention], st: Structure) -> list[Claim]:
    out: list[Claim] = []
    amounts = [
        k
        for k, it in enumerate(st.items)
        if not it.in_paren and st.roles[it.mention].role == "amount" and mentions[it.mention].kind == "money"
    ]
    for n, k in enumerate(amounts):
        it = st.items[k]
        i = it.mention
        lead = _lead(text, mentions, st, i)
        found = phrasing.matches("balance", lead)
        if not found or found[-1][1] < len(lead.rstrip()):
            continue
        reading = dict(found[-1][2].reading)
        sign = float(reading["balance"])
        spend = revenue = None
        spend_total = False
        for j in reversed(amounts[:n]):
            other = st.items[j]
            m = mentions[other.mention]
            if other.sentence < it.sentence - _REACH or _HEADING.search(text, m.end, mentions[i].start):
                break
            if m.unit != mentions[i].unit:
                continue
            owner, side = _side(other.label)
            is_total = bool(_TOTAL_BEFORE.search(_lead(text, mentions, st, other.mention)))
            if spend is None:
                if side == "支出":
                    spend, spend_total, spend_owner = j, is_total, owner
                continue
            if side != "收入":
                continue
            if spend_total:
                if is_total:
                    revenue = j
                    break
                continue
            if not spend_owner:
                # a bare 支出: its revenue is the amount right before it in its sentence
                if other.sentence == st.items[spend].sentence:
                    revenue = j
                break
            if owner and name_score(owner, spend_owner) == 3:
                revenue = j
                break
        if spend is None or revenue is None:
            continue
        if reading.get("after_total") and not (spend_total and st.items[spend].sentence == it.sentence):
            continue
        r, s = st.items[revenue].mention, st.items[spend].mention
        c = Claim("TXT001", i, [(r, sign), (s, -sign)], stated=i, label=it.label or lead.strip("，,、 "), column="金额")
        c.evidence = [("parts", "relation")]
        c.why = f"{mentions[r].text} − {mentions[s].text}" if sign > 0 else f"{mentions[s].text} − {mentions[r].text}"
        out.append(c)
    return out
