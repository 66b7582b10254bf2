"""``fincheck serve`` end to end in a real headless Chromium (Debian's package, driven by
Playwright, as tests/test_html_browser.py): start the server on a free loopback port, upload
the example workbook and a small PDF, wait for the findings, filter by rule, open a PDF
finding's evidence and see its box drawn, download the HTML report and the CSV, stop the
server. FINCHECK_SCREENSHOT=PATH keeps a screenshot of the findings page (docs/web.png)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from .documents import BUDGET, write
from .test_html_browser import ARGS, CHROMIUM, browser  # noqa: F401 - the fixture

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "zhengding-2021.xlsx"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "fincheck", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "app.js", timeout=2):  # "/" would start a session
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"serve did not start: {proc.stderr.read().decode(errors='replace')}") from None
            time.sleep(0.3)
    yield url, tmp_path
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_upload_filter_evidence_download(browser, server, tmp_path):  # noqa: F811 - the fixture
    url, temp = server
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    pdf = write(BUDGET, "pdf", inputs)
    before = {p: p.read_bytes() for p in (EXAMPLE, pdf)}
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.set_input_files("#pick", [str(EXAMPLE), str(pdf)])
    page.wait_for_selector("#findings tbody tr.finding", timeout=240_000)
    page.wait_for_function("document.querySelectorAll('#files tr[data-state=done]').length === 2")
    assert page.locator("#files progress").evaluate_all("bars => bars.map(b => b.value)") == [100, 100]
    reports = set(page.locator("#findings tbody tr.finding td:nth-child(3)").all_inner_texts())
    assert reports == {"zhengding-2021.xlsx", "budget.pdf"}
    rules = set(page.locator("#findings tbody tr.finding").evaluate_all("rows => rows.map(r => r.dataset.rule)"))
    assert {"GEN003", "GEN005"} <= rules

    page.select_option('select[data-filter="rule"]', "GEN005")
    shown = page.locator("#findings tbody tr.finding")
    assert shown.count() >= 1
    assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.rule)")) == {"GEN005"}
    assert page.inner_text("#shown") == str(shown.count())

    row = page.locator("#findings tbody tr.finding", has_text="budget.pdf").first
    row.locator("button.show-evidence").click()
    box = page.locator("tr.evidence-row svg rect.ev-target")
    box.wait_for(timeout=60_000)
    drawn = box.bounding_box()
    image = page.locator("tr.evidence-row svg image").bounding_box()
    assert drawn and image and drawn["width"] > 5 and drawn["height"] > 5
    # the box lies on the page, in its upper part (the table is drawn below the title lines)
    assert image["x"] <= drawn["x"] <= image["x"] + image["width"]
    assert image["y"] <= drawn["y"] <= image["y"] + image["height"] / 2  # the image is the whole page
    assert page.locator("tr.evidence-row svg rect.ev-operand").count() == 2

    if os.environ.get("FINCHECK_SCREENSHOT"):  # the findings page with the PDF finding's evidence open
        page.select_option('select[data-filter="rule"]', "")
        page.locator("#findings tbody tr.finding", has_text="zhengding-2021.xlsx").last.locator("button").click()
        page.locator("tr.evidence-row table").first.wait_for()
        page.locator("#findings tbody tr.finding", has_text="budget.pdf").first.locator("button").click()
        page.locator("tr.evidence-row svg rect.ev-target").wait_for()
        page.screenshot(path=os.environ["FINCHECK_SCREENSHOT"], full_page=True)

    with page.expect_download() as html_download:
        page.click('#downloads a[href="/download/report.html"]')
    html = Path(html_download.value.path()).read_text(encoding="utf-8")
    assert "budget.pdf" in html and "data:image/png;base64," in html and 'class="ev-target"' in html
    with page.expect_download() as csv_download:
        page.click('#downloads a[href="/download/findings.csv"]')
    csv = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    assert csv.startswith("规则,") and "GEN005" in csv and "GEN003" in csv  # the page's language: 中文
    with page.expect_download() as zip_download:
        page.click("#marked")
    with zipfile.ZipFile(zip_download.value.path()) as zf:
        assert sorted(zf.namelist()) == ["marked/budget.pdf", "marked/zhengding-2021.xlsx"]
    assert all(r.startswith(url) for r in requests)  # nothing but the local server
    page.close()
    assert {p: p.read_bytes() for p in before} == before  # inputs untouched
    assert [p for p in temp.glob("fincheck-web-*/s-*/*")]  # the uploads are in the server's folder


def test_stopping_the_server_removes_the_uploads(browser, server):  # noqa: F811 - the fixture
    url, temp = server
    page = browser.new_page()
    page.goto(url)
    page.set_input_files("#pick", [str(EXAMPLE)])
    page.wait_for_selector("#files tr[data-state]", timeout=240_000)
    page.click("#end")
    page.wait_for_selector("text=session ended")
    assert not list(temp.glob("fincheck-web-*/s-*"))
    page.close()
