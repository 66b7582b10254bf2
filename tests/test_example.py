"""The bundled example: the seed report's one wrong share, and nothing else."""

from __future__ import annotations

import hashlib

import fincheck

from .helpers import EXAMPLE, ROOT, run_cli, run_json


def test_example_exits_1_and_reports_the_wrong_share_at_its_cell():
    code, data = run_json(EXAMPLE)
    assert code == 1
    fails = [c for c in data["checks"] if c["status"] == "fail"]
    share = [c for c in fails if c["stated"] == 2.52]
    assert len(share) == 1
    assert share[0]["location"] == {"sheet": "资产", "cell": "C9"}
    assert round(share[0]["expected"], 2) == 2.40
    assert share[0]["unit"] == "%"
    # every other failure involves that same cell (the two shares' 100% sum)
    for c in fails:
        involved = [c["location"], *c["related"]]
        assert {"sheet": "资产", "cell": "C9"} in involved, c


def test_example_every_other_relation_passes_with_rounding_gaps_noted():
    report = fincheck.check(EXAMPLE)
    checks = report.checks
    passing = checks[checks["status"] == "pass"]
    gap = passing[passing["stated"] == 3973.46]
    assert list(gap["note"]) == ["rounding gap"]
    assert round(float(gap["expected"].iloc[0]), 2) == 3973.45
    assert (checks["status"] != "skip").all()
    # the claims of the seed's answer key that a table holds are all checked
    stated = set(checks["stated"].round(2))
    for value in (1633.12, 915.40, 1209.15, 97.60, 2.52, 3973.46, 100.0, 96.90, 3.10, 3877.96, 324.98, 82780, 15932):
        assert value in stated, value
    rate = checks[(checks["rule"] == "GEN005")]
    assert len(rate) == 1 and rate["status"].iloc[0] == "pass"


def test_example_is_rebuilt_by_the_committed_script(tmp_path):
    out = tmp_path / "rebuilt.xlsx"
    proc = __import__("subprocess").run(
        [__import__("sys").executable, str(ROOT / "scripts" / "build_example.py"), str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    a = fincheck.check(EXAMPLE).facts[["table", "row", "column", "value", "decimals"]]
    b = fincheck.check(out).facts[["table", "row", "column", "value", "decimals"]]
    assert a.reset_index(drop=True).equals(b.reset_index(drop=True))


def test_checking_never_writes_the_input():
    before = hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    mtime = EXAMPLE.stat().st_mtime_ns
    run_cli(EXAMPLE, "--all")
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() == before
    assert EXAMPLE.stat().st_mtime_ns == mtime
