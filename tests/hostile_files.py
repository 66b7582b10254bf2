"""Small generated files that attack a reader: tiny on disk, huge or endless once read."""

from __future__ import annotations

import zipfile
from pathlib import Path

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{extra}</Types>"
)
_SST_CT = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_BOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>{extra}</Relationships>'
)
_SST_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/>'
)
SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>{rows}</sheetData>{after}</worksheet>"
)
TABLE_ROWS = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>项目</t></is></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>合计</t></is></c><c r="B2"><v>3</v></c></row>'
    '<row r="3"><c r="A3" t="inlineStr"><is><t>  A</t></is></c><c r="B3"><v>1</v></c></row>'
    '<row r="4"><c r="A4" t="inlineStr"><is><t>  B</t></is></c><c r="B4"><v>1</v></c></row>'
)


def workbook(path: Path, rows: str = TABLE_ROWS, after: str = "", shared: int = 0) -> Path:
    """A minimal .xlsx written by hand; ``shared`` bytes of one shared string (deflated as it is written)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT.format(extra=_SST_CT if shared else ""))
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _BOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS.format(extra=_SST_REL if shared else ""))
        zf.writestr("xl/worksheets/sheet1.xml", SHEET.format(rows=rows, after=after))
        if shared:
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                fh.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
                chunk = b"A" * (1 << 20)
                for _ in range(shared >> 20):
                    fh.write(chunk)
                fh.write(b"</t></si></sst>")
    return path


def far_cells(path: Path) -> Path:
    """Cells at A1 and XFD20000: 1.6 kB on disk, a 327-million-cell used range."""
    return workbook(path, TABLE_ROWS + '<row r="20000"><c r="XFD20000"><v>1</v></c></row>')


def huge_merge(path: Path) -> Path:
    """One merged range C1:XFD1048576 (openpyxl makes an object for each of its 17 billion cells)."""
    return workbook(path, after='<mergeCells count="1"><mergeCell ref="C1:XFD1048576"/></mergeCells>')


def shared_string_bomb(path: Path, size: int = 300 << 20) -> Path:
    """A shared string that inflates to ``size`` bytes from well under 1 MB."""
    return workbook(path, shared=size)


def pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF of ``objects`` (object 1 the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _stream(data: bytes, extra: bytes = b"", deflate: bool = False) -> bytes:
    if deflate:
        import zlib

        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(path: Path, text: bytes = b"Total 3.00") -> Path:
    """One page with one line of text."""
    content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            _FONT,
            _stream(content),
        ],
    )


def image_only_pdf(path: Path) -> Path:
    """One page that draws a rectangle and holds no text (like a scan)."""
    return pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            _stream(b"0 0 m 100 100 l S"),
        ],
    )


def content_bomb_pdf(path: Path, size: int = 64 << 20) -> Path:
    """A page whose deflated content stream inflates to ``size`` bytes of drawing operators."""
    return pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            _stream(b"0 0 m 1 1 l S\n" * (size // 14), deflate=True),
        ],
    )


def self_referring_pdf(path: Path) -> Path:
    """A page drawing a form XObject whose resources name itself: drawing it never ends."""
    return pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X 5 0 R >> "
            b"/Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
            _stream(b"BT /F1 12 Tf 72 720 Td (Total 3.00) Tj ET /X Do /X Do"),
            _stream(
                b"/X Do /X Do",
                b" /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R >> >>",
            ),
            _FONT,
        ],
    )


def encrypted_pdf(path: Path) -> Path:
    """A PDF whose trailer names an encryption dictionary it cannot be opened without."""
    path = text_pdf(path)
    data = path.read_bytes().replace(
        b"/Root 1 0 R >>",
        b"/Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -4 "
        b"/O <" + b"00" * 32 + b"> /U <" + b"00" * 32 + b"> >> /ID [<00112233445566778899aabbccddeeff> "
        b"<00112233445566778899aabbccddeeff>] >>",
    )
    path.write_bytes(data)
    return path
