"""Errors that stop one input from being read.

An :class:`InputError` names the file and, where there is one, the place in it. The CLI
prints it as one line and goes on with the other inputs.
"""

from __future__ import annotations


class FincheckError(Exception):
    """Base class of fincheck's own errors."""


class InputError(FincheckError):
    """An input file that cannot be read."""

    def __init__(self, path: str, message: str, place: str | None = None) -> None:
        self.path = str(path)
        self.place = place
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}!{self.place}" if self.place else self.path
        return f"{where}: {self.message}"


class RuleError(FincheckError):
    """A malformed rule: names the file, the rule and the field."""

    def __init__(self, path: str, message: str, code: str | None = None, field: str | None = None) -> None:
        self.path, self.code, self.field, self.message = str(path), code, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [self.path]
        if self.code:
            parts.append(f"rule {self.code}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return ": ".join([", ".join(parts), self.message])
