"""Subcommands through argparse: `fincheck PATH...` is `fincheck check PATH...`; a folder named
like a subcommand is checked as `./rules` or `check rules`; narrow terminals get folded lists."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from rich.cells import cell_len

from .helpers import EXAMPLE, ROOT, run_cli


def _run(*args, cwd, columns: int | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if columns:
        env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "fincheck", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env
    )


def test_check_subcommand_and_its_shorthand_agree():
    long, short = run_cli("check", EXAMPLE, "-q"), run_cli(EXAMPLE, "-q")
    assert long.returncode == short.returncode == 1
    assert long.stdout == short.stdout and "26" in long.stdout


def test_a_folder_named_rules_or_tables_can_be_checked(tmp_path):
    for name in ("rules", "tables"):
        (tmp_path / name).mkdir()
        shutil.copy(EXAMPLE, tmp_path / name / "r.xlsx")
        for args in ((f"./{name}",), ("check", name)):
            proc = _run(*args, "--format", "json", cwd=tmp_path)
            assert proc.returncode == 1, proc.stderr
            assert '"path": "' in proc.stdout and "r.xlsx" in proc.stdout
    listed = _run("rules", cwd=tmp_path)  # the bare word still lists the rules, with a hint
    assert listed.returncode == 0 and "GEN003" in listed.stdout
    assert "fincheck check rules" in listed.stderr


def test_unknown_rule_family_is_a_clear_error():
    proc = run_cli("rules", "XYZ")
    assert proc.returncode == 2
    assert "XYZ" in proc.stderr and "Traceback" not in proc.stderr


def test_no_arguments_and_unknown_options_exit_2():
    assert run_cli().returncode == 2
    assert run_cli("check").returncode == 2
    assert run_cli("rules", "--bogus").returncode == 2


def test_help_lists_every_subcommand():
    out = run_cli("--help").stdout
    for name in ("check", "rules", "explain", "tables", "template", "config"):
        assert name in out


def test_rules_and_tables_fold_at_80_columns():
    for args in (("rules",), ("rules", "--lang", "en"), ("tables", EXAMPLE)):
        proc = _run(*args, cwd=ROOT, columns=80)
        assert proc.returncode == 0, proc.stderr
        widths = [cell_len(line) for line in proc.stdout.splitlines()]
        assert max(widths) <= 80, (args, max(widths))
    assert "GEN003" in _run("rules", cwd=ROOT, columns=80).stdout
