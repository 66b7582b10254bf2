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


def _tables_at(width: int, *args) -> str:
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": str(width)}
    proc = subprocess.run(
        [sys.executable, "-m", "fincheck", "tables", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_tables_at_80_columns_are_blocks_whose_long_cells_fold_under_an_indent(tmp_path):
    from rich.cells import cell_len

    heads = ["项目", *(f"第{n}类一般公共预算财政拨款支出决算数" for n in range(1, 7))]
    rows = ["合计," + ",".join(["60.00"] * 6), *(f"子项{k}," + ",".join(["30.00"] * 6) for k in (1, 2))]
    p = write_csv(tmp_path / "wide.csv", ",".join(heads) + "\n" + "\n".join(rows) + "\n")
    out = _tables_at(80, p)
    lines = out.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    columns = [i for i, line in enumerate(lines) if line.lstrip().startswith("列：")]
    assert columns, out  # the column list is a line of its own, not a column of fragments
    following = lines[columns[0] + 1 :]
    assert following and following[0].startswith(" " * 6), out  # folded under the indent
    assert "│" not in out  # no table grid at this width
    wide = _tables_at(160, p)
    assert "│" in wide or "┃" in wide  # a wide terminal keeps the table
