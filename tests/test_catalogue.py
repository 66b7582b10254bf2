"""The catalogue keeps its conventions: one rule per file named by its code, unique codes,
kebab-case names, parameters valid for the kind, passing and failing examples, and every
formula of the domain reference (domain.md) implemented by a rule, and rules that cite public
sources (the MoF audit formulas, the template's tables and rows), not that note's ids."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from fincheck.catalogue import CODE_RE, FAMILIES, NAME_RE, builtin_rules, builtin_rules_dir, parse_rule

from .corpus import ROOT, shared_dir

RULES = builtin_rules()
IDS_FILE = ROOT / "tests" / "domain_ids.txt"


def rule_files() -> list[Path]:
    root = builtin_rules_dir()
    # aliases and the text checker's phrasing (rules/text) are data files, not rules
    return sorted(
        p for p in root.rglob("*.yaml") if "aliases" not in p.parts and p.relative_to(root).parts[0] != "text"
    )


def test_catalogue_is_large_enough():
    assert len(RULES) >= 60, f"only {len(RULES)} rules"


def test_codes_unique():
    dup = [c for c, n in Counter(r.code for r in RULES).items() if n > 1]
    assert not dup, f"codes used twice: {dup}"


def test_names_unique_and_kebab_case():
    bad = [r.code for r in RULES if not NAME_RE.match(r.name)]
    assert not bad, f"names not kebab-case: {bad}"
    dup = [n for n, k in Counter(r.name for r in RULES).items() if k > 1]
    assert not dup, f"names used twice: {dup}"


@pytest.mark.parametrize("path", rule_files(), ids=lambda p: p.stem)
def test_file_holds_one_rule_named_by_its_code(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(raw, dict) and "code" in raw, f"{path}: one rule per file"
    assert CODE_RE.match(raw["code"])
    assert path.stem == raw["code"], f"{path.name} holds {raw['code']}"
    assert path.parent.name == raw["code"][:-3], f"{raw['code']} belongs in rules/{raw['code'][:-3]}/"
    assert raw["code"][:-3] in FAMILIES


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_complete(rule):
    # parse_rule validates the parameters against the check kind's binder
    again = parse_rule(yaml.safe_load(Path(rule.path).read_text(encoding="utf-8")), rule.path)
    assert again.params == rule.params
    for key in ("title", "message", "why"):
        text = getattr(rule, key)
        assert text.get("zh") and text.get("en"), f"{rule.code}: {key} needs zh and en"
    assert rule.source or rule.kind == "schema", f"{rule.code}: no source"
    examples = rule.examples
    assert any(not e.get("fails") for e in examples), f"{rule.code}: no passing example"
    assert any(e.get("fails") for e in examples), f"{rule.code}: no failing example"
    for e in examples:
        assert e.get("name") and NAME_RE.match(e["name"]), f"{rule.code}: example names are kebab-case"
        assert {"table", "sheets", "text", "files"} & set(e), f"{rule.code}/{e.get('name')}: no input"


# ---------------------------------------------------------------- domain ids

_BULLET = re.compile(r"^\* (F-T\d+-\d+|C-\d{3})\b")
_ROW = re.compile(r"^\| ([^|]+) \|")
_ID = re.compile(r"\b(?:X-\d+|C\d{3}|B-\d{3})\b")
_PAREN = re.compile(r"\((B-\d{3})\)")


def parse_domain_ids(text: str) -> list[str]:
    """The formula ids defined in domain.md §2.2–§2.4: F-T… and C-… bullets, the first cell of the
    X-… and budget tables, and budget rules named in parentheses (B-002)."""
    start = text.index("### 2.2")
    end = text.index("### 2.5")
    ids: list[str] = []
    for line in text[start:end].splitlines():
        if m := _BULLET.match(line):
            ids.append(m.group(1))
        elif m := _ROW.match(line):
            ids.extend(_ID.findall(m.group(1)))
            ids.extend(_PAREN.findall(line))
    return sorted(dict.fromkeys(ids), key=_id_key)


def _id_key(i: str) -> tuple:
    return (re.sub(r"\d+", "", i), [int(n) for n in re.findall(r"\d+", i)])


def committed_map() -> dict[str, list[str]]:
    """tests/domain_ids.txt: each formula id of domain.md, then the codes of the rules that
    implement it. The ids belong to that note, which is not part of the project, so they live
    here and not in the rules' ``source``."""
    rows = [line.split() for line in IDS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row[0]: row[1:] for row in rows}


def committed_ids() -> list[str]:
    return list(committed_map())


def test_committed_id_list_matches_domain_reference():
    domain = shared_dir() / "docs" / "domain.md"
    if not domain.exists():
        pytest.skip(f"{domain} not found")
    assert parse_domain_ids(domain.read_text(encoding="utf-8")) == committed_ids(), (
        "tests/domain_ids.txt is out of date with domain.md"
    )


def test_every_domain_formula_is_implemented_by_a_rule():
    codes = {r.code: r for r in RULES}
    unmapped = [i for i, rules in committed_map().items() if not rules]
    assert not unmapped, f"domain formulas no rule implements: {', '.join(unmapped)}"
    unknown = {i: [c for c in rules if c not in codes] for i, rules in committed_map().items()}
    assert not any(unknown.values()), f"tests/domain_ids.txt names rules that do not exist: {unknown}"
    for rules in committed_map().values():
        for code in rules:
            assert codes[code].source, f"{code} implements a domain formula but cites no public source"


_INTERNAL = re.compile(r"^(?:F-T\d+-\d+|X-\d+|C-?\d{3}|B-\d{3})$|§|domain\.md")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_sources_are_public(rule):
    """A source names the public text it rests on (a formula of the MoF software, a table and row of
    the template, a form's note), in words a reader can look up, never a private note's id."""
    ids = set(committed_ids())
    for source in rule.source:
        assert source not in ids and not _INTERNAL.search(source), f"{rule.code}: internal id {source!r}"
        assert len(source) >= 12 and re.search(r"[\u4e00-\u9fff]", source), f"{rule.code}: {source!r} names no text"


# --------------------------------------------------------------------------- rule identity


def test_every_param_is_read():
    """A rule's ``params`` hold only keys its binder declares (or ``emit`` alone)."""
    from fincheck.kinds import unread_params

    unread = {r.code: unread_params(r) for r in builtin_rules() if unread_params(r)}
    assert not unread, f"params that nothing reads: {unread}"


def test_declared_params_appear_in_their_binder():
    """Each key a binder declares is named in its module's source: the declaration is not a
    list that lets anything through."""
    import inspect

    from fincheck.kinds import _BINDERS, PARAMS, binders

    binders()
    for name, keys in PARAMS.items():
        source = inspect.getsource(inspect.getmodule(_BINDERS[name][0]))
        missing = [k for k in keys if f'"{k}"' not in source]
        assert not missing, f"binder {name} declares params it never names: {missing}"


def test_every_rule_names_a_binder_or_an_existing_emitter():
    import importlib

    from fincheck.emitters import EMITTERS
    from fincheck.kinds import binders

    named = {r.params.get("emit") for r in builtin_rules()} - {None}
    assert named <= set(EMITTERS), f"emitters that do not exist: {named - set(EMITTERS)}"
    assert set(EMITTERS) <= named, f"emitters no rule names: {set(EMITTERS) - named}"
    for r in builtin_rules():
        assert ("bind" in r.params) != ("emit" in r.params), f"{r.code}: needs exactly one of bind, emit"
        if "bind" in r.params:
            assert r.params["bind"] in binders(), r.code
    for name, em in EMITTERS.items():
        module, _, attr = em.where.partition(":")
        mod = importlib.import_module(module)
        assert callable(getattr(mod, attr, None)), f"emitter {name}: {em.where} does not exist"
        assert f'emitted("{name}"' in Path(mod.__file__).read_text(encoding="utf-8"), (
            f"emitter {name}: {em.where} does not look its codes up through fincheck.catalogue.emitted"
        )


def test_python_names_only_declared_codes():
    """Static scan: every rule code written in fincheck's source is declared in rules/."""
    declared = {r.code for r in builtin_rules()}
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "fincheck").rglob("*.py")):
        for code in re.findall(r"[\"']([A-Z]{2,4}[0-9]{3})[\"']", path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(path.relative_to(ROOT).as_posix())
    undeclared = {c: p for c, p in found.items() if c not in declared}
    assert not undeclared, f"codes in Python that no rule declares: {undeclared}"


def test_emitted_rules_fire_under_their_declared_code(tmp_path):
    """Runtime scan: the examples of every emitted rule produce only declared codes, and the
    failing ones produce their own."""
    import fincheck

    from .rule_examples import example_inputs

    declared = {r.code for r in builtin_rules()}
    for rule in builtin_rules():
        if "emit" not in rule.params:
            continue
        for i, ex in enumerate(rule.examples):
            folder = tmp_path / f"{rule.code}-{i}"
            folder.mkdir()
            paths = example_inputs(ex, folder)
            codes = set(fincheck.check(*paths).checks["rule"])
            assert codes <= declared, f"{rule.code} example {ex.get('name')}: undeclared {codes - declared}"
            if ex.get("fails"):
                assert rule.code in codes, f"{rule.code} example {ex.get('name')} does not emit {rule.code}"


def test_emitted_refuses_codes_not_declared_for_the_emitter():
    from fincheck.catalogue import emitted
    from fincheck.errors import RuleError

    assert emitted("text-claims", ["TXT001", "TXT002"]) == ["TXT001", "TXT002"]
    with pytest.raises(RuleError, match="not declared"):
        emitted("text-claims", "TXT999")
    with pytest.raises(RuleError, match="emit: schema-issues"):
        emitted("text-claims", "SCH001")
    with pytest.raises(RuleError, match=r"params\.emit"):
        parse_rule(
            {
                "code": "TXT901",
                "name": "x",
                "kind": "claim",
                "title": "t",
                "message": "m",
                "why": "w",
                "params": {"emit": "no-such-emitter"},
            },
            "user.yaml",
        )
    with pytest.raises(RuleError, match=r"read by nothing|not read"):
        parse_rule(
            {
                "code": "GEN901",
                "name": "x",
                "kind": "sum",
                "title": "t",
                "message": "m",
                "why": "w",
                "params": {"bind": "hierarchy", "colums": ["金额"]},
            },
            "user.yaml",
        )


def test_a_text_rule_names_where_its_own_relation_comes_from(capsys):
    """The 依据 of a rule is its own: a share's base is no source for a growth or a count."""
    from fincheck.cli import main

    for rule in builtin_rules():
        if rule.family != "TXT":
            continue
        if "占比" not in rule.text("title", "zh"):
            assert not any("占比以" in s for s in rule.source), rule.code
        assert not re.search(r"[（(][a-z ]+[)）]", rule.text("why", "zh")), rule.code  # no English in the zh why
    assert main(["explain", "TXT005"]) == 0
    out = capsys.readouterr().out
    assert "增长率 = (本年数 − 上年数) ÷ 上年数" in out
    assert "emit:" not in out and "参数" not in out  # how the engine finds operands is no parameter of the rule
