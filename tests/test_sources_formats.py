"""Sources: .csv in GBK / UTF-8 with BOM, workbooks read by calamine, damaged and empty inputs."""

from __future__ import annotations

from pathlib import Path

import fincheck
from fincheck.sources.calamine import read_calamine
from fincheck.tables import recognise_grids

from .putuo import write_workbook

T1 = """收入支出决算总表
单位：万元
收入,,支出,
项目,决算数,项目,决算数
一、一般公共预算财政拨款收入,"2,940.05",一、一般公共服务支出,2106.66
二、其他收入,６.２０,二、社会保障和就业支出,839.64
本年收入合计,2946.25,本年支出合计,2946.30
年初结转和结余,49.14,年末结转和结余,—
总计,2995.39,总计,2946.30
"""


def test_gbk_and_bom_csv(tmp_path):
    for enc in ("gbk", "gb18030", "utf-8-sig"):
        p = tmp_path / f"t1-{enc}.csv"
        p.write_bytes(T1.encode(enc))
        report = fincheck.check(p, select=["FIN"])
        assert list(report.tables["table_type"]) == ["final.income_expense"], enc
        fails = report.findings
        # 收入总计 2995.39 ≠ 支出总计 2946.30: FIN004 at B9; full-width 6.20 and "2,940.05" read
        assert {(r, loc["cell"]) for r, loc in zip(fails["rule"], fails["location"], strict=True)} >= {("FIN004", "B9")}
        assert not fails["rule"].isin(["FIN001"]).any(), fails[["rule", "location", "message"]]


def test_calamine_reads_the_published_layout(tmp_path):
    path = tmp_path / "putuo.xlsx"
    write_workbook(path)
    grids = read_calamine(path)
    tables = [rec.table.table_type for _g, found in recognise_grids(grids) for rec in found]
    assert len(tables) == 9


def test_bad_inputs_are_reported_with_the_file(tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    good = tmp_path / "good.csv"
    good.write_text(T1, encoding="utf-8")
    report = fincheck.check(empty, broken, locked, good, select=["FIN"])
    errors = {Path(s.path).name: s.error for s in report.sources}
    assert "empty" in errors["empty.xlsx"]
    assert "corrupt" in errors["broken.xlsx"] or "zip" in errors["broken.xlsx"]
    assert "encrypted" in errors["locked.xlsx"]
    assert errors["good.csv"] is None and len(report.tables) == 1
