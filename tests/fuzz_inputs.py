"""Generated malformed inputs of every format, for the fuzz test and scripts/fuzz_sweep.py.

Each builder takes a :class:`random.Random` and returns the file's bytes: a plausible report
(tables with totals, sentences with figures) written with hostile pieces — control characters,
rich markup, 400-digit numbers, -1e308 in a date cell, duplicate and empty headers, odd encodings
and line ends — and then, by :func:`mutate`, perhaps truncated or with bytes flipped.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable

from . import hostile_files as hf

WORDS = ["合计", "其中", "项目", "金额", "万元", "占比", "收入", "支出", "本年", "上年", "  基本支出", "  项目支出"]
HOSTILE = ["\x1b[2J", "\x00", "\r", "|", ",", '"', "[bold]x[/]", "\u202e", "\ufeff", "", " ", "\t", "—", "-", "%"]
NUMBERS = ["3.00", "1.00", "2.00", "97.60%", "1,234.50", "1e308", "-1e308", "9" * 400, "0", "-0.5", "nan", "1 234"]


def cell(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.4:
        return rng.choice(NUMBERS)
    if pick < 0.8:
        return rng.choice(WORDS)
    return "".join(rng.choice(HOSTILE + WORDS) for _ in range(rng.randint(1, 4)))


def rows(rng: random.Random) -> list[list[str]]:
    width = rng.randint(1, 5)
    header = [rng.choice(["项目", "金额", "金额", "", "占比", "本年"]) for _ in range(width)]
    body = [[cell(rng) for _ in range(width)] for _ in range(rng.randint(0, 8))]
    if rng.random() < 0.5 and width >= 2:
        body = [["合计", "3.00"] + [""] * (width - 2), ["  A", "1.00"] + [""] * (width - 2), *body]
    return [header, *body]


def csv_bytes(rng: random.Random) -> bytes:
    sep = rng.choice(["\n", "\r\n", "\r"])
    text = sep.join(",".join(r) for r in rows(rng)) + rng.choice([sep, ""])
    if rng.random() < 0.1:
        text = rng.choice(["", "\ufeff", " \n"])
    encoding = rng.choice(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"])
    return text.encode(encoding, "replace")


def sentence(rng: random.Random) -> str:
    n = rng.choice(NUMBERS)
    unit = rng.choice(["万元", "元", "%", "个百分点", "人", ""])
    return f"{rng.choice(WORDS)}{rng.choice(['支出', '收入', '占'])}{n}{unit}{rng.choice(['，', '。', '、', ''])}"


def text_bytes(rng: random.Random) -> bytes:
    parts = []
    for _ in range(rng.randint(1, 6)):
        if rng.random() < 0.4:
            table = rows(rng)
            lines = ["| " + " | ".join(r) + " |" for r in table]
            lines.insert(1, "|" + "---|" * len(table[0]) if rng.random() < 0.8 else "")
            parts.append("\n".join(lines))
        else:
            parts.append("".join(sentence(rng) for _ in range(rng.randint(1, 5))))
    return "\n\n".join(parts).encode(rng.choice(["utf-8", "gb18030", "utf-16"]), "replace")


def _xml_text(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n\r" or (ch >= " " and ch not in "\ufffe\uffff"))


def xlsx_bytes(rng: random.Random) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = rng.choice(["表", "Sheet1", "资产表", "a" * 31])
    for r, row in enumerate(rows(rng), start=1):
        for c, value in enumerate(row, start=1):
            target = ws.cell(row=r, column=c)
            try:
                target.value = float(value.replace(",", "")) if rng.random() < 0.5 else _xml_text(value)
            except ValueError:
                target.value = _xml_text(value)
            target.number_format = rng.choice(["General", "0.00", "0.0%", "yyyy-mm-dd", "#,##0", "[h]:mm"])
    if rng.random() < 0.3:
        ws.merge_cells(start_row=1, start_column=1, end_row=rng.randint(1, 3), end_column=rng.randint(1, 3))
    if rng.random() < 0.2:
        ws.row_dimensions[2].hidden = True
    if rng.random() < 0.1:
        ws["A9"] = "=B2+B3"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xls_bytes(rng: random.Random) -> bytes:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet(rng.choice(["表", "s"]))
    formats = ["General", "0.00", "0%", "yyyy-mm-dd", "hh:mm:ss", "#,##0.00"]
    for r, row in enumerate(rows(rng)):
        for c, value in enumerate(row):
            style = xlwt.easyxf(num_format_str=rng.choice(formats))
            try:
                number = float(value.replace(",", ""))
            except ValueError:
                number = None
            written = number if number is not None and rng.random() < 0.7 else _xml_text(value)[:200]
            try:
                ws.write(r, c, written, style)
            except Exception:  # xlwt refuses some values: the cell is left out
                continue
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def docx_bytes(rng: random.Random) -> bytes:
    import docx

    doc = docx.Document()
    for _ in range(rng.randint(0, 3)):
        doc.add_paragraph(_xml_text("".join(sentence(rng) for _ in range(rng.randint(1, 3)))))
    for _ in range(rng.randint(0, 2)):
        table = rows(rng)
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = _xml_text(value)
        if rng.random() < 0.2 and len(table) > 1 and len(table[0]) > 1:
            t.cell(0, 0).merge(t.cell(1, 0))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def pdf_bytes(rng: random.Random) -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        kind = rng.random()
        if kind < 0.6:
            text = "".join(
                rng.choice(["Total ", "3.00 ", "1.00 ", "(", ")", "\\", "%", "12.5% ", "9" * 40]) for _ in range(8)
            )
            hf.text_pdf(path, text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1"))
        elif kind < 0.75:
            hf.image_only_pdf(path)
        elif kind < 0.9:
            hf.self_referring_pdf(path)
        else:
            hf.encrypted_pdf(path)
        return path.read_bytes()


BUILDERS: dict[str, Callable[[random.Random], bytes]] = {
    ".csv": csv_bytes,
    ".txt": text_bytes,
    ".md": text_bytes,
    ".xlsx": xlsx_bytes,
    ".xls": xls_bytes,
    ".docx": docx_bytes,
    ".pdf": pdf_bytes,
}


def mutate(data: bytes, rng: random.Random, how: str) -> bytes:
    """``how``: keep, truncate, flip (a few bytes), or junk (random bytes inserted)."""
    if how == "keep" or not data:
        return data
    if how == "truncate":
        return data[: rng.randrange(len(data))]
    out = bytearray(data)
    if how == "flip":
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    pos = rng.randrange(len(out))
    return bytes(out[:pos] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + out[pos:])


def make(suffix: str, seed: int, how: str) -> bytes:
    rng = random.Random(seed)
    return mutate(BUILDERS[suffix](rng), rng, how)


GOOD_CSV = "项目,金额\n合计,3.00\n  A,1.00\n  B,1.00\n"


def run_batch(paths: list) -> tuple[int, str, str]:
    """The CLI on ``paths`` in this process (JSON on stdout): exit code, stdout, stderr."""
    import contextlib
    import os

    from fincheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(
            [*map(os.fspath, paths), "--format", "json", "--limits", "seconds=30,memory_mb=2048", "--lang", "en"]
        )
    return code, out.getvalue(), err.getvalue()


def batch_problems(code: int, out: str, err: str, good: str) -> list[str]:
    """What is wrong with one batch run: a traceback, another exit code, an error that is not one
    line naming its file, an internal error, the good file not checked."""
    import json

    problems = []
    if code not in (0, 1, 2):
        problems.append(f"exit {code}")
    if "Traceback" in err:
        problems.append("traceback on stderr")
    # a file read without error in which nothing is recognised gets one warning line naming it
    warned = {ln for ln in err.splitlines() if re.match(r"fincheck: warning W\d{3}: /.*: ", ln)}
    # an unreadable file: one line with its error code
    stray = [ln for ln in err.splitlines() if ln and not re.match(r"fincheck: error E\d{3}: ", ln) and ln not in warned]
    if stray:
        problems.append(f"stray stderr lines: {stray[:3]}")
    try:
        data = json.loads(out)
    except ValueError:
        return [*problems, f"no JSON report (stderr: {err[-300:]!r})"]
    errors = [s for s in data["sources"] if s["error"]]
    lines = [ln for ln in err.splitlines() if re.match(r"fincheck: error E\d{3}: ", ln)]
    if len(lines) != len(errors):
        problems.append(f"{len(errors)} unreadable sources but {len(lines)} error lines")
    for s in errors:
        if f"fincheck: error {s['error_code']}: {s['error']}" not in lines:
            problems.append(f"no stderr line for {s['path']}")
        if not s["error"].startswith(s["path"]):
            problems.append(f"error does not name its file: {s['error']!r}")
        if "internal error" in s["error"] or "please report" in s["error"]:
            problems.append(f"internal error: {s['error']!r}")
        if "\n" in s["error"]:
            problems.append(f"error on several lines: {s['error']!r}")
    if (code == 2) != bool(errors):
        problems.append(f"exit {code} with {len(errors)} unreadable sources")
    good_checks = [c for c in data["checks"] if c["source"] == good]
    if not any(s["path"] == good and not s["error"] for s in data["sources"]) or not good_checks:
        problems.append("the good file was not checked")
    return problems
