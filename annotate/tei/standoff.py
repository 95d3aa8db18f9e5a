"""Stand-off: a source's raw text and the raw runs of each passage, and the corpus-level claims,
verdicts, evidence, conflicts and further-reading links."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import Final

from lxml import etree

from annotate.model import Claim, Evidence, ReferenceLink, Verdict, evidence_table
from annotate.tei.bibl import _place, _Placement, reference_element
from annotate.tei.body import _BodyBuilder
from annotate.tei.elements import (
    _LANG_RE,
    CLAIM_PREFIX,
    CONFLICT_PREFIX,
    LABEL_PREFIX,
    LINK_PREFIX,
    RAW_PREFIX,
    VERDICT_PREFIX,
    XML_LANG,
    _el,
    _word,
    add_limited_text,
    add_text,
    ptr,
    string_range,
    xml_id_for_key,
)
from annotate.tei.features import feature_structures
from annotate.tei.header import _document_header
from bibliography.model import Reference
from corpus.model import Document, Passage, Source


def _raw_seg(parent: etree._Element, source: Source, chunk: int = 1 << 20) -> None:
    raw = source.raw
    seg = _el(parent, "seg", type="raw", xml_id=RAW_PREFIX + source.id)
    if len(raw) <= chunk:
        add_text(seg, raw)
        return
    # libxml2 refuses text nodes over 10 MB without its "huge" option, which stays off for safety.
    for start in range(0, len(raw), chunk):
        add_text(_el(seg, "seg", n=str(start)), raw[start : start + chunk])


def _runs(passage: Passage) -> Iterator[tuple[int, int]]:
    offsets = passage.offsets
    if not offsets.length:
        # An empty passage has no runs; a zero-length range still records where it sits.
        yield passage.span.start, passage.span.start
        return
    for k, start in enumerate(offsets.starts):
        stop = offsets.starts[k + 1] if k + 1 < len(offsets.starts) else offsets.length
        raw = offsets.raws[k]
        yield raw, raw + stop - start


def _document_standoff(doc: Document, stray: Sequence[tuple[int, Reference]]) -> etree._Element:
    so = _el(None, "standOff", type="source")
    _raw_seg(so, doc.source)
    sid = doc.source.id
    if doc.passages:
        grp = _el(so, "linkGrp", type="offsets")
        for p in doc.passages:
            targets = [string_range(sid, a, b) for a, b in _runs(p)]
            _el(grp, "link", target=" ".join([f"#{p.id}", *targets]))
    if doc.removals:
        spans = _el(so, "spanGrp", type="removals")
        for r in doc.removals:
            span = _el(
                spans,
                "span",
                type=_word(r.kind, "removal kind"),
                target=string_range(r.span.source, r.span.start, r.span.end),
            )
            add_limited_text(span, r.reason)
    if stray:
        lb = _el(so, "listBibl", type="references")
        for index, ref in stray:
            lb.append(reference_element(ref, index=index))
    return so


def document_element(doc: Document, references: Sequence[Reference] = ()) -> etree._Element:
    """The ``TEI`` element of one source (header, text, stand-off), with the references homed in it.

    A reference is homed in the first source of its provenance; the others point at it by id.
    Element names are plain (see :func:`annotate.tei.elements._el`): TEI elements once written
    inside a ``teiCorpus`` or ``TEI`` element of the TEI namespace, as :class:`TEIWriter` does.
    """
    return _document_element(doc, _place(references, [doc.source.id]))


def _document_element(doc: Document, placement: _Placement) -> etree._Element:
    sid = doc.source.id
    source_refs = placement.by_source.get(sid, [])
    tei = _el(None, "TEI", xml_id=sid)
    if doc.source.metadata.language and _LANG_RE.match(doc.source.metadata.language):
        tei.set(XML_LANG, doc.source.metadata.language)
    tei.append(_document_header(doc, source_refs))
    builder = _BodyBuilder(doc, placement)
    tei.append(builder.build())
    # Source references after the first, and references whose home passage is not an entry here.
    stray = list(source_refs[1:])
    stray.extend((i, r) for i, r in placement.passage_homed.get(sid, []) if i not in builder.placed)
    stray.sort(key=lambda t: t[0])
    tei.append(_document_standoff(doc, stray))
    return tei


def _id_of(rows: Sequence[tuple[str, Evidence]], ev: Evidence) -> str:
    return next(i for i, seen in rows if seen == ev)


def _claim_target(claim: Claim) -> str | None:
    parts = []
    if claim.passage is not None:
        parts.append(f"#{claim.passage}")
    if claim.span is not None:
        parts.append(string_range(claim.span.source, claim.span.start, claim.span.end))
    return " ".join(parts) or None


#: One part of the corpus stand-off: element name, attributes, and a function giving its children.
_Section = tuple[str, dict[str, str], Callable[[], Iterator[etree._Element]]]


def _claim_items(
    verdicts: Sequence[Verdict], table: Sequence[Sequence[tuple[str, Evidence]]]
) -> Iterator[etree._Element]:
    for v, rows in zip(verdicts, table, strict=True):
        c = v.claim
        yield _el(
            None,
            "note",
            c.text,
            type="claim",
            subtype=c.origin.value,
            xml_id=CLAIM_PREFIX + c.id,
            target=_claim_target(c),
        )
        ann = _el(
            None,
            "annotation",
            xml_id=VERDICT_PREFIX + c.id,
            target=ptr(CLAIM_PREFIX + c.id),
            motivation="assessing",
            ana=ptr(LABEL_PREFIX + v.label.value),
        )
        if v.explanation:
            _el(ann, "note", v.explanation, type="explanation")
        if v.evidence:
            _el(ann, "ptr", type="evidence", target=ptr(*(_id_of(rows, e) for e in v.evidence)))
        if v.conflicts:
            ids = [f"{CONFLICT_PREFIX}{c.id}.{k}" for k in range(1, len(v.conflicts) + 1)]
            _el(ann, "ptr", type="conflict", target=ptr(*ids))
        yield ann


def _evidence_spans(table: Sequence[Sequence[tuple[str, Evidence]]], claim_ids: set[str]) -> Iterator[etree._Element]:
    for rows in table:
        for ev_id, ev in rows:
            span = _el(
                None,
                "span",
                xml_id=ev_id,
                type=ev.relation.value,
                ana=ptr(CLAIM_PREFIX + ev.claim) if ev.claim in claim_ids else None,
                corresp=ptr(ev.passage),
                source=ptr(xml_id_for_key(ev.cite_key)) if ev.cite_key else None,
                target=string_range(ev.span.source, ev.span.start, ev.span.end),
            )
            add_limited_text(span, ev.quote)
            yield span


# The fields each object's own elements already carry, left out of its feature structure.
_CLAIM_ON_NOTE: Final = frozenset({"id", "text"})
_VERDICT_ON_ANNOTATION: Final = frozenset({"claim", "label", "evidence", "explanation", "conflicts"})
# The quote, span, passage, relation and cite key are on the evidence span itself.
_EVIDENCE_ON_SPAN: Final = frozenset({"quote", "span", "passage", "relation", "cite_key", "id"})
_EVIDENCE_ON_SPAN_OF_CLAIM: Final = _EVIDENCE_ON_SPAN | {"claim"}
_CONFLICT_SIDES: Final = frozenset({"first", "second"})
_CONFLICT_SIDES_AND_CLAIM: Final = _CONFLICT_SIDES | {"claim"}


def _field_items(
    verdicts: Sequence[Verdict], table: Sequence[Sequence[tuple[str, Evidence]]], links: Sequence[ReferenceLink]
) -> Iterator[tuple[object, AbstractSet[str], str]]:
    """Each object with fields for the ``fvLib``: (object, fields its own elements carry, what it describes)."""
    claim_ids = {v.claim.id for v in verdicts}
    for v, rows in zip(verdicts, table, strict=True):
        cid = v.claim.id
        yield v.claim, _CLAIM_ON_NOTE, ptr(CLAIM_PREFIX + cid)
        yield v, _VERDICT_ON_ANNOTATION, ptr(VERDICT_PREFIX + cid)
        for ev_id, ev in rows:
            # The claim, too, when the span's @ana points at it.
            skip = _EVIDENCE_ON_SPAN_OF_CLAIM if ev.claim in claim_ids else _EVIDENCE_ON_SPAN
            yield ev, skip, ptr(ev_id)
        for k, conflict in enumerate(v.conflicts, 1):
            # The claim is the verdict's unless it says otherwise.
            sides = _CONFLICT_SIDES_AND_CLAIM if conflict.claim == cid else _CONFLICT_SIDES
            yield conflict, sides, ptr(f"{CONFLICT_PREFIX}{cid}.{k}")
    for k, link in enumerate(links, 1):
        yield link, frozenset(), ptr(f"{LINK_PREFIX}{k}")


def _corpus_sections(
    verdicts: Sequence[Verdict],
    links: Sequence[ReferenceLink],
    stray_references: Sequence[tuple[int, Reference]],
) -> list[_Section]:
    """The parts of the corpus stand-off that have content, each producing its children lazily."""
    table = evidence_table(verdicts)
    claim_ids = {v.claim.id for v in verdicts}
    sections: list[_Section] = []
    if verdicts:
        sections.append(("listAnnotation", {"type": "claims"}, lambda: _claim_items(verdicts, table)))
    if any(table):
        sections.append(("spanGrp", {"type": "evidence"}, lambda: _evidence_spans(table, claim_ids)))

    def evidence_links() -> Iterator[etree._Element]:
        for v in verdicts:
            for ev in v.evidence:
                yield _el(None, "link", type=ev.relation.value, target=ptr(CLAIM_PREFIX + v.claim.id, ev.passage))

    def conflict_links() -> Iterator[etree._Element]:
        for v, rows in zip(verdicts, table, strict=True):
            for k, conflict in enumerate(v.conflicts, 1):
                ends = ptr(_id_of(rows, conflict.first), _id_of(rows, conflict.second))
                yield _el(None, "link", xml_id=f"{CONFLICT_PREFIX}{v.claim.id}.{k}", type="conflict", target=ends)

    def reading_links() -> Iterator[etree._Element]:
        for k, link in enumerate(links, 1):
            subject = CLAIM_PREFIX + link.target if link.target in claim_ids else link.target
            target = ptr(subject, xml_id_for_key(link.key))
            yield _el(None, "link", xml_id=f"{LINK_PREFIX}{k}", type="furtherReading", target=target)

    def fields() -> Iterator[etree._Element]:
        # (A structure with every field at its default says nothing: feature_structures leaves it out.)
        return feature_structures(_field_items(verdicts, table, links))

    if any(v.evidence for v in verdicts):
        sections.append(("linkGrp", {"type": "evidence"}, evidence_links))
    if any(v.conflicts for v in verdicts):
        sections.append(("linkGrp", {"type": "conflicts"}, conflict_links))
    if links:
        sections.append(("linkGrp", {"type": "furtherReading"}, reading_links))
    if next(fields(), None) is not None:
        sections.append(("fvLib", {"n": "fields"}, fields))
    if stray_references:
        refs = lambda: (reference_element(ref, index=i) for i, ref in stray_references)  # noqa: E731
        sections.append(("listBibl", {"type": "references"}, refs))
    return sections


def claims_standoff(
    verdicts: Sequence[Verdict],
    links: Sequence[ReferenceLink] = (),
    stray_references: Sequence[tuple[int, Reference]] = (),
) -> etree._Element:
    """The corpus-level ``standOff``: claims, verdicts, evidence quotes, evidence links, conflicts,
    further-reading links, their remaining fields as feature structures, and unhomed references.

    (:class:`TEIWriter` writes the same content one item at a time.)
    """
    so = _el(None, "standOff", type="claims")
    for name, attributes, items in _corpus_sections(verdicts, links, stray_references):
        section = _el(so, name, **attributes)
        section.extend(items())
    return so
