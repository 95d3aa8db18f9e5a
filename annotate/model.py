"""The annotate data model.

Every class here is frozen and slotted; validators refuse values that cannot be right rather than
repair them. Nothing in this module reads or writes files.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import Any, Final

import attrs

from annotate.errors import ModelError
from bibliography.model import Bibliography, Reference
from corpus.model import Document, PassageKind, Span
from textkit.validators import Validators

# ---------------------------------------------------------------------------------------------------
# Facets
#
# Facets are the comparable values found inside a piece of text: dates (as day intervals), quantities
# (number + unit lemma) and named entities (canonical identity ids). Each carries the exact text it was
# read from and its ``[start, end)`` span in that text, so ``text[span[0]:span[1]] == facet.text``.
# ---------------------------------------------------------------------------------------------------


_check = Validators(ModelError)


def _as_passage_kind(value: object) -> PassageKind:
    return _TO_PASSAGE_KIND(value)


class DatePrecision(StrEnum):
    """How finely a :class:`DateValue` is known, from a single day to a century or an explicit range."""

    DAY = "day"
    PART_OF_MONTH = "part-of-month"
    MONTH = "month"
    SEASON = "season"
    PART_OF_YEAR = "part-of-year"
    YEAR = "year"
    PART_OF_DECADE = "part-of-decade"
    DECADE = "decade"
    PART_OF_CENTURY = "part-of-century"
    CENTURY = "century"
    RANGE = "range"


def _as_date_precision(value: object) -> DatePrecision:
    return _TO_DATE_PRECISION(value)


class DateQualifier(StrEnum):
    """An open-ended reading of a date: "by 1935" is any time up to the end of 1935."""

    BEFORE = "before"
    BY = "by"
    UNTIL = "until"
    AFTER = "after"
    SINCE = "since"


class QuantityQualifier(StrEnum):
    """How a quantity's number bounds the real value ("more than a decade" is ``MORE_THAN`` 10 years)."""

    EXACTLY = "exactly"
    ABOUT = "about"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    LESS_THAN = "less-than"
    AT_MOST = "at-most"


class EntityType(StrEnum):
    """The coarse kind of a named entity; countries and cities are places."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    OTHER = "other"


def _as_entity_type(value: object) -> EntityType:
    return _TO_ENTITY_TYPE(value)


class MentionKind(StrEnum):
    """How a mention was tied to its entity, so a checker can weigh weak resolutions lower."""

    NAME = "name"  # the name itself (full name, or an unknown name kept as written)
    ALIAS = "alias"  # a listed short form or variant ("USSR", "Maxim" for "Maksim")
    PARTIAL = "partial"  # a surname or title + surname resolved to a full name seen elsewhere
    ACRONYM = "acronym"  # initials ("FDR") or an acronym defined in the text
    DEMONYM = "demonym"  # a people standing for its state ("the Soviets")


def _as_mention_kind(value: object) -> MentionKind:
    return _TO_MENTION_KIND(value)


# The precisions ordered from finest to coarsest; a range has no place of its own.
_PRECISION_SLACK_DAYS: dict[DatePrecision, int] = {
    DatePrecision.DAY: 1,
    DatePrecision.PART_OF_MONTH: 3,
    DatePrecision.MONTH: 7,
    DatePrecision.SEASON: 15,
    DatePrecision.PART_OF_YEAR: 15,
    DatePrecision.YEAR: 365,
    DatePrecision.PART_OF_DECADE: 365,
    DatePrecision.DECADE: 730,
    DatePrecision.PART_OF_CENTURY: 1826,
    DatePrecision.CENTURY: 3652,
    DatePrecision.RANGE: 30,
}

_ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_ENTITY_ID_RE = re.compile(r"^(person|organisation|place|other):[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_iso_day(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _ISO_DAY_RE.match(value):
        raise ModelError(f"{attribute.name} {value!r} is not an ISO 8601 day (YYYY-MM-DD)")
    try:
        _dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ModelError(f"{attribute.name} {value!r} is not a calendar date") from exc


def _check_time(_inst: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _TIME_RE.match(value):
        raise ModelError(f"{attribute.name} {value!r} is not a 24-hour time (HH:MM)")


def _check_span(inst: object, attribute: attrs.Attribute[tuple[int, int]], value: tuple[int, int]) -> None:
    if (
        not isinstance(value, tuple)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise ModelError(f"{attribute.name} must be a (start, end) pair of ints, got {value!r}")
    start, end = value
    if start < 0 or end < start:
        raise ModelError(f"{attribute.name} {value!r} is not a half-open range with 0 <= start <= end")
    text = getattr(inst, "text", None)
    if isinstance(text, str) and end - start != len(text):
        raise ModelError(f"{attribute.name} {value!r} covers {end - start} chars but text has {len(text)}")


def _check_text(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value:
        raise ModelError(f"{attribute.name} must not be empty")


def _span_converter(value: object) -> tuple[int, int]:
    if isinstance(value, list | tuple) and len(value) == 2:
        return (value[0], value[1])
    raise ModelError(f"span must be a (start, end) pair, got {value!r}")


def _day(value: str) -> _dt.date:
    return _dt.date.fromisoformat(value)


def _bound_iso(start: _dt.date, end: _dt.date) -> str:
    """The shortest ISO form of an interval: whole years, whole months, or days."""
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        return str(start.year).zfill(4) if start.year == end.year else f"{start.year:04d}/{end.year:04d}"
    last = calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == last:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.year:04d}-{start.month:02d}"
        return f"{start.year:04d}-{start.month:02d}/{end.year:04d}-{end.month:02d}"
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


@attrs.frozen(slots=True)
class DateValue:
    """A date found in text, as the closed interval of days ``[start, end]`` it can denote.

    ``approximate`` marks readings that are conventions ("mid-October" is the 11th to the 20th,
    "the early 1930’s" is 1930-1933); ``qualifier`` marks open-ended readings ("by 1935");
    ``year_inferred`` marks a year taken from context ("on November 9" after "in 1933").

    >>> d = DateValue("1933-11-01", "1933-11-30", DatePrecision.MONTH, "November of 1933", (0, 16))
    >>> d.iso
    '1933-11'
    >>> d.contains(DateValue("1933-11-16", "1933-11-16", DatePrecision.DAY, "Nov. 16, 1933", (0, 13)))
    True
    """

    start: str = attrs.field(validator=_check_iso_day)
    end: str = attrs.field(validator=_check_iso_day)
    precision: DatePrecision = attrs.field(converter=_as_date_precision)
    text: str = attrs.field(validator=_check_text)
    span: tuple[int, int] = attrs.field(converter=_span_converter, validator=_check_span)
    approximate: bool = attrs.field(default=False, validator=_check.instance_of(bool))
    qualifier: DateQualifier | None = attrs.field(default=None, converter=attrs.converters.optional(DateQualifier))
    time: str | None = attrs.field(default=None, validator=_check_time)
    year_inferred: bool = attrs.field(default=False, validator=_check.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ModelError(f"date end {self.end} is before its start {self.start}")
        if self.time is not None and self.start != self.end:
            raise ModelError(f"a time of day ({self.time}) needs a single-day date, got {self.iso}")

    @property
    def start_date(self) -> _dt.date:
        """The first day the date can denote."""
        return _day(self.start)

    @property
    def end_date(self) -> _dt.date:
        """The last day the date can denote."""
        return _day(self.end)

    @property
    def iso(self) -> str:
        """The canonical ISO 8601 form at the date's own precision.

        Days, months and years print as ``1933-11-16``, ``1933-11``, ``1933``; everything else as an
        interval at the coarsest unit that states it exactly (``1920/1929``, ``1933-10-11/1933-10-20``).
        A time of day is appended as ``T05:00``.
        """
        if self.precision is DatePrecision.DAY and self.start == self.end:
            return f"{self.start}T{self.time}" if self.time else self.start
        return _bound_iso(self.start_date, self.end_date)

    def overlaps(self, other: DateValue) -> bool:
        """True when the two dates share at least one day (taken literally, qualifiers ignored)."""
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: DateValue) -> bool:
        """True when every day ``other`` can denote lies inside this date."""
        return self.start <= other.start and other.end <= self.end

    def _effective(self) -> tuple[_dt.date, _dt.date]:
        lo, hi = self.start_date, self.end_date
        if self.approximate:
            slack = _dt.timedelta(days=_PRECISION_SLACK_DAYS[self.precision])
            lo = _dt.date.min if lo - _dt.date.min < slack else lo - slack
            hi = _dt.date.max if _dt.date.max - hi < slack else hi + slack
        one = _dt.timedelta(days=1)
        if self.qualifier is DateQualifier.BEFORE:
            return _dt.date.min, lo - one if lo > _dt.date.min else lo
        if self.qualifier in (DateQualifier.BY, DateQualifier.UNTIL):
            return _dt.date.min, hi
        if self.qualifier is DateQualifier.AFTER:
            return (hi + one if hi < _dt.date.max else hi), _dt.date.max
        if self.qualifier is DateQualifier.SINCE:
            return lo, _dt.date.max
        return lo, hi

    def conflicts(self, other: DateValue) -> bool:
        """True when the two dates cannot denote the same time.

        The intervals are widened by a slack for approximate readings and opened by qualifiers; the
        dates conflict when what remains is disjoint, or when both name the same day with different
        times of day.

        >>> a = DateValue("1933-11-16", "1933-11-16", "day", "Nov. 16, 1933", (0, 13))
        >>> b = DateValue("1933-11-17", "1933-11-17", "day", "Nov. 17, 1933", (0, 13))
        >>> a.conflicts(b), a.conflicts(a)
        (True, False)
        """
        a_lo, a_hi = self._effective()
        b_lo, b_hi = other._effective()
        if a_hi < b_lo or b_hi < a_lo:
            return True
        return (
            self.time is not None
            and other.time is not None
            and self.start == other.start
            and self.qualifier is None
            and other.qualifier is None
            and self.time != other.time
        )


def _check_number(_inst: object, attribute: attrs.Attribute[int | float], value: int | float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelError(f"{attribute.name} must be an int or float, got {type(value).__name__}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ModelError(f"{attribute.name} must be finite, got {value!r}")


def _check_unit(_inst: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and (not value or value != value.strip()):
        raise ModelError(f"{attribute.name} {value!r} must be a non-empty lemma without surrounding spaces")


# A quantity said to be "about" N may lie this far (relative) from N.
ABOUT_TOLERANCE = 0.1


@attrs.frozen(slots=True)
class Quantity:
    """A number with its unit lemma, as found in text ("sixteen years" is 16 ``year``).

    ``unit`` is the singular, lower-case lemma of the counted noun, ``%`` for percentages, or a
    currency code (``USD``); ``None`` when the number counts nothing that could be read.
    ``ordinal`` marks ranks ("the first ambassador" is ordinal 1 ``ambassador``).

    >>> q = Quantity(10, "year", "more than a decade", (0, 18), qualifier=QuantityQualifier.MORE_THAN)
    >>> q.conflicts(Quantity(8, "year", "8 years", (0, 7)))
    True
    >>> q.conflicts(Quantity(12, "year", "12 years", (0, 8)))
    False
    """

    value: int | float = attrs.field(validator=_check_number)
    unit: str | None = attrs.field(validator=_check_unit)
    text: str = attrs.field(validator=_check_text)
    span: tuple[int, int] = attrs.field(converter=_span_converter, validator=_check_span)
    qualifier: QuantityQualifier | None = attrs.field(
        default=None, converter=attrs.converters.optional(QuantityQualifier)
    )
    ordinal: bool = attrs.field(default=False, validator=_check.instance_of(bool))

    def comparable(self, other: Quantity) -> bool:
        """True when both count the same unit in the same way (cardinal or ordinal)."""
        return self.unit == other.unit and self.ordinal == other.ordinal

    def bounds(self) -> tuple[float, bool, float, bool]:
        """The values the quantity allows: ``(low, low_inclusive, high, high_inclusive)``."""
        v = float(self.value)
        q = self.qualifier
        if q is QuantityQualifier.ABOUT:
            margin = max(abs(v) * ABOUT_TOLERANCE, 1.0 if float(v).is_integer() and abs(v) < 10 else 0.0)
            return v - margin, True, v + margin, True
        if q is QuantityQualifier.MORE_THAN:
            return v, False, math.inf, False
        if q is QuantityQualifier.AT_LEAST:
            return v, True, math.inf, False
        if q is QuantityQualifier.LESS_THAN:
            return -math.inf, False, v, False
        if q is QuantityQualifier.AT_MOST:
            return -math.inf, False, v, True
        return v, True, v, True

    def equals(self, other: Quantity) -> bool:
        """True when both state the same value, unit and qualifier ("sixteen years" == "16 years")."""
        return (
            self.comparable(other)
            and float(self.value) == float(other.value)
            and (self.qualifier or QuantityQualifier.EXACTLY) == (other.qualifier or QuantityQualifier.EXACTLY)
        )

    def conflicts(self, other: Quantity) -> bool:
        """True when both count the same unit and no value satisfies both (qualifiers respected)."""
        if not self.comparable(other):
            return False
        a_lo, a_lo_in, a_hi, a_hi_in = self.bounds()
        b_lo, b_lo_in, b_hi, b_hi_in = other.bounds()
        return _disjoint(a_hi, a_hi_in, b_lo, b_lo_in) or _disjoint(b_hi, b_hi_in, a_lo, a_lo_in)


def _disjoint(hi: float, hi_in: bool, lo: float, lo_in: bool) -> bool:
    """True when an interval ending at ``hi`` lies wholly below one starting at ``lo``."""
    if hi < lo:
        return True
    return hi == lo and not (hi_in and lo_in)


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _dates(value: Iterable[DateValue]) -> tuple[DateValue, ...]:
    return tuple(value)


def _quantities(value: Iterable[Quantity]) -> tuple[Quantity, ...]:
    return tuple(value)


def _entities(value: Iterable[Entity]) -> tuple[Entity, ...]:
    return tuple(value)


def _check_entity_id(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _ENTITY_ID_RE.match(value):
        raise ModelError(f"{attribute.name} {value!r} is not 'type:slug' (slug of a-z, 0-9 and '-')")


def _check_entity_ids(_inst: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    for item in value:
        if not isinstance(item, str) or not _ENTITY_ID_RE.match(item):
            raise ModelError(f"{attribute.name} item {item!r} is not an entity id")


@attrs.frozen(slots=True)
class Entity:
    """A named person, organisation or place mentioned in text, with its canonical identity.

    ``id`` is ``type:slug`` of the canonical name (``person:franklin-d-roosevelt``); two mentions of
    one entity in one analysis share it. ``metonym_of`` lists the states a capital or seat of
    government conventionally stands for ("Moscow" for the Soviet Union or Russia); ``via`` says how
    the mention was resolved.

    >>> Entity("place:soviet-union", "Soviet Union", EntityType.PLACE, "USSR", (4, 8)).key
    'soviet-union'
    """

    id: str = attrs.field(validator=_check_entity_id)
    name: str = attrs.field(validator=_check_text)
    type: EntityType = attrs.field(converter=_as_entity_type)
    text: str = attrs.field(validator=_check_text)
    span: tuple[int, int] = attrs.field(converter=_span_converter, validator=_check_span)
    via: MentionKind = attrs.field(default=MentionKind.NAME, converter=_as_mention_kind)
    metonym_of: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_check_entity_ids)

    def __attrs_post_init__(self) -> None:
        if not self.id.startswith(f"{self.type.value}:"):
            raise ModelError(f"entity id {self.id!r} does not match its type {self.type.value!r}")

    @property
    def key(self) -> str:
        """The id without its type prefix (the slug of the canonical name)."""
        return self.id.split(":", 1)[1]


@attrs.frozen(slots=True)
class Facets:
    """The dates, quantities and entities found in one text, each list in text order."""

    dates: tuple[DateValue, ...] = attrs.field(
        factory=tuple,
        converter=_dates,
        validator=_check.each_instance_of(DateValue),
    )
    quantities: tuple[Quantity, ...] = attrs.field(
        factory=tuple,
        converter=_quantities,
        validator=_check.each_instance_of(Quantity),
    )
    entities: tuple[Entity, ...] = attrs.field(
        factory=tuple,
        converter=_entities,
        validator=_check.each_instance_of(Entity),
    )

    def __len__(self) -> int:
        return len(self.dates) + len(self.quantities) + len(self.entities)

    def __iter__(self) -> Iterator[DateValue | Quantity | Entity]:
        """Every facet, ordered by span start (dates before quantities before entities on ties)."""
        items: list[tuple[int, int, int, DateValue | Quantity | Entity]] = []
        groups: tuple[tuple[DateValue | Quantity | Entity, ...], ...] = (
            self.dates,
            self.quantities,
            self.entities,
        )
        for rank, group in enumerate(groups):
            items.extend((f.span[0], rank, i, f) for i, f in enumerate(group))
        items.sort(key=lambda t: t[:3])
        return iter(t[3] for t in items)

    @property
    def entity_ids(self) -> tuple[str, ...]:
        """The distinct entity ids, in order of first mention."""
        return tuple(dict.fromkeys(e.id for e in self.entities))


# ---------------------------------------------------------------------------------------------------
# Claims
#
# A claim is a statement (extracted from a passage or supplied by a researcher); evidence ties it to a
# passage and to the exact raw characters quoted; a verdict says whether the sources support or refute
# it and why; a reference link ties a passage or claim to a further-reading reference.
# ---------------------------------------------------------------------------------------------------

_CLAIM_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def _check_claim_id(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _CLAIM_ID.match(value):
        raise ModelError(f"{attribute.name} {value!r} is not a valid id (ASCII letter or '_' first)")


class Origin(StrEnum):
    """Where a claim came from."""

    EXTRACTED = "extracted"
    SUPPLIED = "supplied"


def _as_origin(value: object) -> Origin:
    return _TO_ORIGIN(value)


class Relation(StrEnum):
    """How a passage bears on a claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    MENTIONS = "mentions"


def _as_relation(value: object) -> Relation:
    return _TO_RELATION(value)


class Label(StrEnum):
    """A verdict's label (the FEVER labels)."""

    SUPPORTED = "SUPPORTED"
    REFUTED = "REFUTED"
    NOT_ENOUGH_INFO = "NOT_ENOUGH_INFO"


def _as_label(value: object) -> Label:
    return _TO_LABEL(value)


def _span_or_none(value: object) -> Span | None:
    if value is not None and not isinstance(value, Span):
        raise ModelError(f"expected a corpus Span, got {type(value).__name__}")
    return value


@attrs.frozen(slots=True)
class Claim:
    """A statement to check: extracted from a passage (``passage``/``span`` set) or supplied.

    ``speaker`` is who is quoted when the claim is quoted speech; ``quoted_by`` the source quoting them.
    """

    id: str = attrs.field(validator=_check_claim_id)
    text: str = attrs.field(validator=_check.non_empty())
    facets: Facets = attrs.field(factory=Facets)
    origin: Origin = attrs.field(default=Origin.SUPPLIED, converter=_as_origin)
    passage: str | None = None
    span: Span | None = attrs.field(default=None, converter=_span_or_none)
    speaker: str | None = None
    quoted_by: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.origin is Origin.EXTRACTED and (self.passage is None or self.span is None):
            raise ModelError(f"extracted claim {self.id} needs its passage and raw span")


@attrs.frozen(slots=True)
class Evidence:
    """A passage bearing on a claim, with the exact raw characters quoted.

    ``quote`` equals the raw source text at ``span``; ``matched`` and ``conflicts`` name the facets
    that agreed and disagreed (for example ``date 1933-11-16`` or ``date: claim 1933-11-17, source
    1933-11-16``). ``id`` is assigned once, when the annotated corpus is built (:func:`number_evidence`);
    it takes no part in equality, so the same quote found twice is one piece of evidence.
    """

    claim: str = attrs.field(validator=_check_claim_id)
    passage: str
    span: Span
    quote: str
    relation: Relation = attrs.field(converter=_as_relation)
    score: float = 0.0
    matched: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    conflicts: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    cite_key: str | None = None
    id: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if len(self.quote) != len(self.span):
            raise ModelError(
                f"evidence for {self.claim}: quote of {len(self.quote)} chars for a span of {len(self.span)}"
            )
        if not self.quote:
            raise ModelError(f"evidence for {self.claim}: empty quote")

    @property
    def source(self) -> str:
        """The id of the quoted source."""
        return self.span.source


def _evidence_tuple(value: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Conflict:
    """Two passages about the same event that state different values of one facet."""

    claim: str = attrs.field(validator=_check_claim_id)
    facet: str
    first: Evidence
    second: Evidence
    first_value: str
    second_value: str


def _conflict_tuple(value: Iterable[Conflict]) -> tuple[Conflict, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Verdict:
    """Whether the sources support or refute a claim, with the evidence and a one-paragraph why.

    ``corroborated`` is set when two or more sources support the claim; ``conflicts`` lists sources
    that disagree with each other about it.
    """

    claim: Claim
    label: Label = attrs.field(converter=_as_label)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=_evidence_tuple)
    explanation: str = ""
    corroborated: bool = False
    conflicts: tuple[Conflict, ...] = attrs.field(default=(), converter=_conflict_tuple)

    def __attrs_post_init__(self) -> None:
        for ev in self.evidence:
            if ev.claim != self.claim.id:
                raise ModelError(f"verdict on {self.claim.id} carries evidence for {ev.claim}")


#: Evidence ids are ``ev.<claim id>.<n>``, numbered per claim.
EVIDENCE_ID_PREFIX = "ev."


def distinct_evidence(verdict: Verdict) -> tuple[Evidence, ...]:
    """A verdict's evidence, then each conflict's two sides, each distinct piece once, in that order."""
    out: list[Evidence] = []
    for ev in (*verdict.evidence, *(e for c in verdict.conflicts for e in (c.first, c.second))):
        if ev not in out:
            out.append(ev)
    return tuple(out)


def number_evidence(verdicts: Iterable[Verdict]) -> tuple[Verdict, ...]:
    """The verdicts with an id on every piece of evidence: ``ev.<claim id>.<n>`` in the order of
    :func:`distinct_evidence`; equal evidence shares an id. Ids already present are kept, so numbering
    twice changes nothing. This is the one place evidence ids are made.
    """
    out: list[Verdict] = []
    for v in verdicts:
        ids: dict[Evidence, str] = {}
        for ev in distinct_evidence(v):
            ids[ev] = ev.id or f"{EVIDENCE_ID_PREFIX}{v.claim.id}.{len(ids) + 1}"
        if all(ev.id == ids[ev] for ev in ids):
            out.append(v)
            continue

        def named(ev: Evidence, ids: dict[Evidence, str] = ids) -> Evidence:
            return ev if ev.id == ids[ev] else attrs.evolve(ev, id=ids[ev])

        conflicts = [attrs.evolve(c, first=named(c.first), second=named(c.second)) for c in v.conflicts]
        out.append(attrs.evolve(v, evidence=[named(e) for e in v.evidence], conflicts=conflicts))
    return tuple(out)


def evidence_table(verdicts: Sequence[Verdict]) -> list[list[tuple[str, Evidence]]]:
    """Per verdict: its distinct evidence with ids, as ``(id, evidence)`` pairs."""
    table: list[list[tuple[str, Evidence]]] = []
    for v in verdicts:
        rows = distinct_evidence(v)
        # A corpus's verdicts are numbered when it is built: numbering them again per writer found the
        # distinct evidence twice per verdict only to change nothing.
        if not all(ev.id for ev in rows):
            rows = distinct_evidence(number_evidence([v])[0])
        table.append([(ev.id or "", ev) for ev in rows])
    return table


@attrs.frozen(slots=True)
class ReferenceLink:
    """A passage or claim tied to a bibliography reference, with the matched words as the reason."""

    target: str
    key: str = attrs.field(validator=_check.non_empty())
    reason: str = attrs.field(validator=_check.non_empty())
    words: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    score: float = 0.0


# ---------------------------------------------------------------------------------------------------
# Retrieval
# ---------------------------------------------------------------------------------------------------


def _non_empty(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value:
        raise ModelError(f"{attribute.name} must not be empty")


def _non_negative(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ModelError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen(slots=True)
class Hit:
    """One passage returned by :meth:`EvidenceIndex.search`, with its BM25 score.

    ``start``/``end`` are the passage's raw offsets in its source; ``text`` is the cleaned text.

    >>> h = Hit("s1.p3", "s1", "paragraph", 10, 42, "Roosevelt recognized the Soviet Union.", (), 3.5)
    >>> h.kind, h.span
    (<PassageKind.PARAGRAPH: 'paragraph'>, Span(source='s1', start=10, end=42))
    """

    passage: str = attrs.field(validator=_non_empty)
    source: str = attrs.field(validator=_non_empty)
    kind: PassageKind = attrs.field(converter=_as_passage_kind)
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_non_negative)
    text: str
    section: tuple[str, ...] = attrs.field(converter=_str_tuple)
    score: float = attrs.field(converter=float)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ModelError(f"hit {self.passage}: end {self.end} is before start {self.start}")

    @property
    def span(self) -> Span:
        """The passage's raw span in its source."""
        return Span(self.source, self.start, self.end)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (``passage source kind start end text section score``)."""
        return {
            "passage": self.passage,
            "source": self.source,
            "kind": self.kind.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "section": list(self.section),
            "score": self.score,
        }


# ---------------------------------------------------------------------------------------------------
# Corpus with claims (what a TEI export or a bundle holds)
# ---------------------------------------------------------------------------------------------------


def _documents(value: Iterable[Document]) -> tuple[Document, ...]:
    return tuple(value)


def _references(value: Iterable[Reference]) -> Bibliography:
    return value if isinstance(value, Bibliography) else Bibliography(value)


def _verdicts(value: Iterable[Verdict]) -> tuple[Verdict, ...]:
    return number_evidence(value)


def _reference_links(value: Iterable[ReferenceLink]) -> tuple[ReferenceLink, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class AnnotatedCorpus:
    """Everything a TEI export holds: analysed documents, references, verdicts (with their claims)
    and reference links, each in the order they were exported."""

    documents: tuple[Document, ...] = attrs.field(converter=_documents)
    references: Bibliography = attrs.field(factory=Bibliography, converter=_references)
    verdicts: tuple[Verdict, ...] = attrs.field(default=(), converter=_verdicts)
    links: tuple[ReferenceLink, ...] = attrs.field(default=(), converter=_reference_links)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The claims, in export order."""
        return tuple(v.claim for v in self.verdicts)


# The enum converters of the fields above, made once: a converter was made anew for every value
# converted, and the model's objects are made by the hundred thousand on a large corpus.
_TO_PASSAGE_KIND: Final = _check.enum(PassageKind)
_TO_DATE_PRECISION: Final = _check.enum(DatePrecision)
_TO_ENTITY_TYPE: Final = _check.enum(EntityType)
_TO_MENTION_KIND: Final = _check.enum(MentionKind)
_TO_ORIGIN: Final = _check.enum(Origin)
_TO_RELATION: Final = _check.enum(Relation)
_TO_LABEL: Final = _check.enum(Label)
