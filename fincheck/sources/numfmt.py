"""Excel number formats as a workbook stores them: the built-in codes, which formats show dates
or durations, and an Excel serial turned into the date text the workbook shows.

A cell's style (``s`` in the sheet XML) indexes ``cellXfs`` in styles.xml; its ``numFmtId`` is
either defined in ``numFmts`` or one of the built-in codes of ECMA-376 §18.8.30.
"""

from __future__ import annotations

import datetime as dt
import re

#: ECMA-376 Part 1 §18.8.30, the built-in codes that a workbook may use without defining them.
BUILTIN_FORMATS: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}

#: Built-in ids whose code depends on the locale and that show dates or times in the Chinese,
#: Japanese and Korean locales (27–36, 50–58), e.g. 31 = yyyy"年"m"月"d"日".
LOCALE_DATE_IDS = frozenset(range(27, 37)) | frozenset(range(50, 59))

# Quoted text and bracketed parts ([Red], [$-804], [DBNum1]) other than the elapsed-time
# markers [h] [hh] [m] [mm] [s] [ss] do not decide whether a format shows a date.
_NOT_DATE_PARTS = re.compile(r'"[^"]*"|\[(?!(?:hh?|mm?|ss?)\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhys]", re.IGNORECASE)
_ELAPSED = re.compile(r"\[(h{1,2}|m{1,2}|s{1,2})\]", re.IGNORECASE)


def format_code(fmt_id: int, custom: dict[int, str]) -> str:
    """The code of a numFmtId: the workbook's own definition first, then the built-in one."""
    if fmt_id in custom:
        return custom[fmt_id]
    if fmt_id in LOCALE_DATE_IDS:
        return 'yyyy"年"m"月"d"日"'
    return BUILTIN_FORMATS.get(fmt_id, "General")


def is_date_format(code: str) -> bool:
    """Whether a number shown in this format is a date or time (decided by its first section)."""
    first = _NOT_DATE_PARTS.sub("", code.split(";", 1)[0])
    return _DATE_LETTER.search(first) is not None


def is_duration_format(code: str) -> bool:
    """Elapsed time ([h]:mm:ss): shown as a duration, not as a time of day."""
    return _ELAPSED.search(code.split(";", 1)[0]) is not None


def may_show_date(code: str) -> bool:
    """A looser test (a date letter in any section, escaped or not): the serial of cells in such
    formats is decoded here rather than trusting another library's notion of a date format."""
    return re.search(r"[dmhys]", _LOOSE_NOT_DATE.sub("", code), re.IGNORECASE) is not None


_LOOSE_NOT_DATE = re.compile(r'"[^"]*"|\[(?!(?:hh?|mm?|ss?)\])[^\]]*\]', re.IGNORECASE)


_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


def serial_text(value: float, *, date1904: bool, duration: bool) -> str:
    """What a date-formatted serial reads as: ISO date-time, a time of day for 0 ≤ v < 1, an
    elapsed time ("1 day, 6:00:00") for duration formats, "#VALUE!" when out of range. Times
    are rounded to the millisecond."""
    try:
        if duration:
            span = dt.timedelta(days=value)
            if span.microseconds:
                span = dt.timedelta(seconds=span.total_seconds() // 1, microseconds=round(span.microseconds, -3))
            return str(span)
        day, fraction = divmod(value, 1)
        offset = dt.timedelta(milliseconds=round(fraction * 86_400_000))
        if 0 <= value < 1 and offset.days == 0:
            return (dt.datetime.min + offset).time().isoformat()
        if not date1904 and 0 < value < 60:
            day += 1  # serials before 1900-03-01 count the 29 February 1900 that never was
        epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
        return (epoch + dt.timedelta(days=day) + offset).isoformat()
    except (OverflowError, ValueError):
        return "#VALUE!"


__all__ = [
    "BUILTIN_FORMATS",
    "format_code",
    "is_date_format",
    "is_duration_format",
    "may_show_date",
    "serial_text",
]
