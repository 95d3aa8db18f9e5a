from __future__ import annotations

import pytest

from bibliography.parse import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1998", ("1998", None)),
        ("(1998b)", ("1998b", None)),
        ("1998-99", ("1998-99", None)),
        ("n. d.", ("n.d.", None)),
        ("In press", ("in press", None)),
        ("ca. 1850", ("1850", None)),
        ("March 3, 1933", ("1933", "1933-03-03")),
        ("3rd Mar. 1933", ("1933", "1933-03-03")),
        ("1933, March", ("1933", "1933-03")),
        ("1933-03", ("1933-03", None)),  # a year range, as "1998-99": references print ranges far more often
        ("Winter 1933", ("1933", None)),
    ],
)
def test_reference_date_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["0999", "2250", "March 1, 2250", "February 30, 1933", "Volume 3", ""])
def test_not_reference_dates(text):
    assert parse_date(text) is None
