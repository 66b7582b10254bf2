"""Subject names of a narrative's figures, for matching: the canonical form of a label (no
years, kind words, quotes, brackets or scope prefix), how close two subjects are, and the
identity term a subject ends with. Used by the claim readers and the document model alike."""

from __future__ import annotations

import re
from functools import cache

from . import phrasing
from .labels import clean_name

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_QUOTES = re.compile(r"[“”\"'‘’《》〈〉]")
_KIND_WORDS = re.compile(
    r"年初预算数?|调整后的?预算数?|调整预算数?|预算调整后|全年预算数?|预算数?|决算数?|执行数|实际|同口径|"
    r"合计|总计|总额|总数|累计|完成|实现|安排|本年度?|当年|全年|年度|年末|年初|年底|上年|去年|同期"
)
_TAIL = re.compile(r"(?:支出|收入|经费|费用|资金)$")
_BRACKETS = re.compile(r"[(（][^()（）]{0,12}[)）]")


def canonical(name: str) -> str:
    """The subject of a label, for matching: no years, kind words, quotes, brackets or scope."""
    s = _QUOTES.sub("", clean_name(name))
    s = _YEAR.sub("", s)
    s = _BRACKETS.sub("", s)
    s = _KIND_WORDS.sub("", s)
    scope = phrasing.matches("scope", s)
    if scope and scope[0][0] == 0 and len(s) - scope[0][1] >= 2:
        s = s[scope[0][1] :]
    return s.strip("的之为是占达:：，,、 ")  # "占年初预算" names no subject but the budget


def name_score(a: str, b: str) -> int:
    """3: the same subject; 2: one contains the other (a trailing 支出/收入/经费 does not
    block); 0: different subjects."""
    if not a or not b:
        return 0
    if a == b:
        return 3
    ta, tb = _TAIL.sub("", a) or a, _TAIL.sub("", b) or b
    if ta == tb:
        return 3
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return 2 if len(short) >= 2 and short in long_ else 0


def qualified(a: str, b: str) -> bool:
    """Whether one subject is the other with words before it ("财政拨款三公经费" and "三公经费"):
    a Chinese name ends with its head, so a name that ends with another names the same subject
    qualified (by a fund, an owner, a scope), while one that only contains it ("三公经费中的
    公务接待费") may name a part of it. A trailing 支出/收入/经费 does not count."""
    for x in {a, _TAIL.sub("", a) or a}:
        for y in {b, _TAIL.sub("", b) or b}:
            short, long_ = (x, y) if len(x) <= len(y) else (y, x)
            if len(short) >= 2 and long_.endswith(short):
                return True
    return False


def _terms() -> list[tuple[str, str]]:
    """(word, term) of every identity, longest words first ("净资产" before "资产")."""
    out = []
    for e in phrasing.raw("identity"):
        for w in e.get("words") or []:
            out.append((w, w))
        for w, t in (e.get("aliases") or {}).items():
            out.append((w, t))
    return sorted(set(out), key=lambda x: -len(x[0]))


@cache
def _kinds() -> tuple[str, ...]:
    """Kinds of an identity's term ("固定资产"): named by the term, but parts of its total."""
    return tuple(k for e in phrasing.raw("identity") for k in e.get("kinds") or [])


def split_term(canon: str) -> tuple[str, str]:
    """(owner, term) of a canonical subject ending with an identity's term, else ("", "");
    a kind of a term ("固定资产", "流动负债") has none."""
    if canon.endswith(_kinds()):
        return "", ""
    for w, t in _terms():
        if canon.endswith(w):
            return canon[: -len(w)], t
    return "", ""


def shared_members(subject: str) -> list[str]:
    """The full names of the members of a shared subject printed short ("收、支总计各" → 收入总计,
    支出总计; group ``shared_subject``, the short names of group ``short_name``), or [] when the
    subject is not shared or a member is not a short name."""
    hits = phrasing.matches("shared_subject", subject)
    if not hits or "、" not in subject:
        return []
    *heads, last = subject[: hits[-1][0]].split("、")
    for n in range(1, len(last)):
        full = (phrasing.read("short_name", last[:n]) or {}).get("full")
        if not full:
            continue
        tail, names, prefix = last[n:], [], ""
        for j, h in enumerate(heads):
            short = next((i for i in range(len(h)) if phrasing.read("short_name", h[i:])), -1)
            if short < 0:
                break
            if j == 0:
                prefix = h[:short]
            names.append(prefix + str(phrasing.read("short_name", h[short:])["full"]) + tail)
        else:
            return [*names, prefix + str(full) + tail]
    return []
