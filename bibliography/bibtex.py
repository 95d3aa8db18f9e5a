"""BibTeX in and out: :class:`Reference` objects <-> ``.bib`` text, through bibtexparser v2.

Writing builds bibtexparser ``Entry``/``Field`` blocks in a ``Library`` and serialises them with
``bibtexparser.write_string``; reading uses ``bibtexparser.parse_string`` (with an empty parse
stack: string macros, ``#`` concatenation and delimiters are resolved here, so that nothing is
guessed twice). A ``.bib`` written by :func:`to_bibtex` reads back with :func:`from_bibtex` into
references equal to the originals, with ``ascii=False`` and ``ascii=True`` alike.

Entry types (CSL type -> BibTeX; reading accepts the aliases listed in ``_READ_TYPES``):

============================  ====================================================================
book                          ``@book``
chapter                       ``@incollection`` (``@inbook``, ``@incollection`` read as chapter)
article-journal               ``@article``
article-magazine / -newspaper ``@article`` with biblatex's ``entrysubtype = {magazine|newspaper}``
paper-conference              ``@inproceedings`` (``@conference`` read too)
thesis                        ``@phdthesis`` with ``type = {Thesis}`` (the model has no degree, so
                              the style prints "Thesis", not "PhD thesis"); ``@mastersthesis`` and
                              ``@thesis`` read as thesis
report                        ``@techreport`` (``@report`` read too)
webpage                       ``@misc`` + ``x-type = {webpage}`` (``@online``/``@www`` read too;
                              ``@misc`` because plain.bst warns about unknown types)
entry-encyclopedia            ``@incollection`` + ``x-type`` (``@inreference`` read too)
manuscript                    ``@unpublished``
document                      ``@misc`` (and every unknown type when reading)
============================  ====================================================================

Fields: authors/editors/translators -> ``author``/``editor``/``translator``; title -> ``title``;
container_title -> ``journal`` for articles, else ``booktitle``; collection_title -> ``series``;
issue -> ``number``; pages -> ``pages``; number_of_volumes -> ``volumes``; place -> ``address``;
publisher -> ``publisher`` (``school`` for theses, ``institution`` for reports, as plain.bst requires);
year -> ``year``; date -> biblatex ``date`` plus a ``month`` macro; original_year -> ``origdate``;
url/doi -> ``url``/``doi`` verbatim; isbn -> ``isbn``; accessed -> ``urldate``; note -> ``note``;
annotation -> ``annote`` (``annotation`` read too). Titles, booktitles, journals and series are
wrapped in an extra pair of braces so that BibTeX styles and pandoc keep their capitals as given;
so are publishers and places containing the word "and", which biblatex and pandoc would split.
Text is LaTeX-escaped by :func:`bibliography.latex.escape`; ``ascii=True`` writes pure ASCII.

Names are written ``von Last, Jr, First`` (``van Beethoven, Ludwig``; ``King, Jr., Martin Luther``);
organisations whole in braces (``{United Nations}``); a part BibTeX would split wrongly is braced
(``{Lloyd George}, David``); ``others`` stands for :class:`Person` ``(literal="others")``, BibTeX's
"et al.". Reading splits names with BibTeX's own algorithm (``and`` at brace level 0; von parts are
the words starting in lower case), except that letter case is Unicode-aware.

Everything standard tools do not carry goes into ``x-`` fields, which BibTeX, biber and pandoc
ignore: ``x-type`` (above), ``x-unparsed`` and ``x-raw`` (escaped text), ``x-provenance``
(``[[source, start, end, passage], ...]``) and ``x-confidence`` (``{"field": score}``) as compact
JSON. When a value has no exact standard spelling, the standard field gets the closest safe one and
an exactness hint keeps the model's value as JSON: ``x-author``/``x-editor``/``x-translator`` (a
capitalised particle such as "Van" cannot be a BibTeX von part), ``x-url``/``x-doi`` (braces,
backslashes, line breaks and, for ASCII output, non-ASCII characters, percent-encoded in the
standard field) and ``x-year`` (``null`` when
the reference has a date but no year: ``year`` then carries the date's year for BibTeX). A hint is
only used while the standard field still reads exactly as it was written, so editing the standard
field by hand wins over a stale hint. In JSON values ``{``, ``}`` and ``%`` are written as ``\\u``
escapes: BibTeX needs balanced braces and pandoc reads ``%`` as a comment.

Reading is lenient where real files differ: field names are case-insensitive; ``@string`` macros,
``#`` concatenation and the month macros resolve; biblatex's ``journaltitle``, ``location``,
``date``, ``issue``, ``annotation`` are understood; a year such as ``{c. 1890}`` keeps its first
four-digit year. It is strict where data would be lost or guessed: unparsable blocks, duplicate
keys (BibTeX compares them case-insensitively), duplicate fields, undefined macros and values the
model rejects raise :class:`~bibliography.errors.BibTeXError` naming the source, line and cause.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import quote

from bibtexparser.entrypoint import parse_string, write_string
from bibtexparser.library import Library
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    String,
)
from bibtexparser.writer import BibtexFormat

from bibliography.errors import BibTeXError, DuplicateKeyError
from bibliography.latex import escape, unescape
from bibliography.model import REFERENCE_TYPES, Person, Provenance, Reference

__all__ = ["from_bibtex", "to_bibtex"]

_T = TypeVar("_T")

# --------------------------------------------------------------------------------------------
# Type and field mapping
# --------------------------------------------------------------------------------------------

_ENTRY_TYPES: dict[str, str] = {
    "book": "book",
    "chapter": "incollection",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "webpage": "misc",
    "entry-encyclopedia": "incollection",
    "manuscript": "unpublished",
    "document": "misc",
}
_SUBTYPES: dict[str, str] = {"article-magazine": "magazine", "article-newspaper": "newspaper"}
_READ_TYPES: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "booklet": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "periodical": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "inreference": "entry-encyclopedia",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "webpage": "webpage",
    "unpublished": "manuscript",
    "misc": "document",
}
# x-type is only needed where the entry type reads back as something else.
_NEEDS_X_TYPE = frozenset(t for t, e in _ENTRY_TYPES.items() if _READ_TYPES[e] != t and t not in _SUBTYPES)
_ARTICLES = frozenset({"article-journal", "article-magazine", "article-newspaper"})
_TITLE_FIELDS = frozenset({"title", "booktitle", "journal", "series"})
# biblatex (and pandoc) read these as "and"-separated lists: "Economic and Social Affairs" is braced.
_LIST_FIELDS = frozenset({"publisher", "institution", "school", "address"})
_PEOPLE_FIELDS = (("authors", "author"), ("editors", "editor"), ("translators", "translator"))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_YEAR_RE = re.compile(r"^(\d{4}[a-z]?([-–/]\d{2,4}[a-z]?)?|n\.d\.|forthcoming|in press)$")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DATE_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_IDENTIFIER = re.compile(r"^[^\s\"#%'(),={}0-9][^\s\"#%'(),={}]*$")

# --------------------------------------------------------------------------------------------
# Names (BibTeX's algorithm: bibtex.web, "format.name$")
# --------------------------------------------------------------------------------------------

_WHITE = " \t\n\r"
_SEP_CHARS = "-~"
_LOWER_SPECIALS = frozenset({"i", "j", "oe", "ae", "aa", "o", "l", "ss"})
_UPPER_SPECIALS = frozenset({"OE", "AE", "AA", "O", "L"})
_OTHERS = "others"
# Which name parts to brace, fewest first: the family, then the given name, then the suffix.
_BRACE_CHOICES = sorted(itertools.product((False, True), repeat=3), key=lambda c: (sum(c), c[::-1]))


def _split_and(value: str) -> list[str]:
    """The names in a name list: split at ``and`` between blanks, at brace level 0."""
    names: list[str] = []
    depth = 0
    start = 0
    i = 0
    n = len(value)
    while i < n:
        char = value[i]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif (
            depth == 0
            and char in "aA"
            and i > 0
            and value[i - 1] in _WHITE
            and i + 3 < n
            and value[i + 1 : i + 3].lower() == "nd"
            and value[i + 3] in _WHITE
        ):
            names.append(value[start:i])
            start = i + 3
            i += 3
            continue
        i += 1
    names.append(value[start:])
    return [name.strip(_WHITE) for name in names if name.strip(_WHITE)]


def _group_end(text: str, start: int) -> int:
    """Index just past the brace group opening at ``start`` (or the end of ``text``)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def _is_von(token: str) -> bool:
    """BibTeX's ``von_token_found``: does the token's first cased letter make it lower case?"""
    i = 0
    n = len(token)
    while i < n:
        char = token[i]
        if char == "{":
            i += 1
            if i + 2 < n and token[i] == "\\":
                # A "special character" {\cs ...}: the foreign letters decide by their name,
                # anything else by the first cased letter inside the group.
                i += 1
                start = i
                while i < n and token[i].isascii() and token[i].isalpha():
                    i += 1
                name = token[start:i]
                if name in _LOWER_SPECIALS:
                    return True
                if name in _UPPER_SPECIALS:
                    return False
                depth = 1
                while i < n and depth > 0:
                    inner = token[i]
                    if inner.isupper():
                        return False
                    if inner.islower():
                        return True
                    if inner == "}":
                        depth -= 1
                    elif inner == "{":
                        depth += 1
                    i += 1
                return False
            i = _group_end(token, i - 1)
            continue
        if char.isupper():
            return False
        if char.islower():
            return True
        i += 1
    return False


def _tokenize(name: str) -> tuple[list[tuple[int, int]], list[str], list[int]]:
    """Tokens (spans), the separator before each token, and the token counts before commas."""
    spans: list[tuple[int, int]] = []
    seps: list[str] = []
    commas: list[int] = []
    start: int | None = None
    pending_sep = ""
    i = 0
    n = len(name)

    def close(end: int) -> None:
        nonlocal start
        if start is not None:
            spans.append((start, end))
            start = None

    while i < n:
        char = name[i]
        if char == "{":
            if start is None:
                start = i
                seps.append(pending_sep)
                pending_sep = ""
            i = _group_end(name, i)
            continue
        if char == "," or char in _WHITE or char in _SEP_CHARS:
            was_in_token = start is not None
            close(i)
            if char == ",":
                if len(commas) < 2:
                    commas.append(len(spans))
                pending_sep = ","
            elif was_in_token:
                pending_sep = " " if char in _WHITE else char
        elif start is None:
            start = i
            seps.append(pending_sep)
            pending_sep = ""
        i += 1
    close(n)
    return spans, seps, commas


def _is_single_group(name: str) -> bool:
    return name.startswith("{") and _group_end(name, 0) == len(name) and not name.startswith("{\\")


def _parse_name(name: str) -> Person:
    """One BibTeX name -> Person (raises ValueError/TypeError when the model rejects it)."""
    if name == _OTHERS or (_is_single_group(name) and name[1:-1] == _OTHERS):
        return Person(literal=_OTHERS)
    if _is_single_group(name):
        return Person(literal=unescape(name))
    stripped = name.rstrip(_WHITE + _SEP_CHARS + ",")
    spans, seps, commas = _tokenize(stripped)
    count = len(spans)
    if count == 0:
        raise ValueError(f"name {name!r} is empty")

    def text(first: int, end: int) -> str:
        return stripped[spans[first][0] : spans[end - 1][1]] if end > first else ""

    def von_end(von_start: int, last_end: int) -> int:
        end = last_end - 1
        while end > von_start:
            if _is_von(text(end - 1, end)):
                return end
            end -= 1
        return end

    if not commas:
        last_end = count
        von_start = 0
        found = False
        while von_start < last_end - 1:
            if _is_von(text(von_start, von_start + 1)):
                found = True
                break
            von_start += 1
        if found:
            end_of_von = von_end(von_start, last_end)
        else:
            # No von part: a hyphenated last name ("Lloyd-Smith") stays together.
            while von_start > 0 and seps[von_start] == "-":
                von_start -= 1
            end_of_von = von_start
        first, von, last, jr = text(0, von_start), text(von_start, end_of_von), text(end_of_von, last_end), ""
    else:
        last_end = commas[0]
        if last_end == 0:
            raise ValueError(f"name {name!r} has no last name before its comma")
        end_of_von = von_end(0, last_end)
        von, last = text(0, end_of_von), text(end_of_von, last_end)
        if len(commas) == 1:
            jr, first = "", text(commas[0], count)
        else:
            jr, first = text(commas[0], commas[1]), text(commas[1], count)
    return Person(family=unescape(last), given=unescape(first), particle=unescape(von), suffix=unescape(jr))


def _parse_names(value: str) -> list[Person]:
    return [_parse_name(name) for name in _split_and(value)]


def _reads_as(candidate: str, person: Person) -> bool:
    try:
        return _parse_names(candidate) == [person]
    except (ValueError, TypeError):
        return False


def _format_person(person: Person, ascii: bool) -> tuple[str, bool]:
    """The BibTeX spelling of one name, and whether it reads back exactly."""
    if person.literal is not None:
        if person.literal == _OTHERS:
            return _OTHERS, True
        inner = escape(person.literal, ascii=ascii)
        candidates = ["{" + inner + "}", "{{" + inner + "}}"]
    else:
        assert person.family is not None  # guaranteed by Person
        family = escape(person.family, ascii=ascii)
        given = escape(person.given, ascii=ascii) if person.given else ""
        particle = escape(person.particle, ascii=ascii) if person.particle else ""
        suffix = escape(person.suffix, ascii=ascii) if person.suffix else ""

        def brace(part: str) -> str:
            return "{" + part + "}" if part else part

        def build(last: str, first: str, jr: str, *, trailing_comma: bool = False) -> str:
            von_last = f"{particle} {last}" if particle else last
            if jr:
                # An empty first part must still be there, or "Last, Jr," would read Jr as First.
                return f"{von_last}, {jr}, {first or '{}'}"
            if first:
                return f"{von_last}, {first}"
            return von_last + "," if trailing_comma else von_last

        candidates = [
            build(
                brace(family) if brace_family else family,
                brace(given) if brace_given else given,
                brace(suffix) if brace_suffix else suffix,
            )
            for brace_family, brace_given, brace_suffix in _BRACE_CHOICES
            if (given or not brace_given) and (suffix or not brace_suffix)
        ]
        if not given and not suffix:
            candidates += [
                build(family, "", "", trailing_comma=True),
                build(brace(family), "", "", trailing_comma=True),
            ]
    for candidate in candidates:
        if _reads_as(candidate, person):
            return candidate, True
    # No exact spelling (the exactness hint will carry the name): keep the first spelling that
    # BibTeX reads as one name, else the whole name as one braced literal.
    for candidate in candidates:
        try:
            if len(_parse_names(candidate)) == 1:
                return candidate, False
        except (ValueError, TypeError):
            continue
    return "{{" + escape(person.display, ascii=ascii) + "}}", False


def _format_people(people: Sequence[Person], ascii: bool) -> tuple[str, bool]:
    forms = [_format_person(person, ascii) for person in people]
    value = " and ".join(form for form, _ in forms)
    exact = all(ok for _, ok in forms)
    if exact:
        try:
            exact = _parse_names(value) == list(people)
        except (ValueError, TypeError):
            exact = False
    return value, exact


# --------------------------------------------------------------------------------------------
# Hints and custom values as JSON
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


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
    text("journal" if ref.type in _ARTICLES else "booktitle", ref.container_title)
    text("series", ref.collection_title)
    text("volume", ref.volume)
    text("number", ref.issue)
    text("pages", ref.pages)
    text("edition", ref.edition)
    text("volumes", ref.number_of_volumes)
    text("address", ref.place)
    text({"thesis": "school", "report": "institution"}.get(ref.type, "publisher"), ref.publisher)
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
    result: str = write_string(library, bibtex_format=layout)
    return result


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


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


def _line(block_or_field: Block | Field | None) -> str:
    line = getattr(block_or_field, "start_line", None)
    return "?" if line is None else str(line + 1)


def from_bibtex(text: str, *, source_name: str = "<string>") -> list[Reference]:
    """Read a ``.bib`` document into references, in file order.

    Raises :class:`~bibliography.errors.BibTeXError` (naming ``source_name``, the line and the
    cause) for blocks that do not parse, duplicate keys or fields, undefined macros, and values the
    model rejects.

    >>> [ref.title for ref in from_bibtex("@book{a, title = {{\\\\'E}tudes}, year = 1990}")]
    ['Études']
    """
    library = parse_string(text, parse_stack=[])
    for failed in library.failed_blocks:
        if isinstance(failed, DuplicateBlockKeyBlock):
            cause = f"duplicate cite key {failed.key!r} (first defined on line {_line(failed.previous_block)})"
        elif isinstance(failed, DuplicateFieldKeyBlock):
            cause = f"duplicate field(s) {', '.join(sorted(failed.duplicate_keys))}"
        else:
            cause = str(getattr(failed.error, "abort_reason", None) or failed.error).strip()
        raise BibTeXError(f"{source_name}:{_line(failed)}: {cause}")

    macros: dict[str, str] = {}
    references: list[Reference] = []
    first_lines: dict[str, str] = {}
    for block in library.blocks:
        if isinstance(block, String):
            try:
                macros[block.key.strip().lower()] = _evaluate(str(block.value), macros)
            except ValueError as exc:
                raise BibTeXError(f"{source_name}:{_line(block)}: @string {block.key!r}: {exc}") from None
            continue
        if not isinstance(block, Entry):
            continue
        folded = block.key.strip().lower()
        if folded in first_lines:
            raise BibTeXError(
                f"{source_name}:{_line(block)}: duplicate cite key {block.key!r} (first defined on line "
                f"{first_lines[folded]}; BibTeX compares keys case-insensitively)"
            )
        first_lines[folded] = _line(block)
        try:
            references.append(_convert(block, macros))
        except _FieldError as exc:
            raise BibTeXError(
                f"{source_name}:{_line(exc.field)}: entry {block.key!r}, field {exc.field.key!r}: {exc}"
            ) from None
        except (ValueError, TypeError) as exc:
            raise BibTeXError(f"{source_name}:{_line(block)}: entry {block.key!r}: {exc}") from None
    return references
