"""Names as strings: folding, slugs and transliteration keys, and person names (titles, given names,
surname) with the rule for when two of them can name the same person."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from annotate.claims.lexicon import (
    _DEPARTMENT_SEQS,
    _NICKNAMES,
    _PARTICLES,
    _TITLES_BY_FIRST,
    _edit_distance_at_most_one,
    fold,
    translit_key,
)
from textkit.names import is_suffix, split_natural

# Compiled once: person names are parsed for every entity compared.
_INITIAL_RE = re.compile(r"[^\W\d_]\.?")
_SPACES_RE = re.compile(r"\s+")
_INVERTED_RE = re.compile(r"([^,]+),\s*([^,]+?)(?:,\s*(Jr\.?|Sr\.?|I{2,3}|IV))?")
_SUFFIX_RE = re.compile(r"(?i)(jr\.?|sr\.?|i{2,3}|iv)")
_NAME_TOKEN_RE = re.compile(r"[^\s.]+\.?|\.")
_LETTER_RE = re.compile(r"[^\W\d_]")


class PersonName(NamedTuple):
    """A person's name in parts: given names (full or initials), surname (with particles), suffix."""

    given: tuple[str, ...]
    surname: str
    suffix: str | None = None

    @property
    def display(self) -> str:
        """The name in reading order, initials written with a full stop."""
        given = [g + "." if len(g) == 1 else g for g in self.given]
        parts = [*given, self.surname]
        return " ".join(parts) + (f" {self.suffix}" if self.suffix else "")

    @property
    def surname_key(self) -> str:
        """The transliteration key of the surname (particles and hyphens included)."""
        return _surname_key(self.surname)

    @property
    def initials(self) -> str:
        """Upper-case initials of given names and surname (``FDR`` for Franklin D. Roosevelt)."""
        last = [p for p in self.surname.split() if p.lower() not in _PARTICLES] or [self.surname]
        return "".join(g[0].upper() for g in self.given) + last[-1][0].upper()

    @property
    def fullness(self) -> tuple[int, int]:
        """How much of the name is written out: (given names, letters in given names)."""
        return len(self.given), sum(len(g) for g in self.given)


@functools.lru_cache(maxsize=16384)
def _surname_key(surname: str) -> str:
    return "".join(translit_key(p) for p in re.split(r"[\s\-]+", surname))


def _is_initial(token: str) -> bool:
    return bool(_INITIAL_RE.fullmatch(token)) and token[0].isupper()


def _title_prefix(tokens: Sequence[str]) -> tuple[int, bool]:
    """Length of a title at the start of ``tokens`` and whether it is a strong one; (0, False) if none."""
    if not tokens:
        return 0, False
    for title, strong in _TITLES_BY_FIRST.get(tokens[0], ()):
        n = len(title)
        if tuple(tokens[:n]) == title:
            takes_of = title[-1] in ("Secretary", "Minister", "Commissar", "Governor")
            if takes_of and len(tokens) > n + 1 and tokens[n] == "of":
                rest = tuple(tokens[n + 1 :])
                for dept in _DEPARTMENT_SEQS:
                    if rest[: len(dept)] == dept:
                        return n + 1 + len(dept), strong
                return n + 2, strong
            return n, strong
    return 0, False


def parse_person_name(name: str) -> PersonName | None:
    """Split a person's name into given names and surname, dropping titles and honorifics.

    Accepts reading order ("President Franklin D. Roosevelt") and index order ("Litvinov, Maksim
    Maksimovich"); a single word is a surname. ``None`` when nothing name-like is left.

    >>> parse_person_name("Secretary of State Cordell Hull")
    PersonName(given=('Cordell',), surname='Hull', suffix=None)
    >>> parse_person_name("Litvinov, Maksim Maksimovich").display
    'Maksim Maksimovich Litvinov'
    """
    text = _SPACES_RE.sub(" ", name.replace("’", "'")).strip().strip(",;:")
    if not text:
        return None
    inverted = _INVERTED_RE.fullmatch(text)
    if inverted and not _SUFFIX_RE.fullmatch(inverted.group(2)):
        family, given = inverted.group(1).strip(), inverted.group(2).strip()
        suffix = inverted.group(3)
        text = f"{given} {family}"
    else:
        suffix = None
    tokens = _NAME_TOKEN_RE.findall(text)
    tokens = [t for t in tokens if t != "."]
    while tokens:
        n, _strong = _title_prefix(tokens)
        if n == 0:
            break
        tokens = tokens[n:]
    if tokens and is_suffix(tokens[-1]) and len(tokens) > 1:
        suffix = tokens[-1].rstrip(",")
        tokens = tokens[:-1]
    tokens = [t.rstrip(",") for t in tokens if t.rstrip(",")]
    if not tokens or not all(_LETTER_RE.search(t) for t in tokens):
        return None
    if any(t[0].islower() and t.lower() not in _PARTICLES for t in tokens):
        return None  # "George of Britain" is not a personal name
    # Prose writes no Vancouver names: a final initial ("John F.") is the surname's place.
    parts = split_natural(" ".join(tokens), vancouver=False)
    if parts is None:
        return None
    surname = parts.surname if _is_initial(tokens[-1]) else parts.surname.rstrip(".")
    given = tuple(t.rstrip(".") for t in (parts.given or "").split())
    if not surname:
        return None
    return PersonName(given, surname, suffix)


def _given_compatible(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    fa, fb = _NICKNAMES.get(fa, fa), _NICKNAMES.get(fb, fb)
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0] or translit_key(fa)[:1] == translit_key(fb)[:1]
    ka, kb = translit_key(fa), translit_key(fb)
    if ka == kb:
        return True
    return min(len(ka), len(kb)) >= 5 and _edit_distance_at_most_one(ka, kb)


def names_compatible(a: PersonName, b: PersonName) -> bool:
    """Whether two names can name the same person.

    Surnames must share a transliteration key; the first given names must agree (initials agree with
    any name with that letter; a missing given name agrees with anything); a middle name written by
    both must agree; suffixes written by both must be equal.

    >>> p = parse_person_name
    >>> names_compatible(p("Franklin D. Roosevelt"), p("Franklin Delano Roosevelt"))
    True
    >>> names_compatible(p("Franklin Roosevelt"), p("Theodore Roosevelt"))
    False
    """
    if a.surname_key != b.surname_key or not a.surname_key:
        return False
    if a.suffix and b.suffix and fold(a.suffix).rstrip(".") != fold(b.suffix).rstrip("."):
        return False
    if not a.given or not b.given:
        return True
    if not _given_compatible(a.given[0], b.given[0]):
        return False
    # A middle name must not contradict; a patronymic or second name missing on one side is fine.
    return len(a.given) < 2 or len(b.given) < 2 or _given_compatible(a.given[1], b.given[1])


def _initials_match(acronym: str, name: PersonName) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", acronym).upper()
    initials = name.initials
    if letters == initials:
        return True
    # "FDR" for a name written without its middle initial ("Franklin Roosevelt").
    return len(name.given) == 1 and len(letters) == 3 and letters[0] == initials[0] and letters[-1] == initials[-1]
