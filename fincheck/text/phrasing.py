"""Phrasing knowledge as data: the words the claim readers look for (rules/text/phrasing.yaml).

A group (direction, compare, previous, kind, scope, execution, difference, no_change,
enumeration) is a list of entries; each entry has literal ``words`` and/or regular
``patterns`` and the ``reading`` it gives. :func:`read` returns the reading of the last
phrasing of a group found in a text (None when there is none); :func:`finder` gives the
compiled alternation of a group, for the readers that need positions. Every entry carries
example sentences, which tests/test_text_phrasing.py runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from ..rulesdir import YAML_LOADER, builtin_rules_dir


@dataclass(frozen=True)
class Entry:
    group: str
    name: str
    reading: tuple[tuple[str, object], ...]
    regex: re.Pattern
    unless: re.Pattern | None
    examples: tuple[dict, ...]


def _compile(words: list[str], patterns: list[str]) -> re.Pattern:
    # longer words first, so that "负增长" wins over "增长"
    alts = [re.escape(w) for w in sorted(words, key=len, reverse=True)] + list(patterns)
    return re.compile("|".join(f"(?:{a})" for a in alts))


@cache
def _data() -> dict:
    """rules/text/phrasing.yaml as written, parsed once (with libyaml where it is installed)."""
    path = builtin_rules_dir() / "text" / "phrasing.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}


@cache
def groups() -> dict[str, tuple[Entry, ...]]:
    data = _data()
    out: dict[str, tuple[Entry, ...]] = {}
    for group, entries in data.items():
        built = []
        for e in entries:
            unless = e.get("unless") or []
            built.append(
                Entry(
                    group,
                    e["name"],
                    tuple(sorted((e.get("reading") or {}).items())),
                    _compile(e.get("words") or [], e.get("patterns") or []),
                    re.compile("|".join(re.escape(u) for u in unless)) if unless else None,
                    tuple(e.get("examples") or []),
                )
            )
        out[group] = tuple(built)
    return out


def matches(group: str, text: str) -> list[tuple[int, int, Entry]]:
    """Every phrasing of ``group`` in ``text``: (start, end, entry), in text order."""
    found = []
    for e in groups()[group]:
        for m in e.regex.finditer(text):
            if m.end() == m.start():
                continue
            if e.unless is not None and any(u.end() >= m.end() for u in e.unless.finditer(text, 0, m.end())):
                continue
            found.append((m.start(), m.end(), e))
    found.sort(key=lambda f: (f[0], -f[1]))
    # overlapping matches: the longer one at a position wins
    out: list[tuple[int, int, Entry]] = []
    for f in found:
        if out and f[0] < out[-1][1]:
            continue
        out.append(f)
    return out


def read(group: str, text: str) -> dict | None:
    """The reading of the last phrasing of ``group`` in ``text``, or None."""
    found = matches(group, text)
    return dict(found[-1][2].reading) if found else None


@cache
def finder(group: str) -> re.Pattern:
    """One regex for every phrasing of a group (for searches; use :func:`read` for readings)."""
    return re.compile("|".join(f"(?:{e.regex.pattern})" for e in groups()[group]))


def words(group: str, **reading) -> tuple[str, ...]:
    """The literal words of the entries of ``group`` whose reading includes ``reading``."""
    out: list[str] = []
    for e in _data().get(group) or []:
        r = e.get("reading") or {}
        if all(r.get(k) == v for k, v in reading.items()):
            out.extend(e.get("words") or [])
    return tuple(out)


@cache
def raw(group: str) -> tuple[dict, ...]:
    """The entries of a group as written (for groups whose readings name terms)."""
    return tuple(_data().get(group) or [])
