"""TEI P5 export: a ``teiCorpus`` with one ``TEI`` per source, claims and evidence in stand-off.

The export is valid against the full TEI P5 schema (``tei_all``) and loses nothing that
:func:`annotate.teiread.read_tei` needs to rebuild the sources, passages, removals, references,
claims, verdicts and reference links, so export -> import -> export gives the same bytes.

Layout of one member ``TEI`` (ids are the library's own: source id, passage ids, cite keys)::

    teiHeader   fileDesc: titleStmt, publicationStmt, sourceDesc (biblStruct of the source's
                reference with idno type="sha256", and bibl type="source" holding the metadata
                as found); encodingDesc (library and version); profileDesc (index terms:
                particDesc/listPerson and listOrg, settingDesc/listPlace, textClass/keywords)
    text        front: the leading title/dateline/byline/furniture/keywords/credit/caption blocks;
                body: sections as nested div[@type="section"][@n] with head, paragraphs p and
                sentences s (xml:id = passage id), lists, figures with figDesc, quotations as
                quote; back: what follows the last paragraph (further reading as listBibl with a
                bibl per entry and a biblStruct per reference, related links as a list, furniture)
    standOff    seg[@type="raw"]: the raw text itself, so a quote can be located in it; a link per
                passage from its id to the raw runs it was cleaned from (string-range pointers);
                the residue cleaning removed as span[@type=kind] with the reason

and the corpus-level ``standOff`` (before the members, as TEI requires) holds the claims
(``note[@type="claim"]``), the verdicts (``annotation`` assessing the claim, ``@ana`` pointing at
the label category), the evidence quotes (``span`` with a string-range pointer into the raw text),
evidence links (``link`` from claim to passage), conflicts and further-reading links, and a feature
structure library (``fvLib``) with the fields that have no TEI element of their own.

Characters XML cannot carry (C0 controls other than tab and line ends, U+FFFE, U+FFFF, lone
surrogates) are written as ``<g type="ctl" n="U+000C">�</g>`` so character offsets stay exact.

The writer (:class:`TEIWriter`, :func:`write_tei`) streams through ``lxml.etree.xmlfile``: one
``TEI`` element, or one claim's elements, at a time; memory holds one source's tree, never the
corpus's. Ids this module makes up carry a prefix (``raw.``, ``claim.``, ``verdict.``, ``ev.``,
``cf.``, ``rl.``, ``label.``); an id used twice in the file is refused with :class:`TEIError`.
"""

from __future__ import annotations

import datetime as _dt
import enum
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import attrs
from lxml import etree

from annotate.errors import TEIError
from annotate.model import EVIDENCE_ID_PREFIX, Claim, Evidence, ReferenceLink, Verdict, evidence_table
from annotate.version import __version__
from bibliography.model import Person, Reference
from corpus.model import Document, IndexTerm, IndexTermKind, Passage, PassageKind, Source

__all__ = [
    "TEI_NS",
    "TEIWriter",
    "corpus_header",
    "document_element",
    "reference_element",
    "to_tei",
    "write_tei",
]

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
LIBRARY = "citetrace"

# Prefixes of the ids this module makes up; every other id is the library's own (source, passage,
# cite key). Collisions are refused when writing rather than silently producing a broken file.
RAW_PREFIX = "raw."
CLAIM_PREFIX = "claim."
VERDICT_PREFIX = "verdict."
EVIDENCE_PREFIX = EVIDENCE_ID_PREFIX
CONFLICT_PREFIX = "cf."
LINK_PREFIX = "rl."
LABEL_PREFIX = "label."

_NCNAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_WORD_RE = re.compile(r"^[^\s\x00-\x1f\x7f-\x9f]+$")
_ILLEGAL_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_VERSION_RE = re.compile(r"^\d+[a-z]*\d*(\.\d+[a-z]*\d*){0,3}$")
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
# Quotations marked in prose: curly, straight and guillemet pairs on one stretch of text.
_QUOTE_RE = re.compile(r"“[^“”]+”|\"[^\"\n]+\"|«[^«»]+»")

# Blocks that may open a document before its first prose, kept in ``front``.
_FRONT_KINDS = frozenset(
    {
        PassageKind.TITLE,
        PassageKind.DATELINE,
        PassageKind.BYLINE,
        PassageKind.FURNITURE,
        PassageKind.KEYWORDS,
        PassageKind.CREDIT,
        PassageKind.CAPTION,
    }
)
_PROSE_KINDS = frozenset({PassageKind.PARAGRAPH, PassageKind.LIST_ITEM})
# Kinds written as ``ab[@type=kind]`` where no more specific TEI element is allowed.
_AB_KINDS = frozenset(
    {
        PassageKind.TITLE,
        PassageKind.DATELINE,
        PassageKind.BYLINE,
        PassageKind.FURNITURE,
        PassageKind.KEYWORDS,
        PassageKind.CREDIT,
        PassageKind.SENTENCE,
    }
)
_QUOTED_KINDS = frozenset({PassageKind.PARAGRAPH, PassageKind.LIST_ITEM, PassageKind.SENTENCE})

# Elements whose content is elements only; only these are indented (whitespace elsewhere is text).
_CONTAINERS = frozenset(
    {
        "teiCorpus",
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "publicationStmt",
        "sourceDesc",
        "encodingDesc",
        "appInfo",
        "application",
        "classDecl",
        "taxonomy",
        "category",
        "profileDesc",
        "particDesc",
        "listPerson",
        "person",
        "listOrg",
        "org",
        "settingDesc",
        "listPlace",
        "place",
        "textClass",
        "keywords",
        "text",
        "front",
        "body",
        "back",
        "div",
        "list",
        "listBibl",
        "biblStruct",
        "analytic",
        "monogr",
        "imprint",
        "series",
        "figure",
        "docTitle",
        "standOff",
        "listAnnotation",
        "annotation",
        "spanGrp",
        "linkGrp",
        "fvLib",
    }
)


_NS_PREFIX = f"{{{TEI_NS}}}"


def _tag(name: str) -> str:
    return f"{_NS_PREFIX}{name}"


# --- low-level helpers ----------------------------------------------------------------------------


def _el(parent: etree._Element | None, local: str, text: str | None = None, /, **attrs_: str | None) -> etree._Element:
    nsmap: Any = {None: TEI_NS}  # lxml-stubs do not allow the None (default namespace) key
    el = etree.Element(_tag(local), nsmap=nsmap) if parent is None else etree.SubElement(parent, _tag(local))
    for key, value in attrs_.items():
        if value is None:
            continue
        if key == "xml_id":
            el.set(XML_ID, value)
        elif key == "xml_lang":
            el.set(XML_LANG, value)
        else:
            el.set(key, value)
    if text is not None:
        add_text(el, text)
    return el


def add_text(el: etree._Element, text: str) -> None:
    """Append ``text`` at the end of ``el``'s content, escaping characters XML cannot carry.

    Each such character becomes ``<g type="ctl" n="U+XXXX">\\ufffd</g>``: one character in the
    document for one in the text, so offsets counted in the TEI match offsets in the source.
    """
    pos = 0
    for m in _ILLEGAL_RE.finditer(text):
        _append_plain(el, text[pos : m.start()])
        g = etree.SubElement(el, _tag("g"))
        g.set("type", "ctl")
        g.set("n", f"U+{ord(m.group()):04X}")
        g.text = "\ufffd"
        pos = m.end()
    _append_plain(el, text[pos:])


def add_limited_text(el: etree._Element, text: str) -> None:
    """Like :func:`add_text` for elements that cannot hold ``g`` (``span``): escaped text goes in ``q``."""
    if _ILLEGAL_RE.search(text):
        add_text(_el(el, "q"), text)
    else:
        add_text(el, text)


def _append_plain(el: etree._Element, text: str) -> None:
    if not text:
        return
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "") + text
    else:
        el.text = (el.text or "") + text


def escape_attr(value: str) -> str:
    r"""Make a free string safe for an attribute: ``\`` doubles, characters XML refuses become ``\uXXXX``."""
    out = value.replace("\\", "\\\\")
    return _ILLEGAL_RE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000 else "\\u{fffd}", out)


def _word(value: str, what: str) -> str:
    if not _WORD_RE.match(value):
        raise TEIError(f"{what} {value!r} cannot be a TEI @type (a single word without spaces is needed)")
    return value


def ptr(*ids: str) -> str:
    """A TEI pointer list: ``#a #b``."""
    return " ".join(f"#{i}" for i in ids)


def string_range(source_id: str, start: int, end: int) -> str:
    """A TEI ``string-range()`` pointer (0-based offset, length) into a source's raw text element."""
    return f"#string-range({RAW_PREFIX}{source_id},{start},{end - start})"


def xml_id_for_key(key: str) -> str:
    """The xml:id of a reference: its cite key, with characters an NCName refuses (``:``) as ``_``."""
    return key if _NCNAME_RE.match(key) else re.sub(r"[^A-Za-z0-9_.\-]", "_", key)


def _w3c_date(value: str) -> str | None:
    """``value`` as an XML Schema date/gYear/gYearMonth/dateTime for ``@when``, or None."""
    try:
        if re.fullmatch(r"\d{4}", value):
            return value
        if re.fullmatch(r"\d{4}-\d{2}", value):
            _dt.date.fromisoformat(value + "-01")
            return value
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            _dt.date.fromisoformat(value)
            return value
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?", value)
        if m:
            stamp = f"{m.group(1)}T{m.group(2)}{m.group(3) or ':00'}"
            _dt.datetime.fromisoformat(stamp)
            return stamp
    except ValueError:
        return None
    return None


# --- feature structures: fields without a TEI element of their own --------------------------------


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return repr(value)


def _value(parent: etree._Element, value: object) -> None:
    if isinstance(value, enum.Enum):
        _el(parent, "symbol", value=str(value.value))
    elif isinstance(value, bool):
        _el(parent, "binary", value="true" if value else "false")
    elif isinstance(value, int):
        _el(parent, "numeric", value=str(value), trunc="true")
    elif isinstance(value, float):
        _el(parent, "numeric", value=_number(value))
    elif isinstance(value, str):
        _el(parent, "string", value)
    elif isinstance(value, tuple | list):
        coll = _el(parent, "vColl", org="list")
        for item in value:
            _value(coll, item)
    elif attrs.has(type(value)):
        parent.append(feature_structure(value))
    else:
        raise TEIError(f"cannot write a {type(value).__name__} in a feature structure")


def _is_default(field: attrs.Attribute[Any], value: object) -> bool:
    default: Any = field.default
    if default is attrs.NOTHING:
        return False
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs.Factory is a class at runtime
        if default.takes_self:
            return False
        default = default.factory()
    # Same type too: 0 is not written as the default 0.0, so it reads back as the int it was.
    return type(value) is type(default) and bool(value == default)


def feature_structure(obj: object, exclude: Iterable[str] = (), corresp: str | None = None) -> etree._Element:
    """An ``fs`` of an attrs object's fields (type = class name).

    Fields equal to their default are left out (reading them back gives the default); a field
    without a default whose value is None is an empty ``f``.
    """
    if not attrs.has(type(obj)):
        raise TEIError(f"cannot write a {type(obj).__name__} as a feature structure")
    fs = _el(None, "fs", type=type(obj).__name__, corresp=corresp)
    skip = set(exclude)
    for field in attrs.fields(type(obj)):  # type: ignore[arg-type]  # checked by attrs.has above
        if field.name in skip or not field.init:
            continue
        value = getattr(obj, field.name)
        if _is_default(field, value):
            continue
        f = _el(fs, "f", name=field.name.lstrip("_"))
        if value is not None:
            _value(f, value)  # an empty feature stands for None
    return fs


# --- indentation ----------------------------------------------------------------------------------


def indent(el: etree._Element, level: int = 0, step: str = "  ") -> None:
    """Indent element-only containers in place; elements with text content are left untouched."""
    if etree.QName(el).localname not in _CONTAINERS or (el.text and el.text.strip()) or not len(el):
        return
    if any(child.tail and child.tail.strip() for child in el):
        return
    pad = "\n" + step * (level + 1)
    el.text = pad
    for child in el:
        child.tail = pad
        if isinstance(child.tag, str):
            indent(child, level + 1, step)
    el[-1].tail = "\n" + step * level


# --- references -------------------------------------------------------------------------------------


def _person(parent: etree._Element, name: str, person: Person, role: str | None = None) -> None:
    holder = _el(parent, name, role=role)
    if person.literal is not None:
        _el(holder, "orgName", person.literal)
        return
    pers = _el(holder, "persName")
    if person.given:
        _el(pers, "forename", person.given)
    if person.particle:
        _el(pers, "nameLink", person.particle)
    if person.family:
        _el(pers, "surname", person.family)
    if person.suffix:
        _el(pers, "genName", person.suffix)


def _date(parent: etree._Element, kind: str, value: str | None) -> None:
    if value is not None:
        _el(parent, "date", value, type=kind, when=_w3c_date(value))


def reference_element(ref: Reference, *, index: int | None = None, sha256: str | None = None) -> etree._Element:
    """A ``biblStruct`` for one reference: ``xml:id`` is its cite key, ``@n`` its place in the list.

    Articles and chapters (a reference with a ``container_title``) get an ``analytic`` part; the
    annotation goes in ``note[@type="annotation"]``; ``sha256`` adds ``idno[@type="sha256"]`` (for a
    source's own reference).
    """
    bs = _el(None, "biblStruct", type=ref.type, n=None if index is None else str(index))
    if ref.key is not None:
        bs.set(XML_ID, xml_id_for_key(ref.key))
    monogr = _titles_and_people(bs, ref)
    if ref.key is not None and xml_id_for_key(ref.key) != ref.key:
        _el(monogr, "idno", ref.key, type="citekey")
    for kind, value in (("DOI", ref.doi), ("ISBN", ref.isbn), ("URL", ref.url), ("sha256", sha256)):
        if value is not None:
            _el(monogr, "idno", value, type=kind)
    if ref.edition is not None:
        _el(monogr, "edition", ref.edition)
    _imprint(monogr, ref)
    if ref.number_of_volumes is not None:
        extent = _el(monogr, "extent")
        quantity = ref.number_of_volumes if ref.number_of_volumes.isdigit() else None
        _el(extent, "measure", ref.number_of_volumes, unit="volumes", quantity=quantity)
    if ref.collection_title is not None:
        series = _el(bs, "series")
        _el(series, "title", ref.collection_title, level="s")
    _notes(bs, ref)
    return bs


def _titles_and_people(bs: etree._Element, ref: Reference) -> etree._Element:
    """The ``analytic`` part (articles and chapters) and the ``monogr`` part, which it returns."""
    if ref.container_title is not None:
        analytic = _el(bs, "analytic")
        for p in ref.authors:
            _person(analytic, "author", p)
        for p in ref.translators:
            _person(analytic, "editor", p, role="translator")
        _el(analytic, "title", ref.title or "", level="a")
        monogr = _el(bs, "monogr")
        for p in ref.editors:
            _person(monogr, "editor", p)
        level = "j" if ref.type.startswith("article") else "m"
        _el(monogr, "title", ref.container_title, level=level)
        return monogr
    monogr = _el(bs, "monogr")
    for p in ref.authors:
        _person(monogr, "author", p)
    for p in ref.editors:
        _person(monogr, "editor", p)
    for p in ref.translators:
        _person(monogr, "editor", p, role="translator")
    _el(monogr, "title", ref.title or "", level="m")
    return monogr


def _imprint(monogr: etree._Element, ref: Reference) -> None:
    imprint = _el(monogr, "imprint")
    if ref.place is not None:
        _el(imprint, "pubPlace", ref.place)
    if ref.publisher is not None:
        _el(imprint, "publisher", ref.publisher)
    _date(imprint, "year", ref.year)
    _date(imprint, "date", ref.date)
    _date(imprint, "original", ref.original_year)
    _date(imprint, "accessed", ref.accessed)
    for unit, value in (("volume", ref.volume), ("issue", ref.issue), ("page", ref.pages)):
        if value is not None:
            _el(imprint, "biblScope", value, unit=unit)
    if not len(imprint):
        _el(imprint, "date")  # imprint needs one child; an empty date says "no date known"


def _notes(bs: etree._Element, ref: Reference) -> None:
    for kind, value in (
        ("annotation", ref.annotation),
        ("general", ref.note),
        ("unparsed", ref.unparsed),
        ("raw", ref.raw),
    ):
        if value is not None:
            _el(bs, "note", value, type=kind)
    if ref.provenance or ref.confidence:
        data = _el(bs, "note", type="data")
        for prov in ref.provenance:
            data.append(feature_structure(prov))
        if ref.confidence:
            conf = _el(data, "fs", type="confidence")
            for name, score in ref.confidence:
                _value(_el(conf, "f", name=name), score)


# --- reference placement ----------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Placement:
    """Where each reference's ``biblStruct`` goes: every reference is written exactly once.

    A reference is homed in the first source its provenance names among those written: in that
    source's ``sourceDesc`` (provenance without a passage), after its bibliography entry (with a
    passage), or else in that source's stand-off; a reference naming no written source goes in the
    corpus stand-off.
    """

    corpus: tuple[tuple[int, Reference], ...]
    by_source: dict[str, list[tuple[int, Reference]]]
    by_passage: dict[str, list[tuple[int, Reference]]]
    passage_homed: dict[str, list[tuple[int, Reference]]]
    entry_keys: dict[str, list[str]]


def _place(references: Sequence[Reference], source_ids: Iterable[str]) -> _Placement:
    sids = set(source_ids)
    corpus: list[tuple[int, Reference]] = []
    by_source: dict[str, list[tuple[int, Reference]]] = {}
    by_passage: dict[str, list[tuple[int, Reference]]] = {}
    passage_homed: dict[str, list[tuple[int, Reference]]] = {}
    entry_keys: dict[str, list[str]] = {}
    for index, ref in enumerate(references):
        for prov in ref.provenance:
            if prov.passage is not None and ref.key is not None:
                entry_keys.setdefault(prov.passage, []).append(ref.key)
        home = next((p for p in ref.provenance if p.source is not None and p.source in sids), None)
        if home is None or home.source is None:
            corpus.append((index, ref))
        elif home.passage is None:
            by_source.setdefault(home.source, []).append((index, ref))
        else:
            by_passage.setdefault(home.passage, []).append((index, ref))
            passage_homed.setdefault(home.source, []).append((index, ref))
    return _Placement(tuple(corpus), by_source, by_passage, passage_homed, entry_keys)


# --- header -----------------------------------------------------------------------------------------


def _encoding_desc(parent: etree._Element, taxonomy: bool) -> None:
    enc = _el(parent, "encodingDesc")
    app_info = _el(enc, "appInfo")
    version = __version__
    app = _el(app_info, "application", ident=LIBRARY, version=version if _VERSION_RE.match(version) else None)
    _el(app, "label", f"{LIBRARY} {version}")
    if taxonomy:
        decl = _el(enc, "classDecl")
        tax = _el(decl, "taxonomy", xml_id="citetrace.labels")
        for label, desc in (
            ("SUPPORTED", "the evidence supports the claim"),
            ("REFUTED", "the evidence refutes the claim"),
            ("NOT_ENOUGH_INFO", "the sources neither support nor refute the claim"),
        ):
            cat = _el(tax, "category", xml_id=f"{LABEL_PREFIX}{label}")
            _el(cat, "catDesc", desc)


def corpus_header(n_sources: int | None = None) -> etree._Element:
    """The ``teiHeader`` of the corpus: title, the library and its version, the verdict labels."""
    header = _el(None, "teiHeader")
    fd = _el(header, "fileDesc")
    ts = _el(fd, "titleStmt")
    _el(ts, "title", "Sources, claims and evidence exported by citetrace")
    ps = _el(fd, "publicationStmt")
    _el(
        ps,
        "p",
        f"Generated by {LIBRARY} {__version__}; every claim points at a quote at exact offsets in a raw source.",
    )
    sd = _el(fd, "sourceDesc")
    count = "" if n_sources is None else f" ({n_sources} sources)"
    _el(sd, "p", f"Born-digital corpus{count}; each member TEI document describes its own source.")
    _encoding_desc(header, taxonomy=True)
    return header


def _metadata_bibl(parent: etree._Element, source: Source) -> None:
    meta = source.metadata
    bibl = _el(parent, "bibl", type="source")
    if meta.title is not None:
        _el(bibl, "title", meta.title)
    for author in meta.authors:
        _el(bibl, "author", author)
    _date(bibl, "published", meta.date)
    _date(bibl, "updated", meta.updated)
    if meta.publisher is not None:
        _el(bibl, "publisher", meta.publisher)
    if meta.url is not None:
        _el(bibl, "idno", meta.url, type="URL")
    _date(bibl, "retrieved", meta.retrieved)
    if meta.language is not None:
        _el(bibl, "textLang", meta.language, mainLang=meta.language if _LANG_RE.match(meta.language) else None)
    _el(bibl, "idno", source.sha256, type="sha256")
    _el(bibl, "idno", source.encoding, type="encoding")
    if source.path is not None:
        _el(bibl, "idno", source.path, type="path")
    for warning in source.warnings:
        _el(bibl, "note", warning, type="warning")
    _el(bibl, "ptr", type="raw", target=ptr(RAW_PREFIX + source.id))


def _index_term(parent: etree._Element, holder: str, name: str | None, index: int, term: IndexTerm) -> None:
    corresp = string_range(term.span.source, term.span.start, term.span.end) if term.span is not None else None
    el = _el(parent, holder, n=str(index), corresp=corresp)
    if name is None:
        add_text(el, term.term)
    else:
        _el(el, name, term.term)
    if term.subterm is not None:
        _el(el, "note", term.subterm, type="subterm")


def _profile_desc(parent: etree._Element, terms: Sequence[IndexTerm]) -> None:
    if not terms:
        return
    profile = _el(parent, "profileDesc")
    indexed = list(enumerate(terms))
    persons = [(i, t) for i, t in indexed if t.kind is IndexTermKind.PERSON]
    orgs = [(i, t) for i, t in indexed if t.kind is IndexTermKind.ORGANISATION]
    places = [(i, t) for i, t in indexed if t.kind is IndexTermKind.PLACE]
    if persons or orgs:
        partic = _el(profile, "particDesc")
        if persons:
            lp = _el(partic, "listPerson")
            for i, t in persons:
                _index_term(lp, "person", "persName", i, t)
        if orgs:
            lo = _el(partic, "listOrg")
            for i, t in orgs:
                _index_term(lo, "org", "orgName", i, t)
    if places:
        setting = _el(profile, "settingDesc")
        lpl = _el(setting, "listPlace")
        for i, t in places:
            _index_term(lpl, "place", "placeName", i, t)
    classes = (IndexTermKind.CATEGORY, IndexTermKind.KEYWORD, IndexTermKind.SUBJECT)
    if any(t.kind in classes for t in terms):
        tc = _el(profile, "textClass")
        for kind in classes:
            chosen = [(i, t) for i, t in indexed if t.kind is kind]
            if chosen:
                kw = _el(tc, "keywords", n=kind.value)
                for i, t in chosen:
                    _index_term(kw, "term", None, i, t)


def _document_header(doc: Document, source_refs: Sequence[tuple[int, Reference]]) -> etree._Element:
    src = doc.source
    header = _el(None, "teiHeader")
    fd = _el(header, "fileDesc")
    ts = _el(fd, "titleStmt")
    _el(ts, "title", src.metadata.title or src.id)
    ps = _el(fd, "publicationStmt")
    _el(ps, "p", f"Part of a corpus exported by {LIBRARY} {__version__}.")
    sd = _el(fd, "sourceDesc")
    if source_refs:
        index, ref = source_refs[0]
        sd.append(reference_element(ref, index=index, sha256=src.sha256))
    _metadata_bibl(sd, src)
    _encoding_desc(header, taxonomy=False)
    _profile_desc(header, src.metadata.index_terms)
    return header


# --- text -------------------------------------------------------------------------------------------


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


# --- document stand-off -----------------------------------------------------------------------------


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


# --- corpus stand-off: claims, verdicts, evidence, links --------------------------------------------


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


def _field_structures(
    verdicts: Sequence[Verdict], table: Sequence[Sequence[tuple[str, Evidence]]], links: Sequence[ReferenceLink]
) -> Iterator[etree._Element]:
    verdict_fields = ("claim", "label", "evidence", "explanation", "conflicts")
    # The quote, span, passage, relation and cite key are on the evidence span itself.
    evidence_fields = ("quote", "span", "passage", "relation", "cite_key", "id")
    claim_ids = {v.claim.id for v in verdicts}
    for v, rows in zip(verdicts, table, strict=True):
        cid = v.claim.id
        yield feature_structure(v.claim, exclude=("id", "text"), corresp=ptr(CLAIM_PREFIX + cid))
        yield feature_structure(v, exclude=verdict_fields, corresp=ptr(VERDICT_PREFIX + cid))
        for ev_id, ev in rows:
            # The claim, too, when the span's @ana points at it.
            skip = (*evidence_fields, "claim") if ev.claim in claim_ids else evidence_fields
            yield feature_structure(ev, exclude=skip, corresp=ptr(ev_id))
        for k, conflict in enumerate(v.conflicts, 1):
            # The claim is the verdict's unless it says otherwise.
            sides = ("first", "second", "claim") if conflict.claim == cid else ("first", "second")
            yield feature_structure(conflict, exclude=sides, corresp=ptr(f"{CONFLICT_PREFIX}{cid}.{k}"))
    for k, link in enumerate(links, 1):
        yield feature_structure(link, corresp=ptr(f"{LINK_PREFIX}{k}"))


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
        # A structure with every field at its default says nothing.
        return (fs for fs in _field_structures(verdicts, table, links) if len(fs))

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


# --- the writer -------------------------------------------------------------------------------------


def _check_ids(el: etree._Element, seen: dict[str, str], where: str) -> None:
    for node in el.iter():
        value = node.get(XML_ID) if isinstance(node.tag, str) else None
        if value is None:
            continue
        if not _NCNAME_RE.match(value):
            raise TEIError(f"{where}: xml:id {value!r} is not an ASCII NCName")
        if value in seen:
            raise TEIError(f"{where}: xml:id {value!r} is used twice (first in {seen[value]})")
        seen[value] = where


class TEIWriter:
    """Write a ``teiCorpus`` one source at a time (``lxml.etree.xmlfile``), so memory stays bounded.

    ``source_ids`` lists the sources that will be written, in order: references are homed in the
    first of them their provenance names, and the corpus stand-off (claims, verdicts, evidence,
    links), which TEI puts before the members, is written on entering.

    >>> import io
    >>> from corpus.analyze import analyze
    >>> from corpus.load import source_from_text
    >>> doc = analyze(source_from_text("A Title\\n\\nIt began in 1933.\\n", "ex"))
    >>> out = io.BytesIO()
    >>> with TEIWriter(out, source_ids=["ex"]) as writer:
    ...     writer.write(doc)
    >>> b'<s xml:id="ex.p1.s1">It began in 1933.</s>' in out.getvalue()
    True
    """

    def __init__(
        self,
        target: str | Path | IO[bytes],
        *,
        source_ids: Sequence[str],
        references: Sequence[Reference] = (),
        verdicts: Sequence[Verdict] = (),
        links: Sequence[ReferenceLink] = (),
    ) -> None:
        self._target = target
        self._source_ids = list(source_ids)
        self._references = list(references)
        self._verdicts = list(verdicts)
        self._links = list(links)
        self._placement = _place(self._references, self._source_ids)
        self._file: IO[bytes] | None = None
        self._own_file = False
        self._xf_cm: Any = None
        self._xf: Any = None
        self._root_cm: Any = None
        self._written: list[str] = []
        self._ids: dict[str, str] = {}

    def __enter__(self) -> TEIWriter:
        if isinstance(self._target, str | Path):
            self._file = open(self._target, "wb")
            self._own_file = True
        else:
            self._file = self._target
        try:
            self._xf_cm = etree.xmlfile(self._file, encoding="utf-8", close=False)
            self._xf = self._xf_cm.__enter__()
            self._xf.write_declaration()
            self._root_cm = self._xf.element(_tag("teiCorpus"), nsmap={None: TEI_NS})
            self._root_cm.__enter__()
            self._emit(corpus_header(len(self._source_ids)), "corpus header")
            self._write_corpus_standoff()
        except BaseException:
            if self._own_file:
                self._file.close()
            raise
        return self

    def _write_corpus_standoff(self) -> None:
        sections = _corpus_sections(self._verdicts, self._links, self._placement.corpus)
        if not sections:
            return
        self._xf.write("\n  ")
        with self._xf.element(_tag("standOff"), {"type": "claims"}):
            for name, attributes, items in sections:
                self._xf.write("\n    ")
                with self._xf.element(_tag(name), attributes):
                    for item in items():
                        self._emit(item, "corpus standOff", level=3)
                    self._xf.write("\n    ")
            self._xf.write("\n  ")

    def _emit(self, el: etree._Element, where: str, level: int = 1) -> None:
        _check_ids(el, self._ids, where)
        indent(el, level)
        el.tail = None
        # Inside the corpus element the TEI namespace is the default one already: writing plain
        # names keeps lxml from declaring it again on every element written.
        for node in el.iter():
            if isinstance(node.tag, str) and node.tag.startswith(_NS_PREFIX):
                node.tag = node.tag[len(_NS_PREFIX) :]
        etree.cleanup_namespaces(el)
        self._xf.write("\n" + "  " * level)
        self._xf.write(el)

    def write(self, doc: Document) -> None:
        """Write the ``TEI`` element of the next source (in the order of ``source_ids``)."""
        sid = doc.source.id
        expected = self._source_ids[len(self._written)] if len(self._written) < len(self._source_ids) else None
        if sid != expected:
            raise TEIError(f"source {sid!r} written out of order (expected {expected!r})")
        self._emit(_document_element(doc, self._placement), f"source {sid}")
        self._written.append(sid)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._file is not None
        try:
            if exc_type is None:
                missing = self._source_ids[len(self._written) :]
                if missing:
                    raise TEIError(f"sources announced but never written: {', '.join(missing)}")
                self._xf.write("\n")
                self._root_cm.__exit__(None, None, None)
                self._xf_cm.__exit__(None, None, None)
                self._file.write(b"\n")
        finally:
            if self._own_file:
                self._file.close()


def write_tei(
    target: str | Path | IO[bytes],
    documents: Sequence[Document],
    references: Sequence[Reference] = (),
    verdicts: Sequence[Verdict] = (),
    links: Sequence[ReferenceLink] = (),
) -> None:
    """Write the corpus to a path or binary file, one source at a time."""
    with TEIWriter(
        target, source_ids=[d.source.id for d in documents], references=references, verdicts=verdicts, links=links
    ) as writer:
        for doc in documents:
            writer.write(doc)


def to_tei(
    documents: Sequence[Document],
    references: Sequence[Reference] = (),
    verdicts: Sequence[Verdict] = (),
    links: Sequence[ReferenceLink] = (),
) -> bytes:
    """The whole corpus as TEI bytes (UTF-8, with an XML declaration, ending in a newline)."""
    buf = io.BytesIO()
    write_tei(buf, documents, references, verdicts, links)
    return buf.getvalue()
