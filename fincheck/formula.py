"""A small, safe parser for rule formulas and share/rate base expressions.

Grammar (no ``eval``, no attribute access, no calls but ``min``/``max``/``abs``)::

    relation := expr ( "=" | "==" | "<=" | ">=" | "≤" | "≥" ) expr
    expr     := term (("+" | "-") term)*
    term     := factor (("*" | "×" | "/" | "÷") factor)*
    factor   := "-" factor | NUMBER ["%"] | REF | NAME "(" expr ("," expr)* ")" | "(" expr ")"
    REF      := "[" [table ":"] [item] ["@" column] ["?"] "]"

A reference names an item (a row label, alias-resolved), optionally a column and a table
type; an empty item means "the same row", an empty column "the same column". A trailing
``?`` makes the operand optional: absent, it counts as 0. In base expressions (the tidy
format's 占比基数 / 执行率基数 columns) a bare item name without brackets is accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import FincheckError


class FormulaError(FincheckError):
    pass


@dataclass(frozen=True)
class Ref:
    table: str | None
    item: str | None
    column: str | None
    optional: bool = False

    def __str__(self) -> str:
        t = f"{self.table}:" if self.table else ""
        c = f"@{self.column}" if self.column else ""
        return f"[{t}{self.item or ''}{c}{'?' if self.optional else ''}]"


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class BinOp:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Ref | Num | BinOp | Neg | Call

_FUNCS = {"min", "max", "abs"}
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\[[^\]]*\])
      | (?P<num>\d+(?:\.\d+)?%?)
      | (?P<rel><=|>=|==|=|≤|≥|<|>)
      | (?P<op>[-+*/×÷(),−])
      | (?P<name>[^\s\[\]\d+\-*/×÷(),=<>≤≥−][^\s\[\]+\-*/×÷(),=<>≤≥−]*)
    )""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            at = len(text) - len(text[pos:].lstrip())  # the character itself, not the space before it
            if text[at] == "[":  # "[a] <= [": an opening bracket with no closing one after it
                raise FormulaError("the bracket [ at {pos} in {text} is not closed", pos=at + 1, text=repr(text))
            raise FormulaError(
                "unexpected character {char} at {pos} in {text}", char=repr(text[at]), pos=at + 1, text=repr(text)
            )
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def parse_ref(body: str) -> Ref:
    inner = body.strip()[1:-1].strip()
    optional = inner.endswith("?")
    if optional:
        inner = inner[:-1].strip()
    table = None
    if ":" in inner:
        table, inner = inner.split(":", 1)
        table = table.strip() or None
    column = None
    if "@" in inner:
        inner, column = inner.rsplit("@", 1)
        column = column.strip() or None
    item = inner.strip() or None
    if item is None and column is None:
        raise FormulaError("empty reference {body}", body=repr(body))
    return Ref(table, item, column, optional)


class _Parser:
    def __init__(self, text: str, bare_names: bool) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.bare_names = bare_names

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise FormulaError("formula ends too early: {text}", text=repr(self.text))
        self.i += 1
        return tok

    def expect(self, value: str) -> None:
        _kind, tok = self.take()
        if tok != value:
            raise FormulaError(
                "expected {value}, found {tok} in {text}", value=repr(value), tok=repr(tok), text=repr(self.text)
            )

    def expr(self) -> Node:
        node = self.term()
        while (tok := self.peek()) and tok[1] in ("+", "-", "−"):
            self.take()
            node = BinOp("+" if tok[1] == "+" else "-", node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while (tok := self.peek()) and tok[1] in ("*", "/", "×", "÷"):
            self.take()
            node = BinOp("*" if tok[1] in ("*", "×") else "/", node, self.factor())
        return node

    def factor(self) -> Node:
        kind, tok = self.take()
        if tok in ("-", "−"):
            return Neg(self.factor())
        if tok == "(":
            node = self.expr()
            self.expect(")")
            return node
        if kind == "num":
            return Num(float(tok[:-1]) / 100 if tok.endswith("%") else float(tok))
        if kind == "ref":
            return parse_ref(tok)
        if kind == "name":
            nxt = self.peek()
            if nxt and nxt[1] == "(" and tok in _FUNCS:
                self.take()
                args = [self.expr()]
                while (t := self.peek()) and t[1] == ",":
                    self.take()
                    args.append(self.expr())
                self.expect(")")
                return Call(tok, tuple(args))
            if self.bare_names:
                return Ref(None, tok, None)
            raise FormulaError(
                "unknown name {tok} in {text}: write item references as [item]", tok=repr(tok), text=repr(self.text)
            )
        raise FormulaError("unexpected {tok} in {text}", tok=repr(tok), text=repr(self.text))


def parse_expr(text: str, bare_names: bool = False) -> Node:
    p = _Parser(text, bare_names)
    node = p.expr()
    if p.peek() is not None:
        raise FormulaError("unexpected {tok} in {text}", tok=repr(p.peek()[1]), text=repr(text))  # type: ignore[index]
    return node


_REL = {"=": "eq", "==": "eq", "<=": "le", "≤": "le", ">=": "ge", "≥": "ge"}


def parse_relation(text: str) -> tuple[Node, str, Node]:
    """Parse ``lhs REL rhs``; returns (lhs, op, rhs) with op in eq / le / ge."""
    toks = _tokens(text)
    rels = [i for i, (k, _) in enumerate(toks) if k == "rel"]
    if len(rels) != 1:
        raise FormulaError("a rule formula needs exactly one of = <= >=: {text}", text=repr(text))
    rel = toks[rels[0]][1]
    if rel not in _REL:
        raise FormulaError(
            "strict comparison {rel} is not supported (use <= or >=) in {text}", rel=repr(rel), text=repr(text)
        )
    # split the text at the relation token: re-tokenising each side keeps positions simple
    left_text, right_text = re.split(r"<=|>=|==|=|≤|≥", text, maxsplit=1)
    return parse_expr(left_text), _REL[rel], parse_expr(right_text)


def refs(node: Node) -> list[Ref]:
    if isinstance(node, Ref):
        return [node]
    if isinstance(node, BinOp):
        return refs(node.left) + refs(node.right)
    if isinstance(node, Neg):
        return refs(node.operand)
    if isinstance(node, Call):
        return [r for a in node.args for r in refs(a)]
    return []


def linear_terms(node: Node, sign: float = 1.0) -> list[tuple[float, Ref]] | None:
    """Decompose a linear expression into (coefficient, ref) terms; None if not linear."""
    if isinstance(node, Ref):
        return [(sign, node)]
    if isinstance(node, Neg):
        return linear_terms(node.operand, -sign)
    if isinstance(node, BinOp) and node.op in "+-":
        left = linear_terms(node.left, sign)
        right = linear_terms(node.right, sign if node.op == "+" else -sign)
        return None if left is None or right is None else left + right
    if isinstance(node, BinOp) and node.op == "*":
        if isinstance(node.left, Num):
            return linear_terms(node.right, sign * node.left.value)
        if isinstance(node.right, Num):
            return linear_terms(node.left, sign * node.right.value)
    return None


def evaluate(node: Node, env, const):
    """Evaluate ``node`` with ``env(ref)`` giving operand values and ``const(x)`` constants.

    Works for any value type with + - * / (floats, numpy arrays, :class:`Interval`).
    """
    if isinstance(node, Ref):
        return env(node)
    if isinstance(node, Num):
        return const(node.value)
    if isinstance(node, Neg):
        return -evaluate(node.operand, env, const)
    if isinstance(node, BinOp):
        a, b = evaluate(node.left, env, const), evaluate(node.right, env, const)
        return {"+": a.__add__, "-": a.__sub__, "*": a.__mul__, "/": a.__truediv__}[node.op](b)
    if isinstance(node, Call):
        args = [evaluate(a, env, const) for a in node.args]
        if node.name == "abs":
            return args[0].maximum(-args[0]) if hasattr(args[0], "maximum") else abs(args[0])
        out = args[0]
        for a in args[1:]:
            if hasattr(out, "minimum"):
                out = out.minimum(a) if node.name == "min" else out.maximum(a)
            else:
                out = min(out, a) if node.name == "min" else max(out, a)
        return out
    raise FormulaError("cannot evaluate {node}", node=repr(node))
