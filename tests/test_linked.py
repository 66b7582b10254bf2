"""Findings of one wrong figure are linked ("另见 / see also"): by the rules' ``see_also`` when
one's place is among the other's figures, and for any two rules that state the same figure at
the same place."""

from __future__ import annotations

import fincheck
from fincheck.linked import linked_pairs, see_also

from .corpus import corpus_dir

#: B's share is wrong twice: against its amount (GEN003) and beyond 100% (GEN008); the sum of the
#: shares (GEN004, at the first share: the total prints none) has it among its figures
TABLE = "项目,金额,占比\n资产,100.00,\n  A,40.00,40.00%\n  B,60.00,160.00%\n"


def _said(report, lang="en"):
    f = report.findings
    return f.assign(said=see_also(f, report.rules, lang))


def test_two_rules_that_find_one_figure_wrong_are_linked_with_no_pair_named(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(TABLE, encoding="utf-8")
    f = _said(fincheck.check(path)).set_index("rule")
    assert "GEN008" not in {r.code for r in fincheck.check(path).rules if "GEN003" in r.see_also}
    assert f.loc["GEN008", "said"] == "see also GEN003 at t.csv!C4"
    assert f.loc["GEN003", "said"] == "see also GEN004 at t.csv!C3:C4; GEN008 at t.csv!C4"  # GEN004 on the shares
    # GEN004 states a 100% that is not printed at its place (its first share): linked by see_also only
    assert f.loc["GEN004", "said"] == "see also GEN003 at t.csv!C4"


def test_different_figures_at_one_place_are_not_linked(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(TABLE, encoding="utf-8")
    report = fincheck.check(path)
    f = report.findings.copy()
    i = f.index[f["rule"] == "GEN008"][0]
    f.loc[i, "stated"] = 150.0  # the same place, another figure: not the same wrong figure
    assert [(f["rule"][a], f["rule"][b]) for a, b in linked_pairs(f, report.rules)] == [("GEN004", "GEN003")]


def test_a_zero_total_row_links_its_findings_in_each_column():
    # dev/18: 年度资金总额 printed 0 / 0 / 0 over its parts 90 / 89.974 / 89.974 breaks its sum
    # (PRF001) and its bound against its parts (GEN002) in each of the three columns
    report = fincheck.check(corpus_dir() / "dev" / "18.txt")
    f = _said(report, "zh")
    zero = f[f["rule"].isin(["PRF001", "GEN002"])]
    assert len(zero) == 6 and set(zero["stated"]) == {0}
    for _, row in zero.iterrows():
        other = "GEN002" if row["rule"] == "PRF001" else "PRF001"
        col = row["location"]["column"]
        assert row["said"] == f"另见 {other}（第2行第{col}字）", row["said"]
    assert (f.loc[~f["rule"].isin(["PRF001", "GEN002"]), "said"] == "").all()  # TXT001: a figure of its own
