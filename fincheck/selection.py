"""Rule selection as the API and the command line take it: ``"GEN003"``, ``"GEN,FIN"`` or a
list of code prefixes; a prefix that matches no rule is an error, never a silent empty run."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import FincheckError


class UnknownRuleError(FincheckError, ValueError):
    """A ``select`` / ``ignore`` code prefix that matches no rule."""


def code_list(value: str | Iterable[str] | None, option: str = "select") -> list[str] | None:
    """``"GEN,FIN"`` or ``["GEN", "FIN"]`` → ``["GEN", "FIN"]`` (None or empty → None)."""
    if value is None:
        return None
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        items = [value]
    if not all(isinstance(c, str) for c in items):
        raise TypeError(f"{option}: give rule codes as a string or a list of strings, not {value!r}")
    codes = [c.strip().upper() for c in items if c.strip()]
    return codes or None


def check_known(codes: Iterable[str], prefixes: list[str] | None, option: str) -> None:
    """Raise :class:`UnknownRuleError` for a prefix no rule code starts with."""
    known = list(codes)
    for prefix in prefixes or []:
        if not any(code.startswith(prefix) for code in known):
            raise UnknownRuleError(
                "{option} {prefix}: no rule code starts with it (see `fincheck rules`)", option=option, prefix=prefix
            )
