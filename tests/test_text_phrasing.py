"""The phrasing data (rules/text/phrasing.yaml): every entry's example sentences give its reading."""

from __future__ import annotations

import pytest

from fincheck.text import phrasing

CASES = [
    pytest.param(group, entry, ex, id=f"{group}:{entry.name}:{n}")
    for group, entries in phrasing.groups().items()
    for entry in entries
    for n, ex in enumerate(entry.examples)
]


def test_every_entry_has_examples():
    assert all(e.examples for es in phrasing.groups().values() for e in es)


@pytest.mark.parametrize(("group", "entry", "example"), CASES)
def test_example_reading(group, entry, example):
    got = phrasing.read(group, example["text"])
    if example.get("absent"):
        assert got is None or got != dict(entry.reading), example["text"]
    else:
        assert got == example["reading"], example["text"]


def test_patterns_are_linear():
    """No nested quantifier in a pattern: each runs over every clause of a document."""
    import re

    nested = re.compile(r"\([^()]*[+*][^()]*\)[+*{]")
    for es in phrasing.groups().values():
        for e in es:
            assert not nested.search(e.regex.pattern), e.name
