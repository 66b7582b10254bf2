"""Metamorphic tests of the text reader: the invented passages (tests/text_cases/invented) put
through the surface noise of real extracted text (tests/surface_forms.py: hard wraps, letter
spacing, full-width figures and separators, page furniture, traditional characters, markup,
invisible spaces, CRLF), one at a time and combined.

The properties: no transform creates a failure; a transform that keeps every figure and name
readable keeps every check that matters (rule, status, stated figure) of the clean passage;
and an injected error (key.yaml) is still found after the transform. The examples are drawn
with a fixed derandomised profile, so CI runs the same few cases fast; run the file as a
script for the whole matrix (every passage x every transform):
``python tests/test_text_surface.py``.
"""

from __future__ import annotations

import sys
from collections import Counter
from functools import cache
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import surface_forms as sf

import fincheck

HERE = Path(__file__).resolve().parent / "text_cases" / "invented"
KEY = yaml.safe_load((HERE / "key.yaml").read_text(encoding="utf-8"))
NAMES = sorted(KEY["passages"])

#: transforms that may lose a reading (never create a failure), with why
LOSSY = {
    "wrap_every_width": "a wrap at a fixed width cuts figures and names where nothing says it did",
    "wrap_between_words": "a wrap inside the first clause of a numbered paragraph looks like a short heading line",
    "wrap_before_unit": "as wrap_between_words, and a figure cut from its % on a heading line",
    "wrap_after_point": "as wrap_between_words",
    "spaced_numbers": "a sign cut from its figure (- 3.2) is not read as the figure's sign",
    "page_furniture": "the page break's wraps (as wrap_between_words)",
    "heading_lines": "a paragraph number on its own line above a table title",
}
KEEPING = sorted(set(sf.SAFE) - set(LOSSY))
PROFILE = settings(
    max_examples=10, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)


@cache
def _text(name: str) -> str:
    return (HERE / f"{name}.txt").read_text(encoding="utf-8")


def _key(text: str) -> Counter:
    checks = fincheck.check_text(text).to_dict()["checks"]
    return Counter(
        (c["rule"], c["status"], None if c["stated"] is None else round(float(c["stated"]), 6)) for c in checks
    )


@cache
def _clean(name: str) -> Counter:
    return _key(_text(name))


def _fails(k: Counter) -> Counter:
    return Counter({c: n for c, n in k.items() if c[1] == "fail"})


@PROFILE
@given(
    st.sampled_from(NAMES),
    st.lists(st.sampled_from(sorted(sf.ALL)), min_size=1, max_size=3, unique=True),
    st.integers(0, 999),
)
def test_no_transform_creates_a_failure(name, transforms, seed):
    got = _key(sf.apply(_text(name), transforms, seed))
    assert not (_fails(got) - _fails(_clean(name))), (
        name,
        transforms,
        seed,
        sorted((_fails(got) - _fails(_clean(name))).elements()),
    )


@PROFILE
@given(
    st.sampled_from(NAMES), st.lists(st.sampled_from(KEEPING), min_size=1, max_size=3, unique=True), st.integers(0, 999)
)
def test_a_readable_transform_keeps_every_check(name, transforms, seed):
    assume(not {"spaced_characters", "markup"} <= set(transforms))  # no extractor spaces out the tags
    got = _key(sf.apply(_text(name), transforms, seed))
    clean = _clean(name)
    assert got == clean, (
        name,
        transforms,
        seed,
        "extra",
        sorted((got - clean).elements()),
        "lost",
        sorted((clean - got).elements()),
    )


ERRORS = [
    (name, e)
    for name in NAMES
    for e in KEY["passages"][name].get("errors") or []
    if not e.get("missed") and "stated" in e
]


@settings(max_examples=5, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from(ERRORS),
    st.lists(st.sampled_from(KEEPING), min_size=1, max_size=2, unique=True),
    st.integers(0, 999),
)
def test_an_injected_error_is_still_found(error, transforms, seed):
    name, edit = error
    assume(not {"spaced_characters", "markup"} <= set(transforms))  # no extractor spaces out the tags
    text = sf.apply(_text(name).replace(edit["find"], edit["replace"]), transforms, seed)
    checks = fincheck.check_text(text).to_dict()["checks"]
    failed = [c for c in checks if c["status"] == "fail" and abs(float(c["stated"]) - float(edit["stated"])) < 1e-9]
    assert failed, (name, edit, transforms, seed)


def test_the_transforms_change_the_text():
    texts = [_text(n) for n in ("jz01_zongti", "yb41_county_may")]
    for n in sf.ALL:
        assert any(sf.apply(t, [n], 1) != t for t in texts), n


def main() -> None:
    """Every passage through every transform: what differs from the clean reading."""
    for t in sorted(sf.ALL):
        differ = new_fail = 0
        for name in NAMES:
            got, clean = _key(sf.apply(_text(name), [t], 7)), _clean(name)
            if got != clean:
                differ += 1
                new_fail += sum((_fails(got) - _fails(clean)).values())
                print(f"  {t} {name}: extra {sorted((got - clean).elements())} lost {sorted((clean - got).elements())}")
        print(f"{t}: {differ}/{len(NAMES)} passages read differently, {new_fail} new failures", flush=True)


if __name__ == "__main__":
    main()
