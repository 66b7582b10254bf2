"""GEN004 (shares add up to 100%) is located at the figure it states: the base's printed 100%,
or, when the table prints none, the first share, with the message saying the 100 is implied."""

from __future__ import annotations

import fincheck

ROWS = "  流动资产,3877.96,97.60%\n  固定资产净值,95.49,2.52%\n"


def _gen004(tmp_path, total_share: str, lang: str = "zh"):
    path = tmp_path / "t.csv"
    path.write_text(f"项目,金额,占比\n资产,3973.46,{total_share}\n{ROWS}", encoding="utf-8")
    checks = fincheck.check(path, select="GEN004", lang=lang).checks
    assert len(checks) == 1 and checks["status"].iloc[0] == "fail"
    return checks.iloc[0]


def test_located_at_the_printed_total_share(tmp_path):
    row = _gen004(tmp_path, "100.00%")
    assert row["cell"] == "C2" and row["stated"] == 100 and row["expected"] == 100.12
    assert "按 100% 核对" not in row["message"] and row["note"] == ""


def test_implied_100_is_located_at_the_first_share_and_said(tmp_path):
    row = _gen004(tmp_path, "")
    assert row["cell"] == "C3" and row["stated"] == 100
    assert row["message"].endswith("（合计行未列示占比，按 100% 核对）")
    assert row["note"] == ""  # said in the message, not as a skip note
    en = _gen004(tmp_path, "", lang="en")
    assert en["message"].endswith("(the total states no share: checked against 100%)")


def test_the_example_locates_gen004_at_its_first_share():
    report = fincheck.check("examples/zhengding-2021.xlsx")
    row = report.findings.set_index("rule").loc["GEN004"]
    assert (row["sheet"], row["cell"]) == ("资产", "C5")
    assert "合计行未列示占比" in row["message"]
