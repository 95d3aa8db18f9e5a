"""Reading BibTeX (strings, concatenation, month macros, biblatex fields) back to references."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from bibtexparser.entrypoint import parse_string
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    String,
)

from bibliography.bibtex.mapping import (
    _DATE_PREFIX,
    _ENTRY_TYPES,
    _FOUR_DIGITS,
    _IDENTIFIER,
    _MONTH_NAMES,
    _MONTHS,
    _PEOPLE_FIELDS,
    _READ_TYPES,
    _T,
    _YEAR_RE,
)
from bibliography.bibtex.names import _format_people, _group_end, _parse_names
from bibliography.bibtex.write import _person_from_row, _standard_year, _verbatim
from bibliography.errors import BibTeXError
from bibliography.latex import unescape
from bibliography.model import REFERENCE_TYPES, Person, Provenance, Reference


class _FieldError(ValueError):
    """A problem with one field; from_bibtex adds the source, line and entry."""

    def __init__(self, field: Field, message: str) -> None:
        super().__init__(message)
        self.field = field


def _split_concatenation(raw: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    in_quotes = False
    start = 0
    for i, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            in_quotes = not in_quotes
        elif char == "#" and depth == 0 and not in_quotes:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    return parts


def _evaluate(raw: str, macros: Mapping[str, str]) -> str:
    """A raw BibTeX value (``{..}``, ``".."``, a number, a macro, or ``#`` of these) -> its text."""
    out: list[str] = []
    for part in _split_concatenation(raw):
        piece = part.strip()
        braced = piece.startswith("{") and _group_end(piece, 0) == len(piece)
        quoted = len(piece) >= 2 and piece[0] == '"' and piece[-1] == '"'
        if braced or quoted:
            out.append(piece[1:-1])
        elif piece.isdigit():
            out.append(piece)
        elif _IDENTIFIER.match(piece):
            name = piece.lower()
            if name in macros:
                out.append(macros[name])
            elif name in _MONTHS:
                out.append(_MONTH_NAMES[_MONTHS.index(name)])
            else:
                raise ValueError(f"undefined string macro {piece!r}")
        else:
            raise ValueError(f"cannot read the value {piece!r}")
    return "".join(out)


def _month_number(value: str) -> int | None:
    cleaned = unescape(value).strip().rstrip(".").lower()
    if cleaned.isdigit() and 1 <= int(cleaned) <= 12:
        return int(cleaned)
    if cleaned[:3] in _MONTHS:
        return _MONTHS.index(cleaned[:3]) + 1
    return None


def _lenient_year(value: str) -> str:
    year = unescape(value).strip()
    if _YEAR_RE.match(year):
        return year
    if year.lower() in ("n.d.", "nd", "n. d.", "no date"):
        return "n.d."
    match = _FOUR_DIGITS.search(year)
    if match is None:
        raise ValueError(f"{year!r} is not a year")
    return match.group()


def _lenient_date(value: str) -> str:
    text = unescape(value)
    match = _DATE_PREFIX.match(text)
    if match is None:
        raise ValueError(f"{text.strip()!r} is not an ISO 8601 date")
    return "-".join(part for part in match.groups() if part)


def _verbatim_read(value: str) -> str:
    value = value.strip()
    match = re.fullmatch(r"\\(?:url|path)\{(.*)\}", value, flags=re.DOTALL)
    if match:
        value = match.group(1)
    return re.sub(r"\\([_%&#~$])", r"\1", value)


def _decode(
    fields: Mapping[str, Field], values: Mapping[str, str], name: str, convert: Callable[[object], _T]
) -> tuple[bool, _T | None]:
    """The JSON field ``name`` decoded and converted, as (present, value)."""
    if name not in values:
        return False, None
    try:
        return True, convert(json.loads(values[name]))
    except json.JSONDecodeError as exc:
        raise _FieldError(fields[name], f"invalid JSON ({exc.msg})") from None
    except (ValueError, TypeError) as exc:
        raise _FieldError(fields[name], str(exc)) from None


def _people_from_rows(rows: object) -> list[Person]:
    if not isinstance(rows, list):
        raise ValueError("expected a JSON list of people")
    return [_person_from_row(row) for row in rows]


def _optional_string(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError("expected a JSON string or null")
    return value


def _provenances(rows: object) -> list[Provenance]:
    if not isinstance(rows, list):
        raise ValueError("expected a JSON list of [source, start, end, passage]")
    return [_provenance(row) for row in rows]


def _convert(entry: Entry, macros: Mapping[str, str]) -> Reference:
    fields: dict[str, Field] = {}
    values: dict[str, str] = {}
    for field in entry.fields:
        name = field.key.strip().lower()
        if name in fields:
            raise _FieldError(field, f"duplicate field {name!r}")
        fields[name] = field
        try:
            values[name] = _evaluate(str(field.value), macros)
        except ValueError as exc:
            raise _FieldError(field, str(exc)) from None

    def first(*names: str) -> str | None:
        for name in names:
            if name in values:
                return values[name]
        return None

    def text(*names: str) -> str | None:
        value = first(*names)
        return None if value is None else unescape(value)

    def guarded(name: str, convert: Callable[[str], _T]) -> _T | None:
        if name not in values:
            return None
        try:
            return convert(values[name])
        except (ValueError, TypeError) as exc:
            raise _FieldError(fields[name], str(exc)) from None

    entry_type = entry.entry_type.lower()
    ref_type = _READ_TYPES.get(entry_type, "document")
    if ref_type == "article-journal":
        subtype = (text("entrysubtype") or "").strip().lower()
        ref_type = {"magazine": "article-magazine", "newspaper": "article-newspaper"}.get(subtype, ref_type)
    x_type = (text("x-type") or "").strip()
    if x_type in REFERENCE_TYPES and _ENTRY_TYPES[x_type] == entry_type:
        ref_type = x_type

    kwargs: dict[str, Any] = {"key": entry.key.strip(), "type": ref_type}
    for attribute, name in _PEOPLE_FIELDS:
        if name not in values:
            continue
        _present, exact = _decode(fields, values, "x-" + name, _people_from_rows)
        if exact is not None and any(_format_people(exact, ascii=a)[0] == values[name] for a in (False, True)):
            people: list[Person] | None = exact
        else:
            people = guarded(name, _parse_names)
        kwargs[attribute] = people
    kwargs["title"] = text("title")
    kwargs["container_title"] = text("journal", "journaltitle", "booktitle")
    howpublished = values.get("howpublished", "")
    if kwargs["container_title"] is None and howpublished and not re.fullmatch(r"\s*\\url\{[^{}]*\}\s*", howpublished):
        kwargs["container_title"] = text("howpublished")
    kwargs["collection_title"] = text("series")
    kwargs["volume"] = text("volume")
    kwargs["issue"] = text("number", "issue")
    kwargs["pages"] = text("pages")
    kwargs["edition"] = text("edition")
    kwargs["number_of_volumes"] = text("volumes")
    kwargs["place"] = text("address", "location")
    kwargs["publisher"] = text("publisher", "institution", "school", "organization")
    date = guarded("date", _lenient_date)
    year = guarded("year", _lenient_year)
    if date is None and year is not None and re.fullmatch(r"\d{4}", year) and "month" in values:
        month = _month_number(values["month"])
        date = f"{year}-{month:02d}" if month else None
    if year is None and date is not None:
        year = date[:4]
    present, hint = _decode(fields, values, "x-year", _optional_string)
    if present and _standard_year(hint, date) == year:
        year = hint
    kwargs["year"] = year
    kwargs["date"] = date
    kwargs["original_year"] = guarded("origdate", _lenient_year) or guarded("origyear", _lenient_year)
    for name in ("url", "doi"):
        link = guarded(name, _verbatim_read)
        present, hint = _decode(fields, values, "x-" + name, _optional_string)
        if hint is not None and any(_verbatim(hint, a) == values.get(name) for a in (False, True)):
            link = hint
        kwargs[name] = link
    if kwargs["url"] is None and "howpublished" in values:
        match = re.search(r"\\url\{([^{}]*)\}", values["howpublished"])
        kwargs["url"] = match.group(1) if match else None
    kwargs["isbn"] = text("isbn")
    kwargs["accessed"] = guarded("urldate", _lenient_date)
    kwargs["note"] = text("note")
    kwargs["annotation"] = text("annote", "annotation")
    kwargs["unparsed"] = text("x-unparsed")
    kwargs["raw"] = text("x-raw")
    kwargs["provenance"] = _decode(fields, values, "x-provenance", _provenances)[1] or ()
    kwargs["confidence"] = _decode(fields, values, "x-confidence", _confidence)[1] or ()
    return Reference(**kwargs)


def _provenance(row: object) -> Provenance:
    if not isinstance(row, list) or len(row) != 4:
        raise ValueError("each provenance must be [source, start, end, passage]")
    source, start, end, passage = row
    for value, kind in ((source, str), (start, int), (end, int), (passage, str)):
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise ValueError(f"provenance value {value!r} should be {kind.__name__} or null")
    return Provenance(source=source, start=start, end=end, passage=passage)


def _confidence(scores: object) -> tuple[tuple[str, float], ...]:
    if not isinstance(scores, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in scores.values()
    ):
        raise ValueError('confidence must be an object {"field": score}')
    # Let the model check field names and ranges here, so the error names this field.
    return Reference(confidence={str(k): float(v) for k, v in scores.items()}).confidence


# biblatex's default inheritance for the "in" types: the parent's title is the child's container.
_CROSSREF_RENAMES = {"title": "booktitle", "subtitle": "booksubtitle"}


def _with_crossref(entry: Entry, parents: Mapping[str, Entry]) -> Entry:
    """``entry`` with the fields it lacks taken from the entry its ``crossref`` names, as BibTeX
    does; the parent's title becomes the child's ``booktitle``. An unknown parent is an error."""
    own = {f.key.strip().lower(): f for f in entry.fields}
    ref = own.get("crossref")
    if ref is None:
        return entry
    parent_key = str(ref.value).strip().strip('{}"').strip()
    parent = parents.get(parent_key.lower())
    if parent is None:
        raise _FieldError(ref, f"crossref to {parent_key!r}, which is not in the file")
    fields = [f for f in entry.fields if f.key.strip().lower() != "crossref"]
    names = set(own)
    for field in parent.fields:
        name = field.key.strip().lower()
        target = _CROSSREF_RENAMES.get(name, name)
        if name != "crossref" and target not in names:
            fields.append(Field(target, field.value, field.start_line))
            names.add(target)
    return Entry(entry.entry_type, entry.key, fields, entry.start_line, entry.raw)


def _line(block_or_field: Block | Field | None) -> str:
    line = getattr(block_or_field, "start_line", None)
    return "?" if line is None else str(line + 1)


def from_bibtex(
    text: str, *, source_name: str = "<string>", on_error: Callable[[BibTeXError], None] | None = None
) -> list[Reference]:
    """Read a ``.bib`` document into references, in file order.

    A block that does not parse, a duplicate key or field, an undefined macro or a value the model
    rejects is a :class:`~bibliography.errors.BibTeXError` naming ``source_name``, the line and the
    cause. Without ``on_error`` the first one is raised; with it, each is passed to ``on_error`` and
    the entry is left out while the rest are read (as bibtexparser keeps its failed blocks aside).

    >>> [ref.title for ref in from_bibtex("@book{a, title = {{\\\\'E}tudes}, year = 1990}")]
    ['Études']
    >>> problems = []
    >>> [r.key for r in from_bibtex("@book{a, title={Open}\\n@book{b, title={Fine}}", on_error=problems.append)]
    ['b']
    >>> [str(p) for p in problems]
    ['<string>:1: Unexpected block start: `@book`. Was still looking for field-value closing `,` or `}`']
    """

    def fail(error: BibTeXError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    library = parse_string(text, parse_stack=[])
    for failed in sorted(library.failed_blocks, key=lambda b: b.start_line or 0):
        if isinstance(failed, DuplicateBlockKeyBlock):
            cause = f"duplicate cite key {failed.key!r} (first defined on line {_line(failed.previous_block)})"
        elif isinstance(failed, DuplicateFieldKeyBlock):
            cause = f"duplicate field(s) {', '.join(sorted(failed.duplicate_keys))}"
        else:
            cause = str(getattr(failed.error, "abort_reason", None) or failed.error).strip()
        fail(BibTeXError(f"{source_name}:{_line(failed)}: {cause}"))

    macros: dict[str, str] = {}
    references: list[Reference] = []
    first_lines: dict[str, str] = {}
    parents = {b.key.strip().lower(): b for b in library.blocks if isinstance(b, Entry)}
    for block in library.blocks:
        if isinstance(block, String):
            try:
                macros[block.key.strip().lower()] = _evaluate(str(block.value), macros)
            except ValueError as exc:
                fail(BibTeXError(f"{source_name}:{_line(block)}: @string {block.key!r}: {exc}"))
            continue
        if not isinstance(block, Entry):
            continue
        folded = block.key.strip().lower()
        if folded in first_lines:
            fail(
                BibTeXError(
                    f"{source_name}:{_line(block)}: duplicate cite key {block.key!r} (first defined on line "
                    f"{first_lines[folded]}; BibTeX compares keys case-insensitively)"
                )
            )
            continue
        first_lines[folded] = _line(block)
        try:
            references.append(_convert(_with_crossref(block, parents), macros))
        except _FieldError as exc:
            fail(BibTeXError(f"{source_name}:{_line(exc.field)}: entry {block.key!r}, field {exc.field.key!r}: {exc}"))
        except (ValueError, TypeError) as exc:
            fail(BibTeXError(f"{source_name}:{_line(block)}: entry {block.key!r}: {exc}"))
    return references
