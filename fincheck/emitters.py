"""Emitters: the code behind rules whose checks are not bound by a binder.

Most rules name a binder (``params.bind``, :mod:`fincheck.kinds`) that the engine calls. A few
are emitted by the stage that reads the input, because only it sees what they check: the
claims of a sentence, a flattened table in the text, a cell a table's schema cannot read. Such
a rule names its emitter in its YAML (``params: {emit: text-claims}``), and the emitter hands
its checks over under a code it looks up through the catalogue
(:func:`fincheck.catalogue.emitted`): a code
that no rule in ``rules/`` declares with that emitter is an error, so every rule that fires is
declared in ``rules/`` and reached through its YAML.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Emitter:
    kinds: frozenset[str]  # the rule kinds it serves
    where: str  # "module:function" that emits the checks
    what: str


EMITTERS: dict[str, Emitter] = {
    "text-claims": Emitter(
        frozenset({"claim"}),
        "fincheck.text.frames:claim_frames",
        "claims read from the sentences of the report text, pre-bound to the text's figures",
    ),
    "text-tables": Emitter(
        frozenset({"claim"}),
        "fincheck.text.tables:find_tables",
        "checks of tables flattened into the text (a total's growth within its parts')",
    ),
    "document-checks": Emitter(
        frozenset({"document"}),
        "fincheck.disclosure:check_document",
        "checks of the report as a document: template residue, listed items, 目录, headings",
    ),
    "schema-issues": Emitter(
        frozenset({"schema"}),
        "fincheck.pipeline:_issue_check",
        "input that breaks a table's schema: SchemaIssues of the loaders and recognisers, made checks",
    ),
}
