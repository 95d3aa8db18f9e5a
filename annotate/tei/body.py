"""The ``text`` of a source: front, body sections with paragraphs and sentences, quotations, back."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from annotate.errors import TEIError
from annotate.tei.bibl import _Placement, reference_element
from annotate.tei.elements import (
    _FRONT_KINDS,
    _ILLEGAL_RE,
    _PROSE_KINDS,
    _QUOTE_RE,
    _QUOTED_KINDS,
    _el,
    add_text,
    escape_attr,
    ptr,
    xml_id_for_key,
)
from corpus.model import Document, Passage, PassageKind


def _quotes(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]


def _write_marked(el: etree._Element, text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> None:
    """Write ``text[start:end]`` into ``el``, quotations inside it as ``quote`` elements."""
    pos = start
    for qs, qe in quotes:
        if qs < start or qe > end:
            continue
        add_text(el, text[pos:qs])
        _el(el, "quote", text[qs:qe])
        pos = qe
    add_text(el, text[pos:end])


def _sentence_ranges(block: Passage, sentences: Sequence[Passage]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    pos = 0
    for s in sentences:
        i = block.offsets.clean_index(s.start) if len(s.text) else None
        if i is None or i < pos or block.text[i : i + len(s.text)] != s.text:
            found = block.text.find(s.text, pos)
            if found < 0 or not s.text:
                raise TEIError(f"sentence {s.id} is not part of the text of {block.id}")
            i = found
        ranges.append((i, i + len(s.text)))
        pos = i + len(s.text)
    return ranges


def _fill_passage(el: etree._Element, block: Passage, sentences: Sequence[Passage]) -> None:
    """The passage text, its sentences as ``s`` and quotations as ``quote`` (the text stays exact)."""
    text = block.text
    quotes = _quotes(text) if block.kind in _QUOTED_KINDS else []
    if not sentences:
        _write_marked(el, text, 0, len(text), quotes)
        return
    ranges = _sentence_ranges(block, sentences)
    inner: dict[int, list[tuple[int, int]]] = {}
    wraps: dict[int, tuple[int, int, int]] = {}  # first sentence -> (last sentence, qs, qe)
    gaps: list[tuple[int, int]] = []
    for qs, qe in quotes:
        holder = next((k for k, (a, b) in enumerate(ranges) if a <= qs and qe <= b), None)
        if holder is not None:
            inner.setdefault(holder, []).append((qs, qe))
            continue
        first = next((k for k, (a, _) in enumerate(ranges) if a == qs), None)
        last = next((k for k, (_, b) in enumerate(ranges) if b == qe), None)
        if first is not None and last is not None and first < last:
            wraps[first] = (last, qs, qe)
        elif all(qe <= a or qs >= b for a, b in ranges):
            gaps.append((qs, qe))
    pos = 0
    k = 0
    while k < len(sentences):
        a, _ = ranges[k]
        _write_marked(el, text, pos, a, gaps)
        if k in wraps:
            last, _, qe = wraps[k]
            quote = _el(el, "quote")
            for j in range(k, last + 1):
                aj, bj = ranges[j]
                if j > k:
                    add_text(quote, text[ranges[j - 1][1] : aj])
                s_el = _el(quote, "s", xml_id=sentences[j].id)
                _write_marked(s_el, text, aj, bj, inner.get(j, []))
            pos = qe
            k = last + 1
            continue
        a, b = ranges[k]
        s_el = _el(el, "s", xml_id=sentences[k].id)
        _write_marked(s_el, text, a, b, inner.get(k, []))
        pos = b
        k += 1
    _write_marked(el, text, pos, len(text), gaps)


class _BodyBuilder:
    """Lays the blocks of one document out as front/body/back with section divs."""

    def __init__(self, doc: Document, placement: _Placement) -> None:
        self.doc = doc
        self.placement = placement
        self.children: dict[str, list[Passage]] = {}
        blocks: list[Passage] = []
        ids = {p.id for p in doc.passages if p.kind is not PassageKind.SENTENCE}
        for p in doc.passages:
            if p.kind is PassageKind.SENTENCE and p.parent in ids:
                self.children.setdefault(p.parent, []).append(p)
            else:
                blocks.append(p)
        self.blocks = blocks
        self.placed: set[int] = set()

    def build(self) -> etree._Element:
        text = _el(None, "text")
        blocks = self.blocks
        n_front = 0
        while n_front < len(blocks) and blocks[n_front].kind in _FRONT_KINDS and not blocks[n_front].section:
            n_front += 1
        prose = [i for i, b in enumerate(blocks) if b.kind in _PROSE_KINDS]
        n_back_start = prose[-1] + 1 if prose and prose[-1] + 1 > n_front else len(blocks)
        front, body, back = blocks[:n_front], blocks[n_front:n_back_start], blocks[n_back_start:]
        if not body:
            body, back = back, []
        if not body:
            body, front = front, []
        if front:
            self._container(_el(text, "front"), front, 0, zone_root="front")
        body_el = _el(text, "body")
        if body:
            self._container(body_el, body, 0, zone_root="body")
        else:
            _el(body_el, "div", type="empty")
        if all(etree.QName(c).localname == "figure" for c in body_el):
            # A body of figures alone is not valid TEI; a div may hold nothing else.
            part = _el(None, "div", type="part")
            part.extend(list(body_el))
            body_el.append(part)
        if back:
            self._container(_el(text, "back"), back, 0, zone_root="back")
        return text

    def _container(self, el: etree._Element, blocks: Sequence[Passage], depth: int, zone_root: str | None) -> None:
        # items: ("head", [b]) | ("flat", [b...]) | ("named", comp, [b...]) | ("part", [b...])
        items: list[tuple[str, str | None, list[Passage]]] = []
        seen_div = False
        for b in blocks:
            deeper = len(b.section) > depth
            if deeper:
                section_part = b.section[depth]
                starts_new = b.kind is PassageKind.HEADING and len(b.section) == depth + 1
                if items and items[-1][0] == "named" and items[-1][1] == section_part and not starts_new:
                    items[-1][2].append(b)
                else:
                    items.append(("named", section_part, [b]))
                seen_div = True
            elif b.kind is PassageKind.HEADING:
                if zone_root is None and not items:
                    items.append(("head", None, [b]))
                else:
                    items.append(("part", None, [b]))
                    seen_div = True
            elif items and items[-1][0] == "part":
                items[-1][2].append(b)
            elif seen_div:
                items.append(("part", None, [b]))
            elif items and items[-1][0] == "flat":
                items[-1][2].append(b)
            else:
                items.append(("flat", None, [b]))
        for kind, comp, group in items:
            if kind == "head":
                head = _el(el, "head", xml_id=group[0].id)
                _fill_passage(head, group[0], self.children.get(group[0].id, []))
            elif kind == "flat":
                self._flat(el, group, special=zone_root in ("front", "back"))
            elif kind == "named":
                assert comp is not None
                div = _el(el, "div", type="section", n=escape_attr(comp))
                self._container(div, group, depth + 1, zone_root=None)
            else:
                div = _el(el, "div", type="part")
                self._container(div, group, depth, zone_root=None)

    def _flat(self, parent: etree._Element, blocks: Sequence[Passage], special: bool) -> None:
        group: etree._Element | None = None
        group_kind: PassageKind | None = None
        for b in blocks:
            kids = self.children.get(b.id, [])
            if b.kind in (PassageKind.LIST_ITEM, PassageKind.RELATED_LINK, PassageKind.BIBLIOGRAPHY_ENTRY):
                if group is None or group_kind is not b.kind:
                    if b.kind is PassageKind.BIBLIOGRAPHY_ENTRY:
                        group = _el(parent, "listBibl")
                    else:
                        group = _el(parent, "list", type="related" if b.kind is PassageKind.RELATED_LINK else None)
                    group_kind = b.kind
                if b.kind is PassageKind.BIBLIOGRAPHY_ENTRY:
                    keys = self.placement.entry_keys.get(b.id, [])
                    bibl = _el(group, "bibl", xml_id=b.id, corresp=ptr(*map(xml_id_for_key, keys)) or None)
                    _fill_passage(bibl, b, kids)
                    for index, ref in self.placement.by_passage.get(b.id, []):
                        group.append(reference_element(ref, index=index))
                        self.placed.add(index)
                else:
                    _fill_passage(_el(group, "item", xml_id=b.id), b, kids)
                continue
            group = None
            group_kind = None
            if b.kind is PassageKind.PARAGRAPH:
                _fill_passage(_el(parent, "p", xml_id=b.id), b, kids)
            elif b.kind is PassageKind.CAPTION:
                figure = _el(parent, "figure")
                # figDesc holds neither sentences nor escaped characters; ab[@type=caption] does.
                simple = not kids and not _ILLEGAL_RE.search(b.text)
                holder = (
                    _el(figure, "figDesc", xml_id=b.id) if simple else _el(figure, "ab", type="caption", xml_id=b.id)
                )
                _fill_passage(holder, b, kids)
            elif b.kind is PassageKind.HEADING:
                # Only reached for a heading inside a flat run of a part div (never first): keep it as text.
                _fill_passage(_el(parent, "ab", type="heading", xml_id=b.id), b, kids)
            elif special and b.kind is PassageKind.TITLE:
                doc_title = _el(parent, "docTitle")
                _fill_passage(_el(doc_title, "titlePart", xml_id=b.id), b, kids)
            elif special and b.kind in (PassageKind.DATELINE, PassageKind.BYLINE):
                _fill_passage(_el(parent, b.kind.value, xml_id=b.id), b, kids)
            elif b.kind is PassageKind.SENTENCE:
                ab = _el(parent, "ab", type="sentences")
                _fill_passage(_el(ab, "s", xml_id=b.id), b, [])
            else:
                _fill_passage(_el(parent, "ab", type=b.kind.value, xml_id=b.id), b, kids)
