"""A share whose base figure is printed inside its own phrase: "实有人数136人，占编制数143人的
比率为95.10%", "基本支出800万元，占本年支出合计2000万元的40%".

The three figures stand in one sentence, in this order and nothing between them but the
phrasing group ``inline_base`` allows: the subject's figure, then 占 and the base's name and
figure (``joins``), then the percentage (``tail``). The share is subject ÷ base × 100 (TXT003;
TXT007, an execution rate, when the base's name is a budget's, phrasing group
``execution``). Both figures have one unit (money in any money unit, or the same count
unit); otherwise nothing is read. Every operand is tied by the relation word in the phrase.
"""

from __future__ import annotations

from . import phrasing
from .claims import Claim
from .mentions import Mention

_MONEY = ("money",)


def inline_base_claims(text: str, mentions: list[Mention]) -> list[Claim]:
    out: list[Claim] = []
    for k in range(2, len(mentions)):
        p, b, a = mentions[k], mentions[k - 1], mentions[k - 2]
        if p.kind != "percent" or b.kind not in ("money", "count") or a.kind != b.kind:
            continue
        if b.kind == "count" and a.unit != b.unit:
            continue
        joins, tail = text[a.end : b.start], text[b.end : p.start]
        if any(ch in joins + tail for ch in "。！？\n"):
            continue
        if phrasing.read("inline_base", tail) != {"part": "tail"}:
            continue
        if phrasing.read("inline_base", joins) != {"part": "joins"}:
            continue
        base_name = joins[joins.index("占") + 1 :]
        budget = phrasing.read("execution", "占" + base_name) is not None
        rule, column = ("TXT007", "执行率") if budget else ("TXT003", "占比")
        c = Claim(rule, k, [(k - 2, 1.0)], [(k - 1, 1.0)], stated=k, form="ratio", factor=100.0, column=column)
        c.label = _subject(text, a)
        c.evidence = [("base", "relation"), ("subject", "relation")]
        out.append(c)
    return out


def _subject(text: str, m: Mention) -> str:
    seg = text[max(0, m.start - 30) : m.start]
    for sep in "，,；;。：:\n":
        seg = seg[seg.rfind(sep) + 1 :]
    return seg.strip()
