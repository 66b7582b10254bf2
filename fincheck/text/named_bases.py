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
#: figures back a named subject or base is looked for (keeps a long text linear)
_REACH = 400
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


def named_share_readings(doc: Document, stated: set[int]) -> list[Claim]:
    """Shares naming their subject before 占 with no amount in their clause ("人员经费占基本支出
    的86.21%，公用经费占13.79%" after the sentences stating 人员经费 and 公用经费): the subject is
    the amount of that name stated before in the section, the base the amount the share names
    (before it in the section, else earlier in the document), or, when it names none, the base
    of the share before it in its sentence. Each operand is named exactly or qualified; figures
    already stated by a claim are left alone."""
    f = doc.facts
    if not len(f):
        return []
    canon, sentence = f["canon"].astype(str).tolist(), f["sentence"].tolist()
    cols = (canon, _carried(canon, sentence), f["kind"].astype(str).tolist(), f["role"].tolist())
    cols += (f["section"].tolist(), f["in_paren"].tolist())
    out: list[Claim] = []
    last: tuple[int, int, str] = (-1, -1, "")  # (sentence, base mention, base evidence)
    for s, r in enumerate(doc.structure.roles):
        if r.role != "share" or s in stated or doc.mentions[s].kind != "percent" or len(canonical(r.name)) < 2:
            continue
        if s and sentence[s - 1] == sentence[s] and doc.mentions[s - 1].kind == "money":
            continue  # an amount before it in its sentence: the sentence readers' case
        sub = _named_amount(doc, cols, s, canonical(r.name), True)
        if sub is None:
            continue
        base_name = canonical(r.base)
        if base_name:
            base = _named_amount(doc, cols, s, base_name, True, sub[0]) or _named_amount(
                doc, cols, s, base_name, False, sub[0]
            )
        elif last[0] == sentence[s] and last[1] >= 0:
            base = (last[1], "sentence")  # "…，公用经费占13.79%": the base of the share before
        else:
            base = None
        if base is None or doc.mentions[base[0]].unit != doc.mentions[sub[0]].unit:
            continue
        last = (sentence[s], base[0], base[1])
        c = Claim("TXT003", s, [(sub[0], 1.0)], [(base[0], 1.0)], stated=s, form="ratio", factor=100.0)
        c.label, c.column = canonical(r.name), "占比"
        c.evidence = [("subject", sub[1]), ("base", base[1])]
        c.why = f"{doc.mentions[sub[0]].text} / {doc.mentions[base[0]].text}"
        out.append(c)
    return out


def _named_amount(doc: Document, cols: tuple, s: int, name: str, same_section: bool, avoid: int = -1):
    """(mention, evidence) of the amount named ``name`` (exactly, else qualified) nearest before
    the figure ``s``, in its section or anywhere before it; None when there is none."""
    canon, carried, kind, role, section, paren = cols
    best, hit = 0, None
    for j in range(s - 1, max(-1, s - 1 - _REACH), -1):
        if same_section and section[j] != section[s]:
            break
        m = doc.mentions[j]
        if j == avoid or role[j] != "amount" or paren[j] or m.kind != "money" or kind[j] in _NOT_BASE:
            continue
        own = canon[j] or carried[j]
        score = name_score(name, own)
        if not (score >= 3 or (score and qualified(name, own))) or score <= best:
            continue
        best, hit = score, (j, "name-exact" if score >= 3 else "name-qualified")
    return hit


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
