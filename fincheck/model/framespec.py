"""A frame's schema written once as data: the pandera schema is built from it when it is first
needed, and a frame is first checked by a plain pandas/numpy pass over the same spec.

Importing pandera costs about half a second, more than the pipeline spends on a workbook; the
pipeline validates every frame it hands on, so a file checked from the command line would pay
for it every time. :meth:`FrameSpec.validate` runs the cheap pass first: it accepts a frame only
when every column has exactly the dtype the pipeline builds (a subset of what pandera accepts)
and every check holds, so it never passes a frame the pandera schema rejects. When the cheap
pass finds anything, the pandera schema validates the frame and raises its own error (or
accepts a frame the cheap pass was too strict for). :attr:`FrameSpec.schema` is the pandera
``DataFrameSchema``: the documented contract, and what the schema tests validate against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

#: the dtype the pipeline builds for each spec dtype; ``str`` is pandas' default string dtype
_EXACT: dict[str, Any] = {
    "str": pd.StringDtype(na_value=np.nan),
    "int64": np.dtype("int64"),
    "float64": np.dtype("float64"),
    "bool": np.dtype("bool"),
    "object": np.dtype("object"),
    "Int64": pd.Int64Dtype(),
}


@dataclass(frozen=True)
class Check:
    """One condition on a column's values (nulls are not checked, as in pandera): at most one
    of ``ge``, ``gt``, ``isin``, ``matches`` (a regular expression matched at the start), or
    ``test``, a function of the whole column that returns a boolean Series."""

    ge: float | None = None
    gt: float | None = None
    isin: tuple | None = None
    matches: str | None = None
    test: Callable[[pd.Series], pd.Series] | None = None
    error: str | None = None

    def holds(self, values: pd.Series) -> bool:
        if self.ge is not None:
            return bool((values.to_numpy() >= self.ge).all())
        if self.gt is not None:
            return bool((values.to_numpy() > self.gt).all())
        if self.isin is not None:
            return bool(values.isin(self.isin).all())
        if self.matches is not None:
            return bool(values.str.match(self.matches).all())
        assert self.test is not None
        return bool(self.test(values).all())

    def pandera(self) -> Any:
        import pandera.pandas as pa

        if self.ge is not None:
            return pa.Check.ge(self.ge)
        if self.gt is not None:
            return pa.Check.gt(self.gt)
        if self.isin is not None:
            return pa.Check.isin(list(self.isin))
        if self.matches is not None:
            return pa.Check.str_matches(self.matches)
        return pa.Check(self.test, element_wise=False, error=self.error)


@dataclass(frozen=True)
class Col:
    """A column: its dtype (a key of :data:`_EXACT`), whether it may hold nulls, whether a
    frame must have it, whether its values are unique, and its checks."""

    dtype: str = "str"
    checks: tuple[Check, ...] = ()
    nullable: bool = False
    required: bool = True
    unique: bool = False

    def conforms(self, values: pd.Series) -> bool:
        if values.dtype != _EXACT[self.dtype]:
            return False
        nulls = values.isna()
        has_nulls = bool(nulls.any())
        if has_nulls and not self.nullable:
            return False
        if self.unique and not values.is_unique:
            return False
        if not self.checks:
            return True
        present = values[~nulls] if has_nulls else values
        return all(check.holds(present) for check in self.checks)

    def pandera(self) -> Any:
        import pandera.pandas as pa

        dtype = str if self.dtype == "str" else (bool if self.dtype == "bool" else self.dtype)
        return pa.Column(
            dtype,
            [c.pandera() for c in self.checks],
            nullable=self.nullable,
            required=self.required,
            unique=self.unique,
        )


@dataclass(frozen=True)
class FrameSpec:
    """A frame's columns (in order) and the conditions on whole rows; ``strict``: no other
    column; ``ordered``: the columns in this order; ``unique``: columns whose values together
    are unique; ``checks``: (test of the frame giving a boolean Series, error) pairs."""

    name: str
    columns: dict[str, Col]
    strict: bool = True
    ordered: bool = False
    unique: tuple[str, ...] = ()
    checks: tuple[tuple[Callable[[pd.DataFrame], pd.Series], str], ...] = field(default=())

    def conforms(self, frame: pd.DataFrame) -> bool:
        """The cheap pass: True only when the pandera schema would accept ``frame`` too."""
        names = list(frame.columns)
        if len(set(names)) != len(names):
            return False
        if self.strict and not set(names) <= set(self.columns):
            return False
        if any(c.required and n not in frame.columns for n, c in self.columns.items()):
            return False
        if self.ordered and [n for n in names if n in self.columns] != [n for n in self.columns if n in frame]:
            return False
        if not all(col.conforms(frame[n]) for n, col in self.columns.items() if n in frame.columns):
            return False
        if self.unique and frame.duplicated(list(self.unique)).any():
            return False
        return all(bool(test(frame).all()) for test, _error in self.checks)

    def validate(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` if it meets the schema; else the pandera schema's error is raised."""
        if self.conforms(frame):
            return frame
        return self.schema.validate(frame)

    @cached_property
    def schema(self) -> Any:
        """The pandera ``DataFrameSchema`` of this spec (pandera is imported on first use)."""
        import pandera.pandas as pa

        return pa.DataFrameSchema(
            {n: c.pandera() for n, c in self.columns.items()},
            checks=[pa.Check(test, error=error) for test, error in self.checks] or None,
            strict=self.strict,
            ordered=self.ordered,
            unique=list(self.unique) or None,
            name=self.name,
        )


__all__ = ["Check", "Col", "FrameSpec"]
