"""Legacy .xls workbooks (read by python-calamine: values only, no number formats)."""

from __future__ import annotations

import pytest

import fincheck

xlwt = pytest.importorskip("xlwt")

ROWS = [
    ["支出决算表"],
    ["单位：万元"],
    ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
    ["", "合计", 1250.37, 1000.12, 250.25],
    ["201", "一般公共服务支出", 1250.37, 1000.12, 250.25],
    ["20101", "人大事务", "{x}", 1000.12, 250.25],
]


def _write(path, x):
    wb = xlwt.Workbook()
    ws = wb.add_sheet("决算")
    fmt = xlwt.easyxf(num_format_str="0.00")
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            v = x if v == "{x}" else v
            if isinstance(v, float):
                ws.write(r, c, v, fmt)
            else:
                ws.write(r, c, v)
    wb.save(str(path))
    return path


def test_xls_is_recognised_and_checked(tmp_path):
    ok = fincheck.check(_write(tmp_path / "ok.xls", 1250.37))
    assert [s.kind for s in ok.sources] == ["xls"] and not ok.errors
    assert set(ok.tables["table_type"]) == {"final.expense"}
    assert ok.findings.empty
    bad = fincheck.check(_write(tmp_path / "bad.xls", 1240.37))
    assert {(f["rule"][:3], f["location"]["cell"]) for f in bad.to_dict()["checks"] if f["status"] == "fail"} == {
        ("FIN", "C5"),
        ("FIN", "C6"),
    }


def test_damaged_xls_is_one_line_error(tmp_path):
    p = tmp_path / "broken.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    report = fincheck.check(p)
    assert report.errors and str(p) in report.errors[0]


def test_xls_keeps_the_printed_decimals_of_its_number_formats(tmp_path):
    wb = xlwt.Workbook()
    ws = wb.add_sheet("表")
    for r, row in enumerate([["项目", "金额", "占比"], ["合计", 1000.10, None], ["  A", 1000.1, 1.0]]):
        for c, v in enumerate(row):
            if isinstance(v, float):
                ws.write(r, c, v, xlwt.easyxf(num_format_str="0.00%" if c == 2 else "0.00"))
            elif v is not None:
                ws.write(r, c, v)
    p = tmp_path / "fmt.xls"
    wb.save(str(p))
    facts = fincheck.check(p).facts.set_index(["label", "column"])
    assert facts.loc[("合计", "金额"), "decimals"] == 2  # 1000.1 printed as 1000.10
    assert facts.loc[("A", "占比"), "value"] == 100.0  # 1.0 in a 0.00% cell is 100.00%
    assert facts.loc[("A", "占比"), "decimals"] == 2
