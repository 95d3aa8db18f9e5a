"""Names as BibTeX reads and writes them (bibtex.web's ``format.name$``): von, last, jr, first."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from bibliography.latex import escape, unescape
from bibliography.model import Person

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
