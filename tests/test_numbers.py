"""Reading printed figures: value, decimals, percent."""

from __future__ import annotations

import pytest

from fincheck.numbers import Printed, format_decimals, is_empty_mark, parse_printed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("915.40", Printed(915.40, 2)),
        ("1,234.50", Printed(1234.5, 2)),
        ("１２３．４", Printed(123.4, 1)),
        ("-12.3", Printed(-12.3, 1)),
        ("（12.3）", Printed(-12.3, 1)),
        ("(5)", Printed(-5.0, 0)),
        ("97.60%", Printed(97.6, 2, True)),
        ("97.6 %", Printed(97.6, 1, True)),
        ("0.00", Printed(0.0, 2)),
        ("82780", Printed(82780.0, 0)),
    ],
)
def test_parse_printed(text, expected):
    assert parse_printed(text) == expected


@pytest.mark.parametrize("text", ["abc", "12a", "1,23", "(12", "1.2.3", "2021年", ""])
def test_not_a_number(text):
    assert parse_printed(text) is None


@pytest.mark.parametrize("text", ["", "—", "-", "－", "——", " "])
def test_empty_marks(text):
    assert is_empty_mark(text)


@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [
        ("0.00", 915.4, (2, False)),
        ("0.00%", 0.976, (2, True)),
        ("#,##0.00", 1234.5, (2, False)),
        ("#,##0", 1234.0, (0, False)),
        ("0", 5.0, (0, False)),
        ("General", 14.4, (1, False)),
        ("General", 3973.46, (2, False)),
        ("0.00;[Red]-0.00", -3.5, (2, False)),
        ('0.0"万元"', 12.3, (1, False)),
        ("@", 7.25, (2, False)),
    ],
)
def test_format_decimals(fmt, value, expected):
    assert format_decimals(fmt, value) == expected


def test_half_unit():
    assert Printed(2.52, 2).half_unit == pytest.approx(0.005)
    assert Printed(100.0, 0).half_unit == pytest.approx(0.5)
