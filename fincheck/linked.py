"""Findings of one wrong figure, linked to each other.

One figure printed wrong often breaks more than one check, and each finding stays. They are
linked in two ways:

- **the same figure**: two findings of one source state the same figure at the same place
  (a 合计 left at 0 breaks its sum, PRF001, and the total's bound, GEN002; a share breaks its own
  check and a bound). Any two rules link so, with no pairs to name; a check whose place is one
  of its own operands (GEN004 and TXT004 sit at the first share, the 100% they state is not
  printed there) does not state the figure at its place and does not link so;
- **one figure among the other's**: rules name the rules they link with in ``see_also`` (data
  in rules/): A wrong share breaks its own check (GEN003: the share against the amounts) and the
  sum of the shares it belongs to (GEN004); in the text TXT003 and TXT004. They are linked when
  one's place is among the other's figures (or both are at the same place).

:func:`see_also` says, per finding, which others it is linked to, for the renderers
("另见 GEN004（资产!C5）" / "see also GEN004 at 资产!C5"). ``related`` stays what it is, the
places of the check's own figures (``Report.failure_cases`` and ``Report.explain`` read it so),
and it already names the other finding's place for one of the two.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import numpy as np
import pandas as pd

SEE_ALSO = {
    "zh": {"one": "{code}（{place}）", "lead": "另见 ", "sep": "； "},
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


def _same_figure(checks: pd.DataFrame) -> Iterator[tuple[int, int]]:
    """Positions (i, j), i < j, of failing checks of one source that state the same figure at
    the same place (a place that is not one of the check's own operands)."""
    if checks.empty:
        return
    stated = checks["stated"].to_numpy("float64")
    location = checks["location"].to_numpy(object)
    related = checks["related"].to_numpy(object)
    fails = (checks["status"].to_numpy(object) == "fail") & np.isfinite(stated)
    candidates = [i for i in np.flatnonzero(fails) if isinstance(location[i], dict) and location[i]]
    if len(candidates) < 2:
        return
    keys = pd.DataFrame(
        {
            "source": checks["source"].to_numpy(object)[candidates],
            "place": [_place_text(location[i]) for i in candidates],
            "stated": stated[candidates],
        }
    )
    same = keys.duplicated(keep=False).to_numpy()
    for _key, group in keys[same].groupby(["source", "place", "stated"], sort=False):
        members = [candidates[k] for k in group.index if location[candidates[k]] not in list(related[candidates[k]])]
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                yield i, j


def _place_text(location: dict) -> str:
    """A location as one comparable text (the quote left out: one place, one figure)."""
    return json.dumps({k: v for k, v in location.items() if k != "quote"}, sort_keys=True, default=str)


def linked_pairs(checks: pd.DataFrame, rules) -> list[tuple[int, int]]:
    """Positions (i, j), i < j, of the linked findings (both ways of linking, each pair once),
    in the order of the checks."""
    return sorted({*_pairs(checks, rules), *_same_figure(checks)})


def see_also(checks: pd.DataFrame, rules, lang: str) -> pd.Series:
    """Per check (by index), the findings it is linked to, in ``lang``; "" for most."""
    from .model.location import place_of

    words = SEE_ALSO[lang if lang in SEE_ALSO else "en"]
    said: dict[int, list[str]] = {}
    rule = checks["rule"].to_numpy(object)
    location = checks["location"].to_numpy(object)
    related = checks["related"].to_numpy(object)
    for i, j in linked_pairs(checks, rules):
        for mine, other in ((i, j), (j, i)):
            said.setdefault(mine, []).append(
                words["one"].format(code=rule[other], place=place_of(location[other], related[other], lang))
            )
    out = np.full(len(checks), "", dtype=object)
    for i, texts in said.items():
        out[i] = words["lead"] + words["sep"].join(texts)
    return pd.Series(out, index=checks.index, dtype=object)
