"""HTML building blocks that keep every character: stand-ins for characters HTML cannot carry, JSON
safe inside a script element, element helpers, citations as elements."""

from __future__ import annotations

import json
import re
from typing import Final

from lxml import etree

from annotate.model import Label, Relation
from bibliography.citation import citation_parts
from bibliography.model import Reference
from corpus.model import PassageKind

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


# What ``json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)`` makes per call,
# made once: the page encodes tens of thousands of small rows.
_COMPACT_JSON: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def safe_json(data: object) -> str:
    """JSON that can sit inside ``<script type="application/json">`` without ending it.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so ``</script>`` or ``<!--`` in a source
    cannot appear in the output; so are U+2028/U+2029, C1 controls, lone surrogates and the
    non-characters U+FFFE/U+FFFF (which an HTML page cannot carry). Other text stays as it is.

    >>> safe_json({"t": "</script>&é"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u0026é"}'
    """
    text = _COMPACT_JSON.encode(data)
    return _JSON_ESCAPES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


#: Keyword names already turned into attribute names (a few dozen, met on every element).
_ATTRIBUTE_NAMES: dict[str, str] = {}


def _attribute_name(keyword: str) -> str:
    """The attribute a keyword of :func:`_el` stands for: ``class_`` -> ``class``, ``data_ev`` -> ``data-ev``."""
    name = _ATTRIBUTE_NAMES.get(keyword)
    if name is None:
        name = _ATTRIBUTE_NAMES[keyword] = keyword.rstrip("_").replace("_", "-")
    return name


def _el(parent: etree._Element | None, tag: str, text: str | None = None, /, **attrs: str | None) -> etree._Element:
    """A new element (under ``parent`` when given); ``class_`` stands for ``class``, ``None`` values are left out."""
    clean = {_attribute_name(k): displayable(v) for k, v in attrs.items() if v is not None}
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
