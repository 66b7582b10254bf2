"""Names in report text: the label before a figure, and the keys used to match a base name
("占资产的" → the amount labelled 资产 / 2021年末资产 / 资产总额)."""

from __future__ import annotations

import re

from ..labels import clean_label

_LEAD_JUNK = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|[①-⑳]|"
    r"[\s,，、;；:：()（）\[\]“”\"'·.\-]|其中|主要是|主要为|主要包括|包括|分别是|另外|此外|以及|和|及|与)+"
)
_TIME = re.compile(
    r"^(?:\s*(?:\d{4}\s*年(?:度|末|底|初)?|截[至止]\s*\d{4}\s*年(?:末|底)?|前?[一二三四1-4]\s*季度|[上下]半年|"
    r"\d{1,2}\s*月(?:份|末|底)?|当月|本月|年末|年底|年初|本年度?|当年|全年|今年(?:以来)?|年度|末|到|截至|截止|以来|度)\s*)+"
)
#: a trailing 累计 ("税收收入累计完成A") is the figure's period (the year to date), not its name
_TAIL = re.compile(r"(?:\s|为|是|达到?|共计?|合计|总计|累计|约|完成了?|实现|安排了?|共有|有|:|：|的)+$")
_LEVEL = re.compile(r"[(（](?:类|款|项)[)）]")  # 一般公共服务支出（类）: the classification level
_KEY_DROP = re.compile(r"总额|总计|合计|总数|总量|全部|总|的|\s")
#: whose figure it is: "全市一般公共预算收入", "部门支出预算总计" name the report's own figure
#: ("地方一般公共预算收入" is a county's or a city's own revenue)
_OWNER = re.compile(r"^(?:全(?:国|省|市|州|盟|区|县|旗|镇|乡)|地方|本?(?:部门|单位))")
_KEY_TAIL = re.compile(r"(?:预算数|预算|数|金额|额)$")


def clean_name(text: str) -> str:
    """A label as printed, without numbering, 其中, leading time phrases and trailing verbs."""
    s = text.strip()
    for _ in range(3):
        s = _LEAD_JUNK.sub("", s)
        s = _TIME.sub("", s)
    s = _TAIL.sub("", s)
    s = _LEVEL.sub("", s.replace(" ", ""))
    return s.strip("，,、:：;；()（）")


def key(name: str) -> str:
    """Exact key: the cleaned label in canonical form."""
    return clean_label(clean_name(name)).replace('"', "")


def loose_key(name: str) -> str:
    """Loose key: 总/合计/的 dropped and a trailing 预算/数/金额 removed."""
    k = _KEY_DROP.sub("", key(name))
    k = _KEY_TAIL.sub("", k) or k
    owner = _OWNER.match(k)
    return k[owner.end() :] if owner and len(k) - owner.end() >= 2 else k


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度|末|底)?")
YEAR_NAMED = _YEAR  # a year named in a text (claims.py scans a whole text with it once)
_NAME_TAIL = re.compile(r"(?:\s|为|是|达到?|共计?|约|完成了?|实现|安排了?|共有|有|:|：|的)+$")
_CHANGE_TAIL = re.compile(r"(?:增加|减少|增长|下降|降低|提高|增收|减收|增支|减支|节约|超支|多|少|差额|差)$")
_THIS_YEAR = re.compile(r"^(?:本年度?|当年|全年|本期)")
_PREVIOUS = re.compile(r"上年|去年|上一年|同期|年初数|上年度")
#: a kind of figure without a subject ("全年预算数为5393万元"): no table row or column is named
_KIND_ONLY = re.compile(r"^(?:年初|全年|调整后?|年度)?(?:预算|决算|执行|完成|实际)(?:数|额|金额)?$")


def item_name(lead: str, report_year: int | None, sentence: str = "") -> str:
    """The item an amount is stated for, as a table would name it: "上海市某局2024年度收入
    支出总计" → "收入支出总计", "本年收入合计" stays whole (合计 / 总计 / 本年 are kept, unlike
    :func:`clean_name`). An organisation and year prefix is dropped only when the year is the
    report's; a figure of another year (named in its sentence before it), or of the previous
    year (上年, 同期), has no item."""
    if any(int(y.group(1)) != report_year for y in _YEAR.finditer(sentence)):
        return ""
    s = lead.strip()
    years = list(_YEAR.finditer(s))
    if years:
        if report_year is None or any(int(y.group(1)) != report_year for y in years):
            return ""
        s = s[years[-1].end() :]
    if _PREVIOUS.search(s):
        return ""
    for _ in range(3):
        s = _LEAD_JUNK.sub("", s)
    s = _NAME_TAIL.sub("", s)
    s = _LEVEL.sub("", s.replace(" ", "")).strip("，,、:：;；()（）")
    this_year = _THIS_YEAR.match(s)
    if this_year and s[this_year.end() :] not in ("收入合计", "支出合计", "收入", "支出"):
        s = s[this_year.end() :]  # 本年基本支出 → 基本支出; 本年收入合计 is a table's own name
    return "" if _CHANGE_TAIL.search(s) or _KIND_ONLY.match(s) else s


def report_year(text: str) -> int | None:
    """The latest year the text names (a report speaks of its own year and earlier ones)."""
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", text)]
    return max(years) if years else None
