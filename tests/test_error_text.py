"""Every error template raised in fincheck's code has its Chinese text in fincheck/error_text.py
(read from the source: the message argument of each InputError, RuleError, ConfigError … call)."""

from __future__ import annotations

import ast
from pathlib import Path

from fincheck.error_text import ZH
from fincheck.errors import InputError, RuleError, localised

PACKAGE = Path(__file__).resolve().parent.parent / "fincheck"
#: error class → the position of its message (template) argument
MESSAGE_ARG = {
    "InputError": 1,
    "RuleError": 1,
    "ConfigError": 0,
    "UnknownRuleError": 0,
    "BandError": 0,
    "FincheckError": 0,
    "BaselineError": 0,
    "OutputError": 0,
    "AnnotateError": 0,
    "FormulaError": 0,
    "UploadError": 0,
    "_error": 0,  # the web app's refusals
    "LimitError": None,  # its template is its own (below)
}


def _templates() -> list[tuple[str, str]]:
    out = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            pos = MESSAGE_ARG.get(node.func.id)
            if pos is None or len(node.args) <= pos:
                continue
            arg = node.args[pos]
            for part in [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    out.append((f"{path.relative_to(PACKAGE)}:{node.lineno}", part.value))
    return out


def test_the_reader_finds_the_templates():
    found = {t for _where, t in _templates()}
    assert "no such file" in found and "corrupt workbook: {detail}" in found and len(found) > 60


def test_every_error_template_has_a_chinese_text():
    missing = sorted({f"{where}: {t}" for where, t in _templates() if t not in ZH})
    assert not missing, "\n".join(missing)


def test_every_rule_schema_template_has_a_chinese_text():
    """The templates rule_schema's helpers return (as ``template, values``) or name as constants."""
    tree = ast.parse((PACKAGE / "rule_schema.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and node.value.elts:
            first = node.value.elts[0]
            parts = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            found |= {p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str) and p.value}
        if isinstance(node, ast.Dict):  # the type names' templates
            found |= {v.value for v in node.values if isinstance(v, ast.Constant) and str(v.value).startswith("must")}
    from fincheck.rule_schema import SCHEMA_FALLBACK

    found.add(SCHEMA_FALLBACK)
    assert len(found) > 15 and "name {value} must be kebab-case" in found
    assert not sorted(found - set(ZH))


def test_the_annotate_kinds_templates_have_chinese_texts():
    from fincheck.render.annotate import KINDS

    assert all(needs in ZH for _suffixes, needs in KINDS.values())


def test_the_chinese_texts_use_only_their_templates_placeholders():
    import string

    for template, zh in ZH.items():
        own = {f for _t, f, _s, _c in string.Formatter().parse(template) if f}
        used = {f for _t, f, _s, _c in string.Formatter().parse(zh) if f} if "{zh:" not in zh else set()
        assert used <= own, (template, zh)


def test_an_error_in_each_language():
    err = InputError("表.xlsx", "corrupt workbook: {detail}", detail="Bad CRC-32")
    assert str(err) == "表.xlsx: corrupt workbook: Bad CRC-32" == err.text("en")
    assert err.text("zh") == "表.xlsx：工作簿已损坏"
    rule = RuleError("mine.yaml", "name {value} must be kebab-case", "ABC001", "name", value="'Not Kebab'")
    assert str(rule) == "mine.yaml, rule ABC001, field 'name': name 'Not Kebab' must be kebab-case"
    assert rule.text("zh") == "mine.yaml，规则 ABC001，字段 'name'：名称 'Not Kebab' 须为小写字母和连字符（kebab-case）"
    assert localised("an unknown {x}", {"x": 1}, "zh") == "an unknown 1"  # no translation: English


def test_errors_cross_process_boundaries():
    import pickle

    from fincheck.limits import LimitError

    for err in (InputError("a.csv", "malformed CSV: {detail}", detail="x"), LimitError("b.pdf", "3 pages", "pages")):
        again = pickle.loads(pickle.dumps(err))
        assert type(again) is type(err) and again.text("zh") == err.text("zh") and str(again) == str(err)
