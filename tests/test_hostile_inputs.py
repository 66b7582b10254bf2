"""Hostile and broken input: every reader failure is that file's one line, the batch goes on,
outputs never replace an input and are never left half-written."""

from __future__ import annotations

import os
import sys

import pytest

import fincheck
from fincheck import pipeline as report_module
from fincheck.cli import main
from fincheck.failures import describe, one_line

GOOD = "项目,金额\n合计,3.00\n  A,1.00\n  B,1.00\n"  # one failing sum: the file was checked


def _good(tmp_path, name="good.csv"):
    p = tmp_path / name
    p.write_text(GOOD, encoding="utf-8")
    return p


def _run(capfd, *args) -> tuple[int, str, str]:
    code = main([*map(os.fspath, args), "--lang", "en"])  # the error texts checked are the English ones
    out, err = capfd.readouterr()
    return code, out, err


def _error_lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if ln.startswith("fincheck: error")]


def _assert_batch(code, err, bad_name, *needles):
    assert code == 2, err
    assert "Traceback" not in err and "panicked" not in err and "please report" not in err, err
    lines = _error_lines(err)
    assert len(lines) == 1, err
    assert bad_name in lines[0], lines[0]
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


def _xls(path, value, num_format="yyyy-mm-dd"):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("s")
    ws.write(0, 0, "项目")
    ws.write(0, 1, "金额")
    ws.write(1, 0, "a")
    ws.write(1, 1, value, xlwt.easyxf(num_format_str=num_format))
    wb.save(str(path))
    return path


def test_a_rust_panic_in_the_xls_reader_is_one_line_and_the_batch_goes_on(tmp_path, capfd):
    bad = _xls(tmp_path / "neg.xls", -1e308)  # a date cell holding -1e308: calamine panics
    code, out, err = _run(capfd, bad, _good(tmp_path), "-q")
    _assert_batch(code, err, "neg.xls", "damaged or unsupported workbook content")
    assert "1 failing" in out  # good.csv was still checked


@pytest.mark.parametrize("num_format", ["yyyy-mm-dd", "[h]:mm"])
def test_a_rust_panic_in_the_xlsx_reader_is_one_line_naming_the_sheet(tmp_path, capfd, num_format):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["项目", "金额"])
    ws.append(["a", -1e308])  # calamine panics converting it to a date or a duration, in this process
    ws["B2"].number_format = num_format
    wb.save(tmp_path / "neg.xlsx")
    code, out, err = _run(capfd, tmp_path / "neg.xlsx", _good(tmp_path), "-q")
    line = _assert_batch(code, err, "neg.xlsx!表", "damaged or unsupported workbook content")
    assert err == line + "\n"  # the panic's own message on fd 2 is not shown
    assert "1 failing" in out


def test_a_truncated_xls_is_one_line(tmp_path, capfd):
    full = _xls(tmp_path / "full.xls", 12.5, "0.00")
    data = full.read_bytes()
    (tmp_path / "cut.xls").write_bytes(data[: len(data) // 2])
    code, _out, err = _run(capfd, tmp_path / "cut.xls", _good(tmp_path), "-q")
    _assert_batch(code, err, "cut.xls")


class NativePanic(BaseException):
    """Stands for a native extension's panic (not an Exception subclass)."""


@pytest.mark.parametrize(
    ("exc", "needle"),
    [
        (MemoryError(), "too large to read"),  # an empty message: the handler must not crash
        (NativePanic(), "damaged or unsupported content"),
        (ValueError("line one\nline two\nline three"), "line one line two line three"),
        (RecursionError(), "nested too deeply"),
        (PermissionError(13, "Permission denied"), "permission denied"),
    ],
)
def test_any_reader_exception_is_that_files_one_line(tmp_path, capfd, monkeypatch, exc, needle):
    real = report_module.load_source
    bad = _good(tmp_path, "bad.csv")

    def load(path):
        if path.name == "bad.csv":
            raise exc
        return real(path)

    monkeypatch.setattr(report_module, "load_source", load)
    code, out, err = _run(capfd, bad, _good(tmp_path), "-q")
    _assert_batch(code, err, "bad.csv", needle)
    assert "1 failing" in out


def test_interrupts_still_stop_the_run(tmp_path, monkeypatch):
    monkeypatch.setattr(report_module, "load_source", lambda path: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        fincheck.check(_good(tmp_path))
    assert main([str(_good(tmp_path)), "-q"]) == 130


def test_a_bug_of_ours_says_internal_and_debug_shows_the_traceback(tmp_path, capfd, monkeypatch):
    # a bug inside fincheck's own code: a function handed what it does not expect
    # (typed_facts(path) raises AttributeError in fincheck/model)
    monkeypatch.setattr(report_module, "load_source", report_module.typed_facts)
    code, _out, err = _run(capfd, _good(tmp_path), "-q")
    line = _assert_batch(code, err, "good.csv", "internal error", "AttributeError")
    assert "--debug" in line
    monkeypatch.setenv("FINCHECK_DEBUG", "")
    code, _out, err = _run(capfd, _good(tmp_path), _good(tmp_path, "other.csv"), "-q", "--debug")
    assert code == 2
    assert "Traceback" in err and "traceback while reading" in err and "good.csv" in err
    assert err.count("fincheck: error E") == 2  # the batch went on under --debug too


def test_describe_and_one_line_never_fail():
    class Unprintable(Exception):
        def __str__(self):
            raise RuntimeError("no")

    assert one_line(Unprintable()) == ""
    assert describe(Unprintable())
    assert describe(Exception())
    assert "\n" not in describe(ValueError("a\nb"))


def test_library_warnings_do_not_reach_stderr(tmp_path, capfd):
    import warnings

    real = report_module.load_source

    def load(path):
        warnings.warn("a library complains", UserWarning, stacklevel=1)
        import logging

        logging.getLogger("pdfminer.pdfinterp").warning("Cannot set gray non-stroke color")
        return real(path)

    mp = pytest.MonkeyPatch()
    mp.setattr(report_module, "load_source", load)
    try:
        code, _out, err = _run(capfd, _good(tmp_path), "-q")
    finally:
        mp.undo()
    assert code == 1
    assert "complains" not in err and "non-stroke" not in err


# -- outputs ---------------------------------------------------------------------------------


def test_output_inside_an_input_folder_is_refused(tmp_path, capfd):
    folder = tmp_path / "in"
    folder.mkdir()
    data = _good(folder, "data.csv")
    before = data.read_bytes()
    code, _out, err = _run(capfd, folder, "--format", "csv", "-o", data)
    assert code == 2 and "refusing" in err
    code, _out, err = _run(capfd, folder, "--format", "json", "-o", folder / "new.json")
    assert code == 2 and "inside the input folder" in err
    assert data.read_bytes() == before and not (folder / "new.json").exists()


def test_hard_and_symbolic_links_to_an_input_are_refused(tmp_path, capfd):
    data = _good(tmp_path, "data.csv")
    before = data.read_bytes()
    hard = tmp_path / "hard.csv"
    os.link(data, hard)
    soft = tmp_path / "soft.csv"
    soft.symlink_to(data)
    for target in (hard, soft):
        code, _out, err = _run(capfd, data, "--format", "csv", "-o", target)
        assert code == 2 and "refusing to overwrite an input" in err, err
    code, _out, err = _run(capfd, tmp_path / "data.csv", "--annotate", hard)
    assert code == 2 and "refusing" in err
    assert data.read_bytes() == before


def test_a_hard_link_to_a_file_inside_an_input_folder_is_refused(tmp_path, capfd):
    folder = tmp_path / "in"
    folder.mkdir()
    data = _good(folder, "data.csv")
    os.link(data, tmp_path / "alias.csv")
    code, _out, err = _run(capfd, folder, "--format", "csv", "-o", tmp_path / "alias.csv")
    assert code == 2 and "refusing to overwrite an input file" in err
    assert data.read_text(encoding="utf-8") == GOOD


def test_missing_output_folder_is_a_clear_error(tmp_path, capfd):
    for option in ("-o", "--annotate"):
        code, _out, err = _run(capfd, _good(tmp_path), option, tmp_path / "nope" / "out.xlsx")
        assert code == 2
        assert _error_lines(err) == [
            f"fincheck: error: {tmp_path / 'nope' / 'out.xlsx'}: the folder {tmp_path / 'nope'} does not exist"
        ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_output_folder_is_a_clear_error(tmp_path, capfd):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        code, _out, err = _run(capfd, _good(tmp_path), "-o", ro / "out.txt")
    finally:
        ro.chmod(0o700)
    assert code == 2 and "not writable" in err


def test_an_interrupted_write_leaves_the_old_output(tmp_path, capfd, monkeypatch):
    from fincheck import outputs

    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")

    def broken(tmp):
        tmp.write_bytes(b"{half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        outputs.write_atomic(out, broken)
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left
    code, _out, _err = _run(capfd, _good(tmp_path), "--format", "json", "-o", out)
    assert code == 1 and '"fincheck"' in out.read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in names")
@pytest.mark.parametrize("fmt", ["text", "json", "csv", "html"])
def test_a_file_name_that_is_not_utf8_survives_every_output(tmp_path, capfd, fmt):
    folder = os.path.join(os.fsencode(tmp_path), b"in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"\xff\xfe.csv"), "w", encoding="utf-8") as fh:
        fh.write(GOOD)
    out = tmp_path / f"out.{fmt}"
    code, _out, err = _run(capfd, os.fsdecode(folder), "--format", fmt, "-o", out)
    assert code == 1, err
    text = out.read_text(encoding="utf-8-sig")
    assert "\\xff\\xfe.csv" in text.replace("\\\\", "\\")
    code, stdout, err = _run(capfd, os.fsdecode(folder))
    assert code == 1 and "\\xff\\xfe.csv" in stdout, err


# -- which files are read --------------------------------------------------------------------


def test_a_symlinked_duplicate_is_checked_once(tmp_path):
    data = _good(tmp_path, "a.csv")
    (tmp_path / "b.csv").symlink_to(data)
    report = fincheck.check(tmp_path)
    assert len(report.sources) == 1 and report.summary()["fail"] == 1


def test_a_symlink_loop_and_a_deep_tree_do_not_stop_the_run(tmp_path):
    _good(tmp_path, "a.csv")
    (tmp_path / "loop").symlink_to(tmp_path)
    deep = tmp_path
    for _ in range(80):
        deep = deep / "d"
    deep.mkdir(parents=True)
    report = fincheck.check(tmp_path)
    assert [s.error for s in report.sources if s.error] == [
        f"{tmp_path / ('d/' * 65).rstrip('/')}: folders nested more than 64 levels deep are not searched"
    ]
    assert report.summary()["fail"] == 1


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    _good(tmp_path, "a.csv")
    (tmp_path / "sub").mkdir()
    real = os.scandir

    def scandir(path):
        if os.fspath(path).endswith("sub"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = fincheck.check(tmp_path, lang="en")
    assert report.errors == [f"{tmp_path / 'sub'}: folder cannot be read: Permission denied"]
    assert report.summary()["fail"] == 1


def test_a_fifo_named_csv_is_refused(tmp_path, capfd):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    code, _out, err = _run(capfd, fifo, _good(tmp_path), "-q")
    _assert_batch(code, err, "pipe.csv", "not a regular file")


# -- terminal output -------------------------------------------------------------------------

HOSTILE = "\x1b[2J\x1b[H\x1b]0;title\x07\r\u202e"


def test_control_characters_from_the_input_never_reach_the_terminal(tmp_path, capfd):
    name = f"x{HOSTILE}y.csv"
    data = tmp_path / name
    inline = HOSTILE.replace("\r", "")  # a carriage return would end the CSV row
    data.write_text(f"项目,金额\n合计{inline}[red]假[/],3.00\n  A{inline},1.00\n  B,1.00\n", encoding="utf-8")
    bad = tmp_path / f"bad{HOSTILE}.xlsx"
    bad.write_bytes(b"not a zip")
    for args in ([data, bad], [data, bad, "--all"], ["tables", data, bad]):
        code, out, err = _run(capfd, *args)
        assert code == 2
        for stream in (out, err):
            assert not any(ch in stream for ch in "\x1b\x07\r\u202e"), repr(stream)
        assert "0;title" in out  # the name is shown, without its control characters
    code, out, _err = _run(capfd, data)
    assert "[red]假[/]" in out  # rich markup in a label is shown as it is, not interpreted


# -- smaller items ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", "\r"), ("utf-16", "\n"), ("utf-16-le", "\r\n"), ("utf-16-be", "\n")],
)
def test_cr_only_and_utf16_csvs_are_read(tmp_path, encoding, newline):
    p = tmp_path / "t.csv"
    p.write_bytes(GOOD.replace("\n", newline).encode(encoding))
    report = fincheck.check(p)
    assert not report.errors
    assert report.summary()["fail"] == 1


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\xff\xfe", b" ,\n,,\n"])
def test_empty_and_bom_only_csvs_are_an_error(tmp_path, capfd, content):
    p = tmp_path / "empty.csv"
    p.write_bytes(content)
    code, _out, err = _run(capfd, p, _good(tmp_path), "-q")
    _assert_batch(code, err, "empty.csv", "empty CSV file")


def test_pdf_without_text_layer_and_encrypted_pdf_say_why(tmp_path, capfd):
    from . import hostile_files as hf

    scan = hf.image_only_pdf(tmp_path / "scan.pdf")
    locked = hf.encrypted_pdf(tmp_path / "locked.pdf")
    code, _out, err = _run(capfd, scan, locked, _good(tmp_path), "-q")
    assert code == 2 and "Traceback" not in err
    assert sorted(_error_lines(err)) == sorted(
        [
            f"fincheck: error E408: {locked}: encrypted (password-protected) PDF: remove the password first",
            f"fincheck: error E412: {scan}: no text layer (scanned PDF); OCR is not supported",
        ]
    )


def test_a_docx_table_with_a_header_printed_twice_is_checked(tmp_path):
    """A table of the text checker with two "金额" columns kept both: the facts stay unique
    (it was "SchemaError … not unique", the whole document dropped)."""
    import docx

    nines = "9" * 400
    tables = [
        [["金额", "", "本年", "", "占比"]],
        [
            ["金额", "项目", "金额", "本年", ""],
            ["1,234.50", "0", nines, "本年", "1e308"],
            ["3.00", "万元", "上年 ", "-1e308", "97.60%"],
            ["金额,其中", "1.00", "本年", "2.00", "本年"],
            ["1 234", "收入", "1.00", "3.00", "1.00"],
            ["万元", "上年", "其中", "合计", "占比"],
            ["金额", "本年", "  项目支出", "2.00", "金额"],
        ],
    ]
    doc = docx.Document()
    for rows in tables:
        table = doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    doc.add_paragraph("支出占-1e308个百分点、支出占1.00%。")
    doc.add_paragraph(f"万元支出1 234%支出收入{nines}人，")
    p = tmp_path / "dup.docx"
    doc.save(p)
    report = fincheck.check(p)
    assert not report.errors
    assert len(report.facts)
