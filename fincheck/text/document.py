"""The document model of a narrative, built once per text.

Layers, each an array over the mentions (so that a reader asks "same clause?", "same item
block?" by comparing integers):

* ``sentence`` and ``clause`` (global clause number) from :mod:`fincheck.text.segment`;
* ``line`` (paragraph: a hard line of the normalised text);
* ``block``: the numbered item the figure is in — the last heading or item marker before it
  ((一), 1., （1）, ①, 一是/二是…, 第X章), and ``section``: the last top-level heading (一、, 第X章);
* ``record``: a run of label–figure groups repeated per owner ("行政单位资产总额A，负债总额B，
  净资产C；事业单位…"): a new record starts where a label names an owner before its term.

From it, :attr:`Document.facts`, the fact table of the document: one row per figure with the
subject as printed, its canonical form (scope prefix, kind words, years and brackets removed),
the period (year), the kind (决算, 预算, 年初预算, 调整预算, 上年, 同口径), the scope prefix,
value, unit, decimals and the layers above. Every step is one pass over the text or the
mentions (linear time); the words come from rules/text/phrasing.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import phrasing
from .claims import Structure
from .labels import clean_name, report_year
from .mentions import Mention
from .names import _TAIL, _YEAR, canonical
from .segment import Sentence

_HEADING = re.compile(
    r"(?m)^[ \t]*(?P<top>[一二三四五六七八九十]+\s*、|第[一二三四五六七八九十\d]+[章节部分])"
    r"|^[ \t]*(?P<sub>[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d+\s*[、.．](?!\d)|[（(]\s*\d+\s*[)）]|[①-⑳])"
    r"|(?P<inline>[一二三四五六七八九十]是)"
)


@dataclass
class Document:
    text: str
    mentions: list[Mention]
    sentences: list[Sentence]
    structure: Structure
    year: int | None
    facts: pd.DataFrame

    def arrays(self) -> dict[str, np.ndarray]:
        """The fact table's columns as arrays (built once), for vectorised candidate searches."""
        if not hasattr(self, "_arrays"):
            f = self.facts
            cols = ("mention", "start", "sentence", "clause", "block", "section", "year")
            a = {c: f[c].to_numpy("int64") if len(f) else np.zeros(0, "int64") for c in cols}
            for c in ("mkind", "kind", "canon"):
                a[c] = f[c].to_numpy(object) if len(f) else np.zeros(0, object)
            a["amount"] = (f["role"] == "amount").to_numpy(bool) if len(f) else np.zeros(0, bool)
            a["in_paren"] = f["in_paren"].to_numpy(bool) if len(f) else np.zeros(0, bool)
            uniq, codes = np.unique(a["canon"].astype(str), return_inverse=True) if len(f) else ([], [])
            self._arrays, self._uniq, self._codes, self._scores = a, list(uniq), np.asarray(codes), {}
            order = np.argsort(self._codes, kind="stable")
            bounds = np.searchsorted(self._codes[order], np.arange(len(self._uniq) + 1))
            self._rows_of = [order[bounds[j] : bounds[j + 1]] for j in range(len(self._uniq))]
        return self._arrays

    def named_rows(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the figures whose subject matches ``name`` (score > 0), in text
        order: the cost follows the matches, not the document's length."""
        self.arrays()
        if name not in self._scores:
            self._scores[name] = self._name_scores(name)
        u = self._scores[name]
        hit = np.flatnonzero(u > 0)
        if not len(hit):
            return np.zeros(0, "int64"), np.zeros(0, "int64")
        rows = np.sort(np.concatenate([self._rows_of[h] for h in hit]))
        return rows, u[self._codes[rows]]

    def name_scores(self, name: str) -> np.ndarray:
        """:func:`name_score` of ``name`` against every figure's subject (one per distinct subject).

        Not one comparison per subject (quadratic over a long document): the subjects that
        contain the name are found by one search in their joined text, and those the name
        contains by looking its substrings up, so a name costs the same in a long text."""
        self.arrays()
        if name not in self._scores:
            self._scores[name] = self._name_scores(name)
        return self._scores[name][self._codes] if len(self._codes) else np.zeros(0, "int64")

    def _name_scores(self, name: str) -> np.ndarray:
        if not hasattr(self, "_tails"):
            tails = [_TAIL.sub("", c) or c for c in self._uniq]
            self._tails = {}
            for j, t in enumerate(tails):
                self._tails.setdefault(t, []).append(j)
            self._joined = "\x00".join(tails)
            self._offsets = np.cumsum([0, *(len(t) + 1 for t in tails[:-1])]) if tails else np.zeros(0, "int64")
            self._exact = {c: j for j, c in enumerate(self._uniq)}
        out = np.zeros(len(self._uniq), dtype="int64")
        if not name:
            return out
        t = _TAIL.sub("", name) or name
        if len(t) >= 2:  # subjects containing the name
            pos = [m.start() for m in re.finditer(re.escape(t), self._joined)]
            if pos:
                out[np.searchsorted(self._offsets, pos, side="right") - 1] = 2
            for a in range(len(t)):  # subjects the name contains
                for b in range(a + 2, len(t) + (a > 0)):
                    for j in self._tails.get(t[a:b], ()):
                        out[j] = 2
        for j in self._tails.get(t, ()):
            out[j] = 3
        if name in self._exact:
            out[self._exact[name]] = 3
        out[[j for j in self._tails.get("", ())]] = 0
        if "" in self._exact:
            out[self._exact[""]] = 0
        return out

    def sentence_text(self, si: int) -> str:
        s = self.sentences[si]
        return self.text[s.start : s.end]


def build(text: str, mentions: list[Mention], sentences: list[Sentence], st: Structure, labels: list[str]) -> Document:
    n = len(mentions)
    starts = np.fromiter((m.start for m in mentions), dtype=np.int64, count=n)
    # clauses and sentences
    c_starts = np.fromiter((c.start for s in sentences for c in s.clauses), dtype=np.int64)
    clause = np.searchsorted(c_starts, starts, side="right") - 1
    sent = np.asarray(st.sent_of, dtype=np.int64)
    # lines (paragraphs)
    line_starts = np.array([0, *(m.end() for m in re.finditer("\n", text))], dtype=np.int64)
    line = np.searchsorted(line_starts, starts, side="right") - 1
    # numbered items and sections
    heads = [(m.start(), m.lastgroup) for m in _HEADING.finditer(text)]
    h_starts = np.array([h[0] for h in heads], dtype=np.int64)
    top_starts = np.array([h[0] for h in heads if h[1] == "top"], dtype=np.int64)
    block = np.searchsorted(h_starts, starts, side="right") - 1 if len(h_starts) else np.full(n, -1)
    section = np.searchsorted(top_starts, starts, side="right") - 1 if len(top_starts) else np.full(n, -1)
    heading_text = _heading_texts(text, heads)
    year = report_year(text)
    named = _NamedYears(text)
    rows = []
    for i, m in enumerate(mentions):
        si = int(sent[i])
        s = sentences[si] if si >= 0 else None
        c = s.clause_at(m.start) if s else None
        c0 = c.start if c else max(0, m.start - 40)
        lead = text[c0 : m.start]
        before = named.first(s.start, m.start) if s else lead  # _period reads its first year
        subject = labels[i]
        b = int(block[i])
        head = heading_text[b] if b >= 0 else ""
        rows.append(
            {
                "mention": i,
                "subject": subject,
                "canon": canonical(subject),
                "year": _period(lead, before, head, named.last(int(line_starts[line[i]]), s.start if s else c0, year)),
                "kind": _kind(lead, head),
                "scope": (phrasing.read("scope", clean_name(subject)) or {}).get("scope", ""),
                "role": st.roles[i].role,
                "value": m.value,
                "unit": m.unit,
                "scale": m.scale,
                "decimals": m.decimals,
                "mkind": m.kind,
                "start": m.start,
                "end": m.end,
                "sentence": si,
                "clause": int(clause[i]),
                "line": int(line[i]),
                "block": b,
                "section": int(section[i]),
                "in_paren": False,
            }
        )
    facts = pd.DataFrame(rows)
    if len(facts):
        for it in st.items:
            if it.in_paren:
                facts.at[it.mention, "in_paren"] = True
    return Document(text, mentions, sentences, st, year, facts)


def _heading_texts(text: str, heads: list[tuple[int, str]]) -> list[str]:
    out = []
    for start, _ in heads:
        end = text.find("\n", start)
        stop = min(end if end >= 0 else len(text), start + 60)
        seg = text[start:stop]
        cut = re.search(r"[。；;]", seg)
        out.append(seg[: cut.start()] if cut else seg)
    return out


def _period(lead: str, before: str, heading: str, year: int | None) -> int:
    """The year a figure is for: named in its clause, else first in its sentence, else in its
    item's heading, else the report's year (0 when the text names none)."""
    for seg, last in ((lead, True), (before, False), (heading, False)):
        ys = _YEAR.findall(seg)
        if ys:
            return int(ys[-1] if last else ys[0])
    return int(year or 0)


def _paragraph_year(text: str, line_start: int, sentence_start: int, year: int | None) -> int | None:
    """The last year named in the paragraph before the sentence (its lead states the period)."""
    ys = _YEAR.findall(text, line_start, sentence_start) if sentence_start > line_start else []
    return int(ys[-1]) if ys else year


class _NamedYears:
    """The years named in a text, found in one pass: the first in a span and the last in a span
    in logarithmic time, so a sentence or paragraph with thousands of figures is not rescanned
    for each (the same answers as :func:`_YEAR` run over the span, and as :func:`_paragraph_year`)."""

    def __init__(self, text: str) -> None:
        found = list(_YEAR.finditer(text))
        self.starts = np.array([m.start() for m in found], dtype=np.int64)
        self.ends = np.array([m.end() for m in found], dtype=np.int64)
        self.texts = [m.group(0) for m in found]
        self.years = [int(m.group(1)) for m in found]

    def first(self, lo: int, hi: int) -> str:
        """The first year named in text[lo:hi] as written ("" when none)."""
        k = int(np.searchsorted(self.starts, lo, side="left"))
        return self.texts[k] if k < len(self.texts) and self.ends[k] <= hi else ""

    def last(self, lo: int, hi: int, default: int | None) -> int | None:
        """The last year named in text[lo:hi], else ``default``."""
        k = int(np.searchsorted(self.ends, hi, side="right")) - 1
        return self.years[k] if hi > lo and k >= 0 and self.starts[k] >= lo else default


_COMPARING = re.compile(r"对比|比较|相比|与|和|及")


def _kind(lead: str, heading: str) -> str:
    """The kind named before the figure in its clause, else its heading's — unless the heading
    compares kinds ("支出与年初预算对比情况" is the kind of none of its figures)."""
    r = phrasing.read("kind", lead)
    if r is None and not _COMPARING.search(heading):
        r = phrasing.read("kind", heading)
    return str(r["kind"]) if r else ""
