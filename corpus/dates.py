"""Dates as web pages and encyclopedias print them in datelines, parsed to ISO 8601.

Only what page metadata needs: a full or partial calendar date with an optional clock time. Dates
inside prose (for claims) are the job of ``annotate.facets``.
"""

from __future__ import annotations

import re
from datetime import date

from textkit.months import MONTH_NUMBERS

_MONTHS = MONTH_NUMBERS

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?)?"
_PATTERNS = [
    # November 16, 2011 05:00 AM / Nov. 16, 2011 / November 16 2011
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b" + _TIME, re.I),
    # 16 November 2011 / 16 Nov. 2011, 10:30
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b" + _TIME, re.I),
    # 2011-11-16 / 2011-11-16T05:00
    re.compile(r"\b(?P<year>\d{4})-(?P<month_num>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?"),
    # November 2011
    re.compile(_MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
]

_UPDATED = re.compile(r"\b(updated|modified|revised|edited)\b", re.I)


def parse_date(text: str) -> tuple[str, int, int] | None:
    """Find the first date in ``text``: ``(iso, start, end)`` with the precision the text gives.

    >>> parse_date("November 16, 2011 05:00 AM")
    ('2011-11-16T05:00', 0, 26)
    >>> parse_date("Last updated on November 10, 2022")[0]
    '2022-11-10'
    >>> parse_date("no date here") is None
    True
    """
    best: tuple[str, int, int] | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(m)
            if iso is not None:
                if best is None or m.start() < best[1]:
                    best = (iso, m.start(), m.end())
                break
    return best


def is_updated(text: str) -> bool:
    """True when a dateline gives the date of a revision ("Last updated on ...") rather than publication."""
    return bool(_UPDATED.search(text))


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = int(groups["year"])
    month = int(groups["month_num"]) if groups.get("month_num") else _MONTHS[groups["month"].lower()]
    day_s = groups.get("day")
    try:
        date(year, month, int(day_s) if day_s else 1)
    except ValueError:
        return None
    if not day_s:
        return f"{year:04d}-{month:02d}"
    iso = f"{year:04d}-{month:02d}-{int(day_s):02d}"
    hour_s, minute_s = groups.get("hour"), groups.get("minute")
    if hour_s and minute_s:
        hour, minute = int(hour_s), int(minute_s)
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            iso += f"T{hour:02d}:{minute:02d}"
    return iso
