"""Text taken from an input, made safe to print on a terminal.

A label, sheet name, file name or quote comes from the file being checked, and a file can hold
anything: ANSI escape sequences that move the cursor and erase the findings above them, a
carriage return that overwrites the line, bidirectional overrides that show text in another
order than it is stored. :func:`clean` removes the C0 and C1 control characters (tab and, where
asked, newline are kept), DEL and the bidirectional controls, and shows undecodable file-name
bytes as ``\\xNN``; :func:`markup` also escapes rich markup (``[bold]``) for text that is
printed through rich's markup parser.
"""

from __future__ import annotations

import re

from rich.markup import escape

from ..outputs import printable_path

# C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates, LRM/RLM/ALM
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NEWLINES = re.compile("[\n]")


def clean(text: object, newlines: bool = True) -> str:
    """``text`` without control characters (newlines kept unless ``newlines`` is False)."""
    out = _CONTROLS.sub("", printable_path(str(text)))
    return out if newlines else _NEWLINES.sub(" ", out)


def markup(text: object) -> str:
    """:func:`clean` text escaped for rich markup, on one line."""
    return escape(clean(text, newlines=False))
