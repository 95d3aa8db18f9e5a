from __future__ import annotations

from corpus.dates import is_updated, parse_date


def test_dateline_offsets_point_at_the_date():
    line = "By Staff | Published 16 Nov. 2011, at 10:30 pm | Updated"
    iso, start, end = parse_date(line)
    assert iso == "2011-11-16T22:30" and line[start:end] == "16 Nov. 2011, at 10:30 pm"


def test_the_first_date_wins_and_revisions_are_told_apart():
    assert parse_date("March 2001 revised from 2000-01-05")[0] == "2001-03"
    assert is_updated("Last modified: 5 May 2020") and not is_updated("Published: 5 May 2020")
    assert parse_date("Room 2011, floor 3") is None
