"""What python-calamine does not tell about an .xlsx, read from the workbook's own XML parts.

workbook.xml (sheets, their state, the 1904 date system), styles.xml (the number format of each
cell style) and each worksheet part (the style of every formatted cell, hidden rows and columns,
merged ranges, formulas with and without a cached value, error values) are streamed through
expat, one pass each, keeping only those few things. A part that declares a DOCTYPE is refused:
OOXML parts never have one, so no entity, internal or external, is ever expanded.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO
from xml.parsers import expat

from ..limits import parse_ref
from ..model.grid import a1
from .numfmt import format_code

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


class PartError(Exception):
    """A workbook part that is not well-formed XML or declares a DOCTYPE."""


def _refuse_doctype(*_args) -> None:
    raise PartError("a DOCTYPE declaration, which workbook parts never have")


def _parser(namespaces: bool = True) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ") if namespaces else expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.buffer_text = True
    return parser


def _run(parser: expat.XMLParserType, source: IO[bytes] | bytes) -> None:
    try:
        if isinstance(source, bytes):
            parser.Parse(source, True)
        else:
            parser.ParseFile(source)
    except expat.ExpatError as exc:
        raise PartError(f"malformed XML: {exc}") from None


def _true(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("1", "true")


@dataclass
class SheetEntry:
    name: str
    part: str  # path inside the zip
    hidden: bool


@dataclass
class WorkbookInfo:
    sheets: list[SheetEntry]
    date1904: bool
    xf_formats: list[str]  # number format code of each cell style (cellXfs index)
    shared_strings: str | None = None  # the shared-strings part, if any


def read_workbook_info(zf: zipfile.ZipFile) -> WorkbookInfo:
    names = set(zf.namelist())
    targets: dict[str, tuple[str, str]] = {}
    rels = "xl/_rels/workbook.xml.rels"
    if rels in names:
        rel_tag = f"{PKG_REL} Relationship"

        def rel(tag: str, attrs: dict[str, str]) -> None:
            if tag == rel_tag:
                targets[attrs.get("Id", "")] = (attrs.get("Target", ""), attrs.get("Type", ""))

        parser = _parser()
        parser.StartElementHandler = rel
        _run(parser, zf.read(rels))
    sheets: list[SheetEntry] = []
    date1904 = [False]
    sheet_tag, pr_tag, rid = f"{MAIN} sheet", f"{MAIN} workbookPr", f"{DOC_REL} id"

    def book(tag: str, attrs: dict[str, str]) -> None:
        if tag == sheet_tag:
            target, kind = targets.get(attrs.get(rid, ""), ("", ""))
            if kind.endswith("/chartsheet"):
                return
            part = _part(target)
            if part in names:
                state = attrs.get("state", "visible")
                sheets.append(SheetEntry(attrs.get("name", ""), part, state != "visible"))
        elif tag == pr_tag:
            date1904[0] = _true(attrs.get("date1904"))

    parser = _parser()
    parser.StartElementHandler = book
    _run(parser, zf.read("xl/workbook.xml"))
    styles = "xl/styles.xml"
    formats = read_xf_formats(zf.read(styles)) if styles in names else []
    shared = next(
        (_part(t) for t, kind in targets.values() if kind.endswith("/sharedStrings") and _part(t) in names), None
    )
    return WorkbookInfo(sheets, date1904[0], formats, shared)


def _part(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


def read_xf_formats(data: bytes) -> list[str]:
    """The number format code of each cell style, in cellXfs order."""
    custom: dict[int, str] = {}
    ids: list[int] = []
    depth = [0]
    fmt_tag, xfs_tag, xf_tag = f"{MAIN} numFmt", f"{MAIN} cellXfs", f"{MAIN} xf"

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == xfs_tag:
            depth[0] += 1
        elif tag == xf_tag and depth[0]:
            ids.append(_int(attrs.get("numFmtId"), 0))
        elif tag == fmt_tag:
            custom[_int(attrs.get("numFmtId"), -1)] = attrs.get("formatCode", "General")

    def end(tag: str) -> None:
        if tag == xfs_tag:
            depth[0] -= 1

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _run(parser, data)
    return [format_code(i, custom) for i in ids]


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


@dataclass
class SheetScan:
    """The cells of one worksheet that need more than their value, by A1 reference."""

    styled_refs: list[str] = field(default_factory=list)  # cells with a number format that matters
    styled_xfs: list[int] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)  # numeric cells in date-like formats: the stored serial
    errors: dict[str, str] = field(default_factory=dict)  # t="e": the error shown (#DIV/0!)
    strings: list[str] = field(default_factory=list)  # string cells with a value (shared, inline, formula text)
    formulas: list[str] = field(default_factory=list)  # cells with a formula …
    with_value: set[str] = field(default_factory=set)  # … of which these carry a <v>
    hidden_rows: list[int] = field(default_factory=list)
    hidden_cols: list[tuple[int, int]] = field(default_factory=list)  # (min, max), inclusive
    merges: list[str] = field(default_factory=list)  # "A1:D1"
    texts: dict[str, str] = field(default_factory=dict)  # string texts as stored, where calamine trims them
    inline_spaced: bool = False  # an inline string may start with unpreserved white space
    cells: int = 0  # every <c> of the sheet, for the limits (limits.check_sheet) …
    max_row: int = 0  # … and the used range the cells span (1-based)
    max_col: int = 0


def scan_sheet(source: IO[bytes] | bytes, special: dict[str, int], capture: frozenset[str]) -> SheetScan:
    """One streamed pass over a worksheet part.

    ``special`` maps the style ids (the ``s`` attribute) whose number format matters to their
    cellXfs index; the serial of numeric cells in a ``capture`` style is kept as stored. Names
    are matched with the prefix the part binds to the SpreadsheetML namespace (none, usually),
    so that elements of extensions (``xm:f``) are never taken for cells or formulas.
    """
    scan = SheetScan()
    parser = _parser(namespaces=False)
    styled_refs, styled_xfs, strings, formulas = scan.styled_refs, scan.styled_xfs, scan.strings, scan.formulas
    c_tag = v_tag = f_tag = row_tag = col_tag = merge_tag = is_tag = "\0"
    ref = ""
    text_ref: str | None = None  # the current cell if it is a string cell
    keep: dict[str, str] | None = None  # where the text of the next <v> goes
    row_no = 0
    chunks: list[str] = []
    cell_refs: list[str] = []  # the used range is taken from these, a batch at a time

    def used_range() -> None:
        if cell_refs:
            rows, cols = used_extent(cell_refs)
            scan.cells += len(cell_refs)
            scan.max_row, scan.max_col = max(scan.max_row, rows), max(scan.max_col, cols)
            cell_refs.clear()

    def collect_end(tag: str) -> None:
        nonlocal keep
        if keep is not None:
            keep[ref] = "".join(chunks).strip()
            keep = None
        parser.CharacterDataHandler = None
        parser.EndElementHandler = None

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal ref, keep, row_no, text_ref
        if tag == c_tag:
            ref = attrs.get("r") or _next_ref(ref, row_no)
            keep = text_ref = None
            cell_refs.append(ref)
            if len(cell_refs) == _REF_BATCH:
                used_range()
            s = attrs.get("s")
            t = attrs.get("t")
            if s is not None and s in special:
                styled_refs.append(ref)
                styled_xfs.append(special[s])
                if s in capture and (t is None or t == "n"):
                    keep = scan.raw
            if t is not None and t != "n":
                if t == "s" or t == "inlineStr" or t == "str":
                    text_ref = ref
                elif t == "e":
                    keep = scan.errors
        elif tag == v_tag:
            if text_ref is ref:
                strings.append(ref)
            if formulas and formulas[-1] is ref:
                scan.with_value.add(ref)
            if keep is not None:
                chunks.clear()
                parser.CharacterDataHandler = chunks.append
                parser.EndElementHandler = collect_end
        elif tag == row_tag:
            row_no = _int(attrs.get("r"), row_no + 1)
            ref = ""
            if _true(attrs.get("hidden")):
                scan.hidden_rows.append(row_no)
        elif tag == is_tag:
            if text_ref is ref:
                strings.append(ref)
        elif tag == f_tag:
            formulas.append(ref)
        elif tag == col_tag:
            if _true(attrs.get("hidden")):
                lo = _int(attrs.get("min"), 0)
                scan.hidden_cols.append((lo, _int(attrs.get("max"), lo)))
        elif tag == merge_tag and attrs.get("ref"):
            scan.merges.append(attrs["ref"])

    def root(tag: str, attrs: dict[str, str]) -> None:
        nonlocal c_tag, v_tag, f_tag, row_tag, col_tag, merge_tag, is_tag
        prefix = next((k[6:] + ":" for k, v in attrs.items() if k.startswith("xmlns:") and v == MAIN), None)
        if attrs.get("xmlns") == MAIN:
            prefix = ""
        if prefix is not None and tag == f"{prefix}worksheet":
            c_tag, v_tag, f_tag, row_tag = f"{prefix}c", f"{prefix}v", f"{prefix}f", f"{prefix}row"
            col_tag, merge_tag, is_tag = f"{prefix}col", f"{prefix}mergeCell", f"{prefix}is"
        parser.StartElementHandler = start

    parser.StartElementHandler = root
    _run(parser, source)
    used_range()
    return scan


_LETTERS = re.compile(r"[A-Z]+")
_DIGITS = re.compile(r"[0-9]+")


def used_extent(refs: list[str]) -> tuple[int, int]:
    """The largest row and column among many A1 references: two regex passes over their joined
    text; references that are not plain A1 ones are read one by one, as the limits read them."""
    joined = "\n".join(refs)
    letters, digits = _LETTERS.findall(joined), _DIGITS.findall(joined)
    if len(letters) == len(digits) == len(refs) and joined.isascii() and joined.replace("\n", "").isalnum():
        widest = max(map(len, letters))
        return max(map(int, digits)), col_number(max(x for x in letters if len(x) == widest))
    rows, cols = zip(*map(parse_ref, refs), strict=True)
    return max(rows), max(cols)


#: cell references held before their rows and columns are reduced to the used range (bounds the
#: memory of a sheet at the cells limit, while the reduction stays one numpy pass per batch)
_REF_BATCH = 65_536


def split_refs(refs: list[str]):
    """Many A1 references at once → (rows, cols) int64 arrays: one regex pass for the letters,
    one for the digits, the column numbers computed from the letters' code points."""
    import re

    import numpy as np

    joined = "\n".join(refs)
    letters, digits = re.findall(r"[A-Z]+", joined), re.findall(r"[0-9]+", joined)
    if not (len(letters) == len(digits) == len(refs)) or max(map(len, letters), default=0) > 3:
        rows, cols = zip(*map(split_ref, refs), strict=True) if refs else ((), ())
        return np.asarray(rows, dtype="int64"), np.asarray(cols, dtype="int64")
    codes = np.array(letters, dtype="U3").view(np.uint32).reshape(len(letters), 3).astype("int64")
    cols = np.zeros(len(letters), dtype="int64")
    for j in range(3):
        cols = np.where(codes[:, j] > 0, cols * 26 + codes[:, j] - 64, cols)
    return np.array(digits, dtype=str).astype("int64"), cols


_UNPRESERVED_SPACE = re.compile(rb"<(?:\w+:)?t>[ \t\r\n]")


def shared_strings_if_spaced(data: bytes) -> list[str] | None:
    """The shared strings, read here, when one of them starts with white space and does not say
    xml:space="preserve": python-calamine drops that leading space, which is a label's indentation
    (its place in the hierarchy). None when there is no such string (the usual case)."""
    if not has_unpreserved_space(data):
        return None
    items: list[str] = []
    chunks: list[str] = []
    depth = {"si": 0, "t": 0, "rPh": 0}
    si_tag, t_tag, rph_tag = f"{MAIN} si", f"{MAIN} t", f"{MAIN} rPh"

    def start(tag: str, _attrs: dict[str, str]) -> None:
        if tag == si_tag:
            chunks.clear()
        elif tag == t_tag:
            depth["t"] += 1
        elif tag == rph_tag:
            depth["rPh"] += 1

    def end(tag: str) -> None:
        if tag == si_tag:
            items.append("".join(chunks))
        elif tag == t_tag:
            depth["t"] -= 1
        elif tag == rph_tag:
            depth["rPh"] -= 1

    def text(data: str) -> None:
        if depth["t"] and not depth["rPh"]:
            chunks.append(data)

    parser = _parser()
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    _run(parser, data)
    return items


def string_cells(source: IO[bytes] | bytes, kind: str) -> dict[str, str]:
    """A second pass over a worksheet, only taken when a string may have lost its leading space:
    kind "s" → the shared-string index of each shared-string cell; "inlineStr" → the text of each
    inline string as stored (runs joined, phonetic guides left out)."""
    found: dict[str, str] = {}
    chunks: list[str] = []
    state: dict[str, str | int | None] = {"ref": None, "rph": 0}
    parser = _parser(namespaces=False)
    text_tag = "v" if kind == "s" else "t"

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "c":
            state["ref"] = attrs.get("r") if attrs.get("t") == kind else None
            chunks.clear()
        elif local == "rPh":
            state["rph"] = 1
        elif local == text_tag and state["ref"] and not state["rph"]:
            parser.CharacterDataHandler = chunks.append

    def end(tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local == text_tag:
            parser.CharacterDataHandler = None
        elif local == "rPh":
            state["rph"] = 0
        elif local == "c" and state["ref"]:
            found[str(state["ref"])] = "".join(chunks)

    parser.StartElementHandler, parser.EndElementHandler = start, end
    _run(parser, source)
    return found


def has_unpreserved_space(data: bytes) -> bool:
    return _UNPRESERVED_SPACE.search(data) is not None


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref: str) -> tuple[int, int]:
    """ "AB12" → (12, 28)."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    return int(digits) if digits else 0, col_number(letters.lstrip("$"))


def _next_ref(previous: str, row_no: int) -> str:
    """The reference of a cell written without one: the next column of the same row."""
    col = split_ref(previous)[1] + 1 if previous else 1
    return a1(row_no, col)


__all__ = [
    "PartError",
    "SheetScan",
    "WorkbookInfo",
    "has_unpreserved_space",
    "read_workbook_info",
    "scan_sheet",
    "shared_strings_if_spaced",
    "split_ref",
    "split_refs",
    "string_cells",
]
