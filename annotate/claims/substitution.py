"""Substitutions: a claim's name, date or number absent from a passage that holds another of its kind in its place.

Fact-checking claims are often made false by replacing one name or number of a true sentence ("owned by
ESPN" for "owned by Comcast", "June 3, 2003" for "June 5, 2003"); the word overlap cannot see it, since
names and numbers are left out of it. A claim item (an entity, a date or a quantity of
:class:`~annotate.model.Facets`) is *substituted* in a passage when the passage lacks it but holds an
item of the same kind (entity type, date precision, quantity unit) that the claim lacks, standing next to
the same words: a content word of the claim (a stem the passage also has) within :data:`WINDOW` words
before both items, or after both. A name counts as present when the passage has a part or a whole of
it. Features for the stance model (:mod:`annotate.claims.stance`); what each is worth is learned there.

>>> from annotate.claims.facets import extract_facets
>>> claim = extract_facets("The channel is owned by ESPN.")
>>> sorted(substitution_features("The channel is owned by ESPN.", claim, "The channel was owned by Comcast.",
...                              extract_facets("The channel was owned by Comcast.")))
['swap:entity']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from annotate.claims.words import word_stem
from annotate.model import DateValue, Entity, Facets, Quantity

__all__ = ["WINDOW", "Item", "items", "substitution_features"]

#: How many words on each side of an item make its slot.
WINDOW = 3
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class Item(NamedTuple):
    """One name, date or number of a text: its facet (``entity``, ``date``, ``quantity``), its kind
    within the facet, a key equal for equal items, and its text."""

    facet: str
    kind: str
    key: str
    text: str  # as written; its span is looked up in the text compared (a clause's facets may count from its sentence)


def _entity(e: Entity) -> Item:
    return Item("entity", e.type.value, e.key, e.text)


def _date(d: DateValue) -> Item:
    return Item("date", d.precision.value, f"{d.start}/{d.end}", d.text)


def _quantity(q: Quantity) -> Item:
    return Item("quantity", f"{q.unit}:{q.ordinal}", f"{q.value}", q.text)


def items(facets: Facets) -> list[Item]:
    """The entities, dates and quantities of ``facets`` as :class:`Item` records, in that order.

    >>> from annotate.claims.facets import extract_facets
    >>> [(i.facet, i.kind, i.key) for i in items(extract_facets("John Smith left Paris on 3 June 2003."))]
    [('entity', 'person', 'john-smith'), ('entity', 'place', 'paris'), ('date', 'day', '2003-06-03/2003-06-03')]
    """
    return (
        [_entity(e) for e in facets.entities]
        + [_date(d) for d in facets.dates]
        + [_quantity(q) for q in facets.quantities]
    )


def _spans(text: str, found: Iterable[Item]) -> list[tuple[int, int]]:
    out = []
    for item in found:
        at = text.find(item.text)
        if at >= 0:
            out.append((at, at + len(item.text)))
    return out


def _slot(text: str, item: Item, taken: list[tuple[int, int]]) -> set[tuple[str, str]]:
    """The content stems within :data:`WINDOW` words before (``<``) and after (``>``) ``item``, words of
    other items left out (another name or number is no anchor)."""
    at = text.find(item.text)
    if at < 0:
        return set()
    span = (at, at + len(item.text))

    def free(m: re.Match[str]) -> bool:
        return not any(s <= m.start() < e for s, e in taken)

    tokens = [m for m in _TOKEN.finditer(text) if free(m)]
    before = [m for m in tokens if m.end() <= span[0]][-WINDOW:]
    after = [m for m in tokens if m.start() >= span[1]][:WINDOW]
    return {("<", stem) for stem in _stems(before)} | {(">", stem) for stem in _stems(after)}


def _stems(words: Iterable[re.Match[str]]) -> set[str]:
    """The content stems of ``words`` (function words have none)."""
    return {stem for m in words if (stem := word_stem(m.group().lower()))}


def _name_words(item: Item) -> set[str]:
    return set(item.key.split("-"))


def _present(ci: Item, unit: list[Item], unit_words: set[str]) -> bool:
    """Whether the unit has the claim item: the same key; for a name, also all its words, a person's
    last name, or a name whose words are a part or a whole of its words ("the Pelicans", "Emma
    Charlotte Duerre Watson" for "Emma Watson")."""
    if any((u.facet, u.kind, u.key) == (ci.facet, ci.kind, ci.key) for u in unit):
        return True
    if ci.facet != "entity":
        return False
    words = _name_words(ci)
    if words <= unit_words or (ci.kind == "person" and ci.key.rsplit("-", 1)[-1] in unit_words):
        return True
    return any(u.facet == "entity" and (_name_words(u) <= words or words <= _name_words(u)) for u in unit)


def _substitutes(claim_text: str, claim: list[Item], unit_text: str, unit: list[Item]) -> Iterator[str]:
    """The facet of every claim item the unit lacks and replaces in the same slot."""
    claim_keys = {(i.facet, i.kind, i.key) for i in claim}
    claim_names = [_name_words(i) for i in claim if i.facet == "entity"]
    unit_words = {m.group().lower() for m in _TOKEN.finditer(unit_text)}
    shared = _stems(_TOKEN.finditer(claim_text)) & _stems(_TOKEN.finditer(unit_text))
    claim_spans = _spans(claim_text, claim)
    unit_spans = _spans(unit_text, unit)
    for ci in claim:
        if _present(ci, unit, unit_words):
            continue
        slot = {(side, stem) for side, stem in _slot(claim_text, ci, claim_spans) if stem in shared}
        if not slot:
            continue
        rivals = [
            u
            for u in unit
            if u.facet == ci.facet
            and u.kind == ci.kind
            and (u.facet, u.kind, u.key) not in claim_keys
            and not (u.facet == "entity" and any(_name_words(u) <= n or n <= _name_words(u) for n in claim_names))
        ]
        if any(slot & _slot(unit_text, u, unit_spans) for u in rivals):
            yield ci.facet


def substitution_features(claim_text: str, claim: Facets, unit_text: str, unit: Facets) -> dict[str, float]:
    """``swap:<facet>`` (1.0) for each facet in which the unit replaces one of the claim's items in the
    same slot, and ``swap:none_missing`` when the claim has items and the unit has them all.

    >>> from annotate.claims.facets import extract_facets
    >>> substitution_features("Born on 3 June 2003.", extract_facets("Born on 3 June 2003."),
    ...                       "Born on 5 June 2003.", extract_facets("Born on 5 June 2003."))
    {'swap:date': 1.0}
    """
    ci, ui = items(claim), items(unit)
    out = {f"swap:{facet}": 1.0 for facet in _substitutes(claim_text, ci, unit_text, ui)}
    unit_words = {m.group().lower() for m in _TOKEN.finditer(unit_text)}
    if ci and not out and all(_present(i, ui, unit_words) for i in ci):
        out["swap:none_missing"] = 1.0
    return out
