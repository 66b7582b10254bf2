"""Check messages for many checks at once: figures printed with their decimals, operand
expressions joined per check, and message templates filled, all as pyarrow string arrays.

Every function gives exactly the text of the Python formatting it replaces (``f"{v:.2f}"``,
``f"{v:+.1f}"``, ``f"{v:.10g}"``, ``str.format_map``): a figure whose rounding the vectorised
path cannot decide for certain (within two units in the last place of a half) is formatted by
Python, and so is a template with format specifications, conversions or unknown fields.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

DASH = "—"
#: scaled figures at or above this magnitude are formatted by Python (float spacing ≥ 1)
_EXACT = 2.0**52
#: checks whose messages are assembled at once
CHUNK = 200_000


def fixed(values: np.ndarray, decimals: np.ndarray, plus: bool = False) -> pa.Array:
    """``f"{v:.{d}f}"`` (``f"{v:+.{d}f}"`` with ``plus``) per element; ``d`` ≥ 0, finite ``v``."""
    v = np.asarray(values, dtype="float64")
    d = np.asarray(decimals, dtype="int64")
    n = len(v)
    if n == 0:
        return pa.array([], pa.string())
    out: list[pa.Array] = []
    order = np.argsort(d, kind="stable")
    ds = d[order]
    bounds = np.flatnonzero(np.diff(ds)) + 1
    for part in np.split(order, bounds):
        out.append(_fixed_one(v[part], int(d[part[0]]), plus))
    joined = pa.concat_arrays(out) if len(out) > 1 else out[0]
    if len(out) == 1:
        return joined
    inverse = np.empty(n, dtype="int64")
    inverse[order] = np.arange(n)
    return joined.take(pa.array(inverse))


def _fixed_one(v: np.ndarray, d: int, plus: bool) -> pa.Array:
    spec = f"{'+' if plus else ''}.{d}f"
    if d > 22:  # 10**d no longer exact: Python does it
        return pa.array([format(x, spec) for x in v.tolist()], pa.string())
    scaled = np.abs(v) * (10.0**d)
    m = np.rint(scaled)
    # the product is within half a unit in the last place of v·10^d: the rounding is certain
    # unless that lies within two units of a half
    unsure = ~(scaled < _EXACT) | ((0.5 - np.abs(scaled - m)) <= 2 * np.spacing(np.where(scaled < _EXACT, scaled, 1)))
    mi = np.where(unsure, 0, m).astype("int64")
    if d:
        p = 10**d
        whole = pa.array(mi // p).cast(pa.string())
        frac = pc.utf8_lpad(pa.array(mi % p).cast(pa.string()), width=d, padding="0")
        digits = pc.binary_join_element_wise(whole, frac, ".")
    else:
        digits = pa.array(mi).cast(pa.string())
    neg = np.signbit(v)
    sign = pa.array(np.where(neg, "-", "+" if plus else ""), pa.string())
    text = pc.binary_join_element_wise(sign, digits, "")
    if unsure.any():
        slow = [format(x, spec) for x in v[unsure].tolist()]
        text = pc.replace_with_mask(text, pa.array(unsure), pa.array(slow, pa.string()))
    return text


def exact_decimals(values: np.ndarray, decimals: np.ndarray, most: int = 10) -> np.ndarray:
    """``decimals``, raised (to at most ``most``) until each value prints exactly: the figure a
    message computes from printed figures shows all its digits (a ``0.5×`` term adds one)."""
    v = np.asarray(values, dtype="float64")
    d = np.asarray(decimals, dtype="int64").copy()
    todo = np.isfinite(v) & (d >= 0) & (d < most)
    for _ in range(most):
        if not todo.any():
            break
        scaled = v[todo] * np.power(10.0, d[todo])
        off = np.abs(scaled - np.round(scaled)) > 1e-6 + 1e-14 * np.abs(scaled)  # beyond float noise
        idx = np.flatnonzero(todo)
        d[idx[off]] += 1
        todo[idx[~off]] = False
        todo &= d < most
    return d


def printed(values: np.ndarray, decimals: np.ndarray, exact_general: bool = True) -> pa.Array:
    """A figure as printed (``engine._num``): its decimals, or, for exact figures (decimals < 0)
    below 1e15, ``f"{v:.10g}"``; ``—`` where the value is missing or infinite."""
    v = np.asarray(values, dtype="float64")
    d = np.asarray(decimals, dtype="int64")
    finite = np.isfinite(v)
    general = finite & (d < 0) & (np.abs(v) < 1e15) if exact_general else np.zeros(len(v), bool)
    # ".10g" of a whole number below 1e10 is its digits, as ".0f" prints them
    whole = general & (np.abs(v) < 1e10) & (v == np.round(v))
    general &= ~whole
    plain = finite & ~general
    return _merge(
        len(v),
        [
            (plain, lambda: fixed(v[plain], np.where(whole[plain], 0, np.maximum(d[plain], 0)))),
            (general, lambda: pa.array([f"{x:.10g}" for x in v[general].tolist()], pa.string())),
        ],
    )


def _merge(n: int, parts: Sequence[tuple[np.ndarray, Callable[[], pa.Array]]], default: str = DASH) -> pa.Array:
    """An array of ``default`` with each part's strings put at its mask (masks disjoint)."""
    out = pa.repeat(pa.scalar(default, pa.string()), n)
    for mask, make in parts:
        if mask.all():
            out = make()
        elif mask.any():
            out = pc.replace_with_mask(out, pa.array(mask), make())
    return out


def joined_groups(keys: np.ndarray, terms: pa.Array, sep: str) -> tuple[np.ndarray, pa.Array]:
    """The terms of each key joined with ``sep``, in their order: (sorted unique keys, texts)."""
    if len(keys) == 0:
        return np.array([], dtype=keys.dtype), pa.array([], pa.string())
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    offsets = pa.array(np.r_[starts, len(sk)].astype("int32"))
    lists = pa.ListArray.from_arrays(offsets, terms.take(pa.array(order)))
    return sk[starts], pc.binary_join(lists, sep)


class Templates:
    """Message templates filled column-wise: ``fill(ids, fields, slow)`` gives, per check,
    ``template.format_map({name: fields[name][i] for name in its names})`` of template
    ``ids[i]``, or of ``fallback(template)`` when that raises KeyError, ValueError or IndexError;
    a template that this cannot fill (format specifications, conversions, attribute or index
    fields) goes through ``slow(positions)``."""

    def __init__(self, templates: list[tuple[str, Sequence[str]]], names: list[str], fallback: Callable[[str], str]):
        self.names = names
        #: per template, its pieces: (field number from 1, "") or (0, literal); None: Python fills it
        self.pieces = [self._parse(template, fields, fallback) for template, fields in templates]

    def _parse(self, template: str, fields: Sequence[str], fallback) -> list[tuple[int, str]] | None:
        """``fields``: the names the template may use (those its values dict has)."""
        known = {name: "" for name in fields}
        try:
            template.format_map(known)
        except (KeyError, ValueError, IndexError):
            template = fallback(template)  # a template that fills: the engine's fallback text
        except Exception:
            return None
        pieces: list[tuple[int, str]] = []
        for literal, field, spec, conversion in string.Formatter().parse(template):
            if literal:
                pieces.append((0, literal))
            if field is None:
                continue
            if spec or conversion or field not in known:
                return None
            pieces.append((self.names.index(field) + 1, ""))
        return pieces

    def fill(self, ids: np.ndarray, fields: dict[str, pa.Array], slow: Callable[[np.ndarray], list[str]]) -> pa.Array:
        n = len(ids)
        if n <= CHUNK:
            return self._fill(ids, fields, slow)
        parts = []
        for start in range(0, n, CHUNK):  # bounded transient memory: one chunk's pieces at a time
            part = {k: v.slice(start, CHUNK) for k, v in fields.items()}
            parts.append(self._fill(ids[start : start + CHUNK], part, lambda pos, s=start: slow(pos + s)))
        return pa.concat_arrays(parts)

    def _fill(self, ids: np.ndarray, fields: dict[str, pa.Array], slow: Callable[[np.ndarray], list[str]]) -> pa.Array:
        n = len(ids)
        if n == 0:
            return pa.array([], pa.string())
        simple = np.array([p is not None for p in self.pieces], dtype=bool)
        width = max((len(p) for p in self.pieces if p is not None), default=0)
        columns = [fields[name] for name in self.names]
        pieces = []
        for j in range(width):
            which = np.array([p[j][0] if p is not None and j < len(p) else 0 for p in self.pieces], dtype="int8")
            lits = pa.array([p[j][1] if p is not None and j < len(p) else "" for p in self.pieces], pa.string())
            idx = pa.array(which[ids])
            lit = lits.take(pa.array(ids))
            if not (which > 0).any():
                pieces.append(lit)
            else:
                pieces.append(pc.choose(idx, lit, *columns))
        text = pc.binary_join_element_wise(*pieces, "") if pieces else pa.array([""] * n, pa.string())
        hard = ~simple[ids]
        if hard.any():
            text = pc.replace_with_mask(text, pa.array(hard), pa.array(slow(np.flatnonzero(hard)), pa.string()))
        return text


#: a template that opens with the check's label: its subject, then a separator or the column
_LABEL_FIRST = re.compile(r"\{label\}(?:\s*[(（]\{column\}[)）]\s*|\s*[:：,，]\s*|(\s+))")
#: the subject of a sentence whose label is empty and whose template goes on with a verb
_NO_LABEL = {"zh": "该项", "en": "The figure"}


def unlabelled(template: str, lang: str) -> str | None:
    """The template for a check whose label is empty (a figure of the text with no subject), or
    None when the template does not open with its label: the label and its separator left out
    (``{label} ({column}) {stated}`` → ``{column} {stated}``, ``{label}: growth …`` → ``growth …``),
    or a neutral subject put in its place when a verb follows it (``The figure is stated as …``).
    An English message then opens with a capital (:func:`capitalised`)."""
    m = _LABEL_FIRST.match(template)
    if m is None:
        return None
    rest = template[m.end() :]
    if m.group(1) is not None:  # a verb follows the label
        return _NO_LABEL[lang] + ("" if lang == "zh" else " ") + rest
    column = "{column}" + ("" if lang == "zh" else " ") if "column" in m.group(0) else ""
    return column + rest


def capitalised(text: pa.Array, mask: np.ndarray, lang: str = "en") -> pa.Array:
    """``text`` with each element at ``mask`` opening with its first word (no space left by an
    empty field before it), in English with a capital."""
    if not mask.any():
        return text
    part = pc.utf8_ltrim_whitespace(text.filter(pa.array(mask)))
    if lang == "zh":
        return pc.replace_with_mask(text, pa.array(mask), part)
    head = pc.utf8_upper(pc.utf8_slice_codeunits(part, 0, 1))
    up = pc.binary_join_element_wise(head, pc.utf8_slice_codeunits(part, 1), "")
    return pc.replace_with_mask(text, pa.array(mask), up)


def with_unlabelled(
    ids: np.ndarray, blank: np.ndarray, templates: list[tuple[str, Sequence[str]]], lang: str
) -> tuple[np.ndarray, list[tuple[str, Sequence[str]]], np.ndarray]:
    """The template ids of checks whose label is ``blank`` moved to their :func:`unlabelled`
    template (added after ``templates``); and the checks moved (their messages go through
    :func:`capitalised`)."""
    variants = [unlabelled(t, lang) for t, _ in templates]
    extra = [(v, names) for v, (_, names) in zip(variants, templates, strict=True) if v is not None]
    moved = np.full(len(templates), -1, dtype="int64")
    moved[[i for i, v in enumerate(variants) if v is not None]] = len(templates) + np.arange(len(extra))
    to = moved[ids]
    change = blank & (to >= 0)
    new_ids = np.where(change, to, ids)
    return new_ids, templates + extra, change
