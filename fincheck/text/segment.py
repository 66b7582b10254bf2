"""Sentences and clauses of normalised text.

A sentence ends at 。！？, an ASCII "." used as a full stop, or a hard line break; inside it,
clauses end at ，,；;：: (not at a "," or ":" inside a figure; the separator that ends each
clause is kept, because "；" closes an inner 其中 list and "，" does not). Clauses longer than ``MAX_CLAUSE`` characters are cut, which bounds the work done
on pathological input (a 50 MB file without punctuation).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

MAX_CLAUSE = 400
#: an ASCII "." ends a sentence after a Chinese character, a unit or a closing bracket and
#: before a Chinese character or the line's end ("…19.8万元.计算…"); "1.上级补助收入" (a
#: numbered heading) and "19.8" (a decimal point) follow a digit and do not
_SENTENCE_END = re.compile(r"[。！？!?\n]|(?<=[\u4e00-\u9fff%）)])\.(?=[\u4e00-\u9fff]|[ \t]*(?:\n|$))")
#: an ASCII "," between a digit and three digits is a thousands separator ("427,000万元"), and
#: an ASCII ":" between digits is a time or a ratio ("10:30"): neither ends a clause
_CLAUSE_END = re.compile(r"[，；;：]|,(?!(?<=\d,)\d{3}(?!\d))|:(?!(?<=\d:)\d)")


@dataclass
class Clause:
    start: int
    end: int
    sep: str  # the character that ends it ("" at a sentence end)


def _clause_start(c: Clause) -> int:
    return c.start


@dataclass
class Sentence:
    start: int
    end: int
    index: int
    clauses: list[Clause] = field(default_factory=list)

    def clause_at(self, pos: int) -> Clause:
        # clauses are in order and do not overlap: a binary search keeps long sentences linear
        i = bisect.bisect_right(self.clauses, pos, key=_clause_start) - 1
        if i >= 0 and pos < self.clauses[i].end:
            return self.clauses[i]
        return self.clauses[-1]


def _cut(start: int, end: int) -> list[tuple[int, int]]:
    return [(s, min(s + MAX_CLAUSE, end)) for s in range(start, end, MAX_CLAUSE)] or [(start, end)]


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text + "\n"):
        end = m.start()
        if end > start and text[start:end].strip():
            out.append(_sentence(text, start, end, len(out)))
        start = m.end()
    return out


def _sentence(text: str, start: int, end: int, index: int) -> Sentence:
    s = Sentence(start, end, index)
    pos = start
    for m in _CLAUSE_END.finditer(text, start, end):
        for a, b in _cut(pos, m.start()):
            s.clauses.append(Clause(a, b, m.group(0) if b == m.start() else ""))
        pos = m.end()
    for a, b in _cut(pos, end):
        s.clauses.append(Clause(a, b, ""))
    return s
