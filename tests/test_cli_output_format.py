"""-o FILE: the format follows the file's suffix when --format does not say; a .xlsx file gets a
workbook (or a one-line refusal, exit 2), never text."""

from __future__ import annotations

import json

import openpyxl
import pytest

from fincheck.cli import output_format
from fincheck.errors import FincheckError

from .helpers import run_cli, write_csv

TABLE = "项目,金额\n合计,30.00\n基本支出,20.00\n项目支出,10.00\n"


@pytest.mark.parametrize(
    ("output", "fmt"),
    [("r.json", "json"), ("r.CSV", "csv"), ("r.html", "html"), ("r.xlsx", "xlsx"), ("r.txt", "text"), ("r.md", "text")],
)
def test_suffix_names_the_format(output, fmt):
    assert output_format("text", output, False, "en") == fmt


def test_a_given_format_wins_but_never_text_into_xlsx():
    assert output_format("json", "r.txt", True, "en") == "json"
    assert output_format("text", None, False, "en") == "text"
    for fmt in ("text", "json", "csv", "html"):
        with pytest.raises(FincheckError):
            output_format(fmt, "r.xlsx", True, "en")
    with pytest.raises(FincheckError):
        output_format("xlsx", None, True, "en")  # a workbook needs a file


def test_cli_writes_a_workbook_or_refuses(tmp_path):
    src = write_csv(tmp_path / "t.csv", TABLE)
    out = tmp_path / "out.xlsx"
    proc = run_cli(src, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert openpyxl.load_workbook(out).sheetnames  # a real workbook
    proc = run_cli(src, "--format", "json", "-o", tmp_path / "bad.xlsx", "--lang", "en")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and ".xlsx" in proc.stderr
    assert not (tmp_path / "bad.xlsx").exists()
    proc = run_cli(src, "-o", tmp_path / "r.json")
    assert proc.returncode == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["sources"]
