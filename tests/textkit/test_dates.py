from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textkit import MONTH_NAMES, DateForm, clock, find_date, find_dates, plausible_year, read_date

dates = st.dates(min_value=date(1000, 1, 1), max_value=date(2199, 12, 31))


def _written(d: date, style: int) -> str:
    month = MONTH_NAMES[d.month - 1]
    return [
        f"{month} {d.day}, {d.year}",
        f"{d.day} {month} {d.year}",
        f"{month[:3]}. {d.day}, {d.year}",
        d.isoformat(),
        f"{d.day}th {month.upper()} {d.year}",
    ][style]


@given(dates, st.integers(0, 4), st.text(alphabet=" abcxyz,;", max_size=12))
def test_a_written_date_is_found_where_it_stands(d, style, before):
    written = _written(d, style)
    text = f"{before} {written} and more"
    found = find_date(text)
    assert found is not None
    assert (found.year, found.month, found.day) == (d.year, d.month, d.day)
    assert text[found.start : found.end] == written
    assert read_date(written) is not None and read_date(written).iso == d.isoformat()


@given(st.text(max_size=120))
def test_found_dates_are_real_disjoint_and_in_order(text):
    found = find_dates(text)
    for d in found:
        date(d.year, d.month or 1, d.day or 1)  # raises if the calendar has no such day
        assert 0 <= d.start < d.end <= len(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    first = find_date(text)
    assert (first is None) == (not found)


@pytest.mark.parametrize(
    ("text", "iso", "form"),
    [
        ("2023, March 15", "2023-03-15", DateForm.YEAR_MONTH_DAY),
        ("2011-11", "2011-11", DateForm.ISO_MONTH),
        ("Winter 1933", "1933", DateForm.SEASON_YEAR),
        ("1933, autumn", "1933", DateForm.YEAR_SEASON),
        ("16. Nov. 1933", "1933-11-16", DateForm.DAY_MONTH_YEAR),
        ("Sept 1933", "1933-09", DateForm.MONTH_YEAR),
    ],
)
def test_whole_forms(text, iso, form):
    found = read_date(text)
    assert found is not None and found.iso == iso and found.form is form


@pytest.mark.parametrize(
    "text", ["February 30, 1933", "1933-13-01", "31 April 1990", "November 16, 2011, later", "Nov 0, 1933", ""]
)
def test_no_such_date(text):
    assert read_date(text) is None


def test_forms_only_read_whole_are_not_searched():
    assert find_date("rose 2011-12 and 2001, Fall") is None
    assert find_date("Released in 2001, Fall of that year; reviewed November 2002.").iso == "2002-11"


def test_clock_times():
    assert find_date("16 Nov. 2011, at 10:30 pm").iso == "2011-11-16T22:30"
    assert find_date("2011-11-16T05:07").iso == "2011-11-16T05:07"
    assert find_date("November 16, 2011 13:00 pm").iso == "2011-11-16"  # no such time: the date stands
    assert clock(12, 0, "a.m.") == "00:00" and clock(0, 5) == "00:05" and clock(24, 0) is None


def test_plausible_years():
    assert plausible_year(1000) and plausible_year(2199) and not plausible_year(2200)
