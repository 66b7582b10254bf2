"""One language at a time: every rule's examples, checked together, rendered in Chinese and in
English through every output (terminal, CSV, JSON, HTML, xlsx), hold no text of the other
language beyond what the input itself says (see tests/languages.py for what counts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import fincheck
from fincheck.catalogue import builtin_rules
from fincheck.model.location import format_location
from fincheck.render.html import to_html
from fincheck.render.tabular import to_csv

from .languages import codes_of, foreign, html_text, input_text, json_text, terminal_text, xlsx_text
from .rule_examples import example_inputs

LANGS = ("zh", "en")
OUTPUTS = ("terminal", "csv", "json", "html", "xlsx")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("examples")
    paths, failing = [], {}
    for rule in builtin_rules():
        for example in rule.examples:
            folder = root / f"{rule.code}-{example['name']}"
            folder.mkdir()
            written = example_inputs(example, folder)
            paths += written
            if example.get("fails") and rule.code not in failing:
                failing[rule.code] = written
    return root, paths, failing


def _texts(report, lang: str, xlsx) -> dict[str, str]:
    return {
        # the wide layout (a table) for the findings, the narrow one (blocks) for every check
        "terminal": terminal_text(report, lang, 120, show_all=False) + terminal_text(report, lang, 80),
        "csv": to_csv(report, all_checks=True, lang=lang),
        "json": json_text(report),
        "html": html_text(to_html(report, all_checks=True, lang=lang)),
        "xlsx": xlsx_text(report.to_excel(xlsx, lang=lang)),
    }


def _read(report) -> list[str]:
    """The pipeline's reading of the input (canonical items, column names, titles): input too."""
    facts, tables = report.facts, report.tables
    return [*facts["label"], *facts["item"], *facts["column"], *facts["unit"], *tables.get("title", [])]


@pytest.fixture(scope="module")
def rendered(inputs):
    """Per language: the reports, what the input says, and each output's text. All examples are
    checked together; a rule whose failure that run does not show (another rule's finding
    covers it there) has its failing example checked alone as well."""
    root, paths, failing = inputs
    given = input_text(paths)
    out = {}
    for lang in LANGS:
        report = fincheck.check(*paths, lang=lang)
        reports, read = [report], _read(report)
        texts = _texts(report, lang, root / f"report-{lang}.xlsx")
        shown = set(report.checks.loc[report.checks["status"] == "fail", "rule"])
        for code, example_paths in failing.items():
            if code in shown:
                continue
            alone = fincheck.check(*example_paths, select=[code], lang=lang)
            reports.append(alone)
            read += _read(alone)
            for key, text in _texts(alone, lang, root / f"{code}-{lang}.xlsx").items():
                texts[key] += "\n" + text
        out[lang] = (reports, given + "\n" + "\n".join(map(str, read)), texts)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_with_a_failing_example_fails_in_the_reports(rendered, lang):
    """So that every rule's failure message is among the texts checked below."""
    reports = rendered[lang][0]
    failing = set().union(*(set(r.checks.loc[r.checks["status"] == "fail", "rule"]) for r in reports))
    expected = {r.code for r in builtin_rules() if any(e.get("fails") for e in r.examples)}
    assert not expected - failing, f"rules whose failure was not rendered: {sorted(expected - failing)}"


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_text_of_the_other_language(rendered, lang, output):
    reports, given, texts = rendered[lang]
    codes = set().union(*(codes_of(r) for r in reports))
    bad = foreign(texts[output], lang, given, codes)
    assert not bad, f"{output} in {lang} holds text of the other language: {bad[:30]}"


#: an ASCII colon right after Chinese words (or a full-width bracket): Chinese output has "："
ASCII_COLON = re.compile(r"[\u3400-\u9fff\uf900-\ufaff）]: ")


def ascii_colons(text: str) -> list[str]:
    """Each ASCII colon after Chinese words in ``text``, with a few characters around it."""
    return [text[max(0, m.start() - 12) : m.end() + 12] for m in ASCII_COLON.finditer(text)]


@pytest.mark.parametrize("output", OUTPUTS)
def test_a_colon_after_chinese_words_is_full_width(rendered, output):
    bad = ascii_colons(rendered["zh"][2][output])
    assert not bad, f"{output} in zh has ': ' after Chinese words: {bad[:20]}"


@pytest.mark.parametrize(
    ("loc", "zh", "en"),
    [
        ({"sheet": "表1", "cell": "C4"}, "表1!C4", "表1!C4"),
        ({"line": 3, "column": 1, "start": 0, "end": 5, "quote": "x"}, "第3行第1字", "line 3 col 1"),
        ({"paragraph": 2, "start": 1, "end": 4, "quote": "x"}, "第2段第2字", "paragraph 2 col 2"),
        ({"page": 8, "line": 4}, "第8页第4行", "page 8 line 4"),
        ({"page": 8, "table": 1, "row": 2, "column": 3}, "第8页第1张表 第2行第3列", "page 8, 1st table, r2c3"),
        ({"table": 2, "row": 3, "column": 1}, "第2张表 第3行第1列", "2nd table, r3c1"),
    ],
)
def test_locations_in_both_languages(loc, zh, en):
    assert format_location(loc, "zh") == zh
    assert format_location(loc, "en") == en


def test_the_detector_finds_the_other_language():
    """The check above can fail: it finds a Chinese word in English and an English word in Chinese."""
    assert foreign("total 合计 is 5", "en", "", set()) == ["合计"]
    assert foreign("合计 is 5", "en", "合计", set()) == []
    assert foreign("合计为 5 stated", "zh", "", set()) == ["stated"]
    assert foreign("GEN003 share-does-not-match 合计 CSV", "zh", "", {"GEN003", "share", "does", "not", "match"}) == []


def _parser_words(parser) -> str:
    """What a help page repeats of the command line itself: option names, metavars, choices,
    subcommand names and the program's name."""
    import argparse

    out = [parser.prog]
    for action in parser._actions:
        out += list(action.option_strings)
        out += [str(action.metavar or ""), str(action.dest or "")]
        if action.choices:
            out += [str(c) for c in action.choices]
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                out.append(_parser_words(sub))
    return " ".join(out)


SUBCOMMANDS = ([], ["check"], ["rules"], ["explain"], ["tables"], ["template"], ["config"], ["serve"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("words", SUBCOMMANDS, ids=lambda w: " ".join(w) or "fincheck")
def test_help_in_one_language(words, lang, capsys, monkeypatch):
    from fincheck.cli import check_parser, main

    monkeypatch.delenv("FINCHECK_LANG", raising=False)
    with pytest.raises(SystemExit) as done:
        main([*words, "--help", "--lang", lang] if words else ["--help", "--lang", lang])
    assert done.value.code == 0
    page = capsys.readouterr().out
    # option names and metavars are the command line's own words; the grade bands' example is input
    given = (
        _parser_words(check_parser(lang))
        + " 优秀=85,良好=75,合格=60,差=0 优=90,良=80,中=60,差=0 COMMAND docs/limits.md cells pages seconds FIN AST0"
    )
    bad = foreign(page, lang, given, {"fincheck"})
    assert not bad, f"help of {words} in {lang}: {bad}"


# errors -------------------------------------------------------------------------------------


def _zip_cut(path):
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>" * 200)
        zf.writestr("xl/worksheets/sheet1.xml", "<worksheet/>" * 200)
    path.write_bytes(path.read_bytes()[:-60])  # the central directory cut off


def _error_case(kind: str, tmp_path):
    """(command-line words, what the inputs say) for one kind of error."""
    from . import hostile_files as hf

    if kind == "missing file":
        return [str(tmp_path / "missing.xlsx")], ""
    if kind == "not a report suffix":
        (tmp_path / "notes.foo").write_text("x", encoding="utf-8")
        return [str(tmp_path / "notes.foo")], "'.foo'"
    if kind == "not a workbook":
        (tmp_path / "fake.xlsx").write_text("this is not a workbook", encoding="utf-8")
        return [str(tmp_path / "fake.xlsx")], '74 68 69 73 "this"'
    if kind == "corrupt xlsx":
        _zip_cut(tmp_path / "broken.xlsx")
        return [str(tmp_path / "broken.xlsx")], ""
    if kind == "encrypted":
        (tmp_path / "secret.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        return [str(tmp_path / "secret.xlsx")], ""
    if kind == "empty":
        (tmp_path / "empty.csv").write_bytes(b"")
        (tmp_path / "empty.xlsx").write_bytes(b"")
        return [str(tmp_path / "empty.csv"), str(tmp_path / "empty.xlsx")], ""
    if kind == "scanned PDF":
        return [str(hf.image_only_pdf(tmp_path / "scan.pdf"))], ""
    if kind in ("bad config key", "bad config value"):
        text = 'selectt = ["GEN"]\n' if kind == "bad config key" else 'fail-on = "sometimes"\n'
        (tmp_path / "fincheck.toml").write_text(text, encoding="utf-8")
        return ["--config", str(tmp_path / "fincheck.toml"), EXAMPLE], text
    if kind == "bad rule file":
        (tmp_path / "mine.yaml").write_text("code: [unclosed\n", encoding="utf-8")
        return ["--rules", str(tmp_path / "mine.yaml"), EXAMPLE], ""
    if kind == "bad rule":
        text = "code: ab12\nname: Not Kebab\nkind: sum\ntitle: x\nmessage: x\nparams: {bind: sum}\n"
        (tmp_path / "mine.yaml").write_text(text, encoding="utf-8")
        return ["--rules", str(tmp_path / "mine.yaml"), EXAMPLE], text
    if kind == "bad formula":
        text = (
            "code: HEB001\nname: office-costs-above-cap\nkind: bound\ntitle: x\nmessage: x\n"
            'params: {bind: formula, formula: "[办公费] <= 0.3 * [公用经费"}\n'
        )
        (tmp_path / "mine.yaml").write_text(text, encoding="utf-8")
        return ["--rules", str(tmp_path / "mine.yaml"), EXAMPLE], text
    if kind == "unknown code":
        return ["--select", "XYZ", EXAMPLE], "XYZ"
    if kind == "bad limits":
        return ["--limits", "cells=many", EXAMPLE], "cells=many 'many'"
    if kind == "output over an input":
        (tmp_path / "t.csv").write_text("项目,金额\n合计,1\n", encoding="utf-8")
        return [str(tmp_path / "t.csv"), "-o", str(tmp_path / "t.csv")], ""
    if kind == "baseline not JSON":
        (tmp_path / "accepted.json").write_text("{not json", encoding="utf-8")
        return ["--baseline", str(tmp_path / "accepted.json"), EXAMPLE], ""
    if kind == "nothing to annotate":
        # the report is printed too: its labels are the workbook's own
        return ["--annotate", str(tmp_path / "marked.pdf"), EXAMPLE], ".pdf " + input_text([Path(EXAMPLE)])
    raise AssertionError(kind)


ERROR_KINDS = (
    "missing file",
    "not a report suffix",
    "not a workbook",
    "corrupt xlsx",
    "encrypted",
    "empty",
    "scanned PDF",
    "bad config key",
    "bad config value",
    "bad rule file",
    "bad rule",
    "bad formula",
    "unknown code",
    "bad limits",
    "output over an input",
    "baseline not JSON",
    "nothing to annotate",
)
EXAMPLE = "examples/zhengding-2021.xlsx"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ERROR_KINDS)
def test_errors_in_one_language(kind, lang, tmp_path, capsys, monkeypatch):
    """Each kind of error, with ``--lang``: the terminal's lines and the error line on standard
    error hold no word of the other language beyond the file's name and what the input says."""
    from fincheck.cli import main
    from fincheck.config import CHOICES, OPTIONS

    monkeypatch.delenv("FINCHECK_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "250")  # file names never folded in two
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    words, says = _error_case(kind, tmp_path)
    assert main([*words, "--lang", lang]) == 2
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert tmp_path.name in printed or kind in ("unknown code", "bad limits"), printed  # it names the file
    # the file's path and the command line's own words (option names, config keys and choices)
    given = " ".join([str(tmp_path), *words, says, *OPTIONS, *(c for cs in CHOICES.values() for c in cs)])
    bad = foreign(printed, lang, given + " limits", {"fincheck"})
    assert not bad, f"{kind} in {lang}: {bad}\n{printed}"
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", captured.err), captured.err  # the reason is said, in Chinese
        assert not ascii_colons(printed), printed  # and a colon after Chinese words is "："
