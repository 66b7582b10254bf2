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

from . import phrasing
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
    topic = _topics(canon, sentence, f["line"].tolist(), block)
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
            own, via = (canon[j], "") if canon[j] else (carried[j], "subject-carried")
            if not own:
                own, via = topic[j], "subject-sentence-before"
            score = name_score(name, own)
            if score >= 3 or (score and qualified(name, own)):
                hits.append((j, score, via))
        if not hits:
            continue
        best = max(h[1] for h in hits)
        top = [h for h in hits if h[1] == best]
        j, _, via = top[0]
        c.den, c.status, c.note = [(j, 1.0)], "", ""
        level = "name-exact" if best >= 3 else "name-qualified"
        c.evidence = [("base", via or level), ("subject", "sentence")]
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
        name, base_name = canonical(r.name), canonical(r.base)
        if s and sentence[s - 1] == sentence[s] and doc.mentions[s - 1].kind == "money":
            # an amount before it in its sentence: the sentence readers' case, unless the share
            # names both its operands by short names of that amount's subject's kin (余额占限额)
            prev = canon[s - 1] or cols[1][s - 1]
            if not base_name or name_score(name, prev) or not _short(name) or not _short(base_name):
                continue
        sub = _named_amount(doc, cols, s, name, True)
        if sub is None:
            continue
        if base_name:
            kin = _short(name) and _short(base_name) and _stem(name, canon[sub[0]] or cols[1][sub[0]])
            base = _kin_amount(doc, cols, s, name, base_name, sub[0]) if kin else None
            if not kin:
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


def _short(name: str) -> bool:
    """A head noun named alone (余额, 限额; phrasing: ``head_noun``)."""
    return phrasing.read("head_noun", name) is not None


def _stem(short: str, full: str) -> str:
    """The qualifier before ``short`` that ``full`` ends with ("地方政府债务" of 余额 in
    地方政府债务余额); empty when ``full`` is ``short`` or does not end with it."""
    return full[: -len(short)] if len(full) > len(short) and full.endswith(short) else ""


def _kin_amount(doc: Document, cols: tuple, s: int, name: str, base_name: str, sub: int):
    """The base of a share naming subject and base by short names ("余额占限额的90.65%") once
    the subject is resolved to a longer name (地方政府债务余额): the amount named by the same
    qualifier and the base's short name (地方政府债务限额 — so 政府债务限额, never 专项债务限额),
    found as :func:`_named_amount` finds a name; two such amounts of different values are no
    reading (None)."""
    stem = _stem(name, cols[0][sub] or cols[1][sub])
    if not stem:
        return None
    full = stem + base_name
    hit = _named_amount(doc, cols, s, full, True, sub) or _named_amount(doc, cols, s, full, False, sub)
    if hit is None:
        return None
    canon, carried, kind, role, _, paren = cols
    value = doc.mentions[hit[0]].value
    for j in range(s - 1, max(-1, s - 1 - _REACH), -1):
        m = doc.mentions[j]
        if j in (sub, hit[0]) or role[j] != "amount" or paren[j] or m.kind != "money" or kind[j] in _NOT_BASE:
            continue
        own = canon[j] or carried[j]
        if name_score(full, own) >= 2 and qualified(full, own) and m.value != value:
            return None  # two amounts of that name disagree: ambiguous
    return (hit[0], "name-qualified")


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


def _topics(canon: list[str], sentence: list[int], line: list[int], block: list[int]) -> list[str]:
    """Each figure's subject when no clause of its sentence before it names one ("…支出调整预算
    为88.80亿元。全年完成87.96亿元，…"): the subject the sentence before in its paragraph and
    item block opens with (carried on the same way); empty where a name comes before it or none
    is found."""
    out, opened, at, prev = [], "", -1, ""
    named = False
    for j, (name, si) in enumerate(zip(canon, sentence, strict=True)):
        if si != at:
            same = j and line[j - 1] == line[j] and block[j - 1] == block[j]
            prev = opened if same else ""
            at, opened, named = si, "", False
        named = named or bool(name)
        out.append("" if named else prev)
        if not opened:
            opened = name or prev
    return out


def _other(c: Claim, base: int, doc: Document) -> Claim:
    o = Claim(c.rule, c.anchor, list(c.num), [(base, 1.0)], stated=c.stated, form=c.form, factor=c.factor)
    o.label, o.column, o.evidence = c.label, c.column, list(c.evidence)
    o.why = f"{doc.mentions[c.num[0][0]].text} / {doc.mentions[base].text}"
    return o
