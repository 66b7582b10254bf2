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
