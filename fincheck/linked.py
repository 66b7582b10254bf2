"""Findings of one wrong figure, linked to each other.

A share printed wrong breaks its own check (GEN003: the share against the amounts) and the sum
of the shares it belongs to (GEN004); a share in the text, TXT003 and TXT004. Both are real
findings and both stay; what links them is that one's place is among the other's figures (or
both are at the same place). Rules name the rules they link with in ``see_also``.

:func:`see_also` says, per finding, which others it is linked to, for the renderers
("另见 GEN004（资产!C5）" / "see also GEN004 at 资产!C5"). ``related`` stays what it is, the
places of the check's own figures (``Report.failure_cases`` and ``Report.explain`` read it so),
and it already names the other finding's place for one of the two.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

SEE_ALSO = {
    "zh": {"one": "{code}（{place}）", "lead": "另见 ", "sep": "；"},
    "en": {"one": "{code} at {place}", "lead": "see also ", "sep": "; "},
}


def _pairs(checks: pd.DataFrame, rules) -> Iterator[tuple[int, int]]:
    """Positions (i, j), i < j, of failing checks of one source whose rules name each other in
    ``see_also`` and where one's place is among the other's places (or both share one)."""
    linked = {r.code: set(r.see_also) for r in rules if r.see_also}
    if not linked or checks.empty:
        return
    rule = checks["rule"].to_numpy(object)
    candidates = np.flatnonzero((checks["status"].to_numpy(object) == "fail") & checks["rule"].isin(linked).to_numpy())
    if len(candidates) < 2:
        return
    source = checks["source"].to_numpy(object)
    location = checks["location"].to_numpy(object)
    related = checks["related"].to_numpy(object)
    for _src, group in pd.Series(candidates).groupby(source[candidates], sort=False):
        members = group.tolist()  # the few findings of paired rules in one source
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                if rule[j] not in linked[rule[i]] and rule[i] not in linked[rule[j]]:
                    continue
                li, lj = location[i], location[j]
                if li == lj or li in list(related[j]) or lj in list(related[i]):
                    yield i, j


def see_also(checks: pd.DataFrame, rules, lang: str) -> pd.Series:
    """Per check (by index), the findings it is linked to, in ``lang``; "" for most."""
    from .model.location import format_location

    words = SEE_ALSO[lang if lang in SEE_ALSO else "en"]
    said: dict[int, list[str]] = {}
    rule = checks["rule"].to_numpy(object)
    location = checks["location"].to_numpy(object)
    for i, j in _pairs(checks, rules):
        for mine, other in ((i, j), (j, i)):
            said.setdefault(mine, []).append(
                words["one"].format(code=rule[other], place=format_location(location[other], lang))
            )
    out = np.full(len(checks), "", dtype=object)
    for i, texts in said.items():
        out[i] = words["lead"] + words["sep"].join(texts)
    return pd.Series(out, index=checks.index, dtype=object)
