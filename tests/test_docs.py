"""The docs: the generated rule reference covers every rule, links resolve, documented examples work,
and the site builds with ``mkdocs build --strict``."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
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


def rule_pages() -> dict[str, str]:
    return generator().pages()


def test_rule_reference_has_a_page_per_rule():
    pages = rule_pages()
    for rule in builtin_rules():
        page = pages[f"rules/{rule.code}.md"]
        assert page.startswith(f"# {rule.code} {rule.name}\n")
        assert rule.title.get("zh", "") in page
        for example in rule.examples:
            assert f"### {example['name']}" in page, f"{rule.code}: example {example['name']} not on its page"
    assert set(pages) == {"rules/index.md"} | {f"rules/{r.code}.md" for r in builtin_rules()}


def test_rule_index_links_every_rule_page():
    index = rule_pages()["rules/index.md"]
    for rule in builtin_rules():
        assert f"]({rule.code}.md)" in index, rule.code


def test_generator_writes_the_pages(tmp_path):
    assert generator().main(["-o", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.glob("*.md"))
    assert written == sorted(Path(k).name for k in rule_pages())


def test_required_pages_exist():
    for name in ("index", "install", "cli", "python-api", "api", "writing-rules", "json-contract"):
        assert (DOCS / f"{name}.md").is_file(), name
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    listed = {next(iter(item.values())) if isinstance(item, dict) else item for item in nav}
    assert {p.name for p in DOCS.glob("*.md")} <= listed, "a page of docs/ is missing from the mkdocs.yml nav"
    assert "rules/index.md" in listed


LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_relative_links_resolve(page):
    text = page.read_text(encoding="utf-8")
    generated = set(rule_pages())
    for target, _anchor in LINK.findall(text):
        if re.match(r"^[a-z]+:", target):
            continue
        if target in generated:
            continue
        assert (page.parent / target).exists(), f"{page.name}: broken link {target}"


def test_rule_reference_anchors_exist():
    pages = rule_pages()
    text = pages["rules/index.md"]
    headings = {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.+)$", text, re.M)
    }
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in headings, anchor
    for page in pages.values():
        for target in re.findall(r"\]\(([^)#]+\.md)", page):
            assert f"rules/{target}" in pages or (DOCS / target.removeprefix("../")).is_file(), target


def test_writing_rules_example_is_a_working_rule(tmp_path):
    text = (DOCS / "writing-rules.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    rule = parse_rule(yaml.safe_load(block), "docs/writing-rules.md", user=True)
    for example in rule.examples:
        folder = tmp_path / example["name"]
        folder.mkdir()
        _report, problems = run_example(rule, example, folder)
        assert not problems, problems


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="mkdocs is not installed (pip install .[test])")
def test_docs_site_builds_strict(tmp_path):
    """The site builds with --strict (a broken link, a missing page or a docstring the API
    reference cannot render fails it), with a page per rule and the API reference."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    site = tmp_path / "site"
    for rule in builtin_rules():
        page = site / "rules" / rule.code / "index.html"
        assert page.is_file(), rule.code
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "fincheck.pipeline.check" in api and "findings" in api
    for name in ("Report.summary", "Report.to_json", "FindingsError", "UnknownRuleError", "load_config"):
        assert f'{name}"' in api, name


def test_the_api_reference_documents_every_public_member_of_the_report():
    """The reference lists only members with a docstring: one without it is missing from it."""
    from fincheck.report import Report

    names = [n for n in vars(Report) if not n.startswith("_")] + ["findings", "summary", "to_dict", "to_json"]
    missing = sorted({n for n in names if not (getattr(Report, n).__doc__ or "").strip()} - {"baseline", "lang"})
    assert not missing, missing


def test_the_schema_command_of_writing_rules_writes_the_schema():
    """The page tells a user to write the schema from the installed package (it once pointed at
    a URL with an OWNER placeholder)."""
    from fincheck.rule_schema import rule_schema

    page = (DOCS / "writing-rules.md").read_text(encoding="utf-8")
    assert "python -m fincheck.rule_schema > rule-schema.json" in page and "OWNER" not in page
    done = subprocess.run(
        [sys.executable, "-m", "fincheck.rule_schema"], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0 and json.loads(done.stdout) == json.loads(json.dumps(rule_schema()))


def test_the_command_line_page_names_every_input_suffix():
    """docs/cli.md lists the files a PATH can be (it once left out .pdf)."""
    from fincheck.pipeline import INPUT_SUFFIXES

    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    listed = re.search(r"`PATH` is a report file \(`([^`]+)`\)", page)
    assert listed and set(listed.group(1).split()) == INPUT_SUFFIXES


def test_check_and_check_text_document_every_parameter():
    """The API reference is their docstring: each parameter is named in it (``lang`` and
    ``progress`` of check() once were not)."""
    import inspect

    import fincheck

    doc = fincheck.check.__doc__ or ""
    missing = [p for p in inspect.signature(fincheck.check).parameters if p != "paths" and f"``{p}``" not in doc]
    assert not missing, missing
    assert all(f"``{p}``" in fincheck.check_text.__doc__ for p in ("rules", "select", "ignore", "lang", "context"))
