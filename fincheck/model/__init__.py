"""The pipeline's data: locations, facts, loaded sources (imports nothing else from fincheck)."""

from .document import Document, Finding, Loaded, Prose, Recognised, SchemaIssue, Source, Table
from .facts import FACTS, empty_facts, facts_from_rows, make_facts, typed_facts
from .grid import Grid
from .location import Location, Locator, format_location, location_key

__all__ = [
    "FACTS",
    "Document",
    "Finding",
    "Grid",
    "Loaded",
    "Location",
    "Locator",
    "Prose",
    "Recognised",
    "SchemaIssue",
    "Source",
    "Table",
    "empty_facts",
    "facts_from_rows",
    "format_location",
    "location_key",
    "make_facts",
    "typed_facts",
]
