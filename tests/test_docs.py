"""The docs: the generated rule reference is current, links resolve, documented examples work."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from fincheck.catalogue import builtin_rules, parse_rule

from .rule_examples import run_example

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def generator():
    spec = importlib.util.spec_from_file_location("gen_rule_reference", ROOT / "scripts" / "gen_rule_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_reference_is_up_to_date():
    current = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert current == generator().render(), "docs/rules.md is out of date: run python scripts/gen_rule_reference.py"


def test_rule_reference_covers_every_rule():
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule in builtin_rules():
        assert f"### {rule.code} {rule.name}" in text
        assert rule.title.get("zh", "") in text


def test_generator_check_mode(tmp_path):
    gen = generator()
    stale = tmp_path / "rules.md"
    stale.write_text("old\n", encoding="utf-8")
    assert gen.main(["--check", "-o", str(stale)]) == 1
    assert gen.main(["-o", str(stale)]) == 0
    assert gen.main(["--check", "-o", str(stale)]) == 0


def test_required_pages_exist():
    for name in ("index", "install", "cli", "python-api", "writing-rules", "json-contract", "rules"):
        assert (DOCS / f"{name}.md").is_file(), name


LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_relative_links_resolve(page):
    text = page.read_text(encoding="utf-8")
    for target, _anchor in LINK.findall(text):
        if re.match(r"^[a-z]+:", target):
            continue
        assert (page.parent / target).exists(), f"{page.name}: broken link {target}"


def test_rule_reference_anchors_exist():
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    headings = {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.+)$", text, re.M)
    }
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in headings, anchor


def test_writing_rules_example_is_a_working_rule(tmp_path):
    text = (DOCS / "writing-rules.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    rule = parse_rule(yaml.safe_load(block), "docs/writing-rules.md", user=True)
    for example in rule.examples:
        folder = tmp_path / example["name"]
        folder.mkdir()
        _report, problems = run_example(rule, example, folder)
        assert not problems, problems
