"""Merge references that cite the same work.

Two references are the same work (:func:`same_work`) when their titles agree after normalisation
(case, accents, punctuation, a leading article, a trailing period; a subtitle may be present in one
and missing in the other), their people agree (same family names; given names compatible, so
"Edward M." matches "E. M." and "Edward"), and their years, containers and volumes do not contradict
each other. :func:`deduplicate` keeps the order of first appearance, the union of every provenance, and
the most complete value of each field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs

from bibliography.model import FIELDS, Person, Provenance, Reference

__all__ = ["deduplicate", "same_work"]

_PEOPLE = ("authors", "editors", "translators")
_JOINED = {"note": "; ", "annotation": " ", "unparsed": " | "}
_ARTICLES = re.compile(r"^(?:the|a|an|le|la|les|l|der|die|das|el|los|las|il|lo)\s+")


def _norm(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.sub(r"[^\w\s]|_", " ", stripped)
    return _ARTICLES.sub("", re.sub(r"\s+", " ", words).strip())


def _main_title(title: str | None) -> str:
    """The title before its subtitle (split at the first colon, or at a question mark)."""
    if not title:
        return ""
    head = re.split(r":\s|[?!]\s|\s[–—]\s|\.\s", title, maxsplit=1)[0]
    return _norm(head)


def _titles_match(a: str | None, b: str | None) -> bool:
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    ma, mb = _main_title(a), _main_title(b)
    # A subtitle present in one citation and missing in the other.
    return (ma == nb and ma != na) or (mb == na and mb != nb)


def _initials(given: str | None) -> list[str]:
    return [tok for tok in re.split(r"[\s.\-]+", given or "") if tok]


def _given_compatible(a: str | None, b: str | None) -> bool:
    ta, tb = _initials(a), _initials(b)
    if not ta or not tb:
        return True
    for x, y in zip(ta, tb, strict=False):
        if len(x) > 1 and len(y) > 1:
            if _norm(x) != _norm(y):
                return False
        elif _norm(x)[:1] != _norm(y)[:1]:
            return False
    return True


def _person_match(a: Person, b: Person) -> bool:
    if a.literal or b.literal:
        return _norm(a.literal or a.display) == _norm(b.literal or b.display)
    return _norm(a.family) == _norm(b.family) and _given_compatible(a.given, b.given)


def _people_match(a: Sequence[Person], b: Sequence[Person]) -> bool:
    if not a and not b:
        return True
    if not a or not b:
        return False
    if not _person_match(a[0], b[0]):
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    # "et al." lists are shorter: every named person must appear in the longer list.
    return all(any(_person_match(p, q) for q in longer) for p in shorter)


def _year(ref: Reference) -> str | None:
    if not ref.year or ref.year in {"n.d.", "forthcoming", "in press"}:
        return None
    return ref.year[:4]


def same_work(a: Reference, b: Reference) -> bool:
    """True when two references cite the same work (see the module docstring for the rules).

    >>> from bibliography.model import Person, Reference
    >>> x = Reference(authors=[Person(family="Bennett", given="Edward M.")], year="1970",
    ...               title="Recognition of Russia: An American Foreign Policy Dilemma.")
    >>> y = Reference(authors=[Person(family="Bennett", given="E. M.")], year="1970",
    ...               title="Recognition of Russia")
    >>> same_work(x, y)
    True
    >>> same_work(x, Reference(authors=x.authors, year="1970", title="Another Book"))
    False
    """
    if a.title or b.title:
        if not _titles_match(a.title, b.title):
            return False
    elif _norm(a.raw) != _norm(b.raw) or not a.raw:
        return False
    if not _people_match(a.authors or a.editors, b.authors or b.editors):
        return False
    ya, yb = _year(a), _year(b)
    if ya and yb and ya != yb:
        return False
    if a.container_title and b.container_title and not _titles_match(a.container_title, b.container_title):
        return False
    return not (a.volume and b.volume and _norm(a.volume) != _norm(b.volume))


def _better_person(a: Person, b: Person) -> Person:
    if a.literal or b.literal:
        return a if len(a.display) >= len(b.display) else b
    given = a.given if len(a.given or "") >= len(b.given or "") else b.given
    return Person(
        family=a.family,
        given=given,
        particle=a.particle or b.particle,
        suffix=a.suffix or b.suffix,
    )


def _merge_people(a: tuple[Person, ...], b: tuple[Person, ...]) -> tuple[Person, ...]:
    if len(b) > len(a):
        a, b = b, a
    merged = list(a)
    for i, person in enumerate(merged):
        match = next((q for q in b if _person_match(person, q)), None)
        if match is not None:
            merged[i] = _better_person(person, match)
    return tuple(merged)


def _more_complete(a: str, b: str) -> str:
    """The longer value when the two differ only in completeness; the first one otherwise."""
    na, nb = _norm(a), _norm(b)
    if na == nb:
        return a
    if nb.startswith(na) or (len(nb) > len(na) and na in nb):
        return b
    return a


def _merge(a: Reference, b: Reference) -> Reference:
    changes: dict[str, Any] = {}
    conf = dict(a.confidence)
    b_conf = dict(b.confidence)
    for field in FIELDS:
        va, vb = getattr(a, field), getattr(b, field)
        if not vb:
            continue
        if not va:
            changes[field] = vb
            if field in b_conf:
                conf[field] = b_conf[field]
            continue
        if field in _PEOPLE:
            changes[field] = _merge_people(va, vb)
        elif field in _JOINED:
            if _norm(vb) in _norm(va):
                continue
            changes[field] = vb if _norm(va) in _norm(vb) else va + _JOINED[field] + vb
        elif field not in {"year", "date", "original_year", "accessed"}:
            best = _more_complete(va, vb)
            if best != va:
                changes[field] = best
                if field in b_conf:
                    conf[field] = b_conf[field]
    provenance: list[Provenance] = list(a.provenance)
    provenance += [p for p in b.provenance if p not in provenance]
    changes["provenance"] = tuple(provenance)
    if (b.confidence_of("type") or 0.0) > (a.confidence_of("type") or 0.0):
        changes["type"] = b.type
        conf["type"] = b_conf["type"]
    if a.key is None and b.key is not None:
        changes["key"] = b.key
    changes["confidence"] = conf
    return attrs.evolve(a, **changes)


def deduplicate(refs: Sequence[Reference]) -> list[Reference]:
    """Merge references to the same work, keeping the order of first appearance.

    The merged reference keeps the first one's key and raw string, every provenance (union, in
    order), and for each field the most complete value (a title with its subtitle, "Edward M." over
    "E. M.", a filled field over an empty one).

    >>> from bibliography.model import Provenance, Reference
    >>> a = Reference(title="Memoirs", year="1948", provenance=[Provenance(source="s1")])
    >>> b = Reference(title="Memoirs.", year="1948", publisher="Macmillan", provenance=[Provenance(source="s2")])
    >>> [(r.publisher, [p.source for p in r.provenance]) for r in deduplicate([a, b])]
    [('Macmillan', ['s1', 's2'])]
    """
    merged: list[Reference] = []
    # Blocking: two references can be one work only when their titles match, that is when one's
    # normalised title equals the other's, or the title before one's subtitle equals the other's whole
    # title, and their years do not differ. So only references sharing such a title key and the same
    # year (or no year) are compared: linear in practice even for a thousand "Annual Report"s.
    by_title: _Blocks = {}
    by_main: _Blocks = {}
    for ref in refs:
        full, main = _norm(ref.title), _main_title(ref.title)
        year = _year(ref) or ""
        candidates: set[int] = set()
        if full:
            for blocks, key in ((by_title, full), (by_main, full), (by_title, main)):
                _candidates(blocks.get(key), year, candidates)
        for i in sorted(candidates):
            if same_work(merged[i], ref):
                merged[i] = _merge(merged[i], ref)
                _index(by_title, by_main, merged[i], i)
                break
        else:
            merged.append(ref)
            _index(by_title, by_main, ref, len(merged) - 1)
    return merged


#: title key -> year ("" when none) -> indices of merged references.
_Blocks = dict[str, dict[str, set[int]]]


def _candidates(block: dict[str, set[int]] | None, year: str, out: set[int]) -> None:
    if not block:
        return
    if year:
        out.update(block.get(year, ()))
        out.update(block.get("", ()))
    else:
        for indices in block.values():
            out.update(indices)


def _index(by_title: _Blocks, by_main: _Blocks, ref: Reference, i: int) -> None:
    full, main = _norm(ref.title), _main_title(ref.title)
    year = _year(ref) or ""
    if full:
        by_title.setdefault(full, {}).setdefault(year, set()).add(i)
    if main:
        by_main.setdefault(main, {}).setdefault(year, set()).add(i)
