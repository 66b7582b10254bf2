"""``--annotate OUT.pdf`` and ``--annotate OUT.docx``: the marked copies reopened — highlights on
the right page at the figure's box, comments on the right cells and paragraphs — and the inputs
never modified."""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx
import pdfplumber
import pytest
from pypdf import PdfReader

import fincheck
from fincheck.cli import main

from .documents import BUDGET, write

#: the third paragraph states 2.52% where 95.49 / 3973.46 is 2.40%
TEXT = ("资产情况说明", "年末资产情况如下。", "资产 3973.46 万元，其中固定资产净值 95.49 万元，占资产的 2.52%。")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def word_box(path: Path, text: str) -> tuple[int, tuple[float, float, float, float]]:
    """(page, box in PDF coordinates) of the word ``text``, read from the file itself."""
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for w in page.extract_words():
                if w["text"] == text:
                    return number, (w["x0"], float(page.height) - w["bottom"], w["x1"], float(page.height) - w["top"])
    raise AssertionError(f"{text} not in {path}")


def contains(rect, box, slack: float = 1.0) -> bool:
    return (
        rect[0] - slack <= box[0]
        and rect[1] - slack <= box[1]
        and box[2] <= rect[2] + slack
        and box[3] <= rect[3] + slack
    )


def highlights(path: Path) -> list[tuple[int, list[float], str, str]]:
    out = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            if a["/Subtype"] == "/Highlight":
                out.append((number, [float(x) for x in a["/Rect"]], str(a["/Contents"]), str(a.get("/Subj", ""))))
    return out


def test_pdf_highlights_sit_on_the_figure_and_its_operands(tmp_path):
    src = write(BUDGET, "pdf", tmp_path)
    before = digest(src)
    out = tmp_path / "marked.pdf"
    assert main([str(src), "--annotate", str(out), "-q"]) == 1
    assert digest(src) == before  # the input untouched
    marks = highlights(out)
    figure = [m for m in marks if m[3] == "figure"]
    operands = [m for m in marks if m[3] == "operand"]
    assert len(figure) == 1 and len(operands) == 2
    page, box = word_box(src, "91.00%")
    assert figure[0][0] == page and contains(figure[0][1], box)
    assert figure[0][2].startswith("GEN005 ") and "91.00%" in figure[0][2]
    for text in ("400.00", "360.00"):
        page, box = word_box(src, text)
        hit = [m for m in operands if m[0] == page and contains(m[1], box)]
        assert len(hit) == 1 and "GEN005" in hit[0][2], text
    # the figures above the failing row are not marked
    _, total = word_box(src, "95.00%")
    assert not any(contains(m[1], total) for m in marks)
    assert len(PdfReader(out).pages) == len(PdfReader(src).pages)


def _comments_at(doc) -> dict[str, str]:
    """The text each comment is anchored on → that comment's text."""
    texts = {c.comment_id: c.text for c in doc.comments}
    out = {}
    for paragraph in _all_paragraphs(doc):
        for start in paragraph._p.xpath(".//w:commentRangeStart"):
            out.setdefault(paragraph.text, "")
            out[paragraph.text] += texts[int(start.get(docx.oxml.ns.qn("w:id")))]
    return out


def _all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_docx_comments_are_on_the_cells_of_the_finding(tmp_path):
    src = write(BUDGET, "docx", tmp_path)
    before = digest(src)
    out = tmp_path / "marked.docx"
    fincheck.check(src).annotate(out)
    assert digest(src) == before
    doc = docx.Document(out)
    table = doc.tables[0]
    marked = {
        (r, c): cell.text
        for r, row in enumerate(table.rows, start=1)
        for c, cell in enumerate(row.cells, start=1)
        if cell._tc.xpath(".//w:commentRangeStart")
    }
    row = BUDGET.row_of("项目支出") + 1
    assert marked == {(row, 2): "400.00", (row, 3): "360.00", (row, 4): "91.00%"}
    comments = _comments_at(doc)
    assert comments["91.00%"].startswith("GEN005 ") and "GEN005" in comments["400.00"]


def test_docx_comment_on_the_paragraph_of_a_sentence(tmp_path):
    src = tmp_path / "final.docx"
    document = docx.Document()
    for line in TEXT:
        document.add_paragraph(line)
    document.save(src)
    report = fincheck.check(src, lang="en")
    wrong = report.findings[report.findings["rule"] == "TXT003"]
    assert len(wrong) == 1
    paragraph = wrong["location"].iloc[0]["paragraph"]
    before = digest(src)
    out = tmp_path / "marked.docx"
    report.annotate(out)
    assert digest(src) == before
    doc = docx.Document(out)
    anchored = [i for i, p in enumerate(doc.paragraphs, start=1) if p._p.xpath(".//w:commentRangeStart")]
    assert anchored == [paragraph]
    assert paragraph == 3 and "2.52%" in doc.paragraphs[paragraph - 1].text
    assert any(c.text.startswith("TXT003 ") for c in doc.comments)


def test_nothing_to_mark_is_a_clear_error(tmp_path, capsys):
    src = write(BUDGET, "csv", tmp_path)
    assert main([str(src), "--annotate", str(tmp_path / "o.pdf"), "--lang", "en"]) == 2
    assert "--annotate .pdf needs a .pdf input" in capsys.readouterr().err
    with pytest.raises(fincheck.FincheckError, match=r"needs a \.docx input"):
        fincheck.check(src).annotate(tmp_path / "o.docx")


def test_pdf_highlight_on_a_sentence_figure(tmp_path):
    from .test_render_evidence import prose_pdf

    src = prose_pdf(tmp_path / "prose.pdf")
    before = digest(src)
    out = tmp_path / "marked.pdf"
    fincheck.check(src).annotate(out)
    assert digest(src) == before
    figure = [m for m in highlights(out) if m[3] == "figure"]
    assert len(figure) == 1 and figure[0][2].startswith("TXT003 ")
    page, word = word_box(src, "2.52%。")  # the word runs on to the full stop; the highlight stops at the figure
    rect = figure[0][1]
    assert figure[0][0] == page and rect[0] <= word[0] + 1 and rect[2] < word[2] and rect[1] <= word[1] + 1
