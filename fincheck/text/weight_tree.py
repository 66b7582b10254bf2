"""The tree of an indicator table's weights from its rows: a row printed with k weighted cells
fills the last k levels of the table (merged cells of the upper levels are printed on the first
row of their group only); each parent's weight is the sum of its children's (TXT019)."""

from __future__ import annotations

import re

from .claims import Claim
from .mentions import Mention

_NAME = re.compile(r"([\u4e00-\u9fff（）()、/]{1,24})\s*$")


def weight_tree(block: list[list[int]], mentions: list[Mention], text: str, closed: bool = False) -> list[Claim]:
    if len(block) < 2:
        return []
    depth = max(len(r) for r in block)
    if depth < 2 or len(block[0]) != depth:
        return []
    children: dict[int, list[int]] = {}
    path: list[int] = [-1] * depth
    unknown = -2
    for row in block:
        for level, m in enumerate(row, depth - len(row)):
            if m < 0:
                m, unknown = unknown, unknown - 1  # a cell without a weight: a node all the same
            path[level] = m
            for deeper in range(level + 1, depth):
                path[deeper] = -1
            if level > 0 and path[level - 1] != -1:
                children.setdefault(path[level - 1], []).append(m)
    still_open = set() if closed else set(path)
    out = []
    for parent, kids in children.items():
        if parent < 0:
            continue
        c = Claim("TXT019", parent, [(k, 1.0) for k in kids], stated=parent, label=label_before(text, mentions[parent]))
        c.column = "分值"
        if any(k < 0 for k in kids):
            c.num, c.status, c.note = [], "skip", "a part's weight is not printed"
        elif parent in still_open:
            c.num, c.status, c.note = [], "skip", "the table may go on past its last line (its last group is open)"
        out.append(c)
    return out


def label_before(text: str, m: Mention) -> str:
    name = _NAME.search(text[max(0, m.start - 24) : m.start])
    return name.group(1).strip("（）() ") if name else ""
