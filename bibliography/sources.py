"""References for the source documents themselves (the web pages and encyclopedia entries a claim cites).

The caller passes what it knows from the page's metadata; names of people become :class:`Person` parts,
organisations and staff bylines ("findingDulcinea Staff", "U.S. Army") become ``literal`` names,
the content hash goes into ``note`` as ``sha256:<hex>``, and the provenance is the source id. The
reference has no cite key: run :func:`bibliography.keys.assign_keys` over the whole bibliography.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bibliography.errors import ReferenceParseError
from bibliography.model import REFERENCE_TYPES, Person, Provenance, Reference
from bibliography.names import parse_names
from bibliography.parse import parse_date

__all__ = ["source_reference"]

_SHA256_RE = re.compile(r"^[0-9a-fA-F]{64}$")
_BYLINE_RE = re.compile(r"^\s*(?:by|written\s+by|von|par|por)\s+", re.IGNORECASE)
_ISO_RE = re.compile(r"\b(\d{4}-\d{2}(?:-\d{2})?)(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TEXT_DATE_RE = re.compile(
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH},?\s+\d{{4}}",
    re.IGNORECASE,
)


def _date_parts(text: str, field: str) -> tuple[str | None, str | None]:
    """``(year, iso)`` from a dateline such as "November 16, 2011 05:00 AM" or "2011-11-16T05:00Z"."""
    whole = parse_date(text)
    if whole is not None:
        return whole
    iso = _ISO_RE.search(text)
    if iso:
        found = parse_date(iso.group(1))
        if found is not None:
            return found
    m = _TEXT_DATE_RE.search(text)
    if m:
        found = parse_date(m.group(0))
        if found is not None:
            return found
    raise ReferenceParseError(f"{field} {text!r} is not a date this library can read")


def _people(authors: Sequence[str]) -> tuple[Person, ...]:
    people: list[Person] = []
    for item in authors:
        if not isinstance(item, str):
            raise ReferenceParseError(f"author {item!r} must be a string")
        text = _BYLINE_RE.sub("", item).strip()
        if text:
            people.extend(parse_names(text))
    return tuple(people)


def source_reference(
    *,
    source_id: str,
    title: str | None,
    authors: Sequence[str] = (),
    date: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    retrieved: str | None = None,
    sha256: str | None = None,
    container_title: str | None = None,
    ref_type: str = "webpage",
) -> Reference:
    """A :class:`Reference` describing one source document.

    ``date`` and ``retrieved`` may be ISO dates or datelines ("November 16, 2011 05:00 AM");
    ``ref_type`` is a CSL type (``"webpage"`` by default, ``"entry-encyclopedia"`` for encyclopedia
    entries). Raises :class:`ReferenceParseError` for an empty ``source_id``, an unknown type, an
    unreadable date or a malformed SHA-256 digest.

    >>> ref = source_reference(source_id="000", title="On This Day", authors=["findingDulcinea Staff"],
    ...                        date="November 16, 2011 05:00 AM", sha256="ab" * 32)
    >>> ref.authors[0].literal, ref.year, ref.date, ref.note[:11], ref.provenance[0].source
    ('findingDulcinea Staff', '2011', '2011-11-16', 'sha256:abab', '000')
    """
    if not isinstance(source_id, str) or not source_id.strip():
        raise ReferenceParseError("source_id must be a non-empty string")
    if ref_type not in REFERENCE_TYPES:
        raise ReferenceParseError(f"ref_type {ref_type!r} is not one of {sorted(REFERENCE_TYPES)}")
    fields: dict[str, Any] = {
        "type": ref_type,
        "title": title,
        "publisher": publisher,
        "url": url,
        "container_title": container_title,
        "authors": _people(authors),
        "provenance": (Provenance(source=source_id),),
    }
    if date is not None and date.strip():
        year, iso = _date_parts(date, "date")
        fields["year"], fields["date"] = year, iso
    if retrieved is not None and retrieved.strip():
        _, accessed = _date_parts(retrieved, "retrieved")
        if accessed is None:
            raise ReferenceParseError(f"retrieved {retrieved!r} needs at least a month and a year")
        fields["accessed"] = accessed
    if sha256 is not None:
        if not _SHA256_RE.match(sha256.strip()):
            raise ReferenceParseError(f"sha256 {sha256!r} is not 64 hexadecimal digits")
        fields["note"] = f"sha256:{sha256.strip().lower()}"
    given = [name for name, value in fields.items() if value and name not in {"type", "provenance"}]
    fields["confidence"] = {name: 1.0 for name in given if name != "type"}
    return Reference(**fields)
