"""Text inputs: encodings, bad files, .docx, flattened tables and the shared corpus."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fincheck
from fincheck.errors import InputError
from fincheck.text import load_text_file
from fincheck.text.normalise import normalise
from fincheck.text.tables import find_tables

from .corpus import corpus_dir

WRONG_GROWTH = "本年支出 116.00 万元，同比增加 16.00 万元，增长 13.79%。\n"


def _fails(report):
    return [(c["rule"], c["stated"]) for c in report.to_dict()["checks"] if c["status"] == "fail"]


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b"")]
)
def test_encodings(tmp_path, encoding, prefix):
    p = tmp_path / "r.txt"
    p.write_bytes(prefix + WRONG_GROWTH.replace("万元", "萬元").encode(encoding))
    assert ("TXT005", 13.79) in _fails(fincheck.check(p))


def test_markdown(tmp_path):
    p = tmp_path / "r.md"
    p.write_text("# 说明\n\n" + WRONG_GROWTH, encoding="utf-8")
    assert ("TXT005", 13.79) in _fails(fincheck.check(p))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00" * 50, "binary"),
        (b"   \n\n", "no text"),
    ],
)
def test_bad_text_files_are_one_line_errors(tmp_path, content, words):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        load_text_file(p)
    assert words in str(exc.value) and str(p) in str(exc.value)
    proc = subprocess.run([sys.executable, "-m", "fincheck", str(p)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_a_huge_text_finishes_in_bounded_time(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(WRONG_GROWTH * 120_000, encoding="utf-8")  # about 7 MB
    t0 = time.monotonic()
    report = fincheck.check(p, select=["TXT"], lang="en")
    assert time.monotonic() - t0 < 120
    # over the figures limit (fincheck.limits): the file's one clear error, not a hang
    (error,) = report.errors
    assert str(p) in error and "over the limit" in error
    report = fincheck.check(p, select=["TXT"], limits="figures=100000")
    assert time.monotonic() - t0 < 240
    assert report.summary()["fail"] > 0


def test_docx_paragraphs_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("一、收支情况")
    doc.add_paragraph(WRONG_GROWTH.strip())
    t = doc.add_table(rows=4, cols=3)
    for r, row in enumerate(
        [["地区", "收入", "增幅%"], ["全市", "300", "9.0"], ["市本级", "100", "2.0"], ["县区级", "200", "6.6"]]
    ):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    p = tmp_path / "r.docx"
    doc.save(p)
    report = fincheck.check(p)
    fails = report.to_dict()["checks"]
    growth = next(c for c in fails if c["rule"] == "TXT005")
    assert growth["status"] == "fail" and growth["location"]["paragraph"] == 2
    assert growth["location"]["quote"] == "13.79%"
    rules = {c["rule"] for c in fails if c["status"] == "fail"}
    assert "TXT009" in rules  # 9.0 outside [2.0, 6.6]
    assert any(c["rule"] == "GEN001" and c["status"] == "pass" for c in fails)  # 300 = 100 + 200


def test_broken_docx_is_an_input_error(tmp_path):
    p = tmp_path / "r.docx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError):
        load_text_file(p)


# --------------------------------------------------------------------------- flattened tables

ONE_CELL_PER_LINE = """绩效自评表 |
年度预算数 |
年初预算 |
全年预算数 |
全年执行数 |
执行率 |
合计 |
50.00 |
60.00 |
54.00 |
90.00% |
其中:财政拨款 |
50.00 |
60.00 |
54.00 |
95.00% |
其他资金 |
0.00 |
0.00 |
0.00 |
0.00% |
"""

TWO_LEVEL = """单位:万元
地区 | 收入 | 税收占比% | 支出 | |||
本月 | 累计 | 增幅% | 本月 | 累计 | 增幅% | |
全市 | 30 | 90 | 5.0 | 80.0 | 40 | 130 | 3.0 |
市本级 | 10 | 30 | 2.0 | 70.0 | 15 | 50 | 1.0 |
县区级 | 20 | 60 | 6.6 | 85.0 | 25 | 71 | 4.4 |
"""


def test_one_cell_per_line_form_rates_and_subitems():
    report = fincheck.check_text(ONE_CELL_PER_LINE)
    cs = report.to_dict()["checks"]
    rate = [c for c in cs if c["rule"] == "GEN005"]
    assert sorted((c["stated"], c["status"]) for c in rate) == [(0.0, "pass"), (90.0, "pass"), (95.0, "fail")]
    assert any(c["rule"] == "GEN002" and c["status"] == "pass" for c in cs)


def test_two_level_header_and_row_hierarchy():
    n = normalise(TWO_LEVEL)
    (t,) = [t for t in find_tables(n, "x") if t.table is not None]
    assert t.table.columns.split(",")[:4] == ["收入/本月", "收入/累计", "收入/增幅%", "税收占比%"]
    parents = t.facts.drop_duplicates("row").set_index("label")["parent"].to_dict()
    assert parents == {"全市": -1, "市本级": 1, "县区级": 1}
    report = fincheck.check_text(TWO_LEVEL)
    fails = sorted((c["rule"], c["stated"]) for c in report.to_dict()["checks"] if c["status"] == "fail")
    assert fails == [("GEN001", 130.0)]  # 50 + 71 = 121; the growth and ratio columns lie within their parts


# --------------------------------------------------------------------------- the shared corpus


#: What the text checker reaches on each shared folder today: a ratchet, never a goal. The
#: goals (issue 10: recall 0.9, every major, no false alarm, coverage 0.85) stay in the issue;
#: raise a floor whenever a change reaches further. dev3 is held out: scored only to measure.
FLOORS = {
    "seed": {"--min-recall": "1", "--min-major-recall": "1", "--max-false-alarms": "0", "--min-coverage": "0.85"},
    "dev": {"--min-recall": "0.82", "--max-false-alarms": "0", "--min-coverage": "0.89"},
    "dev2": {"--min-recall": "0.71", "--min-major-recall": "0.75", "--max-false-alarms": "0", "--min-coverage": "0.46"},
}


def _score(folder: Path, floors: dict[str, str]) -> subprocess.CompletedProcess:
    script = corpus_dir().parent / "eval" / "score_claims.py"
    args = [a for pair in floors.items() for a in pair] + ["-v"]
    return subprocess.run(
        [sys.executable, str(script), str(folder), *args],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=Path(__file__).parents[1],
    )


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_corpus_scores(name):
    proc = _score(corpus_dir() / name, FLOORS[name])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_seed_report_share_error_found_at_its_line():
    path = next((corpus_dir() / "seed").glob("*.txt"))
    proc = subprocess.run(
        [sys.executable, "-m", "fincheck", str(path), "--format", "json", "--select", "TXT"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    fails = [c for c in json.loads(proc.stdout)["checks"] if c["status"] == "fail"]
    share = [c for c in fails if c["rule"] == "TXT003"]
    assert len(share) == 1 and share[0]["stated"] == 2.52 and round(share[0]["expected"], 2) == 2.40
    line = path.read_text(encoding="utf-8").splitlines()[share[0]["location"]["line"] - 1]
    assert "占资产的 2.52%" in line
    others = [c for c in fails if c is not share[0]]
    assert [(c["rule"], c["stated"]) for c in others] == [("TXT004", 100.0)]
