"""A part's own breakdown led by its name and 中 (TXT001 / TXT002).

::

    人员经费2,402.18万元，…；公用经费384.34万元，…。
    按经济分类看，人员经费中，工资福利支出1,856.30万元，对个人和家庭的补助545.88万元；
    公用经费中，商品和服务支出372.14万元，资本性支出12.20万元。

"X中，" (group ``part_lead``) opens a clause breaking down X; its parts are the amounts up to
the next "；" or "。" (each an amount of its own subject: a change or a figure in a bracket
there leaves the clause unread). X is the amount so named stated before it in its section —
named exactly, not a budget or last year's, and only one value of that name there (two are no
reading). Parts adding up to X under rounding are its breakdown (TXT001); otherwise nothing
says they are all of X, so only their sum not exceeding X is checked (TXT002), as for 其中.
"""

from __future__ import annotations

import bisect

from . import phrasing
from .claims import Claim, sum_fits
from .document import Document
from .names import canonical, name_score

#: kinds of an amount that is no part's total (a budget, last year's figure)
_NOT_TOTAL = ("预算", "年初预算", "调整预算", "上年")
#: characters that end the clause before the lead (its name starts after the last of them)
_CLAUSE_END = "，,；;。：:\n"
#: characters that end the parts' clause
_PARTS_END = "；;。\n"


def part_breakdown_claims(doc: Document, taken: set[int]) -> list[Claim]:
    """One claim per "X中，A…，B…" clause whose X is found (see the module); a total another
    breakdown already checks (``taken``) is left alone."""
    f = doc.facts
    if not len(f):
        return []
    text, mentions = doc.text, doc.mentions
    starts = [m.start for m in mentions]
    canon, kind, role = f["canon"].astype(str).tolist(), f["kind"].astype(str).tolist(), f["role"].tolist()
    section, paren = f["section"].tolist(), f["in_paren"].tolist()
    out: list[Claim] = []
    for a, b, _ in phrasing.matches("part_lead", text):
        lead = max(text.rfind(ch, 0, a) for ch in _CLAUSE_END) + 1
        name = canonical(text[lead:a].strip())
        if len(name) < 2 or name.endswith("其"):
            continue
        end = min((x for x in (text.find(ch, b) for ch in _PARTS_END) if x >= 0), default=len(text))
        lo, hi = bisect.bisect_left(starts, b), bisect.bisect_left(starts, end)
        parts = [j for j in range(lo, hi) if mentions[j].kind == "money"]
        if len(parts) < 2 or any(role[j] != "amount" or paren[j] or not canon[j] for j in parts):
            continue
        total = _total(doc, canon, kind, role, section, paren, lo, name)
        if total is None or total in taken:
            continue
        pm, pms = mentions[total], [mentions[j] for j in parts]
        num = [(j, 1.0) for j in parts]
        label = str(f.at[total, "subject"]) or name
        if sum_fits(pm, pms):
            c = Claim("TXT001", total, num, stated=total, label=label, column="金额")
        else:
            c = Claim("TXT002", total, num, stated=total, op="ge", label=label, column="金额")
        c.evidence = [("parts", "list-marked"), ("total", "name-exact")]
        c.why = f"{pm.text} ⊇ " + " + ".join(m.text for m in pms)
        out.append(c)
    return out


def _total(doc: Document, canon, kind, role, section, paren, at: int, name: str) -> int | None:
    """The amount named ``name`` exactly before figure ``at`` in its section; None when there is
    none or two of different values."""
    sec = section[at] if at < len(section) else section[-1]
    hits = [
        j
        for j in range(at - 1, -1, -1)
        if section[j] == sec
        and role[j] == "amount"
        and not paren[j]
        and doc.mentions[j].kind == "money"
        and kind[j] not in _NOT_TOTAL
        and name_score(name, canon[j]) >= 3
    ]
    if not hits or len({doc.mentions[j].value for j in hits}) > 1:
        return None
    return hits[0]
