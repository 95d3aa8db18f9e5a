"""The date grammar: calendar dates as people write them ("November 16, 2011", "16 Nov. 2011",
"2011-11-16T05:00", "November 2011", "2023, March 15", "Fall 2001"), read into year, month, day and
clock time.

One grammar serves the three packages: ``corpus`` finds the first date of a dateline with
:func:`find_date`, ``bibliography`` reads a whole date element of a reference with :func:`read_date`,
and ``annotate``'s prose grammar (parts of months, decades, centuries, ranges, qualifiers) builds its
patterns from the same fragments (:data:`MONTH`, :data:`DAY`, :data:`YEAR`) and calendar rules
(:func:`last_day`, :func:`clock`, :data:`SEASON_MONTHS`).

Forms that are unambiguous in running text are searched for; the rest (a year before its month, an
ISO year-month, seasons) are only read when they are the whole element, where "2011-12" or
"2001, Fall" cannot be something else.

>>> find_date("Posted November 16, 2011 05:00 AM by staff").iso
'2011-11-16T05:00'
>>> read_date("2023, March 15").iso
'2023-03-15'
>>> read_date("Fall, 2001").form is DateForm.SEASON_YEAR, read_date("Fall, 2001").iso
(True, '2001')
>>> find_date("no date here") is None
True
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import Enum

import attrs

from textkit.months import MONTH_NUMBERS
from textkit.spans import DisjointSpans

__all__ = [
    "DAY",
    "MONTH",
    "PLAUSIBLE_YEAR",
    "SEASON_MONTHS",
    "YEAR",
    "DateForm",
    "WrittenDate",
    "clock",
    "find_date",
    "find_dates",
    "last_day",
    "plausible_year",
    "read_date",
]

#: A month name or its abbreviation, with an optional period ("Nov.", "Sept", "November"); no groups.
#: Compile with ``re.IGNORECASE``.
MONTH = r"(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"

#: A day of the month, 1-31, with an optional ordinal ending ("16", "06", "16th"); whether the month
#: has that day is checked when the date is built.
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"

#: A four-digit year.
YEAR = r"\d{4}"

#: A four-digit number that can be a year of a modern text without further evidence: 1000-2199.
PLAUSIBLE_YEAR = r"(?:1\d{3}|20\d{2}|21\d{2})"

#: Meteorological seasons as (first month, last month); winter runs into the next year.
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}


class DateForm(Enum):
    """How a date was written."""

    MONTH_DAY_YEAR = "month day year"
    DAY_MONTH_YEAR = "day month year"
    ISO = "ISO 8601"
    MONTH_YEAR = "month year"
    YEAR_MONTH_DAY = "year month day"
    ISO_MONTH = "ISO 8601 year-month"
    SEASON_YEAR = "season year"
    YEAR_SEASON = "year season"


@attrs.frozen(slots=True)
class WrittenDate:
    """A calendar date read from ``text[start:end]``: the precision is what the text gives.

    ``month`` and ``day`` are None when the text names no month (a season) or no day; ``time`` is
    a 24-hour ``HH:MM`` or None.
    """

    start: int
    end: int
    year: int
    month: int | None
    day: int | None
    form: DateForm
    time: str | None = None
    season: str | None = None

    @property
    def iso(self) -> str:
        """ISO 8601 at the precision the text gives: ``2011``, ``2011-11``, ``2011-11-16T05:00``."""
        iso = f"{self.year:04d}"
        if self.month is not None:
            iso += f"-{self.month:02d}"
            if self.day is not None:
                iso += f"-{self.day:02d}"
                if self.time is not None:
                    iso += f"T{self.time}"
        return iso


def plausible_year(year: int) -> bool:
    """Whether ``year`` is in the range :data:`PLAUSIBLE_YEAR` matches.

    >>> plausible_year(1933), plausible_year(999), plausible_year(2200)
    (True, False, False)
    """
    return 1000 <= year <= 2199


def last_day(year: int, month: int) -> int:
    """The last day of ``month`` in ``year`` (leap years counted).

    >>> last_day(1900, 2), last_day(2000, 2)
    (28, 29)
    """
    return calendar.monthrange(year, month)[1]


def clock(hour: int, minute: int, ampm: str = "") -> str | None:
    """A 24-hour ``HH:MM`` from a written clock time; None when the time cannot exist.

    >>> clock(5, 0, "a.m."), clock(12, 30, "AM"), clock(7, 15, "pm"), clock(13, 0, "pm")
    ('05:00', '00:30', '19:15', None)
    """
    marker = ampm.lower().replace(".", "").strip()
    if marker:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if marker == "pm" else 0)
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return f"{hour:02d}:{minute:02d}"


_M = rf"(?P<month>{MONTH})"
_D = rf"(?P<day>{DAY})"
_Y = rf"(?P<year>{YEAR})"
_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
# A clock time after a written date: "November 16, 2011 05:00 AM", "16 Nov. 2011, at 10:30".
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?)?"
_ISO_TIME = r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?"

# (form, pattern, searched in running text); in running text the first form wins a tie.
_FORMS: tuple[tuple[DateForm, str, bool], ...] = (
    (DateForm.MONTH_DAY_YEAR, rf"(?<![^\W\d_]){_M}\s+{_D},?\s+{_Y}\b", True),
    (DateForm.DAY_MONTH_YEAR, rf"\b{_D}\.?\s+{_M},?\s+{_Y}\b", True),
    (DateForm.ISO, rf"\b{_Y}-(?P<month_num>\d{{2}})-(?P<day_num>\d{{2}})", True),
    (DateForm.MONTH_YEAR, rf"(?<![^\W\d_]){_M},?\s+{_Y}\b", True),
    (DateForm.YEAR_MONTH_DAY, rf"{_Y},?\s+{_M}(?:\s+{_D})?", False),
    (DateForm.ISO_MONTH, rf"{_Y}-(?P<month_num>\d{{2}})", False),
    (DateForm.SEASON_YEAR, rf"{_SEASON},?\s+{_Y}", False),
    (DateForm.YEAR_SEASON, rf"{_Y},?\s+{_SEASON}", False),
)


def _time_suffix(form: DateForm) -> str:
    if form is DateForm.ISO:
        return _ISO_TIME
    if form in (DateForm.MONTH_DAY_YEAR, DateForm.DAY_MONTH_YEAR):
        return _TIME
    return ""


_SEARCH = tuple((form, re.compile(p + _time_suffix(form), re.I)) for form, p, in_text in _FORMS if in_text)
_WHOLE = tuple((form, re.compile(p + _time_suffix(form), re.I)) for form, p, _in_text in _FORMS)


def _build(form: DateForm, m: re.Match[str]) -> WrittenDate | None:
    g = m.groupdict()
    year = int(g["year"])
    if g.get("season"):
        return WrittenDate(m.start(), m.end(), year, None, None, form, season=g["season"].lower())
    month = int(g["month_num"]) if g.get("month_num") else MONTH_NUMBERS[g["month"].rstrip(".").lower()]
    day_text = g.get("day_num") or g.get("day")
    day = int(day_text.rstrip("stndrh")) if day_text else None
    if day == 0:
        return None
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    time = None
    if day is not None and g.get("hour") and g.get("minute"):
        time = clock(int(g["hour"]), int(g["minute"]), g.get("ampm") or "")
    return WrittenDate(m.start(), m.end(), year, month, day, form, time)


def find_dates(text: str) -> list[WrittenDate]:
    """Every date of a form that is unambiguous in running text, in text order; where two readings
    overlap, the fuller form ("16 November 1933" over "November 1933") is kept.

    >>> [d.iso for d in find_dates("signed 16 November 1933, in force 1934-01-02")]
    ['1933-11-16', '1934-01-02']
    """
    kept: list[WrittenDate] = []
    taken = DisjointSpans()
    for form, pattern in _SEARCH:
        for m in pattern.finditer(text):
            found = _build(form, m)
            if found is not None and taken.add_if_free(found.start, found.end):
                kept.append(found)
    return sorted(kept, key=lambda d: d.start)


def find_date(text: str) -> WrittenDate | None:
    """The first date in ``text`` (the earliest start; at one start the fuller form), or None.

    >>> find_date("Last updated on November 10, 2022").iso
    '2022-11-10'
    """
    best: WrittenDate | None = None
    for form, pattern in _SEARCH:
        for m in pattern.finditer(text):
            found = _build(form, m)
            if found is not None:
                if best is None or found.start < best.start:
                    best = found
                break
    return best


def read_date(text: str) -> WrittenDate | None:
    """Read ``text`` as one whole date of any form, or None. Offsets are relative to ``text``.

    >>> read_date("16. November 2011").iso, read_date("2011-11").iso, read_date("2011 May 3").iso
    ('2011-11-16', '2011-11', '2011-05-03')
    >>> read_date("November 16, 2011, or later") is None
    True
    """
    for form, pattern in _WHOLE:
        m = pattern.fullmatch(text)
        if m:
            return _build(form, m)
    return None
