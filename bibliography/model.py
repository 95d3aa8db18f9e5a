"""The bibliography data model: people, references, and where a reference came from.

Reference types use the CSL vocabulary (``book``, ``chapter``, ``article-journal``, ...), which maps
onto BibTeX entry types in :mod:`bibliography.bibtex`. Every class is frozen and slotted; nothing here
reads or writes files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

#: The reference types the library knows, in CSL's vocabulary.
REFERENCE_TYPES: frozenset[str] = frozenset(
    {
        "book",
        "chapter",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "paper-conference",
        "thesis",
        "report",
        "webpage",
        "entry-encyclopedia",
        "manuscript",
        "document",
    }
)

#: The fields of :class:`Reference` that hold parsed values (and may carry a confidence).
FIELDS: tuple[str, ...] = (
    "authors",
    "editors",
    "translators",
    "title",
    "container_title",
    "collection_title",
    "volume",
    "issue",
    "pages",
    "edition",
    "number_of_volumes",
    "place",
    "publisher",
    "year",
    "date",
    "original_year",
    "url",
    "doi",
    "isbn",
    "accessed",
    "note",
    "annotation",
    "unparsed",
)

_KEY_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_:\-.]*$")
# "1970", "1970-1972", "1970/71", "n.d.", "forthcoming", with an optional disambiguating letter.
_YEAR_RE = re.compile(r"^(\d{4}[a-z]?([-–/]\d{2,4}[a-z]?)?|n\.d\.|forthcoming|in press)$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    value = value.strip()
    return value or None


def _check_key(_inst: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _KEY_RE.match(value):
        raise ValueError(f"cite key {value!r} must be ASCII: a letter, then letters, digits or _:-.")


def _check_year(_inst: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _YEAR_RE.match(value):
        raise ValueError(f"{attribute.name} {value!r} is not a year, year range, 'n.d.' or 'forthcoming'")


def _check_date(_inst: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _DATE_RE.match(value):
        raise ValueError(f"{attribute.name} {value!r} is not an ISO 8601 date (YYYY[-MM[-DD]])")


@attrs.frozen(slots=True)
class Person:
    """A person's name in parts, or an organisation as a ``literal`` name.

    >>> Person(family="Sibley", given="Katherine A. S.").display
    'Katherine A. S. Sibley'
    >>> Person(family="Beethoven", given="Ludwig", particle="van").sort_name
    'van Beethoven, Ludwig'
    """

    family: str | None = attrs.field(default=None, converter=_opt_str)
    given: str | None = attrs.field(default=None, converter=_opt_str)
    particle: str | None = attrs.field(default=None, converter=_opt_str)
    suffix: str | None = attrs.field(default=None, converter=_opt_str)
    literal: str | None = attrs.field(default=None, converter=_opt_str)

    def __attrs_post_init__(self) -> None:
        if self.literal is None and self.family is None:
            raise ValueError("a person needs a family name or a literal name")
        if self.literal is not None and (self.family or self.given or self.particle or self.suffix):
            raise ValueError("a literal name cannot also have name parts")

    @property
    def is_literal(self) -> bool:
        """True for organisations and other names kept whole."""
        return self.literal is not None

    @property
    def display(self) -> str:
        """The name in reading order: ``Given particle Family, Suffix``."""
        if self.literal:
            return self.literal
        parts = [p for p in (self.given, self.particle, self.family) if p]
        name = " ".join(parts)
        return f"{name}, {self.suffix}" if self.suffix else name

    @property
    def sort_name(self) -> str:
        """The name in sorting order: ``particle Family, Given, Suffix``."""
        if self.literal:
            return self.literal
        family = " ".join(p for p in (self.particle, self.family) if p)
        parts = [family] + [p for p in (self.given, self.suffix) if p]
        return ", ".join(parts)


@attrs.frozen(slots=True)
class Provenance:
    """Where a reference string came from: a source id and raw offsets, and/or a passage id.

    The bibliography package does not know the corpus; these are plain values the caller supplies.
    """

    source: str | None = None
    start: int | None = None
    end: int | None = None
    passage: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError("provenance needs both start and end, or neither")
        if self.start is not None and self.end is not None and not 0 <= self.start <= self.end:
            raise ValueError(f"provenance offsets [{self.start}, {self.end}) are not a valid range")


def _people(value: Iterable[Person]) -> tuple[Person, ...]:
    people = tuple(value)
    for p in people:
        if not isinstance(p, Person):
            raise TypeError(f"expected Person, got {type(p).__name__}")
    return people


def _confidence(value: Mapping[str, float] | Iterable[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    items = dict(value.items() if isinstance(value, Mapping) else value)
    for name, score in items.items():
        if name not in FIELDS and name != "type":
            raise ValueError(f"confidence given for unknown field {name!r}")
        if not 0.0 <= score <= 1.0:
            raise ValueError(f"confidence of {name} must be within 0..1, got {score}")
    return tuple(sorted(items.items()))


@attrs.frozen(slots=True)
class Reference:
    """One work in a bibliography.

    ``raw`` is the string the reference was parsed from (None when it was built from data);
    ``provenance`` lists every place it was cited from (several after de-duplication);
    ``confidence`` maps field names to the parser's confidence in 0..1.
    """

    key: str | None = attrs.field(default=None, validator=_check_key)
    type: str = attrs.field(default="book", validator=attrs.validators.in_(REFERENCE_TYPES))
    authors: tuple[Person, ...] = attrs.field(default=(), converter=_people)
    editors: tuple[Person, ...] = attrs.field(default=(), converter=_people)
    translators: tuple[Person, ...] = attrs.field(default=(), converter=_people)
    title: str | None = attrs.field(default=None, converter=_opt_str)
    container_title: str | None = attrs.field(default=None, converter=_opt_str)
    collection_title: str | None = attrs.field(default=None, converter=_opt_str)
    volume: str | None = attrs.field(default=None, converter=_opt_str)
    issue: str | None = attrs.field(default=None, converter=_opt_str)
    pages: str | None = attrs.field(default=None, converter=_opt_str)
    edition: str | None = attrs.field(default=None, converter=_opt_str)
    number_of_volumes: str | None = attrs.field(default=None, converter=_opt_str)
    place: str | None = attrs.field(default=None, converter=_opt_str)
    publisher: str | None = attrs.field(default=None, converter=_opt_str)
    year: str | None = attrs.field(default=None, converter=_opt_str, validator=_check_year)
    date: str | None = attrs.field(default=None, converter=_opt_str, validator=_check_date)
    original_year: str | None = attrs.field(default=None, converter=_opt_str, validator=_check_year)
    url: str | None = attrs.field(default=None, converter=_opt_str)
    doi: str | None = attrs.field(default=None, converter=_opt_str)
    isbn: str | None = attrs.field(default=None, converter=_opt_str)
    accessed: str | None = attrs.field(default=None, converter=_opt_str, validator=_check_date)
    note: str | None = attrs.field(default=None, converter=_opt_str)
    annotation: str | None = attrs.field(default=None, converter=_opt_str)
    unparsed: str | None = attrs.field(default=None, converter=_opt_str)
    raw: str | None = None
    provenance: tuple[Provenance, ...] = attrs.field(default=(), converter=tuple)
    confidence: tuple[tuple[str, float], ...] = attrs.field(default=(), converter=_confidence)

    def confidence_of(self, field: str) -> float | None:
        """The parser's confidence in one field, or None when none was recorded."""
        return dict(self.confidence).get(field)

    def fields(self) -> dict[str, Any]:
        """The filled value fields (those in :data:`FIELDS`) as a dict."""
        out: dict[str, Any] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if value:
                out[name] = value
        return out
