"""The reading view: a bundle as one self-contained HTML page a researcher can look at.

:func:`render_view` turns documents, references, verdicts and further-reading links into a single
page (``index.html`` of a citation bundle) that works offline from ``file://``: the stylesheet and
script (package data ``annotate/view/assets/view.css`` and ``view.js``) are inlined, and a
Content-Security-Policy allows nothing else to load or run.

What the page shows:

* every source as readable text with its metadata, cite key and formatted citation; sections and
  passages as in the TEI export, each sentence a ``span`` with ``data-passage`` and raw
  ``data-start``/``data-end`` offsets. The text is rendered from the *raw* text: each block's raw
  span is walked and the kept characters and the removed stretches (``Document.removals``) are
  written in order, the removed ones as ``del`` elements (with the reason as their title) that a
  toggle shows struck through, so the cleaning can be audited;
* a claims panel with verdict badges; evidence quotes are pre-marked at their exact raw ranges
  (``span.ev[data-ev]``) so selecting a claim highlights them without searching the text;
* a details panel (``aria-live``) with the evidence, the Chicago-style citations of the sources and
  of linked further-reading references, and buttons that copy their BibTeX entries.

Safety: the page is built as an lxml element tree (never by pasting strings), so every text from a
source is escaped by the serialiser; the data the script needs travels in a
``<script type="application/json">`` block whose ``<``, ``>`` and ``&`` are ``\\u`` escapes, so no
text can close the element. The Content-Security-Policy names the inlined stylesheet and script by
their SHA-256, so even markup that slipped through could neither run nor load anything.

Exactness: characters HTML cannot carry (C0 controls other than tab and line ends, lone
surrogates, U+FFFE/U+FFFF) are shown as their Unicode control pictures or U+FFFD, one character for
one, and a carriage return is written as ``&#13;`` (a parser would turn a literal one into a line
feed), so the text of every sentence on the page is its raw text, character for character.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import itertools
import json
import re
import webbrowser
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from annotate.claims import PersonName, names_compatible, parse_person_name
from annotate.model import EntityType, Label, ReferenceLink, Relation, Verdict
from annotate.references import entry_key, source_key
from annotate.version import __version__
from bibliography.bibtex import to_bibtex
from bibliography.citation import citation_parts
from bibliography.errors import BibliographyError
from bibliography.model import Reference
from corpus.model import Document, IndexTermKind, Passage, PassageKind, Removal

__all__ = [
    "VIEW_FILENAME",
    "find_view",
    "open_view",
    "render_view",
    "safe_json",
]

#: The file name of the reading view inside a bundle.
VIEW_FILENAME = "index.html"

_LABEL_TEXT = {
    Label.SUPPORTED: "Supported",
    Label.REFUTED: "Refuted",
    Label.NOT_ENOUGH_INFO: "Not enough info",
}
_LABEL_CLASS = {
    Label.SUPPORTED: "supported",
    Label.REFUTED: "refuted",
    Label.NOT_ENOUGH_INFO: "nei",
}
_RELATION_RANK = {Relation.SUPPORTS: 0, Relation.REFUTES: 1, Relation.MENTIONS: 2}

# Characters an HTML/XML tree cannot hold. Each becomes exactly one visible stand-in.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Passage kinds rendered as items of a list, and the list element each one goes into.
_LIST_KINDS = {
    PassageKind.LIST_ITEM: ("ul", "list"),
    PassageKind.BIBLIOGRAPHY_ENTRY: ("ul", "bibl"),
    PassageKind.RELATED_LINK: ("ul", "related"),
}
_URL_RE = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


# --- text helpers ------------------------------------------------------------------------------------


def _stand_in(m: re.Match[str]) -> str:
    code = ord(m.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def displayable(text: str) -> str:
    """``text`` with the characters HTML cannot carry replaced one for one by visible stand-ins.

    C0 controls become their control pictures, lone surrogates and non-characters U+FFFD, so the
    length (and every offset inside the text) is unchanged.

    >>> displayable("form\\x0cfeed")
    'form␌feed'
    """
    return _UNSAFE_CHARS.sub(_stand_in, text)


_JSON_ESCAPES = re.compile("[<>&\u2028\u2029\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def safe_json(data: object) -> str:
    """JSON that can sit inside ``<script type="application/json">`` without ending it.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so ``</script>`` or ``<!--`` in a source
    cannot appear in the output; so are U+2028/U+2029, C1 controls, lone surrogates and the
    non-characters U+FFFE/U+FFFF (which an HTML page cannot carry). Other text stays as it is.

    >>> safe_json({"t": "</script>&é"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u0026é"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_ESCAPES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _el(parent: etree._Element | None, tag: str, text: str | None = None, /, **attrs: str | None) -> etree._Element:
    """A new element (under ``parent`` when given); ``class_`` stands for ``class``, ``None`` values are left out."""
    clean = {k.rstrip("_").replace("_", "-"): displayable(v) for k, v in attrs.items() if v is not None}
    el = etree.Element(tag, clean) if parent is None else etree.SubElement(parent, tag, clean)
    if text:
        el.text = displayable(text)
    return el


def _add_text(el: etree._Element, text: str) -> None:
    """Append text at the end of ``el`` (after its last child)."""
    if not text:
        return
    text = displayable(text)
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "") + text
    else:
        el.text = (el.text or "") + text


def _citation_element(parent: etree._Element, ref: Reference, tag: str = "p") -> etree._Element:
    el = _el(parent, tag, class_="citation")
    for text, italic in citation_parts(ref):
        if italic:
            _el(el, "i", text)
        else:
            _add_text(el, text)
    return el


# --- people ------------------------------------------------------------------------------------------


class _People:
    """Person names from claims and index terms, grouped when they can name the same person."""

    def __init__(self) -> None:
        self.groups: list[list[PersonName]] = []  # the names of each person
        self._by_key: dict[str, int] = {}

    def add(self, key: str, name: str) -> int | None:
        if key in self._by_key:
            return self._by_key[key]
        parsed = parse_person_name(name)
        if parsed is None:
            return None
        hits = [i for i, names in enumerate(self.groups) if all(names_compatible(parsed, n) for n in names)]
        # A bare surname joins a person only when it can name just one of those known.
        if len(hits) == 1 or (hits and parsed.given):
            index = hits[0]
            self.groups[index].append(parsed)
        else:
            index = len(self.groups)
            self.groups.append([parsed])
        self._by_key[key] = index
        return index

    def display(self, index: int) -> str:
        names = self.groups[index]
        return max(names, key=lambda n: n.fullness).display


# --- the model of the page ---------------------------------------------------------------------------


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
        self.references = list(references)
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
        self.evidence_json: list[dict[str, Any]] = []
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


def _bibtex_entries(references: Sequence[Reference]) -> dict[str, str]:
    out: dict[str, str] = {}
    for ref in references:
        if ref.key:
            try:
                out[ref.key] = to_bibtex([ref])
            except BibliographyError:
                continue
    return out


# --- rendering the text of a source ------------------------------------------------------------------


class _RangeIndex:
    """Half-open ranges sorted by start, searchable for the ones overlapping a range.

    A range never reaches back further than the longest one, so a search looks at the starts from
    ``start`` minus that length on.
    """

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(ranges)
        self.starts = [a for a, _ in pairs]
        self.ends = [b for _, b in pairs]
        self.longest = max((b - a for a, b in pairs), default=0)

    def overlapping(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [i for i in range(lo, hi) if self.ends[i] > start and self.ends[i] > self.starts[i]]


class _SourceText:
    """Renders the raw text of one document, block by block, with sentences, removals and marks."""

    def __init__(self, page: _Page, doc: Document) -> None:
        self.page = page
        self.doc = doc
        self.raw = doc.source.raw
        self.removals: list[Removal] = sorted(doc.removals, key=lambda r: (r.span.start, r.span.end))
        self._removal_index = _RangeIndex((r.span.start, r.span.end) for r in self.removals)
        self.marks = page.marks.get(doc.source.id, [])  # sorted by (start, end)
        self._mark_index = _RangeIndex((m.start, m.end) for m in self.marks)
        block_ids = {p.id for p in doc.passages if p.kind is not PassageKind.SENTENCE}
        self.children: dict[str, list[Passage]] = {}
        self.blocks: list[Passage] = []
        for p in doc.passages:
            if p.kind is PassageKind.SENTENCE and p.parent in block_ids:
                self.children.setdefault(p.parent, []).append(p)
            elif p.end > p.start:
                self.blocks.append(p)
        self.blocks.sort(key=lambda p: (p.start, p.end))
        for kids in self.children.values():
            kids.sort(key=lambda p: (p.start, p.end))

    def _removals_in(self, start: int, end: int) -> list[Removal]:
        return [self.removals[i] for i in self._removal_index.overlapping(start, end)]

    def render(self, parent: etree._Element) -> None:
        """Write the blocks into ``parent``, nested in ``section`` elements by their section path."""
        stack: list[tuple[str, etree._Element]] = []
        prev_el: etree._Element | None = None
        prev_end = 0
        for block in self.blocks:
            path = block.section
            k = 0
            while k < len(stack) and k < len(path) and stack[k][0] == path[k]:
                k += 1
            if block.kind is PassageKind.HEADING and path and k == len(path):
                k = len(path) - 1  # a heading opens a new section, even under the same name
            del stack[k:]
            container = stack[-1][1] if stack else parent
            for name in path[k:]:
                container = _el(container, "section", class_="sec", data_section=name)
                stack.append((name, container))
            # Residue between two blocks goes where it sat in the raw text: at the start of the next
            # block, or at the end of the previous one when the next is a heading.
            gap = [
                (r, max(r.span.start, prev_end), min(r.span.end, block.start))
                for r in self._removals_in(prev_end, block.start)
            ]
            before_heading = block.kind in (PassageKind.HEADING, PassageKind.TITLE)
            if gap and before_heading and prev_el is not None:
                self._residue(prev_el, gap)
                gap = []
            prev_el = self._block(container, block, len(path), gap)
            prev_end = block.end
        tail = [(r, max(r.span.start, prev_end), len(self.raw)) for r in self._removals_in(prev_end, len(self.raw))]
        if tail:
            self._residue(prev_el if prev_el is not None else _el(parent, "p", class_="b b-residue"), tail)

    def _residue(self, el: etree._Element, removals: Sequence[tuple[Removal, int, int]], *, lead: bool = False) -> None:
        """Residue from outside any block, in a ``span.gap`` (hidden with the removals) at the end of
        ``el`` (or at its start, for ``lead``, when ``el`` is still empty)."""
        pieces = [(r, a, b) for r, a, b in removals if a < b]
        if not pieces:
            return
        gap = _el(el, "span", class_="gap")
        for r, a, b in pieces:
            if not lead:
                _add_text(gap, " ")
            self._removed(gap, r, a, b)
            if lead:
                _add_text(gap, " ")

    def _removed(self, parent: etree._Element, removal: Removal, a: int, b: int) -> etree._Element:
        return _el(
            parent,
            "del",
            self.raw[a:b],
            class_="rm",
            title=f"Removed ({removal.kind}): {removal.reason}",
            data_kind=removal.kind,
            data_start=str(a),
            data_end=str(b),
        )

    def _block(
        self, container: etree._Element, block: Passage, depth: int, lead: Sequence[tuple[Removal, int, int]]
    ) -> etree._Element:
        kind = block.kind
        attrs = {
            "class_": f"b b-{kind.value}",
            "data_passage": block.id,
            "data_start": str(block.start),
            "data_end": str(block.end),
        }
        el: etree._Element
        if kind is PassageKind.HEADING:
            el = _el(container, f"h{min(6, 2 + max(1, depth))}", **attrs)
        elif kind in _LIST_KINDS:
            tag, cls = _LIST_KINDS[kind]
            last = container[-1] if len(container) else None
            if last is None or last.tag != tag or last.get("class") != f"lst {cls}":
                last = _el(container, tag, class_=f"lst {cls}")
            el = _el(last, "li", **attrs)
        elif kind is PassageKind.CAPTION:
            el = _el(_el(container, "figure", class_="fig"), "figcaption", **attrs)
        else:
            el = _el(container, "p", **attrs)
        self._residue(el, lead, lead=True)
        self._fill(el, block)
        if kind is PassageKind.BIBLIOGRAPHY_ENTRY:
            key = entry_key(self.page.references, block.id)
            if key:
                extra = _el(el, "span", class_="extra")
                _add_text(extra, " ")
                _el(extra, "code", key, class_="key")
                if key in self.page.bibtex:
                    _add_text(extra, " ")
                    _copy_button(extra, key)
        return el

    def _fill(self, el: etree._Element, block: Passage) -> None:
        """Write the raw text of ``block``: sentences as spans, removals as ``del``, evidence as ``span.ev``.

        The raw span is cut at every boundary of a sentence, a removal or an evidence quote; each
        piece is written once, inside its sentence, its evidence marks and its removal (in that
        nesting order), so every quote is marked at exactly its raw characters.
        """
        start, end = block.start, block.end
        if block.kind is PassageKind.SENTENCE:
            sentences = [block]
        else:
            sentences = [s for s in self.children.get(block.id, []) if s.end > start and s.start < end]
        removals = self._removals_in(start, end)
        marks = [self.marks[i] for i in self._mark_index.overlapping(start, end)]
        points = {start, end}
        for s in sentences:
            points.update((max(s.start, start), min(s.end, end)))
        for r in removals:
            points.update((max(r.span.start, start), min(r.span.end, end)))
        for m in marks:
            points.update((max(m.start, start), min(m.end, end)))
        cuts = sorted(points)
        sentence_starts = [s.start for s in sentences]
        removal_starts = [r.span.start for r in removals]
        current: Passage | None = None
        holder = el
        for a, b in itertools.pairwise(cuts):
            si = bisect.bisect_right(sentence_starts, a) - 1
            sentence = sentences[si] if si >= 0 and sentences[si].end > a else None
            ri = bisect.bisect_right(removal_starts, a) - 1
            removal = removals[ri] if ri >= 0 and removals[ri].span.end > a else None
            if sentence is not current:
                current = sentence
                holder = el if sentence is None else self._sentence(el, sentence)
            target = holder
            numbers = [m.number for m in marks if m.start <= a < m.end]
            if numbers:
                target = _el(holder, "span", class_="ev", data_ev=" ".join(map(str, numbers)))
            if removal is not None:
                self._removed(target, removal, a, b)
            else:
                _add_text(target, self.raw[a:b])

    def _sentence(self, el: etree._Element, sentence: Passage) -> etree._Element:
        number = self.page.sentence_numbers.get((sentence.source, sentence.id))
        rels = {r for _, r in self.page.sentence_claims.get((sentence.source, sentence.id), [])}
        strong = bool(rels - {Relation.MENTIONS.value})
        cls = "s"
        if number is not None:
            cls += " has-claims" if strong else " has-mentions"
        return _el(
            el,
            "span",
            class_=cls,
            data_passage=sentence.id,
            data_start=str(sentence.start),
            data_end=str(sentence.end),
            data_si=str(number) if number is not None else None,
            tabindex="0" if strong else None,
            role="button" if strong else None,
        )


def _copy_button(parent: etree._Element, key: str) -> etree._Element:
    return _el(
        parent,
        "button",
        "Copy BibTeX",
        type="button",
        class_="copy",
        data_key=key,
        aria_label=f"Copy the BibTeX entry {key}",
    )


# --- the page ----------------------------------------------------------------------------------------


@cache
def _asset(name: str) -> str:
    text = resources.files("annotate.view").joinpath("assets", name).read_text(encoding="utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "</" in text.lower() and ("</script" in text.lower() or "</style" in text.lower()):
        raise ValueError(f"annotate/view/assets/{name} must not contain a closing script or style tag")
    return text


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _meta_rows(dl: etree._Element, rows: Iterable[tuple[str, str | None]]) -> None:
    for name, value in rows:
        if value:
            div = _el(dl, "div")
            _el(div, "dt", name)
            _el(div, "dd", value)


def _source_article(parent: etree._Element, page: _Page, index: int, doc: Document) -> None:
    src = doc.source
    meta = src.metadata
    key = page.key_of_source(src.id)
    ref = page.refs_by_key.get(key) if key else None
    art = _el(
        parent,
        "article",
        class_="source",
        id=f"src-{index}",
        data_source=src.id,
        data_doc=str(index),
        aria_labelledby=f"src-{index}-h",
        lang=meta.language
        if meta.language and re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", meta.language)
        else None,
    )
    head = _el(art, "header", class_="source-head")
    _el(head, "h2", meta.title or src.id, id=f"src-{index}-h")
    if ref is not None:
        _citation_element(head, ref)
    line = _el(head, "p", class_="keyline")
    if key:
        _add_text(line, "Cite key ")
        _el(line, "code", key, class_="key")
        if key in page.bibtex:
            _add_text(line, " ")
            _copy_button(line, key)
    dl = _el(head, "dl", class_="meta")
    removed_chars = sum(len(r.span) for r in doc.removals)
    _meta_rows(
        dl,
        [
            ("Authors", "; ".join(meta.authors) or None),
            ("Date", meta.date),
            ("Updated", meta.updated),
            ("Publisher", meta.publisher),
            ("Retrieved", meta.retrieved),
            ("Language", meta.language),
            ("Source id", src.id),
            ("File", src.path),
            ("Encoding", src.encoding),
            ("Passages", f"{len(doc.blocks)} blocks, {len(doc.sentences)} sentences"),
            (
                "Removed",
                f"{_count(len(doc.removals), 'stretch', 'stretches')}, {_count(removed_chars, 'character')}"
                if doc.removals
                else "nothing",
            ),
        ],
    )
    div = _el(dl, "div", class_="wide")
    _el(div, "dt", "SHA-256")
    _el(_el(div, "dd"), "code", src.sha256)
    if meta.url:
        div = _el(dl, "div", class_="wide")
        _el(div, "dt", "URL")
        dd = _el(div, "dd")
        if _URL_RE.match(meta.url):
            _el(dd, "a", meta.url, href=meta.url, rel="noopener noreferrer")
        else:
            _add_text(dd, meta.url)
    for warning in src.warnings:
        _el(head, "p", f"Warning: {warning}", class_="warning")
    if meta.index_terms:
        det = _el(head, "details", class_="terms")
        _el(det, "summary", f"Index terms ({len(meta.index_terms)})")
        tdl = _el(det, "dl", class_="meta")
        for kind in IndexTermKind:
            terms = meta.terms(kind)
            if terms:
                _meta_rows(tdl, [(kind.value.capitalize(), "; ".join(terms))])
    text = _el(art, "div", class_="text")
    _SourceText(page, doc).render(text)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _badge(parent: etree._Element, text: str, cls: str) -> None:
    _el(parent, "span", text, class_=f"badge {cls}")


def _claims_panel(parent: etree._Element, page: _Page) -> None:
    panel = _el(parent, "aside", id="claims", class_="panel claims", aria_labelledby="claims-h")
    _el(panel, "h2", f"Claims ({len(page.verdicts)})", id="claims-h")
    _el(panel, "p", f"Showing {len(page.verdicts)} of {len(page.verdicts)} claims.", id="claims-status", role="status")
    if not page.verdicts:
        _el(panel, "p", "No claims in this bundle.", class_="empty")
        return
    ul = _el(panel, "ul", class_="claim-list", id="claim-list")
    for number, (verdict, data) in enumerate(zip(page.verdicts, page.claims_json, strict=True)):
        li = _el(ul, "li")
        button = _el(
            li,
            "button",
            type="button",
            class_=f"claim v-{_LABEL_CLASS[verdict.label]}",
            id=f"claim-{number}",
            data_claim=str(number),
            data_label=verdict.label.value,
            data_sources=" ".join(data["sources"]),
            data_persons=" ".join(data["persons"]),
            data_flags=" ".join(
                f for f, on in (("corroborated", verdict.corroborated), ("conflict", data["conflict"])) if on
            ),
            aria_pressed="false",
        )
        badges = _el(button, "span", class_="badges")
        _badge(badges, _LABEL_TEXT[verdict.label], _LABEL_CLASS[verdict.label])
        if verdict.corroborated:
            _badge(badges, "Corroborated", "corroborated")
        if verdict.conflicts:
            _badge(badges, "Conflict", "conflict")
        _el(button, "span", verdict.claim.text, class_="claim-text")


def _filters(parent: etree._Element, page: _Page) -> None:
    form = _el(parent, "form", class_="filters", role="search", aria_label="Filter claims and search passages")

    def select(name: str, label: str, options: Iterable[tuple[str, str]]) -> None:
        wrap = _el(form, "div", class_="field")
        _el(wrap, "label", label, for_=f"f-{name}")
        sel = _el(wrap, "select", id=f"f-{name}", name=name)
        for value, text in options:
            _el(sel, "option", text, value=value)

    select(
        "source",
        "Source",
        [("", "All sources")] + [(d.source.id, d.source.metadata.title or d.source.id) for d in page.documents],
    )
    counts = {label: sum(v.label is label for v in page.verdicts) for label in Label}
    select(
        "verdict",
        "Verdict",
        [("", "All verdicts")]
        + [(label.value, f"{_LABEL_TEXT[label]} ({counts[label]})") for label in Label]
        + [
            ("corroborated", f"Corroborated ({sum(v.corroborated for v in page.verdicts)})"),
            ("conflict", f"Conflict ({sum(bool(v.conflicts) for v in page.verdicts)})"),
        ],
    )
    person_counts: dict[str, int] = {}
    for c in page.claims_json:
        for p in c["persons"]:
            person_counts[p] = person_counts.get(p, 0) + 1
    people = sorted(
        ((f"p{i}", page.people.display(i)) for i in range(len(page.people.groups))),
        key=lambda kv: (kv[1].split()[-1].casefold(), kv[1].casefold()),
    )
    select("person", "Person", [("", "All people")] + [(k, f"{n} ({person_counts.get(k, 0)})") for k, n in people])
    wrap = _el(form, "div", class_="field search")
    _el(wrap, "label", "Search passages", for_="f-search")
    _el(wrap, "input", type="search", id="f-search", name="q", autocomplete="off", placeholder="words in the text")
    wrap = _el(form, "div", class_="field toggle")
    _el(wrap, "input", type="checkbox", id="f-removed", name="removed")
    _el(wrap, "label", "Show removed residue", for_="f-removed")
    _el(form, "p", "", id="search-status", class_="status", role="status")


def render_view(
    documents: Sequence[Document],
    references: Sequence[Reference],
    verdicts: Sequence[Verdict],
    links: Sequence[ReferenceLink] = (),
    *,
    bibtex: Mapping[str, str] | None = None,
    title: str = "Citation bundle",
) -> str:
    """The reading view of a bundle: one self-contained HTML page, as a string.

    ``bibtex`` maps cite keys to their BibTeX entries (the "Copy BibTeX" buttons); by default each
    reference is serialised with :func:`bibliography.bibtex.to_bibtex`. The function is pure: it
    reads package data (the stylesheet and script it inlines) and nothing else.

    >>> from corpus.analyze import analyze
    >>> from corpus.load import source_from_text
    >>> page = render_view([analyze(source_from_text("Is 1 < 2 & 3 > 2?", "doc"))], [], [])
    >>> page.startswith("<!DOCTYPE html>"), "Is 1 &lt; 2 &amp; 3 &gt; 2?" in page
    (True, True)
    """
    page = _Page(documents, references, verdicts, links, bibtex)
    css = _asset("view.css")
    js = _asset("view.js")
    html = _el(None, "html", lang="en")
    head = _el(html, "head")
    _el(head, "meta", charset="utf-8")
    _el(
        head,
        "meta",
        http_equiv="Content-Security-Policy",
        content=(
            "default-src 'none'; img-src data:; form-action 'none'; base-uri 'none'; "
            f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}"
        ),
    )
    _el(head, "meta", name="referrer", content="no-referrer")
    _el(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _el(head, "meta", name="generator", content=f"citetrace {__version__}")
    _el(head, "title", title)
    _el(head, "style", css)
    body = _el(html, "body")
    skip = _el(body, "nav", class_="skip", aria_label="Skip links")
    _el(skip, "a", "Skip to the sources", href="#sources")
    _el(skip, "a", "Skip to the claims", href="#claims")
    header = _el(body, "header", class_="top")
    _el(header, "h1", title)
    n_sentences = sum(len(d.sentences) for d in page.documents)
    n_removed = sum(len(d.removals) for d in page.documents)
    labels = ", ".join(
        f"{sum(v.label is label for v in page.verdicts)} {_LABEL_TEXT[label].lower()}"
        for label in Label
        if any(v.label is label for v in page.verdicts)
    )
    summary = (
        f"{_count(len(page.documents), 'source')} · {_count(n_sentences, 'sentence')} · "
        f"{_count(n_removed, 'removed stretch', 'removed stretches')} · {_count(len(page.verdicts), 'claim')}"
        + (f" ({labels})" if labels else "")
    )
    _el(header, "p", summary, class_="summary")
    _filters(header, page)
    main = _el(body, "main", class_="layout")
    _claims_panel(main, page)
    sources = _el(main, "div", id="sources", class_="sources", tabindex="-1")
    _el(sources, "h2", "Sources", class_="visually-hidden")
    for index, doc in enumerate(page.documents):
        _source_article(sources, page, index, doc)
    details = _el(main, "aside", id="details", class_="panel details", aria_labelledby="details-h")
    _el(details, "h2", "Details", id="details-h")
    live = _el(details, "div", id="details-body", aria_live="polite")
    _el(
        live,
        "p",
        "Select a claim to highlight its evidence in the sources and see the citations; select an underlined "
        "sentence to see the claims it supports or refutes.",
        class_="hint",
    )
    _el(body, "p", "", id="toast", class_="toast", role="status")
    footer = _el(body, "footer", class_="foot")
    _el(footer, "p", f"Generated by citetrace {__version__}. Offsets are code points in each raw source text.")
    data = {
        "claims": [_compact(c, drop=("sources", "persons")) for c in page.claims_json],
        "evidence": [_compact(e) for e in page.evidence_json],
        "sentences": page.sentence_json(),
        "refs": page.refs_json(),
        "sources": [
            {"id": d.source.id, "title": d.source.metadata.title or d.source.id, "key": page.key_of_source(d.source.id)}
            for d in page.documents
        ],
    }
    script_data = _el(body, "script", type="application/json", id="view-data")
    script_data.text = safe_json(data)
    script = _el(body, "script")
    script.text = js
    out: str = lxml.html.tostring(html, doctype="<!DOCTYPE html>", encoding="unicode", method="html")
    # An HTML parser turns a literal CR (or CR LF) into LF; a character reference keeps it, so the
    # page's text stays character for character the raw text. CR only occurs inside text and
    # attribute values here (the JSON escapes it, the stylesheet and script have none).
    out = out.replace("\r", "&#13;")
    return out if out.endswith("\n") else out + "\n"


# --- opening a bundle's view --------------------------------------------------------------------------


def find_view(bundle: str | Path) -> Path:
    """The reading view of ``bundle`` (a bundle folder, or the HTML file itself), as an absolute path.

    Raises :class:`FileNotFoundError` naming the path when there is none.
    """
    path = Path(bundle)
    candidate = path / VIEW_FILENAME if path.is_dir() else path
    if not candidate.is_file():
        raise FileNotFoundError(2, f"no {VIEW_FILENAME} (not a citation bundle?)", str(candidate))
    return candidate.resolve()


def open_view(path: Path) -> bool:
    """Open ``path`` in the user's web browser; False when no browser is available."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    return bool(browser.open(path.as_uri()))
