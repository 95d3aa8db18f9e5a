"""Finding the dates a text states: candidate matches resolved against each other and against the
year in force, with their precision and qualifiers."""

from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

from annotate.claims.date_grammar import (
    _DATE_PATTERNS,
    _PATTERN_NEEDS,
    _QUALIFIER_RE,
    _QUALIFIERS,
    _RANGE_FROM_RE,
    _RANGE_GAP_RE,
    _TIME_AFTER_RE,
    _TIME_BEFORE_RE,
    _YEAR_SETTING,
    _Atom,
    _clock,
    _last_day,
    _present,
    _valid_day,
)
from annotate.model import (
    DatePrecision,
    DateQualifier,
    DateValue,
)
from textkit.spans import DisjointSpans


def _candidate_atoms(text: str, *, prefilter: bool = True) -> list[_Atom]:
    """Every pattern's matches, then the longest non-overlapping ones (earlier patterns win ties).

    A pattern whose digit, month name or "century" is absent from the text is not run (``prefilter``;
    the result is the same either way).
    """
    found: list[tuple[int, int, int, _Atom]] = []
    present = _present(text) if prefilter else -1
    for rank, (pattern, build) in enumerate(_DATE_PATTERNS):
        needs = _PATTERN_NEEDS[rank]
        if needs & present != needs:
            continue
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
    spans = DisjointSpans()
    for _, _, _, atom in found:
        if spans.add_if_free(atom.start, atom.end):
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
