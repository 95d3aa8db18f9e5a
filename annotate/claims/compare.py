"""Comparing a claim with one retrievable unit of a source: words, entities, dates, quantities.

Each fact of the claim gets a :class:`FacetStatus`; what agreed is kept as typed :class:`Match`
records and what disagreed as :class:`FacetConflict` records, so the decision and the explanation
read data, never strings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

import attrs

from annotate.claims.aliases import AliasTable
from annotate.claims.names import PersonName, names_compatible, parse_person_name
from annotate.claims.words import WORD_RE, StemSet, Word, content_stems, stems_match
from annotate.model import Claim, DatePrecision, DateValue, Entity, EntityType, Quantity
from corpus.model import Passage

__all__ = [
    "ClaimView",
    "Comparison",
    "EntityIndex",
    "EntityProbe",
    "FacetConflict",
    "FacetStatus",
    "Match",
    "MatchKind",
    "Surroundings",
    "Unit",
    "compare",
    "counted",
    "entity_probes",
    "quantity_label",
    "same_entity",
]

# A date belongs to the event whose verb is at most this many words away ("signed on November 16").
_ATTACH_WORDS = 12
_YEARISH = frozenset({DatePrecision.YEAR, DatePrecision.DECADE, DatePrecision.CENTURY})
_DEFINITE = ("the", "these", "those", "both", "its", "their", "his", "her", "our", "all")


class FacetStatus(StrEnum):
    """What a unit says about one fact of the claim."""

    OK = "ok"  # stated by the unit
    IMPLIED = "implied"  # given by its context (paragraph, headings, title, year in force)
    COMPATIBLE = "compatible"  # a date the unit gives less precisely
    CONFLICT = "conflict"  # a different value
    MISSING = "missing"  # not there


class MatchKind(StrEnum):
    """The kind of fact a :class:`Match` agrees on."""

    WORDS = "words"
    ENTITY = "entity"
    DATE = "date"
    QUANTITY = "quantity"
    SOURCE_PASSAGE = "source passage"  # the claim was extracted from this passage


@attrs.frozen(slots=True)
class Match:
    """One fact of the claim that a passage agrees with; ``str()`` is its form in evidence records.

    >>> str(Match(MatchKind.ENTITY, "Moscow", "related")), Match(MatchKind.WORDS, "signed, treaty").detail
    ('entity Moscow (related)', 'signed, treaty')
    """

    kind: MatchKind
    value: str
    qualifier: str | None = None

    @property
    def detail(self) -> str:
        """The value with its qualifier: ``Moscow (related)``."""
        return self.value if self.qualifier is None else f"{self.value} ({self.qualifier})"

    def __str__(self) -> str:
        if self.kind is MatchKind.WORDS:
            return f"words: {self.value}"
        if self.kind is MatchKind.SOURCE_PASSAGE:
            return self.value
        return f"{self.kind.value} {self.detail}"


class FacetConflict(NamedTuple):
    """A fact of the claim the unit states differently."""

    facet: str  # date | quantity | actor | place | nationality | negation
    claim_value: str
    source_value: str


class EntityIndex:
    """Entities indexed for "is any of them :func:`same_entity` as / related to this one": the answers
    of a scan of every entity, by set and dict look-ups.

    A paragraph of a long paper names hundreds of entities, and every claim entity a unit does not name
    itself was compared with each of them (two thirds of the checking time on papers).

    >>> seat = ("place:soviet-union",)
    >>> index = EntityIndex([Entity("place:moscow", "Moscow", EntityType.PLACE, "Moscow", (0, 6), metonym_of=seat)])
    >>> ussr = Entity("place:soviet-union", "Soviet Union", EntityType.PLACE, "USSR", (0, 4))
    >>> index.has_same(ussr), index.has_related(_near_ids(ussr, AliasTable()))
    (False, True)
    """

    __slots__ = ("_ids", "_keys", "_other_keys", "_persons", "_targets")

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._ids: set[str] = set()
        self._keys: set[str] = set()  # every entity's key
        self._other_keys: set[str] = set()  # the keys of entities that are not persons
        # Person names by surname key: names_compatible never matches two names with different keys.
        self._persons: dict[str, dict[PersonName, None]] = {}
        self._targets: set[str] = set()  # every id and metonym target (what _related_entity intersects)
        for e in entities:
            self._ids.add(e.id)
            self._targets.add(e.id)
            self._targets.update(e.metonym_of)
            key = e.key
            self._keys.add(key)
            if e.type is EntityType.PERSON:
                parsed = _person_name(e.name)
                if parsed is not None and parsed.surname_key:
                    self._persons.setdefault(parsed.surname_key, {})[parsed] = None
            else:
                self._other_keys.add(key)

    def has_same(self, ce: Entity) -> bool:
        """Whether :func:`same_entity` holds for ``ce`` and one of the entities."""
        if ce.id in self._ids:
            return True
        if ce.type is not EntityType.PERSON:
            return ce.key in self._keys
        # A person is the same as another person by name alone, as any other entity by key.
        if ce.key in self._other_keys:
            return True
        parsed = _person_name(ce.name)
        if parsed is None:
            return False
        return any(names_compatible(parsed, other) for other in self._persons.get(parsed.surname_key, ()))

    def has_related(self, near: Iterable[str]) -> bool:
        """Whether ``_related_entity(ce, e, aliases)`` holds for one of the entities ``e``, given
        ``near = _near_ids(ce, aliases)``: one of them has one of those ids as its id or metonym target."""
        targets = self._targets
        return any(t in targets for t in near)


class Surroundings:
    """The entities around a unit: its paragraph's, and its section headings' and document title's.

    They are read on first use: a comparison needs them only for a claim entity the unit does not name,
    and reading a whole paragraph's entities costs more than the rest of a unit.

    >>> s = Surroundings(lambda: ((), ()))
    >>> s.entities()
    ((), ())
    """

    __slots__ = ("_entities", "_indexes", "_read")

    def __init__(self, read: Callable[[], tuple[tuple[Entity, ...], tuple[Entity, ...]]]) -> None:
        self._read = read
        self._entities: tuple[tuple[Entity, ...], tuple[Entity, ...]] | None = None
        self._indexes: tuple[EntityIndex, EntityIndex] | None = None

    def entities(self) -> tuple[tuple[Entity, ...], tuple[Entity, ...]]:
        """(the paragraph's entities, those of its headings and the title)."""
        if self._entities is None:
            self._entities = self._read()
        return self._entities

    def indexes(self) -> tuple[EntityIndex, EntityIndex]:
        """(the paragraph's entities, those and the headings' and title's), indexed; built on first use
        and shared by every unit of the paragraph."""
        if self._indexes is None:
            context, frame = self.entities()
            self._indexes = (EntityIndex(context), EntityIndex(context + frame))
        return self._indexes


class Unit(NamedTuple):
    """A retrievable stretch: a whole sentence or one of its clauses."""

    passage: Passage
    claim: Claim  # the unit as a claim: text, facets, raw span
    whole: bool
    stems: StemSet  # its content stems, indexed for matching
    words: tuple[Word, ...]
    adjectives: tuple[tuple[str, str, str], ...]  # (state id, adjective, noun stem): "Soviet delegation"
    year: int | None  # the year in force where the unit starts
    surroundings: Surroundings

    @property
    def context(self) -> tuple[Entity, ...]:
        """The entities of the unit's paragraph."""
        return self.surroundings.entities()[0]

    @property
    def frame(self) -> tuple[Entity, ...]:
        """The entities of its section headings and the document title."""
        return self.surroundings.entities()[1]


class ClaimView(NamedTuple):
    """A claim read once for comparing: weighted words, facets, negation and predicate."""

    claim: Claim
    words: tuple[tuple[str, str, float], ...]  # (stem, surface word, weight)
    entities: tuple[Entity, ...]
    dates: tuple[DateValue, ...]
    quantities: tuple[Quantity, ...]
    negated: bool
    adjectives: tuple[tuple[str, str, str], ...]
    predicates: StemSet  # stems of the claim's verbs (what happened)
    clauses: int  # how many clauses the claim has (see annotate.claims.clauses.split_clauses)


@attrs.define
class Comparison:
    """Everything the comparison of a claim with a unit found, facet by facet."""

    lex: float = 0.0  # the matched share of the claim's word weight
    hit_words: list[str] = attrs.Factory(list)
    matches: list[Match] = attrs.Factory(list)
    partial: list[str] = attrs.Factory(list)  # why a same-event unit does not quite support
    conflicts: list[FacetConflict] = attrs.Factory(list)
    statuses: list[FacetStatus] = attrs.Factory(list)
    entity_score: float = 0.0
    date_score: float = 0.0
    quantity_score: float = 0.0
    anchor: bool = False  # a fact of the claim stated in the unit itself
    context_anchor: bool = False  # an entity of the claim named elsewhere in the unit's paragraph
    stated: list[Word] = attrs.Factory(list)  # the unit's words stating the claim's predicate
    main: list[Word] = attrs.Factory(list)  # those not in a time clause

    @property
    def n_words(self) -> int:
        """How many of the claim's words the unit has."""
        return len(self.hit_words)


def compare(
    view: ClaimView, unit: Unit, aliases: AliasTable, probes: Sequence[EntityProbe] | None = None
) -> Comparison:
    """Compare a claim with a unit: words, then entities and national adjectives, dates, quantities.

    ``probes`` are :func:`entity_probes` of the view with ``aliases``, for a caller comparing one claim
    with many units (read here otherwise)."""
    cmp = Comparison()
    _compare_words(view, unit, cmp)
    # The unit's words that state (not merely mention) what the claim's verbs say; a date of the
    # unit can only be the date of those not in a time clause.
    predicates = view.predicates
    cmp.stated = [w for w in unit.words if not w.gerund and predicates.matches(w.stem)] if predicates else []
    cmp.main = [w for w in cmp.stated if not w.subordinate]
    _compare_entities(view, unit, entity_probes(view, aliases) if probes is None else probes, cmp)
    _compare_adjectives(view, unit, aliases, cmp)
    _compare_dates(view, unit, cmp)
    _compare_quantities(view, unit, cmp)
    return cmp


def _compare_words(view: ClaimView, unit: Unit, cmp: Comparison) -> None:
    total = sum(w for _, _, w in view.words)
    got = 0.0
    for stem, surface, weight in view.words:
        if unit.stems.matches(stem):
            got += weight
            cmp.hit_words.append(surface)
    cmp.lex = got / total if total > 0 else 0.0
    if cmp.hit_words:
        cmp.matches.append(Match(MatchKind.WORDS, ", ".join(cmp.hit_words)))


@functools.lru_cache(maxsize=16384)
def _person_name(name: str) -> PersonName | None:
    # Parsed once per name: the same few names are compared with every unit a claim retrieves.
    return parse_person_name(name)


def same_entity(a: Entity, b: Entity) -> bool:
    """The same identity: one id, compatible person names, or one normalised key."""
    if a.id == b.id:
        return True
    if a.type is EntityType.PERSON and b.type is EntityType.PERSON:
        pa, pb = _person_name(a.name), _person_name(b.name)
        return pa is not None and pb is not None and names_compatible(pa, pb)
    return a.key == b.key


def _related_entity(a: Entity, b: Entity, aliases: AliasTable) -> bool:
    ta = {a.id, *a.metonym_of}
    tb = {b.id, *b.metonym_of}
    if ta & tb:
        return True
    return any(aliases.linked(x, y) for x in ta for y in tb)


def _near_ids(e: Entity, aliases: AliasTable) -> frozenset[str]:
    """``e``'s id and metonym targets and every id linked to one of them: ``_related_entity(e, b)``
    holds exactly when ``b``'s id or one of its metonym targets is among them."""
    own = (e.id, *e.metonym_of)
    return frozenset([*own, *(other for t in own for other in aliases.links_of(t))])


class EntityProbe(NamedTuple):
    """A claim entity read once for comparing with many entities: :func:`same_entity` and
    ``_related_entity`` of it and another entity, by look-ups."""

    entity: Entity
    key: str
    person: PersonName | None  # its parsed name, for a person
    near: frozenset[str]  # see _near_ids

    @classmethod
    def of(cls, e: Entity, aliases: AliasTable) -> EntityProbe:
        person = _person_name(e.name) if e.type is EntityType.PERSON else None
        return cls(e, e.key, person, _near_ids(e, aliases))

    def same(self, b: Entity) -> bool:
        """``same_entity(self.entity, b)``."""
        a = self.entity
        if a.id == b.id:
            return True
        if a.type is EntityType.PERSON and b.type is EntityType.PERSON:
            pb = _person_name(b.name)
            return self.person is not None and pb is not None and names_compatible(self.person, pb)
        return self.key == b.key

    def related(self, b: Entity) -> bool:
        """``_related_entity(self.entity, b, aliases)``, for the alias table it was read with."""
        near = self.near
        return b.id in near or any(t in near for t in b.metonym_of)


@functools.lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern[str]:
    # Compiled once per name: a claim's names are looked for in every unit it retrieves, and more
    # distinct names than ``re``'s own cache holds made it recompile them.
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.I)


def _mentions_text(name: str, text: str) -> bool:
    """True when ``name`` occurs in ``text`` as whole words (an entity the unit's analysis missed)."""
    return _name_pattern(name).search(text) is not None


def _outside(probes: Sequence[EntityProbe], unit_entities: Sequence[Entity]) -> list[bool]:
    """For each of the unit's entities, whether it is the same as or related to none of the claim's."""
    return [not any(p.same(ue) or p.related(ue) for p in probes) for ue in unit_entities]


def _rivals(
    ce: Entity,
    unit_entities: Sequence[Entity],
    outside: Sequence[bool],
    claimed: set[str],
    *,
    same_kind: bool,
) -> list[Entity]:
    """The unit's entities that could stand where the claim has ``ce``: same type, not in the claim
    (``outside``: see :func:`_outside`).

    ``same_kind`` also requires the same granularity (a seat of government for a seat).
    """
    if ce.type not in (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANISATION):
        return []
    return [
        ue
        for ue, out in zip(unit_entities, outside, strict=True)
        if ue.type is ce.type
        and ue.id not in claimed
        and (not same_kind or bool(ue.metonym_of) == bool(ce.metonym_of))
        and out
    ]


def _entity_status(probe: EntityProbe, unit: Unit, claimed: set[str]) -> str:
    """``match``, ``related`` or ``missing`` for one entity of the claim in the unit itself."""
    ce = probe.entity
    status = "missing"
    for ue in unit.claim.facets.entities:
        if probe.same(ue):
            status = "match"
            claimed.add(ue.id)
        elif status == "missing" and probe.related(ue):
            status = "related"
            claimed.add(ue.id)
    if status == "missing" and _mentions_text(ce.text, unit.claim.text):
        return "match"
    if status == "missing":
        # A name the unit's analysis read differently ("the Bolsheviks", "the Bolshevik Party").
        name_stems = content_stems(ce.text)
        if name_stems and all(unit.stems.matches(n) for n in name_stems):
            return "match"
    return status


def entity_probes(view: ClaimView, aliases: AliasTable) -> list[EntityProbe]:
    """The claim's entities read for comparing with units' entities (the same for every unit)."""
    return [EntityProbe.of(ce, aliases) for ce in view.entities]


def _compare_entities(view: ClaimView, unit: Unit, probes: Sequence[EntityProbe], cmp: Comparison) -> None:
    unit_entities = unit.claim.facets.entities
    claimed: set[str] = set()
    missing: list[EntityProbe] = []
    outside: list[bool] | None = None  # read when first needed
    for probe in probes:
        ce = probe.entity
        status = _entity_status(probe, unit, claimed)
        if status == "related":
            outside = _outside(probes, unit_entities) if outside is None else outside
            if _rivals(ce, unit_entities, outside, claimed, same_kind=True):
                status = "missing"  # a capital related to its state, but the unit names a rival capital
        if status in ("match", "related"):
            cmp.anchor = cmp.anchor or status == "match"
            cmp.entity_score += 1.0 if status == "match" else 0.75
            cmp.matches.append(Match(MatchKind.ENTITY, ce.name, "related" if status == "related" else None))
            cmp.statuses.append(FacetStatus.OK)
        else:
            missing.append(probe)
    for probe in missing:
        ce = probe.entity
        outside = _outside(probes, unit_entities) if outside is None else outside
        rivals = _rivals(ce, unit_entities, outside, claimed, same_kind=False)
        if rivals:
            facet = "place" if ce.type is EntityType.PLACE else "actor"
            cmp.conflicts.append(FacetConflict(facet, ce.name, rivals[0].name))
            cmp.statuses.append(FacetStatus.CONFLICT)
        elif (around := unit.surroundings.indexes()[1]).has_same(ce) or around.has_related(probe.near):
            # Named elsewhere in the paragraph ("It was signed ..."): an anchor too; named only in
            # a heading or the title: enough for support, not to tie the passage to the event.
            cmp.context_anchor = cmp.context_anchor or unit.surroundings.indexes()[0].has_same(ce)
            cmp.entity_score += 0.5
            cmp.matches.append(Match(MatchKind.ENTITY, ce.name, "from context"))
            cmp.statuses.append(FacetStatus.IMPLIED)
        else:
            cmp.statuses.append(FacetStatus.MISSING)


def _compare_adjectives(view: ClaimView, unit: Unit, aliases: AliasTable, cmp: Comparison) -> None:
    for state, adjective, noun in view.adjectives:
        same_noun = [u for u in unit.adjectives if stems_match(noun, u[2])]
        if same_noun and not any(u[0] == state or aliases.linked(u[0], state) for u in same_noun):
            cmp.conflicts.append(FacetConflict("nationality", adjective, same_noun[0][1]))
            cmp.statuses.append(FacetStatus.CONFLICT)


def _year_value(year: int) -> DateValue:
    return DateValue(f"{year:04d}-01-01", f"{year:04d}-12-31", DatePrecision.YEAR, str(year), (0, len(str(year))))


def _attached(date: DateValue, stated: Sequence[Word], text: str) -> bool:
    """Whether ``date`` belongs to the event: near one of the unit's words stating it, or fronted.

    A date the sentence opens with ("In December 1917, a month after ..., the United States broke
    off ...") sets the time of the main clause, however far its verb.
    """
    if not stated:
        return False
    if len(WORD_RE.findall(text[: date.span[0]])) <= 2:
        return True
    for w in stated:
        lo, hi = sorted((w.start, date.span[0]))
        if len(WORD_RE.findall(text[lo:hi])) <= _ATTACH_WORDS:
            return True
    return False


def _date_match(c: DateValue, unit: Sequence[DateValue]) -> tuple[str, DateValue | None]:
    """``match`` / ``compatible`` / ``conflict`` / ``missing``, with the passage's date concerned."""
    if not unit:
        return "missing", None
    for d in unit:
        if d.overlaps(c) and c.contains(d):
            return "match", d
    for d in unit:
        if not c.conflicts(d):
            return "compatible", d
    return "conflict", unit[0]


def _compare_dates(view: ClaimView, unit: Unit, cmp: Comparison) -> None:
    for cd in view.dates:
        status, ud = _date_match(cd, unit.claim.facets.dates)
        if status == "match" and ud is not None:
            cmp.anchor = True
            cmp.date_score += 1.0
            cmp.matches.append(Match(MatchKind.DATE, cd.iso))
            cmp.statuses.append(FacetStatus.OK)
        elif status == "compatible" and ud is not None:
            cmp.anchor = True
            cmp.date_score += 0.5
            cmp.partial.append(f"gives the date only as {ud.iso} (the claim says {cd.iso})")
            cmp.statuses.append(FacetStatus.COMPATIBLE)
        elif status == "conflict" and ud is not None and (not cmp.stated or _attached(ud, cmp.main, unit.claim.text)):
            cmp.conflicts.append(FacetConflict("date", cd.iso, ud.iso))
            cmp.statuses.append(FacetStatus.CONFLICT)
        elif unit.year is not None and cd.precision in _YEARISH and cd.contains(_year_value(unit.year)):
            cmp.date_score += 0.5
            cmp.matches.append(Match(MatchKind.DATE, cd.iso, "year from context"))
            cmp.statuses.append(FacetStatus.IMPLIED)
        else:
            cmp.statuses.append(FacetStatus.MISSING)


def quantity_label(q: Quantity) -> str:
    """A quantity's value and unit: ``16 year``."""
    value = f"{q.value:g}" if isinstance(q.value, float) else str(q.value)
    return f"{value} {q.unit}" if q.unit else value


def _quantity_match(c: Quantity, unit: Sequence[Quantity]) -> tuple[str, Quantity | None]:
    comparable = [q for q in unit if q.comparable(c)]
    if not comparable:
        return "missing", None
    for q in comparable:
        if q.equals(c) or not q.conflicts(c):
            return "match", q
    return "conflict", comparable[0]


def _compare_quantities(view: ClaimView, unit: Unit, cmp: Comparison) -> None:
    for cq in view.quantities:
        status, uq = _quantity_match(cq, unit.claim.facets.quantities)
        if status == "match" and uq is not None:
            cmp.anchor = True
            cmp.quantity_score += 1.0
            cmp.matches.append(Match(MatchKind.QUANTITY, quantity_label(cq)))
            cmp.statuses.append(FacetStatus.OK)
        elif status == "conflict" and uq is not None:
            label_c, label_u = quantity_label(cq), quantity_label(uq)
            cmp.conflicts.append(FacetConflict("quantity", f"{cq.text} ({label_c})", f"{uq.text} ({label_u})"))
            cmp.statuses.append(FacetStatus.CONFLICT)
        else:
            cmp.statuses.append(FacetStatus.MISSING)


def counted(q: Quantity, text: str, others: Sequence[Quantity]) -> bool:
    """Whether a quantity is a stated amount: not "the two countries" (a reference), not the "a year"
    of "100,000 vehicles a year" (a rate after another quantity)."""
    if not q.unit:
        return False
    last = re.findall(r"[a-z]+$", text[: q.span[0]].rstrip().lower())
    if last and last[0] in _DEFINITE and not q.ordinal:
        return False
    if q.value == 1 and re.match(r"(?i)(?:a|an|per|each|every)\s", q.text):
        return not any(
            o is not q and o.span[1] <= q.span[0] and not text[o.span[1] : q.span[0]].strip() for o in others
        )
    return True
