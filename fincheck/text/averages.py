"""An average stated as an amount per head, per vehicle, per household (TXT024).

"人均接待费173.79元", "车均运行维护费3.55万元", "在职人员人均19.40万元", "平均每辆2.40万元":
an amount A over a count N, stated = A ÷ N in the stated figure's unit. The words of an
average and the count units it divides by are data (phrasing group ``average``: 人均 over
人 / 人次 / 名, 车均 over 辆 …); a count of another unit ("38批次" for 人均) is never taken.

The operands are established by name or by the sentence, never by their fit:

* the count: with a group named before the average word ("在职人员人均"), the count of that
  same name in the paragraph ("在职人员96人"); otherwise a count of the average's unit in the
  same sentence before it;
* the amount: with a subject named after the average word ("人均接待费"), the nearest amount
  of the paragraph before it whose subject is that name or ends with it ("公务接待费支出");
  otherwise the nearest amount of the same sentence before it. Budgets (预算 kinds), changes
  and figures in brackets are no such amount.

Two counts of the average's units in the sentence ("412人次" and "96人") are two readings:
the nearest one is checked, and when it fails while the other passes the claim is a skip
("ambiguous"). Without both operands the average is a visible skip ("operands not found").
"""

from __future__ import annotations

import re

from . import phrasing
from .claims import Claim
from .document import Document
from .names import canonical, name_score, qualified

_CLAUSE = re.compile(r"[，,；;：:。、]")
_BUDGET_KINDS = ("预算", "年初预算", "调整预算")
_TRAIL = re.compile(r"(?:为|是|达到?|约|仅|只有|共)\s*$")


def average_claims(doc: Document) -> list[Claim]:
    """TXT024 for every stated average of the document (see the module)."""
    if not phrasing.groups().get("average"):
        return []
    text, mentions, f = doc.text, doc.mentions, doc.facts
    if not len(f):
        return []
    out: list[Claim] = []
    line = f["line"].to_numpy()
    sentence = f["sentence"].to_numpy()
    role = f["role"].to_numpy(object)
    kind = f["kind"].to_numpy(object)
    canon = f["canon"].to_numpy(object)
    in_paren = f["in_paren"].to_numpy(bool)
    averages: dict[int, tuple[dict, str, str]] = {}
    for k, m in enumerate(mentions):
        if m.kind != "money":
            continue
        lead = _lead(text, m.start)
        found = phrasing.matches("average", lead)
        if not found:
            continue
        a0, a1, entry = found[-1]
        what = _TRAIL.sub("", lead[a1:]).strip()
        if re.search(r"\d", what):
            continue
        averages[k] = (dict(entry.reading), canonical(lead[:a0]), canonical(what) if what else "")
    for k, (reading, who, what) in averages.items():
        per = tuple(reading["per"].split(","))
        counts = _counts(mentions, canon, line, sentence, k, per, who)
        amount = _amount(mentions, canon, line, sentence, role, kind, in_paren, averages, k, what)
        claim = Claim("TXT024", k, [], stated=k, form="ratio", factor=1.0 / mentions[k].scale, column="平均数")
        claim.label = _label(text, mentions[k].start)
        if not counts or amount is None:
            claim.status, claim.note = "skip", "operands not found"
            out.append(claim)
            continue
        (n, n_level), *rest = counts
        a, a_level = amount
        if not what:  # "会议费支出8.75万元 … 人均250元": the average of that amount
            claim.label = f"{f['subject'].iat[a]} {claim.label}".strip()
        claim.num, claim.den = [(a, 1.0)], [(n, 1.0)]
        claim.evidence = [("subject", a_level), ("base", n_level)]
        claim.why = f"{mentions[a].text} / {mentions[n].text}"
        for o, o_level in rest:
            if mentions[o].value == mentions[n].value:
                continue
            other = Claim(
                "TXT024", k, [(a, 1.0)], [(o, 1.0)], stated=k, form="ratio", factor=claim.factor, column="平均数"
            )
            other.evidence = [("subject", a_level), ("base", o_level)]
            other.why = f"{mentions[a].text} / {mentions[o].text}"
            claim.others.append(other)
        out.append(claim)
    return out


def listed_mean_claims(text: str, mentions: list) -> list[Claim]:
    """TXT024 for "分别为92.5分、88.0分和85.5分，平均得分88.67分": the mean of the figures the
    same sentence lists by 分别为 right before it (phrasing group ``mean_of_list``), of the
    same unit, over the count the sentence states before the list ("3个项目"), which must be
    the number of figures listed. A list of fewer than two figures, any other figure between
    the list and the mean, or no such count, and there is no such claim."""
    out: list[Claim] = []
    for k, m in enumerate(mentions):
        if m.kind not in ("score", "money") or k < 2:
            continue
        lead = _lead(text, m.start)
        if not phrasing.matches("mean_of_list", lead):
            continue
        listed: list[int] = []
        j = k - 1
        while (
            j >= 0
            and mentions[j].unit == m.unit
            and not re.search(r"[。；;]", text[mentions[j].end : mentions[j + 1].start])
        ):
            gap = text[mentions[j].end : mentions[j + 1].start]
            if listed and not re.fullmatch(r"\s*(?:、|，|,|和|及|与)\s*", gap):
                break
            listed.append(j)
            j -= 1
        if len(listed) < 2 or not re.search(
            r"分别(?:为|是|得)?\s*$", text[max(0, mentions[listed[-1]].start - 8) : mentions[listed[-1]].start]
        ):
            continue
        n = len(listed)
        # "3个项目的评价得分分别为…": the count of the sentence before the list is the divisor
        s0 = max(text.rfind(x, 0, mentions[listed[-1]].start) for x in "。；;\n") + 1
        count = next(
            (c for c in range(listed[-1] - 1, -1, -1) if mentions[c].start >= s0 and mentions[c].kind == "count"), None
        )
        if count is None or mentions[count].value != n:
            continue
        claim = Claim(
            "TXT024", k, [(f, 1.0) for f in reversed(listed)], [(count, 1.0)], stated=k, form="ratio", column="平均数"
        )
        claim.label = _label(text, m.start)
        claim.evidence = [("parts", "list-marked"), ("base", "sentence")]
        out.append(claim)
    return out


def _counts(mentions, canon, line, sentence, k, per, who) -> list[tuple[int, str]]:
    """The counts an average may divide by, the chosen one first (see the module)."""
    out: list[tuple[int, str]] = []
    for j in range(k - 1, -1, -1):
        if line[j] != line[k]:
            break
        mj = mentions[j]
        if mj.kind != "count" or mj.unit not in per:
            continue
        if who:
            if name_score(who, canon[j]) == 3:
                return [(j, "name-exact")]
        elif sentence[j] == sentence[k]:
            out.append((j, "sentence"))
    return out


def _amount(mentions, canon, line, sentence, role, kind, in_paren, averages, k, what) -> tuple[int, str] | None:
    """The amount an average divides (see the module)."""
    for j in range(k - 1, -1, -1):
        if line[j] != line[k] or (not what and sentence[j] != sentence[k]):
            return None
        mj = mentions[j]
        if mj.kind != "money" or j in averages or in_paren[j] or role[j] != "amount" or kind[j] in _BUDGET_KINDS:
            continue
        if not what:
            return j, "sentence"
        if name_score(what, canon[j]) == 3:
            return j, "name-exact"
        if qualified(what, canon[j]):
            return j, "name-qualified"
    return None


def _lead(text: str, pos: int) -> str:
    seg = text[max(0, pos - 40) : pos]
    return seg[max((c.end() for c in _CLAUSE.finditer(seg)), default=0) :]


def _label(text: str, pos: int) -> str:
    return _TRAIL.sub("", _lead(text, pos)).strip()[-20:]
