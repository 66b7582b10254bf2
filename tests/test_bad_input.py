"""Bad input: one clear line naming the file (and place), exit 2, no traceback; the rest checked."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

import fincheck

from .helpers import EXAMPLE, run_cli, run_json, write_csv


def _one_line_error(proc, *needles):
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("fincheck: error")]
    assert len(lines) == 1, proc.stderr
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


def test_missing_file(tmp_path):
    p = tmp_path / "nope.xlsx"
    _one_line_error(run_cli(p, "--lang", "en"), str(p), "no such file")


def test_not_a_workbook_with_xlsx_name(tmp_path):
    p = tmp_path / "fake.xlsx"
    p.write_text("this is not a workbook", encoding="utf-8")
    _one_line_error(run_cli(p, "--lang", "en"), str(p), "not an xlsx (zip) file; it starts with the bytes 74 68 69 73")


def test_encrypted_workbook(tmp_path):
    p = tmp_path / "secret.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    _one_line_error(run_cli(p, "--lang", "en"), str(p), "encrypted")


def test_corrupt_workbook(tmp_path):
    p = tmp_path / "broken.xlsx"
    data = EXAMPLE.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    _one_line_error(run_cli(p, "--lang", "en"), str(p), "corrupt")


def test_zip_that_is_not_a_workbook(tmp_path):
    p = tmp_path / "other.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "hi")
    _one_line_error(run_cli(p, "--lang", "en"), str(p), "not an xlsx workbook")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.xlsx"
    p.write_bytes(b"")
    _one_line_error(run_cli(p, "--lang", "en"), str(p), "empty")


def test_formulas_without_cached_values(tmp_path):
    p = tmp_path / "formulas.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["项目", "金额"])
    ws.append(["合计", "=B3+B4"])
    ws.append(["A", 1])
    ws.append(["B", 2])
    wb.save(p)  # openpyxl stores no cached value for the formula
    line = _one_line_error(run_cli(p, "--lang", "en"), str(p), "表!B2", "cached value")
    assert "formula" in line


def test_bad_file_does_not_stop_the_batch(tmp_path):
    bad = tmp_path / "fake.xlsx"
    bad.write_text("nope", encoding="utf-8")
    code, data = run_json(bad, EXAMPLE)
    assert code == 2
    assert data["sources"][0]["error"] and data["sources"][1]["error"] is None
    assert data["summary"]["fail"] == 2


def test_text_in_a_number_cell_is_a_finding_and_the_rest_is_checked(tmp_path):
    p = write_csv(
        tmp_path / "t.csv",
        """
项目,金额,占比
资产,3973.46,
  流动资产,abc,
  固定资产净值,95.49,2.52%
其他表,1.00,
  X,—,
  Y,-,
  Z,0.00,
  W,1.00,
""",
    )
    report = fincheck.check(p)
    f = report.findings
    sch = f[f["rule"] == "SCH001"]
    assert len(sch) == 1
    assert sch["location"].iloc[0] == {"sheet": "t.csv", "cell": "B3"}
    assert "abc" in sch["message"].iloc[0]
    # the share of 固定资产净值 is still checked; the sum with the bad cell is skipped, not failed
    share = report.checks[report.checks["rule"] == "GEN003"]
    assert share["status"].tolist() == ["fail"]
    total = report.checks[(report.checks["rule"] == "GEN001") & (report.checks["stated"] == 3973.46)]
    assert total["status"].tolist() == ["skip"]
    # "—", "-" and "0.00" are fine: 1.00 = 0 + 0 + 0.00 + 1.00
    other = report.checks[(report.checks["rule"] == "GEN001") & (report.checks["stated"] == 1.0)]
    assert other["status"].tolist() == ["pass"]


@pytest.mark.parametrize("suffix", [".pptx", ""])
def test_unsupported_type(tmp_path, suffix):
    p = tmp_path / f"file{suffix}"
    p.write_text("x", encoding="utf-8")
    _one_line_error(run_cli(p, "--lang", "en"), str(p), "unsupported")


def test_a_header_printed_twice_keeps_both_columns(tmp_path):
    p = write_csv(tmp_path / "dup.csv", "项目,金额,金额\n合计,3.00,5.00\n  A,1.00,2.00\n  B,2.00,3.00\n")
    report = fincheck.check(p)
    assert not report.errors
    assert set(report.facts["column"]) == {"金额", "金额#2"}
    assert report.findings.empty and (report.checks["status"] == "pass").sum() == 2
