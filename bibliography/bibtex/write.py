"""Writing references as BibTeX through bibtexparser v2's model and writer."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import default_unparse_stack
from bibtexparser.model import (
    Entry,
    Field,
)
from bibtexparser.writer import BibtexFormat

from bibliography.bibtex.mapping import (
    _ARTICLES,
    _ENTRY_TYPES,
    _LIST_FIELDS,
    _MONTHS,
    _NEEDS_X_TYPE,
    _PEOPLE_FIELDS,
    _SUBTYPES,
    _TITLE_FIELDS,
)
from bibliography.bibtex.names import _format_people, _split_and
from bibliography.errors import BibTeXError, DuplicateKeyError
from bibliography.latex import escape
from bibliography.model import Person, Reference


def _json(value: object) -> str:
    """Compact ASCII JSON that is safe inside a braced BibTeX value (no braces in strings, no %)."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    if isinstance(value, Mapping):
        return text.replace("%", "\\u0025")
    return text.replace("{", "\\u007b").replace("}", "\\u007d").replace("%", "\\u0025")


def _person_row(person: Person) -> list[str | None]:
    return [person.family, person.given, person.particle, person.suffix, person.literal]


def _person_from_row(row: object) -> Person:
    if not isinstance(row, list) or len(row) != 5:
        raise ValueError("each person must be [family, given, particle, suffix, literal]")
    family, given, particle, suffix, literal = row
    return Person(family=family, given=given, particle=particle, suffix=suffix, literal=literal)


_VERBATIM_UNSAFE = frozenset("{}\\\n\r")


def _verbatim(value: str, ascii: bool) -> str:
    """A URL or DOI as written verbatim: only characters that would break the .bib (and, for
    ASCII output, non-ASCII ones) are percent-encoded, as UTF-8 bytes."""
    if not any(char in _VERBATIM_UNSAFE or (ascii and not char.isascii()) for char in value):
        return value
    return "".join(
        quote(char, safe="") if char in _VERBATIM_UNSAFE or (ascii and not char.isascii()) else char for char in value
    )


def _standard_year(year: str | None, date: str | None) -> str | None:
    return year if year else (date[:4] if date else None)


def _check_keys(refs: Sequence[Reference]) -> None:
    seen: dict[str, int] = {}
    for index, ref in enumerate(refs):
        if ref.key is None:
            title = f" ({ref.title[:40]!r})" if ref.title else ""
            raise BibTeXError(f"reference {index}{title} has no cite key; assign keys before exporting")
        folded = ref.key.lower()
        if folded in seen:
            other = refs[seen[folded]].key
            raise DuplicateKeyError(
                f"cite key {ref.key!r} of reference {index} clashes with {other!r} of reference "
                f"{seen[folded]} (BibTeX compares keys case-insensitively)"
            )
        seen[folded] = index


def _entry(ref: Reference, ascii: bool) -> Entry:
    assert ref.key is not None
    fields: list[Field] = []
    hints: list[Field] = []

    def text(name: str, value: str | None) -> None:
        if value is not None:
            latex = escape(value, ascii=ascii)
            protect = name in _TITLE_FIELDS or (name in _LIST_FIELDS and len(_split_and(latex)) > 1)
            fields.append(Field(name, "{" + latex + "}" if protect else latex))

    for attribute, name in _PEOPLE_FIELDS:
        people: tuple[Person, ...] = getattr(ref, attribute)
        if people:
            value, exact = _format_people(people, ascii)
            fields.append(Field(name, value))
            if not exact:
                hints.append(Field("x-" + name, _json([_person_row(p) for p in people])))
    text("title", ref.title)
    misc = _ENTRY_TYPES.get(ref.type) == "misc"
    # @misc has no booktitle in biblatex's data model (nor in plain.bst); howpublished is its field.
    text("journal" if ref.type in _ARTICLES else "howpublished" if misc else "booktitle", ref.container_title)
    text("series", ref.collection_title)
    text("volume", ref.volume)
    text("number", ref.issue)
    text("pages", ref.pages)
    text("edition", ref.edition)
    text("volumes", ref.number_of_volumes)
    text("address", ref.place)
    # biblatex's data model has no publisher on @misc; its field there is organization.
    publisher_field = {"thesis": "school", "report": "institution"}.get(ref.type, "publisher")
    text("organization" if misc else publisher_field, ref.publisher)
    year = _standard_year(ref.year, ref.date)
    text("year", year)
    if year != ref.year:
        hints.append(Field("x-year", _json(ref.year)))
    if ref.date is not None:
        if len(ref.date) >= 7:
            fields.append(Field("month", _MONTHS[int(ref.date[5:7]) - 1], enclosing="no-enclosing"))
        text("date", ref.date)
    text("origdate", ref.original_year)
    for name, link in (("url", ref.url), ("doi", ref.doi)):
        if link is not None:
            safe = _verbatim(link, ascii)
            fields.append(Field(name, safe))
            if safe != link:
                hints.append(Field("x-" + name, _json(link)))
    text("isbn", ref.isbn)
    text("urldate", ref.accessed)
    text("note", ref.note)
    text("annote", ref.annotation)
    if ref.type in _SUBTYPES:
        fields.append(Field("entrysubtype", _SUBTYPES[ref.type]))
    if ref.type == "thesis":
        fields.append(Field("type", "Thesis"))
    if ref.type in _NEEDS_X_TYPE:
        fields.append(Field("x-type", ref.type))
    text("x-unparsed", ref.unparsed)
    if ref.raw is not None:
        fields.append(Field("x-raw", escape(ref.raw, ascii=ascii)))
    if ref.provenance:
        rows = [[p.source, p.start, p.end, p.passage] for p in ref.provenance]
        fields.append(Field("x-provenance", _json(rows)))
    if ref.confidence:
        fields.append(Field("x-confidence", _json(dict(ref.confidence))))
    return Entry(_ENTRY_TYPES[ref.type], ref.key, fields + hints)


def to_bibtex(refs: Sequence[Reference], *, ascii: bool = False) -> str:
    """Serialise references as a ``.bib`` document (UTF-8 text, or pure ASCII with ``ascii=True``).

    Every reference needs a cite key (:class:`~bibliography.errors.BibTeXError` otherwise); keys
    that differ only in case raise :class:`~bibliography.errors.DuplicateKeyError`.

    >>> print(to_bibtex([Reference(key="richman1980", title="The Decision to Recognize",
    ...     authors=[Person(family="Richman", given="John")], publisher="Camberleigh & Hall",
    ...     year="1980")]), end="")
    @book{richman1980,
      author    = {Richman, John},
      title     = {{The Decision to Recognize}},
      publisher = {Camberleigh \\& Hall},
      year      = {1980}
    }
    """
    _check_keys(refs)
    library = Library([_entry(ref, ascii) for ref in refs])
    layout = BibtexFormat()  # type: ignore[no-untyped-call]  # bibtexparser leaves __init__ unannotated
    layout.indent = "  "
    layout.value_column = "auto"
    layout.block_separator = "\n"
    # The library is this call's own, so the default unparse stack may change it in place rather
    # than deep-copy every entry first (most of the time of writing a large .bib).
    stack = default_unparse_stack(allow_inplace_modification=True)
    result: str = write_string(library, unparse_stack=stack, bibtex_format=layout)
    return result
