"""A total followed by its parts with no list word between them, read only where they fit
exactly: "新登记市场主体15932户，企业3207户（…），个体12725户" (15932 = 3207 + 12725).

Without 其中/包括/分别为, figures after a total may be its parts or an enumeration of other
indicators ("资产总额A，营业收入B，利润C"). The reader takes the parts as a breakdown only when
the shortest run of two or more figures right after the total, in its sentence and of its unit
(brackets aside: they describe a part), adds up to it to the last printed digit (TXT001,
evidence "exhaustion": the figures of the list prove its boundary). A run that does not fit is
no breakdown and yields nothing: the reading never fails a claim, so it cannot explain an
error away or make one up; it only shows the sums that hold.
"""

from __future__ import annotations

import math
from fractions import Fraction

from .claims import Claim
from .document import Document

#: the most parts a run may have
_MAX_PARTS = 8


def exact_fit_claims(doc: Document, stated: set[int]) -> list[Claim]:
    """TXT001 passes for totals whose next figures fit them exactly (see the module);
    ``stated``: figures another claim already states or uses (not read again)."""
    f = doc.facts
    if not len(f):
        return []
    rows = f[(f["role"] == "amount") & f["mkind"].isin(["money", "count"]) & ~f["in_paren"]]
    mentions = doc.mentions
    ids = rows["mention"].to_numpy("int64")
    sentence = rows["sentence"].to_numpy("int64")
    out: list[Claim] = []
    used: set[int] = set()
    for n, t in enumerate(ids):
        t = int(t)
        if t in stated or t in used:
            continue
        mt = mentions[t]
        total = _exact(mt.text, mt.value)
        if total is None:
            continue
        acc = Fraction(0)
        parts: list[int] = []
        for k in range(n + 1, min(len(ids), n + 1 + _MAX_PARTS)):
            p = int(ids[k])
            mp = mentions[p]
            if sentence[k] != sentence[n] or mp.unit != mt.unit or mp.kind != mt.kind or p in stated:
                break
            part = _exact(mp.text, mp.value)
            if part is None:
                break
            parts.append(p)
            acc += part
            if acc >= total:
                break
        if len(parts) < 2 or acc != total or total == 0:
            continue
        c = Claim("TXT001", t, [(p, 1.0) for p in parts], stated=t, label=str(f.at[t, "subject"]), column="金额")
        c.evidence = [("parts", "exhaustion")]
        out.append(c)
        used.update([t, *parts])
    return out


def _exact(text: str, value: float) -> Fraction | None:
    """The printed figure as an exact fraction (its digits, not the float); None for a figure no
    report prints (not finite, or a run of more than 30 digits: hostile input)."""
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    if not math.isfinite(value) or len(digits) > 30:
        return None
    try:
        return Fraction(digits) if digits else Fraction(value)
    except ValueError:
        return Fraction(value)
