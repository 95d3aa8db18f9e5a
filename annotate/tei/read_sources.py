"""Sources, passages and removals back from each member ``TEI``."""

from __future__ import annotations

import attrs
from lxml import etree

from annotate.errors import TEIError
from annotate.tei.elements import XML_ID
from annotate.tei.parse import (
    _T,
    _build,
    _child,
    _children,
    _local,
    _opt_text,
    _pointers,
    _string_range,
    _where,
    text_of,
    unescape_attr,
)
from annotate.tei.read_bibl import _typed, read_reference
from bibliography.model import Reference
from corpus.errors import CorpusError
from corpus.model import (
    Document,
    IndexTerm,
    IndexTermKind,
    Metadata,
    OffsetMap,
    Passage,
    PassageKind,
    Removal,
    Source,
    Span,
)


def _metadata(bibl: etree._Element, terms: tuple[IndexTerm, ...]) -> Metadata:
    return _build(
        Metadata,
        bibl,
        title=_opt_text(_child(bibl, "title")),
        authors=tuple(text_of(a) for a in _children(bibl, "author")),
        date=_typed(bibl, "date", "type", "published"),
        updated=_typed(bibl, "date", "type", "updated"),
        publisher=_opt_text(_child(bibl, "publisher")),
        url=_typed(bibl, "idno", "type", "URL"),
        retrieved=_typed(bibl, "date", "type", "retrieved"),
        language=_opt_text(_child(bibl, "textLang")),
        index_terms=terms,
    )


_TERM_HOLDERS = {
    "person": (IndexTermKind.PERSON, "persName"),
    "org": (IndexTermKind.ORGANISATION, "orgName"),
    "place": (IndexTermKind.PLACE, "placeName"),
}


def _index_terms(header: etree._Element) -> tuple[IndexTerm, ...]:
    profile = _child(header, "profileDesc")
    if profile is None:
        return ()
    found: list[tuple[int, IndexTerm]] = []
    for el in profile.iter(f"{_T}person", f"{_T}org", f"{_T}place", f"{_T}term"):
        name = _local(el)
        if name == "term":
            keywords = el.getparent()
            if keywords is None or _local(keywords) != "keywords":
                continue
            kind = IndexTermKind(keywords.get("n", "keyword"))
            term = text_of(el, skip=frozenset({"note"}))
        else:
            kind, holder = _TERM_HOLDERS[name]
            name_el = _child(el, holder)
            term = "" if name_el is None else text_of(name_el)
        sub = next((n for n in _children(el, "note") if n.get("type") == "subterm"), None)
        corresp = el.get("corresp")
        span = _string_range(corresp, el) if corresp else None
        n = el.get("n", "")
        if not n.isdigit():
            raise TEIError(f"{_where(el)}: index term without its position @n")
        found.append((int(n), _build(IndexTerm, el, kind=kind, term=term, subterm=_opt_text(sub), span=span)))
    found.sort(key=lambda t: t[0])
    return tuple(t for _, t in found)


def _passage_kind(el: etree._Element) -> PassageKind | None:
    name = _local(el)
    fixed = {
        "p": PassageKind.PARAGRAPH,
        "s": PassageKind.SENTENCE,
        "head": PassageKind.HEADING,
        "figDesc": PassageKind.CAPTION,
        "titlePart": PassageKind.TITLE,
        "dateline": PassageKind.DATELINE,
        "byline": PassageKind.BYLINE,
        "bibl": PassageKind.BIBLIOGRAPHY_ENTRY,
    }
    if name in fixed:
        return fixed[name]
    if name == "item":
        parent = el.getparent()
        related = parent is not None and parent.get("type") == "related"
        return PassageKind.RELATED_LINK if related else PassageKind.LIST_ITEM
    if name == "ab":
        try:
            return PassageKind(el.get("type", ""))
        except ValueError:
            raise TEIError(f"{_where(el)}: ab/@type {el.get('type')!r} is not a passage kind") from None
    return None


def _offsets(standoff: etree._Element, sid: str) -> dict[str, tuple[list[tuple[int, int]], etree._Element]]:
    runs: dict[str, tuple[list[tuple[int, int]], etree._Element]] = {}
    for grp in _children(standoff, "linkGrp"):
        if grp.get("type") != "offsets":
            continue
        for link in _children(grp, "link"):
            targets = _pointers(link.get("target"))
            if not targets or not targets[0].startswith("#"):
                raise TEIError(f"{_where(link)}: offsets link needs '#passage' first")
            spans = [_string_range(t, link) for t in targets[1:]]
            if any(s.source != sid for s in spans):
                raise TEIError(f"{_where(link)}: offsets of {targets[0]} point outside source {sid}")
            runs[targets[0][1:]] = ([(s.start, s.end) for s in spans], link)
    return runs


@attrs.frozen(slots=True)
class _SourceText:
    """What passage reading needs of one source: its id, raw text and each passage's raw runs."""

    sid: str
    raw: str
    runs: dict[str, tuple[list[tuple[int, int]], etree._Element]]


def _passage(
    el: etree._Element, kind: PassageKind, src: _SourceText, section: tuple[str, ...], parent: str | None
) -> Passage:
    sid, raw, runs = src.sid, src.raw, src.runs
    pid = el.get(XML_ID, "")
    text = text_of(el)
    if pid not in runs:
        raise TEIError(f"{_where(el)}: passage {pid} has no offsets link")
    pieces, link = runs[pid]
    starts: list[int] = []
    raws: list[int] = []
    n = 0
    for a, b in pieces:
        if b < a or b > len(raw):
            raise TEIError(f"{_where(link)}: run [{a}, {b}) of {pid} is outside the raw text")
        if b > a:
            starts.append(n)
            raws.append(a)
            n += b - a
    if n != len(text):
        raise TEIError(f"{_where(el)}: passage {pid} has {len(text)} characters but its offsets cover {n}")
    try:
        offsets = OffsetMap(tuple(starts), tuple(raws), n)
    except CorpusError as exc:
        raise TEIError(f"{_where(link)}: offsets of {pid}: {exc}") from None
    for i, (ch, at) in enumerate(zip(text, offsets, strict=True)):
        rc = raw[at]
        if ch != rc and not (ch == " " and rc.isspace()):
            raise TEIError(
                f"{_where(el)}: passage {pid} character {i} is {ch!r} but the raw text has {rc!r} at offset {at}"
            )
    if pieces and not text:
        span = Span(sid, pieces[0][0], pieces[0][0])
    elif text:
        span = Span(sid, offsets[0], offsets[-1] + 1)
    else:
        span = Span(sid, 0, 0)
    return _build(Passage, el, id=pid, kind=kind, text=text, span=span, offsets=offsets, section=section, parent=parent)


def _walk_passages(
    el: etree._Element, src: _SourceText, section: tuple[str, ...], parent: str | None, out: list[Passage]
) -> None:
    for child in el:
        if not isinstance(child.tag, str):
            continue
        name = _local(child)
        if name in ("biblStruct", "note", "g"):
            continue
        sub_section = section
        if name == "div" and child.get("type") == "section":
            sub_section = (*section, unescape_attr(child.get("n", "")))
        kind = _passage_kind(child) if child.get(XML_ID) is not None else None
        if kind is not None:
            is_sentence = kind is PassageKind.SENTENCE
            out.append(_passage(child, kind, src, section, parent if is_sentence else None))
            _walk_passages(child, src, sub_section, child.get(XML_ID), out)
        else:
            _walk_passages(child, src, sub_section, parent, out)


def _read_document(tei: etree._Element, references: list[tuple[int, Reference]]) -> Document:
    sid = tei.get(XML_ID)
    if sid is None:
        raise TEIError(f"{_where(tei)}: TEI without xml:id (the source id)")
    header = _child(tei, "teiHeader")
    source_desc = _child(_child(header, "fileDesc"), "sourceDesc")
    bibl = (
        next((b for b in _children(source_desc, "bibl") if b.get("type") == "source"), None)
        if source_desc is not None
        else None
    )
    if header is None or bibl is None:
        raise TEIError(f"{_where(tei)}: source {sid} lacks teiHeader/fileDesc/sourceDesc/bibl[@type='source']")
    standoff = next((s for s in _children(tei, "standOff") if s.get("type") == "source"), None)
    if standoff is None:
        raise TEIError(f"{_where(tei)}: source {sid} lacks its standOff[@type='source']")
    seg = next((s for s in _children(standoff, "seg") if s.get("type") == "raw"), None)
    if seg is None:
        raise TEIError(f"{_where(standoff)}: source {sid} lacks its raw text (seg[@type='raw'])")
    raw = text_of(seg)
    sha256 = _typed(bibl, "idno", "type", "sha256")
    source = _build(
        Source,
        bibl,
        id=sid,
        raw=raw,
        sha256=sha256 or "",
        metadata=_metadata(bibl, _index_terms(header)),
        path=_typed(bibl, "idno", "type", "path"),
        encoding=_typed(bibl, "idno", "type", "encoding") or "utf-8",
        warnings=tuple(text_of(n) for n in _children(bibl, "note") if n.get("type") == "warning"),
    )
    runs = _offsets(standoff, sid)
    passages: list[Passage] = []
    text = _child(tei, "text")
    if text is not None:
        _walk_passages(text, _SourceText(sid, raw, runs), (), None, passages)
    unknown = set(runs) - {p.id for p in passages}
    if unknown:
        raise TEIError(f"{_where(standoff)}: offsets for passages not in the text: {', '.join(sorted(unknown))}")
    removals = []
    for grp in _children(standoff, "spanGrp"):
        if grp.get("type") != "removals":
            continue
        for span_el in _children(grp, "span"):
            span = _string_range(span_el.get("target", ""), span_el)
            removals.append(_build(Removal, span_el, span=span, kind=span_el.get("type", ""), reason=text_of(span_el)))
    for bs in tei.iter(f"{_T}biblStruct"):
        references.append((_ref_index(bs), read_reference(bs)))
    return _build(Document, tei, source=source, passages=passages, removals=removals)


def _ref_index(bs: etree._Element) -> int:
    n = bs.get("n")
    return int(n) if n is not None and n.isdigit() else 1 << 62
