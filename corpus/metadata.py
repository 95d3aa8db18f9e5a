"""Metadata a text states about itself: title, dates, bylines, categories, plus the index terms.

What a sidecar file says wins over what is found in the text; index terms are always added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from corpus.dates import is_updated, parse_date
from corpus.model import IndexTerm, IndexTermKind, Metadata, Passage, PassageKind

_BYLINE_PREFIX = re.compile(
    r"^(?:by|written\s+by|posted\s+by|reported\s+by|words\s+by|authors?\s*:|byline\s*:)\s*", re.I
)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*\|\s*)")
_LABELLED_LIST = re.compile(
    r"^(?P<label>categories|category|tags|topics|filed\s+under|keywords)\s*:\s*(?P<items>.+)$", re.I
)


def byline_authors(text: str) -> tuple[str, ...]:
    """The names in a byline, without the "by" and without a trailing date.

    >>> byline_authors("By Jane Doe and John Smith | May 3, 2020")
    ('Jane Doe', 'John Smith')
    """
    text = _BYLINE_PREFIX.sub("", text.strip())
    found = parse_date(text)
    if found:
        text = text[: found[1]]
    text = text.strip(" |-–—,;")
    return tuple(n for n in (p.strip(" .") for p in _NAME_SPLIT.split(text)) if n)


def labelled_terms(passage: Passage) -> list[IndexTerm]:
    """Index terms from a furniture line such as ``Categories: History, Diplomacy``."""
    m = _LABELLED_LIST.match(passage.text)
    if not m:
        return []
    kind = IndexTermKind.CATEGORY if m.group("label").lower().startswith("categor") else IndexTermKind.KEYWORD
    out = []
    base = m.start("items")
    for item in re.finditer(r"[^,;|]+", m.group("items")):
        term = item.group().strip()
        if not term:
            continue
        lead = len(item.group()) - len(item.group().lstrip())
        span = passage.raw_span(base + item.start() + lead, base + item.start() + lead + len(term))
        out.append(IndexTerm(kind, term, span=span))
    return out


def derive_metadata(given: Metadata, passages: Sequence[Passage], terms: Iterable[IndexTerm]) -> Metadata:
    """Complete ``given`` (from a sidecar) with what the passages state, and add the index terms."""
    title = given.title
    date, updated = given.date, given.updated
    authors = given.authors
    found_terms: list[IndexTerm] = list(given.index_terms) + list(terms)
    for p in passages:
        if p.kind is PassageKind.TITLE and title is None:
            title = p.text
        elif p.kind is PassageKind.DATELINE:
            parsed = parse_date(p.text)
            if parsed is None:
                continue
            if is_updated(p.text):
                updated = updated or parsed[0]
            else:
                date = date or parsed[0]
        elif p.kind is PassageKind.BYLINE:
            if not authors:
                authors = byline_authors(p.text)
            parsed = parse_date(p.text)
            if parsed and date is None:
                date = parsed[0]
        elif p.kind is PassageKind.FURNITURE:
            found_terms.extend(labelled_terms(p))
    found_terms.sort(key=lambda t: t.span.start if t.span else -1)
    return attrs.evolve(given, title=title, date=date, updated=updated, authors=authors, index_terms=found_terms)
