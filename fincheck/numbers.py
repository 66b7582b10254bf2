"""Reading numbers as they are printed.

A printed figure stands for an interval: "915.40" means any value in [915.395, 915.405].
Everything here keeps the number of decimals a figure was printed with, because the
tolerance of every check is derived from it.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

from .model.units import half_unit

#: Cell texts that mean "nothing here" (zero or empty, by domain meaning).
EMPTY_MARKS = frozenset({"", "—", "–", "-", "－", "——", "--", "/", "…", "空", "无"})

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，－＋％（）　：",
    "0123456789.,-+%() :",
)

_NUMBER_RE = re.compile(
    r"""^\s*
    (?P<open>\()?\s*
    (?P<sign>[-+−])?\s*
    (?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)
    \s*(?P<pct>%)?\s*
    (?P<close>\))?\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Printed:
    """A number as printed: its value, its decimals and whether it was a percentage.

    For a percentage, ``value`` is in percent units (97.6 for "97.60%").
    """

    value: float
    decimals: int
    percent: bool = False

    @property
    def half_unit(self) -> float:
        return half_unit(self.decimals)


def normalise_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII."""
    return text.translate(_FULLWIDTH)


def is_empty_mark(text: str) -> bool:
    return normalise_digits(str(text)).strip() in EMPTY_MARKS


def parse_printed(text: str) -> Printed | None:
    """Parse a printed figure such as "1,234.50", "（12.3）", "-0.5", "97.60%", "１２".

    Returns None when the text is not a single number. Empty marks ("—", "-", "")
    return None too: callers decide what emptiness means with :func:`is_empty_mark`.
    """
    s = normalise_digits(str(text)).strip()
    if not s or s in EMPTY_MARKS:
        return None
    m = _NUMBER_RE.match(s)
    if not m:
        return None
    if bool(m.group("open")) != bool(m.group("close")):
        return None
    digits = m.group("num").replace(",", "")
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    value = float(digits)
    if m.group("sign") in ("-", "−") or m.group("open"):
        value = -value
    return Printed(value, decimals, bool(m.group("pct")))


def decimals_of_float(value: float, max_decimals: int = 10) -> int:
    """Decimals shown by a General-format cell: the shortest repr, capped."""
    if not math.isfinite(value) or value == int(value):
        return 0
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.{max_decimals}f}".rstrip("0")
    return min(len(text.split(".", 1)[1]) if "." in text else 0, max_decimals)


_FORMAT_SECTION_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def format_decimals(number_format: str | None, value: float) -> tuple[int, bool]:
    """Decimals and percent flag that an Excel number format prints for ``value``.

    ``0.00`` → (2, False); ``0.00%`` → (2, True); ``#,##0`` → (0, False);
    ``General`` → the decimals of the value itself.
    """
    positive, negative, zero = format_sections(number_format)
    decimals, percent = negative if value < 0 else zero if value == 0 else positive
    if decimals is None:
        return decimals_of_float(value), False
    return decimals, percent


SectionRule = tuple[int | None, bool]


@functools.lru_cache(maxsize=4096)
def format_sections(number_format: str | None) -> tuple[SectionRule, SectionRule, SectionRule]:
    """What a number format prints for positive, negative and zero values: (decimals, percent)
    each, decimals None where the value's own decimals show (General, text-only sections)."""
    fmt = (number_format or "General").strip()
    if fmt.lower() in ("general", "@", ""):
        return (None, False), (None, False), (None, False)
    sections = fmt.split(";")
    positive = _section_rule(sections[0])
    negative = _section_rule(sections[1]) if len(sections) > 1 and sections[1].strip() else positive
    zero = _section_rule(sections[2]) if len(sections) > 2 and sections[2].strip() else positive
    return positive, negative, zero


def _section_rule(section: str) -> SectionRule:
    bare = _FORMAT_SECTION_RE.sub("", section)
    m = re.search(r"[0#?]\.([0#?]+)", bare)
    if m:
        return len(m.group(1)), "%" in bare
    if re.search(r"[0#?]", bare):
        return 0, "%" in bare
    return None, False  # a format without digit placeholders (e.g. text): the value's decimals


def decimals_of_floats(values: np.ndarray, max_decimals: int = 10) -> np.ndarray:
    """:func:`decimals_of_float` over an array: whole numbers 0, the others from numpy's shortest
    repr (the same digits as Python's), exponent forms one by one."""
    import numpy as np

    v = np.asarray(values, dtype="float64")
    out = np.zeros(len(v), dtype="int64")
    frac = np.isfinite(v) & (v != np.trunc(v))
    if not frac.any():
        return out
    text = v[frac].astype(str)
    dot = np.strings.find(text, ".")
    dec = np.strings.str_len(text) - dot - 1
    odd = (dot < 0) | (np.strings.find(text, "e") >= 0)
    if odd.any():
        dec[odd] = [decimals_of_float(x, max_decimals) for x in v[frac][odd].tolist()]
    out[frac] = np.minimum(dec, max_decimals)
    return out
