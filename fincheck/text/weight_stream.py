"""Weight hierarchies of an indicator table flattened into one stream of cells.

A PDF's text layer often gives a 绩效评价得分表 as a stream: the cells of a row run together
across line breaks, a bracket opens on one line and closes on the next, and a parent's
bracketed weight may print before its name rather than after it::

    20 分)项目决策(10 分)科学决策必要性 (政策依据)
    5 5 可行性 (政策完善)
    5 5 (
    10 ) 绩效目标明确性
    5 5 合理性 …

The lines carry no rows, but the leaves do: a leaf indicator is its name followed by its
分值 and 得分, two bare figures (score ≤ weight). A row of the table is then the bracketed
weights since the last leaf, then the leaf: a row printed with k cells fills the last k
levels of the table, as in :mod:`fincheck.text.weights` (whose tree it shares). Which side of
its bracket a name sits does not matter: only the order of the weights does.

Bare figures are weights only under a header naming the 分值 and 得分 columns (rules/text/
forms.yaml ``indicator_columns``). Without one, the figures are read as weights only when the
bracketed weights agree with them: a parent that does not is a visible skip ("bare figures
read as weights without a 分值 header"), never a failure. Under a header, a parent that
does not add up is a skip too when one of its parts is a weight opening a short row: that
row's middle cell may be merged, its weight a level higher ("a part may belong a level
higher"). Not read at all: a stream with a
run of three or more figures after a name, a pair whose second figure exceeds its first (the
columns cannot be told apart), or fewer than two bracketed weights and three leaves. A
figure alone on its line (a page number) is furniture. The stream ends at sentence
punctuation, at a long run of words and at an ``ends`` word (the total score's row: the last
group is closed); without one the last open groups are skips.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from .claims import Claim
from .forms import indicator_columns
from .mentions import Mention
from .weight_tree import weight_tree

#: a bracketed weight, its brackets possibly on two lines: "(10 分)", "(\n10 )",
#: "( 特性指标70 分)"; or one whose opening bracket the excerpt lost: "20 分)"
_TOKEN = re.compile(
    r"(?P<w>[（(]\s*(?:[\u4e00-\u9fff]{1,8}\s*(?P<wn>\d{1,3})\s*分|(?P<wa>\d{1,3})\s*分?)\s*[)）])"
    r"|(?P<cut>(?<![\d.（(])(?P<wc>\d{1,3})\s*分\s*[)）])"
    r"|(?P<f>(?<![\d.])\d{1,3}(?:\.\d{1,2})?(?![\d.%])(?!\s*(?:分|%|元|万|亿|人|个|年|月|日|项|家|户)))"
    r"|(?P<words>[\u4e00-\u9fff](?:[\u4e00-\u9fff、/\s）)]|[（(](?![\u4e00-\u9fff]{0,8}\s*\d))*)"
    r"|(?P<stop>[。，,；;：:！？])"
)
_LONG_WORDS = 60
_FURNITURE = re.compile(r"^\s*\d{1,3}\s*[（(]?\s*$")
_BLANK_BRACKET = re.compile(r"[（(]\s*[)）]|[（(]\s*$")

#: the note of a parent whose figures disagree when no header says they are weights
UNCONFIRMED = "bare figures read as weights without a 分值 header"
#: … and of one with a part that opens a short row (it may belong a level higher)
LEVELS = "a part may belong a level higher (a merged cell)"


def stream_weight_claims(
    normalised: str, taken: set[int], breaks: Sequence[int] = ()
) -> tuple[list[Mention], list[Claim]]:
    """The weights of the streamed indicator tables of ``normalised`` (mentions) and their
    TXT019 checks; ``taken``: start offsets of weights another reader already checks;
    ``breaks``: where the source started a line that normalisation joined to the one before
    (the stream is read with its source lines: "5 5" and a page number "14" on the next line
    are not one figure)."""
    mentions: list[Mention] = []
    claims: list[Claim] = []
    words = indicator_columns()
    if "分" not in normalised or not words:
        return mentions, claims
    text, back = _relined(normalised, breaks)
    ends = set(words.get("ends") or ())
    headers = tuple(words.get("weight") or ())
    scores = tuple(words.get("score") or ())
    for block, closed, start in _blocks(text, ends):
        rows = _rows(text, block, mentions)
        if rows is None:
            continue
        weights = [m for r in rows for m in r[:-1]]
        pairs = sum(1 for r in rows if r[-1] >= 0)
        if len(weights) < 2 or pairs < 3 or pairs < len(rows) - pairs:
            continue  # not a stream of leaves with their 分值 and 得分
        if any(int(back[mentions[m].start]) in taken for m in weights):
            continue
        header = _header_before(text, start, headers, scores)
        names = _names(block)
        depth = max(len(r) for r in rows)
        # a weight opening a short row may sit a level higher (its own row's middle cell merged)
        openers = {r[0] for r in rows if 1 < len(r) < depth}
        for c in weight_tree(rows, mentions, text, closed):
            c.label = names.get(mentions[c.stated].start, "")
            if c.status != "skip" and not _holds(c, mentions):
                note = UNCONFIRMED if not header else LEVELS if any(m in openers for m, _ in c.num) else ""
                if note:
                    c.num, c.status, c.note = [], "skip", note
            claims.append(c)
    # offsets in the normalised text
    mentions = [replace(m, start=int(back[m.start]), end=int(back[m.end - 1]) + 1) for m in mentions]
    return mentions, claims


def _relined(text: str, breaks: Sequence[int]) -> tuple[str, np.ndarray]:
    """``text`` with a line break put back at each of ``breaks``, and each character's offset
    in ``text``."""
    cuts = sorted(b for b in set(breaks) if 0 < b < len(text))
    pieces, back, last = [], [], 0
    for b in [*cuts, len(text)]:
        pieces.append(text[last:b])
        back.append(np.arange(last, b))
        if b < len(text):
            pieces.append("\n")
            back.append(np.array([b]))
        last = b
    return "".join(pieces), np.concatenate(back) if back else np.zeros(0, np.int64)


def _holds(c: Claim, mentions: list[Mention]) -> bool:
    return abs(sum(mentions[m].value * k for m, k in c.num) - mentions[c.stated].value) < 1e-9


def _header_before(text: str, start: int, headers: tuple[str, ...], scores: tuple[str, ...]) -> bool:
    """Whether a header naming a 分值 column then a 得分 column stands in the 400 characters
    before the stream."""
    before = text[max(0, start - 400) : start]
    w = max((before.rfind(h) for h in headers), default=-1)
    return w >= 0 and any(before.find(s, w) > w for s in scores)


def _blocks(text: str, ends: set[str]):
    """(tokens, closed, start) of each run of tokens holding a bracketed weight, cut at
    sentence punctuation and at long runs of words."""
    block: list[re.Match] = []
    for t in _TOKEN.finditer(text):
        kind = t.lastgroup if t.lastgroup in ("w", "cut", "f", "words", "stop") else _kind(t)
        if kind == "words":
            end_word = next((e for e in ends if e in t.group()), None)
            if end_word is not None:
                if block:
                    yield block, True, block[0].start()
                block = []
                continue
            if len(re.sub(r"\s", "", t.group())) > _LONG_WORDS:
                if block:
                    yield block, False, block[0].start()
                block = []
                continue
        if kind == "stop":
            if block:
                yield block, False, block[0].start()
            block = []
            continue
        if not block and kind not in ("w", "cut"):
            continue  # a stream starts at a bracketed weight
        block.append(t)
    if block:
        yield block, False, block[0].start()


def _names(block: list[re.Match]) -> dict[int, str]:
    """Each bracketed weight's indicator name, by the weight's start: the words after it when
    a weight follows a leaf's figures anywhere in the stream (its name cannot be before it:
    the weights print before their names), else the words before it."""
    kinds = [_kind(t) for t in block]
    forward = any(k in ("w", "cut") and j and kinds[j - 1] == "f" for j, k in enumerate(kinds))
    out: dict[int, str] = {}
    for j, k in enumerate(kinds):
        if k not in ("w", "cut"):
            continue
        side = block[j + 1] if forward and j + 1 < len(block) else block[j - 1] if not forward and j else None
        inner = re.match(r"[（(]\s*([\u4e00-\u9fff]+)", block[j].group())
        if inner:  # "(特性指标70分)": the name is in the bracket
            out[block[j].start()] = inner.group(1)
        elif side is not None and _kind(side) == "words":
            out[block[j].start()] = re.sub(r"\s|[（(][^（()）]*[)）]?", "", side.group())[:12]
    return out


def _kind(t: re.Match) -> str:
    for k in ("w", "cut", "f", "words", "stop"):
        if t.group(k) is not None:
            return k
    return ""


def _rows(text: str, block: list[re.Match], mentions: list[Mention]) -> list[list[int]] | None:
    """The rows of a stream: the bracketed weights since the last leaf, then the leaf's weight
    (-1 when the leaf prints one figure only); None when the stream is not a weight table."""
    rows: list[list[int]] = []
    pending: list[int] = []
    figures: list[re.Match] = []
    named = False

    def close() -> bool:
        nonlocal pending, figures, named
        if not figures:
            return True
        if not named or len(figures) > 2:
            return False
        if len(figures) == 2 and float(figures[1].group()) > float(figures[0].group()):
            return False
        leaf = -1
        if len(figures) == 2:
            f = figures[0]
            mentions.append(Mention(f.start(), f.end(), float(f.group()), _dec(f.group()), "分", "count", f.group()))
            leaf = len(mentions) - 1
        rows.append([*pending, leaf])
        pending, figures, named = [], [], False
        return True

    for t in block:
        kind = _kind(t)
        if kind == "f":
            if _furniture(text, t):
                continue
            figures.append(t)
            continue
        if not close():
            return None
        if kind in ("w", "cut"):
            num = t.group("wn") or t.group("wa") or t.group("wc")
            mentions.append(Mention(t.start(), t.end(), float(num), -1, "分", "count", t.group()))
            pending.append(len(mentions) - 1)
        elif kind == "words" and not _BLANK_BRACKET.fullmatch(t.group().strip()):
            named = True
    if not close():
        return None
    return rows


def _furniture(text: str, t: re.Match) -> bool:
    """A figure alone on its line, or with an opening bracket only: a page number."""
    a = text.rfind("\n", 0, t.start()) + 1
    b = text.find("\n", t.end())
    return bool(_FURNITURE.match(text[a : b if b >= 0 else len(text)]))


def _dec(num: str) -> int:
    return len(num.split(".")[1]) if "." in num else -1


# --------------------------------------------------------------------------- level columns

#: a level name of an indicator table and the figure of the column after it: "预算配置\n\n16"
_PAIR = re.compile(
    r"(?:^|(?<=\s))(?P<name>[\u4e00-\u9fff]{1,12}(?: [\u4e00-\u9fff]{1,8})?)\s+"
    r"(?P<fig>(?<![\d.])\d{1,3}(?:\.\d)?)(?=\s)(?!\s*(?:分|%|元|万|人|个|年|月|日))"
)
_GAP = re.compile(r"^\s*$")
_BLOCK = 1500


def level_column_claims(text: str, taken: set[int]) -> tuple[list[Mention], list[Claim]]:
    """Indicator tables whose header gives every level a figure column of its own ("一级指标 分值
    二级指标 分值 三级指标 分值 评价标准 … 得分"), flattened into a stream: each row is the pairs
    of a level's name and figure, then the row's text cells and its score. A row of k pairs
    fills the last k levels (TXT019 as in :mod:`fincheck.text.weights`). A header that calls
    the level columns 得分 (a score word) leaves it unsaid whether they hold weights or scores:
    its parents are checked only where their figures add up (otherwise a visible skip); a
    parent with a part opening a short row is a skip when it does not add up, as in the stream
    of bracketed weights (that row may start a level higher)."""
    mentions: list[Mention] = []
    claims: list[Claim] = []
    words = indicator_columns()
    levels_words = tuple(words.get("headers") or ())
    weight_words, score_words = tuple(words.get("weight") or ()), tuple(words.get("score") or ())
    ends = tuple(words.get("ends") or ())
    column = "|".join(re.escape(w) for w in sorted(weight_words + score_words, key=len, reverse=True))
    if not levels_words or not column:
        return mentions, claims
    level = "|".join(re.escape(w) for w in levels_words)
    header = re.compile(rf"(?:(?:{level})\s*(?:{column})\s*){{2,}}")
    for h in header.finditer(text):
        n_levels = len(re.findall(level, h.group()))
        weights_named = any(w in h.group() for w in weight_words)
        stop = min(len(text), h.end() + _BLOCK)
        end_at = min((p for p in (text.find(e, h.end(), stop) for e in ends) if p >= 0), default=-1)
        closed = end_at >= 0
        body_end = end_at if closed else stop
        # the header's last cells (评价标准 指标说明 得分): the rows start after its last column word
        tail = text[h.end() : h.end() + 40]
        begin = h.end() + max((tail.rfind(w) + len(w) for w in weight_words + score_words if w in tail), default=0)
        rows: list[list[int]] = []
        row: list[int] = []
        names: dict[int, str] = {}
        last = begin
        body = text[begin:body_end]  # a slice: its first name may follow the header's last word
        for m in _PAIR.finditer(body):
            between = body[last - begin : m.start()]
            if row and not _GAP.match(between):
                rows.append(row)  # text cells stood between: a new row
                row = []
            f0, f1 = begin + m.start("fig"), begin + m.end("fig")
            mentions.append(Mention(f0, f1, float(m.group("fig")), _dec(m.group("fig")), "分", "count", m.group("fig")))
            row.append(len(mentions) - 1)
            names[len(mentions) - 1] = re.sub(r"\s", "", m.group("name"))
            last = begin + m.end()
        if row:
            rows.append(row)
        if not rows or len(rows[0]) != n_levels or any(len(r) > n_levels for r in rows):
            continue
        if not closed and body_end == stop and stop < len(text):
            continue  # the table runs past what is read here
        if any(mentions[m].start in taken for r in rows for m in r):
            continue
        openers = {r[0] for r in rows if 1 < len(r) < n_levels}
        for c in weight_tree(rows, mentions, text, closed):
            c.label = names.get(c.stated, "")
            if c.status != "skip" and not _holds(c, mentions):
                note = SCORE_COLUMNS if not weights_named else LEVELS if any(m in openers for m, _ in c.num) else ""
                if note:
                    c.num, c.status, c.note = [], "skip", note
            claims.append(c)
    return mentions, claims


#: the note of a level column headed 得分 whose figures do not add up as weights
SCORE_COLUMNS = "the level columns are headed 得分: weights or scores"
