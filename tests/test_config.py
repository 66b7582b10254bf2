"""Configuration files: discovery from the inputs' folder upwards, precedence (command line >
file > defaults), --config and --isolated, `fincheck config`, one-line errors."""

from __future__ import annotations

import argparse
import json
import shutil

import pytest

from fincheck.cli import check_parser
from fincheck.config import ConfigError, find_config, load_config, resolve

from .helpers import EXAMPLE
from .test_subcommands import _run


@pytest.fixture
def project(tmp_path):
    (tmp_path / "data" / "2021").mkdir(parents=True)
    shutil.copy(EXAMPLE, tmp_path / "data" / "2021" / "r.xlsx")
    return tmp_path


def _args(*argv: str) -> argparse.Namespace:
    return check_parser().parse_args(["check", *argv])


def test_pyproject_table_is_found_from_the_inputs_folder_upwards(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.fincheck]\nselect = ["GEN003"]\n')
    inp = project / "data" / "2021" / "r.xlsx"
    assert find_config([inp]) == project / "pyproject.toml"
    (project / "data" / "fincheck.toml").write_text('select = "GEN004"\n')  # nearer wins
    assert find_config([inp]) == project / "data" / "fincheck.toml"
    (project / "data" / "2021" / "pyproject.toml").write_text('[project]\nname = "y"\n')  # no table: skipped
    assert find_config([inp]) == project / "data" / "fincheck.toml"


def test_precedence_command_line_then_file_then_default(project):
    (project / "fincheck.toml").write_text('select = ["GEN003", "GEN004"]\nfail-on = "warning"\nformat = "json"\n')
    inp = str(project / "data" / "2021" / "r.xlsx")
    args = _args(inp, "--fail-on", "info")
    origin = resolve(args)
    assert args.fail_on == "info" and origin["fail-on"] == "command line"
    assert args.select == "GEN003,GEN004" and origin["select"] == str(project / "fincheck.toml")
    assert args.quiet is False and origin["quiet"] == "default"
    isolated = _args(inp, "--isolated")
    resolve(isolated)
    assert isolated.select is None and isolated.format == "text"
    other = project / "other.toml"
    other.write_text('ignore = "GEN"\n')
    explicit = _args(inp, "--config", str(other))
    resolve(explicit)
    assert explicit.ignore == "GEN" and explicit.select is None


def test_config_file_drives_a_run_and_rules_paths_are_relative_to_it(project):
    (project / "fincheck.toml").write_text('select = "GEN003"\nformat = "json"\n')
    proc = _run("data", cwd=project)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert {c["rule"] for c in data["checks"]} == {"GEN003"}
    proc = _run("data", "--format", "csv", "--isolated", "--lang", "en", cwd=project)
    assert proc.stdout.lstrip("\ufeff").startswith("rule,") and "GEN004" in proc.stdout
    rel = load_config_text(project, 'rules = "my"\n')
    assert rel.values["rules"] == [str(project / "my")]


def load_config_text(project, text):
    (project / "fincheck.toml").write_text(text)
    return load_config(project / "fincheck.toml")


def test_fincheck_config_shows_values_and_their_origin(project):
    (project / "pyproject.toml").write_text(
        '[tool.fincheck]\nfail-on = "warning"\nbands = { "优秀" = 85, "差" = 0 }\n', encoding="utf-8"
    )
    proc = _run("config", "data", "--lang", "en", cwd=project)
    assert proc.returncode == 0, proc.stderr
    lines = {line.split()[0]: line for line in proc.stdout.splitlines()[1:]}
    assert "warning" in lines["fail-on"] and "pyproject.toml [tool.fincheck]" in lines["fail-on"]
    assert "command line" in lines["lang"] and "(default)" in lines["format"]
    assert "优秀=85,差=0" in lines["bands"]


def test_fincheck_config_shows_the_rules_paths_as_paths(project):
    (project / "fincheck.toml").write_text('rules = ["house", "shared/extra.yaml"]\n', encoding="utf-8")
    proc = _run("config", "data", "--lang", "en", cwd=project)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("rules "))
    assert f"{project / 'house'}, {project / 'shared' / 'extra.yaml'}  (" in line and "[" not in line, line


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('selct = "GEN"\n', ["selct", "unknown key"]),
        ('fail-on = "fatal"\n', ["fail-on", "fatal"]),
        ("all = 1\n", ["all", "true or false"]),
        ("select = [1]\n", ["select"]),
        ('bands = "x"\n', ["bands"]),
        ("select = [\n", ["not valid TOML"]),
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(project, text, words):
    (project / "fincheck.toml").write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(project / "fincheck.toml")
    message = str(err.value)
    assert "fincheck.toml" in message and "\n" not in message
    for w in words:
        assert w in message
    proc = _run("data", cwd=project)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "fincheck.toml" in proc.stderr


def test_jobs_and_limits_can_be_configured(project):
    (project / "fincheck.toml").write_text("jobs = 2\nlimits = { cells = 500000, seconds = 30 }\n")
    inp = str(project / "data" / "2021" / "r.xlsx")
    args = _args(inp)
    origin = resolve(args)
    assert args.jobs == 2 and origin["jobs"] == str(project / "fincheck.toml")
    assert args.limits == "cells=500000,seconds=30"
    override = _args(inp, "--jobs", "1", "--limits", "pages=10")
    resolve(override)
    assert override.jobs == 1 and override.limits == "pages=10"
    for bad, word in (("jobs = 0\n", "jobs"), ('limits = "cels=5"\n', "limits")):
        (project / "fincheck.toml").write_text(bad)
        with pytest.raises(ConfigError, match=word):
            load_config(project / "fincheck.toml")


def test_config_speaks_the_chosen_language(tmp_path):
    zh = _run("config", "--lang", "zh", cwd=tmp_path)
    en = _run("config", "--lang", "en", cwd=tmp_path)
    assert zh.returncode == en.returncode == 0, zh.stderr + en.stderr
    assert zh.stdout.startswith("配置文件：（无）") and "（默认）" in zh.stdout
    assert "default" not in zh.stdout and "configuration file" not in zh.stdout
    assert en.stdout.startswith("configuration file: (none)") and "(default)" in en.stdout


@pytest.mark.parametrize("key", ["all", "quiet", "statistics", "verbose"])
def test_a_boolean_the_file_turns_on_the_command_line_turns_off(project, key):
    (project / "fincheck.toml").write_text(f"{key} = true\n")
    inp = str(project / "data" / "2021" / "r.xlsx")
    dest = key.replace("-", "_")
    on = _args(inp)
    assert resolve(on)[key] == str(project / "fincheck.toml") and getattr(on, dest) is True
    off = _args(inp, f"--no-{key}")
    assert resolve(off)[key] == "command line" and getattr(off, dest) is False
    again = _args(inp, f"--no-{key}", f"--{key}")  # the last one given wins
    resolve(again)
    assert getattr(again, dest) is True


def test_a_configured_output_belongs_to_the_configured_format(project):
    """--format on the command line without --output prints to standard output; the configured
    format still writes to the configured output; --output on the command line always wins."""
    (project / "fincheck.toml").write_text('format = "json"\noutput = "out.json"\n')
    inp = str(project / "data" / "2021" / "r.xlsx")
    own = _args(inp)
    resolve(own)
    assert own.format == "json" and own.output == str(project / "out.json")
    text = _args(inp, "--format", "text")
    origin = resolve(text)
    assert text.output is None and origin["output"].startswith("default")
    both = _args(inp, "--format", "csv", "--output", "x.csv")
    resolve(both)
    assert both.output == "x.csv"


def test_an_empty_select_is_an_error_and_an_empty_ignore_ignores_nothing(project):
    (project / "fincheck.toml").write_text("select = []\n")
    inp = str(project / "data" / "2021" / "r.xlsx")
    with pytest.raises(ConfigError) as err:
        resolve(_args(inp))
    assert "select" in str(err.value) and "selects no rule" in str(err.value)
    assert "未选择任何规则" in err.value.text("zh")
    (project / "fincheck.toml").write_text("ignore = []\n")
    args = _args(inp)
    origin = resolve(args)
    assert args.ignore is None and origin["ignore"] == str(project / "fincheck.toml")
