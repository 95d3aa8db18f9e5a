"""The model of the page: sources, claims, verdicts, evidence marks and references, numbered once."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from annotate.model import EntityType, ReferenceLink, Relation, Verdict
from annotate.references import as_bibliography, entry_key, source_key
from annotate.view.html import _RELATION_RANK, safe_json
from annotate.view.people import _People
from bibliography.bibtex import to_bibtex
from bibliography.citation import citation_parts
from bibliography.errors import BibliographyError
from bibliography.model import Reference
from corpus.model import Document, IndexTermKind, Passage, PassageKind


class _Mark:
    """An evidence quote located in a source: its raw range and global evidence number."""

    __slots__ = ("end", "number", "start")

    def __init__(self, start: int, end: int, number: int) -> None:
        self.start = start
        self.end = end
        self.number = number


class _Page:
    """Everything render_view derives from its inputs before building elements."""

    def __init__(
        self,
        documents: Sequence[Document],
        references: Sequence[Reference],
        verdicts: Sequence[Verdict],
        links: Sequence[ReferenceLink],
        bibtex: Mapping[str, str] | None,
    ) -> None:
        self.documents = list(documents)
        # One Bibliography, so each key lookup below is a dict read, not a rebuild of the whole index
        # (which made the page quadratic in the number of references).
        self.references = as_bibliography(references)
        self.verdicts = list(verdicts)
        self.links = list(links)
        self.doc_index = {d.source.id: i for i, d in enumerate(self.documents)}
        self.source_keys = {d.source.id: source_key(self.references, d.source.id) for d in self.documents}
        self.refs_by_key = {r.key: r for r in self.references if r.key}
        self.bibtex = dict(bibtex) if bibtex is not None else _bibtex_entries(self.references)
        self.links_by_target: dict[str, list[ReferenceLink]] = {}
        for link in self.links:
            self.links_by_target.setdefault(link.target, []).append(link)
        self.people = _People()
        self.used_keys: set[str] = set()
        self.marks: dict[str, list[_Mark]] = {}  # source id -> marks sorted by start
        # Each evidence row as the page's script data has it (compacted, in safe JSON): kept as
        # text, a row costs about a tenth of its dict of lists (10 MB on 0.5 MB of sources).
        self.evidence_json: list[str] = []
        self.claims_json: list[dict[str, Any]] = []
        # sentence (source id, passage id) -> [(claim number, relation)]
        self.sentence_claims: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self.sentence_numbers: dict[tuple[str, str], int] = {}
        self._sentences = {d.source.id: sorted(d.sentences, key=lambda p: (p.start, p.end)) for d in self.documents}
        self._sentence_index = {sid: _RangeIndex((p.start, p.end) for p in ps) for sid, ps in self._sentences.items()}
        self._blocks = {d.source.id: {p.id: p for p in d.blocks} for d in self.documents}
        self._block_index = {
            sid: _RangeIndex((p.start, p.end) for p in blocks.values()) for sid, blocks in self._blocks.items()
        }
        self._sentence_by_id = {(p.source, p.id): p for ps in self._sentences.values() for p in ps}
        self._build_claims()

    def key_of_source(self, source_id: str) -> str | None:
        return self.source_keys.get(source_id)

    def _overlapping_sentences(self, source_id: str, start: int, end: int) -> list[Passage]:
        index = self._sentence_index.get(source_id)
        if index is None:
            return []
        sentences = self._sentences[source_id]
        return [sentences[i] for i in index.overlapping(start, end)]

    def _in_one_block(self, source_id: str, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one block, so the page shows all of it, marked."""
        index = self._block_index.get(source_id)
        if index is None:
            return False
        return any(index.starts[i] <= start and end <= index.ends[i] for i in index.overlapping(start, end))

    def _reading(self, targets: Iterable[str]) -> list[dict[str, Any]]:
        seen: dict[str, dict[str, Any]] = {}
        for target in targets:
            for link in self.links_by_target.get(target, []):
                if link.key not in seen:
                    seen[link.key] = {"key": link.key, "reason": link.reason, "words": list(link.words)}
                    self.used_keys.add(link.key)
        return list(seen.values())

    def _build_claims(self) -> None:
        for d in self.documents:
            for term in d.source.metadata.index_terms:
                if term.kind is IndexTermKind.PERSON:
                    self.people.add(f"term:{term.term}", term.term)
        for number, verdict in enumerate(self.verdicts):
            claim = verdict.claim
            ev_numbers: list[int] = []
            sources: dict[str, None] = {}
            cite_keys: dict[str, None] = {}
            targets: dict[str, None] = {claim.id: None}
            if claim.passage:
                targets[claim.passage] = None
            if claim.span is not None:
                sources[claim.span.source] = None
            ordered = sorted(verdict.evidence, key=lambda e: _RELATION_RANK[e.relation])
            for ev in ordered:
                ev_number = len(self.evidence_json)
                ev_numbers.append(ev_number)
                doc_i = self.doc_index.get(ev.source)
                raw = self.documents[doc_i].source.raw if doc_i is not None else None
                located = raw is not None and ev.span.end <= len(raw) and raw[ev.span.start : ev.span.end] == ev.quote
                key = ev.cite_key or self.key_of_source(ev.source)
                if key:
                    cite_keys[key] = None
                    self.used_keys.add(key)
                if ev.relation is not Relation.MENTIONS:
                    sources[ev.source] = None
                targets[ev.passage] = None
                if located:
                    self.marks.setdefault(ev.source, []).append(_Mark(ev.span.start, ev.span.end, ev_number))
                    for s in self._overlapping_sentences(ev.source, ev.span.start, ev.span.end):
                        self.sentence_claims.setdefault((ev.source, s.id), []).append((number, ev.relation.value))
                        if s.parent:
                            targets[s.parent] = None
                self.evidence_json.append(
                    _compact_json(
                        {
                            "source": ev.source if doc_i is None else None,
                            "doc": doc_i if doc_i is not None else -1,
                            "passage": ev.passage,
                            "start": ev.span.start,
                            "end": ev.span.end,
                            # A quote the page shows whole is read back from its marks, saving its copy.
                            "quote": None
                            if located and self._in_one_block(ev.source, ev.span.start, ev.span.end)
                            else ev.quote,
                            "relation": ev.relation.value,
                            "score": round(ev.score, 3) if ev.score == ev.score else 0,
                            "matched": list(ev.matched),
                            "conflicts": list(ev.conflicts),
                            # The script falls back to the source's own key, so only a different one is written.
                            "key": key if doc_i is None or key != self.key_of_source(ev.source) else None,
                            "located": located,
                        }
                    )
                )
            if not sources:
                for ev in verdict.evidence:
                    sources[ev.source] = None
            ev_of = {id(ev): n for ev, n in zip(ordered, ev_numbers, strict=True)}
            persons: dict[int, None] = {}
            for ent in claim.facets.entities:
                if ent.type is EntityType.PERSON:
                    group = self.people.add(ent.id, ent.name)
                    if group is not None:
                        persons[group] = None
            self.claims_json.append(
                {
                    "id": claim.id,
                    "text": claim.text,
                    "label": verdict.label.value,
                    "corroborated": verdict.corroborated,
                    "conflict": bool(verdict.conflicts),
                    "origin": claim.origin.value,
                    "passage": claim.passage,
                    "source": claim.span.source if claim.span is not None else None,
                    "speaker": claim.speaker,
                    "quotedBy": claim.quoted_by,
                    "explanation": verdict.explanation,
                    "evidence": ev_numbers,
                    "conflicts": [
                        {
                            "facet": c.facet,
                            "first": c.first_value,
                            "second": c.second_value,
                            "firstSource": c.first.source,
                            "secondSource": c.second.source,
                            "firstEv": ev_of.get(id(c.first)),
                            "secondEv": ev_of.get(id(c.second)),
                        }
                        for c in verdict.conflicts
                    ],
                    "cites": list(cite_keys),
                    "reading": self._reading(targets),
                    "sources": list(sources),
                    "persons": [f"p{g}" for g in persons],
                }
            )
        for marks in self.marks.values():
            marks.sort(key=lambda m: (m.start, m.end))
        for sentence in sorted(self.sentence_claims):
            self.sentence_numbers[sentence] = len(self.sentence_numbers)

    def sentence_json(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = [{}] * len(self.sentence_numbers)
        for (source, pid), number in self.sentence_numbers.items():
            claims: dict[int, str] = {}
            for claim_no, relation in self.sentence_claims[(source, pid)]:
                old = claims.get(claim_no)
                if old is None or _RELATION_RANK[Relation(relation)] < _RELATION_RANK[Relation(old)]:
                    claims[claim_no] = relation
            block = self._blocks.get(source, {})
            sentence = self._sentence_by_id.get((source, pid))
            targets = [pid] + ([sentence.parent] if sentence and sentence.parent in block else [])
            out[number] = {
                "source": source,
                "passage": pid,
                "claims": sorted(claims.items(), key=lambda kv: (_RELATION_RANK[Relation(kv[1])], kv[0])),
                "reading": self._reading(targets),
            }
        return out

    def refs_json(self) -> dict[str, Any]:
        keys = set(self.used_keys) | {k for k in self.source_keys.values() if k}
        for d in self.documents:
            for p in d.of_kind(PassageKind.BIBLIOGRAPHY_ENTRY):
                k = entry_key(self.references, p.id)
                if k:
                    keys.add(k)
        out: dict[str, Any] = {}
        for key in sorted(keys):
            ref = self.refs_by_key.get(key)
            out[key] = {
                "citation": [[t, i] for t, i in citation_parts(ref)] if ref is not None else [[key, False]],
                "bibtex": self.bibtex.get(key),
                "annotation": ref.annotation if ref is not None else None,
            }
        return out


def _compact(row: Mapping[str, Any], drop: Iterable[str] = ()) -> dict[str, Any]:
    """``row`` without its empty values (None, False, "", []) and the ``drop`` keys; the script reads them as absent."""
    skip = set(drop)
    return {k: v for k, v in row.items() if k not in skip and not (v is None or v is False or v in ("", []))}


def _compact_json(row: Mapping[str, Any]) -> str:
    """``safe_json(_compact(row))``: a row of the script's data as the page writes it."""
    return safe_json(_compact(row))


def _bibtex_entries(references: Sequence[Reference]) -> dict[str, str]:
    out: dict[str, str] = {}
    for ref in references:
        if ref.key:
            try:
                out[ref.key] = to_bibtex([ref])
            except BibliographyError:
                continue
    return out


class _RangeIndex:
    """Half-open ranges sorted by start, searchable for the ones overlapping a range.

    A search starts at the first range whose end, or the end of a range before it, lies past
    ``start`` (a running maximum of the ends, so one long range does not make every search look
    back over all the ranges it spans).
    """

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(ranges)
        self.starts = [a for a, _ in pairs]
        self.ends = [b for _, b in pairs]
        self.reach = list(itertools.accumulate(self.ends, max))

    def overlapping(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_right(self.reach, start)
        hi = bisect.bisect_left(self.starts, end)
        return [i for i in range(lo, hi) if self.ends[i] > start and self.ends[i] > self.starts[i]]
