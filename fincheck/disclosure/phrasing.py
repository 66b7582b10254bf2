"""The phrasing the document checks look for, as data (rules/text/disclosure.yaml).

Each group of that file holds its regular expressions (or words) and example texts in which
it must find something (``finds``) and must not (``misses``); tests run them. This module
only compiles the groups.
"""

from __future__ import annotations

import contextlib
import re
from functools import cache
from typing import Any

import yaml

from ..rulesdir import YAML_LOADER, builtin_rules_dir


@cache
def data() -> dict[str, Any]:
    path = builtin_rules_dir() / "text" / "disclosure.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}


@cache
def regex(group: str, key: str = "pattern") -> re.Pattern:
    """The compiled pattern ``key`` of a group (multi-line: ``^``/``$`` at line ends)."""
    return re.compile(data()[group][key], re.M)


@cache
def named(group: str) -> tuple[tuple[str, re.Pattern], ...]:
    """The (name, pattern) entries of a group that is a list (placeholders, instructions)."""
    return tuple((e["name"], re.compile(e["pattern"], re.M)) for e in data()[group])


@cache
def alternatives() -> re.Pattern:
    """Two alternatives of the template left in: "增加（减少）", line breaks allowed inside."""
    words = sorted(data()["alternatives"]["words"], key=len, reverse=True)
    # a word may be split by a line break ("增\n长"): allow one between its characters
    alt = "|".join("\n?".join(map(re.escape, w)) for w in words)
    return re.compile(rf"(?P<first>{alt})\s*[（(]\s*(?P<second>{alt})\s*[)）]")


def compile_all() -> None:
    """Compile every group's patterns now (the command line does it while a PDF's pages are
    extracted): the named entries of list groups, and each text value of the others (a value
    that is not a pattern is skipped)."""
    for group, entries in data().items():
        if isinstance(entries, list):
            named(group)
            continue
        for key, value in entries.items():
            if isinstance(value, str) and key not in ("finds", "misses"):
                with contextlib.suppress(re.error):
                    regex(group, key)
    alternatives()


def examples(group: str) -> list[tuple[str, list[str], list[str]]]:
    """(entry, finds, misses) of a group, for the tests."""
    g = data()[group]
    entries = g if isinstance(g, list) else [g | {"name": group}]
    return [(e["name"], list(e.get("finds") or []), list(e.get("misses") or [])) for e in entries]
