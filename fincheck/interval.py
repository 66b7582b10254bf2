"""Interval arithmetic over numpy arrays.

A figure printed with d decimals stands for the closed interval [v - h, v + h] with
h = 0.5 * 10**-d, whichever tie rule (half-up or half-even) was used to print it. Sums,
differences, products and quotients of intervals bound every value the exact figures
could have had, so a check fails only when no rounding of the printed inputs can
produce the printed result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import units

ArrayLike = np.ndarray | float


def half_unit(decimals: np.ndarray) -> np.ndarray:
    """Half a unit of the last printed digit, per figure; decimals < 0 means exact (no rounding)."""
    return np.asarray(units.half_unit(np.asarray(decimals)), dtype="float64").reshape(np.shape(decimals))


@dataclass(frozen=True)
class Interval:
    """Vectorised closed intervals: point estimate ``mid`` inside [``lo``, ``hi``]."""

    mid: np.ndarray
    lo: np.ndarray
    hi: np.ndarray

    @staticmethod
    def of(value: ArrayLike, half: ArrayLike = 0.0) -> Interval:
        v = np.asarray(value, dtype="float64")
        h = np.broadcast_to(np.asarray(half, dtype="float64"), v.shape)
        return Interval(v, v - h, v + h)

    @staticmethod
    def const(value: float, n: int) -> Interval:
        v = np.full(n, float(value))
        return Interval(v, v, v)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.mid + other.mid, self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.mid - other.mid, self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.mid, -self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        c = np.stack([self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi])
        return Interval(self.mid * other.mid, c.min(axis=0), c.max(axis=0))

    def __truediv__(self, other: Interval) -> Interval:
        with np.errstate(divide="ignore", invalid="ignore"):
            mid = self.mid / other.mid
            straddles = (other.lo <= 0) & (other.hi >= 0)
            c = np.stack([self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi])
            # fmin/fmax ignore NaN (0/0 corners) without warning on all-NaN columns
            lo = np.where(straddles, -np.inf, np.fmin.reduce(c, axis=0))
            hi = np.where(straddles, np.inf, np.fmax.reduce(c, axis=0))
        return Interval(mid, lo, hi)

    def scale(self, factor: ArrayLike) -> Interval:
        f = np.asarray(factor, dtype="float64")
        a, b = self.lo * f, self.hi * f
        return Interval(self.mid * f, np.minimum(a, b), np.maximum(a, b))

    def shift(self, offset: ArrayLike) -> Interval:
        o = np.asarray(offset, dtype="float64")
        return Interval(self.mid + o, self.lo + o, self.hi + o)

    def minimum(self, other: Interval) -> Interval:
        return Interval(np.minimum(self.mid, other.mid), np.minimum(self.lo, other.lo), np.minimum(self.hi, other.hi))

    def maximum(self, other: Interval) -> Interval:
        return Interval(np.maximum(self.mid, other.mid), np.maximum(self.lo, other.lo), np.maximum(self.hi, other.hi))

    def power(self, exponent: ArrayLike) -> Interval:
        """Monotone power for non-negative bases (compound growth)."""
        e = np.asarray(exponent, dtype="float64")
        with np.errstate(invalid="ignore"):
            return Interval(
                np.power(np.maximum(self.mid, 0), e),
                np.power(np.maximum(self.lo, 0), e),
                np.power(np.maximum(self.hi, 0), e),
            )


def compare(
    stated: np.ndarray,
    stated_half: np.ndarray,
    expected: Interval,
    op: np.ndarray | str = "eq",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Judge stated figures against expected intervals.

    Returns (ok, difference, tolerance). ``ok`` is True where some rounding of the printed
    figures explains the stated one. ``tolerance`` is the largest |difference| on the side
    of the difference that rounding can explain, so ``ok == (|difference| <= tolerance)``
    for equalities. ``op`` is "eq", "le" (stated ≤ expected) or "ge" (stated ≥ expected).
    """
    s = np.asarray(stated, dtype="float64")
    hs = np.asarray(stated_half, dtype="float64")
    op = np.broadcast_to(np.asarray(op, dtype=object), s.shape)
    diff = s - expected.mid
    with np.errstate(invalid="ignore"):
        up = hs + (expected.hi - expected.mid)
        down = hs + (expected.mid - expected.lo)
    tol = np.where(diff >= 0, up, down)
    eps = 1e-9 * np.maximum(1.0, np.maximum(np.abs(s), np.abs(np.nan_to_num(expected.mid))))
    eq_ok = (s + hs >= expected.lo - eps) & (s - hs <= expected.hi + eps)
    le_ok = s - hs <= expected.hi + eps
    ge_ok = s + hs >= expected.lo - eps
    ok = np.where(op == "le", le_ok, np.where(op == "ge", ge_ok, eq_ok))
    tol = np.where(
        op == "le", np.where(diff > 0, up, np.inf), np.where(op == "ge", np.where(diff < 0, down, np.inf), tol)
    )
    return ok, diff, tol
