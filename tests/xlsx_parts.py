"""Workbooks written part by part, for what openpyxl cannot write: cached formula results and
errors, shared and empty strings, rich text, ISO date cells, cells without a reference, a
prefixed namespace, locale date formats."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def styles_xml(formats: list[int | str]) -> str:
    """cellXfs with style 0 = General, then one style per format (a built-in id or a code)."""
    custom, xfs = [], ['<xf numFmtId="0"/>']
    for k, fmt in enumerate(formats):
        if isinstance(fmt, int):
            xfs.append(f'<xf numFmtId="{fmt}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>')
        else:
            custom.append(f'<numFmt numFmtId="{164 + k}" formatCode="{escape(fmt, {chr(34): "&quot;"})}"/>')
            xfs.append(f'<xf numFmtId="{164 + k}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>')
    return (
        f'<styleSheet xmlns="{MAIN}"><numFmts count="{len(custom)}">{"".join(custom)}</numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs></styleSheet>'
    )


def sheet_xml(rows: str, extra: str = "", prefix: str = "") -> str:
    """A worksheet around ``rows`` (``<row>`` elements) and ``extra`` (cols / mergeCells)."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    cols, _, merges = extra.partition("|")
    return f"<{p}worksheet {xmlns}>{cols}<{p}sheetData>{rows}</{p}sheetData>{merges}</{p}worksheet>"


def write_parts(
    path: Path,
    sheets: dict[str, str],
    *,
    styles: str | None = None,
    shared: list[str] | None = None,
    states: dict[str, str] | None = None,
    date1904: bool = False,
) -> Path:
    """A minimal .xlsx: ``sheets`` maps names to worksheet XML, ``shared`` are <si> contents."""
    states = states or {}
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>']
    rels, entries = [], []
    for i, (name, _xml) in enumerate(sheets.items(), start=1):
        overrides.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT}.worksheet+xml"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{DOC_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>')
        state = f' state="{states[name]}"' if name in states else ""
        entries.append(f'<sheet name="{escape(name)}" sheetId="{i}"{state} r:id="rId{i}"/>')
    if styles is not None:
        overrides.append(f'<Override PartName="/xl/styles.xml" ContentType="{CT}.styles+xml"/>')
        rels.append(f'<Relationship Id="rIdS" Type="{DOC_REL}/styles" Target="styles.xml"/>')
    if shared is not None:
        overrides.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>')
        rels.append(f'<Relationship Id="rIdT" Type="{DOC_REL}/sharedStrings" Target="sharedStrings.xml"/>')
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{"".join(overrides)}</Types>',
        )
        zf.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_REL}">{pr}<sheets>{"".join(entries)}</sheets></workbook>',
        )
        zf.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG_REL}">{"".join(rels)}</Relationships>')
        for i, xml in enumerate(sheets.values(), start=1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if styles is not None:
            zf.writestr("xl/styles.xml", styles)
        if shared is not None:
            items = "".join(f"<si>{s}</si>" for s in shared)
            zf.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}" count="{len(shared)}">{items}</sst>')
    return path
