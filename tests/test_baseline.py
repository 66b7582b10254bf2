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


TEXT = "某单位2023年度部门决算说明。\n支出合计 100 万元，其中基本支出 60 万元，项目支出 50 万元。\n"


def _text_report(tmp_path, lang=None):
    src = tmp_path / "note.txt"
    src.write_text(TEXT, encoding="utf-8")
    return check(src, lang=lang), src


@pytest.mark.parametrize(("written", "applied"), [("zh", "en"), ("en", "zh"), ("zh", "zh")])
def test_a_baseline_matches_in_either_language(tmp_path, written, applied):
    """The key is the place (line, start, end), not its words: a baseline written in one
    language hides the same findings in the other."""
    report, src = _text_report(tmp_path, written)
    base = tmp_path / "b.json"
    n = write_baseline(report, base)
    assert n == 1
    (entry,) = json.loads(base.read_text(encoding="utf-8"))["accepted"]
    assert entry["place"] == {"line": 2, "start": 22, "end": 28} and entry["location"] == "line 2 col 6"
    assert apply_baseline(check(src, lang=applied), base).summary()["accepted"] == 1


@pytest.mark.parametrize("old", ["line 2 [22:28]", "line 2 col 6", "第2行第6字", "第2行 [22:28]"])
def test_a_baseline_from_before_places_still_matches(tmp_path, old):
    """Files written before ``place``: the location text in the wording of their time (offsets
    ``[s:e]``, then the character), or in Chinese."""
    report, _src = _text_report(tmp_path)
    base = tmp_path / "old.json"
    entry = {"rule": "TXT002", "report": "note.txt", "location": old, "stated": 100.0, "expected": 110.0}
    base.write_text(json.dumps({"fincheck": "0.1.0", "accepted": [{**entry, "reason": "说明"}]}), encoding="utf-8")
    after = apply_baseline(report, base)
    assert after.summary()["accepted"] == 1 and list(after.findings["accepted_reason"]) == ["说明"]
    moved = {**entry, "location": old.replace("2", "3", 1)}  # another line: no match
    base.write_text(json.dumps({"accepted": [moved]}), encoding="utf-8")
    assert apply_baseline(report, base).summary()["accepted"] == 0


def test_the_old_wordings_of_table_places_are_known():
    from fincheck.baseline import legacy_texts, place_key

    pdf = {"page": 13, "table": 1, "row": 19, "column": 2}
    assert {"page 13 table 1 r19c2", "第13页表1 第19行第2列", "page 13, 1st table, r19c2"} <= set(legacy_texts(pdf))
    word = {"table": 2, "row": 3, "column": 1}
    assert {"table 2 r3c1", "表2 第3行第1列", "2nd table, r3c1"} <= set(legacy_texts(word))
    para = {"paragraph": 4, "start": 10, "end": 15, "quote": "x"}
    assert {"paragraph 4 [10:15]", "paragraph 4 col 11", "第4段第11字"} <= set(legacy_texts(para))
    # the key: the parts that say where, not the quote nor a span's derived column
    assert place_key({"line": 2, "column": 6, "start": 22, "end": 28, "quote": "100 万元"}) == place_key(
        {"line": 2, "start": 22, "end": 28}
    )
    assert place_key(pdf) != place_key({**pdf, "table": 2})


def test_a_missing_baseline_file_says_it_does_not_exist(tmp_path):
    missing = tmp_path / "nope.json"
    with pytest.raises(BaselineError) as err:
        read_baseline(missing)
    assert str(missing) in err.value.text("en") and "no such baseline file" in err.value.text("en")
    assert "不存在" in err.value.text("zh")


def test_rewriting_a_baseline_keeps_the_reasons_of_findings_it_accepted(tmp_path):
    src = write_csv(tmp_path / "t.csv", FINDINGS_TABLE)
    b1, b2 = tmp_path / "b1.json", tmp_path / "b2.json"
    first = check(src, select="GEN003")
    assert write_baseline(first, b1, reason="r1") >= 1
    more = check(src)  # more rules: new findings beside the accepted ones
    from fincheck.cli import main

    assert main([str(src), "--baseline", str(b1), "--write-baseline", str(b2), "--reason", "r2", "-q"]) == 0
    entries = read_baseline(b2)
    assert len(entries) == len(more.findings) > len(read_baseline(b1))
    reasons = dict(zip(entries["rule"] + entries["place"], entries["reason"], strict=True))
    assert {r for k, r in reasons.items() if k.startswith("GEN003")} == {"r1"}
    assert {r for k, r in reasons.items() if not k.startswith("GEN003")} == {"r2"}


def test_a_sum_of_shares_is_keyed_on_all_its_shares(tmp_path):
    report = check(EXAMPLE, select="GEN004")
    base = tmp_path / "b.json"
    write_baseline(report, base)
    entry = json.loads(base.read_text(encoding="utf-8"))["accepted"][0]
    assert entry["location"] == "资产!C5:C9"
    assert [p["cell"] for p in entry["place"]["span"]] == ["C5", "C9"]
    assert apply_baseline(check(EXAMPLE, select="GEN004"), base).summary()["accepted"] == 1
    # a file written before spans were keyed (the first share alone) still matches
    entry["place"].pop("span")
    base.write_text(json.dumps({"fincheck": "0", "accepted": [entry]}), encoding="utf-8")
    assert apply_baseline(check(EXAMPLE, select="GEN004"), base).summary()["accepted"] == 1
    # another span at the same first share is another finding
    entry["place"]["span"] = [{"sheet": "资产", "cell": "C5"}, {"sheet": "资产", "cell": "C7"}]
    base.write_text(json.dumps({"fincheck": "0", "accepted": [entry]}), encoding="utf-8")
    assert apply_baseline(check(EXAMPLE, select="GEN004"), base).summary()["accepted"] == 0
