"""The corpus data model: sources, spans, passages and the record of what cleaning removed.

Offsets are Python string indices (code points) into a source's raw text, half-open ``[start, end)``.
Every class here is frozen and slotted; validators refuse values that cannot be right rather than
repair them. Nothing in this module reads or writes files.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from itertools import pairwise
from typing import Any

import attrs

from corpus.errors import ModelError, OffsetError, UnknownPassageError
from textkit.validators import Validators

# Source and passage ids double as XML ids (TEI ``xml:id``) and as parts of file names, so they are
# restricted to an ASCII NCName.
_ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


_check = Validators(ModelError)


def _check_id(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _ID_RE.match(value):
        raise ModelError(
            f"{attribute.name} {value!r} is not a valid id "
            "(ASCII letter or '_' first, then letters, digits, '_', '-', '.')"
        )


def _non_negative(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise OffsetError(f"{attribute.name} must be >= 0, got {value}")


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def content_hash(text: str) -> str:
    """Return the short content hash used for passages: the first 16 hex digits of SHA-256 (UTF-8).

    >>> content_hash("Hello")
    '185f8db32271fe25'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class PassageKind(StrEnum):
    """What a passage is. Block kinds tile the document; ``SENTENCE`` passages lie inside blocks."""

    TITLE = "title"
    DATELINE = "dateline"
    BYLINE = "byline"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"
    CAPTION = "caption"
    CREDIT = "credit"
    KEYWORDS = "keywords"
    LIST_ITEM = "list_item"
    BIBLIOGRAPHY_ENTRY = "bibliography_entry"
    RELATED_LINK = "related_link"
    FURNITURE = "furniture"

    @property
    def is_body(self) -> bool:
        """True for the kinds that carry the text's own prose (what facts are extracted from)."""
        return self in _BODY_KINDS


def _as_passage_kind(value: object) -> PassageKind:
    # Every block and passage passes through here: a member (nearly always) is taken as it is.
    if type(value) is PassageKind:
        return value
    return _TO_PASSAGE_KIND(value)


_TO_PASSAGE_KIND = _check.enum(PassageKind)


_BODY_KINDS = frozenset({PassageKind.PARAGRAPH, PassageKind.SENTENCE, PassageKind.LIST_ITEM})


class IndexTermKind(StrEnum):
    """The role of an index term found in a source (from back-of-book index markup or categories)."""

    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    CATEGORY = "category"
    KEYWORD = "keyword"
    SUBJECT = "subject"


def _as_index_term_kind(value: object) -> IndexTermKind:
    return _check.enum(IndexTermKind)(value)


@attrs.frozen(slots=True)
class Span:
    """A half-open range ``[start, end)`` of code points in the raw text of one source.

    >>> Span("doc", 4, 9).slice("the quick fox")
    'quick'
    """

    source: str = attrs.field(validator=_check_id)
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise OffsetError(f"span end {self.end} is before its start {self.start}")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, raw: str) -> str:
        """Return the raw characters the span covers; refuses a span that runs past ``raw``."""
        if self.end > len(raw):
            raise OffsetError(f"span [{self.start}, {self.end}) runs past the raw text ({len(raw)} chars)")
        return raw[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies inside this span (same source)."""
        return self.source == other.source and self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.source == other.source and self.start < other.end and other.start < self.end


_FROM_ZERO = (0,)
# Sets a field of a frozen instance: for the instances this module builds without their checks.
_set = object.__setattr__


@attrs.frozen(slots=True)
class OffsetMap:
    """A compact map from each cleaned character's index to its raw offset.

    Stored as runs: from cleaned index ``starts[k]`` on, cleaned index ``i`` maps to
    ``raws[k] + (i - starts[k])`` until the next run. Cleaning mostly keeps long stretches of raw
    text, so a passage of thousands of characters usually needs a handful of runs.

    >>> m = OffsetMap.from_offsets([10, 11, 12, 20, 21])
    >>> m[3], list(m), m.raw_span(1, 4)
    (20, [10, 11, 12, 20, 21], (11, 21))
    """

    starts: tuple[int, ...]
    raws: tuple[int, ...]
    length: int = attrs.field(validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if len(self.starts) != len(self.raws):
            raise OffsetError("offset map runs are inconsistent")
        if self.length and (not self.starts or self.starts[0] != 0):
            raise OffsetError("offset map must start at cleaned index 0")
        for k in range(1, len(self.starts)):
            gap = self.starts[k] - self.starts[k - 1]
            # Raw offsets must strictly increase: the run before ends at raws[k-1] + gap - 1.
            if gap <= 0 or self.raws[k] < self.raws[k - 1] + gap:
                raise OffsetError("offset map is not strictly increasing")
        if self.starts and self.starts[-1] >= max(self.length, 1):
            raise OffsetError("offset map has a run past its length")

    @classmethod
    def from_offsets(cls, offsets: Iterable[int]) -> OffsetMap:
        """Build a map from the raw offset of every cleaned character, in order."""
        starts: list[int] = []
        raws: list[int] = []
        n = 0
        prev = -2
        for i, raw in enumerate(offsets):
            if raw != prev + 1:
                starts.append(i)
                raws.append(raw)
            prev = raw
            n = i + 1
        return cls(tuple(starts), tuple(raws), n)

    @classmethod
    def contiguous(cls, raw_start: int, length: int) -> OffsetMap:
        """A map for ``length`` characters copied unchanged from ``raw_start`` on."""
        if length == 0:
            return cls((), (), 0)
        return cls((0,), (raw_start,), length)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(f"cleaned index {index} out of range (length {self.length})")
        k = bisect_right(self.starts, index) - 1
        return self.raws[k] + (index - self.starts[k])

    @property
    def raw_end(self) -> int:
        """One past the raw offset of the last cleaned character (``self[-1] + 1`` without the search).

        >>> OffsetMap.from_offsets([3, 4, 9]).raw_end
        10
        """
        if not self.length:
            raise OffsetError("an empty offset map has no raw end")
        return self.raws[-1] + (self.length - self.starts[-1])

    def __iter__(self) -> Iterator[int]:
        for k, start in enumerate(self.starts):
            stop = self.starts[k + 1] if k + 1 < len(self.starts) else self.length
            base = self.raws[k]
            yield from range(base, base + stop - start)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering the cleaned characters ``[start, end)``.

        The raw end is one past the raw offset of the last cleaned character, so characters that
        cleaning removed from the inside of the range are covered, and none after it.
        """
        if not 0 <= start < end <= self.length:
            raise OffsetError(f"cleaned range [{start}, {end}) is empty or outside 0..{self.length}")
        return self[start], self[end - 1] + 1

    def clean_index(self, raw_offset: int) -> int | None:
        """The cleaned index whose raw offset is ``raw_offset``, or None when that character was dropped."""
        k = bisect_right(self.raws, raw_offset) - 1
        if k < 0:
            return None
        i = self.starts[k] + (raw_offset - self.raws[k])
        stop = self.starts[k + 1] if k + 1 < len(self.starts) else self.length
        return i if i < stop else None

    def sub(self, start: int, end: int) -> OffsetMap:
        """The map of the cleaned characters ``[start, end)``, re-based to start at 0."""
        if not 0 <= start <= end <= self.length:
            raise OffsetError(f"cleaned range [{start}, {end}) outside 0..{self.length}")
        if start == end:
            return OffsetMap((), (), 0)
        k0 = bisect_right(self.starts, start) - 1
        starts = [0]
        raws = [self.raws[k0] + (start - self.starts[k0])]
        for k in range(k0 + 1, len(self.starts)):
            if self.starts[k] >= end:
                break
            starts.append(self.starts[k] - start)
            raws.append(self.raws[k])
        # Most sub-maps (a sentence of a paragraph) are one run: they share one ``(0,)`` rather than
        # each holding a tuple of its own (56 bytes a sentence, on a line of a million sentences).
        # Not checked again: the runs of a valid map, cut to a range and moved to start at 0, still
        # start at 0 below ``end - start`` and keep their gaps (the first run moves as much in raw
        # offsets as in cleaned ones).
        sub = object.__new__(OffsetMap)
        _set(sub, "starts", tuple(starts) if len(starts) > 1 else _FROM_ZERO)
        _set(sub, "raws", tuple(raws))
        _set(sub, "length", end - start)
        return sub


@attrs.frozen(slots=True)
class IndexTerm:
    """A term from a source's own index markup or category list, kept as metadata.

    ``subterm`` holds the part after ``;`` in ``Term;Subterm`` entries; ``span`` is where the term
    was found in the raw text, when it was found there.
    """

    kind: IndexTermKind = attrs.field(converter=_as_index_term_kind)
    term: str = attrs.field(validator=_check.non_empty())
    subterm: str | None = None
    span: Span | None = None

    @property
    def label(self) -> str:
        """``term`` or ``term; subterm``."""
        return f"{self.term}; {self.subterm}" if self.subterm else self.term


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ModelError(f"expected a string, got {type(value).__name__}")
    value = value.strip()
    return value or None


_ISO_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?)?$")


def _iso_date(_inst: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _ISO_DATE_RE.match(value):
        raise ModelError(f"{attribute.name} {value!r} is not an ISO 8601 date (YYYY[-MM[-DD[Thh:mm]]])")


def _terms(value: Iterable[IndexTerm]) -> tuple[IndexTerm, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Metadata:
    """What is known about a source: from its sidecar file, or found in its text.

    Dates are ISO 8601 strings with the precision the text gives (``2011-11-16T05:00``,
    ``2022-11-10``, ``1933-11``).
    """

    title: str | None = attrs.field(default=None, converter=_opt_str)
    authors: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    date: str | None = attrs.field(default=None, converter=_opt_str, validator=_iso_date)
    updated: str | None = attrs.field(default=None, converter=_opt_str, validator=_iso_date)
    publisher: str | None = attrs.field(default=None, converter=_opt_str)
    url: str | None = attrs.field(default=None, converter=_opt_str)
    retrieved: str | None = attrs.field(default=None, converter=_opt_str, validator=_iso_date)
    language: str | None = attrs.field(default=None, converter=_opt_str)
    index_terms: tuple[IndexTerm, ...] = attrs.field(default=(), converter=_terms)

    def terms(self, kind: IndexTermKind | str) -> tuple[str, ...]:
        """The distinct index terms of one kind, in order of first appearance."""
        kind = IndexTermKind(kind)
        seen: dict[str, None] = {}
        for t in self.index_terms:
            if t.kind is kind:
                seen.setdefault(t.label, None)
        return tuple(seen)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the fields (index terms grouped by kind)."""
        return {
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "updated": self.updated,
            "publisher": self.publisher,
            "url": self.url,
            "retrieved": self.retrieved,
            "language": self.language,
            "index_terms": {k.value: list(self.terms(k)) for k in IndexTermKind if self.terms(k)},
        }


@attrs.frozen(slots=True)
class Source:
    """One raw source text, exactly as decoded, with its hash and metadata.

    ``sha256`` is the hash of the raw *bytes* (before decoding), so it identifies the file itself.
    ``data`` keeps those bytes when the source was read from bytes (a bundle copies them verbatim);
    it takes no part in equality, so a source read back from TEI, which carries only the text, equals
    the one it was written from.
    """

    id: str = attrs.field(validator=_check_id)
    raw: str
    sha256: str = attrs.field(validator=_check.matches(r"^[0-9a-f]{64}$"))
    metadata: Metadata = attrs.field(factory=Metadata)
    path: str | None = None
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    data: bytes | None = attrs.field(default=None, eq=False, repr=False)

    @data.validator
    def _check_data(self, _attribute: attrs.Attribute[bytes | None], value: bytes | None) -> None:
        if value is not None and hashlib.sha256(value).hexdigest() != self.sha256:
            raise ModelError(f"{self.id}: the raw bytes do not match the sha256 {self.sha256}")

    def span(self, start: int, end: int) -> Span:
        """A span of this source; refuses offsets outside the raw text."""
        if not 0 <= start <= end <= len(self.raw):
            raise OffsetError(f"{self.id}: offsets [{start}, {end}) outside the raw text (0..{len(self.raw)})")
        return Span(self.id, start, end)


@attrs.frozen(slots=True)
class Removal:
    """A stretch of raw text that cleaning left out of the cleaned view, and why.

    ``kind`` names the residue class (``index_markup``, ``index_repeat``, ``markup_residue``,
    ``ocr_split``, ``soft_hyphen``, ``invisible``, ``line_break_hyphen``, ``footnote_marker``); ``reason`` is a short
    human-readable explanation.
    """

    span: Span
    kind: str = attrs.field(validator=_check.non_empty())
    reason: str = attrs.field(validator=_check.non_empty())


@attrs.frozen(slots=True)
class Block:
    """A stretch of raw text that structure detection classified, before cleaning and segmentation.

    Blocks of one document are ordered and do not overlap; each becomes one passage (or none, when
    nothing is left of it after cleaning).
    """

    kind: PassageKind = attrs.field(converter=_as_passage_kind)
    span: Span
    section: tuple[str, ...] = attrs.field(default=(), converter=_strs)


@attrs.frozen(slots=True)
class Passage:
    """A piece of a source in its cleaned form, tied character by character to the raw text.

    ``span`` covers the raw characters from the first to the last kept character; ``offsets[i]`` is
    the raw offset of ``text[i]``. ``section`` is the path of headings the passage sits under;
    ``parent`` is the id of the enclosing block for sentences.
    """

    id: str = attrs.field(validator=_check_id)
    kind: PassageKind = attrs.field(converter=_as_passage_kind)
    text: str
    span: Span
    offsets: OffsetMap
    section: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    parent: str | None = None
    hash: str = attrs.field(default=attrs.Factory(lambda self: content_hash(self.text), takes_self=True))

    def __attrs_post_init__(self) -> None:
        if len(self.offsets) != len(self.text):
            raise OffsetError(f"{self.id}: {len(self.text)} characters but {len(self.offsets)} offsets")
        if self.text:
            first, last = self.offsets[0], self.offsets[-1]
            if first != self.span.start or last + 1 != self.span.end:
                raise OffsetError(
                    f"{self.id}: span [{self.span.start}, {self.span.end}) does not match "
                    f"its offsets [{first}, {last + 1})"
                )
        elif len(self.span):
            raise OffsetError(f"{self.id}: empty passage with a non-empty span")

    @property
    def source(self) -> str:
        """The id of the source this passage belongs to."""
        return self.span.source

    @property
    def start(self) -> int:
        """Raw start offset."""
        return self.span.start

    @property
    def end(self) -> int:
        """Raw end offset (exclusive)."""
        return self.span.end

    def raw_span(self, start: int, end: int) -> Span:
        """The raw span of the cleaned characters ``text[start:end]``."""
        try:
            rs, re_ = self.offsets.raw_span(start, end)
        except OffsetError as exc:
            raise OffsetError(f"{self.id}: {exc}") from None
        return Span(self.source, rs, re_)

    def char_span(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Cleaned ``[start, end)`` for a raw range; refuses ranges whose ends were not kept.

        Like spaCy's ``Doc.char_span``: offsets that do not line up with kept characters raise
        :class:`OffsetError` instead of being snapped to a guess.
        """
        if not raw_start < raw_end:
            raise OffsetError(f"{self.id}: empty raw range [{raw_start}, {raw_end})")
        i = self.offsets.clean_index(raw_start)
        j = self.offsets.clean_index(raw_end - 1)
        if i is None or j is None:
            raise OffsetError(
                f"{self.id}: raw range [{raw_start}, {raw_end}) does not start and end on kept characters"
            )
        return i, j + 1

    def to_json(self) -> dict[str, Any]:
        """The passage as the CLI's jsonl object (``id source kind start end text section``)."""
        return {
            "id": self.id,
            "source": self.source,
            "kind": self.kind.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "section": list(self.section),
        }


def trusted_span(source: str, start: int, end: int) -> Span:
    """``Span(source, start, end)`` without its checks, for the pipeline's own spans alone.

    Only for values the caller has built valid (a source id already checked, ``0 <= start <= end``):
    analysing a document makes a span per passage, and checking what is valid by construction was
    a fifth of the cost of making them. Anything read from outside goes through ``Span``.
    """
    span = object.__new__(Span)
    _set(span, "source", source)
    _set(span, "start", start)
    _set(span, "end", end)
    return span


def trusted_offsets(starts: tuple[int, ...], raws: tuple[int, ...], length: int) -> OffsetMap:
    """``OffsetMap(starts, raws, length)`` without its checks, for the pipeline's own maps alone (see
    :func:`trusted_span`): runs that start at 0, below ``length``, and move on in raw offsets at least
    as far as in cleaned ones. A cleaned view of a block makes one per block, and checking its runs
    one by one cost more than finding them."""
    offsets = object.__new__(OffsetMap)
    _set(offsets, "starts", starts)
    _set(offsets, "raws", raws)
    _set(offsets, "length", length)
    return offsets


def trusted_block(kind: PassageKind, span: Span, section: tuple[str, ...]) -> Block:
    """``Block(kind, span, section)`` without its conversions, for the pipeline's own blocks alone
    (see :func:`trusted_span`): ``kind`` a member, ``section`` a tuple."""
    block = object.__new__(Block)
    _set(block, "kind", kind)
    _set(block, "span", span)
    _set(block, "section", section)
    return block


def trusted_passage(
    pid: str,
    kind: PassageKind,
    text: str,
    span: Span,
    offsets: OffsetMap,
    *,
    section: tuple[str, ...],
    parent: str | None = None,
) -> Passage:
    """``Passage(pid, kind, text, span, offsets, section, parent)`` without its checks, for the
    pipeline's own passages alone (see :func:`trusted_span`): ``pid`` a valid id, ``kind`` a member,
    ``section`` a tuple, ``span`` from the first and last of ``offsets``. That ``offsets`` has one
    offset per character of ``text`` is still checked; the hash is computed as ``Passage`` does."""
    if offsets.length != len(text):  # the one condition not met by construction alone
        raise OffsetError(f"{pid}: {len(text)} characters but {offsets.length} offsets")
    passage = object.__new__(Passage)
    _set(passage, "id", pid)
    _set(passage, "kind", kind)
    _set(passage, "text", text)
    _set(passage, "span", span)
    _set(passage, "offsets", offsets)
    _set(passage, "section", section)
    _set(passage, "parent", parent)
    _set(passage, "hash", content_hash(text))
    return passage


def _passages(value: Iterable[Passage]) -> tuple[Passage, ...]:
    return tuple(value)


def _removals(value: Iterable[Removal]) -> tuple[Removal, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Document:
    """A source after analysis: its passages in reading order and the removals cleaning made.

    ``passages`` holds block passages in order, each followed by its sentences.
    """

    source: Source
    passages: tuple[Passage, ...] = attrs.field(converter=_passages)
    removals: tuple[Removal, ...] = attrs.field(default=(), converter=_removals)
    _by_id: dict[str, Passage] = attrs.field(init=False, eq=False, repr=False)
    # Built once: asking for a block's sentences is done per block, and a scan of every passage each
    # time made long documents quadratic.
    _children: dict[str, tuple[Passage, ...]] = attrs.field(init=False, eq=False, repr=False)
    _sentences: tuple[Passage, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Passage] = {}
        children: dict[str, list[Passage]] = {}
        for p in self.passages:
            if p.parent is not None:
                children.setdefault(p.parent, []).append(p)
            if p.source != self.source.id:
                raise OffsetError(f"passage {p.id} belongs to {p.source}, not {self.source.id}")
            if p.end > len(self.source.raw):
                raise OffsetError(f"passage {p.id} runs past the raw text of {self.source.id}")
            if p.id in by_id:
                raise ModelError(f"duplicate passage id {p.id}")
            by_id[p.id] = p
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})
        object.__setattr__(self, "_sentences", tuple(p for p in self.passages if p.kind is PassageKind.SENTENCE))

    def __getitem__(self, passage_id: str) -> Passage:
        try:
            return self._by_id[passage_id]
        except KeyError:
            raise UnknownPassageError(f"{self.source.id}: no passage {passage_id!r}") from None

    def __contains__(self, passage_id: object) -> bool:
        return passage_id in self._by_id

    def of_kind(self, *kinds: PassageKind | str) -> tuple[Passage, ...]:
        """The passages of the given kinds, in order."""
        wanted = {PassageKind(k) for k in kinds}
        return tuple(p for p in self.passages if p.kind in wanted)

    @property
    def blocks(self) -> tuple[Passage, ...]:
        """Every passage that is not a sentence (they tile the document in order)."""
        return tuple(p for p in self.passages if p.kind is not PassageKind.SENTENCE)

    @property
    def sentences(self) -> tuple[Passage, ...]:
        """Every sentence passage, in order."""
        return self._sentences

    def children(self, passage_id: str) -> tuple[Passage, ...]:
        """The sentences of a block passage."""
        return self._children.get(passage_id, ())

    def quote(self, span: Span) -> str:
        """The raw text under ``span`` (which must be a span of this document's source)."""
        if span.source != self.source.id:
            raise OffsetError(f"span of {span.source} used with {self.source.id}")
        return span.slice(self.source.raw)

    def passages_at(self, span: Span) -> tuple[Passage, ...]:
        """The passages whose raw span contains ``span``, innermost last."""
        return tuple(p for p in self.passages if p.span.contains(span))


def ordered(passages: Sequence[Passage]) -> bool:
    """True when the passages are in raw order and none overlaps the next."""
    return all(a.end <= b.start for a, b in pairwise(passages))
