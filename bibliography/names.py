"""Personal and organisational names as bibliographies print them, split into :class:`Person` parts.

A name may come inverted (``Okafor, Adaeze N.``), in reading order (``Adaeze N. Okafor``),
Vancouver style (``Smith JM``), with particles (``van Beethoven, Ludwig`` / ``Ludwig van Beethoven``)
and suffixes (``King, Martin Luther, Jr.``). Organisations ("World Health Organization",
"Reuters Staff") become ``literal`` names. Splitting one personal name into its parts is the
shared parser's job (:mod:`textkit.names`); this module decides what is a person, an organisation or a
list of names.

"et al." is never turned into a Person: :func:`parse_names` drops it and :func:`has_et_al` reports
it, so the reference parser can record the truncated list in the reference's ``note`` ("authors: et al.").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from bibliography.errors import ReferenceParseError
from bibliography.model import Person
from bibliography.tables import table_lines
from textkit.names import (
    PARTICLES,
    SUFFIXES,
    NameParts,
    is_initials,
    is_name_token,
    is_particle,
    is_suffix,
    is_vancouver,
    split_inverted,
    split_name,
)

__all__ = [
    "PARTICLES",
    "SUFFIXES",
    "has_et_al",
    "is_initials",
    "looks_like_name_list",
    "looks_like_organisation",
    "parse_name",
    "parse_names",
    "split_et_al",
]


def _table(name: str) -> frozenset[str]:
    return frozenset(table_lines(name))


# Words that mark a name as an organisation (compared case-insensitively, without trailing periods).
_ORG_WORDS = _table("organisation_words.txt")

# Function words that never occur inside a personal name but do inside organisation names.
_ORG_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "on", "at", "in", "&", "und", "et", "für", "pour"})

# Abbreviated given names of older imprints ("Wm.", "Chas."), whose period belongs to the name.
_GIVEN_ABBREVIATIONS = _table("given_name_abbreviations.txt")

_ET_AL_RE = re.compile(
    r"(?:,?\s*(?:\bet\s*al\b\.?|\bet\s+alii\b\.?|\band\s+others\b|\bu\.\s*a\.|\bet\s+coll?\.?))", re.IGNORECASE
)
_VANCOUVER_INITIALS_RE = re.compile(r"^[A-Z]{1,3}$")
_SPLIT_AND_RE = re.compile(r"\s+(?:and|und)\s+|\s*&\s*")


def looks_like_organisation(text: str) -> bool:
    """Heuristic: is this a corporate author (organisation, newsroom byline) rather than a person?

    >>> looks_like_organisation("World Health Organization"), looks_like_organisation("findingDulcinea Staff")
    (True, True)
    >>> looks_like_organisation("Katherine A. S. Sibley")
    False
    """
    text = text.strip().rstrip(".,")
    tokens = text.split()
    if not tokens:
        return False
    if _has_org_marker(text):
        return True
    cores = [t.strip(",.;:()").lower() for t in tokens]
    if any(c in _ORG_FUNCTION_WORDS for c in cores):
        return True
    return len(tokens) > 6


def _has_org_marker(text: str) -> bool:
    """An organisation word, a digit, an acronym or a camelCase brand: stronger evidence than "of"."""
    tokens = text.split()
    cores = [t.strip(",.;:()").lower() for t in tokens]
    if any(c in _ORG_WORDS for c in cores):
        return True
    if any(ch.isdigit() for ch in text):
        return True
    # An acronym of three or more capitals ("BBC", "NATO"), or a lone all-capital word ("UN").
    acronyms = [t for t in tokens if len(t.strip(".,")) >= 3 and t.strip(".,").isupper() and t.isalpha()]
    if acronyms and not (len(tokens) == 2 and _VANCOUVER_INITIALS_RE.match(tokens[-1])):
        return True
    if len(tokens) == 1 and len(text) >= 2 and text.isupper() and text.isalpha():
        return True
    # camelCase brands ("findingDulcinea", "iTunes").
    return len(tokens) == 1 and any(c.isupper() for c in text[1:]) and text[0].islower()


def split_et_al(text: str) -> tuple[str, bool]:
    """Remove "et al." (and "and others", "u. a.") from a name list: ``(rest, found)``.

    >>> split_et_al("Smith, John, et al.")
    ('Smith, John', True)
    """
    found = False

    def _drop(_m: re.Match[str]) -> str:
        nonlocal found
        found = True
        return ""

    rest = _ET_AL_RE.sub(_drop, text)
    return rest.strip().rstrip(",;").strip(), found


def has_et_al(text: str) -> bool:
    """True when a name list ends in "et al." or an equivalent.

    >>> has_et_al("A, B, C, et al."), has_et_al("Smith, John")
    (True, False)
    """
    return split_et_al(text)[1]


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = text.strip(",;: ")
    # A trailing period belongs to the name only when it closes an initial or an abbreviation.
    if text.endswith(".") and text[:-1]:
        last = text.split()[-1]
        if not (is_initials(last) or is_suffix(last) or last.rstrip(".").lower() in _GIVEN_ABBREVIATIONS):
            text = text[:-1].rstrip()
    return text


def _person(parts: NameParts | None, fallback: str) -> Person:
    if parts is None:
        return Person(literal=fallback)
    return Person(family=parts.family, given=parts.given, particle=parts.particle, suffix=parts.suffix)


def _person_inverted(family_part: str, given_part: str | None, suffix: str | None) -> Person:
    parts = split_inverted(family_part, given_part, suffix)
    return _person(parts, " ".join(filter(None, [family_part, given_part])) or family_part)


def parse_name(text: str) -> Person:
    """Parse one personal name (any common order) or an organisation into a :class:`Person`.

    >>> parse_name("Sibley, Katherine A. S.")
    Person(family='Sibley', given='Katherine A. S.', particle=None, suffix=None, literal=None)
    >>> parse_name("van Beethoven, Ludwig").sort_name
    'van Beethoven, Ludwig'
    >>> parse_name("King, Martin Luther, Jr.").suffix
    'Jr.'
    >>> parse_name("U.S. Department of State").literal
    'U.S. Department of State'

    Raises :class:`ReferenceParseError` for an empty name.
    """
    cleaned = _clean(text)
    if not cleaned or not any(ch.isalnum() for ch in cleaned):
        raise ReferenceParseError(f"name {text!r} is empty")
    if looks_like_organisation(cleaned) and not _is_inverted_person(cleaned):
        return Person(literal=cleaned)
    return _person(split_name(cleaned), cleaned)


def _is_inverted_person(text: str) -> bool:
    """ "Staff, Jane" is a person even though "staff" is an organisation word."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 2 or len(parts) > 3:
        return False
    fam, given = parts[0].split(), parts[1].split()
    if not fam or not given or len(fam) > 3 or len(given) > 4:
        return False
    return all(is_name_token(t) for t in fam + given) and not any(t.lower() in _ORG_FUNCTION_WORDS for t in fam + given)


def _looks_family(piece: str) -> bool:
    tokens = piece.split()
    if not tokens or len(tokens) > 4:
        return False
    if any(is_initials(t) for t in tokens) or is_suffix(piece):
        return False
    if all(is_particle(t) for t in tokens):
        return False
    if is_vancouver(tokens):
        return False
    return all(is_name_token(t) for t in tokens)


def _looks_given(piece: str) -> bool:
    tokens = piece.split()
    if not tokens or len(tokens) > 5:
        return False
    if is_suffix(piece):
        return False
    return all(is_name_token(t) or is_suffix(t) for t in tokens)


def _pieces(text: str) -> list[tuple[str, str]]:
    """Name pieces with the separator before each: ``","`` or ``"and"``."""
    pieces: list[tuple[str, str]] = []
    for comma_piece in text.split(","):
        sep = ","
        for k, raw_piece in enumerate(_SPLIT_AND_RE.split(" " + comma_piece.strip() + " ")):
            piece = raw_piece.strip()
            if k > 0:
                sep = "and"
            if re.match(r"^(?:and|&)\s+", piece):
                piece = re.sub(r"^(?:and|&)\s+", "", piece).strip()
                sep = "and"
            if piece and piece not in {"and", "&"}:
                pieces.append((piece, sep))
                sep = ","
    return pieces


def parse_names(text: str) -> tuple[Person, ...]:
    """Parse a list of names: Chicago/MLA ("Smith, John, and Jane Doe"), APA ("Smith, J., & Doe, J."),
    semicolon lists ("Smith, John; Doe, Jane"), reading order ("John Smith and Jane Doe").

    "et al." is dropped (see :func:`has_et_al`). Returns an empty tuple when nothing name-like is left.

    >>> [p.family for p in parse_names("Smith, John, and Jane Doe")]
    ['Smith', 'Doe']
    >>> [p.given for p in parse_names("Smith, J. M., & Doe, J.")]
    ['J. M.', 'J.']
    >>> len(parse_names("A, B, C, et al."))
    2
    """
    rest, _ = split_et_al(re.sub(r"\s+", " ", text))
    rest = rest.strip().strip(",;").strip()
    if not rest or not any(ch.isalnum() for ch in rest):
        return ()
    if ";" in rest:
        return tuple(parse_name(p) for p in rest.split(";") if any(ch.isalnum() for ch in p))
    if "," not in rest and looks_like_organisation(rest) and not _SPLIT_AND_RE.search(rest):
        return (Person(literal=_clean(rest)),)
    if (
        "," not in rest
        and looks_like_organisation(rest)
        and not all(_looks_given(p) for p in _SPLIT_AND_RE.split(rest))
    ):
        return (Person(literal=_clean(rest)),)
    seps = _pieces(rest)
    pieces = [p for p, _ in seps]
    people: list[Person] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        nxt = pieces[i + 1] if i + 1 < len(pieces) and seps[i + 1][1] == "," else None
        if is_suffix(piece) and people and people[-1].literal is None:
            last = people[-1]
            people[-1] = Person(
                family=last.family, given=last.given, particle=last.particle, suffix=_clean(piece) or piece
            )
            i += 1
            continue
        pair = (
            nxt is not None
            and _looks_family(piece)
            and _looks_given(nxt)
            and (i == 0 or len(piece.split()) == 1 or _only_particles_before_last(piece) or is_initials(nxt))
        )
        if pair and nxt is not None:
            suffix = None
            if i + 2 < len(pieces) and is_suffix(pieces[i + 2]):
                suffix = _clean(pieces[i + 2]) or pieces[i + 2]
                i += 1
            people.append(_safe_person(partial(_person_inverted, piece, _clean(nxt), suffix), piece))
            i += 2
        else:
            people.append(_safe_person(partial(parse_name, piece), piece))
            i += 1
    return tuple(people)


def _only_particles_before_last(piece: str) -> bool:
    tokens = piece.split()
    return len(tokens) > 1 and all(is_particle(t) and t[:1].islower() for t in tokens[:-1])


def _safe_person(build: Callable[[], Person], fallback: str) -> Person:
    try:
        return build()
    except (ReferenceParseError, ValueError):
        return Person(literal=_clean(fallback) or fallback.strip() or "?")


def looks_like_name_list(text: str) -> bool:
    """True when ``text`` reads as a list of personal names or one organisation (used to find author blocks).

    >>> looks_like_name_list("Maddux, T. R., & Smith, J."), looks_like_name_list("Loans and legitimacy")
    (True, False)
    """
    rest, et_al = split_et_al(re.sub(r"\s+", " ", text))
    rest = rest.strip().strip(",;").strip()
    if not rest:
        return et_al
    if '"' in rest or "“" in rest or ":" in rest or "(" in rest or len(rest) > 300:
        return False
    if "," not in rest and ";" not in rest and _has_org_marker(rest):
        tokens = rest.split()
        return len(tokens) <= 10 and tokens[0][:1].isupper()
    for piece in re.split(r"[;,]", rest):
        for raw_sub in _SPLIT_AND_RE.split(" " + piece.strip() + " "):
            sub = re.sub(r"^(?:and|&)\s+", "", raw_sub.strip())
            if not sub:
                continue
            tokens = sub.split()
            if len(tokens) > 5:
                return False
            if not all(is_name_token(t) or is_suffix(t) for t in tokens):
                return False
            if all(is_particle(t) for t in tokens):
                return False
    return True
