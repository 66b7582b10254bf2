"""The rule files' JSON Schema: published in docs/, generated from the code, every built-in rule
file meets it, and a rule that breaks it is one error naming the file, the rule and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from fincheck.errors import RuleError
from fincheck.rule_schema import rule_schema, validate_rule

ROOT = Path(__file__).resolve().parents[1]
GOOD = {
    "code": "ORG001",
    "name": "training-over-budget",
    "severity": "warning",
    "kind": "bound",
    "title": {"zh": "培训费超出预算", "en": "Training above budget"},
    "message": "{label}",
    "params": {"bind": "formula", "formula": "[培训费@执行数] <= [培训费@预算数]"},
}


def test_published_schema_is_the_generated_one():
    published = json.loads((ROOT / "docs" / "rule-schema.json").read_text(encoding="utf-8"))
    assert published == json.loads(json.dumps(rule_schema())), (
        "run: python -m fincheck.rule_schema > docs/rule-schema.json"
    )
    Draft202012Validator.check_schema(published)


def test_every_builtin_rule_file_meets_the_published_schema():
    validator = Draft202012Validator(json.loads((ROOT / "docs" / "rule-schema.json").read_text(encoding="utf-8")))
    files = [
        f
        for f in (ROOT / "rules").rglob("*.yaml")
        if "aliases" not in f.parts and f.parts[len(ROOT.parts) + 1] != "text"
    ]
    assert len(files) > 100
    for f in files:
        for doc in yaml.safe_load_all(f.read_text(encoding="utf-8")):
            errors = [e.message for e in validator.iter_errors(doc)]
            assert not errors, f"{f}: {errors[:2]}"


def test_a_good_rule_passes():
    validate_rule(GOOD, "my.yaml")


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"severity": "fatal"}, "severity", ["'fatal'", "error, warning, info"]),
        ({"code": "org1"}, "code", ["capital letters"]),
        ({"name": "Training"}, "name", ["kebab-case"]),
        ({"kind": "guess"}, "kind", ["'guess'"]),
        ({"kind": "schema"}, "kind", ["binder 'formula'", "not 'schema'"]),
        ({"mesage": "x"}, None, ["unknown key", "'mesage'"]),
        ({"title": {"fr": "x"}}, "title", ["zh"]),
        ({"title": None}, "title", []),
        ({"params": {"bind": "magic"}}, "params.bind", ["'magic'", "formula"]),
        ({"params": {"bind": "formula", "formula": "[a] = [b]", "colums": ["x"]}}, "params", ["colums", "formula"]),
        ({"params": {"bind": "formula", "emit": "text-claims"}}, "params", ["not both"]),
        ({"params": {}}, "params", ["bind"]),
        ({"examples": {"name": "x"}}, "examples", ["list"]),
        ({"source": 3}, "source", []),
        ({"examples": [{"name": "x", "tabel": "项目,金额"}]}, "examples.0", ["unknown key", "'tabel'"]),
        ({"examples": [{"name": "x", "table": "", "fails": [{"cel": "C2"}]}]}, "examples.0.fails.0", ["'cel'"]),
        (
            {"examples": [{"name": "x", "table": "", "fails": [{"cell": "C2", "stated": "12"}]}]},
            "examples.0.fails.0.stated",
            ["number"],
        ),
    ],
)
def test_a_broken_rule_is_one_error_naming_file_rule_and_field(change, field, words):
    raw = {**GOOD, **change}
    raw = {k: v for k, v in raw.items() if v is not None}
    with pytest.raises(RuleError) as info:
        validate_rule(raw, "my.yaml")
    err = info.value
    assert err.path == "my.yaml" and err.field == field, str(err)
    if field != "code":
        assert err.code == "ORG001"
    text = str(err)
    assert "\n" not in text
    for w in words:
        assert w in text, text


def test_missing_field_is_named():
    raw = {k: v for k, v in GOOD.items() if k != "message"}
    with pytest.raises(RuleError) as info:
        validate_rule(raw, "my.yaml")
    assert info.value.field == "message" and "missing" in str(info.value)


def test_a_misspelt_required_key_is_named_as_the_typo():
    """'titel' for 'title': the unknown key is said first (it names the typo); that 'title' is
    missing says less."""
    raw = {**{k: v for k, v in GOOD.items() if k != "title"}, "titel": GOOD["title"]}
    with pytest.raises(RuleError, match="unknown key 'titel'"):
        validate_rule(raw, "my.yaml")
