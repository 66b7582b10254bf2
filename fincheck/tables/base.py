"""Units of table figures (the recogniser's result types live in :mod:`fincheck.model.document`)."""

from __future__ import annotations

from ..model.document import Recognised, SchemaIssue, Table
from ..model.units import unit_scale

__all__ = ["Recognised", "SchemaIssue", "Table", "unit_scale"]
