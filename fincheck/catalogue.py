"""The rule catalogue: rules are data (YAML files in ``rules/``), check kinds are code.

Each rule file holds one rule: a stable ``code`` (family letters + 3 digits, never reused),
a kebab-case ``name`` of the problem, ``severity``, ``kind`` (the check kind: code in
:mod:`fincheck.kinds`), Chinese and English ``title`` and ``message``, a ``why`` with its
``source``, the kind's ``params`` (``bind``: the binder that finds its operands, or ``emit``:
the stage that emits it, :mod:`fincheck.emitters`; then only the keys that binder reads) and
``examples`` that must pass and must fail. A text claim's ``shape`` shows the sentences it
reads. The examples are the rule's documentation and its tests.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import string
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .emitters import EMITTERS
from .errors import RuleError, RulesWarning
from .kinds import validate_params
from .rule_schema import CODE_PATTERN, MESSAGE_FIELDS, NAME_PATTERN, OWN_FIELDS_EMITTERS, validate_rule
from .rule_schema import KINDS as KINDS
from .rule_schema import SEVERITIES as SEVERITIES
from .rulesdir import YAML_LOADER
from .rulesdir import builtin_rules_dir as builtin_rules_dir
from .version import __version__

CODE_RE = re.compile(CODE_PATTERN)
NAME_RE = re.compile(NAME_PATTERN)
FAMILIES = {
    "GEN": "generic relations in any table (hierarchies, shares, rates, repeated figures)",
    "FIN": "部门决算 final-account tables",
    "BUD": "部门预算 budget tables",
    "AST": "国有资产 and 资产负债 asset tables",
    "PRF": "绩效自评 performance self-evaluation tables",
    "XTB": "relations between tables of one report",
    "TXT": "claims in report text",
    "SCH": "input data that breaks a table's schema",
    "DOC": "the report as a document: template residue, listed items, structure, headings",
    "ENG": "the engine itself (a rule that could not run)",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    kind: str
    title: dict[str, str]
    message: dict[str, str]
    why: dict[str, str]
    source: tuple[str, ...]
    params: dict[str, Any]
    examples: tuple[dict[str, Any], ...] = ()
    path: str = ""
    user: bool = False
    tables: tuple[str, ...] = field(default=())
    shape: str = ""  # a claim rule's sentence shape, for the rule reference
    #: the message of a passing check, where the failure's would read like one ({} : the message)
    passed: dict[str, str] = field(default_factory=dict)
    #: rules whose findings on the same wrong figure are linked to this rule's (:mod:`fincheck.linked`)
    see_also: tuple[str, ...] = field(default=())
    #: what its figures are, where not a stated and a computed one ({"expected": {zh, en}})
    figure_words: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return self.code[:-3]

    def text(self, key: str, lang: str) -> str:
        value = getattr(self, key)
        return value.get(lang) or value.get("en") or value.get("zh") or ""


def _bilingual(raw: Any, path: str, code: str, key: str, required: bool = True) -> dict[str, str]:
    """A text of the rule (its shape is the schema's): one text for both languages, or per language."""
    if raw is None:
        if required:
            raise RuleError(path, "missing", code, key)
        return {}
    if isinstance(raw, str):
        return {"zh": raw, "en": raw}
    return dict(raw)


def _listed(raw: Any) -> tuple[str, ...]:
    return (raw,) if isinstance(raw, str) else tuple(raw or ())


def parse_rule(raw: Any, path: str, user: bool = False) -> Rule:
    """One rule from its YAML mapping: validated against the rule schema
    (:mod:`fincheck.rule_schema`, published as docs/rule-schema.json), then by its binder."""
    validate_rule(raw, path)
    code = raw["code"]
    rule = Rule(
        code=code,
        name=raw["name"],
        severity=raw.get("severity", "error"),
        kind=raw["kind"],
        title=_bilingual(raw.get("title"), path, code, "title"),
        message=_bilingual(raw.get("message"), path, code, "message"),
        why=_bilingual(raw.get("why"), path, code, "why", required=not user),
        source=_listed(raw.get("source")),
        params=raw["params"],
        examples=tuple(raw.get("examples") or ()),
        path=path,
        user=user,
        tables=_listed(raw.get("tables")),
        shape=str(raw.get("shape") or ""),
        passed=_bilingual(raw.get("passed"), path, code, "passed", required=False),
        see_also=_listed(raw.get("see_also")),
        figure_words={k: _bilingual(v, path, code, "figure_words") for k, v in (raw.get("figure_words") or {}).items()},
    )
    _check_placeholders(rule)
    validate_params(rule)
    return rule


def _check_placeholders(rule: Rule) -> None:
    """A placeholder of ``message`` or ``passed`` that the engine does not fill (``{lable}``) is
    a mistake of the rule file: said when the rules load, not as a garbled message later."""
    if rule.params.get("emit") in OWN_FIELDS_EMITTERS:
        return
    known = [f for f in MESSAGE_FIELDS if f != "note"]
    for key in ("message", "passed"):
        for lang, template in getattr(rule, key).items():
            try:
                names = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
            except ValueError as exc:
                raise RuleError(
                    rule.path,
                    "the {lang} text is not a valid template: {detail}",
                    rule.code,
                    key,
                    lang=lang,
                    detail=exc,
                ) from None
            unknown = [n for n in names if n not in known]
            if unknown:
                raise RuleError(
                    rule.path,
                    "unknown placeholder {name} in the {lang} text (known: {known})",
                    rule.code,
                    key,
                    name="{" + unknown[0] + "}",
                    lang=lang,
                    known=", ".join(known),
                )


def load_rule_file(path: Path, user: bool = False) -> list[Rule]:
    try:
        docs = list(yaml.load_all(path.read_text(encoding="utf-8"), Loader=YAML_LOADER))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark:
            raise RuleError(
                str(path),
                "not valid YAML at line {line}, column {column}: {detail}",
                line=mark.line + 1,
                column=mark.column + 1,
                detail=problem,
            ) from None
        raise RuleError(str(path), "not valid YAML: {detail}", detail=problem) from None
    except OSError as exc:
        raise RuleError(str(path), "cannot be read: {detail}", detail=exc.strerror or str(exc)) from None
    rules: list[Rule] = []
    for doc in docs:
        if doc is None:
            continue
        items = doc.get("rules") if isinstance(doc, dict) and "rules" in doc else [doc]
        if not isinstance(items, list):
            raise RuleError(str(path), "'rules' must be a list")
        rules.extend(parse_rule(item, str(path), user) for item in items)
    return rules


def _rule_files(path: Path) -> list[Path]:
    """The rule files of a folder (aliases and the text stage's phrasing data are not rules)."""
    return [
        f
        for f in sorted([*path.rglob("*.yaml"), *path.rglob("*.yml")])
        if "aliases" not in f.parts and f.relative_to(path).parts[:1] != ("text",)
    ]


def load_rules_from(path: Path, user: bool = True) -> list[Rule]:
    path = Path(path)
    if not path.exists():
        raise RuleError(str(path), "no such rule file or folder")
    files = _rule_files(path) if path.is_dir() else [path]
    if path.is_dir() and not files:
        warnings.warn(RulesWarning(str(path), "no rule files (.yaml, .yml) in this folder"), stacklevel=2)
    rules: list[Rule] = []
    where: dict[str, Path] = {}
    for f in files:
        for rule in load_rule_file(f, user):
            if rule.code in where:  # one code twice: which one should run is not for us to guess
                other = str(where[rule.code])
                raise RuleError(str(f), "its code is also defined in {other}", rule.code, other=other)
            where[rule.code] = f
            rules.append(rule)
    return rules


#: the code a compiled catalogue depends on besides the rule files: their validation
_VALIDATING = ("catalogue.py", "rule_schema.py", "emitters.py", "kinds")


def cache_dir() -> Path:
    """Where compiled catalogues are kept: ``$FINCHECK_CACHE_DIR``, else the user's cache folder."""
    given = os.environ.get("FINCHECK_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fincheck"


def _catalogue_key(folder: Path, files: list[Path]) -> str:
    """A digest of the installed version, the rule files and the code that validates them."""
    here = Path(__file__).resolve().parent
    code = sorted(
        p for name in _VALIDATING for p in ([here / name] if name.endswith(".py") else (here / name).glob("*.py"))
    )
    digest = hashlib.sha256(f"{__version__}\0{folder}".encode())
    for f in [*files, *code]:
        digest.update(f"\0{f}\0".encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:32]


def _compiled(folder: Path) -> list[Rule]:
    """The rules of ``folder``, from a compiled copy in the cache when one matches the files (a
    pickle named by :func:`_catalogue_key`); parsed and validated otherwise, and the copy
    written when the cache folder is writable."""
    files = _rule_files(folder)
    try:
        target = cache_dir() / f"rules-{_catalogue_key(folder, files)}.pickle"
    except OSError:  # a file that cannot be read: parsing names it
        return load_rules_from(folder, user=False)
    try:
        with target.open("rb") as fh:
            rules = pickle.load(fh)
        if isinstance(rules, list) and all(isinstance(r, Rule) for r in rules):
            return rules
    except Exception:  # absent, unreadable or from another Python: compile again
        pass
    rules = load_rules_from(folder, user=False)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".rules-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(rules, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:  # a read-only home or cache: run without it
        pass
    return rules


@cache
def builtin_rules() -> tuple[Rule, ...]:
    rules = _compiled(builtin_rules_dir())
    return tuple(sorted(rules, key=lambda r: r.code))


def merge_rules(base: tuple[Rule, ...] | list[Rule], extra: list[Rule]) -> list[Rule]:
    """Add user rules; a user rule with a built-in code replaces it (and says so in its path)."""
    by_code = {r.code: r for r in base}
    for rule in extra:
        by_code[rule.code] = rule
    return sorted(by_code.values(), key=lambda r: r.code)


def select_rules(rules: list[Rule], select: list[str] | None, ignore: list[str] | None) -> list[Rule]:
    """Filter by code prefixes, as ruff does: ``--select FIN,AST002 --ignore FIN003``."""

    def matches(code: str, prefixes: list[str]) -> bool:
        return any(code.startswith(p.strip().upper()) for p in prefixes if p.strip())

    out = [r for r in rules if not select or matches(r.code, select)]
    return [r for r in out if not ignore or not matches(r.code, ignore)]


def rule_by_code(code: str, rules: list[Rule] | tuple[Rule, ...] | None = None) -> Rule | None:
    for rule in rules if rules is not None else builtin_rules():
        if rule.code == code.upper():
            return rule
    return None


@cache
def _declared() -> dict[str, str]:
    """Rule code → the emitter its built-in rule names (rules with a binder are absent)."""
    return {r.code: str(r.params["emit"]) for r in builtin_rules() if "emit" in r.params}


def emitted(emitter: str, codes: str | Iterable[str]) -> str | list[str]:
    """The code(s) ``emitter`` emits, checked against the catalogue; returns them unchanged.

    Raises :class:`~fincheck.errors.RuleError` when a code is not declared in ``rules/`` with
    ``params.emit: <emitter>``.
    """
    if emitter not in EMITTERS:
        raise RuleError("fincheck/emitters.py", "no emitter {emitter}", emitter=repr(emitter))
    declared = _declared()
    single = isinstance(codes, str)
    items = [codes] if single else list(codes)
    for code in set(items):
        if declared.get(code) != emitter:
            where = f"declared with emit: {declared[code]}" if code in declared else "not declared in rules/"
            raise RuleError(
                EMITTERS[emitter].where,
                "emits rule {rule}, which is {where}",
                code,
                "params.emit",
                rule=code,
                where=where,
            )
    return codes if single else items
