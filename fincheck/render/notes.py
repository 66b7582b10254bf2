"""A check's note as a renderer appends it: said once.

A skipped check's message already says why it was skipped ("…：未校验，未找到可供核对的数字"),
so its note is not repeated after it in brackets; other notes ("舍入差") are.
"""

from __future__ import annotations

from .labels import note_text


def unsaid_note(message: str, note: str, lang: str) -> str:
    """``note`` in ``lang``, or "" when there is none or ``message`` says it already."""
    said = note_text(note, lang) if note else ""
    return "" if not said or said in (message or "") else said
