"""The README and docs/cli.md show what the example really gives: the terminal output of
`python -m fincheck examples/zhengding-2021.xlsx` and the dict of ``report.summary()``; the
pages the README names are links."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import fincheck
from fincheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/zhengding-2021.xlsx"
COMMAND = f"$ python -m fincheck {EXAMPLE}\n"


def test_the_terminal_example_is_the_real_output(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")  # the width the pages show
    monkeypatch.delenv("FINCHECK_LANG", raising=False)
    assert main([EXAMPLE]) == 1
    printed = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    for page in ("README.md", "docs/cli.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        start = text.index(COMMAND) + len(COMMAND)
        assert text[start : text.index("```", start)].rstrip("\n").splitlines() == printed, page


def test_the_summary_example_is_the_real_summary(monkeypatch):
    monkeypatch.chdir(ROOT)
    report = fincheck.check(EXAMPLE)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"report\.summary\(\)\s+# (\{.*\})", text)
    assert shown, "the README shows report.summary()"
    assert ast.literal_eval(shown.group(1)) == report.summary()


def test_the_pages_the_readme_names_are_links_that_resolve():
    """Outside code blocks, each docs page the README names is a link (it was plain text, which
    a repository page does not make clickable), and every link's file exists."""
    text = re.sub(r"```.*?```", "", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    assert links and all((ROOT / link).exists() for link in links), links
    bare = re.sub(r"\[[^\]]*\]\([^)]*\)", "", text)  # what is left once the links are removed
    assert not re.findall(r"docs/[\w-]+\.md", bare), re.findall(r"docs/[\w-]+\.md", bare)
