"""Stable codes of the errors that stop an input from being read: the JSON contract's
``sources[].error_code`` and :attr:`fincheck.Report.error_codes`, the same in every language
(the message, ``error``, is in the report's language). A code is never reused: an error that is
no longer raised keeps its code out of use, a new one takes the next free number of its group.

E1xx files that cannot be found, listed or read within the limits; E2xx workbooks; E3xx CSV and
text; E4xx Word and PDF; E000 an error with no code of its own (it is not one of these).

Warnings about an input that was read (``sources[].warning_code``, :attr:`fincheck.Report.warning_codes`)
have codes of their own, kept the same way: W1xx what was (not) recognised in an input; W000 a
warning with no code of its own.
"""

from __future__ import annotations

UNKNOWN = "E000"

#: the English template of each error (its key in :data:`fincheck.error_text.ZH`) → its code
CODES: dict[str, str] = {
    # files that cannot be found or listed
    "no such file": "E101",
    "is a folder, not a file": "E102",
    "a folder with no report files in it (.xlsx .xlsm .xls .csv .txt .md .docx .pdf)": "E103",
    "folder cannot be read: {detail}": "E104",
    "folders nested more than {depth} levels deep are not searched": "E105",
    "not a regular file (a pipe, socket or device): only files are read": "E106",
    "cannot be read: {detail}": "E107",
    "cannot be opened: {detail}": "E108",
    "cannot be opened: permission denied": "E109",
    "cannot be read": "E110",
    "unsupported file type {suffix}": "E111",
    "unsupported file type '(none)'": "E112",
    "too large to read in the memory available (see --limits)": "E113",
    "nested too deeply to be read (a structure that refers to itself or goes thousands of levels deep)": "E114",
    "the reader stopped without an answer ({how}: out of memory or damaged content)": "E115",
    "{what}, over the limit of {limit}{unit} (--limits {name}=…)": "E116",
    # workbooks
    "empty file, not a workbook": "E201",
    "corrupt workbook: {detail}": "E202",
    "corrupt workbook: damaged part {part}": "E203",
    "encrypted (password-protected) workbook or an old binary .xls saved as .xlsx; remove the password or save it as .xlsx": "E204",
    # E205 was worded "not an xlsx workbook (the file is not a zip archive: starts {head})"
    "not an xlsx (zip) file; it starts with the bytes {head}": "E205",
    "not an xlsx workbook (no xl/workbook.xml inside the zip)": "E206",
    "sheet cannot be read: {detail}": "E207",
    "python-calamine is needed to read {suffix} files: {detail}": "E208",
    "cannot read the workbook: {detail}": "E209",
    "cannot read the workbook: {detail} (password-protected workbooks cannot be read: remove the password)": "E210",
    "formula without a cached value (the workbook was never calculated: open and save it in a spreadsheet program)": "E211",
    "damaged or unsupported workbook content (the reader stopped: {detail})": "E212",
    "damaged zip archive ({detail})": "E213",
    "malformed XML inside the file ({detail})": "E214",
    "damaged or unsupported content ({detail})": "E215",
    "internal error while reading this file ({detail}; --debug shows where)": "E216",
    # CSV and text
    "binary data, not a CSV text file": "E301",
    "empty CSV file: no cells to check": "E302",
    "malformed CSV: {detail}": "E303",
    "the file is empty": "E304",
    "the file holds no text": "E305",
    "not a text file (binary content)": "E306",
    "text must be a string": "E307",
    "cannot decode the text (not UTF-8 or GBK/GB18030)": "E308",
    "cannot decode the text (broken UTF-16)": "E309",
    "cannot decode the text (too many undecodable bytes)": "E310",
    "cannot decode the text ({detail})": "E311",
    # Word and PDF
    "reading .docx needs python-docx": "E401",
    "not a readable .docx file (not a zip archive: {detail})": "E402",
    "not a readable .docx file ({detail})": "E403",
    "the document holds no text": "E404",
    "reading PDF needs pdfplumber: pip install pdfplumber": "E405",
    "PDF input is not supported yet: export the tables to .xlsx": "E406",
    "not a PDF file (no %PDF- header)": "E407",
    "encrypted (password-protected) PDF: remove the password first": "E408",
    "damaged PDF ({detail})": "E409",
    "damaged or unsupported PDF ({detail})": "E410",
    "the PDF has no pages": "E411",
    "no text layer (scanned PDF); OCR is not supported": "E412",
}


def error_code(template: str | None) -> str:
    """The code of the error raised with ``template`` (:data:`UNKNOWN` when it has none)."""
    return CODES.get(template or "", UNKNOWN)


UNKNOWN_WARNING = "W000"

#: the English text of each warning about an input read without error (its key in
#: :data:`fincheck.model.document.WARNINGS`) → its code
WARNING_CODES: dict[str, str] = {
    # what was recognised in an input
    "nothing recognised: no table and no figure to check": "W101",
    "figures read, no relation recognised to check": "W102",
}


def warning_code(text: str | None) -> str:
    """The code of the warning ``text`` (:data:`UNKNOWN_WARNING` when it has none)."""
    return WARNING_CODES.get(text or "", UNKNOWN_WARNING)
