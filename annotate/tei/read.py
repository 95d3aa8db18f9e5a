"""TEI P5 import: rebuild the sources, passages, references, claims and links a TEI export holds.

:func:`read_tei` reads what :mod:`annotate.tei.write` writes. The raw text comes back from the
``seg[@type="raw"]`` of each source, every passage's offsets from its link to the raw runs, and
each passage's text from the element carrying its id; a passage whose text does not match the raw
characters its offsets name is refused, so a hand-edited file cannot smuggle in a wrong quote.
Parsing goes through :func:`annotate.safexml.parse_xml`: no DTD, no entity expansion, no network.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import attrs
from lxml import etree

from annotate.errors import TEIError
from annotate.model import (
    AnnotatedCorpus,
    Claim,
    Conflict,
    DateValue,
    Entity,
    Evidence,
    Facets,
    Label,
    Quantity,
    ReferenceLink,
    Verdict,
)
from annotate.tei.elements import CLAIM_PREFIX, LABEL_PREFIX, RAW_PREFIX, TEI_NS, XML_ID, xml_id_for_key
from annotate.tei.safexml import parse_xml
from bibliography.model import Person, Provenance, Reference
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

__all__ = ["check_pointers", "read_tei", "read_tei_tree"]

_T = f"{{{TEI_NS}}}"
_R = TypeVar("_R")
_RANGE_RE = re.compile(r"^#string-range\(([^,()\s]+),(\d+),(\d+)\)$")
_ATTR_ESCAPE_RE = re.compile(r"\\(\\|u\{fffd\}|u[0-9a-f]{4})")

# --- helpers ----------------------------------------------------------------------------------------


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str) or not tag.startswith(_T):
        return ""
    return tag[len(_T) :]


def _children(el: etree._Element, name: str) -> Iterator[etree._Element]:
    return (c for c in el if _local(c) == name)


def _child(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    return next(_children(el, name), None)


def _where(el: etree._Element) -> str:
    return f"line {el.sourceline}, <{_local(el) or el.tag}>"


def text_of(el: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """The character content of ``el``: text of descendants, escaped characters restored.

    ``<g type="ctl" n="U+000C">`` stands for the character it names; elements named in ``skip``
    (and comments, processing instructions) contribute nothing but their tail.
    """
    parts: list[str] = []
    _collect(el, parts, skip)
    return "".join(parts)


def _collect(el: etree._Element, parts: list[str], skip: frozenset[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        name = _local(child)
        if not isinstance(child.tag, str):
            pass  # comment or processing instruction
        elif name == "g" and child.get("type") == "ctl":
            parts.append(_ctl(child))
        elif name not in skip:
            _collect(child, parts, skip)
        if child.tail:
            parts.append(child.tail)


def _ctl(el: etree._Element) -> str:
    code = el.get("n", "")
    if not re.fullmatch(r"U\+[0-9A-F]{4,6}", code):
        raise TEIError(f"{_where(el)}: escaped character needs n='U+XXXX', got {code!r}")
    return chr(int(code[2:], 16))


def unescape_attr(value: str) -> str:
    """Undo :func:`annotate.tei.escape_attr`."""

    def repl(m: re.Match[str]) -> str:
        body = m.group(1)
        if body == "\\":
            return "\\"
        if body == "u{fffd}":
            return "\ufffd"
        return chr(int(body[1:], 16))

    return _ATTR_ESCAPE_RE.sub(repl, value)


def _opt_text(el: etree._Element | None) -> str | None:
    return None if el is None else text_of(el)


def _pointers(value: str | None) -> list[str]:
    return [] if not value else value.split()


def _ids(value: str | None, el: etree._Element) -> list[str]:
    out = []
    for p in _pointers(value):
        if not p.startswith("#"):
            raise TEIError(f"{_where(el)}: pointer {p!r} is not a local '#id'")
        out.append(p[1:])
    return out


def _string_range(pointer: str, el: etree._Element) -> Span:
    m = _RANGE_RE.match(pointer)
    if m is None or not m.group(1).startswith(RAW_PREFIX):
        raise TEIError(f"{_where(el)}: {pointer!r} is not a string-range() pointer into a raw text")
    start, length = int(m.group(2)), int(m.group(3))
    return Span(m.group(1)[len(RAW_PREFIX) :], start, start + length)


def _build(cls: Callable[..., _R], el: etree._Element, **fields: object) -> _R:
    try:
        return cls(**fields)
    except (ValueError, TypeError, CorpusError) as exc:
        name = getattr(cls, "__name__", str(cls))
        raise TEIError(f"{_where(el)}: cannot rebuild {name}: {exc}") from None


# --- feature structures -----------------------------------------------------------------------------

_FS_CLASSES: dict[str, Callable[..., Any]] = {
    cls.__name__: cls for cls in (Facets, DateValue, Quantity, Entity, Span, Provenance)
}


def _number(value: str, trunc: bool, el: etree._Element) -> int | float:
    try:
        if trunc:
            return int(value)
        special = {"NaN": math.nan, "INF": math.inf, "-INF": -math.inf}
        return special[value] if value in special else float(value)
    except ValueError:
        raise TEIError(f"{_where(el)}: {value!r} is not a number") from None


def _fs_value(el: etree._Element) -> object:
    name = _local(el)
    if name == "symbol":
        return el.get("value", "")
    if name == "binary":
        return el.get("value") in ("true", "1")
    if name == "numeric":
        return _number(el.get("value", ""), el.get("trunc") == "true", el)
    if name == "string":
        return text_of(el)
    if name == "vColl":
        return tuple(_fs_value(c) for c in el if isinstance(c.tag, str))
    if name == "fs":
        kind = el.get("type", "")
        cls = _FS_CLASSES.get(kind)
        if cls is None:
            raise TEIError(f"{_where(el)}: unknown feature structure type {kind!r}")
        return _build(cls, el, **fs_fields(el))
    raise TEIError(f"{_where(el)}: unexpected feature value <{name}>")


def fs_fields(fs: etree._Element) -> dict[str, object]:
    """The features of an ``fs`` as a dict of Python values (nested structures rebuilt)."""
    out: dict[str, object] = {}
    for f in _children(fs, "f"):
        values = [c for c in f if isinstance(c.tag, str)]
        name = f.get("name", "")
        if len(values) > 1 or not name:
            raise TEIError(f"{_where(f)}: a feature needs a name and at most one value")
        out[name] = _fs_value(values[0]) if values else None
    return out


# --- references -------------------------------------------------------------------------------------


def _person(holder: etree._Element) -> Person:
    org = _child(holder, "orgName")
    if org is not None:
        return _build(Person, holder, literal=text_of(org))
    pers = _child(holder, "persName")
    if pers is None:
        raise TEIError(f"{_where(holder)}: a name needs persName or orgName")
    return _build(
        Person,
        holder,
        given=_opt_text(_child(pers, "forename")),
        particle=_opt_text(_child(pers, "nameLink")),
        family=_opt_text(_child(pers, "surname")),
        suffix=_opt_text(_child(pers, "genName")),
    )


def _people(el: etree._Element | None, name: str, role: str | None) -> tuple[Person, ...]:
    if el is None:
        return ()
    return tuple(_person(c) for c in _children(el, name) if c.get("role") == role)


def _typed(el: etree._Element | None, name: str, attr: str, value: str) -> str | None:
    if el is None:
        return None
    return next((text_of(c) for c in _children(el, name) if c.get(attr) == value), None)


def read_reference(bs: etree._Element) -> Reference:
    """Rebuild a :class:`Reference` from a ``biblStruct`` written by :func:`annotate.tei.reference_element`."""
    analytic = _child(bs, "analytic")
    monogr = _child(bs, "monogr")
    if monogr is None:
        raise TEIError(f"{_where(bs)}: biblStruct without monogr")
    fields: dict[str, Any] = {"type": bs.get("type", "book")}
    if analytic is not None:
        fields["authors"] = _people(analytic, "author", None)
        fields["translators"] = _people(analytic, "editor", "translator")
        fields["title"] = _opt_text(_child(analytic, "title"))
        fields["container_title"] = _opt_text(_child(monogr, "title"))
        fields["editors"] = _people(monogr, "editor", None)
    else:
        fields["authors"] = _people(monogr, "author", None)
        fields["editors"] = _people(monogr, "editor", None)
        fields["translators"] = _people(monogr, "editor", "translator")
        fields["title"] = _opt_text(_child(monogr, "title"))
    fields["key"] = _typed(monogr, "idno", "type", "citekey") or bs.get(XML_ID)
    fields["doi"] = _typed(monogr, "idno", "type", "DOI")
    fields["isbn"] = _typed(monogr, "idno", "type", "ISBN")
    fields["url"] = _typed(monogr, "idno", "type", "URL")
    fields["edition"] = _opt_text(_child(monogr, "edition"))
    imprint = _child(monogr, "imprint")
    fields["place"] = _opt_text(_child(imprint, "pubPlace"))
    fields["publisher"] = _opt_text(_child(imprint, "publisher"))
    for attr, kind in (("year", "year"), ("date", "date"), ("original_year", "original"), ("accessed", "accessed")):
        fields[attr] = _typed(imprint, "date", "type", kind)
    for attr, unit in (("volume", "volume"), ("issue", "issue"), ("pages", "page")):
        fields[attr] = _typed(imprint, "biblScope", "unit", unit)
    fields["number_of_volumes"] = _typed(_child(monogr, "extent"), "measure", "unit", "volumes")
    fields["collection_title"] = _opt_text(_child(_child(bs, "series"), "title"))
    for attr, kind in (("annotation", "annotation"), ("note", "general"), ("unparsed", "unparsed"), ("raw", "raw")):
        fields[attr] = _typed(bs, "note", "type", kind)
    data = next((n for n in _children(bs, "note") if n.get("type") == "data"), None)
    if data is not None:
        provenance = []
        for fs in _children(data, "fs"):
            if fs.get("type") == "confidence":
                fields["confidence"] = fs_fields(fs)
            else:
                provenance.append(_fs_value(fs))
        fields["provenance"] = tuple(provenance)
    return _build(Reference, bs, **fields)


# --- sources and passages ---------------------------------------------------------------------------


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


# --- claims -----------------------------------------------------------------------------------------


class _Claims:
    def __init__(self, standoff: etree._Element | None, keys: dict[str, str]) -> None:
        self.keys = keys  # xml:id of a biblStruct -> its cite key
        self.fields: dict[str, etree._Element] = {}
        self.spans: dict[str, etree._Element] = {}
        self.conflicts: dict[str, etree._Element] = {}
        self.standoff = standoff
        if standoff is None:
            return
        for lib in _children(standoff, "fvLib"):
            for fs in _children(lib, "fs"):
                for target in _ids(fs.get("corresp"), fs):
                    self.fields[target] = fs
        for grp in _children(standoff, "spanGrp"):
            for span in _children(grp, "span"):
                self.spans[span.get(XML_ID, "")] = span
        for grp in _children(standoff, "linkGrp"):
            if grp.get("type") == "conflicts":
                for link in _children(grp, "link"):
                    self.conflicts[link.get(XML_ID, "")] = link

    def _fields(self, xml_id: str) -> dict[str, object]:
        # Fields at their defaults are not written, so a missing structure means "all defaults".
        fs = self.fields.get(xml_id)
        return {} if fs is None else fs_fields(fs)

    def evidence(self, ev_id: str, el: etree._Element) -> Evidence:
        span = self.spans.get(ev_id)
        if span is None:
            raise TEIError(f"{_where(el)}: evidence #{ev_id} is not in the evidence spans")
        passages = _ids(span.get("corresp"), span)
        keys = _ids(span.get("source"), span)
        if len(passages) != 1 or len(keys) > 1:
            raise TEIError(f"{_where(span)}: evidence needs one passage (@corresp) and at most one @source")
        fields = self._fields(ev_id)
        if "claim" not in fields:
            claims = [i[len(CLAIM_PREFIX) :] for i in _ids(span.get("ana"), span) if i.startswith(CLAIM_PREFIX)]
            if len(claims) != 1:
                raise TEIError(f"{_where(span)}: evidence names no claim (@ana or a claim feature)")
            fields["claim"] = claims[0]
        return _build(
            Evidence,
            span,
            quote=text_of(span),
            span=_string_range(span.get("target", ""), span),
            passage=passages[0],
            relation=span.get("type", ""),
            cite_key=self.keys.get(keys[0], keys[0]) if keys else None,
            **fields,
        )

    def verdicts(self) -> list[Verdict]:
        out: list[Verdict] = []
        if self.standoff is None:
            return out
        claim: Claim | None = None
        for la in _children(self.standoff, "listAnnotation"):
            for el in la:
                name = _local(el)
                if name == "note" and el.get("type") == "claim":
                    xml_id = el.get(XML_ID, "")
                    if not xml_id.startswith(CLAIM_PREFIX):
                        raise TEIError(f"{_where(el)}: claim id {xml_id!r} lacks the {CLAIM_PREFIX!r} prefix")
                    claim_id = xml_id[len(CLAIM_PREFIX) :]
                    claim = _build(Claim, el, id=claim_id, text=text_of(el), **self._fields(xml_id))
                elif name == "annotation":
                    if claim is None or el.get("target") != f"#{CLAIM_PREFIX}{claim.id}":
                        raise TEIError(f"{_where(el)}: verdict does not follow the claim it assesses")
                    out.append(self._verdict(el, claim))
                    claim = None
        return out

    def _verdict(self, el: etree._Element, claim: Claim) -> Verdict:
        labels = [i[len(LABEL_PREFIX) :] for i in _ids(el.get("ana"), el) if i.startswith(LABEL_PREFIX)]
        if len(labels) != 1 or labels[0] not in Label.__members__:
            raise TEIError(f"{_where(el)}: verdict needs exactly one label pointer, got {el.get('ana')!r}")
        evidence: list[Evidence] = []
        conflicts: list[Conflict] = []
        explanation = ""
        for child in el:
            kind = child.get("type")
            if _local(child) == "note" and kind == "explanation":
                explanation = text_of(child)
            elif _local(child) == "ptr" and kind == "evidence":
                evidence.extend(self.evidence(i, child) for i in _ids(child.get("target"), child))
            elif _local(child) == "ptr" and kind == "conflict":
                for cf_id in _ids(child.get("target"), child):
                    link = self.conflicts.get(cf_id)
                    if link is None:
                        raise TEIError(f"{_where(child)}: conflict #{cf_id} is not in the conflict links")
                    ends = _ids(link.get("target"), link)
                    if len(ends) != 2:
                        raise TEIError(f"{_where(link)}: a conflict links exactly two evidence spans")
                    first, second = (self.evidence(i, link) for i in ends)
                    fields = {"claim": claim.id, **self._fields(cf_id)}
                    conflicts.append(_build(Conflict, link, first=first, second=second, **fields))
        extra = self._fields(el.get(XML_ID, ""))
        return _build(
            Verdict,
            el,
            claim=claim,
            label=labels[0],
            evidence=evidence,
            explanation=explanation,
            conflicts=conflicts,
            **extra,
        )

    def links(self) -> list[ReferenceLink]:
        out: list[ReferenceLink] = []
        if self.standoff is None:
            return out
        for grp in _children(self.standoff, "linkGrp"):
            if grp.get("type") != "furtherReading":
                continue
            for link in _children(grp, "link"):
                out.append(_build(ReferenceLink, link, **self._fields(link.get(XML_ID, ""))))
        return out


# --- pointer checks -------------------------------------------------------------------------------

_POINTER_ATTRS = ("target", "corresp", "ana", "source", "sameAs", "ref")
_ANY_RANGE_RE = re.compile(r"^#string-range\(([^,()\s]+),(\d+),(\d+)\)$")


def check_pointers(root: etree._Element) -> list[str]:
    """Every local pointer (``#id``, ``#string-range(id,offset,length)``) that names nothing, and
    every ``link`` with fewer than two ends: the rules RELAX NG does not check (one line each).
    """
    ids = {el.get(XML_ID): el for el in root.iter() if isinstance(el.tag, str) and el.get(XML_ID)}
    lengths: dict[str, int] = {}
    failures: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if _local(el) == "link" and len(_pointers(el.get("target"))) < 2:
            failures.append(f"{_where(el)}: a link needs at least two targets")
        for attr in _POINTER_ATTRS:
            for pointer in _pointers(el.get(attr)):
                if not pointer.startswith("#"):
                    continue  # an external URI
                m = _ANY_RANGE_RE.match(pointer)
                name = m.group(1) if m else pointer[1:]
                target = ids.get(name)
                if target is None:
                    failures.append(f"{_where(el)}: @{attr} points at #{name}, which does not exist")
                    continue
                if m:
                    if name not in lengths:
                        lengths[name] = len(text_of(target))
                    end = int(m.group(2)) + int(m.group(3))
                    if end > lengths[name]:
                        failures.append(
                            f"{_where(el)}: @{attr} {pointer} runs past the end of #{name} ({lengths[name]})"
                        )
    return failures


# --- entry point ------------------------------------------------------------------------------------


def read_tei(data: str | bytes, name: str = "<tei>") -> AnnotatedCorpus:
    """Rebuild a corpus from a TEI export (bytes preferred; ``name`` is used in error messages).

    Raises :class:`~annotate.safexml.UnsafeXMLError` for a DOCTYPE or entity, and
    :class:`~annotate.safexml.TEIError` for anything that is not a citetrace TEI export.

    >>> from corpus.analyze import analyze
    >>> from corpus.load import source_from_text
    >>> from annotate.tei.write import to_tei
    >>> doc = analyze(source_from_text("A Title\\n\\nIt began in 1933.\\n", "ex"))
    >>> read_tei(to_tei([doc])).documents == (doc,)
    True
    """
    return read_tei_tree(parse_xml(data, name), name)


def read_tei_tree(root: etree._Element, name: str = "<tei>") -> AnnotatedCorpus:
    """:func:`read_tei` for a document already parsed (with :func:`annotate.safexml.parse_xml`)."""
    if _local(root) != "teiCorpus":
        raise TEIError(f"{name}: root element is {root.tag!r}, expected TEI teiCorpus")
    references: list[tuple[int, Reference]] = []
    documents: list[Document] = []
    corpus_standoff = None
    for child in root:
        local = _local(child)
        if local == "standOff" and child.get("type") == "claims":
            corpus_standoff = child
            for bs in child.iter(f"{_T}biblStruct"):
                references.append((_ref_index(bs), read_reference(bs)))
        elif local == "TEI":
            try:
                documents.append(_read_document(child, references))
            except TEIError as exc:
                raise TEIError(f"{name}: {exc}") from None
    references.sort(key=lambda t: t[0])
    keys = {xml_id_for_key(r.key): r.key for _, r in references if r.key is not None}
    claims = _Claims(corpus_standoff, keys)
    try:
        verdicts = claims.verdicts()
        links = claims.links()
    except TEIError as exc:
        raise TEIError(f"{name}: {exc}") from None
    return AnnotatedCorpus(documents, tuple(r for _, r in references), verdicts, links)
