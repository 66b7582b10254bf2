"""Baseline of accepted findings: write, apply (hidden unless changed), marked in JSON and HTML."""

from __future__ import annotations

import json

import pytest

from fincheck import check
from fincheck.baseline import BaselineError, apply_baseline, read_baseline, write_baseline

from .helpers import EXAMPLE, FINDINGS_TABLE, run_cli, write_csv


def test_round_trip_hides_every_recorded_finding(tmp_path):
    report = check(EXAMPLE)
    base = tmp_path / "baseline.json"
    assert write_baseline(report, base, reason="explained in 情况说明") == 2
    entries = read_baseline(base)
    assert set(entries["rule"]) == {"GEN003", "GEN004"} and set(entries["reason"]) == {"explained in 情况说明"}
    again = apply_baseline(check(EXAMPLE), base)
    assert again.summary()["accepted"] == 2 and again.summary()["error"] == 0
    assert not again.failing_at("info")
    data = again.to_dict(all_checks=False)
    assert all(c["accepted"] is True for c in data["checks"]) and data["summary"]["accepted"] == 2
    assert "[已接受：explained in 情况说明]" in again.to_html()
    again.lang = "en"
    assert "[accepted: explained in 情况说明]" in again.to_html()
    assert "accepted" not in json.dumps(report.to_dict())  # without a baseline, the contract is unchanged


def test_a_changed_finding_is_shown_again(tmp_path):
    src = write_csv(tmp_path / "t.csv", FINDINGS_TABLE)
    base = tmp_path / "b.json"
    first = check(src)
    n = write_baseline(first, base)
    assert n == len(first.findings) > 0
    changed = write_csv(tmp_path / "t.csv", FINDINGS_TABLE.replace("2.52%", "2.62%"))
    after = apply_baseline(check(changed), base)
    open_rules = after.checks[(after.checks["status"] == "fail") & ~after.checks["accepted"]]
    # the share's stated value changed, and with it the sum of the shares: both are shown again
    assert sorted(open_rules["rule"]) == ["GEN003", "GEN004"]
    assert after.summary()["accepted"] == n - 2 > 0


def test_cli_write_then_apply(tmp_path):
    base = tmp_path / "b.json"
    proc = run_cli(EXAMPLE, "--write-baseline", base, "--reason", "ok", "--lang", "en")
    assert proc.returncode == 0 and "2 findings" in proc.stderr
    proc = run_cli(EXAMPLE, "--baseline", base, "--lang", "en")
    assert proc.returncode == 0, proc.stdout
    assert "GEN003" not in proc.stdout and "2 accepted findings hidden" in proc.stderr
    proc = run_cli(EXAMPLE, "--baseline", base, "--lang", "zh")
    assert "已隐藏 2 个已接受的问题" in proc.stderr
    proc = run_cli(EXAMPLE, "--baseline", base, "--format", "json")
    assert json.loads(proc.stdout)["summary"]["accepted"] == 2


def test_bad_baseline_is_a_clear_error(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("[1, 2]")
    with pytest.raises(BaselineError, match="not a baseline"):
        read_baseline(bad)
    proc = run_cli(EXAMPLE, "--baseline", bad, "--lang", "en")
    assert proc.returncode == 2 and "not a baseline" in proc.stderr and "Traceback" not in proc.stderr


def test_a_baseline_matches_the_file_however_its_path_is_spelled(tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    src = write_csv(folder / "t.csv", FINDINGS_TABLE)
    base = tmp_path / "b.json"
    monkeypatch.chdir(tmp_path)
    n = write_baseline(check("reports/t.csv"), base)
    assert n > 0 and read_baseline(base)["report"].eq("reports/t.csv").all()
    monkeypatch.chdir(folder)
    assert apply_baseline(check("t.csv"), base).summary()["accepted"] == n
    assert apply_baseline(check(str(src.resolve())), base).summary()["accepted"] == n


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_header_and_footer_agree_under_a_baseline(tmp_path, lang):
    """The source's header counts open failures and accepted ones apart, as the summary does."""
    import os
    import re
    import subprocess
    import sys

    base = tmp_path / "b.json"
    write_baseline(check(EXAMPLE), base)
    proc = subprocess.run(
        [sys.executable, "-m", "fincheck", EXAMPLE, "--baseline", str(base), "--lang", lang, "--all"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},  # a header on one line
        timeout=300,
    )
    head, *_, foot = [line for line in proc.stdout.splitlines() if line.strip()]
    numbers = {
        "zh": (r"(\d+) 不符，\d+ 跳过，(\d+) 已接受", r"(\d+) 项不符：.*；(\d+) 项已接受"),
        "en": (r"(\d+) fail, \d+ skip, (\d+) accepted", r"(\d+) failing: .*; (\d+) accepted"),
    }[lang]
    header, footer = re.search(numbers[0], head), re.search(numbers[1], foot)
    assert header and footer, (head, foot)
    assert header.groups() == footer.groups() == ("0", "2")
