"""Evidence of a text reading: how each operand of a claim was tied to its stated figure.

A claim's ``evidence`` is a list of (operand, level) pairs — operand one of base, subject,
current, previous, budget, actual, parts; level one of rules/text/evidence.yaml's (relation,
name-exact, kind-confirmed, period-confirmed, list-marked, name-loose, sentence, exhaustion,
proximity, several-named, name-contained, kind-assumed, period-assumed, list-guessed,
other-subject), each with a strength 0–4. The claim readers (:mod:`fincheck.text.checks`,
:mod:`fincheck.text.readings`) record it where they choose an operand; the arbitration
(:func:`fincheck.text.readings.gate`) turns a failing claim resting on a level below the
threshold into a skip whose note says why ("weak reading: base chosen by proximity only").

This module holds the data and the words of the notes (both languages); it imports nothing
of the text checker, so the engine may translate its notes.
"""

from __future__ import annotations

from functools import cache

import yaml

from ..rulesdir import YAML_LOADER, builtin_rules_dir

WEAK = "weak reading"
AMBIGUOUS = "ambiguous"


@cache
def data() -> dict:
    path = builtin_rules_dir() / "text" / "evidence.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}


def strength(level: str) -> int:
    """A level's strength (an unknown level counts as strong: it is no reason to skip)."""
    e = data()["levels"].get(level)
    return int(e["strength"]) if e else 4


def threshold() -> int:
    return int(data()["threshold"])


def weak(evidence: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (operand, level) pairs below the threshold, weakest first."""
    t = threshold()
    return sorted((e for e in evidence if strength(e[1]) < t), key=lambda e: strength(e[1]))


def plausible(evidence: list[tuple[str, str]]) -> bool:
    """Whether a reading is plausible: every operand it graded rests on name, kind or period
    evidence (or on the structure of its sentence), none on position or a guess alone."""
    return not weak(evidence)


def weak_note(operand: str, level: str) -> str:
    """ "weak reading: base chosen by proximity only"."""
    return f"{WEAK}: {_operand(operand, 'en')} {data()['levels'][level]['en']}"


def _operand(operand: str, lang: str) -> str:
    return data()["operands"].get(operand, {}).get(lang, operand)


@cache
def _weak_notes() -> dict[str, str]:
    """en note → zh note of every (operand, weak level)."""
    out = {}
    lv = data()["levels"]
    for op in data()["operands"]:
        for name, e in lv.items():
            if int(e["strength"]) < threshold():
                out[weak_note(op, name)] = f"{data()['notes'][WEAK]['zh']}：{_operand(op, 'zh')}{e['zh']}"
    return out


def note_text(note: str, lang: str) -> str | None:
    """A note of the arbitration in ``lang`` (None when the note is not one of them)."""
    if note in _weak_notes():
        return _weak_notes()[note] if lang == "zh" else note
    head, sep, rest = note.partition(": ")
    if sep and head == AMBIGUOUS:
        notes = data()["notes"]
        for verdict in ("(fails)", "(passes)", "(not computed)"):
            rest = rest.replace(f" {verdict}", notes[verdict][lang] if lang == "zh" else f" {verdict}")
        return f"{notes[head][lang]}{'：' if lang == 'zh' else ': '}{rest}"
    return None
