"""Number mentions in normalised text: a figure with its unit.

A mention is a number followed by a unit: money (元 万元 亿元 千元), a percentage (%), a
change in percentage points (个百分点), a count (个 户 人 项 家 …) or a score (分, of a
performance self-evaluation: never money). Numbers without a unit
are not claims, and neither are dates and periods (2021年, 5月, 3日, 元至5月), rankings
(第15位), codes (51000021R000…), counts of days or positions (30个工作日, 1个位次). In a list
"12、34和56万元" the unit of the last figure is carried back to the bare ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONEY_UNITS = ("万亿元", "亿元", "万元", "千元", "元")
COUNT_UNITS = (
    "人次",
    "个",
    "户",
    "人",
    "项",
    "家",
    "辆",
    "件",
    "名",
    "所",
    "座",
    "台",
    "套",
    "批",
    "笔",
    "宗",
    "处",
    "条",
)

# A figure starts where its digits start ((?<!\d)) and has at most 7 digit groups: no start
# inside a long run of digits or groups, so matching stays linear in the text's length.
_NUMBER = (
    r"(?<!\d)(?P<num>\d{1,3}(?:,\d{3}){1,6}(?:\.\d+)?|\d{1,3}(?: \d{3}){1,6}(?:\.\d+)?(?=\s*(?:万亿元|亿元|万元|元))"
    r"|\d+(?:\.\d+)?)"
)
#: a score ("自评得分95分", "(15分)"): 分 ending its phrase; 分 followed by a word is another
#: sense (分别, 分类, 分之, 分钟, 分以上) and 百分点, 部分, 万分之 have no digit before their 分; a
#: list word after it ("92.5分和85.5分") leaves it a score
SCORE_UNIT = r"分(?:(?![\u4e00-\u9fffA-Za-z0-9])|(?=[和及与]))"
_UNIT = r"(?P<unit>个百分点|百分点|%|万亿元|亿元|万元|千元|元|" + "|".join(COUNT_UNITS) + "|" + SCORE_UNIT + ")"
_MENTION = re.compile(r"(?P<sign>[-−])?" + _NUMBER + r"[ \t]*" + _UNIT)
_BARE = re.compile(_NUMBER)


def count_figures(text: str) -> int:
    """How many figures with a unit the text holds (one linear pass; for the figures limit)."""
    return sum(1 for _ in _MENTION.finditer(text))


#: what may follow a count unit and makes it a period, a position or another non-claim
_NOT_COUNT_AFTER = re.compile(r"^(?:工作日|月|小时|季度|年|位次|百分点|自然日|日|星期|周|批次)")
_DATE_AFTER_YUAN = re.compile(r"^(?:月|至\s*\d{1,2}\s*月|旦)")
_LIST_SEP = re.compile(r"^\s*(?:、|，|,|和|及|与|以及)\s*$")


@dataclass(frozen=True)
class Mention:
    """A figure in the normalised text: [start, end) covers the number and its unit."""

    start: int
    end: int
    value: float
    decimals: int
    unit: str
    kind: str  # money | percent | points | count | score
    text: str

    @property
    def scale(self) -> float:
        return {"万亿元": 1e12, "亿元": 1e8, "万元": 1e4, "千元": 1e3}.get(self.unit, 1.0)


def _kind(unit: str) -> str:
    if unit in MONEY_UNITS:
        return "money"
    if unit == "%":
        return "percent"
    if unit in ("个百分点", "百分点"):
        return "points"
    if unit == "分":
        return "score"
    return "count"


def _value(num: str) -> tuple[float, int]:
    digits = num.replace(",", "").replace(" ", "")
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return float(digits), decimals


def _excluded(text: str, start: int, end: int, unit: str) -> bool:
    before = text[max(0, start - 2) : start]
    after = text[end : end + 6]
    if before.endswith("第"):
        return True  # rankings, 第3项
    if start > 0 and (text[start - 1].isascii() and (text[start - 1].isalnum() or text[start - 1] in "._/#-")):
        return True  # part of a code, an address or a version
    if start > 1 and text[start - 1] == ":" and text[start - 2].isascii() and text[start - 2].isalnum():
        return True  # a time (12:30) or an address (http:...); "其中:30万元" is a figure
    if unit == "元" and _DATE_AFTER_YUAN.match(after):
        return True
    if unit == "分" and re.search(r"[角毛]\s*$", text[max(0, start - 3) : start]):
        return True  # "3元2角5分": cents, not a score
    if _kind(unit) == "count" and _NOT_COUNT_AFTER.match(after):
        return True
    return bool(_kind(unit) == "count" and re.match(r"^\s*(?:年|月|日)", text[end - len(unit) :]))


_RANGE_BEFORE = re.compile(r"(?:\d\s*[%％]?|[%％）)])\s*$")


def _range_dash(text: str, start: int) -> bool:
    """A dash right after a figure or its bracket closes a range ("80%(含)-90%", "60-70%"):
    not a minus sign."""
    return bool(_RANGE_BEFORE.search(text, max(0, start - 4), start))


def find_mentions(text: str, limit: int = 200_000) -> list[Mention]:
    """Every figure with a unit in ``text``, in order (at most ``limit``)."""
    out: list[Mention] = []
    for m in _MENTION.finditer(text):
        unit = m.group("unit")
        start = m.start()
        if m.group("sign") and start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
            continue  # "R000-12元": a code with a dash
        if _excluded(text, start, m.end(), unit):
            continue
        # a trailing ASCII letter or digit makes it a code ("10%A")
        if m.end() < len(text) and text[m.end()].isascii() and text[m.end()].isalnum() and unit == "%":
            continue
        value, decimals = _value(m.group("num"))
        if m.group("sign") and not _range_dash(text, start):
            value = -value
        unit = "个百分点" if unit == "百分点" else unit
        if _kind(unit) in ("count", "score") and decimals == 0:
            decimals = -1  # a count is exact, and so is a score printed as an integer (points awarded)
        out.append(Mention(start, m.end(), value, decimals, unit, _kind(unit), text[start : m.end()]))
        if len(out) >= limit:
            break
    out = _carry_list_units(text, out)
    return _implied_units(text, out)


#: "增收4,376万": 万 without 元 after a money verb is 万元
_WAN = re.compile(r"(?:增收|减收|增支|减支|增加|减少|收入|支出|节约|超支)\s*" + _NUMBER + r"\s*万(?![\u4e00-\u9fff%])")
#: "较上年2.08减少0.03万元": a previous figure printed without its unit, right after the comparison
_BARE_PREV = re.compile(
    r"(?:比|较)\s*(?:上年|去年|上年度|上年同期|(?:19|20)\d{2}\s*年度?)的?\s*"
    + _NUMBER
    + r"\s*(?=减少|增加|下降|增长|持平)"
)


def _implied_units(text: str, mentions: list[Mention]) -> list[Mention]:
    extra: list[Mention] = []
    for m in _WAN.finditer(text):
        value, decimals = _value(m.group("num"))
        extra.append(Mention(m.start("num"), m.end(), value, decimals, "万元", "money", text[m.start("num") : m.end()]))
    starts = [x.start for x in mentions]
    from bisect import bisect_left

    for m in _BARE_PREV.finditer(text):
        k = bisect_left(starts, m.end())
        if k >= len(mentions) or mentions[k].kind != "money" or mentions[k].start - m.end() > 8:
            continue
        value, decimals = _value(m.group("num"))
        unit = mentions[k].unit
        extra.append(Mention(m.start("num"), m.end("num"), value, decimals, unit, "money", m.group("num")))
    if not extra:
        return mentions
    taken = {(x.start) for x in mentions}
    return sorted([*mentions, *(x for x in extra if x.start not in taken)], key=lambda x: x.start)


def _carry_list_units(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "分别为12、34和56万元": the bare figures before a unit'd one take its unit."""
    extra: list[Mention] = []
    for i, m in enumerate(mentions):
        lo = mentions[i - 1].end if i else 0
        cursor = m.start
        while True:
            sep_end = cursor
            # the separator before the current figure
            k = sep_end
            while k > lo and text[k - 1] in " \t":
                k -= 1
            j = k
            while j > lo and text[j - 1] in "、，,和及与以 ":
                j -= 1
            if j == k or not _LIST_SEP.match(text[j:k].strip() or "x"):
                break
            bare = None
            for b in _BARE.finditer(text, max(lo, j - 24), j):
                if b.end() == j or text[b.end() : j].strip() == "":
                    bare = b
            if bare is None or bare.end() < j - 1 or (bare.start() > 0 and text[bare.start() - 1].isdigit()):
                break
            if _excluded(text, bare.start(), bare.end(), m.unit) or text[max(0, bare.start() - 1)] == "第":
                break
            value, decimals = _value(bare.group("num"))
            extra.append(Mention(bare.start(), bare.end(), value, decimals, m.unit, m.kind, bare.group(0)))
            cursor = bare.start()
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda x: x.start)
