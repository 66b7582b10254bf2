"""The panel: check_many over many files (in worker processes) gives fincheck.check's checks,
each tagged with its report; one unreadable file is its own error; Parquet output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import fincheck
from fincheck.panel import group_reports, report_key

EXAMPLE = Path(__file__).parents[1] / "examples" / "zhengding-2021.xlsx"


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("batch")
    shutil.copy(EXAMPLE, root / "a.xlsx")
    (root / "b").mkdir()
    shutil.copy(EXAMPLE, root / "b" / "2021.xlsx")
    (root / "broken.xlsx").write_bytes(b"not a workbook")
    return root


def test_files_of_one_stem_in_one_folder_are_one_report(tmp_path):
    for name in ("2021.xlsx", "2021.docx", "2022.xlsx"):
        (tmp_path / name).write_bytes(b"")
    groups = group_reports([tmp_path])
    assert sorted(groups) == [report_key(tmp_path / "2021.xlsx"), report_key(tmp_path / "2022.xlsx")]
    assert sorted(p.name for p in groups[report_key(tmp_path / "2021.xlsx")]) == ["2021.docx", "2021.xlsx"]


def test_check_many_in_two_processes_equals_check(batch):
    seen: list[str] = []
    one = fincheck.check(batch)
    many = fincheck.check_many([batch], jobs=2, progress=lambda p: seen.append(Path(p).name))
    assert sorted(seen) == ["2021.xlsx", "a.xlsx", "broken.xlsx"]
    pd.testing.assert_frame_equal(one.checks, many.checks.drop(columns="report"))
    pd.testing.assert_frame_equal(one.facts, many.facts)
    assert (many.checks["report"] == many.checks["source"]).all()
    assert set(many.checks["report"]) == {str(batch / "a.xlsx"), str(batch / "b" / "2021.xlsx")}
    assert [Path(s.path).name for s in many.sources if s.error] == ["broken.xlsx"]
    assert many.to_dict()["checks"] == one.to_dict()["checks"]  # the JSON contract is unchanged


def test_to_parquet_writes_facts_checks_and_findings(batch, tmp_path):
    report = fincheck.check_many(batch / "a.xlsx")
    written = report.to_parquet(tmp_path / "out")
    assert sorted(written) == ["checks", "facts", "findings"]
    checks = pd.read_parquet(written["checks"])
    assert len(checks) == len(report.checks) and "report" in checks.columns
    assert len(pd.read_parquet(written["findings"])) == len(report.findings)
    facts = pd.read_parquet(written["facts"])
    assert len(facts) == len(report.facts)
    first = report.checks.iloc[0]
    assert checks["location"].iat[0] == json.dumps(first["location"], ensure_ascii=False)


def test_an_unknown_engine_is_an_error(batch):
    with pytest.raises(ValueError, match="engine"):
        fincheck.check_many(batch / "a.xlsx", engine="spark")


def test_cli_jobs_checks_a_folder_and_goes_past_a_broken_file(batch, capsys):
    from fincheck.cli import main

    assert main([str(batch), "--jobs", "2", "--format", "json"]) == 2  # one input unreadable
    out = json.loads(capsys.readouterr().out)
    assert len(out["sources"]) == 3
    assert out["checks"] == fincheck.check(batch).to_dict(all_checks=False)["checks"]


def test_check_many_takes_select_as_a_string_and_documents_every_parameter(tmp_path):
    import inspect

    from fincheck.panel import check_many

    p = tmp_path / "a.csv"
    p.write_text("项目,金额,占比\n资产,100.00,\n  流动资产,60.00,60.00%\n  固定资产,40.00,50.00%\n", encoding="utf-8")
    one, listed = check_many([p], select="GEN004"), check_many([p], select=["GEN004"])
    assert set(one.checks["rule"]) == {"GEN004"} and one.checks.equals(listed.checks)
    doc = inspect.getdoc(check_many) or ""
    missing = [name for name in inspect.signature(check_many).parameters if f"``{name}``" not in doc]
    assert not missing, missing
    with pytest.raises(ValueError, match="no paths"):
        check_many([])
