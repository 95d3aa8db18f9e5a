"""Cite keys in the Google Scholar / Better BibTeX shape: ``bennett1970recognition``.

A key is the ASCII family name of the first author (first editor when there is no author; the first
significant word of an organisation's name; the first significant title word for anonymous works),
the year ("nd" without one), and the first significant title word (for anonymous works the next one),
all lower-case ASCII. :func:`assign_keys` makes keys unique within a list: every reference whose key
collides gets a suffix ``a``, ``b``, ... in input order (like "1970a", "1970b" in author-date styles).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import attrs

from bibliography.errors import DuplicateKeyError
from bibliography.model import Person, Reference

__all__ = ["STOP_WORDS", "ascii_fold", "assign_keys", "make_key"]

#: Words skipped when a key takes "the first significant word" of a title or an organisation.
STOP_WORDS: frozenset[str] = frozenset(
    {
        "a", "an", "the", "of", "and", "on", "in", "to", "for", "at", "by", "from", "with", "about", "as",
        "into", "or", "le", "la", "les", "l", "un", "une", "des", "du", "de", "der", "die", "das", "den",
        "dem", "ein", "eine", "el", "los", "las", "lo", "il", "gli", "i", "una", "uno", "y", "et", "und",
        "von", "van", "d", "s",
    }
)  # fmt: skip

_SPECIAL = {
    "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "æ": "ae", "Æ": "ae", "œ": "oe",
    "Œ": "oe", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "ħ": "h",
    "Ħ": "h", "ŀ": "l", "Ŀ": "l", "ŋ": "n", "Ŋ": "n", "ŧ": "t", "Ŧ": "t", "ĸ": "k", "ſ": "s",
}  # fmt: skip
# Russian/Ukrainian/Belarusian Cyrillic, transliterated roughly as library catalogues do (BGN/PCGN-like).
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
         "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia", "i", "i", "ie", "g",
         "u"],
        strict=True,
    )
)  # fmt: skip


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: accents stripped, ß -> ss, ø -> o, ł -> l, æ -> ae, Cyrillic romanised.

    >>> ascii_fold("Łukasiewicz"), ascii_fold("Straße"), ascii_fold("Ødegaard"), ascii_fold("Хрущёв")
    ('lukasiewicz', 'strasse', 'odegaard', 'khrushchev')
    """
    out: list[str] = []
    for ch in text:
        low = ch.lower()
        if ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        elif low in _CYRILLIC:
            out.append(_CYRILLIC[low])
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return re.sub(r"[^a-z0-9]", "", decomposed.lower().encode("ascii", "ignore").decode("ascii"))


def _significant_words(text: str | None) -> list[str]:
    if not text:
        return []
    words = []
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # "U.S." is one word
    for raw in re.split(r"[\s\-–—/:;,.!?()\[\]\"“”‘’']+", text):
        folded = ascii_fold(raw)
        if folded and ascii_fold(raw.lower()) not in STOP_WORDS:
            words.append(folded)
    return words


def _person_word(person: Person) -> str:
    if person.literal:
        words = _significant_words(person.literal)
        return words[0] if words else ""
    return ascii_fold(person.family or "")


def make_key(ref: Reference) -> str:
    """The base cite key of one reference (before :func:`assign_keys` adds collision suffixes).

    >>> from bibliography.model import Person, Reference
    >>> make_key(Reference(authors=[Person(family="Bennett", given="Edward M.")],
    ...                    title="Recognition of Russia", year="1970"))
    'bennett1970recognition'
    >>> make_key(Reference(title="The Anonymous Chronicle of Kyiv"))
    'anonymousndchronicle'
    """
    title_words = _significant_words(ref.title)
    people = ref.authors or ref.editors or ref.translators
    head = _person_word(people[0]) if people else ""
    if not head and title_words:
        head, title_words = title_words[0], title_words[1:]
    head = head.lstrip("0123456789") or "anon"
    if ref.year is None or ref.year == "n.d.":
        year = "nd"
    else:
        m = re.match(r"\d{4}", ref.year)
        year = m.group(0) if m else ascii_fold(ref.year)
    return head + year + (title_words[0] if title_words else "")


def _suffix(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, 27 -> ab, ..."""
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


def assign_keys(refs: Sequence[Reference]) -> list[Reference]:
    """Give every reference without a key a unique one; references that already have a key keep it.

    Keys that collide get ``a``, ``b``, ... in input order, so the result depends only on the input
    (same list in, same keys out). Raises :class:`DuplicateKeyError` when two given keys are equal.

    >>> from bibliography.model import Person, Reference
    >>> r = Reference(authors=[Person(family="Hull")], title="Memoirs", year="1948")
    >>> [x.key for x in assign_keys([r, r, Reference(title="Other", year="1948")])]
    ['hull1948memoirsa', 'hull1948memoirsb', 'other1948']
    """
    taken: set[str] = set()
    for ref in refs:
        if ref.key is not None:
            if ref.key in taken:
                raise DuplicateKeyError(f"cite key {ref.key!r} is given to two references")
            taken.add(ref.key)
    bases = [make_key(ref) if ref.key is None else None for ref in refs]
    counts = Counter(b for b in bases if b is not None)
    next_letter: dict[str, int] = {}
    out: list[Reference] = []
    for ref, base in zip(refs, bases, strict=True):
        if base is None:
            out.append(ref)
            continue
        key = base
        if counts[base] > 1 or base in taken:
            n = next_letter.get(base, 0)
            while (key := base + _suffix(n)) in taken or (key in counts and key != base):
                n += 1
            next_letter[base] = n + 1
        taken.add(key)
        out.append(attrs.evolve(ref, key=key))
    return out
