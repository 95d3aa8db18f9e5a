"""Rendering the text of a source from its raw text: removals as del elements, evidence marks at
their raw ranges, sentences with their raw offsets."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from lxml import etree

from annotate.model import Relation
from annotate.references import entry_key
from annotate.view.html import _LIST_KINDS, _add_text, _el
from annotate.view.model import _Page, _RangeIndex
from corpus.model import Document, Passage, PassageKind, Removal


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
