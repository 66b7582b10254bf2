"""The prose of a document as one searchable text, with each span's place in the source.

A PDF breaks its sentences at the end of every printed line ("增长（下降）" may be split as
"增长（下\n降）"), so its lines are joined without a separator; Word paragraphs and text lines
are joined with line breaks. :meth:`Flow.where` maps a span of the joined text back to the
source's location (page and line, or paragraph) through the source's own locator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model.location import Location, Locator

#: spaces and quotes that printed titles and names differ by without meaning anything
_NOISE = str.maketrans("", "", " \t\u3000\u00a0“”\"'‘’《》「」")
_WIDTH = str.maketrans("（）：，；", "():,;")


def plain(text: str) -> str:
    """A title or a name without spaces, quotes and full-width brackets, for comparing."""
    return text.translate(_NOISE).translate(_WIDTH)


@dataclass
class Flow:
    lines: list[str]
    locate: Locator
    wrapped: bool  # PDF: lines are printed lines of running text
    text: str = field(init=False)
    starts: np.ndarray = field(init=False)  # where each line starts in ``text``
    _std: list[int] = field(init=False)  # where each line starts in the lines joined by "\n"

    def __post_init__(self) -> None:
        # rows of tables left in the text (markdown pipe tables, a Word table's flattened rows)
        # are the tables' business, not the prose's: blanked, same length, so places hold
        self.lines = [" " * len(x) if x.count("|") >= 2 else x for x in self.lines]
        sep = "" if self.wrapped else "\n"
        self.text = sep.join(self.lines)
        lengths = np.array([len(x) + len(sep) for x in self.lines], dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(self.lines) else np.zeros(0, np.int64)
        std = [0]
        for line in self.lines:
            std.append(std[-1] + len(line) + 1)
        self._std = std

    def line_of(self, pos: int) -> int:
        """The index (from 0) of the line holding position ``pos`` of the text."""
        return max(0, int(np.searchsorted(self.starts, pos, side="right")) - 1)

    def where(self, start: int, end: int) -> dict:
        """The location of a span of the text (on the line it starts on)."""
        i = self.line_of(start)
        base = int(self.starts[i])
        stop = min(end, base + len(self.lines[i]))
        quote = self.text[start:end].replace("\n", "")
        return self.locate(i + 1, self._std[i] + start - base, self._std[i] + stop - base, quote).to_dict()

    def line_where(self, i: int) -> dict:
        """The location of the whole line ``i`` (from 0)."""
        return self.locate(i + 1, self._std[i], self._std[i] + len(self.lines[i]), self.lines[i].strip()).to_dict()


def short(location: dict) -> dict[str, str]:
    """A location as a finding's value in both languages, each in its short form
    ({"en": "p16 t1 r5c4", "zh": "第16页第1张表第5行第4列"}): said in the report's language."""
    place = Location.from_dict(location)
    return {lang: place.short(lang) for lang in ("en", "zh")}


def places(locations: Sequence[dict], most: int = 5) -> dict[str, str]:
    """The first few of several locations, each once, as short texts in both languages
    ({"en": "p15 line 3, p15 line 7, …", "zh": "第15页第3行, …"}): a finding's value that
    :func:`fincheck.disclosure.finding_checks` says in the report's language."""
    seen = list(dict.fromkeys(Location.from_dict(d).short() for d in locations))
    out = {}
    for lang in ("en", "zh"):
        texts = list(dict.fromkeys(Location.from_dict(d).short(lang) for d in locations))
        joined = ("、" if lang == "zh" else ", ").join(texts[:most])
        out[lang] = f"{joined}{'、…' if lang == 'zh' else ', …'}" if len(seen) > most else joined
    return out
