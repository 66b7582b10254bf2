"""``fincheck serve`` through its routes (Starlette's test client): uploads land only in the
session's own folder, bad uploads are clear messages, the findings, evidence and downloads are
the pipeline's, and two sessions never see each other's files."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # starlette's note about httpx's successor
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from fincheck.web.app import create_app
from fincheck.web.sessions import Sessions
from fincheck.web.uploads import MB, UploadError, UploadLimits, safe_name

from .helpers import FINDINGS_TABLE
from .hostile_files import shared_string_bomb

EXAMPLE = Path(__file__).parents[1] / "examples" / "zhengding-2021.xlsx"
W = {"X-Fincheck": "1"}


@pytest.fixture
def store(tmp_path):
    sessions = Sessions(root=tmp_path)
    yield sessions
    sessions.close()


def client_of(store, **limits) -> TestClient:
    app = create_app(UploadLimits(**limits) if limits else None, hosts=("testserver",), sessions=store)
    client = TestClient(app)
    assert client.get("/").status_code == 200  # the page starts the session (cookie)
    return client


def session_of(store, client):
    return store.get(client.cookies.get("fincheck_session"))


def put(client, name: str, data: bytes, **headers):
    return client.put("/api/files", params={"name": name}, content=data, headers={**W, **headers})


def wait(client, seconds: float = 240) -> dict:
    client.post("/api/check", params={"lang": "en"}, headers=W)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        status = client.get("/api/status").json()
        if status["status"] != "running":
            return status
        time.sleep(0.2)
    raise AssertionError("the check did not finish")


def test_upload_check_evidence_and_downloads(store):
    client = client_of(store)
    assert put(client, "zhengding-2021.xlsx", EXAMPLE.read_bytes()).json() == {
        "name": "zhengding-2021.xlsx",
        "size": EXAMPLE.stat().st_size,
    }
    status = wait(client)
    assert status["status"] == "done"
    assert status["files"] == [
        {"name": "zhengding-2021.xlsx", "size": EXAMPLE.stat().st_size, "state": "done", "error": ""}
    ]
    data = client.get("/api/findings").json()
    rules = {f["rule"]: f for f in data["findings"]}
    assert {"GEN003", "GEN004"} <= set(rules)
    share = rules["GEN003"]
    assert share["report"] == "zhengding-2021.xlsx"  # named relative to the session, not by its temporary path
    assert share["where"] == "资产!C9" and share["message"].startswith("固定资产净值: share stated 2.52%")
    evidence = client.get(f"/api/evidence/{share['index']}").text
    assert '<td class="ev-target">2.52%</td>' in evidence
    assert '<td class="ev-operand">95.49</td>' in evidence and '<td class="ev-operand">3973.46</td>' in evidence
    html = client.get("/download/report.html")
    assert html.headers["content-disposition"] == 'attachment; filename="fincheck-report.html"'
    assert 'class="ev-target"' in html.text and str(store.root) not in html.text
    csv = client.get("/download/findings.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("rule,name,severity") and "GEN003" in csv
    report = json.loads(client.get("/download/report.json").text)
    assert report["sources"][0]["path"] == "zhengding-2021.xlsx"
    assert client.get("/download/../../etc/passwd").status_code == 404


def test_two_sessions_never_mix(store, tmp_path):
    a, b = client_of(store), client_of(store)
    put(a, "a.csv", FINDINGS_TABLE.encode())
    put(b, "b.csv", b"x,y\n1,2\n")
    sa, sb = session_of(store, a), session_of(store, b)
    assert sa.folder != sb.folder and sa.folder.parent == sb.folder.parent == store.root
    assert [p.name for p in sa.folder.iterdir()] == ["a.csv"] and [p.name for p in sb.folder.iterdir()] == ["b.csv"]
    assert [f["name"] for f in b.get("/api/status").json()["files"]] == ["b.csv"]
    stranger = TestClient(a.app)  # no cookie: no session, nothing to see or change
    assert stranger.get("/api/status").status_code == 401
    assert stranger.put("/api/files", params={"name": "c.csv"}, content=b"1", headers=W).status_code == 401


def test_names_never_leave_the_session_folder(store):
    client = client_of(store)
    folder = session_of(store, client).folder
    for name, kept in [
        ("../../escape.csv", "escape.csv"),
        ("/etc/abs.csv", "etc/abs.csv"),
        ("..\\..\\win.csv", "win.csv"),
        ("a/./../b/c.csv", "a/b/c.csv"),
        ("x\x00y.csv", "x_y.csv"),
    ]:
        response = put(client, name, b"a,1\n")
        assert response.status_code == 200, response.text
        assert response.json()["name"] == kept
        assert (folder / kept).is_file()
    written = {p for p in store.root.rglob("*") if p.is_file()}
    assert all(p.is_relative_to(folder) for p in written)
    assert not (store.root.parent / "escape.csv").exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("..", "not a file name"),
        ("notes.exe", "not a report file"),
        (".hidden.csv", "hidden"),
        ("~$a.xlsx", "temporary"),
    ],
)
def test_bad_names_are_clear_messages(store, name, message):
    client = client_of(store)
    response = put(client, name, b"data")
    assert response.status_code in (400, 415)
    assert message in response.json()["error"]
    assert not any(session_of(store, client).folder.iterdir())


def test_refusals_are_said_in_the_pages_language(store):
    """The page sends its language with each request; a refusal is said in it."""
    client = client_of(store, file_mb=1)
    zh = client.put("/api/files", params={"name": "notes.exe", "lang": "zh"}, content=b"x", headers=W)
    assert zh.status_code == 415 and zh.json()["error"].startswith("notes.exe：不是报告文件（可接受：")
    en = client.put("/api/files", params={"name": "notes.exe", "lang": "en"}, content=b"x", headers=W)
    assert en.json()["error"].startswith("notes.exe: not a report file (accepted: ")
    big = {"Content-Length": str(200 * MB)}
    limit = client.put("/api/files", params={"name": "big.xlsx", "lang": "zh"}, content=b"PK", headers={**W, **big})
    assert limit.json()["error"] == "big.xlsx：超过单个文件 1 MB 的限额"
    nothing = client.post("/api/check", params={"lang": "zh"}, headers=W)
    assert nothing.json()["error"] == "没有文件：请先添加报告文件"
    client.cookies.clear()
    ended = client.get("/api/status", params={"lang": "zh"})
    assert ended.status_code == 401 and ended.json()["error"] == "会话已结束：请重新加载页面"
    assert client.get("/api/status").json()["error"] == "the session has ended: reload the page"


def test_the_evidence_pane_says_it_has_nothing_in_the_reports_language():
    from types import SimpleNamespace

    from fincheck.web.findings import evidence_fragment

    report = SimpleNamespace(findings=pd.DataFrame({"rule": ["GEN001"]}))
    assert "没有这条问题" in evidence_fragment(SimpleNamespace(report=report, lang="zh"), 5)
    assert "no such finding" in evidence_fragment(SimpleNamespace(report=report, lang="en"), 5)


def test_an_unreadable_files_error_is_in_the_checks_language(store):
    client = client_of(store)
    put(client, "fake.xlsx", b"this is not a workbook")
    client.post("/api/check", params={"lang": "zh"}, headers=W)
    end = time.monotonic() + 240
    while (status := client.get("/api/status").json())["status"] == "running" and time.monotonic() < end:
        time.sleep(0.2)
    error = status["files"][0]["error"]
    assert error.startswith("fake.xlsx：不是 xlsx（zip 压缩包）文件"), error
    assert str(store.root) not in error


def test_too_large_files_are_refused_before_or_while_streaming(store):
    client = client_of(store, file_mb=1, files=2, session_mb=1.5)
    claimed = put(client, "big.xlsx", b"PK", **{"Content-Length": str(200 * MB)})  # a 200 MB file announced
    assert claimed.status_code == 413 and "larger than the 1 MB limit" in claimed.json()["error"]

    def chunks():  # no length given: counted as it streams, stopped past the limit
        for _ in range(3):
            yield b"0" * (MB // 2 + 1)

    streamed = client.put("/api/files", params={"name": "big.csv"}, content=chunks(), headers=W)
    assert streamed.status_code == 413 and "limit" in streamed.json()["error"]
    folder = session_of(store, client).folder
    assert not any(folder.iterdir())  # no partial file is left
    assert put(client, "a.csv", b"0" * MB).status_code == 200
    room = put(client, "b.csv", b"0" * MB)
    assert room.status_code == 413 and "exceed" in room.json()["error"]
    put(client, "c.csv", b"1")
    assert "at most 2 files" in put(client, "d.csv", b"1").json()["error"]
    assert put(client, "c.csv", b"").json()["error"] == "c.csv: empty file"
    assert (folder / "c.csv").read_bytes() == b"1"  # the refused upload left the earlier file as it was


def test_a_zip_bomb_and_a_non_report_are_the_files_errors(store, tmp_path):
    client = client_of(store)
    bomb = shared_string_bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < MB
    put(client, "bomb.xlsx", bomb.read_bytes())
    put(client, "fake.xlsx", b"this is not a workbook")
    put(client, "fake.pdf", b"neither is this")
    put(client, "ok.csv", FINDINGS_TABLE.encode())
    status = wait(client)
    states = {f["name"]: f for f in status["files"]}
    assert status["status"] == "done"
    assert states["ok.csv"]["state"] == "done"
    for name in ("bomb.xlsx", "fake.xlsx", "fake.pdf"):
        assert states[name]["state"] == "error" and states[name]["error"].startswith(name + ": ")
    assert "part_mb" in states["bomb.xlsx"]["error"] or "MB" in states["bomb.xlsx"]["error"]
    assert str(store.root) not in json.dumps(status)
    assert client.get("/api/findings").json()["findings"]  # ok.csv still checked


def test_writes_need_the_header_and_the_host(store):
    client = client_of(store)
    assert client.put("/api/files", params={"name": "a.csv"}, content=b"1").status_code == 403
    assert client.post("/api/check").status_code == 403
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400


def test_evidence_and_messages_are_escaped(store):
    client = client_of(store)
    hostile = FINDINGS_TABLE.replace("固定资产净值", "<img/src=x/onerror=alert(1)>")
    put(client, "<b>x</b>.csv", hostile.encode())
    wait(client)
    data = client.get("/api/findings").json()
    share = next(f for f in data["findings"] if f["rule"] == "GEN003")
    evidence = client.get(f"/api/evidence/{share['index']}").text
    assert "<img" not in evidence and "&lt;img/src=x/onerror=alert(1)&gt;" in evidence
    html = client.get("/download/report.html").text
    assert "<img/src" not in html and "<b>x</b>" not in html
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_ending_the_session_removes_its_folder(store):
    client = client_of(store)
    put(client, "a.csv", b"a,1\n")
    folder = session_of(store, client).folder
    assert client.post("/api/end", headers=W).json() == {"ended": True}
    assert not folder.exists()
    assert client.get("/api/status").status_code == 401
    store.close()
    assert not store.root.exists()


def test_idle_sessions_expire(tmp_path):
    sessions = Sessions(idle_seconds=0, root=tmp_path)
    session = sessions.new()
    time.sleep(0.01)
    assert sessions.get(session.token) is None and not session.folder.exists()
    sessions.close()


def test_safe_name():
    assert str(safe_name("dir/sub/2021.XLSX")) == "dir/sub/2021.XLSX"
    with pytest.raises(UploadError):
        safe_name("../../..")


def test_marked_copies_download(store, tmp_path):
    import io
    import zipfile

    import docx
    import openpyxl

    from .documents import BUDGET, write

    client = client_of(store)
    word = write(BUDGET, "docx", tmp_path)
    put(client, "zhengding-2021.xlsx", EXAMPLE.read_bytes())
    put(client, "sub/budget.docx", word.read_bytes())
    put(client, "a.csv", FINDINGS_TABLE.encode())
    wait(client)
    assert client.get("/api/findings").json()["markable"] is True
    folder = session_of(store, client).folder
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    response = client.get("/download/marked.zip")
    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        assert sorted(zf.namelist()) == ["marked/sub/budget.docx", "marked/zhengding-2021.xlsx"]
        book = openpyxl.load_workbook(io.BytesIO(zf.read("marked/zhengding-2021.xlsx")))
        assert book.sheetnames[0] == "fincheck" and book["资产"]["C9"].comment is not None
        marked = docx.Document(io.BytesIO(zf.read("marked/sub/budget.docx")))
        assert any(c.text.startswith("GEN005 ") for c in marked.comments)
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before  # uploads untouched, no copy left


def test_no_marked_copies_for_csv(store):
    client = client_of(store)
    put(client, "a.csv", FINDINGS_TABLE.encode())
    wait(client)
    assert client.get("/api/findings").json()["markable"] is False
    response = client.get("/download/marked.zip")
    assert response.status_code == 404 and "no marked copies" in response.json()["error"]


def test_the_page_names_places_in_its_language():
    from fincheck import check_text
    from fincheck.web.findings import findings_payload

    report = check_text("本年支出 116.00 万元，同比增加 16.00 万元，增长 13.79%。\n")
    (zh,) = [f for f in findings_payload(report, "zh")["findings"] if f["rule"] == "TXT005"]
    (en,) = [f for f in findings_payload(report, "en")["findings"] if f["rule"] == "TXT005"]
    assert "第1行" in zh["where"] and "line" not in zh["where"]
    assert "line 1" in en["where"]
