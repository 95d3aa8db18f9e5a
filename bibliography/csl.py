"""CSL-JSON in and out: :class:`Reference` objects <-> CSL items (citeproc-js, pandoc, Zotero).

Reference types already use the CSL vocabulary, so ``type`` is copied as is; reading maps other CSL
types onto the nearest known one (``post-weblog`` -> webpage, ``review`` -> article-journal,
``entry-dictionary`` -> entry-encyclopedia, anything else -> document).

Standard variables, in the order items are written: ``id`` (the cite key), ``type``, ``author`` /
``editor`` / ``translator`` as ``{family, given, non-dropping-particle, suffix}`` or ``{literal}``,
``title``, ``container-title``, ``collection-title``, ``volume``, ``issue`` (``number`` for reports,
which styles print as the report number), ``page``, ``edition``, ``number-of-volumes``,
``publisher``, ``publisher-place``, ``issued``, ``original-date``, ``URL``, ``DOI``, ``ISBN``,
``accessed``, ``note``, ``annote``, then ``custom``.

Dates: ``date`` (ISO ``YYYY[-MM[-DD]]``) or else ``year`` becomes ``issued``:
``{"date-parts": [[1933, 11, 16]]}``, ``[[1980]]``, a range ``1970-72`` ``[[1970], [1972]]``, and
``n.d.``/``forthcoming``/``in press`` ``{"literal": ...}``. ``original_year`` becomes
``original-date`` and ``accessed`` ``accessed`` the same way.

Everything else goes into the ``custom`` object, which CSL-JSON reserves for such data and pandoc
ignores: ``unparsed``, ``raw``, ``provenance`` (``[{source, start, end, passage}]``) and
``confidence`` (``{field: score}``), plus exactness overrides ``year``, ``date`` and
``original_year`` when ``issued``/``original-date`` alone would read back differently (a year
suffix as in ``1980a``, ``1970/71`` for a range, a year missing beside a date). An override is
only used while the standard date still matches what the writer made from it, so a hand-edited
``issued`` wins over a stale override. With that, ``from_csl_json(to_csl_json(refs)) == refs``.

Titles are written as given, without CSL's ``<span class="nocase">`` markup, so English styles may
title-case them (unlike the BibTeX export, which braces titles to keep their capitals).

Reading accepts numbers for ``id``, ``volume``, ``issue``, ``page``, ``edition`` and
``number-of-volumes``; ``dropping-particle`` joins ``non-dropping-particle``; a name with only
``given`` is a mononym (family); ``number`` stands in for a missing ``issue`` and ``event-place``
for a missing ``publisher-place``; unknown variables are ignored. Anything of the wrong kind
raises :class:`~bibliography.errors.CSLError` naming the source, the item (index and id) and the
field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bibliography.errors import CSLError, DuplicateKeyError
from bibliography.model import REFERENCE_TYPES, Person, Provenance, Reference

__all__ = ["from_csl_items", "from_csl_json", "to_csl_items", "to_csl_json"]

_PEOPLE_FIELDS = (("authors", "author"), ("editors", "editor"), ("translators", "translator"))
#: Plain string variables: (Reference attribute, CSL variable, numbers allowed when reading).
_TEXT_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("title", "title", False),
    ("container_title", "container-title", False),
    ("collection_title", "collection-title", False),
    ("volume", "volume", True),
    ("issue", "issue", True),
    ("pages", "page", True),
    ("edition", "edition", True),
    ("number_of_volumes", "number-of-volumes", True),
    ("publisher", "publisher", False),
    ("place", "publisher-place", False),
)
_LINK_FIELDS = (("url", "URL"), ("doi", "DOI"), ("isbn", "ISBN"))
_NOTE_FIELDS = (("note", "note"), ("annotation", "annote"))
_FALLBACKS = {"issue": "number", "publisher-place": "event-place"}
_NUMBERED = frozenset({"report"})
_TYPE_ALIASES = {
    "post": "webpage",
    "post-weblog": "webpage",
    "review": "article-journal",
    "review-book": "article-journal",
    "article": "document",
    "entry": "entry-encyclopedia",
    "entry-dictionary": "entry-encyclopedia",
    "collection": "book",
    "classic": "book",
    "periodical": "book",
}

_YEAR_RE = re.compile(r"^(\d{4}[a-z]?([-–/]\d{2,4}[a-z]?)?|n\.d\.|forthcoming|in press)$")
_YEAR_PARTS = re.compile(r"^(\d{4})[a-z]?(?:[-–/](\d{2,4})[a-z]?)?$")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DATE_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def _date_value(year: str | None, date: str | None) -> dict[str, Any] | None:
    """The CSL date object the writer makes from a year and/or an ISO date."""
    if date:
        return {"date-parts": [[int(part) for part in date.split("-")]]}
    if not year:
        return None
    match = _YEAR_PARTS.match(year)
    if match is None:
        return {"literal": year}
    start = int(match.group(1))
    if match.group(2) is None:
        return {"date-parts": [[start]]}
    tail = match.group(2)
    end = int(match.group(1)[: 4 - len(tail)] + tail)
    return {"date-parts": [[start], [end]]}


def _int_part(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(f"date part {value!r} is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise ValueError(f"date part {value!r} is not a number")


def _read_date(value: object) -> tuple[str | None, str | None]:
    """A CSL date object -> (year, ISO date); raises ValueError for malformed ones."""
    if not isinstance(value, Mapping):
        raise ValueError(f"expected a date object, got {type(value).__name__}")
    if "date-parts" in value:
        parts = value["date-parts"]
        if not isinstance(parts, list) or not parts or not all(isinstance(p, list) for p in parts):
            raise ValueError('"date-parts" must be a list of [year, month, day] lists')
        if not parts[0]:
            return None, None
        first = [_int_part(p) for p in parts[0][:3]]
        year = f"{first[0]:04d}"
        if len(parts) > 1 and parts[1]:
            end = _int_part(parts[1][0])
            if end != first[0]:
                year = f"{year}-{end:04d}"
        date = None
        if len(first) >= 2:
            if not 1 <= first[1] <= 12 or (len(first) == 3 and not 1 <= first[2] <= 31):
                raise ValueError(f"date parts {parts[0]!r} are not a valid month/day")
            date = "-".join([f"{first[0]:04d}"] + [f"{p:02d}" for p in first[1:]])
        return year, date
    for key in ("literal", "raw"):
        if key in value:
            text = value[key]
            if not isinstance(text, str):
                raise ValueError(f'"{key}" must be a string')
            stripped = text.strip()
            if _YEAR_RE.match(stripped):
                return stripped, None
            match = _DATE_PREFIX.match(stripped)
            if match and match.group(2):
                return match.group(1), "-".join(p for p in match.groups() if p)
            found = _FOUR_DIGITS.search(stripped)
            if found is None:
                raise ValueError(f"{text!r} has no year")
            return found.group(), None
    return None, None


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _name(person: Person) -> dict[str, str]:
    if person.literal is not None:
        return {"literal": person.literal}
    parts = (
        ("family", person.family),
        ("given", person.given),
        ("non-dropping-particle", person.particle),
        ("suffix", person.suffix),
    )
    return {key: value for key, value in parts if value is not None}


def _item(ref: Reference) -> dict[str, Any]:
    item: dict[str, Any] = {"id": ref.key, "type": ref.type}
    custom: dict[str, Any] = {}
    for attribute, variable in _PEOPLE_FIELDS:
        people: tuple[Person, ...] = getattr(ref, attribute)
        if people:
            item[variable] = [_name(person) for person in people]
    for attribute, variable, _numeric in _TEXT_FIELDS:
        if getattr(ref, attribute) is not None:
            # A report's issue is its report number, which styles print from "number".
            name = "number" if variable == "issue" and ref.type in _NUMBERED else variable
            item[name] = getattr(ref, attribute)
    issued = _date_value(ref.year, ref.date)
    if issued is not None:
        item["issued"] = issued
        year, date = _read_date(issued)
        if year != ref.year:
            custom["year"] = ref.year
        if date != ref.date:
            custom["date"] = ref.date
    original = _date_value(ref.original_year, None)
    if original is not None:
        item["original-date"] = original
        if _read_date(original)[0] != ref.original_year:
            custom["original_year"] = ref.original_year
    for attribute, variable in _LINK_FIELDS:
        if getattr(ref, attribute) is not None:
            item[variable] = getattr(ref, attribute)
    if ref.accessed is not None:
        item["accessed"] = _date_value(None, ref.accessed)
    for attribute, variable in _NOTE_FIELDS:
        if getattr(ref, attribute) is not None:
            item[variable] = getattr(ref, attribute)
    extra: dict[str, Any] = {}
    if ref.unparsed is not None:
        extra["unparsed"] = ref.unparsed
    if ref.raw is not None:
        extra["raw"] = ref.raw
    if ref.provenance:
        extra["provenance"] = [
            {"source": p.source, "start": p.start, "end": p.end, "passage": p.passage} for p in ref.provenance
        ]
    if ref.confidence:
        extra["confidence"] = dict(ref.confidence)
    custom = extra | custom
    if custom:
        item["custom"] = custom
    return item


def to_csl_items(refs: Sequence[Reference]) -> list[dict[str, Any]]:
    """CSL-JSON items (plain dicts, variables in a fixed order) for the references.

    Every reference needs a cite key (:class:`~bibliography.errors.CSLError` otherwise); two
    references with the same key raise :class:`~bibliography.errors.DuplicateKeyError`.

    >>> item = to_csl_items([Reference(key="hull1948", authors=[Person(family="Hull", given="Cordell")],
    ...     title="The Memoirs of Cordell Hull", year="1948")])[0]
    >>> item["author"], item["issued"]
    ([{'family': 'Hull', 'given': 'Cordell'}], {'date-parts': [[1948]]})
    """
    seen: dict[str, int] = {}
    items = []
    for index, ref in enumerate(refs):
        if ref.key is None:
            title = f" ({ref.title[:40]!r})" if ref.title else ""
            raise CSLError(f"reference {index}{title} has no cite key; assign keys before exporting")
        if ref.key in seen:
            raise DuplicateKeyError(f"cite key {ref.key!r} is used by references {seen[ref.key]} and {index}")
        seen[ref.key] = index
        items.append(_item(ref))
    return items


def to_csl_json(refs: Sequence[Reference]) -> str:
    """CSL-JSON text: an array of items, indented by 2, UTF-8 characters kept, newline at the end.

    The output is deterministic: variables keep the order of :func:`to_csl_items`.
    """
    return json.dumps(to_csl_items(refs), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


class _ItemError(ValueError):
    """A problem with one variable of an item; from_csl_items adds the source and item."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _string(item: Mapping[str, Any], variable: str, *, numeric: bool = False) -> str | None:
    if variable not in item and variable in _FALLBACKS:
        variable = _FALLBACKS[variable]
    value = item.get(variable)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if numeric and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    kind = "a string or a number" if numeric else "a string"
    raise _ItemError(variable, f"expected {kind}, got {type(value).__name__}")


def _people(item: Mapping[str, Any], variable: str) -> list[Person]:
    names = item.get(variable)
    if names is None:
        return []
    if not isinstance(names, list):
        raise _ItemError(variable, f"expected a list of names, got {type(names).__name__}")
    people = []
    for index, name in enumerate(names):
        where = f"{variable}[{index}]"
        if not isinstance(name, Mapping):
            raise _ItemError(where, f"expected a name object, got {type(name).__name__}")
        parts: dict[str, str | None] = {}
        for key in ("family", "given", "non-dropping-particle", "dropping-particle", "suffix", "literal"):
            value = name.get(key)
            if value is not None and not isinstance(value, str):
                raise _ItemError(f"{where}.{key}", f"expected a string, got {type(value).__name__}")
            parts[key] = value
        particles = [p for p in (parts["dropping-particle"], parts["non-dropping-particle"]) if p]
        family, given = parts["family"], parts["given"]
        if family is None and parts["literal"] is None and given is not None:
            family, given = given, None
        try:
            people.append(
                Person(
                    family=family,
                    given=given,
                    particle=" ".join(particles) or None,
                    suffix=parts["suffix"],
                    literal=parts["literal"],
                )
            )
        except (ValueError, TypeError) as exc:
            raise _ItemError(where, str(exc)) from None
    return people


def _override(custom: Mapping[str, Any], key: str, default: str | None) -> tuple[bool, str | None]:
    """(present, value) of an exactness override in ``custom``."""
    if key not in custom:
        return False, default
    value = custom[key]
    if value is not None and not isinstance(value, str):
        raise _ItemError(f"custom.{key}", f"expected a string or null, got {type(value).__name__}")
    return True, value


def _dates(item: Mapping[str, Any], custom: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"year": None, "date": None, "original_year": None, "accessed": None}
    for key in ("year", "date", "original_year"):
        _override(custom, key, None)  # type-check overrides even where no date uses them
    if "issued" in item:
        try:
            year, date = _read_date(item["issued"])
        except ValueError as exc:
            raise _ItemError("issued", str(exc)) from None
        has_year, exact_year = _override(custom, "year", year)
        has_date, exact_date = _override(custom, "date", date)
        if (has_year or has_date) and _date_value(exact_year, exact_date) == item["issued"]:
            year, date = exact_year, exact_date
        out["year"], out["date"] = year, date
    if "original-date" in item:
        try:
            original = _read_date(item["original-date"])[0]
        except ValueError as exc:
            raise _ItemError("original-date", str(exc)) from None
        present, exact = _override(custom, "original_year", original)
        if present and _date_value(exact, None) == item["original-date"]:
            original = exact
        out["original_year"] = original
    if "accessed" in item:
        try:
            year, date = _read_date(item["accessed"])
        except ValueError as exc:
            raise _ItemError("accessed", str(exc)) from None
        out["accessed"] = date or year
    return out


def _provenance(value: object) -> list[Provenance]:
    if not isinstance(value, list):
        raise _ItemError("custom.provenance", "expected a list of {source, start, end, passage}")
    out = []
    for index, entry in enumerate(value):
        where = f"custom.provenance[{index}]"
        if not isinstance(entry, Mapping):
            raise _ItemError(where, f"expected an object, got {type(entry).__name__}")
        kinds = {"source": str, "start": int, "end": int, "passage": str}
        for key, kind in kinds.items():
            part = entry.get(key)
            if part is not None and (not isinstance(part, kind) or isinstance(part, bool)):
                raise _ItemError(f"{where}.{key}", f"expected {kind.__name__} or null")
        try:
            out.append(
                Provenance(
                    source=entry.get("source"),
                    start=entry.get("start"),
                    end=entry.get("end"),
                    passage=entry.get("passage"),
                )
            )
        except ValueError as exc:
            raise _ItemError(where, str(exc)) from None
    return out


def _confidence(value: object) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise _ItemError("custom.confidence", 'expected an object {"field": score}')
    scores = {}
    for key, score in value.items():
        if isinstance(score, bool) or not isinstance(score, int | float):
            raise _ItemError(f"custom.confidence.{key}", f"expected a number, got {type(score).__name__}")
        scores[str(key)] = float(score)
    return scores


def _check(field: str, where: str, value: object) -> None:
    """Let the model validate one value, so that its error names the CSL variable."""
    if value is None:
        return
    try:
        kwargs: dict[str, Any] = {field: value}
        Reference(**kwargs)
    except (ValueError, TypeError) as exc:
        raise _ItemError(where, str(exc)) from None


def _reference(item: Mapping[str, Any]) -> Reference:
    key = item.get("id")
    if key is None:
        raise _ItemError("id", "missing: every item needs an id (the cite key)")
    if isinstance(key, bool) or not isinstance(key, str | int):
        raise _ItemError("id", f"expected a string, got {type(key).__name__}")
    csl_type = item.get("type", "document")
    if not isinstance(csl_type, str):
        raise _ItemError("type", f"expected a string, got {type(csl_type).__name__}")
    ref_type = csl_type if csl_type in REFERENCE_TYPES else _TYPE_ALIASES.get(csl_type, "document")
    custom = item.get("custom", {})
    if not isinstance(custom, Mapping):
        raise _ItemError("custom", f"expected an object, got {type(custom).__name__}")

    kwargs: dict[str, Any] = {"type": ref_type}
    for attribute, variable in _PEOPLE_FIELDS:
        kwargs[attribute] = _people(item, variable)
    for attribute, variable, numeric in _TEXT_FIELDS:
        kwargs[attribute] = _string(item, variable, numeric=numeric)
    for attribute, variable in (*_LINK_FIELDS, *_NOTE_FIELDS):
        kwargs[attribute] = _string(item, variable)
    kwargs.update(_dates(item, custom))
    for key_name in ("unparsed", "raw"):
        value = custom.get(key_name)
        if value is not None and not isinstance(value, str):
            raise _ItemError(f"custom.{key_name}", f"expected a string, got {type(value).__name__}")
        kwargs[key_name] = value
    if "provenance" in custom:
        kwargs["provenance"] = _provenance(custom["provenance"])
    if "confidence" in custom:
        kwargs["confidence"] = _confidence(custom["confidence"])
    checks = (
        ("year", "issued"),
        ("date", "issued"),
        ("original_year", "original-date"),
        ("accessed", "accessed"),
        ("confidence", "custom.confidence"),
    )
    for field, where in checks:
        _check(field, where, kwargs.get(field))
    kwargs["key"] = str(key)
    _check("key", "id", kwargs["key"])
    return Reference(**kwargs)


def _item_reference(item: object, index: int, source_name: str, seen: Mapping[str, int]) -> Reference:
    if not isinstance(item, Mapping):
        raise CSLError(f"{source_name}: item {index}: expected an object, got {type(item).__name__}")
    ident = item.get("id")
    label = f"item {index} (id {ident!r})" if ident is not None else f"item {index}"
    try:
        ref = _reference(item)
    except _ItemError as exc:
        raise CSLError(f"{source_name}: {label}, field {exc.field!r}: {exc}") from None
    except (ValueError, TypeError) as exc:
        raise CSLError(f"{source_name}: {label}: {exc}") from None
    assert ref.key is not None
    if ref.key in seen:
        raise CSLError(f"{source_name}: {label}, field 'id': duplicate of item {seen[ref.key]}")
    return ref


def from_csl_items(
    items: Sequence[Mapping[str, Any]],
    *,
    source_name: str = "<string>",
    on_error: Callable[[CSLError], None] | None = None,
) -> list[Reference]:
    """References from CSL items (decoded CSL-JSON), in order.

    An item of the wrong kind, a field of the wrong kind and a second item with the same id are a
    :class:`~bibliography.errors.CSLError` naming ``source_name``, the item (index and id) and the
    field. Without ``on_error`` the first is raised; with it, each is passed to ``on_error`` and
    the item left out while the rest are read.

    >>> item = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[1980]]}}
    >>> from_csl_items([item])[0].year
    '1980'
    >>> problems = []
    >>> [r.key for r in from_csl_items([{"id": "a", "title": 5}, item], on_error=problems.append)]
    ['a']
    >>> [str(p) for p in problems]
    ["<string>: item 0 (id 'a'), field 'title': expected a string, got int"]
    """
    references = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        try:
            ref = _item_reference(item, index, source_name, seen)
        except CSLError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        assert ref.key is not None
        seen[ref.key] = index
        references.append(ref)
    return references


def from_csl_json(
    text: str, *, source_name: str = "<string>", on_error: Callable[[CSLError], None] | None = None
) -> list[Reference]:
    """References from CSL-JSON text (an array of items); see :func:`from_csl_items` for ``on_error``.
    Text that is not a JSON array is always an error.

    >>> from_csl_json('[{"id": "a", "type": "book", "title": 5}]')
    Traceback (most recent call last):
    ...
    bibliography.errors.CSLError: <string>: item 0 (id 'a'), field 'title': expected a string, got int
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CSLError(f"{source_name}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, list):
        raise CSLError(f"{source_name}: expected a JSON array of CSL items, got {type(data).__name__}")
    return from_csl_items(data, source_name=source_name, on_error=on_error)
