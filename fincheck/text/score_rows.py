"""A total score against the rows of its indicator table, printed run together (TXT020).

A self-evaluation table (自评表) OCR'd or extracted one line a page runs each leaf row's cells
together: the indicator's name, its 分值, the target (指标值), the value achieved (实际值) and the
得分, with no separator ("公用经费完成时间52021年12月完成2021年12月完成4"). Which digits are the
weight and which the score is read only where the row leaves one split:

- the target printed twice (target = actual): W T T S, the repeated cell T between the weight W
  and the score S, and no other split of the digits gives a repetition;
- a dash in place of the target (一, —, -): W — V S, V a percentage or words without figures.

Each row read with S < W shows W − S points deducted. The full marks are the weights of the
first-level indicators of one framework (data: ``score_rows`` in ``rules/text/forms.yaml``),
each printed once in brackets after its name ("项目决策(10分)"); rows the reader cannot split, or
that the excerpt cuts off, count at their full weight. So the total score printed before the
table ("自评得分98") may not exceed the full marks less the deductions read: a bound, never a
guess at the scores not read (integer scores are exact). Not checked: a framework indicator
printed twice or missing, a row whose score exceeds its weight, and a group whose rows' weights
add up to more than its own (the cells were not split as printed). A group whose rows are all
read and add up to its weight is also a TXT019 pass (:func:`_all_read`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .claims import Claim
from .forms import score_row_words
from .mentions import Mention

_CJK = "\u4e00-\u9fff"
#: a figure followed by a unit is a value of the row ("2次"), never its score; 项 before 目
#: (or its OCR misreadings 日, "Fl") starts the next row's name
_UNITS = "(?:[次个台件份天月元万家户所名套册米吨辆批分]|项(?![目日A-Za-z])|人(?!员)|年(?!度)|日(?!常))"
#: a bracketed weight right after a name: "项目决策(10分)"
_BRACKET = re.compile(r"[（(]\s*(\d{1,3})\s*分\s*[)）]")


@dataclass(frozen=True)
class Row:
    weight: tuple[int, int]  # [start, end) of the weight's digits
    score: tuple[int, int]


def _words() -> dict:
    return score_row_words()


def _first_level(text: str, at: int, words: dict) -> int | None:
    """The framework category (its index) of the indicator whose bracketed weight starts at ``at``."""
    lo = max(0, at - 12)
    seg = text[lo:at]
    prefixes = "|".join(map(re.escape, words.get("prefixes") or ["项目"]))
    for f in words.get("frameworks") or ():
        for k, names in enumerate(f):
            for name in names:
                m = re.search(rf"({prefixes})?{re.escape(name)}(?:类)?(?:指标)?$", seg)
                if m is None:
                    continue
                before = text[lo + m.start() - 1 : lo + m.start()] if lo + m.start() > 0 else ""
                if m.group(1) or not re.match(f"[{_CJK}]", before):
                    return k
    return None


def _rows(text: str, lo: int, hi: int, dashes: str) -> list[Row]:
    """The leaf rows of [lo, hi) whose weight and score only one split reads."""
    out: list[Row] = []
    p = lo
    while p < hi:
        if not (text[p].isdigit() and p > 0 and re.match(f"[{_CJK}]", text[p - 1])):
            p += 1
            continue
        reads = _splits(text, p, hi, dashes)
        if len(reads) == 1:
            out.append(reads[0])
            p = reads[0].score[1]
        else:
            p += 1
    return out


def _splits(text: str, p: int, hi: int, dashes: str) -> list[Row]:
    reads = []
    for k in (1, 2):
        w = text[p : p + k]
        if not w.isdigit():
            continue
        t0 = p + k
        if text[t0 : t0 + 1] in dashes:  # W — V S
            v = re.match(
                rf"(?:\d{{1,3}}(?:\.\d+)?%|[^\d\s|{dashes}]{{2,40}}?)(\d{{1,2}})(?![\d.%]|{_UNITS})", text[t0 + 1 : hi]
            )
            if v:
                s0 = t0 + 1 + v.start(1)
                reads.append(Row((p, t0), (s0, s0 + len(v.group(1)))))
            continue
        for n in range(2, 41):  # W T T S
            t = text[t0 : t0 + n]
            if t0 + 2 * n >= hi or not re.search(r"[^\d.]", t):
                continue
            if text[t0 + n : t0 + 2 * n] != t:
                continue
            s = re.match(rf"(\d{{1,2}})(?![\d.%]|{_UNITS})", text[t0 + 2 * n : hi])
            if s:
                s0 = t0 + 2 * n
                reads.append(Row((p, t0), (s0, s0 + len(s.group(1)))))
    return reads


def score_row_claims(text: str) -> tuple[list[Mention], list[Claim]]:
    """The TXT020 bound of each total score over its run-together indicator table."""
    words = _words()
    mentions: list[Mention] = []
    claims: list[Claim] = []
    if not words or "得分" not in text:
        return mentions, claims
    dashes = "".join(words.get("dashes") or ())
    totals = "|".join(map(re.escape, words["totals"]))
    for m in re.finditer(rf"(?:{totals})\s*[:：为]?\s*(\d{{1,3}}(?:\.\d)?)(?![\d.%])\s*分?", text):
        header = _header(text, m.end(), words)
        if header is None:
            continue
        end = _next_total(text, header, totals)
        claims += _bound(text, m, header, end, words, dashes, mentions)
    return mentions, claims


def _header(text: str, at: int, words: dict) -> int | None:
    """The end of the table header after a total: a score column word after a values column word."""
    vals = "|".join(map(re.escape, words["header_values"]))
    score = "|".join(map(re.escape, words["header_score"]))
    h = re.compile(rf"(?:{vals})[^。；\n]{{0,20}}?(?:{score})").search(text, at, at + 600)
    return h.end() if h else None


def _next_total(text: str, at: int, totals: str) -> int:
    n = re.compile(rf"(?:{totals})\s*[:：为]?\s*\d").search(text, at)
    return n.start() if n else len(text)


def _mention(mentions: list[Mention], text: str, a: int, b: int) -> int:
    mentions.append(Mention(a, b, float(text[a:b]), -1 if "." not in text[a:b] else 1, "分", "score", text[a:b]))
    return len(mentions) - 1


def _bound(text, total, lo, hi, words, dashes, mentions) -> list[Claim]:
    firsts: dict[int, list[tuple[int, int, int]]] = {}  # category → (start, end, weight) of its bracket
    for b in _BRACKET.finditer(text, lo, hi):
        k = _first_level(text, b.start(), words)
        if k is not None:
            firsts.setdefault(k, []).append((b.start(1), b.end(1), int(b.group(1))))
    frameworks = words.get("frameworks") or ()
    if not any(len(firsts) == len(f) for f in frameworks):
        return []
    stated = _mention(mentions, text, total.start(1), total.end(1))
    c = Claim("TXT020", stated, [], stated=stated, op="le", label="自评得分（满分减已扣分）", column="得分")
    if any(len(v) != 1 for v in firsts.values()):
        c.status, c.note = "skip", "a first-level indicator is printed more than once"
        return [c]
    order = sorted((v[0] for v in firsts.values()), key=lambda x: x[0])
    if sum(w for *_, w in order) != words.get("full_marks", 100):
        # another first-level indicator outside the framework may hold the rest of the marks
        c.status, c.note = "skip", "the first-level weights do not make the full marks"
        return [c]
    for a, b, _w in order:
        c.num.append((_mention(mentions, text, a, b), 1.0))
    rows = _rows(text, order[0][1], hi, dashes)
    groups: list[Claim] = []
    for g, (a, b, weight) in enumerate(order):
        end = order[g + 1][0] if g + 1 < len(order) else hi
        mine = [r for r in rows if a < r.weight[0] < end]
        ws = [int(text[slice(*r.weight)]) for r in mine]
        ss = [int(text[slice(*r.score)]) for r in mine]
        if sum(ws) > weight or any(s > w for s, w in zip(ss, ws, strict=True)):
            c.num, c.status, c.note = (
                [],
                "skip",
                "the cells of a row cannot be told apart (its weights exceed its group's)",
            )
            return [c]
        for r, w, s in zip(mine, ws, ss, strict=True):
            if s < w:
                c.num.append((_mention(mentions, text, *r.weight), -1.0))
                c.num.append((_mention(mentions, text, *r.score), 1.0))
        if len(mine) >= 2 and sum(ws) == weight and _all_read(text, b, end, mine):
            w = _mention(mentions, text, a, b)
            groups.append(Claim("TXT019", w, [(_mention(mentions, text, *r.weight), 1.0) for r in mine], stated=w))
            groups[-1].label, groups[-1].column = _name(text, a), "分值"
    return [c, *groups]


#: a page's number a wenku extraction prints at the start of its text ("2、")
_PAGE = re.compile(r"(?:^|\n)\s*\d{1,3}、")


def _all_read(text: str, lo: int, hi: int, rows: list[Row]) -> bool:
    """Whether the rows read are all the rows of [lo, hi): no figure is left between them (a
    row the reader could not split prints its weight and score). A group of rows whose
    weights add up to its own is then checked (TXT019), a pass only: a row printing neither
    figure would not be seen, so a group short of its weight is not judged."""
    cuts = [lo + 2, *(x for r in rows for x in (r.weight[0], r.score[1])), hi]
    gaps = (_PAGE.sub("", text[cuts[k] : cuts[k + 1]]) for k in range(0, len(cuts) - 1, 2))
    return not any(re.search(r"\d", g) for g in gaps)


def _name(text: str, at: int) -> str:
    m = re.search(rf"([{_CJK}]{{2,8}})[（(]\s*$", text[max(0, at - 12) : at])
    return m.group(1) if m else ""


def score_row_frames(norm, name: str, locate):
    """Facts, instances and links of the total-score bounds of a normalised text (None without any)."""
    from .weights import claims_frames

    mentions, claims = score_row_claims(norm.text)
    return claims_frames(norm, name, locate, mentions, claims, "自评表得分")
