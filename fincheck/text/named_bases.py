"""A share's base named as the subject of an earlier sentence of its paragraph.

::

    全市一般公共预算支出调整预算为394.94亿元，全年完成386.45亿元，完成调整预算的97.85%。
    民生保障持续加强，全市民生支出297.18亿元，占一般公共预算支出的76.90%。

The share names its base (一般公共预算支出) but no amount of its sentence or list is so named:
the base is the amount of that subject stated before it in the same item block and section,
within a few sentences — named exactly or qualified (a scope prefix, 累计/完成 and a trailing
支出/收入 do not block, :func:`fincheck.text.names.name_score`), of the share's period (not
marked 上年), and not a budget (a share is of the actual: a budget is the base of an execution
rate). A clause that names no subject ("全年完成386.45亿元") is of the subject before it in its
sentence. The nearest such amount is the reading; others of that name and another value are
its alternatives (arbitration, :func:`fincheck.text.readings.gate`). Nothing is chosen because
its figure fits.
"""

from __future__ import annotations

from .claims import Claim
from .document import Document
from .names import canonical, name_score, qualified

#: kinds that are no share's base (the budget of a figure, last year's figure)
_NOT_BASE = ("预算", "年初预算", "调整预算", "上年")
#: sentences back a paragraph's subject is looked for
_SENTENCES = 4


def named_base_readings(doc: Document, claims: list[Claim]) -> None:
    """Give the shares skipped with "base not stated" the base their name points to (see the
    module), in place; a share whose base is not found so stays a skip."""
    f = doc.facts
    if not len(f):
        return
    canon = f["canon"].astype(str).tolist()
    sentence = f["sentence"].tolist()
    kind = f["kind"].astype(str).tolist()
    year = f["year"].tolist()
    role = f["role"].tolist()
    block, section, paren = f["block"].tolist(), f["section"].tolist(), f["in_paren"].tolist()
    carried = _carried(canon, sentence)
    for c in claims:
        if c.rule != "TXT003" or c.status != "skip" or c.note != "base not stated" or len(c.num) != 1:
            continue
        s, sub = c.stated, c.num[0][0]
        name = canonical(doc.structure.roles[s].base)
        if len(name) < 2:
            continue
        hits: list[tuple[int, int, bool]] = []
        for j in range(s - 1, -1, -1):
            if sentence[s] - sentence[j] > _SENTENCES or block[j] != block[s] or section[j] != section[s]:
                break
            m = doc.mentions[j]
            if j == sub or role[j] != "amount" or paren[j] or m.kind != "money" or m.unit != doc.mentions[sub].unit:
                continue
            if kind[j] in _NOT_BASE or (year[j] and year[sub] and year[j] != year[sub]):
                continue
            own = canon[j] or carried[j]
            score = name_score(name, own)
            if score >= 3 or (score and qualified(name, own)):
                hits.append((j, score, not canon[j]))
        if not hits:
            continue
        best = max(h[1] for h in hits)
        top = [h for h in hits if h[1] == best]
        j, _, via = top[0]
        c.den, c.status, c.note = [(j, 1.0)], "", ""
        level = "name-exact" if best >= 3 else "name-qualified"
        c.evidence = [("base", "subject-carried" if via else level), ("subject", "sentence")]
        c.why = f"{doc.mentions[sub].text} / {doc.mentions[j].text}"
        value = doc.mentions[j].value
        c.others = [_other(c, o, doc) for o, _, _ in top[1:] if doc.mentions[o].value != value]


def _carried(canon: list[str], sentence: list[int]) -> list[str]:
    """Each figure's subject carried from the figure before it in its sentence, where its
    own clause names none."""
    out, last, at = [], "", -1
    for name, si in zip(canon, sentence, strict=True):
        if si != at:
            last, at = "", si
        out.append(last)
        if name:
            last = name
    return out


def _other(c: Claim, base: int, doc: Document) -> Claim:
    o = Claim(c.rule, c.anchor, list(c.num), [(base, 1.0)], stated=c.stated, form=c.form, factor=c.factor)
    o.label, o.column, o.evidence = c.label, c.column, list(c.evidence)
    o.why = f"{doc.mentions[c.num[0][0]].text} / {doc.mentions[base].text}"
    return o
