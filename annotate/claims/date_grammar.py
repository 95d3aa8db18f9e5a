"""The date grammar: the patterns dates are written in (days, months, seasons, decades, centuries,
ranges, clock times) and how each match becomes a calendar interval.

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

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from annotate.claims.numbers import (
    _ORDINAL_TENS,
    _ORDINAL_UNITS,
    _TENS,
    _UNITS,
    _words,
    ordinal_to_number,
    words_to_number,
)
from annotate.model import (
    DatePrecision,
    DateQualifier,
)
from textkit.dates import DAY, PLAUSIBLE_YEAR, SEASON_MONTHS, clock, last_day
from textkit.months import MONTH_NAMES, month_number


def _alternation(words: Sequence[str]) -> str:
    forms = sorted({f for w in words for f in (w, w.upper())}, key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


_FULL_MONTHS = list(MONTH_NAMES)


_ABBR_MONTHS = [m[:3] + "." for m in _FULL_MONTHS if len(m) > 3] + ["Sept.", "Sept"]


_ABBR_MONTHS += [m[:3] for m in _FULL_MONTHS if len(m) > 3]


# Abbreviations only where a day or year follows; a lone "Mar" or "Jan" is too often something else.
_MONTH = rf"(?P<month>{_alternation(_FULL_MONTHS + _ABBR_MONTHS)})(?![A-Za-z])"


_MONTH_FULL = rf"(?P<month>{_alternation(_FULL_MONTHS)})(?![A-Za-z])"


_DAY = DAY


_YEAR = PLAUSIBLE_YEAR


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
    # The month patterns only match names month_number knows.
    return month_number(text) or 0


_last_day = last_day


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
    first, last = SEASON_MONTHS[season]
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
    return clock(int(hour_text), int(g.get("mi") or 0), g.get("ap") or g.get("ap2") or "")


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


# What each pattern above cannot match without, in order: most texts have no month name and many no digit,
# and skipping the patterns that need one is much cheaper than letting every pattern scan the text.
# ``_DAY`` is digits and ``_YEAR`` (and a decade) four of them, in the range that
# ``_YEAR_HINT_RE`` finds; a month form (full, upper case or abbreviated) starts with its name's first
# three letters; the century pattern needs "[Cc]entury".
_NEEDS_DIGIT, _NEEDS_MONTH, _NEEDS_CENTURY, _NEEDS_YEAR = 1, 2, 4, 8
_PATTERN_NEEDS: tuple[int, ...] = (
    _NEEDS_MONTH | _NEEDS_YEAR,  # month day, year
    _NEEDS_MONTH | _NEEDS_YEAR,  # day month year
    _NEEDS_YEAR,  # ISO
    _NEEDS_YEAR,  # numeric
    _NEEDS_MONTH | _NEEDS_YEAR,  # month year
    _NEEDS_MONTH | _NEEDS_DIGIT,  # month day
    _NEEDS_MONTH | _NEEDS_DIGIT,  # day of month
    _NEEDS_MONTH,  # part of a month
    _NEEDS_MONTH,  # month after a preposition
    _NEEDS_YEAR,  # season year
    _NEEDS_YEAR,  # part of a year
    _NEEDS_YEAR,  # decade
    _NEEDS_CENTURY,  # century
    _NEEDS_YEAR,  # year range
    _NEEDS_YEAR,  # year
    _NEEDS_DIGIT,  # a year split by OCR
)
_MONTH_HINT_RE = re.compile("|".join(sorted({f for m in MONTH_NAMES for f in (m[:3], m[:3].upper())})))
_DIGIT_RE = re.compile(r"\d")
_YEAR_HINT_RE = re.compile(r"1\d{3}|2[01]\d{2}")  # every _YEAR (PLAUSIBLE_YEAR) match contains one


def _present(text: str) -> int:
    """The ``_NEEDS_*`` flags that ``text`` meets.

    >>> _present("in May 1933") == _NEEDS_DIGIT | _NEEDS_YEAR | _NEEDS_MONTH
    True
    >>> _present("version 2.6 of the last century") == _NEEDS_DIGIT | _NEEDS_CENTURY
    True
    """
    flags = 0
    if _DIGIT_RE.search(text):
        flags = _NEEDS_DIGIT | (_NEEDS_YEAR if _YEAR_HINT_RE.search(text) else 0)
    if _MONTH_HINT_RE.search(text):
        flags |= _NEEDS_MONTH
    if "entury" in text:
        flags |= _NEEDS_CENTURY
    return flags


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
