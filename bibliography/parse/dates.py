"""Dates in reference strings: years, "n.d.", seasons, full dates turned into ISO form."""

from __future__ import annotations

import re
from datetime import date as _date

from textkit.months import MONTH_NUMBERS

_MONTHS: dict[str, int] = MONTH_NUMBERS


#: Structural words a rule may consume without copying them into a field ("edited by", "pp.",
#: "Accessed", "ISBN", month names of dates turned into ISO form, ...), compared case-insensitively.
MARKER_WORDS: frozenset[str] = frozenset(
    {
        "ed", "eds", "edn", "edition", "editor", "editors", "edited", "by", "and", "trans", "tr",
        "translated", "translator", "translators", "comp", "comps", "compiled", "in", "pp", "p", "vol",
        "vols", "volume", "volumes", "no", "nos", "issue", "reprint", "repr", "reprinted", "et", "al",
        "retrieved", "from", "accessed", "available", "at", "on", "online", "doi", "isbn", "https", "http",
        "org", "dx", "n", "d", "c", "ca", "circa", "url", "hrsg", "éd", "éds", "dir", "last", "viewed",
        "consulted", "s", "st", "nd", "rd", "th", "of", "pages", "page", "issues", "number",
    }
    | set(_MONTHS)
)  # fmt: skip


_MONTH_PAT = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"


_SEASON_PAT = r"(?P<season>spring|summer|fall|autumn|winter)"


_DATE_FORMS = [
    re.compile(r"(?P<y>\d{4})(?P<l>[a-z])?", re.I),
    re.compile(r"(?P<range>\d{4}[a-z]?\s*[-–/]\s*\d{2,4}[a-z]?)"),
    re.compile(r"(?P<nd>n\.\s?d\.?|nd|s\.\s?d\.)", re.I),
    re.compile(r"(?P<word>forthcoming|in press)", re.I),
    re.compile(_MONTH_PAT + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH_PAT + r",?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<y>\d{4}),?\s+" + _MONTH_PAT + r"(?:\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?)?", re.I),
    re.compile(_MONTH_PAT + r",?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?"),
    re.compile(_SEASON_PAT + r",?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<y>\d{4}),?\s+" + _SEASON_PAT, re.I),
]


# A date inside a longer text (for "Accessed ..." phrases and MLA elements).
_DATE_IN_TEXT = (
    r"(?<!\w)(?:" + _MONTH_PAT.replace("?P<mon>", "?:") + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\.?\s+" + _MONTH_PAT.replace("?P<mon>", "?:") + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|" + _MONTH_PAT.replace("?P<mon>", "?:") + r",?\s+\d{4})(?!\w)"
)


def parse_date(text: str) -> tuple[str, str | None] | None:
    """Read a whole date expression: ``(year, iso_date_or_None)``, or None when it is not a date.

    >>> parse_date("November 18, 1933")
    ('1933', '1933-11-18')
    >>> parse_date("(2023, March 15)")
    ('2023', '2023-03-15')
    >>> parse_date("n.d.")
    ('n.d.', None)
    >>> parse_date("Fall, 2001")
    ('2001', None)
    >>> parse_date("Recognition") is None
    True
    """
    t = text.strip().strip("()[].,;: ").strip()
    t = re.sub(r"^(?:c\.|ca\.|circa)\s*", "", t, flags=re.I)
    if not t:
        return None
    if re.fullmatch(r"n\.\s?d", t, re.I):
        t = "n.d."
    for form in _DATE_FORMS:
        m = form.fullmatch(t)
        if not m:
            continue
        g = m.groupdict()
        if g.get("nd"):
            return ("n.d.", None)
        if g.get("word"):
            return (g["word"].lower(), None)
        if g.get("range"):
            rng = re.sub(r"\s+", "", g["range"])
            return (rng, None) if _plausible_year(rng[:4]) else None
        year = g["y"]
        if not _plausible_year(year):
            return None
        if g.get("l"):
            return (year + g["l"].lower(), None)
        month: int | None = None
        if g.get("mon"):
            month = _MONTHS[g["mon"].lower()]
        elif g.get("m"):
            month = int(g["m"])
        if month is None:
            return (year, None)
        day = int(g["d"]) if g.get("d") else None
        try:
            _date(int(year), month, day or 1)
        except ValueError:
            return None
        iso = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
        return (year, iso)
    return None


def _plausible_year(year: str) -> bool:
    return year.isdigit() and 1000 <= int(year) <= 2199
