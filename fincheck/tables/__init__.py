"""Recognising tables in grids. Each recogniser looks at a grid and returns the tables it
knows, with their facts; a grid that no recogniser claims but holds numbers is reported."""

from __future__ import annotations

from ..grid import Grid
from .base import Recognised, SchemaIssue, Table

__all__ = ["Recognised", "SchemaIssue", "Table", "recognise_grid"]


def recognise_grid(grid: Grid) -> list[Recognised]:
    from . import tidy

    for recogniser in _recognisers():
        found = recogniser(grid)
        if found:
            return found if isinstance(found, list) else [found]
    del tidy
    return []


def _recognisers():
    from . import tidy

    return [tidy.recognise]
