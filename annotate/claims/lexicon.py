"""Word lists for recognising names: titles, name-making nouns, sentence openers, and the built-in
states, cities and organisations with their aliases, demonyms, adjectives and seats."""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

from textkit.names import PARTICLES, SUFFIX_FORMS


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a lexicon string."""
    return text.split()


def _table(name: str) -> str:
    """A knowledge table from ``annotate/claims/data/entities`` (see the README there), exactly as stored."""
    return resources.files("annotate.claims").joinpath("data", "entities", name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower-case ASCII with accents removed and curly apostrophes straightened."""
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """The id slug of a name: ASCII lower case, runs of anything else become one hyphen.

    >>> slug("Franklin D. Roosevelt"), slug("U.S. Department of State")
    ('franklin-d-roosevelt', 'u-s-department-of-state')
    """
    value = re.sub(r"[^a-z0-9]+", "-", fold(text).replace("'", "")).strip("-")
    return value or "x"


_TRANSLIT_RULES: tuple[tuple[str, str], ...] = (
    (r"ph", "f"),
    (r"x", "ks"),
    (r"ck", "k"),
    (r"q", "k"),
    (r"tsch", "ch"),
    (r"tch", "ch"),
    (r"sch", "sh"),
    (r"cz", "ch"),
    (r"kh", "h"),
    (r"tz", "ts"),
    (r"w", "v"),
    (r"[jy]", "i"),
    (r"(.)\1+", r"\1"),
    (r"^ie", "e"),
    (r"ou", "u"),
    (r"([aeiou])i([aeiou])", r"\1\2"),
    (r"([oe])f$", r"\1v"),
)


_TRANSLIT_COMPILED = tuple((re.compile(p), r) for p, r in _TRANSLIT_RULES)


@functools.lru_cache(maxsize=16384)
def translit_key(word: str) -> str:
    """A spelling-variant key for a name word: equal keys mean "probably the same name".

    It folds the common variation of romanised names: ks/x, j/y/i, ph/f, ff/v/w at the end, kh/h,
    tch/ch, doubled letters, and -sky/-ski/-skii endings.

    >>> translit_key("Maxim") == translit_key("Maksim"), translit_key("Josef") == translit_key("Joseph")
    (True, True)
    >>> translit_key("Litvinoff") == translit_key("Litvinov"), translit_key("Stalin") == translit_key("Kennedy")
    (True, False)
    """
    w = re.sub(r"[^a-z]", "", fold(word))
    for pattern, repl in _TRANSLIT_COMPILED:
        w = pattern.sub(repl, w)
    return w


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


_TITLES_STRONG = _table("titles_strong.txt")


# Titles that are also common first words of organisation names ("General Electric"): they make a
# person only before two name words or a surname already known.
_TITLES_WEAK = "General;Major;Judge;Justice;Lord;Lady;Father;Brother;Sister;Saint;Count;Duke;Baron;Earl"


# "Secretary of State", "Minister of Foreign Affairs": the words an "of" title takes.
_DEPARTMENTS = _table("departments.txt")


# Name particles and suffixes are the shared parser's (textkit/data/name_*.txt).
_PARTICLES = PARTICLES


_SUFFIXES = SUFFIX_FORMS


_NAME_CONNECTORS = frozenset(_words("of the de da di du del della der den van von la le bin ibn al el ben for"))


_GIVEN_NAMES = _table("given_names.txt")


_NICKNAMES: dict[str, str] = {
    "bill": "william",
    "will": "william",
    "billy": "william",
    "bob": "robert",
    "bobby": "robert",
    "rob": "robert",
    "dick": "richard",
    "rick": "richard",
    "jim": "james",
    "jimmy": "james",
    "jack": "john",
    "johnny": "john",
    "tom": "thomas",
    "tommy": "thomas",
    "ted": "edward",
    "ed": "edward",
    "teddy": "theodore",
    "mike": "michael",
    "dave": "david",
    "joe": "joseph",
    "harry": "henry",
    "hank": "henry",
    "chuck": "charles",
    "charlie": "charles",
    "tony": "anthony",
    "andy": "andrew",
    "alex": "alexander",
    "sasha": "alexander",
    "kate": "katherine",
    "kathy": "katherine",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "peggy": "margaret",
    "maggie": "margaret",
    "sam": "samuel",
    "ben": "benjamin",
    "fred": "frederick",
    "frank": "francis",
    "ike": "dwight",
    "nick": "nicholas",
    "steve": "stephen",
    "larry": "lawrence",
    "ron": "ronald",
    "don": "donald",
    "jerry": "gerald",
}


# Nouns that, right before a capitalised name, make it a person ("Soviet diplomat Maxim Litvinov").
_ROLE_NOUNS = frozenset(_words(_table("role_nouns.txt")))


_ORG_WORDS = frozenset(_words(_table("org_words.txt")))


_PLACE_WORDS = frozenset(_words(_table("place_words.txt")))


_EVENT_WORDS = frozenset(_words(_table("event_words.txt")))


# Words written with a capital only because they start a sentence (a generic list of English function
# words and frequent sentence openers); the text's own lower-case vocabulary is used as well.
_COMMON_WORDS = frozenset(_words(_table("common_words.txt")))


_ADJECTIVE_SUFFIXES = ("an", "ian", "ese", "ish", "ic", "ist", "ern", "ary", "al")


# Capitalised words that are never names by themselves: months, days, clock and era marks.
_NOT_NAMES = frozenset(_words(_table("not_names.txt")))


# First words of place and organisation names that are also ordinary adjectives ("New York").
_NAME_ADJECTIVES = frozenset(_words(_table("name_adjectives.txt")))


# Words after "the Japanese", "the French" that show the people are meant, not an adjective.
_AFTER_PEOPLE = frozenset(
    _words("were had have did and or who would could will are also to in at on of as for by from with themselves")
)


def _split_list(text: str, sep: str = ";") -> list[str]:
    return [t.strip() for t in text.replace("\n", "").split(sep) if t.strip()]


_GIVEN_KEYS = frozenset(translit_key(n) for n in _GIVEN_NAMES.split())


def _title_sequences(text: str) -> list[tuple[str, ...]]:
    return sorted((tuple(t.split()) for t in _split_list(text)), key=len, reverse=True)


_STRONG_TITLES = _title_sequences(_TITLES_STRONG)


_WEAK_TITLES = _title_sequences(_TITLES_WEAK)


# Titles by first word, longest first, strong before weak: the lookup is on every capitalised word.
_TITLES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], bool]]] = {}


for _titles, _strong in ((_STRONG_TITLES, True), (_WEAK_TITLES, False)):
    for _title in _titles:
        _TITLES_BY_FIRST.setdefault(_title[0], []).append((_title, _strong))


_DEPARTMENT_SEQS = _title_sequences(_DEPARTMENTS)


_STATES = _table("states.txt")


_ORGANISATIONS = _table("organisations.txt")


_CITIES = """New York;New York City;Los Angeles;Chicago;San Francisco;Boston;Philadelphia;Hong Kong;Leningrad;
Stalingrad;Vladivostok;Munich;Yalta;Potsdam;Versailles;Geneva;Hiroshima;Nagasaki;Shanghai;Pearl Harbor"""


# Predecessor/successor or part/whole links between states: related, never the same.
_LINKS = _table("links.txt")
