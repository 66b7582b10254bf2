"""Weight hierarchies of performance-evaluation indicator tables, flattened into lines.

A 绩效评价 indicator table gives each indicator its weight in its cell ("目标任务(15分)"),
an indicator's weight being the sum of its sub-indicators' weights. Flattened (cells joined
by "|" or spaces, merged cells printed once), each line holds the indicators that start on
that row, and a row printed with k weighted cells fills the last k levels of the table
(merged cells of the upper levels are printed on the first row of their group only)::

    | 部门决策(25分) | 目标任务(15分) | 相关性(5分) |
    | 明确性(5分) |
    | 预算编制(10分) | 测算依据(5分) |

A block is a run of lines with weighted cells (lines holding only separators or digits, such
as the scores of another column, do not end it; a line with words and no weight does). Its
depth is the most weighted cells on one line, and its first line must have that many. Each
parent's weight is checked against its children's (TXT019, exact: weights are integers as
printed). Not checked, as visible skips: a parent with a child whose weight is not printed,
and the parents still open where the block ends (the table may go on past the excerpt).
Bare numbers are never weights (a 分值 column and a 得分 column look the same).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .claims import Claim, Role
from .forms import indicator_columns
from .mentions import Mention
from .weight_tree import label_before, weight_tree

#: a weight in brackets after its indicator's name: "相关性(5分)", "绩效目标(10)", "(特性指标70分)"
_WEIGHT = re.compile(
    r"(?:(?<=[\u4e00-\u9fff）)])[（(]\s*(?P<a>\d{1,3}(?:\.\d)?)\s*(?:分)?\s*[)）]"
    r"|[（(]\s*[\u4e00-\u9fff]{0,8}?\s*(?P<b>\d{1,3}(?:\.\d)?)\s*分\s*[)）])"
)
_WORDS = re.compile(r"[\u4e00-\u9fff]{2,}")
_BARE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*$")
#: a cell holding only a bracketed weight, its indicator named in another cell: "| (10) |"
_CELL_WEIGHT = re.compile(r"\s*[（(]\s*(?P<a>\d{1,3})\s*(?:分)?\s*[)）]\s*(?P<b>)")


def weight_claims(text: str, breaks: Sequence[int] = ()) -> tuple[list[Mention], list[Claim]]:
    """The weights of the indicator tables of ``text`` (as mentions) and their TXT019 checks.

    ``breaks``: offsets where the source started a line that normalisation joined to the one
    before (a PDF's rows of a flattened table read as one wrapped sentence); rows are the
    source's lines."""
    mentions: list[Mention] = []
    claims: list[Claim] = []
    if "分" not in text:
        return mentions, claims
    words = indicator_columns()
    blocks: list[tuple[list[list[int]], bool, bool]] = []  # (rows, valid, closed by a total row)
    block: list[list[int]] = []  # per line: its cells (mention ids; -1: a cell without a weight)
    valid = numbered = False
    header_before: list[bool] = []  # per block: a table header stands between it and the block before
    header = False
    for pos, end in _lines(text, breaks):
        line = text[pos:end]
        kind = _header_kind(line, words)
        if kind:
            numbered = kind == "numbered"  # a 分值 column: a leaf's weight is the figure after its name
        total_row = _is_total_row(line, words)
        row, bare = ([], False) if total_row else _cells(line, pos, text, mentions, numbered and not kind)
        if row and any(c >= 0 for c in row):
            if not block:
                valid = True
                header_before.append(header)
                header = False
            block.append(row)
            valid = valid and not bare
        elif _WORDS.search(line):
            if block:
                blocks.append((block, valid, total_row))
            block = []
            header = header or bool(kind)
            if "|" not in line:
                numbered = False
    if block:
        blocks.append((block, valid, False))
    for k, (rows, ok, total) in enumerate(blocks):
        # the next table starts with a first-level indicator of its own: this one has ended
        nxt = blocks[k + 1][0] if k + 1 < len(blocks) and header_before[k + 1] else None
        closed = total or (nxt is not None and len(nxt[0]) >= max(len(r) for r in rows))
        claims += weight_tree(rows, mentions, text, closed) if ok else []
    return mentions, claims


def _header_kind(line: str, words: dict) -> str:
    """ "numbered" for an indicator table's header naming a 分值 column ("一级指标 | … | 分值 |
    得分"), "header" for one without it, "" for any other line."""
    if "|" not in line:
        return ""
    cells = {re.sub(r"\s+", "", c) for c in line.split("|")}
    if cells & set(words.get("weight") or ()):
        return "numbered"
    return "header" if len(cells & set(words.get("headers") or ())) >= 2 else ""


def _is_total_row(line: str, words: dict) -> bool:
    first = next((c.strip() for c in line.split("|") if c.strip()), "")
    return bool(first) and first in set(words.get("ends") or ())


def _lines(text: str, breaks: Sequence[int]) -> list[tuple[int, int]]:
    """[start, end) of each line of ``text``, split at its newlines and at ``breaks``."""
    cuts = sorted({0, *(b for b in breaks if 0 < b < len(text))} | {m.end() for m in re.finditer("\n", text)})
    out = []
    for k, a in enumerate(cuts):
        b = cuts[k + 1] if k + 1 < len(cuts) else len(text) + 1
        out.append((a, b - 1 if text[b - 1 : b] == "\n" or b > len(text) else b))
    return out


def _cells(line: str, pos: int, text: str, mentions: list[Mention], numbered: bool = False) -> tuple[list[int], bool]:
    """The cells of a line: a "|" row's non-empty cells, else its weighted labels; and whether
    a cell is a bare number (another convention: weights in a column of their own).
    ``numbered``: under a header naming a 分值 column, the first bare figure after a name
    without a weight is that name's weight (a second one, its score, is not a cell), and a
    cell holding only "(10)" is the weight of an indicator whose name is in another cell."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^|]+", line) if m.group().strip()] if "|" in line else []
    if not spans:
        spans = [(m.start(), m.end()) for m in _WEIGHT.finditer(line)]
    row, bare = [], False
    after = ""  # what the cell before was: "name" (without a weight), "leaf" (a name's weight)
    for a, b in spans:
        cell = line[a:b]
        m = _WEIGHT.search(cell) or (_CELL_WEIGHT.fullmatch(cell) if numbered else None)
        if m is None:
            figure = _BARE.match(cell)
            if numbered and figure and after == "name":
                row[-1] = _weight(mentions, pos + a + figure.start(1), pos + a + figure.end(1), text)
                after = "leaf"
                continue
            if numbered and figure and after == "leaf":
                after = ""
                continue  # the score after a leaf's weight
            bare = bare or bool(figure)
            after = "" if figure else "name"
            row.append(-1)
            continue
        after = ""
        num = m.group("a") or m.group("b")
        s0, s1 = pos + a + m.start(), pos + a + m.end()
        row.append(_weight(mentions, s0, s1, text, num))
    return row, bare


def _weight(mentions: list[Mention], s0: int, s1: int, text: str, num: str | None = None) -> int:
    num = num or text[s0:s1]
    dec = len(num.split(".")[1]) if "." in num else -1
    mentions.append(Mention(s0, s1, float(num), dec, "分", "count", text[s0:s1]))
    return len(mentions) - 1


def weight_roles(mentions: list[Mention]) -> list[Role]:
    return [Role("amount") for _ in mentions]


def weight_frames(norm, name: str, locate):
    """Facts, instances and links of the weight checks of a normalised text (None without any)."""
    mentions, claims = weight_claims(norm.text, norm.joined_breaks())
    taken = {mentions[c.stated].start for c in claims}
    more_mentions, more = column_weight_claims(norm.text, taken)
    for c in more:  # the column reader's mention ids follow the row reader's
        n = len(mentions)
        c.anchor, c.stated = c.anchor + n, c.stated + n
        c.num = [(m + n, k) for m, k in c.num]
    mentions, claims = mentions + more_mentions, claims + more
    from .weight_stream import level_column_claims, stream_weight_claims

    for reader in (
        lambda t: stream_weight_claims(norm.text, t, norm.joined_breaks()),
        lambda t: level_column_claims(norm.text, t),
    ):
        taken |= {mentions[c.stated].start for c in claims}
        streamed_mentions, streamed = reader(taken)
        n = len(mentions)
        for c in streamed:  # each stream reader's mention ids follow the others'
            c.anchor, c.stated = c.anchor + n, c.stated + n
            c.num = [(m + n, k) for m, k in c.num]
        mentions, claims = mentions + streamed_mentions, claims + streamed
    return claims_frames(norm, name, locate, mentions, claims, "分值")


def claims_frames(norm, name: str, locate, mentions: list[Mention], claims: list[Claim], column: str):
    """Facts, instances and links of the claims one form reader made of a normalised text (None
    without any): each stated figure labelled by its claim, every figure an amount, the facts in a
    column of their own (the prose's facts of the same text number their rows too)."""
    from .frames import claim_frames, mention_facts

    if not claims:
        return None
    labels = [""] * len(mentions)
    for c in claims:
        labels[c.stated] = c.label
    facts = mention_facts(name, norm, mentions, weight_roles(mentions), labels, locate=locate)
    inst, links = claim_frames(name, claims)
    return facts.assign(column=column), inst, links


_TOKEN = re.compile(r"[^\s|]+")
_FIGURE = re.compile(r"\d{1,3}(?:\.\d{1,2})?")


def column_weight_claims(text: str, taken: set[int]) -> tuple[list[Mention], list[Claim]]:
    """Leaf weights printed in a 分值 column (rules/text/forms.yaml ``indicator_columns``).

    After a header where a weight word is followed by a score word, each run of bare figures
    ends with a leaf's 分值 and 得分; the leaves between a weighted indicator and the next one
    are its parts (TXT019). Visible skips: an indicator followed by another with no leaf
    between them (its parts are the next level's, whose end is not printed), a run too short
    to hold both columns or whose score exceeds its weight (the columns cannot be told
    apart), and the last group of a block the text cuts off. A first-level indicator printed
    without a weight (``levels``) ends the group before it. ``taken``: the start offsets of
    weights already checked as parents (by :func:`weight_claims`)."""
    words = indicator_columns()
    mentions: list[Mention] = []
    claims: list[Claim] = []
    if not words:
        return mentions, claims
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    weight, score, ends = set(words["weight"]), set(words["score"]), set(words["ends"])
    levels = set(words.get("levels") or ())
    i = 0
    while i < len(tokens) - 1:
        if tokens[i][0] in weight and tokens[i + 1][0] in score:
            i = _column_block(text, tokens, i + 2, weight, ends, levels, taken, mentions, claims)
        else:
            i += 1
    return mentions, claims


def _column_block(text, tokens, i, weight, ends, levels, taken, mentions, claims) -> int:
    groups: list[tuple[int, list[list[int]]]] = []  # (parent mention, runs of token ids)
    run: list[int] = []
    closed = False
    while i < len(tokens):
        tok, a, b = tokens[i]
        if tok in ends or tok in weight:
            closed = True
            break
        if _FIGURE.fullmatch(tok):
            run.append(i)
        else:
            if run and groups:
                groups[-1][1].append(run)
            run = []
            m = _WEIGHT.search(tok)
            if m is None and tok in levels:
                groups.append((-1, []))  # a first-level indicator without a weight: its leaves are no one's
            elif m is not None:
                num = m.group("a") or m.group("b")
                s0, s1 = a + m.start(), a + m.end()
                mentions.append(Mention(s0, s1, float(num), -1 if "." not in num else 1, "分", "count", text[s0:s1]))
                groups.append((len(mentions) - 1, []))
        i += 1
    if run and groups:
        groups[-1][1].append(run)
    for g, (parent, runs) in enumerate(groups):
        if parent < 0 or mentions[parent].start in taken:
            continue
        c = Claim("TXT019", parent, [], stated=parent, label=label_before(text, mentions[parent]))
        c.column = "分值"
        if g == len(groups) - 1 and not closed:
            c.status, c.note = "skip", "the table may go on past its last line (its last group is open)"
        elif not runs:
            c.status, c.note = "skip", "its parts are indicators of the next level"
        elif any(len(r) < 2 for r in runs) or any(float(tokens[r[-1]][0]) > float(tokens[r[-2]][0]) for r in runs):
            c.status, c.note = "skip", "the 分值 and 得分 columns cannot be told apart"
        else:
            for r in runs:
                tok, a, b = tokens[r[-2]]
                mentions.append(Mention(a, b, float(tok), -1 if "." not in tok else 1, "分", "count", tok))
                c.num.append((len(mentions) - 1, 1.0))
        claims.append(c)
    return i
