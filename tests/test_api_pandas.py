"""The Python API fits pandas: string or list selections, unknown codes raise, flat sortable
location columns, report.ok, raise_for_errors and a failure-cases frame."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import fincheck
from fincheck.report import FindingsError
from fincheck.selection import UnknownRuleError

from .helpers import EXAMPLE, write_csv

CLAIM = "本年收入 80.00 万元，其中事业收入 20.00 万元，占收入的 30.00%。"
CLEAN = """
项目,金额,占比
合计,10.00,
  A,4.00,40.00%
  B,6.00,60.00%
"""


@pytest.fixture(scope="module")
def report():
    return fincheck.check(EXAMPLE)


def test_select_accepts_a_string_a_comma_list_or_a_list():
    one = fincheck.check(EXAMPLE, select="GEN003")
    assert set(one.checks["rule"]) == {"GEN003"}
    both = fincheck.check(EXAMPLE, select="GEN003, gen004")
    assert set(both.checks["rule"]) == {"GEN003", "GEN004"}
    assert both.checks["rule"].tolist() == fincheck.check(EXAMPLE, select=["GEN003", "GEN004"]).checks["rule"].tolist()
    assert "GEN003" not in set(fincheck.check(EXAMPLE, ignore="GEN003").checks["rule"])


@pytest.mark.parametrize("value", [3, ["GEN003", 3], {"GEN003": 1}.values()])
def test_a_selection_that_is_no_text_says_what_to_give(value):
    """select=3 once raised "'int' object is not iterable", naming neither the option nor the fix."""
    with pytest.raises(TypeError, match="select: give rule codes as a string or a list of strings"):
        fincheck.check(EXAMPLE, select=value)


def test_check_text_refuses_what_it_would_ignore():
    """A misspelt keyword ran every rule without a word; a language it does not speak, too."""
    with pytest.raises(TypeError, match="selct"):
        fincheck.check_text("资产 100 万元。", selct="TXT003")
    with pytest.raises(ValueError, match="lang must be 'zh' or 'en'"):
        fincheck.check_text("资产 100 万元。", lang="fr")
    assert set(fincheck.check_text(CLAIM, select="TXT003", lang="en").checks["rule"]) == {"TXT003"}


def test_unknown_codes_raise():
    with pytest.raises(UnknownRuleError, match="XYZ"):
        fincheck.check(EXAMPLE, select="XYZ")
    with pytest.raises(ValueError, match="GEN9"):
        fincheck.check_text("合计 10 万元", ignore=["GEN9"])


def test_flat_location_columns_sort_and_deduplicate(report):
    f = report.findings
    for col in ("sheet", "cell", "page", "line", "start", "end", "row", "col"):
        assert col in f.columns
    assert str(f["page"].dtype) == "Int64" and f["page"].isna().all()
    assert f["sheet"].tolist() == ["资产", "资产"] and f["cell"].tolist() == ["C5", "C9"]
    ordered = report.checks.sort_values(["sheet", "cell", "rule"])
    assert len(ordered) == len(report.checks)
    doubled = pd.concat([f, f]).drop_duplicates(["rule", "source", "sheet", "cell"])
    assert len(doubled) == len(f)
    assert report.to_dict()["checks"][0].keys() == fincheck.check(EXAMPLE).to_dict()["checks"][0].keys()
    assert "sheet" not in report.to_dict()["checks"][0]  # the JSON contract keeps its fields


def test_location_and_related_sort_and_deduplicate_as_they_are(report):
    """``location`` (a dict) and ``related`` (a list of dicts) work with pandas' own operations,
    and stay a dict and a list (the JSON contract)."""
    f = report.findings
    assert isinstance(f["location"].iloc[0], dict) and isinstance(f["related"].iloc[0], list)
    assert f.sort_values("location")["cell"].tolist() == ["C5", "C9"]
    doubled = pd.concat([f, f], ignore_index=True)
    assert len(doubled.drop_duplicates()) == len(f)  # every column, the dicts and lists included
    assert len(doubled.drop_duplicates("location")) == len(f)
    assert doubled["location"].nunique() == len(f) and doubled.groupby("location").size().eq(2).all()
    assert report.checks.sort_values(["source", "location"]).shape == report.checks.shape
    kept = doubled.drop(columns=["location", "related"]).drop_duplicates()
    assert len(kept) == len(f)
    assert f["location"].iloc[0] == {"sheet": "资产", "cell": "C5"}  # equal to the plain dict
    assert json.loads(report.to_json())["checks"][0]["location"] == {"sheet": "资产", "cell": "C5"}


def test_facts_locations_deduplicate_and_survive_pickle_and_parquet(report, tmp_path):
    """``report.facts`` takes pandas' own operations on its ``location`` dicts too."""
    import pickle

    facts = report.facts
    assert len(facts) > 10 and isinstance(facts["location"].iloc[0], dict)
    doubled = pd.concat([facts, facts], ignore_index=True)
    assert len(doubled.drop_duplicates()) == len(facts.drop_duplicates()) == len(facts)
    assert doubled.groupby("location").size().eq(2).all()
    assert facts.sort_values("location").shape == facts.shape
    again = pickle.loads(pickle.dumps(report))
    assert again.facts.equals(facts) and len(again.facts.drop_duplicates()) == len(facts)
    read = pd.read_parquet(report.to_parquet(tmp_path)["facts"])
    first = facts["location"].iloc[0]
    assert json.loads(read["location"].iloc[0]) == first and json.dumps(first) == json.dumps(dict(first))


def test_cells_sort_in_sheet_order(tmp_path):
    """C9 before C10: the location sorts by row and column, and ``row``/``col`` are numbers."""
    rows = "".join(f"  项{i},1.00,\n" for i in range(1, 12))
    src = write_csv(tmp_path / "t.csv", f"项目,金额,备注\n合计,99.00,\n{rows}")
    checks = fincheck.check(src).checks
    assert str(checks["row"].dtype) == "Int64" and str(checks["col"].dtype) == "Int64"
    grid = pd.DataFrame({"location": [{"sheet": "s", "cell": c} for c in ("C10", "C9", "AA1", "B10", "B9")]}).pipe(
        fincheck.report.with_flat_locations
    )
    assert grid.sort_values("location")["location"].map(lambda d: d["cell"]).tolist() == [
        "AA1",
        "B9",
        "C9",
        "B10",
        "C10",
    ]
    by_column = grid.sort_values(["col", "row"])["location"].map(lambda d: d["cell"]).tolist()
    assert by_column == ["B9", "B10", "C9", "C10", "AA1"]
    assert grid["row"].tolist() == [10, 9, 1, 10, 9] and grid["col"].tolist() == [3, 3, 27, 2, 2]
    pdf = pd.DataFrame({"location": [{"page": 2, "table": 1, "row": 3, "column": 4}]}).pipe(
        fincheck.report.with_flat_locations
    )
    assert (pdf["page"].iloc[0], pdf["row"].iloc[0], pdf["col"].iloc[0]) == (2, 3, 4)
    assert len(checks) and checks.sort_values("location").shape == checks.shape


def test_text_locations_have_line_start_end():
    r = fincheck.check_text("一般公共预算支出 100 万元，其中：基本支出 60 万元，项目支出 50 万元。", select="TXT")
    text_rows = r.checks[r.checks["line"].notna()]
    assert len(text_rows) and (text_rows["start"] < text_rows["end"]).all()


def test_ok_and_raise_for_errors(report, tmp_path):
    assert report.ok is False
    with pytest.raises(FindingsError, match="GEN003"):
        report.raise_for_errors()
    clean = fincheck.check(write_csv(tmp_path / "c.csv", CLEAN))
    assert clean.ok is True and clean.raise_for_errors() is clean
    unread = fincheck.check(tmp_path / "missing.xlsx")
    assert unread.ok is False
    with pytest.raises(FindingsError, match="could not be read") as raised:
        unread.raise_for_errors()
    # the unreadable file is named, and the message does not end in a dangling colon
    assert "missing.xlsx" in str(raised.value) and not str(raised.value).endswith(":")


def test_the_raised_error_carries_the_findings_and_their_places(report, tmp_path):
    """A script that catches the error gets the findings as a frame, and the shares that miss
    100% are placed at their span (资产!C5:C9), as the terminal says, not at the first share."""
    with pytest.raises(FindingsError) as raised:
        report.raise_for_errors()
    assert "GEN004 资产!C5:C9:" in str(raised.value)
    assert sorted(raised.value.findings["rule"]) == ["GEN003", "GEN004"] and raised.value.errors == []
    with pytest.raises(FindingsError) as raised:
        fincheck.check(tmp_path / "missing.xlsx").raise_for_errors()
    assert raised.value.findings.empty and len(raised.value.errors) == 1


def test_failure_cases_one_row_per_failing_operand(report):
    fc = report.failure_cases
    gen003 = fc[fc["rule"] == "GEN003"]
    assert gen003["role"].tolist() == ["stated", "operand", "operand"]
    assert gen003["location"].tolist() == ["资产!C9", "资产!B9", "资产!B4"]
    assert gen003["value"].tolist() == [2.52, 95.49, 3973.46]
    assert set(fc["check"]) == set(report.checks.index[report.checks["status"] == "fail"])
    assert fc.sort_values(["rule", "location"]).shape == fc.shape


def test_failure_cases_of_a_narrative_carry_the_figures_read_there():
    """A text figure is found by its span, as a cell is by its address: its label, column,
    value and unit are filled (they were all missing for text and PDF findings)."""
    text = fincheck.check_text("本年收入 80.00 万元，其中事业收入 20.00 万元，占收入的 30.00%。")
    fc = text.failure_cases
    assert fc["role"].tolist() == ["stated", "operand", "operand"]
    assert fc["value"].tolist() == [30.0, 20.0, 80.0]
    assert fc["unit"].tolist() == ["%", "万元", "万元"] and fc["label"].notna().all()


def test_failure_cases_of_shares_that_miss_100_have_no_stated_row(report):
    """GEN004's place is the first share it adds: that figure is an operand; the 100% it is
    compared with is printed nowhere."""
    fc = report.failure_cases
    gen004 = fc[fc["rule"] == "GEN004"]
    assert gen004["role"].tolist() == ["operand", "operand"]
    assert gen004["value"].tolist() == [97.6, 2.52]


def test_explain_lists_the_figures_a_check_used():
    """A check's operands are matched to the facts by location value (dicts cannot be hashed,
    so a hash-based lookup once gave a different, often empty, list on every run)."""
    import fincheck

    report = fincheck.check(EXAMPLE)
    share = report.checks.index[report.checks["rule"].eq("GEN003") & report.checks["status"].eq("fail")][0]
    operands = report.explain(report.checks.index.get_loc(share))["operands"]
    assert sorted((o["label"], o["value"]) for o in operands) == [
        ("固定资产净值", 2.52),
        ("固定资产净值", 95.49),
        ("资产", 3973.46),
    ]


def test_an_unknown_language_is_a_clear_value_error(tmp_path):
    with pytest.raises(ValueError, match="lang must be 'zh' or 'en'"):
        fincheck.check(write_csv(tmp_path / "c.csv", CLEAN), lang="fr")


@pytest.mark.parametrize("paths", [(), ([],), ((),)])
def test_checking_no_path_at_all_raises(paths):
    """check(*glob.glob(...)) on a glob that matched nothing must not pass as ok."""
    with pytest.raises(ValueError, match="no paths"):
        fincheck.check(*paths)


def test_explain_gives_plain_python_values():
    """explain() reads as plain values (no numpy scalars in its repr)."""
    import numpy as np

    report = fincheck.check(EXAMPLE)
    explained = report.explain(0)
    values = [*explained["check"].values(), *(v for o in explained["operands"] for v in o.values())]
    assert not [v for v in values if isinstance(v, np.generic)]
    assert "np." not in repr(explained)
