"""The JSON Schema of a rule file, and rule validation against it.

:func:`rule_schema` builds the schema from the catalogue's codes, severities and kinds, the
binders' registry (each binder's kinds and the ``params`` keys it reads) and the emitters, so
it cannot drift from the code; docs/rule-schema.json is its published copy for editors
(``python -m fincheck.rule_schema > docs/rule-schema.json``; a test keeps it up to date). A
rule file holds one rule, or ``rules:`` with a list of them; in YAML, point an editor at the
schema with ``# yaml-language-server: $schema=.../rule-schema.json``.

:func:`validate_rule` reports the first problem as a :class:`~fincheck.errors.RuleError`
naming the file, the rule and the field. What a schema cannot say (a formula that does not
parse, a binder's own constraints) stays with the binders' validators.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from typing import Any

from .errors import RuleError

SCHEMA_ID = "https://fincheck.invalid/rule-schema.json"
CODE_PATTERN = r"^[A-Z]{2,4}[0-9]{3}$"
NAME_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SEVERITIES = ("error", "warning", "info")
KINDS = (
    "sum",
    "cross-foot",
    "balance",
    "equal",
    "share",
    "rate",
    "growth",
    "score",
    "bound",
    "schema",
    "claim",
    "document",
)
#: the fields a message the engine fills may use (``note`` only in the template of skipped
#: checks); the messages of the emitted rules (``document-checks``, ``schema-issues``) have
#: their emitters' own fields
MESSAGE_FIELDS = (
    "label",
    "column",
    "stated",
    "expected",
    "difference",
    "tolerance",
    "unit",
    "operands",
    "table",
    "note",
    "other_place",
)
#: the emitters that fill their rules' messages themselves
OWN_FIELDS_EMITTERS = ("document-checks", "schema-issues")
#: what is said of a schema error no other template covers (jsonschema's own English words as detail)
SCHEMA_FALLBACK = "breaks the rule schema: {detail}"
#: top-level keys in the order their problems are reported
FIELDS = (
    "code",
    "name",
    "severity",
    "kind",
    "title",
    "message",
    "passed",
    "why",
    "source",
    "tables",
    "shape",
    "see_also",
    "figure_words",
    "params",
)


#: one finding an example must raise: where (``cell`` and ``sheet``; ``line`` and ``quote`` of a
#: text) and, optionally, its figures and severity
EXPECTED_FINDING: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "cell": {"type": "string", "description": "the cell of the finding (C3)"},
        "sheet": {"type": "string", "description": "its sheet, where the example has several"},
        "line": {"type": "integer", "description": "the line of a text finding"},
        "quote": {"type": "string", "description": "text the finding's quote holds"},
        "stated": {"type": "number"},
        "expected": {"type": "number"},
        "severity": {"enum": list(SEVERITIES)},
    },
}
#: an example: its input (a CSV ``table``, workbook ``sheets``, a ``text``, or named ``files``)
#: and the findings of the rule it must raise (``fails: []``: it must pass)
EXAMPLE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "table": {"type": "string", "description": "a table as CSV text"},
        "sheets": {"type": "object", "description": "sheet name → CSV text (or rows) of a workbook"},
        "text": {"type": "string", "description": "report text"},
        "files": {"type": "object", "description": "file name → its content"},
        "fails": {"type": "array", "items": EXPECTED_FINDING},
    },
}


def _text(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {"zh": {"type": "string"}, "en": {"type": "string"}, "source": {"type": "string"}},
                "additionalProperties": False,
                "anyOf": [{"required": ["zh"]}, {"required": ["en"]}],
            },
        ],
    }


def _strings(description: str) -> dict[str, Any]:
    return {"description": description, "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


def _registry() -> tuple:
    """The binders as registered now (a test or a plugin may add one): the schema's key."""
    from .kinds import PARAMS, binders

    return tuple((name, tuple(sorted(kinds)), tuple(sorted(PARAMS[name]))) for name, kinds in sorted(binders().items()))


def rule_schema() -> dict[str, Any]:
    """The schema of one rule (``$defs.rule``) or a file of them."""
    return _schema(_registry())


@cache
def _schema(registry: tuple) -> dict[str, Any]:
    from .emitters import EMITTERS

    served = {name: kinds for name, kinds, _params in registry}
    reads = {name: params for name, _kinds, params in registry}
    per_binder = [
        {
            "if": {"properties": {"params": {"properties": {"bind": {"const": name}}, "required": ["bind"]}}},
            "then": {
                "properties": {
                    "kind": {"enum": list(served[name])},
                    "params": {"propertyNames": {"enum": ["bind", *reads[name]]}},
                }
            },
        }
        for name in sorted(served)
    ]
    per_emitter = [
        {
            "if": {"properties": {"params": {"properties": {"emit": {"const": name}}, "required": ["emit"]}}},
            "then": {
                "properties": {"kind": {"enum": sorted(e.kinds)}, "params": {"propertyNames": {"enum": ["emit"]}}}
            },
        }
        for name, e in sorted(EMITTERS.items())
    ]
    rule = {
        "type": "object",
        "required": ["code", "name", "kind", "title", "message", "params"],
        "additionalProperties": False,
        "properties": {
            "code": {
                "type": "string",
                "pattern": CODE_PATTERN,
                "description": "stable code: 2-4 capital letters (the family) and 3 digits, never reused",
            },
            "name": {"type": "string", "pattern": NAME_PATTERN, "description": "the problem, in kebab-case"},
            "severity": {"enum": list(SEVERITIES), "default": "error"},
            "kind": {"enum": list(KINDS), "description": "the check kind"},
            "title": _text("short title: text, or {zh: ..., en: ...}"),
            "message": _text("message template ({label}, {stated}, {expected}, {difference}, {operands}, {unit})"),
            "passed": _text("message of a passing check, where the message says what is wrong (optional)"),
            "why": _text("why the relation holds, with its source (optional in user rules)"),
            "source": _strings("public sources of the relation"),
            "tables": _strings("table types the rule applies to"),
            "shape": {"type": "string", "description": "a claim rule's sentence shape"},
            "see_also": _strings("codes of rules whose findings on the same wrong figure are linked to this one's"),
            "figure_words": {
                "type": "object",
                "description": "what the rule's figures are, where not a stated and a computed figure "
                "(expected: 表格数 for a figure read from a table)",
                "properties": {"expected": _text("the word for the expected figure")},
                "additionalProperties": False,
            },
            "params": {
                "type": "object",
                "description": "bind: the binder that finds the operands (or emit: the stage that emits it), "
                "then only the keys that binder reads",
                "properties": {"bind": {"enum": sorted(served)}, "emit": {"enum": sorted(EMITTERS)}},
                "oneOf": [{"required": ["bind"]}, {"required": ["emit"]}],
            },
            "examples": {
                "type": "array",
                "items": EXAMPLE,
                "description": "inputs that must pass (fails: []) and must fail, run as tests",
            },
        },
        "allOf": per_binder + per_emitter,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "fincheck rule file",
        "description": "One rule, or {rules: [...]}; see docs/writing-rules.md",
        "$defs": {"rule": rule},
        "oneOf": [
            {"$ref": "#/$defs/rule"},
            {
                "type": "object",
                "required": ["rules"],
                "additionalProperties": False,
                "properties": {"rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}}},
            },
        ],
    }


def _validator():
    return _compiled(_registry())


@cache
def _compiled(registry: tuple):
    from jsonschema import Draft202012Validator

    schema = _schema(registry)
    return Draft202012Validator({**schema["$defs"]["rule"], "$defs": schema["$defs"]})


def _field(error) -> str:
    return ".".join(str(p) for p in error.absolute_path)


def _order(error) -> tuple[int, int, int, int]:
    path = list(error.absolute_path)
    top = str(path[0]) if path else ""
    # an unknown key before a missing one: "unknown key 'titel'" names the typo, "'title' is missing" does not
    unknown_first = 0 if error.validator == "additionalProperties" else 1
    return (
        FIELDS.index(top) if top in FIELDS else len(FIELDS),
        len(path),
        unknown_first,
        len(error.relative_schema_path),
    )


def _message(error, raw: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """What is wrong, as a template of :mod:`fincheck.error_text` and its values ("": no message)."""
    field, value, kind = _field(error), error.instance, error.validator
    params = raw.get("params") if isinstance(raw.get("params"), dict) else {}
    if field == "code":
        return "code {value} must be 2-4 capital letters and 3 digits, e.g. AST002", {"value": repr(value)}
    if field == "name":
        return "name {value} must be kebab-case", {"value": repr(value)}
    if kind == "enum" and field == "kind" and error.validator_value != list(KINDS):  # the binder's kinds
        values = {"kinds": ", ".join(error.validator_value), "value": repr(value)}
        if "bind" in params:
            return "binder {who} serves kinds {kinds}, not {value}", {**values, "who": repr(params.get("bind"))}
        return "emitter {who} serves kinds {kinds}, not {value}", {**values, "who": repr(params.get("emit"))}
    if kind == "enum" and field != "params":
        return "{what} {value} is not one of {choices}", {
            "what": field,
            "value": repr(value),
            "choices": ", ".join(map(str, error.validator_value)),
        }
    if kind == "propertyNames":
        return "", {}  # the detailed error (the unread key) is in its context
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        keys = {"keys": ", ".join(map(repr, extra)), "what": field}
        if field:
            return ("unknown keys {keys} in {what}" if len(extra) > 1 else "unknown key {keys} in {what}"), keys
        return ("unknown keys {keys}" if len(extra) > 1 else "unknown key {keys}"), keys
    if kind == "required":
        return "{key} is missing", {"key": error.message.split(" ")[0]}
    if kind == "oneOf" and field == "params":
        both = isinstance(value, dict) and {"bind", "emit"} <= set(value)
        return ("a rule has params.bind or params.emit, not both" if both else "params needs bind (or emit)"), {}
    if kind == "oneOf" and field in ("title", "message", "why"):
        return "must be text or a mapping {zh: ..., en: ...} with a zh or en entry", {}
    if kind == "oneOf":
        return "must be text or a list of texts", {}
    if kind == "type":
        wanted = {
            "object": "must be a mapping",
            "array": "must be a list",
            "string": "must be text",
            "number": "must be a number",
            "integer": "must be a whole number",
            "boolean": "must be true or false",
        }
        if error.validator_value in wanted:
            return wanted[error.validator_value], {}
    return SCHEMA_FALLBACK, {"detail": error.message}


def _unread(error, raw: dict[str, Any]) -> tuple[str, dict[str, str]] | None:
    """A params key no binder reads: the propertyNames error's context names it."""
    params = raw.get("params") if isinstance(raw.get("params"), dict) else {}
    for sub in [error, *error.context]:
        if sub.validator == "enum" and isinstance(sub.instance, str) and sub.instance in params:
            allowed = [k for k in sub.validator_value if k not in ("bind", "emit")]
            if "emit" in params:
                return "params {keys} are read by nothing", {"keys": sub.instance}
            values = {"keys": sub.instance, "binder": repr(params.get("bind")), "reads": ", ".join(allowed)}
            if not allowed:
                return "params {keys} are not read by binder {binder} (it reads no other params)", values
            return "params {keys} are not read by binder {binder} (it reads {reads})", values
    return None


def validate_rule(raw: Any, path: str) -> None:
    """Raise a :class:`RuleError` (file, rule, field, what is wrong) when ``raw`` breaks the schema."""
    if not isinstance(raw, dict):
        raise RuleError(path, "a rule must be a mapping")
    errors = sorted(_validator().iter_errors(raw), key=_order)
    if not errors:
        return
    code = raw.get("code") if isinstance(raw.get("code"), str) and re.match(CODE_PATTERN, raw["code"]) else None
    params = raw.get("params")
    if isinstance(params, dict) and {"bind", "emit"} <= set(params):
        raise RuleError(path, "a rule has params.bind or params.emit, not both", code, "params")
    for error in errors:
        if error.validator in ("propertyNames", "enum") and _field(error) == "params":
            unread = _unread(error, raw)
            if unread:
                raise RuleError(path, unread[0], code, "params", **unread[1])
            continue
        template, values = _message(error, raw)
        if template:
            field = _field(error) or None
            if error.validator == "required":
                field = error.message.split("'")[1] if "'" in error.message else field
                if _field(error):
                    field = f"{_field(error)}.{field}"
            raise RuleError(path, template, code, field, **values)
    raise RuleError(path, SCHEMA_FALLBACK, code, _field(errors[0]) or None, detail=errors[0].message)


if __name__ == "__main__":  # pragma: no cover - writes the published copy
    sys.stdout.write(json.dumps(rule_schema(), ensure_ascii=False, indent=2) + "\n")
