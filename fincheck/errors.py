"""Errors that stop one input from being read, and fincheck's other errors, in both languages.

An error's text is a template with ``{placeholders}`` (its English text, which is also its key
in :data:`fincheck.error_text.ZH`) and the values that fill it: ``str(error)`` is the English
text (the one ``Report.errors`` and JSON give, stable for scripts), ``error.text("zh")`` the
Chinese one. A Chinese template may leave out a placeholder (a library's own English detail).

An :class:`InputError` names the file and, where there is one, the place in it. The CLI
prints it as one line and goes on with the other inputs.
"""

from __future__ import annotations

from typing import Any

from .punctuation import colon, comma, labelled


def localised(template: str, values: dict[str, Any], lang: str) -> str:
    """``template`` in ``lang`` with its values filled (English when no translation is known)."""
    from .error_text import ZH

    text = ZH.get(template, template) if lang == "zh" else template
    if not values:
        return text
    # an error given as a value (the cause) is said in the same language
    values = {k: v.text(lang) if isinstance(v, FincheckError) else v for k, v in values.items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return template.format(**values)


class FincheckError(Exception):
    """Base class of fincheck's own errors: ``str()`` in English, :meth:`text` in a language."""

    template: str = ""
    values: dict[str, Any]

    def __init__(self, template: str = "", **values: Any) -> None:
        self.template, self.values = template, values
        super().__init__(localised(template, values, "en"))

    def text(self, lang: str = "en") -> str:
        if not self.template:
            return str(self)
        return localised(self.template, self.values, lang)

    def __reduce__(self):  # to and from worker processes, whatever the subclass's __init__ takes
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type[FincheckError], args: tuple, state: dict[str, Any]) -> FincheckError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


#: the words that join a place to its message, by language
_WHERE = {lang: "{where}" + colon(lang) + "{message}" for lang in ("zh", "en")}


class InputError(FincheckError):
    """An input file that cannot be read."""

    def __init__(self, path: str, message: str, place: str | None = None, **values: Any) -> None:
        self.path = str(path)
        self.place = place
        self.template, self.values = message, values
        self.message = localised(message, values, "en")
        Exception.__init__(self, str(self))

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        where = f"{self.path}!{self.place}" if self.place else self.path
        return _WHERE["zh" if lang == "zh" else "en"].format(
            where=where, message=localised(self.template, self.values, lang)
        )


class RuleError(FincheckError):
    """A malformed rule: names the file, the rule and the field."""

    def __init__(
        self, path: str, message: str, code: str | None = None, field: str | None = None, **values: Any
    ) -> None:
        self.path, self.code, self.field = str(path), code, field
        self.template, self.values = message, values
        self.message = localised(message, values, "en")
        Exception.__init__(self, str(self))

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        zh = lang == "zh"
        parts = [self.path]
        if self.code:
            parts.append(f"{'规则' if zh else 'rule'} {self.code}")
        if self.field:
            parts.append(f"{'字段' if zh else 'field'} {self.field!r}")
        message = localised(self.template, self.values, lang)
        lang = "zh" if zh else "en"
        return labelled(comma(lang).join(parts), message, lang)


class RulesWarning(UserWarning):
    """A rule folder that loads but is likely a mistake (one with no rule file): said in a
    language like a :class:`RuleError` (:meth:`text`); the command line prints it as a warning."""

    def __init__(self, path: str, message: str, **values: Any) -> None:
        self.error = RuleError(path, message, **values)
        super().__init__(str(self.error))

    def text(self, lang: str = "en") -> str:
        return self.error.text(lang)
