"""TEI building blocks: namespaces, the id prefixes this library makes up, element helpers that keep
every character exact, pointers, and indentation."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Final

from lxml import etree

from annotate.errors import TEIError
from annotate.model import EVIDENCE_ID_PREFIX
from corpus.model import PassageKind

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
    """The TEI element ``name`` in the namespace (for the elements the writer opens itself)."""
    return f"{_NS_PREFIX}{name}"


_XML_ATTRS: Final = {"xml_id": XML_ID, "xml_lang": XML_LANG}


def _el(parent: etree._Element | None, local: str, text: str | None = None, /, **attrs_: str | None) -> etree._Element:
    """A TEI element, by its plain name: every element built here is written by
    :class:`~annotate.tei.write.TEIWriter` inside its ``teiCorpus``, whose default namespace is TEI's,
    so a plain name is a TEI element in the file. (A namespaced name cost lxml twice as much per
    element, and the writer a pass to strip it again; the attributes go in with the element, in
    the order given, in one call, for the same reason.)"""
    attrib = {_XML_ATTRS.get(key, key): value for key, value in attrs_.items() if value is not None}
    el = etree.Element(local, attrib) if parent is None else etree.SubElement(parent, local, attrib)
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
        # In the namespace of ``el``: none in what the writer builds (see _el), TEI's in a parsed tree.
        ns = etree.QName(el).namespace
        g = etree.SubElement(el, f"{{{ns}}}g" if ns else "g")
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
    """The xml:id of a reference: its cite key, with characters an NCName refuses (``:``) as ``_`` and
    a ``_`` before a key that starts with a digit (the key itself is kept in ``idno[@type="citekey"]``).

    >>> xml_id_for_key("gaddis2005"), xml_id_for_key("2005gaddis"), xml_id_for_key("doi:10.1/x")
    ('gaddis2005', '_2005gaddis', 'doi_10.1_x')
    """
    if _NCNAME_RE.match(key):
        return key
    name = re.sub(r"[^A-Za-z0-9_.\-]", "_", key)
    return name if name[:1].isalpha() or name[:1] == "_" else "_" + name


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


def indent(el: etree._Element, level: int = 0, step: str = "  ") -> None:
    """Indent element-only containers in place; elements with text content are left untouched."""
    # The local name without building a QName: the tag is plain, or "{namespace}name" in a parsed tree.
    if el.tag.rpartition("}")[2] not in _CONTAINERS or (el.text and el.text.strip()) or not len(el):
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
