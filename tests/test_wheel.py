"""The installed package (not the source tree) finds its rules: the wheel ships rules/."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fincheck.catalogue import load_rules_from

from .helpers import ROOT

PROBE = """
import json, fincheck
from fincheck.catalogue import builtin_rules, builtin_rules_dir
print(json.dumps({"file": fincheck.__file__, "dir": str(builtin_rules_dir()), "n": len(builtin_rules())}))
"""


def _installed(tmp_path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_installed_package_finds_its_rules(tmp_path):
    info = _installed(tmp_path)
    if Path(info["file"]).resolve().is_relative_to(ROOT):
        pytest.skip("fincheck is installed in editable mode; the wheel build test below covers packaging")
    assert Path(info["dir"]).resolve().is_relative_to(Path(info["file"]).resolve().parent)
    assert info["n"] == len(load_rules_from(ROOT / "rules", user=False))


def test_built_wheel_contains_the_rules(tmp_path):
    hatch = pytest.importorskip("hatchling.builders.wheel")
    builder = hatch.WheelBuilder(str(ROOT))
    wheel = next(iter(builder.build(directory=str(tmp_path), versions=["standard"])))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.removeprefix("fincheck/rules/") for n in names if n.startswith("fincheck/rules/")}
    source = {str(p.relative_to(ROOT / "rules")) for p in (ROOT / "rules").rglob("*.yaml")}
    assert source <= shipped
    assert "fincheck/rules/aliases/items.yaml" in names
