"""Surface transforms of a report passage: the noise text picks up on its way out of a PDF, a web
page or a Word file, which hand-written passages never have. Each transform takes the text and a
``random.Random`` and returns the text as an extractor could have given it; the figures, words
and sentences stay the same, so every check of the clean passage must read the same on it.

``SAFE`` transforms keep every reading; ``CUTTING`` ones may cut a figure or a name where a
reader cannot know it was one (a wrap that splits 12 from 34.56): on those no failure may
appear that the clean passage does not have, but a reading may be lost (a visible skip or no
check, never a wrong failure).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_SENTENCE_END = "。；：！？"


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _prose(line: str) -> bool:
    """A line of running text (not a table row, not a short heading)."""
    return len(line) >= 30 and "|" not in line and "  " not in line.strip()


def wrap_between_words(text: str, rng: random.Random) -> str:
    """Hard line wraps inside sentences, between two Chinese characters."""
    out = []
    for line in _lines(text):
        if _prose(line):
            cut = [i for i in range(1, len(line)) if CJK.match(line[i - 1]) and CJK.match(line[i])]
            for i in sorted(rng.sample(cut, min(len(cut), max(1, len(line) // 40))), reverse=True):
                line = line[:i] + "\n" + line[i:]
        out.append(line)
    return "\n".join(out)


def wrap_every_width(text: str, rng: random.Random) -> str:
    """A fixed page width: each line of prose cut every ``w`` characters, wherever that falls
    (inside a figure, between a figure and its unit, inside a name)."""
    w = rng.randint(28, 42)
    out = []
    for line in _lines(text):
        if _prose(line):
            line = "\n".join(line[i : i + w] for i in range(0, len(line), w))
        out.append(line)
    return "\n".join(out)


def wrap_after_point(text: str, rng: random.Random) -> str:
    """A wrap right after the decimal point of figures (1,234.\\n56)."""
    return re.sub(r"(\d\.)(\d)", lambda m: m.group(1) + "\n" + m.group(2) if rng.random() < 0.5 else m.group(0), text)


def wrap_before_unit(text: str, rng: random.Random) -> str:
    """A wrap between a figure and its unit (4,862.35\\n万元, 6.87\\n%)."""
    return re.sub(
        r"(\d)(万元|亿元|元|%)", lambda m: m.group(1) + "\n" + m.group(2) if rng.random() < 0.5 else m.group(0), text
    )


def spaced_characters(text: str, rng: random.Random) -> str:
    """Spaces between every Chinese character and digit, as some PDF extractors give them
    ("一 般 公 共 预 算 收 入 1 2 3 4 . 5 6 万 元")."""
    out = []
    for line in _lines(text):
        if "|" in line:
            out.append(line)
            continue
        # the extractor's own spacing replaces whatever spaces (visible or not) were there
        out.append(" ".join(ch for ch in line if not ch.isspace() and ch not in "\u200b\ufeff"))
    return "\n".join(out)


def spaced_numbers(text: str, rng: random.Random) -> str:
    """Spaces around figures only ("收入 4,862.35 万元，增长 6.87 %")."""
    return NUMBER.sub(lambda m: f" {m.group(0)} ", text)


_FULL = str.maketrans("0123456789.%,;:()", "０１２３４５６７８９．％，；：（）")
_FULL_PUNCT = str.maketrans({"。": "。", ",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "%": "％"})


def fullwidth(text: str, rng: random.Random) -> str:
    """Full-width digits, points, per cents and brackets (４，８６２．３５万元，６．８７％)."""
    return "\n".join(line if "|" in line else line.translate(_FULL) for line in _lines(text))


def fullwidth_percent(text: str, rng: random.Random) -> str:
    """Only the per cent sign and the brackets full width (６.８７ stays ASCII)."""
    return text.replace("%", "％").replace("(", "（").replace(")", "）")


def thousands(text: str, rng: random.Random) -> str:
    """Thousands separators put into every figure of five or more digits (68426 → 68,426)."""

    def sep(m: re.Match) -> str:
        whole, _, frac = m.group(0).partition(".")
        if "," in whole or len(whole) < 5:
            return m.group(0)
        return f"{int(whole):,}" + (f".{frac}" if frac else "")

    return re.sub(r"(?<![\d.,])\d+(?:\.\d+)?(?![\d,])", sep, text)


def fullwidth_thousands(text: str, rng: random.Random) -> str:
    """Thousands separators written as the full-width comma (4，862.35万元)."""
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "，", text)


def _furniture(rng: random.Random, page: int, title: str) -> list[str]:
    return rng.choice(
        [
            [f"- {page} -"],
            [f"第 {page} 页 共 12 页"],
            [str(page)],
            [title],
            ["", f"— {page} —", ""],
            [title, f"第{page}页"],
        ]
    )


def page_furniture(text: str, rng: random.Random) -> str:
    """Page headers, footers and page numbers between lines, also inside a paragraph that runs
    on to the next page (the sentence wraps round them)."""
    lines = _lines(wrap_between_words(text, rng))
    title = "某某单位2023年度部门决算"
    out, page = [], 2
    for i, line in enumerate(lines):
        out.append(line)
        if i + 1 < len(lines) and rng.random() < 0.3:
            out.extend(_furniture(rng, page, title))
            page += 1
    return "\n".join(out)


def heading_lines(text: str, rng: random.Random) -> str:
    """The number of a numbered paragraph on a line of its own ("1." / "（一）" above its text)."""
    return re.sub(r"(?m)^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.、](?!\d))(?=\S)", r"\1\n", text)


_TRAD_OF = dict(
    zip(
        "长减预万亿与额计总资产费经类项个点为较实际决执数财务税补贴员单区县级占别于达门对购买净值负债绩标准调划拨余结转专户统筹币银钱现增后从当营业关系农险医疗养机构维护属偿还债报开发展创设备职托并这归说明收入支出情况规模结构进度间时运行车辆会议接待国内外业务办公用房设施产业园区财政拨款内容综合基层卫生教育科学技术文化体育传媒社会保障就业节能环保城乡社区农林水交通运输住房种类线条单项目标管理绩效评价门户网站规范使用",
        "長減預萬億與額計總資產費經類項個點為較實際決執數財務稅補貼員單區縣級佔別於達門對購買淨值負債績標準調劃撥餘結轉專戶統籌幣銀錢現增後從當營業關係農險醫療養機構維護屬償還債報開發展創設備職託併這歸說明收入支出情況規模結構進度間時運行車輛會議接待國內外業務辦公用房設施產業園區財政撥款內容綜合基層衛生教育科學技術文化體育傳媒社會保障就業節能環保城鄉社區農林水交通運輸住房種類線條單項目標管理績效評價門戶網站規範使用",
        strict=True,
    )
)


def traditional(text: str, rng: random.Random) -> str:
    """The passage in traditional characters (a report from a region that prints them)."""
    return "".join(_TRAD_OF.get(ch, ch) for ch in text)


def markup(text: str, rng: random.Random) -> str:
    """Leftovers of a web page or a Word export: **bold** figures, <br> at line ends, &nbsp;
    and <b>…</b> around a word."""
    text = NUMBER.sub(lambda m: f"**{m.group(0)}**" if rng.random() < 0.3 else m.group(0), text)
    text = re.sub(r"(增长|下降|合计)", lambda m: f"<b>{m.group(1)}</b>" if rng.random() < 0.3 else m.group(1), text)
    text = re.sub(r"([。；])", lambda m: m.group(1) + ("&nbsp;" if rng.random() < 0.3 else ""), text)
    return "\n".join(
        line + "<br>" if line.strip() and "|" not in line and rng.random() < 0.5 else line for line in _lines(text)
    )


def invisible_spaces(text: str, rng: random.Random) -> str:
    """Non-breaking, zero-width and ideographic spaces between words and around figures."""
    marks = ["\u00a0", "\u200b", "\u3000", "\ufeff", "\u2002"]

    def put(m: re.Match) -> str:
        # a visible space only after a character; a zero-width one anywhere, inside figures too
        pool = marks if CJK.match(m.group(0)) else ["\u200b", "\ufeff"]
        return m.group(0) + (rng.choice(pool) if rng.random() < 0.15 else "")

    return "\n".join(line if "|" in line else re.sub(r"[\u4e00-\u9fff\d]", put, line) for line in _lines(text))


def crlf(text: str, rng: random.Random) -> str:
    """Windows line ends."""
    return text.replace("\n", "\r\n")


Transform = Callable[[str, random.Random], str]

SAFE: dict[str, Transform] = {
    "wrap_between_words": wrap_between_words,
    "wrap_after_point": wrap_after_point,
    "wrap_before_unit": wrap_before_unit,
    "spaced_characters": spaced_characters,
    "spaced_numbers": spaced_numbers,
    "fullwidth": fullwidth,
    "fullwidth_percent": fullwidth_percent,
    "thousands": thousands,
    "fullwidth_thousands": fullwidth_thousands,
    "page_furniture": page_furniture,
    "heading_lines": heading_lines,
    "traditional": traditional,
    "markup": markup,
    "invisible_spaces": invisible_spaces,
    "crlf": crlf,
}
CUTTING: dict[str, Transform] = {"wrap_every_width": wrap_every_width}
ALL: dict[str, Transform] = {**SAFE, **CUTTING}


def apply(text: str, names: list[str], seed: int) -> str:
    rng = random.Random(seed)
    for n in names:
        text = ALL[n](text, rng)
    return text
