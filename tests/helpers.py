"""Small helpers shared by the tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "zhengding-2021.xlsx"


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fincheck", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=300,
    )


def run_json(*args: str | Path) -> tuple[int, dict]:
    proc = run_cli(*args, "--format", "json")
    return proc.returncode, json.loads(proc.stdout)


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text.strip("\n") + "\n", encoding="utf-8")
    return path


#: A small tidy table with one wrong share, one rounding gap and one 其中 list above its parent:
#: the renderer tests add their own rows below it.
FINDINGS_TABLE = """项目,金额,占比
资产,3973.46,
  流动资产,3877.96,97.60%
  固定资产净值,95.49,2.52%
基本收入,915.40,
  其中：人员经费,841.49,
        日常公用经费,173.91,
"""
