"""Punctuation in the language of the words it follows: after Chinese words a colon is the
full-width ``：`` and a comma ``，``; after English words ``: `` and ``, ``. Every output that
joins a label to its text (``无法读取：文件不存在``, ``unreadable: no such file``) takes them from
here, so no Chinese output has an ASCII colon after Chinese words."""

from __future__ import annotations

COLON = {"zh": "：", "en": ": "}
COMMA = {"zh": "，", "en": ", "}


def colon(lang: str) -> str:
    """The colon after words in ``lang`` (``zh`` full-width; anything else ``": "``)."""
    return COLON.get(lang, COLON["en"])


def comma(lang: str) -> str:
    """The comma between items in ``lang`` (``zh`` full-width; anything else ``", "``)."""
    return COMMA.get(lang, COMMA["en"])


def labelled(head: str, text: str, lang: str) -> str:
    """``head`` followed by its ``text``: ``无法读取：文件不存在`` / ``unreadable: no such file``."""
    return f"{head}{colon(lang)}{text}"
