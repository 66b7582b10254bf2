"""Checking the figures in report text (.txt, .md, .docx, or a string).

The pipeline, one module per step::

    normalise   full-width digits, traditional characters, soft line breaks (offset map kept)
    tables      flattened tables (cells separated by "|") → table facts with parent rows
    mentions    figures with units (not dates, years, codes, rankings)
    segment     sentences and clauses
    claims      roles of the figures, subjects, parallel lists, 其中 groups
    bases       share bases by name, or inferred when parts exhaust them; unnamed bases of
                其中 lists and of lists adding up to the total stated before them (checks)
    checks      claims → checks (TXT rules), comparison words (TXT012)
    frames      facts, instances and links for the engine; an amount's ``item`` is the name
                a table would give it (labels.item_name), which the text-table binder
                (fincheck/kinds/texttable.py, TXT011) pairs with the document's tables

:func:`load_text` returns a :class:`fincheck.model.Loaded` whose ``bound`` holds the text
facts with the pre-bound claim checks, and the flattened tables' facts with theirs.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..limits import check_figures
from ..model import Loaded, SchemaIssue
from ..model.location import Locator, text_locator
from ..sources.docx import read_docx
from ..sources.textfile import read_text_file
from ..sources.texttables import read_pipe_tables
from .arithmetic import arithmetic_frames
from .balance_rows import balance_frames, balance_spans
from .control_rows import control_frames
from .forms import read_forms
from .frames import text_frames
from .mentions import count_figures
from .normalise import normalise
from .score_rows import score_row_frames
from .tables import find_tables
from .weights import weight_frames

#: texts longer than this are checked in their first MAX_CHARS characters only
MAX_CHARS = 1_000_000


def load_text(text: str, name: str = "<text>", locate: Locator = text_locator) -> Loaded:
    """The facts and checks of a text; ``locate`` maps a span of it to its place in the source
    (a PDF page's line, a Word paragraph), so every fact is located when it is built."""
    if not isinstance(text, str):
        raise InputError(name, "text must be a string")
    if "\x00" in text[:10000]:
        raise InputError(name, "not a text file (binary content)")
    note = ""
    if len(text) > MAX_CHARS:
        note = {"zh": f"只校验了前 {MAX_CHARS} 个字符", "en": f"only the first {MAX_CHARS} characters were checked"}
        text = text[:MAX_CHARS]
    loaded = Loaded(text=text)
    if not text.strip():
        return loaded
    # Markdown pipe tables go through the table recognisers, then leave the prose
    recognised, spans = read_pipe_tables(text, name, locate)
    for rec in recognised:
        loaded.add(rec)
    text = _mask(text, spans)
    # forms flattened into running text (header words, then rows of figures) likewise
    forms, spans = read_forms(text, name, locate, first=len(recognised) + 1)
    for rec in forms:
        loaded.add(rec)
    text = _mask(text, spans)
    norm = normalise(text)
    check_figures(count_figures(norm.text), name)  # before the claims, whose cost grows with them
    found = find_tables(norm, name, locate, frozenset(balance_spans(norm.text)))  # balance sheets: by row names
    for t in found:
        if t.table is None:
            continue
        loaded.tables.append(t.table)
        loaded.bound.append((t.facts, t.instances, t.links))
    weights = weight_frames(norm, name, locate)  # indicator tables' weights, flattened or not
    if weights is not None:
        loaded.bound.append(weights)
    balance = balance_frames(norm, name, locate)  # a balance sheet flattened into "|" lines
    if balance is not None:
        loaded.bound.append(balance)
    control = control_frames(norm, name, locate)  # a 三公经费 table flattened into one stream
    if control is not None:
        loaded.bound.append(control)
    scores = score_row_frames(norm, name, locate)  # a total score over its run-together indicator rows
    if scores is not None:
        loaded.bound.append(scores)
    masked = _mask(norm.text, [(t.start, t.end) for t in found])
    arithmetic = arithmetic_frames(masked, norm, name, locate)  # arithmetic written out ("A÷B=x%")
    if arithmetic is not None:
        loaded.bound.append(arithmetic)
    facts, inst, links = text_frames(masked, norm, name, locate)
    if len(facts):
        loaded.bound.append((facts, inst, links))
    if note:
        loaded.issues.append(SchemaIssue("SCH002", name, None, locate(1, 0, 0, "").to_dict(), note, "info"))
    return loaded


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out the flattened tables (same length, so offsets stay valid)."""
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def load_text_file(path: Path) -> Loaded:
    """A text file (or a .docx, all its tables as text) through the text stage alone."""
    path = Path(path)
    if path.suffix.lower() == ".docx" and path.is_file():
        prose = read_docx(path).prose
        assert prose is not None
        text = "\n".join(prose.lines)
        if not text.strip():
            raise InputError(str(path), "the document holds no text")
        return load_text(text, str(path), prose.locator(prose.lines))
    return load_text(read_text_file(path), str(path))
