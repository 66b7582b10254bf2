"""The command line: exit codes, options, the JSON contract."""

from __future__ import annotations

import json

import pytest

from .helpers import EXAMPLE, run_cli, run_json, write_csv

CLEAN = """
项目,金额,占比
合计,10.00,
  A,4.00,40.00%
  B,6.00,60.00%
"""

NEAR = """
项目,金额
合计,10.02
  A,4.00
  B,6.00
"""


@pytest.fixture
def clean(tmp_path):
    return write_csv(tmp_path / "clean.csv", CLEAN)


def test_clean_file_exits_0(clean):
    proc = run_cli(clean)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_fail_on_levels(tmp_path):
    near = write_csv(tmp_path / "near.csv", NEAR)  # off by one unit of the last digit: a warning
    code, data = run_json(near)
    fails = [c for c in data["checks"] if c["status"] == "fail"]
    assert [c["severity"] for c in fails] == ["warning"]
    assert code == 0
    assert run_cli(near, "--fail-on", "warning").returncode == 1
    assert run_cli(near, "--fail-on", "info").returncode == 1


def test_select_and_ignore():
    code, data = run_json(EXAMPLE, "--select", "GEN003", "--all")
    assert {c["rule"] for c in data["checks"]} == {"GEN003"}
    assert code == 1
    code, data = run_json(EXAMPLE, "--ignore", "GEN003,GEN004")
    assert code == 0
    assert data["checks"] == []


def test_json_contract():
    _code, data = run_json(EXAMPLE, "--all")
    assert set(data) == {"fincheck", "sources", "checks", "summary"}
    assert data["sources"] == [{"path": str(EXAMPLE), "kind": "xlsx", "tables": 6, "error": None}]
    assert set(data["summary"]) == {"checks", "fail", "error", "warning", "info"}
    assert data["summary"]["checks"] == len(data["checks"])
    assert data["summary"]["fail"] == sum(c["status"] == "fail" for c in data["checks"])
    keys = [
        "rule",
        "name",
        "severity",
        "status",
        "note",
        "message",
        "stated",
        "expected",
        "difference",
        "tolerance",
        "unit",
        "source",
        "table",
        "location",
        "related",
        "place",
    ]
    for c in data["checks"]:
        assert list(c) == keys
        assert c["severity"] in ("error", "warning", "info")
        assert c["status"] in ("pass", "fail", "skip")
        for k in ("stated", "expected", "difference", "tolerance"):
            assert c[k] is None or isinstance(c[k], int | float)
        if c["status"] != "skip" and c["expected"] is not None:  # a passing range has neither
            assert abs(c["difference"] - (c["stated"] - c["expected"])) < 1e-6
        if c["expected"] is None and c["status"] == "pass":  # a bound that holds: a range or one side
            assert c["difference"] is None and any(w in c["message"] for w in ("–", "不低于", "不高于"))
        assert set(c["location"]) == {"sheet", "cell"}
        assert all(set(r) == {"sheet", "cell"} for r in c["related"])


def test_without_all_only_findings_are_listed():
    _code, data = run_json(EXAMPLE)
    assert data["checks"] and all(c["status"] == "fail" for c in data["checks"])
    assert data["summary"]["checks"] > len(data["checks"])


def test_output_file(tmp_path):
    out = tmp_path / "out.json"
    proc = run_cli(EXAMPLE, "--format", "json", "-o", out)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["fail"] == 2


def test_refuses_to_overwrite_an_input(tmp_path, clean):
    proc = run_cli(clean, "-o", clean, "--lang", "en")
    assert proc.returncode == 2
    assert "refusing" in proc.stderr
    assert clean.read_text(encoding="utf-8").startswith("项目")


def test_usage_error_exits_2_in_one_line():
    proc = run_cli("--format", "nope", EXAMPLE)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert run_cli().returncode == 2


def test_unreadable_input_exits_2_after_checking_the_others(tmp_path, clean):
    missing = tmp_path / "missing.xlsx"
    code, data = run_json(missing, clean, EXAMPLE, "--lang", "en")
    assert code == 2
    errors = {s["path"]: s["error"] for s in data["sources"]}
    assert "no such file" in errors[str(missing)]
    assert errors[str(clean)] is None and errors[str(EXAMPLE)] is None
    assert any(c["source"] == str(EXAMPLE) and c["status"] == "fail" for c in data["checks"])


def test_folder_input(tmp_path, clean):
    write_csv(tmp_path / "b.csv", NEAR)
    _code, data = run_json(tmp_path)
    assert [s["path"] for s in data["sources"]] == [str(tmp_path / "b.csv"), str(clean)]


def test_text_output_names_rule_location_and_values():
    proc = run_cli(EXAMPLE)
    assert proc.returncode == 1
    assert "GEN003" in proc.stdout and "资产!C9" in proc.stdout and "2.52" in proc.stdout


def test_template_subcommand(tmp_path):
    out = tmp_path / "blank.xlsx"
    assert run_cli("template", out).returncode == 0
    assert out.exists()
    assert run_cli("template", out).returncode == 2  # never overwrites
    proc = run_cli(out)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_installed_command_name_matches_module():
    from importlib.metadata import entry_points

    eps = [e for e in entry_points(group="console_scripts") if e.name == "fincheck"]
    assert eps and eps[0].value == "fincheck.cli:main"


def test_unknown_rule_prefix_is_a_usage_error():
    proc = run_cli(EXAMPLE, "--select", "XYZ999")
    assert proc.returncode == 2
    assert "XYZ999" in proc.stderr and "Traceback" not in proc.stderr
    assert run_cli(EXAMPLE, "--ignore", "GEN9").returncode == 2


def test_empty_folder_is_an_unreadable_input(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = run_cli(tmp_path / "empty", "--lang", "en")
    assert proc.returncode == 2
    assert "no report files" in proc.stderr


def test_skipped_and_passing_bound_checks_do_not_read_as_failures(tmp_path):
    p = write_csv(tmp_path / "s.csv", "项目,金额,占比\n合计,10.00,\n  A,4.00,40.00%\n  B,6.00,\n")
    _code, data = run_json(p, "--all")
    for c in data["checks"]:
        if c["rule"] == "GEN008":
            assert c["status"] == "pass" and "之内" in c["message"]
