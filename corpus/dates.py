"""Datelines of web pages and encyclopedias: the first written date, as ISO 8601.

The grammar is :mod:`textkit.dates` (shared with the reference parser and the claim checker); this
module adds what page metadata needs: offsets in the line and whether it dates a revision.
"""

from __future__ import annotations

import re

from textkit.dates import find_date

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
    found = find_date(text)
    return None if found is None else (found.iso, found.start, found.end)


def is_updated(text: str) -> bool:
    """True when a dateline gives the date of a revision ("Last updated on ...") rather than publication."""
    return bool(_UPDATED.search(text))
