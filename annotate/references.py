"""The bibliography of a set of documents: a reference per source, the further-reading entries, and the
works cited inside sentences.

Each source becomes a reference from its metadata (with the sha256 of its raw bytes in the note);
each ``bibliography_entry`` passage is parsed with its provenance (source, passage, raw offsets), and
so is each citation inside a sentence (:mod:`annotate.citations`, the sentence as its passage).
The same work cited by two sources becomes one reference that keeps both provenances. Cite keys are
assigned last, in this order, so they are stable across runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from annotate.citations import find_citations
from annotate.model import ReferenceLink
from bibliography.dedupe import deduplicate
from bibliography.keys import assign_keys
from bibliography.model import Bibliography, Provenance, Reference
from bibliography.parse import parse_reference
from bibliography.sources import source_reference
from corpus.model import Document, PassageKind

# Italic marks around a title in plain text ("*The Cold War*"): the parser reads the title without them.
_EMPHASIS = re.compile(r"[*_]([^*_]+)[*_]")


def reference_for_source(doc: Document) -> Reference:
    """The reference describing one source document, from its metadata."""
    src = doc.source
    meta = src.metadata
    when = meta.date or meta.updated
    return source_reference(
        source_id=src.id,
        title=meta.title or src.id,
        authors=meta.authors,
        date=when[:10] if when else None,
        publisher=meta.publisher,
        url=meta.url,
        retrieved=meta.retrieved,
        sha256=src.sha256,
    )


def entry_references(doc: Document) -> list[Reference]:
    """The parsed further-reading / bibliography entries of one document, with provenance."""
    refs = []
    for p in doc.of_kind(PassageKind.BIBLIOGRAPHY_ENTRY):
        prov = Provenance(source=p.source, start=p.start, end=p.end, passage=p.id)
        refs.append(parse_reference(p.text, prov))
    return refs


def cited_references(doc: Document) -> list[Reference]:
    """The works cited inside the sentences of one document, parsed, with the citation's raw span."""
    refs = []
    for c in find_citations(doc):
        prov = Provenance(source=c.passage.source, start=c.start, end=c.end, passage=c.passage.id)
        refs.append(parse_reference(_EMPHASIS.sub(r"\1", c.text), prov))
    return refs


def citation_links(references: Sequence[Reference], documents: Iterable[Document]) -> list[ReferenceLink]:
    """A link from each sentence to every work it cites (the references parsed from inside it)."""
    sentences = {p.id for d in documents for p in d.sentences}
    links = []
    for ref in references:
        for prov in ref.provenance:
            if ref.key and prov.passage in sentences:
                links.append(ReferenceLink(prov.passage, ref.key, "the sentence cites this work", (), 1.0))
    return sorted(links, key=lambda link: (link.target, link.key))


def build_references(documents: Iterable[Document]) -> Bibliography:
    """Every source's reference, then every entry's, de-duplicated, with unique cite keys.

    >>> from corpus.analyze import analyze
    >>> from corpus.load import embedded_sources
    >>> refs = build_references(analyze(s) for s in embedded_sources())
    >>> [r.key for r in refs][:3]
    ['findingdulcinea2011this', 'united2022states', 'bennett1970recognition']
    """
    return merge_references([([reference_for_source(d)], entry_references(d), cited_references(d)) for d in documents])


#: What one document contributes to the bibliography: its own reference (a list of one), its
#: bibliography entries, the works cited in its sentences.
SourceReferences = tuple[list[Reference], list[Reference], list[Reference]]


def merge_references(parts: Sequence[SourceReferences]) -> Bibliography:
    """The bibliography of documents from each one's references (computed anywhere, in input
    order): every source's own reference, then every entry's, then every cited work, de-duplicated,
    with unique cite keys; what :func:`build_references` returns for the same documents."""
    refs = [r for own, _, _ in parts for r in own]
    refs.extend(r for _, entries, _ in parts for r in entries)
    refs.extend(r for _, _, cited in parts for r in cited)
    return Bibliography(assign_keys(deduplicate(refs)))


def as_bibliography(references: Sequence[Reference]) -> Bibliography:
    """``references`` as a :class:`~bibliography.Bibliography` (itself when it is one). Build it once
    before many :func:`source_key` / :func:`entry_key` look-ups: on a plain sequence each look-up
    indexes every reference again."""
    return references if isinstance(references, Bibliography) else Bibliography(references)


def source_key(references: Sequence[Reference], source_id: str) -> str | None:
    """The cite key of the reference made for a source (no passage in its provenance); constant time
    on a :class:`~bibliography.Bibliography`."""
    ref = as_bibliography(references).for_source(source_id)
    return ref.key if ref is not None else None


def entry_key(references: Sequence[Reference], passage_id: str) -> str | None:
    """The cite key of the reference parsed from a bibliography-entry passage; constant time on a
    :class:`~bibliography.Bibliography`."""
    ref = as_bibliography(references).for_passage(passage_id)
    return ref.key if ref is not None else None
