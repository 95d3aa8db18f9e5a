"""Dates in reference strings: years with letters ("2001a"), ranges, "n.d.", "forthcoming", and the
calendar dates of the shared grammar (:mod:`textkit.dates`) turned into ISO form."""

from __future__ import annotations

import re

from textkit.dates import DAY, MONTH, SEASON_MONTHS, YEAR, plausible_year, read_date
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


# A season named in a date element ("Fall 2001"), which the reference notes as printed.
_SEASON_PAT = r"(?P<season>" + "|".join(SEASON_MONTHS) + r")"


# The forms only references use; calendar dates are read by the shared grammar (:mod:`textkit.dates`).
_REFERENCE_FORMS = [
    re.compile(r"(?P<y>\d{4})(?P<l>[a-z])?", re.I),
    re.compile(r"(?P<range>\d{4}[a-z]?\s*[-–/]\s*\d{2,4}[a-z]?)"),
    re.compile(r"(?P<nd>n\.\s?d\.?|nd|s\.\s?d\.)", re.I),
    re.compile(r"(?P<word>forthcoming|in press)", re.I),
]


# A date inside a longer text (for "Accessed ..." phrases and MLA elements).
_DATE_IN_TEXT = (
    rf"(?<!\w)(?:{MONTH}\s+{DAY},?\s+{YEAR}|{DAY}\.?\s+{MONTH},?\s+{YEAR}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|{MONTH},?\s+{YEAR})(?!\w)"
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
    for form in _REFERENCE_FORMS:
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
        return (year + g["l"].lower(), None) if g.get("l") else (year, None)
    found = read_date(t)
    if found is None or not plausible_year(found.year):
        return None
    year = f"{found.year:04d}"
    if found.month is None:
        return (year, None)
    iso = f"{year}-{found.month:02d}" + (f"-{found.day:02d}" if found.day is not None else "")
    return (year, iso)


def _plausible_year(year: str) -> bool:
    return year.isdigit() and plausible_year(int(year))
