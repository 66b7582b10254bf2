"""English number agreement: the English texts write a counted noun as ``{n} word(s)``, and
:func:`agree` says it as the count wants (``1 check``, ``2 checks``, ``once`` for ``1 time(s)``).
Chinese has no plural: its texts are left as they are."""

from __future__ import annotations

import re

_COUNTED = re.compile(r"(?<![\w.,])(\d+) (\w+ )?(\w+)\(s\)")  # a count, a word between, the noun
#: a count of one said as a word
_ONCE = {"time": "once"}


def agree(text: str, lang: str = "en") -> str:
    """``text`` with each ``N word(s)`` in the singular when N is 1, else in the plural."""
    if lang == "zh" or "(s)" not in text:
        return text
    return _COUNTED.sub(_said, text)


def _said(m: re.Match) -> str:
    n, between, word = m.group(1), m.group(2) or "", m.group(3)
    if n == "1":
        return _ONCE.get(word, f"1 {between}{word}") if not between else f"1 {between}{word}"
    return f"{n} {between}{word}s"
