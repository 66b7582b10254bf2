"""Arithmetic written out in the text: "(63.46-32)÷32=98.31%", "1922.76+767.86=2690.62万元".

Evaluation reports often show their working: an expression of printed figures, "=", and the
result they state. The expression is read as it is printed (no figure is looked up
elsewhere): a signed sum of figures, or one signed sum divided by another, optionally times
a constant 100 or 100% (a rate in percent). Each figure keeps its printed precision, so the
check passes whenever rounding explains the gap (TXT021). What is read:

* figures, with or without one unit (the same for every figure of a sum); a trailing % on
  the result makes it a percentage: the expression's value × 100, unless the expression
  multiplies by a bare 100 itself;
* + - − (sums), ÷ / (one division of two sums), × * by 100 or 100% only, brackets;
* in a chain "=(本年数-上年数)÷上年数=(63.46-32)÷32=98.31%" the expression of figures.

Not read (no check, as there is nothing to recompute from the printing alone): a product of
two figures other than a constant 100, a division inside a division, an expression with a
word or a figure of another unit in it, a date or a year ("2018-07-07"); a visible skip says
so for products.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .claims import Claim, Role
from .mentions import Mention

_UNITS = ("万亿元", "亿元", "万元", "千元", "元", "人", "个", "分", "%")
_NUM = r"\d+(?:\.\d+)?"
_UNIT = "(?:" + "|".join(_UNITS) + ")"
#: a run of an expression's characters ending at "=" and a result; the run starts after
#: anything that cannot be part of an expression
_CHAIN = re.compile(
    r"(?P<expr>[(（]*\s*" + _NUM + r"\s*" + _UNIT + r"?(?:\s*[-−+＋×*÷/()（）]\s*[(（]*\s*" + _NUM + r"\s*"
    r"(?:" + _UNIT + r")?\s*[)）]*)+)\s*[=＝]\s*(?P<res>" + _NUM + r")\s*(?P<unit>" + _UNIT + r")?"
)
_TOKEN = re.compile(r"\s*(?:(?P<num>" + _NUM + r")\s*(?P<unit>" + _UNIT + r")?|(?P<op>[-−+＋×*÷/()（）]))")
_BEFORE = re.compile(r"[\d.]$")  # an expression does not start inside another figure (a date, a code)


class Unsupported(Exception):
    """An expression the reader does not recompute (the reason is its message)."""


@dataclass
class Linear:
    terms: list[tuple[int, float]] = field(default_factory=list)  # (figure index, coefficient)
    scale: float = 1.0  # an exact constant factor (×100)


@dataclass
class Ratio:
    num: Linear
    den: Linear
    factor: float = 1.0


@dataclass
class Figure:
    start: int
    end: int
    text: str
    unit: str


class _Parser:
    def __init__(self, tokens: list[tuple[str, str, str, int, int]]):
        self.tokens, self.i = tokens, 0
        self.figures: list[Figure] = []
        self.bare_hundred = False

    def peek(self) -> str:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else ""

    def take(self) -> tuple[str, str, str, int, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expression(self) -> Linear | Ratio:
        node = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()[0]
            node = _add(node, self.term(), 1.0 if op == "+" else -1.0)
        return node

    def term(self) -> Linear | Ratio:
        node = self.factor()
        while self.peek() in ("*", "/"):
            op = self.take()[0]
            if op == "*":
                node = _times(node, self.constant())
            else:
                if isinstance(node, Ratio):
                    raise Unsupported("a division inside a division")
                den = self.factor()
                if not isinstance(den, Linear):
                    raise Unsupported("a division inside a division")
                node = Ratio(node, den)
        return node

    def constant(self) -> float:
        kind, text, unit, _a, _b = self.take() if self.i < len(self.tokens) else ("", "", "", 0, 0)
        if kind != "n" or float(text) != 100:
            raise Unsupported("a product of printed figures")
        if unit == "%":
            return 1.0
        if unit:
            raise Unsupported("a product of printed figures")
        self.bare_hundred = True
        return 100.0

    def factor(self) -> Linear | Ratio:
        if self.peek() == "(":
            self.take()
            node = self.expression()
            if self.peek() != ")":
                raise Unsupported("unbalanced brackets")
            self.take()
            return node
        if self.peek() == "-":
            self.take()
            return _add(Linear(), self.factor(), -1.0)
        if self.peek() != "n":
            raise Unsupported("not an expression of figures")
        _kind, text, unit, a, b = self.take()
        self.figures.append(Figure(a, b, text, unit))
        return Linear([(len(self.figures) - 1, 1.0)])


def _add(a: Linear | Ratio, b: Linear | Ratio, sign: float) -> Linear:
    if not isinstance(a, Linear) or not isinstance(b, Linear) or a.scale != b.scale:
        raise Unsupported("a sum with a quotient in it")
    return Linear(a.terms + [(k, sign * c) for k, c in b.terms], a.scale)


def _times(node: Linear | Ratio, constant: float) -> Linear | Ratio:
    if isinstance(node, Ratio):
        return Ratio(node.num, node.den, node.factor * constant)
    return Linear([(k, c * constant) for k, c in node.terms], node.scale * constant)


_OPS = {"−": "-", "＋": "+", "×": "*", "÷": "/", "（": "(", "）": ")"}


def _tokens(expr: str, offset: int) -> list[tuple[str, str, str, int, int]]:
    out = []
    pos = 0
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if m is None or m.end() == pos:
            if expr[pos:].strip():
                raise Unsupported("not an expression of figures")
            break
        if m.group("num") is not None:
            out.append(("n", m.group("num"), m.group("unit") or "", offset + m.start("num"), offset + m.end("num")))
        else:
            op = _OPS.get(m.group("op"), m.group("op"))
            out.append((op, op, "", offset + m.start("op"), offset + m.end("op")))
        pos = m.end()
    return out


def _not_amount(f: Figure) -> bool:
    """A figure that is no amount: a leading zero ("07" of a date), or a year without a unit."""
    if re.match(r"0\d", f.text):
        return True
    return not f.unit and "." not in f.text and 1900 <= int(f.text) <= 2100


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def arithmetic_claims(text: str) -> tuple[list[Mention], list[Claim]]:
    """The figures of the written-out expressions in ``text`` (as mentions) and their TXT021 checks."""
    mentions: list[Mention] = []
    claims: list[Claim] = []
    if "=" not in text and "＝" not in text:
        return mentions, claims
    for m in _CHAIN.finditer(text):
        expr_start = m.start("expr")
        if expr_start and _BEFORE.search(text, 0, expr_start) and _BEFORE.match(text[expr_start - 1]):
            continue
        claim = _claim(text, m, mentions)
        if claim is not None:
            claims.append(claim)
    return mentions, claims


def _claim(text: str, m: re.Match, mentions: list[Mention]) -> Claim | None:
    expr = m.group("expr")
    try:
        parser = _Parser(_tokens(expr, m.start("expr")))
        node = parser.expression()
        if parser.i != len(parser.tokens):
            raise Unsupported("not an expression of figures")
    except Unsupported as why:
        if str(why) != "a product of printed figures":
            return None
        return _skip(text, m, mentions, str(why))
    except IndexError:
        return None
    res_unit = m.group("unit") or ""
    figures = parser.figures
    if len(figures) < 2 or any(_not_amount(f) for f in figures):
        return None
    if res_unit and res_unit != "%" and all(not f.unit for f in figures):
        for f in figures:  # "1200.50+300.25=1500.75万元": the result's unit is every figure's
            f.unit = res_unit
    first = len(mentions)
    for f in figures:
        mentions.append(_mention(text, f.start, f.end, f.unit, operand=True))
    stated = _result(text, m, mentions)
    if isinstance(node, Ratio):
        units = {f.unit for f in figures} - {""}
        if len(units) > 1:
            return None
        factor = node.factor * node.num.scale / node.den.scale
        if res_unit == "%" and not parser.bare_hundred:
            factor *= 100.0
        c = Claim("TXT021", stated, [(first + k, co) for k, co in node.num.terms], stated=stated, form="ratio")
        c.den = [(first + k, co) for k, co in node.den.terms]
        c.factor = factor
    else:
        units = {f.unit for f in figures}
        if len(units) > 1 or (res_unit and res_unit not in units) or node.scale != 1.0:
            return None  # a sum of another unit, or scaled by 100: not read as printed
        c = Claim("TXT021", stated, [(first + k, co) for k, co in node.terms], stated=stated)
    c.label = _label(text, m.start("expr"))
    c.column = "算式"
    c.evidence = [("parts", "relation")]  # every operand is printed in the expression itself
    return c


def _skip(text: str, m: re.Match, mentions: list[Mention], why: str) -> Claim:
    stated = _result(text, m, mentions)
    c = Claim("TXT021", stated, [], stated=stated, label=_label(text, m.start("expr")), column="算式")
    c.status, c.note = "skip", why
    return c


def _result(text: str, m: re.Match, mentions: list[Mention]) -> int:
    mentions.append(
        _mention(text, m.start("res"), m.end("unit") if m.group("unit") else m.end("res"), m.group("unit") or "")
    )
    return len(mentions) - 1


def _mention(text: str, a: int, b: int, unit: str, operand: bool = False) -> Mention:
    """A figure of the expression. Its precision: an integer operand is exact (the writer
    computed with it as printed: "÷32", "136÷143"), and so is an integer count result ("=20人");
    a figure with decimals may be rounded to them."""
    num = re.match(_NUM, text[a:b])
    value = float(num.group()) if num else float("nan")
    kind = "percent" if unit == "%" else "money" if unit.endswith("元") else "count"
    dec = _decimals(num.group()) if num else 0
    if dec == 0 and (operand or unit in _COUNTS):
        dec = -1
    return Mention(a, b, value, dec, unit, kind, text[a:b])


_COUNTS = ("人", "个", "分")


_LABEL = re.compile(r"([\u4e00-\u9fff“”\"]{2,20})\s*[=＝:：]?\s*[(（]?\s*$")


def _label(text: str, start: int) -> str:
    """The words just before the expression ("变动率=" → 变动率), skipping one written-out chain."""
    before = text[max(0, start - 60) : start]
    before = re.sub(r"[(（][^()（）]*[)）]\s*[÷/]\s*[\u4e00-\u9fff]+\s*[=＝]\s*$", "", before)
    found = _LABEL.search(before)
    return found.group(1).strip('“”"') if found else ""


def arithmetic_roles(mentions: list[Mention]) -> list[Role]:
    return [Role("amount") for _ in mentions]


def arithmetic_frames(text: str, norm, name: str, locate):
    """Facts, instances and links of the written-out arithmetic of ``text`` (normalised,
    tables blanked; None without any)."""
    from .frames import claim_frames, mention_facts

    mentions, claims = arithmetic_claims(text)
    if not claims:
        return None
    labels = [""] * len(mentions)
    for c in claims:
        labels[c.stated] = c.label
    facts = mention_facts(name, norm, mentions, arithmetic_roles(mentions), labels, locate=locate)
    facts = facts.assign(column="算式")  # a column of their own: the prose's facts number their rows too
    inst, links = claim_frames(name, claims)
    return facts, inst, links
