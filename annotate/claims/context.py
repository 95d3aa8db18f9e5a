"""What a document's body sets up for the claims in it: the year in force where each block starts, and
the names its index terms and text define.

**Dates without a year** ("on November 9") take the year of the latest explicit single-year date
before them: first in the same sentence, then earlier in the paragraph, then earlier in the
document's body (headings, datelines and captions are not used: a publication date is not the year
of the events). Such dates carry ``year_inferred=True``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from annotate.claims.aliases import AliasTable
from annotate.claims.dates import find_dates
from annotate.claims.mentions import learn_names
from annotate.model import DateValue, EntityType
from corpus.model import Document, IndexTermKind, Passage, PassageKind

__all__ = ["context_years", "corpus_aliases"]

_DIGIT_RE = re.compile(r"\d")


def _explicit_year(d: DateValue) -> int | None:
    if d.year_inferred or d.start[:4] != d.end[:4]:
        return None
    return int(d.start[:4])


def _last_year(text: str, default: int | None) -> int | None:
    if not _DIGIT_RE.search(text):
        return default  # an explicit year is written in digits
    year = default
    for d in find_dates(text):
        y = _explicit_year(d)
        if y is not None:
            year = y
    return year


def _body_blocks(doc: Document) -> Iterator[Passage]:
    for p in doc.passages:
        if p.kind in (PassageKind.PARAGRAPH, PassageKind.LIST_ITEM):
            yield p


def context_years(doc: Document) -> dict[str, int | None]:
    """The year in force at the start of each body block: the latest explicit year before it.

    Keys are paragraph / list-item passage ids; ``None`` when no earlier block states a year.
    """
    out: dict[str, int | None] = {}
    year: int | None = None
    for block in _body_blocks(doc):
        out[block.id] = year
        year = _last_year(block.text, year)
    return out


def corpus_aliases(documents: Iterable[Document], *, learn: bool = True) -> AliasTable:
    """An alias table for a corpus: the sources' index terms, then names the body text defines.

    Person index terms are "Family, Given" ("Curie, Marie Skłodowska"), so that later mentions
    ("Marie Curie", "Curie") resolve to one identity; organisation and place terms are added
    as names. With ``learn`` the table also picks up full names and acronym definitions from each
    document's paragraphs.
    """
    table = AliasTable()
    kinds = {
        IndexTermKind.PERSON: EntityType.PERSON,
        IndexTermKind.ORGANISATION: EntityType.ORGANISATION,
        IndexTermKind.PLACE: EntityType.PLACE,
    }
    docs = list(documents)
    for doc in docs:
        for kind, etype in kinds.items():
            for term in doc.source.metadata.terms(kind):
                table.add_index_name(term, etype)
    if learn:
        for doc in docs:
            learn_names(table, "\n\n".join(p.text for p in _body_blocks(doc)))
    return table
