"""The distribution name is not the public index's unrelated `fincheck`; the import and the
command keep the name fincheck."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_distribution_name_is_fincheck_cn_and_the_module_fincheck():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "fincheck-cn"
    assert project["project"]["scripts"]["fincheck"] == "fincheck.cli:main"
    assert project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["fincheck"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "fincheck-cn" in readme and "unrelated package" in readme
