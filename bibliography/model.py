"""The bibliography data model: people, references, and where a reference came from.

Reference types use the CSL vocabulary (``book``, ``chapter``, ``article-journal``, ...), which maps
onto BibTeX entry types in :mod:`bibliography.bibtex`. Every class is frozen and slotted; nothing here
reads or writes files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

import attrs

from bibliography.errors import DuplicateKeyError, ModelError
from textkit.validators import Validators

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

# BibTeX and CSL keys may start with a digit ("2005gaddis"); TEI makes an NCName of them when it writes.
_KEY_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:\-.]*$")
# "1970", "1970-1972", "1970/71", "n.d.", "forthcoming", with an optional disambiguating letter.
_YEAR_RE = re.compile(r"^(\d{4}[a-z]?([-–/]\d{2,4}[a-z]?)?|n\.d\.|forthcoming|in press)$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


_check = Validators(ModelError)


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ModelError(f"expected a string, got {type(value).__name__}")
    value = value.strip()
    return value or None


def _check_key(_inst: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _KEY_RE.match(value):
        raise ModelError(f"cite key {value!r} must be ASCII: a letter, digit or _, then letters, digits or _:-.")


def _check_year(_inst: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _YEAR_RE.match(value):
        raise ModelError(f"{attribute.name} {value!r} is not a year, year range, 'n.d.' or 'forthcoming'")


def _check_date(_inst: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _DATE_RE.match(value):
        raise ModelError(f"{attribute.name} {value!r} is not an ISO 8601 date (YYYY[-MM[-DD]])")


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
            raise ModelError("a person needs a family name or a literal name")
        if self.literal is not None and (self.family or self.given or self.particle or self.suffix):
            raise ModelError("a literal name cannot also have name parts")

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
            raise ModelError("provenance needs both start and end, or neither")
        if self.start is not None and self.end is not None and not 0 <= self.start <= self.end:
            raise ModelError(f"provenance offsets [{self.start}, {self.end}) are not a valid range")


def _people(value: Iterable[Person]) -> tuple[Person, ...]:
    people = tuple(value)
    for p in people:
        if not isinstance(p, Person):
            raise ModelError(f"expected Person, got {type(p).__name__}")
    return people


def _confidence(value: Mapping[str, float] | Iterable[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    items = dict(value.items() if isinstance(value, Mapping) else value)
    for name, score in items.items():
        if name not in FIELDS and name != "type":
            raise ModelError(f"confidence given for unknown field {name!r}")
        if not 0.0 <= score <= 1.0:
            raise ModelError(f"confidence of {name} must be within 0..1, got {score}")
    return tuple(sorted(items.items()))


@attrs.frozen(slots=True)
class Reference:
    """One work in a bibliography.

    ``raw`` is the string the reference was parsed from (None when it was built from data);
    ``provenance`` lists every place it was cited from (several after de-duplication);
    ``confidence`` maps field names to the parser's confidence in 0..1.
    """

    key: str | None = attrs.field(default=None, validator=_check_key)
    type: str = attrs.field(default="book", validator=_check.one_of(REFERENCE_TYPES))
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


def _reference_tuple(value: Iterable[Reference]) -> tuple[Reference, ...]:
    refs = tuple(value)
    for ref in refs:
        if not isinstance(ref, Reference):
            raise ModelError(f"a bibliography holds references, not {type(ref).__name__}")
    return refs


@attrs.frozen(slots=True)
class Bibliography(Sequence[Reference]):
    """An ordered, immutable list of references with unique cite keys and constant-time look-ups by
    key, by the source a reference describes and by the entry passage it was parsed from.

    It is a sequence: iterate it, index it, take its length. A reference *for a source* has a
    provenance naming that source and no passage (the source's own reference); a reference *for a
    passage* has a provenance naming that passage (a parsed bibliography entry). When several match,
    the first in order wins.

    >>> a = Reference(key="hull1948", title="Memoirs", provenance=[Provenance(source="s1")])
    >>> b = Reference(key="bishop1965", title="Agreement", provenance=[Provenance(source="s1", passage="s1.bib1")])
    >>> bib = Bibliography([a, b])
    >>> len(bib), bib[1].key, bib.get("hull1948").title
    (2, 'bishop1965', 'Memoirs')
    >>> bib.for_source("s1").key, bib.for_passage("s1.bib1").key, bib.for_passage("s1.bib2")
    ('hull1948', 'bishop1965', None)
    >>> Bibliography([a, a])
    Traceback (most recent call last):
    bibliography.errors.DuplicateKeyError: cite key 'hull1948' is used by two references
    """

    references: tuple[Reference, ...] = attrs.field(default=(), converter=_reference_tuple)
    _by_key: dict[str, Reference] = attrs.field(init=False, eq=False, repr=False)
    _by_source: dict[str, Reference] = attrs.field(init=False, eq=False, repr=False)
    _by_passage: dict[str, Reference] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_key: dict[str, Reference] = {}
        by_source: dict[str, Reference] = {}
        by_passage: dict[str, Reference] = {}
        for ref in self.references:
            if ref.key is not None:
                if ref.key in by_key:
                    raise DuplicateKeyError(f"cite key {ref.key!r} is used by two references")
                by_key[ref.key] = ref
            for prov in ref.provenance:
                if prov.passage is not None:
                    by_passage.setdefault(prov.passage, ref)
                elif prov.source is not None:
                    by_source.setdefault(prov.source, ref)
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_by_source", by_source)
        object.__setattr__(self, "_by_passage", by_passage)

    @overload
    def __getitem__(self, index: int) -> Reference: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Reference, ...]: ...
    def __getitem__(self, index: int | slice) -> Reference | tuple[Reference, ...]:
        return self.references[index]

    def __len__(self) -> int:
        return len(self.references)

    def __iter__(self) -> Iterator[Reference]:
        return iter(self.references)

    def get(self, key: str) -> Reference | None:
        """The reference with this cite key, if any."""
        return self._by_key.get(key)

    def for_source(self, source_id: str) -> Reference | None:
        """The reference describing a source (its provenance names the source and no passage)."""
        return self._by_source.get(source_id)

    def for_passage(self, passage_id: str) -> Reference | None:
        """The reference parsed from a passage (a bibliography entry)."""
        return self._by_passage.get(passage_id)
