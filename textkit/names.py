"""The person-name parser: one personal name, in any common order, split into given names, particle,
family name and suffix.

Orders read: inverted (``Okafor, Adaeze N.``, ``King, Martin Luther, Jr.``, BibTeX's
``von Last, Jr, First``), reading order (``Adaeze N. Okafor``, ``Ludwig van Beethoven``) and
Vancouver (``Smith JM``). Particles and suffixes come from data files with their source
(``textkit/data/name_particles.txt``, ``name_suffixes.txt``). Deciding whether a string is a person
at all (organisations, "et al.", lists, titles such as "Secretary of State") is the caller's job:
``bibliography.names`` and ``annotate``'s entity names build on this parser.

>>> split_name("van Beethoven, Ludwig")
NameParts(family='Beethoven', given='Ludwig', particle='van', suffix=None)
>>> split_name("Martin Luther King, Jr.").suffix
'Jr.'
>>> split_name("Smith JM").given
'JM'
"""

from __future__ import annotations

import re
from importlib import resources

import attrs

__all__ = [
    "PARTICLES",
    "SUFFIXES",
    "SUFFIX_FORMS",
    "NameParts",
    "is_initials",
    "is_name_token",
    "is_particle",
    "is_suffix",
    "is_vancouver",
    "split_inverted",
    "split_name",
    "split_natural",
]


def _load(name: str) -> frozenset[str]:
    text = resources.files("textkit").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


#: Lower-case name particles ("nobiliary" and patronymic prefixes) kept apart from the family name.
PARTICLES: frozenset[str] = _load("name_particles.txt")

#: Generational and similar suffixes, lower case, without a final period.
SUFFIXES: frozenset[str] = _load("name_suffixes.txt")

#: The suffixes as a lower-cased token may be written: with or without the final period ("jr", "jr.").
SUFFIX_FORMS: frozenset[str] = SUFFIXES | frozenset(s + "." for s in SUFFIXES)

_INITIALS_RE = re.compile(r"^(?:[^\W\d_][^\W\d_]?\.\s?-?)+$|^[^\W\d_]\.?(?:-[^\W\d_]\.?)+$")
_VANCOUVER_INITIALS_RE = re.compile(r"^[A-Z]{1,3}$")
_NAME_TOKEN_RE = re.compile(r"^(?:[^\W\d_]+['’.\-]?)*[^\W\d_]+\.?$")


@attrs.frozen(slots=True)
class NameParts:
    """A personal name in parts; ``given`` keeps initials and their periods as written."""

    family: str
    given: str | None = None
    particle: str | None = None
    suffix: str | None = None

    @property
    def surname(self) -> str:
        """The family name with its particle ("de Gaulle")."""
        return f"{self.particle} {self.family}" if self.particle else self.family


def is_initials(text: str) -> bool:
    """True for initials such as ``M.``, ``A. S.``, ``J.R.R.``, ``J.-P.`` or ``Ch.``.

    >>> is_initials("A. S."), is_initials("Wayne")
    (True, False)
    """
    text = text.strip()
    if not text or not text[0].isupper():
        return False
    return all(_INITIALS_RE.match(tok) for tok in text.split())


def is_suffix(token: str) -> bool:
    """Whether ``token`` is a name suffix ("Jr.", "III"), trailing punctuation ignored."""
    return token.strip().rstrip(".,;:").strip().lower() in SUFFIXES


def is_particle(token: str) -> bool:
    """Whether ``token`` is a name particle in any case ("van", "De"), a trailing comma ignored."""
    low = token.strip().rstrip(",").lower()
    return low in PARTICLES or low.rstrip(".") in PARTICLES


def is_name_token(token: str) -> bool:
    """A capitalised word, an initial, or a particle: the pieces personal names are made of.

    >>> is_name_token("O'Brien"), is_name_token("al-Hakim"), is_name_token("von"), is_name_token("1933")
    (True, True, True, False)
    """
    tok = token.strip().rstrip(",;")
    if not tok:
        return False
    if is_particle(tok) or is_initials(tok):
        return True
    # Prefixed forms: al-Hakim, d'Arcy, O'Brien, McNeill, Botzenhart-Viehe.
    head = re.sub(r"^(?:al|el|d|l|ad|as|ash|at|az)['’\-]", "", tok, flags=re.IGNORECASE)
    if not head or not head[0].isupper():
        return False
    return bool(_NAME_TOKEN_RE.match(head))


def is_vancouver(tokens: list[str]) -> bool:
    """ "Smith JM": a family name followed by run-together capital initials."""
    return (
        len(tokens) >= 2
        and bool(_VANCOUVER_INITIALS_RE.match(tokens[-1].rstrip(".,")))
        and len(tokens[-2].rstrip(".")) > 1
        and not tokens[-2].isupper()
    )


def _split_particle_family(family_tokens: list[str]) -> tuple[str | None, str]:
    i = 0
    while i < len(family_tokens) - 1 and is_particle(family_tokens[i]) and family_tokens[i][:1].islower():
        i += 1
    particle = " ".join(family_tokens[:i]) or None
    return particle, " ".join(family_tokens[i:])


def split_inverted(family_part: str, given_part: str | None, suffix: str | None = None) -> NameParts | None:
    """A name given as family part and given part (``Okafor`` / ``Adaeze N.``); None without a family.

    >>> split_inverted("Schlesinger Jr", "Arthur")
    NameParts(family='Schlesinger', given='Arthur', particle=None, suffix='Jr')
    >>> split_inverted("Beethoven", "Ludwig van").particle
    'van'
    """
    fam_tokens = family_part.split()
    # "Schlesinger Jr, Arthur" (Google Scholar's export) carries the suffix in the family part.
    if len(fam_tokens) > 1 and is_suffix(fam_tokens[-1]) and suffix is None:
        suffix = fam_tokens.pop()
    particle, family = _split_particle_family(fam_tokens)
    given_tokens = given_part.split() if given_part else []
    # "Arthur M. Jr." carries its suffix inside the given names.
    if given_tokens and is_suffix(given_tokens[-1]) and suffix is None and len(given_tokens) > 1:
        suffix = given_tokens.pop()
    # "Ludwig van" (Chicago's sorted form of "Ludwig van Beethoven") carries the particle at the end.
    trailing: list[str] = []
    while len(given_tokens) > 1 and given_tokens[-1][:1].islower() and is_particle(given_tokens[-1]):
        trailing.insert(0, given_tokens.pop())
    if trailing:
        particle = " ".join([*trailing, *([particle] if particle else [])])
    if not family:
        return None
    return NameParts(family=family, given=" ".join(given_tokens) or None, particle=particle, suffix=suffix)


def split_natural(text: str, *, vancouver: bool = True) -> NameParts | None:
    """A name in reading order (or Vancouver's ``Smith JM`` unless ``vancouver`` is false); None when
    there is no word.

    >>> split_natural("Charles de Gaulle").surname
    'de Gaulle'
    """
    tokens = text.split()
    if not tokens:
        return None
    suffix = None
    if len(tokens) > 1 and is_suffix(tokens[-1]):
        suffix = tokens.pop().rstrip(",")
        tokens[-1] = tokens[-1].rstrip(",")
    if len(tokens) == 1:
        return NameParts(family=tokens[0], suffix=suffix)
    if vancouver and is_vancouver(tokens):
        particle, family = _split_particle_family(tokens[:-1])
        # The period after Vancouver initials separates elements; it is not part of the name.
        return NameParts(family=family, given=tokens[-1].rstrip("."), particle=particle, suffix=suffix)
    # BibTeX's rule: the particle is the run of lower-case words before the family name.
    first_lower = next((i for i, t in enumerate(tokens[:-1]) if i > 0 and t[:1].islower() and is_particle(t)), None)
    if first_lower is not None:
        j = first_lower
        while j < len(tokens) - 1 and tokens[j][:1].islower() and is_particle(tokens[j]):
            j += 1
        return NameParts(
            family=" ".join(tokens[j:]),
            given=" ".join(tokens[:first_lower]) or None,
            particle=" ".join(tokens[first_lower:j]),
            suffix=suffix,
        )
    return NameParts(family=tokens[-1], given=" ".join(tokens[:-1]) or None, suffix=suffix)


def split_name(text: str) -> NameParts | None:
    """Split one personal name written in any common order; None when its commas fit no order.

    >>> split_name("King, Martin Luther, Jr.")
    NameParts(family='King', given='Martin Luther', particle=None, suffix='Jr.')
    >>> split_name("von Hoffmann, Jr, Karl").suffix
    'Jr'
    >>> split_name("A, B, C, D") is None
    True
    """
    parts = [p.strip() for p in text.split(",")]
    parts = [p for p in parts if p]
    if len(parts) == 1:
        return split_natural(parts[0])
    if len(parts) == 2:
        if is_suffix(parts[1]):
            # "Martin Luther King, Jr."
            person = split_natural(parts[0])
            return None if person is None else attrs.evolve(person, suffix=parts[1])
        return split_inverted(parts[0], parts[1])
    if len(parts) == 3:
        if is_suffix(parts[2]):
            return split_inverted(parts[0], parts[1], parts[2])
        if is_suffix(parts[1]):
            # BibTeX's "von Last, Jr, First".
            return split_inverted(parts[0], parts[2], parts[1])
    return None
