"""The rule parser's reading of each word token, as features of the learned labeler (stacking).

The labeler sees, for every token, the field the rule parser put it in (``r=title``, ``r=unparsed``,
``r=none`` for words no field holds, such as "and" between names), the fields of its neighbours, the
reference type the rules decided and whether the rule parse looks complete (a title, a year and
people, nothing unparsed). The rules are not trained, so reading the training strings with them leaks
nothing; the labeler learns where to follow them (clean strings in the styles they were written for)
and where to overrule them.

A field value is found in the string as written (blanks may differ); the longest values are placed
first, each at its first place whose tokens no other value holds, then the people's name words fill
tokens still free.

>>> from bibliography.model import Person, Reference
>>> from bibliography.parse.tokens import tokenize
>>> text = "Smith, John. 2001. A History. London: Macmillan."
>>> ref = Reference(title="A History", year="2001", place="London", publisher="Macmillan",
...                 authors=(Person(family="Smith", given="John"),))
>>> rule_fields(tokenize(text), text, ref)
['authors', 'authors', 'year', 'title', 'title', 'place', 'publisher']
"""

from __future__ import annotations

import re

from bibliography.model import Reference
from bibliography.parse.tokens import Token

# The fields placed by their text; people are placed by their name words afterwards.
_TEXT_FIELDS = (
    "title",
    "container_title",
    "collection_title",
    "volume",
    "issue",
    "pages",
    "edition",
    "number_of_volumes",
    "place",
    "publisher",
    "year",
    "original_year",
    "url",
    "doi",
    "isbn",
    "accessed",
    "note",
    "annotation",
    "unparsed",
)
_PEOPLE = ("authors", "editors", "translators")
_WORD_RE = re.compile(r"[^\W_]+")


def _pieces(value: str) -> list[str]:
    """A field's value cut where the parser joined pieces ("; " between notes, " | " in unparsed)."""
    return [p for p in re.split(r" \| |; ", value) if _WORD_RE.search(p)]


def _matches(text: str, words: list[str]) -> list[tuple[int, int]]:
    """The non-overlapping places of ``words`` in ``text``, left to right, with any blanks (or none)
    between them: what ``re.finditer(r"\\s*".join(map(re.escape, words)), text)`` finds, without
    compiling a pattern per value (one per reference string, so the regex cache never hits)."""
    found: list[tuple[int, int]] = []
    first = words[0]
    p = text.find(first)
    while p >= 0:
        q = p + len(first)
        for w in words[1:]:
            while q < len(text) and text[q].isspace():
                q += 1
            if not text.startswith(w, q):
                break
            q += len(w)
        else:
            found.append((p, q))
            p = text.find(first, q)
            continue
        p = text.find(first, p + 1)
    return found


def _place(tokens: list[Token], text: str, value: str, field: str, out: list[str]) -> None:
    words = value.split()
    if not words:
        return
    for start, end in _matches(text, words):
        idx = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
        if idx and all(out[i] == "none" for i in idx):
            for i in idx:
                out[i] = field
            return


def rule_fields(tokens: list[Token], text: str, ref: Reference) -> list[str]:
    """The rule parse's field of every token (``none`` where no field holds it)."""
    out = ["none"] * len(tokens)
    found: list[tuple[str, str]] = []
    for field in _TEXT_FIELDS:
        value = getattr(ref, field)
        if value:
            found.extend((field, piece) for piece in _pieces(str(value)))
    for field, value in sorted(found, key=lambda fv: -len(fv[1])):
        _place(tokens, text, value, field, out)
    for role in _PEOPLE:
        words: set[str] = set()
        for person in getattr(ref, role):
            for part in (person.given, person.particle, person.family, person.suffix, person.literal):
                words.update(_WORD_RE.findall(part or ""))
        for i, tok in enumerate(tokens):
            if out[i] == "none" and tok.text in words:
                out[i] = role
    return out


def complete(ref: Reference) -> bool:
    """Does the rule parse look complete: a title, a year, people, nothing unparsed?"""
    return bool(ref.title and ref.year and (ref.authors or ref.editors) and not ref.unparsed)


def rule_features(tokens: list[Token], text: str, ref: Reference) -> list[list[str]]:
    """Every token's stacking features (see the module docstring)."""
    fields = rule_fields(tokens, text, ref)
    sure = complete(ref)
    kind = f"rt={ref.type}"
    out = []
    n = len(fields)
    for i, field in enumerate(fields):
        prev = fields[i - 1] if i else "START"
        nxt = fields[i + 1] if i + 1 < n else "END"
        feats = [f"r={field}", f"r-1={prev}", f"r+1={nxt}", f"r<>={prev}|{nxt}", kind]
        if sure:
            feats.append(f"r={field}|sure")
        out.append(feats)
    return out
