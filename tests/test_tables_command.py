"""`fincheck tables FILE` shows what was recognised."""

from __future__ import annotations

from .helpers import EXAMPLE, run_cli, write_csv


def test_tables_lists_each_table_with_type_range_and_unit():
    proc = run_cli("tables", EXAMPLE)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for sheet in ("预算", "决算", "资产", "项目经费", "项目支出", "市场主体"):
        assert sheet in out
    assert "整洁格式" in out and "万元" in out and "A3" in out  # the table type in the output's language


def test_tables_reports_a_sheet_it_could_not_read(tmp_path):
    p = write_csv(tmp_path / "n.csv", "1,2,3\n4,5,6\n")
    proc = run_cli("tables", p)
    assert proc.returncode == 0
    assert "SCH002" in proc.stdout


def test_tables_on_a_missing_file_exits_2(tmp_path):
    proc = run_cli("tables", tmp_path / "missing.xlsx")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
