"""Facet extraction: dates, quantities and entities turned into values a checker can compare.

A checker that reads "source says 1933-11-16, claim says 1933-11-17" needs both texts' dates as
intervals, their numbers with units, and their names as identities. This module finds dates and
quantities in prose with regular expressions and a few context rules; :mod:`annotate.claims.entities` finds
names. :func:`extract_facets` runs all three.

Dates are closed day intervals (see :class:`~annotate.model.DateValue`). Conventions, chosen once:

* "early/mid/late" split a month into days 1-10, 11-20, 21-end; a year into Jan-Apr, May-Aug,
  Sep-Dec; a decade into years 0-3, 4-6, 7-9; a century into thirds. These readings are approximate.
* "the 1920s" is the decade 1920-1929, but "the 1800s" (a round hundred) is the century 1800-1899;
  "the 19th century" is 1800-1899 (the popular reading, not 1801-1900).
* Seasons are meteorological (spring = March-May); "winter 1933" is December 1933 to February 1934.
* A date without a year ("on November 9") takes the year of the nearest explicit date before it in
  the same text, else ``context_year``; with neither it is not reported. Such dates carry
  ``year_inferred=True``.
* Bare four-digit numbers from 1000 to 2199 are years unless the context says otherwise (a currency
  sign, "p."/"No.", a percent sign, "BC", or a plural noun after them: "1500 soldiers").
* Numeric dates with slashes are read month/day only when unambiguous (a day above 12 or equal
  parts); dotted numeric dates are day.month.year.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from annotate.claims.aliases import AliasTable
from annotate.claims.mentions import find_entities
from annotate.model import (
    DatePrecision,
    DateQualifier,
    DateValue,
    Entity,
    Facets,
    Quantity,
    QuantityQualifier,
)

__all__ = [
    "extract_facets",
    "find_dates",
    "find_quantities",
    "ordinal_to_number",
    "parse_date",
    "singular",
    "words_to_number",
]


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a lexicon string."""
    return text.split()


# ---------------------------------------------------------------------------------------------------
# Numbers in words
# ---------------------------------------------------------------------------------------------------

_UNITS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen"
        )
    )
}
_TENS: dict[str, int] = {
    w: 10 * (i + 2) for i, w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"))
}
_SCALES: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000,
    "mn": 1_000_000,
}
_FRACTIONS: dict[str, float] = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
_ORDINAL_UNITS: dict[str, int] = {
    w: i + 1
    for i, w in enumerate(
        _words(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
            "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
        )
    )
}
_ORDINAL_TENS: dict[str, int] = {
    w: 10 * (i + 2)
    for i, w in enumerate(_words("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"))
}
_ORDINAL_SCALES: dict[str, int] = {"hundredth": 100, "thousandth": 1000, "millionth": 1_000_000}
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES) | {"hundred", "dozen"}

_DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_SUFFIX_RE = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(bn|mn|k)$")


def _as_number(value: float) -> int | float:
    """Integers stay ints so that 16 and 16.0 print alike; 1.5 million is the int 1500000."""
    rounded = round(value, 9)
    return int(rounded) if float(rounded).is_integer() else rounded


def _digits_value(token: str) -> float | None:
    if _DIGITS_RE.match(token):
        return float(token.replace(",", ""))
    m = _DIGITS_SUFFIX_RE.match(token)
    if m:
        return float(m.group(1).replace(",", "")) * {"bn": 1e9, "mn": 1e6, "k": 1e3}[m.group(2)]
    return None


def _tokens_of(text: str) -> list[str]:
    text = text.strip().lower().replace("‐", "-").replace("–", "-")
    return [t for t in re.split(r"[\s\-]+", text) if t]


def _year_pair(tokens: list[str]) -> int | None:
    """ "nineteen thirty-three" -> 1933: two groups of 10..99 spoken as a year."""

    def group(toks: list[str]) -> int | None:
        if len(toks) == 1 and toks[0] in _UNITS and _UNITS[toks[0]] >= 10:
            return _UNITS[toks[0]]
        if toks and toks[0] in _TENS:
            if len(toks) == 1:
                return _TENS[toks[0]]
            if len(toks) == 2 and toks[1] in _UNITS and 1 <= _UNITS[toks[1]] <= 9:
                return _TENS[toks[0]] + _UNITS[toks[1]]
        return None

    for cut in (1, 2):
        first, second = group(tokens[:cut]), group(tokens[cut:])
        if first is not None and second is not None:
            return first * 100 + second
    return None


def words_to_number(text: str) -> int | float | None:
    """Read a cardinal number written in words and/or digits; ``None`` when it is not one.

    Handles compounds ("twenty-one"), scales ("one hundred thousand", "1.5 million", "2.5bn"), "and"
    ("two thousand and five"), dozens ("a dozen", "two dozen"), halves ("one and a half million",
    "half a million"), simple fractions ("two thirds") and years said in pairs ("nineteen thirty-three").

    >>> words_to_number("one hundred thousand"), words_to_number("twenty-one"), words_to_number("a dozen")
    (100000, 21, 12)
    >>> words_to_number("1.5 million"), words_to_number("two thousand and five"), words_to_number("blue")
    (1500000, 2005, None)
    """
    tokens = _tokens_of(text)
    if not tokens:
        return None
    if tokens[0] == "half" and len(tokens) >= 3 and tokens[1] in ("a", "an"):
        rest = words_to_number(" ".join(["one", *tokens[2:]]))
        return None if rest is None else _as_number(rest / 2)
    value = _parse_cardinal(tokens)
    if value is None:
        return _year_pair(tokens)
    return _as_number(value)


def _parse_cardinal(tokens: list[str]) -> float | None:
    total = 0.0
    group: float | None = None  # the part below the last scale word
    prev = ""  # kind of the previous token
    last_scale = float("inf")
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "and":
            if tokens[i + 1 : i + 3] in (["a", "half"], ["an", "half"]) and prev in ("unit", "tens", "digit"):
                group = (group or 0) + 0.5
                prev = "unit"
                i += 3
                continue
            if prev not in ("hundred", "scale") or i + 1 >= len(tokens):
                return None
            prev = "and"
            i += 1
            continue
        digits = _digits_value(tok)
        if digits is not None:
            if prev:
                return None
            group, prev = digits, "digit"
        elif tok in ("a", "an"):
            if prev or i + 1 >= len(tokens):
                return None
            group, prev = 1.0, "article"
        elif tok in _UNITS:
            value = _UNITS[tok]
            if prev == "tens" and 1 <= value <= 9 and group is not None and group % 10 == 0:
                group += value
                prev = "unit"
            elif prev in ("", "hundred", "scale", "and"):
                group = (group or 0) + value
                prev = "unit" if value < 10 else "teen"
            else:
                return None
        elif tok in _TENS:
            if prev not in ("", "hundred", "scale", "and"):
                return None
            group = (group or 0) + _TENS[tok]
            prev = "tens"
        elif tok == "hundred":
            if prev not in ("", "unit", "teen", "article", "digit", "tens") or (group or 1) >= 100:
                return None
            group = (group if group is not None else 1.0) * 100
            prev = "hundred"
        elif tok in _SCALES:
            scale = _SCALES[tok]
            if prev not in ("", "unit", "teen", "tens", "hundred", "article", "digit") or scale >= last_scale:
                return None
            total += (group if group is not None else 1.0) * scale
            group, prev, last_scale = None, "scale", scale
        elif tok in ("dozen", "dozens") and tok == "dozen":
            if prev not in ("", "unit", "teen", "tens", "article", "digit"):
                return None
            group = (group if group is not None else 1.0) * 12
            prev = "dozen"
        elif tok in _FRACTIONS and prev in ("unit", "teen", "article") and i == len(tokens) - 1:
            if tok in ("half", "halves") and prev != "article" and (group or 0) > 1:
                return None
            group = (group or 1.0) / _FRACTIONS[tok]
            prev = "fraction"
        else:
            return None
        i += 1
    if prev in ("and", "article"):
        return None
    return total + (group or 0)


def ordinal_to_number(text: str) -> int | None:
    """Read an ordinal ("first", "twenty-first", "16th", "hundredth"); ``None`` when it is not one.

    >>> ordinal_to_number("twenty-first"), ordinal_to_number("16th"), ordinal_to_number("sixteen")
    (21, 16, None)
    """
    t = text.strip().lower()
    m = re.fullmatch(r"(\d+)\s*(st|nd|rd|th)", t)
    if m:
        return int(m.group(1))
    tokens = _tokens_of(t)
    if not tokens:
        return None
    last = tokens[-1]
    head = tokens[:-1]
    if last in _ORDINAL_UNITS:
        value = _ORDINAL_UNITS[last]
    elif last in _ORDINAL_TENS:
        value = _ORDINAL_TENS[last]
    elif last in _ORDINAL_SCALES:
        value = _ORDINAL_SCALES[last]
        base = _parse_cardinal(head) if head else 1.0
        return None if base is None else int(base * value)
    else:
        return None
    if not head:
        return value
    base = _parse_cardinal(head)
    if base is None:
        return None
    if last in _ORDINAL_UNITS and value < 10 and base % 10 == 0 and base >= 20:
        return int(base) + value
    if base % 100 == 0 and base >= 100:
        return int(base) + value
    return None


# ---------------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------------

# Spelled out here rather than taken from ``calendar.month_name``, which follows the process locale:
# the sources are English whatever the reader's locale is.
MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_NUMBERS: dict[str, int] = {}
for _i, _name in enumerate(MONTH_NAMES, start=1):
    _MONTH_NUMBERS[_name.lower()] = _i
    _MONTH_NUMBERS[_name[:3].lower()] = _i
_MONTH_NUMBERS["sept"] = 9


def _alternation(words: Sequence[str]) -> str:
    forms = sorted({f for w in words for f in (w, w.upper())}, key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


_FULL_MONTHS = list(MONTH_NAMES)
_ABBR_MONTHS = [m[:3] + "." for m in _FULL_MONTHS if len(m) > 3] + ["Sept.", "Sept"]
_ABBR_MONTHS += [m[:3] for m in _FULL_MONTHS if len(m) > 3]
# Abbreviations only where a day or year follows; a lone "Mar" or "Jan" is too often something else.
_MONTH = rf"(?P<month>{_alternation(_FULL_MONTHS + _ABBR_MONTHS)})(?![A-Za-z])"
_MONTH_FULL = rf"(?P<month>{_alternation(_FULL_MONTHS)})(?![A-Za-z])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1\d{3}|20\d{2}|21\d{2})"
_WS = r"(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)"
_WSO = r"[ \t\u00a0]*"
_DASH = r"[-‐–—]"
_PART = r"(?P<part>[Ee]arly|[Mm]id|[Ll]ate)(?:-|[ \t]+)"
_PART_OF = (
    rf"(?P<part2>(?:[Tt]he){_WS}(?:beginning|start|end|middle|close|first{_WS}half|second{_WS}half|"
    rf"latter{_WS}half|first{_WS}quarter|second{_WS}quarter|third{_WS}quarter|fourth{_WS}quarter|"
    rf"last{_WS}quarter){_WS}of){_WS}"
)
_APOS = r"[’']"

_ORDINAL_WORD_RE = "|".join(sorted(list(_ORDINAL_UNITS) + list(_ORDINAL_TENS), key=len, reverse=True))


class _Atom(NamedTuple):
    """A date before its year is settled: bounds as (year or None, month, day; day 0 = month's last)."""

    start: int
    end: int
    lo: tuple[int | None, int, int]
    hi: tuple[int | None, int, int]
    precision: DatePrecision
    approximate: bool = False
    time: str | None = None


_Builder = Callable[[re.Match[str], str], "_Atom | None"]


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _month_number(text: str) -> int:
    key = text.rstrip(".").lower()
    return 9 if key.startswith("sept") else _MONTH_NUMBERS[key[:3]]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _valid_day(year: int | None, month: int, day: int) -> bool:
    return 1 <= day <= _last_day(year if year is not None else 2000, month)


def _part_days(part: str) -> tuple[int, int]:
    """Days of a month named by "early/mid/late" or "beginning/middle/end of"."""
    part = part.lower()
    if part in ("early", "beginning", "start"):
        return 1, 10
    if part in ("mid", "middle"):
        return 11, 20
    return 21, 0


def _part_word(m: re.Match[str]) -> str | None:
    part = m.groupdict().get("part")
    if part:
        return part.lower()
    part2 = m.groupdict().get("part2")
    if part2:
        words = part2.lower().split()
        return " ".join(words[1:-1])
    return None


def _build_mdy(m: re.Match[str], _text: str) -> _Atom | None:
    year = int(m.group("y"))
    month = _month_number(m.group("month"))
    d1 = _day_number(m.group("d1"))
    d2 = _day_number(m.group("d2")) if m.group("d2") else d1
    if not (_valid_day(year, month, d1) and _valid_day(year, month, d2)) or d2 < d1:
        return None
    precision = DatePrecision.DAY if d1 == d2 else DatePrecision.RANGE
    return _Atom(m.start(), m.end(), (year, month, d1), (year, month, d2), precision)


def _build_iso(m: re.Match[str], _text: str) -> _Atom | None:
    year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not _valid_day(year, month, day):
        return None
    time = f"{m.group('hh')}:{m.group('mi')}" if m.group("hh") else None
    return _Atom(m.start(), m.end(), (year, month, day), (year, month, day), DatePrecision.DAY, time=time)


def _build_numeric(m: re.Match[str], _text: str) -> _Atom | None:
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if m.group("sep") == "." or a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a or a == b:
        month, day = a, b
    else:
        return None  # 03/04/1933: March 4 or 3 April; refuse to guess
    if not (1 <= month <= 12 and _valid_day(year, month, day)):
        return None
    return _Atom(m.start(), m.end(), (year, month, day), (year, month, day), DatePrecision.DAY)


def _build_month_year(m: re.Match[str], _text: str) -> _Atom | None:
    year = int(m.group("y"))
    month = _month_number(m.group("month"))
    part = _part_word(m)
    if part:
        d1, d2 = _part_days(part)
        return _Atom(m.start(), m.end(), (year, month, d1), (year, month, d2), DatePrecision.PART_OF_MONTH, True)
    return _Atom(m.start(), m.end(), (year, month, 1), (year, month, 0), DatePrecision.MONTH)


def _build_month_day(m: re.Match[str], _text: str) -> _Atom | None:
    month = _month_number(m.group("month"))
    d1 = _day_number(m.group("d1"))
    d2 = _day_number(m.group("d2")) if m.groupdict().get("d2") else d1
    if not (_valid_day(None, month, d1) and _valid_day(None, month, d2)) or d2 < d1:
        return None
    precision = DatePrecision.DAY if d1 == d2 else DatePrecision.RANGE
    return _Atom(m.start(), m.end(), (None, month, d1), (None, month, d2), precision)


def _build_part_month(m: re.Match[str], _text: str) -> _Atom | None:
    month = _month_number(m.group("month"))
    part = _part_word(m) or "mid"
    d1, d2 = _part_days(part)
    return _Atom(m.start(), m.end(), (None, month, d1), (None, month, d2), DatePrecision.PART_OF_MONTH, True)


def _build_month_alone(m: re.Match[str], _text: str) -> _Atom | None:
    month = _month_number(m.group("month"))
    s, e = m.span("month")
    return _Atom(s, e, (None, month, 1), (None, month, 0), DatePrecision.MONTH)


_SEASONS: dict[str, tuple[int, int]] = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _build_season(m: re.Match[str], _text: str) -> _Atom | None:
    year = int(m.group("y"))
    season = m.group("season").lower()
    if season == "winter":
        y2 = m.group("y2")
        if y2 and _expand_year(year, y2) != year + 1:
            return None
        return _Atom(m.start(), m.end(), (year, 12, 1), (year + 1, 2, 0), DatePrecision.SEASON, True)
    if m.group("y2"):
        return None
    first, last = _SEASONS[season]
    return _Atom(m.start(), m.end(), (year, first, 1), (year, last, 0), DatePrecision.SEASON, True)


_PART_OF_YEAR: dict[str, tuple[int, int, bool]] = {
    "early": (1, 4, True),
    "beginning": (1, 4, True),
    "start": (1, 4, True),
    "mid": (5, 8, True),
    "middle": (5, 8, True),
    "late": (9, 12, True),
    "end": (9, 12, True),
    "close": (9, 12, True),
    "first half": (1, 6, False),
    "second half": (7, 12, False),
    "latter half": (7, 12, False),
    "first quarter": (1, 3, False),
    "second quarter": (4, 6, False),
    "third quarter": (7, 9, False),
    "fourth quarter": (10, 12, False),
    "last quarter": (10, 12, False),
}


def _build_part_year(m: re.Match[str], _text: str) -> _Atom | None:
    year = int(m.group("y"))
    part = re.sub(r"\s+", " ", _part_word(m) or "")
    if part not in _PART_OF_YEAR:
        return None
    first, last, approx = _PART_OF_YEAR[part]
    return _Atom(m.start(), m.end(), (year, first, 1), (year, last, 0), DatePrecision.PART_OF_YEAR, approx)


def _part_of_span(part: str | None, first: int, size: int) -> tuple[int, int]:
    """Years of a decade (size 10) or century (size 100) named by early/mid/late."""
    if part is None:
        return first, first + size - 1
    if size == 10:
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
    else:
        lo, hi = {"early": (0, 33), "mid": (34, 66), "late": (67, 99)}[part]
    return first + lo, first + hi


def _build_decade(m: re.Match[str], _text: str) -> _Atom | None:
    first = int(m.group("dec"))
    part = _part_word(m)
    size = 100 if first % 100 == 0 else 10
    lo, hi = _part_of_span(part, first, size)
    if size == 100:
        precision = DatePrecision.PART_OF_CENTURY if part else DatePrecision.CENTURY
    else:
        precision = DatePrecision.PART_OF_DECADE if part else DatePrecision.DECADE
    return _Atom(m.start(), m.end(), (lo, 1, 1), (hi, 12, 31), precision, part is not None)


def _build_century(m: re.Match[str], _text: str) -> _Atom | None:
    n = m.group("n")
    number = int(re.sub(r"\D", "", n)) if n[0].isdigit() else ordinal_to_number(n)
    if number is None or not 1 <= number <= 22:
        return None
    first = (number - 1) * 100
    if first == 0:
        return None  # year 0 does not exist in ISO dates as Python handles them
    part = _part_word(m)
    lo, hi = _part_of_span(part, first, 100)
    precision = DatePrecision.PART_OF_CENTURY if part else DatePrecision.CENTURY
    return _Atom(m.start(), m.end(), (lo, 1, 1), (hi, 12, 31), precision, part is not None)


def _expand_year(first: int, second: str) -> int:
    if len(second) == 4:
        return int(second)
    candidate = first // 100 * 100 + int(second)
    return candidate if candidate > first else candidate + 100


def _build_year_range(m: re.Match[str], text: str) -> _Atom | None:
    y1 = int(m.group("y"))
    y2 = _expand_year(y1, m.group("y2"))
    if not y1 < y2 <= 2199 or y2 - y1 > 200 or not _year_context_ok(text, m.start(), m.end()):
        return None
    return _Atom(m.start(), m.end(), (y1, 1, 1), (y2, 12, 31), DatePrecision.RANGE)


def _build_year(m: re.Match[str], text: str) -> _Atom | None:
    group = "ys" if m.groupdict().get("ys") else "y"
    s, e = m.span(group)
    year = int(re.sub(r"\D", "", m.group(group)))
    if group == "y" and not _year_context_ok(text, s, e):
        return None
    if group == "ys" and not 1900 <= year <= 2099:
        return None
    return _Atom(s, e, (year, 1, 1), (year, 12, 31), DatePrecision.YEAR)


# Words after a four-digit number that make it a count, not a year.
_MEASURE_WORDS = frozenset(
    _words("""years year months days hours minutes seconds weeks km kilometres kilometers miles metres meters feet
    tons tonnes kg pounds dollars people persons men women children times soldiers troops members votes
    copies pages acres hectares square cubic percent per""")
)
# Verbs and function words that may follow a year that starts a clause ("1933 was a year of ...").
_YEAR_FOLLOWERS = frozenset(
    _words(
        "was is has as its this marks sees brings ends begins remains becomes proves seems appears follows wrote notes"
    )
)
_YEAR_REJECT_BEFORE = re.compile(
    r"(?:[$£€¥#]|\b(?:pp?|[Nn]os?|[Vv]ols?|[Pp]ages?|[Nn]umbers?|ISBN|[Rr]oom|[Bb]ox|[Rr]oute|[Ff]light|[Ff]ig"
    r"|[Tt]able|[Cc]h|[Ss]ec|[Aa]rt|[Ll]ine|[Pp]aragraph|[Ss]uite|[Uu]nit|[Cc]ode|[Pp]hone|[Tt]el)\.?)"
    r"[ \t\u00a0]*$"
)
_YEAR_REJECT_AFTER = re.compile(r"[ \t\u00a0]*(?:%|percent\b|per[ \t]cent\b|B\.?C\.?E?\b|BCE\b|[-‐][a-z])")
_YEAR_DETERMINER_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Ii]n|of|[Bb]y|[Ss]ince|[Uu]ntil|[Ff]rom|to|and|[Dd]uring|[Bb]efore|[Aa]fter|its|his|her|"
    r"their)[ \t\u00a0]+$|['’]s[ \t\u00a0]+$"
)


def _year_context_ok(text: str, start: int, end: int) -> bool:
    """Whether a four-digit number at ``text[start:end]`` reads as a year in its context."""
    before = text[max(0, start - 16) : start]
    after = text[end : end + 24]
    if _YEAR_REJECT_BEFORE.search(before) or _YEAR_REJECT_AFTER.match(after):
        return False
    m = re.match(r"[ \t\u00a0]+([a-z][a-z’']*)", after)
    if m:
        word = m.group(1)
        if word in _MEASURE_WORDS:
            return False
        if (
            word.endswith("s")
            and not word.endswith(("ss", "’s", "'s"))
            and word not in _YEAR_FOLLOWERS
            and not _YEAR_DETERMINER_BEFORE.search(before)
        ):
            return False
    return True


_TIME = (
    r"(?:(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:[ \t]*(?P<ap>[AaPp]\.?[Mm]\.?(?![A-Za-z])))?"
    r"|(?P<h2>1[0-2]|0?[1-9])[ \t]*(?P<ap2>[AaPp]\.[Mm]\.|[AaPp][Mm](?![A-Za-z]))"
    r"|(?P<word>noon|midnight|midday))"
)
_SMALL_NUMBER_WORDS = "|".join(sorted([w for w in _UNITS if w != "zero"] + list(_TENS), key=len, reverse=True))
_RELATIVE_TIME = (
    rf"(?P<n>\d{{1,2}}|(?:{_SMALL_NUMBER_WORDS})(?:[-‐ ](?:{_SMALL_NUMBER_WORDS}))?|a[ \t]+quarter|half[ \t]+an?)"
    r"(?:[ \t]+(?:minutes?|hours?|hour))?[ \t]+(?P<rel>before|after|past|to)[ \t]+(?P<ref>midnight|noon|midday)"
)
_TIME_AFTER_RE = re.compile(rf",?[ \t\u00a0]+(?:at[ \t]+)?{_TIME}(?![\w:])")
_TIME_BEFORE_RE = re.compile(rf"(?:{_RELATIVE_TIME}|(?:at[ \t]+)?{_TIME})[ \t\u00a0]+(?:on|of)[ \t\u00a0]+$")


def _clock(m: re.Match[str]) -> str | None:
    """A 24-hour HH:MM from a matched time expression."""
    g = m.groupdict()
    if g.get("word"):
        return "00:00" if g["word"] == "midnight" else "12:00"
    if g.get("rel"):
        n_text = g["n"].lower()
        if n_text.startswith("a"):
            minutes = 15
        elif n_text.startswith("half"):
            minutes = 30
        else:
            value = words_to_number(n_text)
            if value is None or not isinstance(value, int):
                return None
            unit_text = m.group(0).lower()
            minutes = value * 60 if re.search(r"\bhours?\b", unit_text) else value
        ref = 12 * 60 if g["ref"] in ("noon", "midday") else (24 * 60 if g["rel"] in ("before", "to") else 0)
        total = ref - minutes if g["rel"] in ("before", "to") else ref + minutes
        if not 0 <= total < 24 * 60:
            return None
        return f"{total // 60:02d}:{total % 60:02d}"
    hour_text = g.get("h") or g.get("h2")
    if hour_text is None:
        return None
    hour, minute = int(hour_text), int(g.get("mi") or 0)
    ampm = (g.get("ap") or g.get("ap2") or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    return f"{hour:02d}:{minute:02d}"


_DATE_PATTERNS: list[tuple[re.Pattern[str], _Builder]] = [
    (
        re.compile(
            rf"(?<![\w\d]){_MONTH}{_WS}(?P<d1>{_DAY})(?:{_WSO}{_DASH}{_WSO}(?P<d2>{_DAY}))?"
            rf"(?:,{_WSO}|,?{_WS})(?P<y>{_YEAR})(?![\d\w])"
        ),
        _build_mdy,
    ),
    (
        re.compile(
            rf"(?<![\w\d])(?P<d1>{_DAY})(?:{_WSO}{_DASH}{_WSO}(?P<d2>{_DAY}))?{_WS}(?:of{_WS})?{_MONTH},?"
            rf"{_WS}(?P<y>{_YEAR})(?![\d\w])"
        ),
        _build_mdy,
    ),
    (
        re.compile(
            r"(?<![\w\d\-])(?P<y>1\d{3}|20\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
            r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w\d])"
        ),
        _build_iso,
    ),
    (
        re.compile(
            rf"(?<![\w\d/.])(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})(?![\w\d]|[/.]\d)"
        ),
        _build_numeric,
    ),
    (
        re.compile(rf"(?<![\w\d])(?:{_PART}|{_PART_OF})?{_MONTH},?{_WS}(?:of{_WS})?(?P<y>{_YEAR})(?![\d\w]|[’']s)"),
        _build_month_year,
    ),
    (
        re.compile(
            rf"(?<![\w\d]){_MONTH}{_WS}(?P<d1>{_DAY})(?:{_WSO}{_DASH}{_WSO}(?P<d2>{_DAY}))?(?![\d\w]|{_WSO}[:/.]\d)"
        ),
        _build_month_day,
    ),
    (
        re.compile(rf"(?<![\w\d])(?:[Tt]he{_WS})?(?P<d1>{_DAY}){_WS}(?:of{_WS})?{_MONTH_FULL}"),
        _build_month_day,
    ),
    (re.compile(rf"(?<![\w\d])(?:{_PART}|{_PART_OF}){_MONTH_FULL}"), _build_part_month),
    (
        re.compile(
            rf"\b(?:[Ii]n|[Dd]uring|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Tt]hrough|[Tt]hroughout|[Ff]rom|[Bb]efore|"
            rf"[Aa]fter|last|next|[Ee]arly|[Ll]ate)[ \t\u00a0]+{_MONTH_FULL}"
        ),
        _build_month_alone,
    ),
    (
        re.compile(
            rf"(?<![\w\d])(?:{_PART})?(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter){_WS}(?:of{_WS})?"
            rf"(?P<y>{_YEAR})(?:{_DASH}(?P<y2>\d{{2}}|\d{{4}}))?(?![\d\w])"
        ),
        _build_season,
    ),
    (
        re.compile(rf"(?<![\w\d])(?:{_PART}|{_PART_OF})(?P<y>{_YEAR})(?![\d\w’']|{_DASH}\d)"),
        _build_part_year,
    ),
    (re.compile(rf"(?<![\w\d])(?:{_PART})?(?P<dec>1\d{{2}}0|20\d0){_APOS}?s(?![\w])"), _build_decade),
    (
        re.compile(
            rf"(?<![\w\d])(?:{_PART})?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|(?:[Tt]wenty-)?(?:{_ORDINAL_WORD_RE})|"
            rf"(?:Twenty-)?(?:{_ORDINAL_WORD_RE.title()}))[-‐ \t]+[Cc]entury(?![\w])(?!{_WSO}(?:B\.?C|BCE))"
        ),
        _build_century,
    ),
    (
        re.compile(
            rf"(?<![\w\d$£€¥#.,/:‐–—-])(?P<y>{_YEAR}){_WSO}{_DASH}{_WSO}(?P<y2>\d{{4}}|\d{{2}})"
            rf"(?![\d\w%]|[.,]\d|{_DASH}\d)"
        ),
        _build_year_range,
    ),
    (
        re.compile(rf"(?<![\w\d$£€¥#.,/:‐–—-])(?P<y>{_YEAR})(?![\d\w%’']|[.,]\d|{_DASH}\d|/\d)"),
        _build_year,
    ),
    (
        # A year split by OCR ("in 1 931"), only after a preposition that introduces years.
        re.compile(
            r"\b(?:[Ii]n|[Bb]y|[Ss]ince|of|[Uu]ntil|[Dd]uring|[Ff]rom)[ \t]+"
            r"(?P<ys>1[ \t]9\d\d|19[ \t]\d\d|2[ \t]0\d\d|20[ \t]\d\d)(?![\d\w])"
        ),
        _build_year,
    ),
]

_QUALIFIER_RE = re.compile(
    r"(?P<q>[Nn]o[ \t]+later[ \t]+than|[Pp]rior[ \t]+to|[Ss]ometime[ \t]+(?:before|after)|[Uu]p[ \t]+to|[Bb]y|"
    r"[Bb]efore|[Aa]fter|[Ss]ince|[Uu]ntil|[Tt]ill|[Aa]round|[Aa]bout|[Cc]irca|c\.|ca\.|[Aa]pproximately|"
    r"[Rr]oughly)[ \t\u00a0]+$"
)
_QUALIFIERS: dict[str, DateQualifier | None] = {
    "no later than": DateQualifier.BY,
    "by": DateQualifier.BY,
    "prior to": DateQualifier.BEFORE,
    "before": DateQualifier.BEFORE,
    "sometime before": DateQualifier.BEFORE,
    "after": DateQualifier.AFTER,
    "sometime after": DateQualifier.AFTER,
    "since": DateQualifier.SINCE,
    "until": DateQualifier.UNTIL,
    "till": DateQualifier.UNTIL,
    "up to": DateQualifier.UNTIL,
}
_RANGE_GAP_RE = re.compile(r"^[ \t\u00a0]*(?:to|until|till|through|thru|[-‐–—]|and)[ \t\u00a0]*$")
_RANGE_FROM_RE = re.compile(r"(?:[Ff]rom|[Bb]etween)[ \t\u00a0]+$")
# Precisions whose explicit year becomes the running year for later dates without one.
_YEAR_SETTING = frozenset(
    {
        DatePrecision.DAY,
        DatePrecision.PART_OF_MONTH,
        DatePrecision.MONTH,
        DatePrecision.SEASON,
        DatePrecision.PART_OF_YEAR,
        DatePrecision.YEAR,
    }
)


def _candidate_atoms(text: str) -> list[_Atom]:
    """Every pattern's matches, then the longest non-overlapping ones (earlier patterns win ties)."""
    found: list[tuple[int, int, int, _Atom]] = []
    for rank, (pattern, build) in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(text):
            atom: _Atom | None
            try:
                atom = build(m, text)
            except (ValueError, KeyError, IndexError):
                atom = None
            if atom is not None and atom.end > atom.start:
                found.append((-(atom.end - atom.start), rank, atom.start, atom))
    found.sort(key=lambda t: t[:3])
    taken: list[_Atom] = []
    for _, _, _, atom in found:
        if all(atom.end <= t.start or t.end <= atom.start for t in taken):
            taken.append(atom)
    taken.sort(key=lambda a: a.start)
    return taken


def _fill(bound: tuple[int | None, int, int], year: int) -> tuple[int, int, int] | None:
    y = bound[0] if bound[0] is not None else year
    month, day = bound[1], bound[2]
    if day == 0:
        day = _last_day(y, month)
    if not (1 <= y <= 9999 and _valid_day(y, month, day)):
        return None
    return y, month, day


class _Resolved(NamedTuple):
    start: int
    end: int
    lo: _dt.date
    hi: _dt.date
    precision: DatePrecision
    approximate: bool
    time: str | None
    year_inferred: bool
    cores: tuple[tuple[int, int], ...]


def _settle(atom: _Atom, year: int | None) -> tuple[_dt.date, _dt.date] | None:
    if year is None and (atom.lo[0] is None or atom.hi[0] is None):
        return None
    lo = _fill(atom.lo, year or 0)
    hi = _fill(atom.hi, year or 0)
    if lo is None or hi is None:
        return None
    lo_d, hi_d = _dt.date(*lo), _dt.date(*hi)
    return (lo_d, hi_d) if lo_d <= hi_d else None


def _resolve_dates(text: str, context_year: int | None) -> list[_Resolved]:
    atoms = _candidate_atoms(text)
    # Join "from A to B", "between A and B", "A - B", "A to B" into ranges before years are inferred,
    # so that "from November 9 to November 16, 1933" lends B's year to A.
    groups: list[tuple[_Atom, _Atom | None, int]] = []
    i = 0
    while i < len(atoms):
        left = atoms[i]
        if i + 1 < len(atoms):
            right = atoms[i + 1]
            gap = text[left.end : right.start]
            m_from = _RANGE_FROM_RE.search(text, max(0, left.start - 12), left.start)
            between = m_from is not None and m_from.group(0)[0] in "Bb"
            if _RANGE_GAP_RE.match(gap) and (gap.strip().lower() == "and") == between:
                groups.append((left, right, m_from.start() if m_from else left.start))
                i += 2
                continue
        groups.append((left, None, left.start))
        i += 1

    resolved: list[_Resolved] = []
    running: int | None = None
    for a, b, start in groups:
        if b is None:
            inferred = a.lo[0] is None
            year = running if running is not None else context_year
            bounds = _settle(a, year)
            if bounds is None:
                continue
            resolved.append(
                _Resolved(
                    start,
                    a.end,
                    bounds[0],
                    bounds[1],
                    a.precision,
                    a.approximate,
                    a.time,
                    inferred,
                    ((a.start, a.end),),
                )
            )
            if not inferred and a.precision in _YEAR_SETTING:
                running = bounds[0].year
            continue
        year_b = b.lo[0] if b.lo[0] is not None else (running if running is not None else context_year)
        bounds_b = _settle(b, year_b)
        year_a = a.lo[0] if a.lo[0] is not None else year_b
        bounds_a = _settle(a, year_a)
        if bounds_a and bounds_b and a.lo[0] is None and bounds_a[0] > bounds_b[1] and year_a is not None:
            bounds_a = _settle(a, year_a - 1)  # "from December to February 1934"
        if bounds_a is None or bounds_b is None or bounds_b[1] < bounds_a[0]:
            # Not a range after all: keep whichever parts stand alone.
            for part in (a, b):
                year = part.lo[0] if part.lo[0] is not None else (running if running is not None else context_year)
                bounds = _settle(part, year)
                if bounds is not None:
                    resolved.append(
                        _Resolved(
                            part.start,
                            part.end,
                            bounds[0],
                            bounds[1],
                            part.precision,
                            part.approximate,
                            part.time,
                            part.lo[0] is None,
                            ((part.start, part.end),),
                        )
                    )
            continue
        resolved.append(
            _Resolved(
                start,
                b.end,
                bounds_a[0],
                bounds_b[1],
                DatePrecision.RANGE,
                a.approximate or b.approximate,
                None,
                a.lo[0] is None and b.lo[0] is None,
                ((a.start, a.end), (b.start, b.end)),
            )
        )
        if b.lo[0] is not None and b.precision in _YEAR_SETTING:
            running = bounds_b[1].year
    return resolved


def _dates_with_cores(text: str, context_year: int | None) -> list[tuple[DateValue, tuple[tuple[int, int], ...]]]:
    out: list[tuple[DateValue, tuple[tuple[int, int], ...]]] = []
    for r in _resolve_dates(text, context_year):
        start, end = r.start, r.end
        qualifier: DateQualifier | None = None
        approximate = r.approximate
        m = _QUALIFIER_RE.search(text, max(0, start - 24), start)
        if m and m.end() == start and r.precision is not DatePrecision.RANGE:
            word = re.sub(r"\s+", " ", m.group("q").lower())
            if word in _QUALIFIERS:
                qualifier = _QUALIFIERS[word]
            else:
                approximate = True
            start = m.start()
        time = r.time
        single_day = r.lo == r.hi and r.precision is DatePrecision.DAY
        if single_day and time is None:
            m_after = _TIME_AFTER_RE.match(text, r.end)
            m_before = _TIME_BEFORE_RE.search(text, max(0, start - 60), start)
            if m_after:
                time = _clock(m_after)
                if time is not None:
                    end = m_after.end()
            elif m_before and m_before.end() == start:
                time = _clock(m_before)
                if time is not None:
                    start = m_before.start()
        value = DateValue(
            start=r.lo.isoformat(),
            end=r.hi.isoformat(),
            precision=r.precision,
            text=text[start:end],
            span=(start, end),
            approximate=approximate,
            qualifier=qualifier,
            time=time if single_day else None,
            year_inferred=r.year_inferred,
        )
        out.append((value, r.cores))
    return out


def find_dates(text: str, *, context_year: int | None = None) -> list[DateValue]:
    """Find the dates written in ``text``, in text order.

    ``context_year`` supplies the year for dates written without one when no explicit date earlier
    in the text does.

    >>> [d.iso for d in find_dates("On Nov. 16, 1933, during the 1920’s, in mid-October (1918-1921)")]
    ['1933-11-16', '1920/1929', '1933-10-11/1933-10-20', '1918/1921']
    """
    return [d for d, _ in _dates_with_cores(text, context_year)]


def parse_date(text: str, *, context_year: int | None = None) -> DateValue | None:
    """Parse one date expression; the longest date found in ``text``, or ``None``.

    >>> parse_date("November of 1933").iso, parse_date("the early 1930’s").iso
    ('1933-11', '1930/1933')
    >>> parse_date("on November 9", context_year=1933).start, parse_date("on November 9") is None
    ('1933-11-09', True)
    """
    dates = find_dates(text, context_year=context_year)
    if not dates:
        return None
    return max(dates, key=lambda d: (d.span[1] - d.span[0], -d.span[0]))


# ---------------------------------------------------------------------------------------------------
# Quantities
# ---------------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*[A-Za-z]*|[^\W\d_]+(?:['’][^\W\d_]+)*|[^\s]")
# Words before "one" that make it a pronoun ("no one", "the one who", "this one").
_PRONOUN_ONE = frozenset(_words("no any every some each the this that which no-one anyone someone"))
_DETERMINERS = frozenset(_words("the a an his her its their our my your this that these those each every"))
# Words that end a noun phrase: a unit is looked for only before them.
_BOUNDARY = frozenset(
    _words("""of the a an and or but nor to in on at by for with from into onto upon than as that which who whom whose
    what when where while was were is are be been being had has have having would could should will shall may
    might must can do does did not no before after since until till during about over under between among
    per each every this these those it its he she they we you i him her them us his their our my your
    there here then so such very more most less least also only just even still yet ago later earlier
    again once""")
)
_IRREGULAR_PLURALS: dict[str, str] = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "wolves": "wolf",
    "leaves": "leaf",
    "shelves": "shelf",
    "thieves": "thief",
    "calves": "calf",
    "loaves": "loaf",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "centuries": "century",
    "millennia": "millennium",
    "indices": "index",
    "analyses": "analysis",
    "crises": "crisis",
    "theses": "thesis",
}
_INVARIANT_PLURALS = frozenset(
    _words("people police cattle sheep fish deer aircraft personnel staff yen series species means news")
)
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "’s", "'s")
_ABBREVIATED_UNITS: dict[str, str] = {
    "yrs": "year",
    "yr": "year",
    "mins": "minute",
    "min": "minute",
    "hrs": "hour",
    "hr": "hour",
    "secs": "second",
    "sec": "second",
    "kms": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "lbs": "lb",
    "percent": "%",
    "percentage": "%",
}
_YEAR_MULTIPLES: dict[str, int] = {"decade": 10, "century": 100, "millennium": 1000}
_CURRENCY_PREFIX: dict[str, str] = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "euro": "EUR",
    "yen": "JPY",
    "ruble": "RUB",
    "rouble": "RUB",
}
# After "a"/"an", these make the article a count of one ("a month after", "more than a decade").
_ONE_UNITS = frozenset(
    _words("minute hour day week fortnight month year decade century millennium mile kilometre kilometer ton")
)
_QUANTITY_QUALIFIERS: list[tuple[tuple[str, ...], QuantityQualifier]] = [
    (("no", "more", "than"), QuantityQualifier.AT_MOST),
    (("not", "more", "than"), QuantityQualifier.AT_MOST),
    (("no", "fewer", "than"), QuantityQualifier.AT_LEAST),
    (("no", "less", "than"), QuantityQualifier.AT_LEAST),
    (("not", "less", "than"), QuantityQualifier.AT_LEAST),
    (("as", "many", "as"), QuantityQualifier.AT_MOST),
    (("as", "much", "as"), QuantityQualifier.AT_MOST),
    (("well", "over"), QuantityQualifier.MORE_THAN),
    (("just", "over"), QuantityQualifier.MORE_THAN),
    (("just", "under"), QuantityQualifier.LESS_THAN),
    (("more", "than"), QuantityQualifier.MORE_THAN),
    (("upwards", "of"), QuantityQualifier.MORE_THAN),
    (("at", "least"), QuantityQualifier.AT_LEAST),
    (("less", "than"), QuantityQualifier.LESS_THAN),
    (("fewer", "than"), QuantityQualifier.LESS_THAN),
    (("at", "most"), QuantityQualifier.AT_MOST),
    (("up", "to"), QuantityQualifier.AT_MOST),
    (("close", "to"), QuantityQualifier.ABOUT),
    (("an", "estimated"), QuantityQualifier.ABOUT),
    (("over",), QuantityQualifier.MORE_THAN),
    (("under",), QuantityQualifier.LESS_THAN),
    (("about",), QuantityQualifier.ABOUT),
    (("around",), QuantityQualifier.ABOUT),
    (("approximately",), QuantityQualifier.ABOUT),
    (("roughly",), QuantityQualifier.ABOUT),
    (("nearly",), QuantityQualifier.ABOUT),
    (("almost",), QuantityQualifier.ABOUT),
    (("some",), QuantityQualifier.ABOUT),
    (("circa",), QuantityQualifier.ABOUT),
    (("exactly",), QuantityQualifier.EXACTLY),
    (("precisely",), QuantityQualifier.EXACTLY),
]


class _Tok(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def singular(word: str) -> str:
    """The singular lower-case lemma of an English noun (``vehicles`` -> ``vehicle``).

    >>> [singular(w) for w in ("years", "countries", "people", "superpowers", "taxes", "crisis")]
    ['year', 'country', 'person', 'superpower', 'tax', 'crisis']
    """
    w = word.lower().replace("’", "'")
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if w in _INVARIANT_PLURALS or len(w) <= 3 or w.endswith(_NOT_PLURAL_ENDINGS):
        return "person" if w == "people" else w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def _looks_plural(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR_PLURALS or w in _INVARIANT_PLURALS:
        return True
    return len(w) > 2 and w.endswith("s") and not w.endswith(_NOT_PLURAL_ENDINGS)


def _adjective_like(word: str) -> bool:
    w = word.lower()
    return w.endswith(("ly", "al", "ic", "ive", "ous", "ful", "able", "ible", "ern", "ese", "ish", "ian", "an")) or (
        w in {"major", "new", "other", "more", "main", "separate", "different", "additional", "further", "whole"}
    )


def _unit_after(tokens: list[_Tok], j: int, text: str, *, plural: bool) -> tuple[str | None, int]:
    """The unit lemma after a number ending before token ``j``, and the index after the unit."""
    if j < len(tokens) and tokens[j].text == "%" and tokens[j].start == tokens[j - 1].end:
        return "%", j + 1
    if j < len(tokens) and tokens[j].low in ("percent", "pct"):
        return "%", j + 1
    if j + 1 < len(tokens) and tokens[j].low == "per" and tokens[j + 1].low == "cent":
        return "%", j + 2
    k = j
    if k < len(tokens) and tokens[k].text in "-‐" and tokens[k].start == tokens[k - 1].end:
        k += 1  # "16-year", "five-year plan"
    words: list[int] = []
    while k < len(tokens) and len(words) < 3:
        tok = tokens[k]
        gap = text[tokens[k - 1].end : tok.start]
        if (gap and not gap.isspace()) or "\n\n" in gap or not tok.text[0].isalpha() or tok.low in _BOUNDARY:
            break
        if tok.low in _NUMBER_WORDS or _digits_value(tok.text) is not None:
            break
        words.append(k)
        if tok.low.endswith("ly") and len(words) == 1:
            return None, j
        k += 1
    if not words:
        return None, j
    chosen = words[0]
    if plural:
        for idx in words:
            if _looks_plural(tokens[idx].text):
                chosen = idx
                break
    elif len(words) > 1 and _adjective_like(tokens[words[0]].text) and not tokens[words[0]].text[0].isupper():
        chosen = words[1]
    word = tokens[chosen].text
    if word.lower().endswith("ly"):
        return None, j
    lemma = singular(word)
    lemma = _ABBREVIATED_UNITS.get(word.lower(), _ABBREVIATED_UNITS.get(lemma, lemma))
    lemma = _CURRENCY_WORDS.get(lemma, lemma)
    return lemma, chosen + 1


def _qualifier_before(tokens: list[_Tok], i: int, text: str) -> tuple[QuantityQualifier | None, int]:
    """The qualifier words right before token ``i`` and the index of the first of them."""
    for words, qualifier in _QUANTITY_QUALIFIERS:
        n = len(words)
        if i - n < 0:
            continue
        seq = tokens[i - n : i]
        if tuple(t.low for t in seq) != words:
            continue
        gaps = [text[seq[k].end : (seq[k + 1].start if k + 1 < n else tokens[i].start)] for k in range(n)]
        if all(g and g.isspace() and "\n\n" not in g for g in gaps):
            return qualifier, i - n
    return None, i


def _number_run(tokens: list[_Tok], i: int, text: str) -> int:
    """The index after the longest run of number tokens starting at ``i`` (``i`` when none)."""

    def joined(a: int, b: int) -> bool:
        gap = text[tokens[a].end : tokens[b].start]
        return gap == "" or (gap.isspace() and "\n" not in gap)

    tok = tokens[i]
    low = tok.low
    if low == "half":
        # "half a million" is a number; "half a century" is handled by the caller.
        if i + 2 < len(tokens) and tokens[i + 1].low in ("a", "an") and tokens[i + 2].low in _SCALES:
            return i + 3
        return i
    if _digits_value(tok.text) is not None:
        k = i + 1
        while k < len(tokens) and tokens[k].low in _SCALES and joined(k - 1, k):
            k += 1
        return k
    if low not in _NUMBER_WORDS and low not in ("a", "an"):
        return i
    k = i + 1
    article_ok = k < len(tokens) and tokens[k].low in ("hundred", "dozen", *_SCALES) and joined(i, k)
    if low in ("a", "an") and not article_ok:
        return i
    while k < len(tokens):
        nxt = tokens[k]
        if nxt.low in _NUMBER_WORDS and joined(k - 1, k):
            k += 1
        elif (
            nxt.text in "-‐"
            and k + 1 < len(tokens)
            and tokens[k + 1].low in _FRACTIONS
            and tokens[k - 1].low in _UNITS
            and nxt.start == tokens[k - 1].end
            and tokens[k + 1].start == nxt.end
        ):
            return k + 2  # "two-thirds"
        elif nxt.low in _FRACTIONS and tokens[k - 1].low in _UNITS and joined(k - 1, k):
            return k + 1  # "three quarters"
        elif nxt.text in "-‐" and k + 1 < len(tokens) and tokens[k + 1].low in _NUMBER_WORDS and joined(k - 1, k):
            if not joined(k, k + 1) or text[tokens[k - 1].end : nxt.start]:
                break
            k += 2
        elif (
            nxt.low == "and"
            and k + 1 < len(tokens)
            and joined(k - 1, k)
            and (tokens[k + 1].low in _NUMBER_WORDS or tokens[k + 1].low in ("a", "an"))
            and tokens[k - 1].low in ("hundred", "thousand", "million", "billion", *_UNITS, *_TENS)
        ):
            k += 2 if tokens[k + 1].low in _NUMBER_WORDS else 1
            if tokens[k - 1].low in ("a", "an"):
                if k < len(tokens) and tokens[k].low == "half":
                    k += 1
                else:
                    return k - 2
        else:
            break
    return k


def _quantities(text: str, cores: Sequence[tuple[int, int]]) -> list[Quantity]:
    tokens = [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    out: list[Quantity] = []

    def in_core(start: int, end: int) -> bool:
        return any(start < ce and cs < end for cs, ce in cores)

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        ordinal: int | None = None
        value: int | float | None = None
        compound, compound_end = _ordinal_at(tokens, i, text) if tok.low in _TENS else (None, i)
        end_run = i if compound is not None else _number_run(tokens, i, text)
        if compound is not None:
            ordinal, end_run = compound, compound_end  # "twenty-first"
        elif end_run > i:
            run_text = text[tok.start : tokens[end_run - 1].end]
            value = words_to_number(run_text)
            while value is None and end_run - 1 > i:
                end_run -= 1
                value = words_to_number(text[tok.start : tokens[end_run - 1].end])
        if (
            value is None
            and tok.low == "half"
            and i + 2 < len(tokens)
            and tokens[i + 1].low in ("a", "an")
            and tokens[i + 2].text[0].isalpha()
        ):
            value, end_run = 0.5, i + 2  # "half a century"
        if value is None and ordinal is None:
            ordinal, end_run = _ordinal_at(tokens, i, text)
        if value is None and ordinal is None:
            one = _one_unit(tokens, i, text)
            if one is None:
                i += 1
                continue
            value, end_run = 1, i + 1
        start = tok.start
        pronoun = tok.low == "one" and end_run == i + 1 and i > 0 and tokens[i - 1].low in _PRONOUN_ONE
        if (
            pronoun
            or in_core(start, tokens[end_run - 1].end)
            or (
                tok.text[0].isdigit()
                and tok.text.startswith("0")
                and len(re.sub(r"\D", "", tok.text)) > 1
                and "." not in tok.text
            )
        ):
            i = end_run
            continue
        unit: str | None = None
        next_index = end_run
        if ordinal is None and i > 0 and tokens[i - 1].text in _CURRENCY_PREFIX and tokens[i - 1].end == start:
            unit = _CURRENCY_PREFIX[tokens[i - 1].text]
            start = tokens[i - 1].start
            first_index = i - 1
        else:
            first_index = i
        if unit is None:
            count = float(value) if value is not None else 1.0
            unit, next_index = _unit_after(tokens, end_run, text, plural=ordinal is None and count != 1)
        if ordinal is not None and unit is None:
            i = end_run
            continue
        qualifier, q_index = _qualifier_before(tokens, first_index, text) if ordinal is None else (None, first_index)
        if qualifier is not None:
            start = tokens[q_index].start
        number: int | float = ordinal if ordinal is not None else (value if value is not None else 1)
        if ordinal is None and unit in _YEAR_MULTIPLES:
            number = _as_number(float(number) * _YEAR_MULTIPLES[unit])
            unit = "year"
        bare_word = unit is None and not tok.text[0].isdigit()
        whole = float(number).is_integer()
        if bare_word and whole and (float(number) < 2 or (end_run < len(tokens) and tokens[end_run].low == "of")):
            i = end_run  # "one of the ...", "a", a lone "one": pronouns and articles, not counts
            continue
        end = tokens[next_index - 1].end if unit is not None and next_index > end_run else tokens[end_run - 1].end
        if unit is not None and next_index <= end_run and unit != "USD" and unit not in _CURRENCY_PREFIX.values():
            end = tokens[end_run - 1].end
        out.append(
            Quantity(
                value=number,
                unit=unit,
                text=text[start:end],
                span=(start, end),
                qualifier=qualifier,
                ordinal=ordinal is not None,
            )
        )
        i = max(next_index, end_run)
    return out


def _ordinal_at(tokens: list[_Tok], i: int, text: str) -> tuple[int | None, int]:
    tok = tokens[i]
    m = re.fullmatch(r"(\d+)(st|nd|rd|th)", tok.text)
    if m:
        return int(m.group(1)), i + 1
    low = tok.low
    end = i + 1
    if (
        low in _TENS
        and i + 2 < len(tokens)
        and tokens[i + 1].text in "-‐"
        and tokens[i + 1].start == tok.end
        and tokens[i + 2].low in _ORDINAL_UNITS
        and tokens[i + 2].start == tokens[i + 1].end
    ):
        end = i + 3
    elif low not in _ORDINAL_UNITS and low not in _ORDINAL_TENS and low not in _ORDINAL_SCALES:
        return None, i
    value = ordinal_to_number(text[tok.start : tokens[end - 1].end])
    if value is None:
        return None, i
    prev = tokens[i - 1] if i > 0 else None
    determiner = prev is not None and (
        prev.low in _DETERMINERS or (prev.low == "s" and i > 1 and tokens[i - 2].text in "'’")
    )
    titled = tok.text[0].isupper() and end < len(tokens) and tokens[end].text[0].isupper()
    if not (determiner or titled):
        return None, i
    if low == "second" and end < len(tokens) and not tokens[end].text[0].isalpha():
        return None, i
    return value, end


def _one_unit(tokens: list[_Tok], i: int, text: str) -> int | None:
    """ "a month", "an hour": an article counting one time unit."""
    if tokens[i].low not in ("a", "an") or i + 1 >= len(tokens):
        return None
    nxt = tokens[i + 1]
    if not text[tokens[i].end : nxt.start].isspace() or "\n" in text[tokens[i].end : nxt.start]:
        return None
    return 1 if nxt.low in _ONE_UNITS else None


def find_quantities(text: str) -> list[Quantity]:
    """Find the numbers in ``text`` with the units they count, in text order.

    Numbers that belong to dates are left out ("1933" in "Nov. 16, 1933"); numbers of time units are
    kept ("16 years"). Decades and centuries become years ("more than a decade" -> more than 10 years).

    >>> [(q.value, q.unit) for q in find_quantities("one hundred thousand vehicles in 1929, sixteen years")]
    [(100000, 'vehicle'), (16, 'year')]
    """
    cores = [c for _, cs in _dates_with_cores(text, None) for c in cs]
    return _quantities(text, cores)


# ---------------------------------------------------------------------------------------------------
# All facets
# ---------------------------------------------------------------------------------------------------


def extract_facets(
    text: str,
    *,
    context_year: int | None = None,
    aliases: AliasTable | None = None,
) -> Facets:
    """Find the dates, quantities and entities in ``text``.

    Quantities never reuse the digits of a date. ``aliases`` (an :class:`~annotate.entities.AliasTable`,
    e.g. built from the source's index terms) lets short names resolve to full ones.

    >>> f = extract_facets("On Nov. 16, 1933, President Roosevelt wrote to Maxim Litvinov, 16 years later.")
    >>> [d.iso for d in f.dates], [(q.value, q.unit) for q in f.quantities], [e.id for e in f.entities][-1]
    (['1933-11-16'], [(16, 'year')], 'person:maxim-litvinov')
    """
    dated = _dates_with_cores(text, context_year)
    cores = [c for _, cs in dated for c in cs]
    entities: list[Entity] = find_entities(text, aliases)
    return Facets(
        dates=tuple(d for d, _ in dated),
        quantities=tuple(_quantities(text, cores)),
        entities=tuple(entities),
    )
