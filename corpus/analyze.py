"""The corpus pipeline: a source in, a document of offset-exact passages out.

residue (clean) -> blocks (structure) -> cleaned view per block (textview) -> sentences (segment)
-> metadata. Passage ids derive from the source id, the passage kind and its position among
passages of that kind, so the same bytes always give the same ids.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

import attrs

from corpus.metadata import derive_metadata
from corpus.model import Document, OffsetMap, Passage, PassageKind, Source, Span, trusted_passage, trusted_span
from corpus.residue import find_residue
from corpus.segment import split_sentences
from corpus.structure import find_blocks
from corpus.textview import clean_view

#: Short id prefixes per passage kind: ``dulcinea-2011.p7``, ``dulcinea-2011.p7.s2``, ``....bib3``.
ID_PREFIX: dict[PassageKind, str] = {
    PassageKind.TITLE: "title",
    PassageKind.DATELINE: "date",
    PassageKind.BYLINE: "by",
    PassageKind.HEADING: "h",
    PassageKind.PARAGRAPH: "p",
    PassageKind.SENTENCE: "s",
    PassageKind.CAPTION: "cap",
    PassageKind.CREDIT: "credit",
    PassageKind.KEYWORDS: "kw",
    PassageKind.LIST_ITEM: "li",
    PassageKind.BIBLIOGRAPHY_ENTRY: "bib",
    PassageKind.RELATED_LINK: "rel",
    PassageKind.FURNITURE: "f",
}

# Blocks of running prose are split into sentences; titles, entries and captions stay whole.
_SEGMENTED = frozenset({PassageKind.PARAGRAPH, PassageKind.LIST_ITEM})


def analyze(source: Source) -> Document:
    """Clean, structure and segment one source.

    >>> from corpus.load import source_from_text
    >>> doc = analyze(source_from_text("A Title\\n\\nIt began in 1933. It ended in 1935.\\n", "ex"))
    >>> [(p.id, p.kind.value, p.text) for p in doc.passages]  # doctest: +NORMALIZE_WHITESPACE
    [('ex.title', 'title', 'A Title'), ('ex.p1', 'paragraph', 'It began in 1933. It ended in 1935.'),
     ('ex.p1.s1', 'sentence', 'It began in 1933.'), ('ex.p1.s2', 'sentence', 'It ended in 1935.')]
    """
    raw = source.raw
    removals, terms = find_residue(raw, source.id)
    removed = [(r.span.start, r.span.end) for r in removals]
    passages = list(_passages(source, removed))
    metadata = derive_metadata(source.metadata, passages, terms)
    return Document(attrs.evolve(source, metadata=metadata), passages, removals)


def analyze_all(sources: Iterable[Source], *, jobs: int = 1) -> Iterator[Document]:
    """Analyze sources in order, a generator, so a large corpus is never all in memory.

    With ``jobs`` > 1 the sources are analysed by that many worker processes, at most two per
    worker in flight; the documents still come out in input order, identical to ``jobs=1``.

    >>> from corpus.load import source_from_text
    >>> notes = [source_from_text(f"Note {k}\\n\\nIt began in 193{k}.\\n", f"n{k}") for k in range(3)]
    >>> docs = analyze_all(notes, jobs=2)
    >>> [d.source.id for d in docs]
    ['n0', 'n1', 'n2']
    """
    if jobs <= 1:
        for source in sources:
            yield analyze(source)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        window: deque[Future[Document]] = deque()
        for source in sources:
            window.append(pool.submit(analyze, source))
            if len(window) >= 2 * jobs:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _passages(source: Source, removed: list[tuple[int, int]]) -> Iterator[Passage]:
    # The passages are made with trusted_passage and trusted_span: every id is the source's (checked)
    # id and a fixed prefix, every kind a member, every section a tuple, and each span is taken from
    # the first and last offset of its own map (see _span).
    counts: Counter[PassageKind] = Counter()
    raw = source.raw
    sid = source.id
    for block in find_blocks(raw, sid, removed):
        text, offsets = clean_view(raw, block.span.start, block.span.end, removed)
        if not text:
            continue
        kind = block.kind
        counts[kind] += 1
        prefix = ID_PREFIX[kind]
        n = counts[kind]
        pid = f"{sid}.{prefix}" if kind is PassageKind.TITLE and n == 1 else f"{sid}.{prefix}{n}"
        yield trusted_passage(pid, kind, text, _span(sid, offsets), offsets, section=block.section)
        if kind in _SEGMENTED:
            for k, (s, e) in enumerate(split_sentences(text), 1):
                sub = offsets.sub(s, e)
                yield trusted_passage(
                    f"{pid}.s{k}",
                    PassageKind.SENTENCE,
                    text[s:e],
                    _span(sid, sub),
                    sub,
                    section=block.section,
                    parent=pid,
                )


def _span(sid: str, offsets: OffsetMap) -> Span:
    """The raw span of a non-empty map: from its first offset to one past its last (the start is the
    first run's raw offset itself, no new int per passage)."""
    return trusted_span(sid, offsets.raws[0], offsets.raw_end)
