"""A hardened XML parser for files the library did not write itself (TEI imports, bundles).

XML from elsewhere can carry a document type declaration whose entities expand to gigabytes
("billion laughs") or pull local files and URLs into the text (XXE). Nothing this library reads
needs a DTD, so any ``<!DOCTYPE`` is refused outright, before and after parsing; entities are never
expanded, nothing is fetched over the network, and libxml2's size limits stay on.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from annotate.errors import TEIError, UnsafeXMLError

# --- parsing ----------------------------------------------------------------------------------------

# The prolog may hold an XML declaration, comments, processing instructions and whitespace; a
# DOCTYPE can only sit there, so scanning the text before the root element finds every one.
_DOCTYPE_RE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_DOCTYPE_TEXT_RE = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


# One set of parser settings for the whole-file parser and the streaming one (annotate/tei/safestream.py):
# no entity expansion, no network, no DTD, libxml2's size limits on.


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=True,
    )


def _iterparse(source: Any) -> Any:  # noqa: ANN401 - a binary file object; lxml's iterator of events
    """``etree.iterparse`` over start and end events with the settings of :func:`_parser`."""
    return etree.iterparse(
        source,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=True,
    )


def _scan(data: str | bytes, name: str) -> None:
    if isinstance(data, bytes):
        if data.startswith(_UTF16_BOMS):
            # UTF-16 needs decoding before the scan can see ASCII markup.
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError as exc:
                raise TEIError(f"{name}: not valid UTF-16 ({exc.reason})") from None
            _scan(text, name)
            return
        found = _DOCTYPE_RE.search(data)
        at = None if found is None else found.start()
    else:
        found_text = _DOCTYPE_TEXT_RE.search(data)
        at = None if found_text is None else found_text.start()
    if at is not None:
        raise UnsafeXMLError(
            f"{name}: refused a document type declaration at offset {at} "
            "(DTDs and entities are never processed: they allow entity expansion and external entity attacks)"
        )


def parse_xml(data: str | bytes, name: str = "<xml>") -> etree._Element:
    """Parse untrusted XML into its root element, refusing DTDs, entities and network access.

    ``name`` is used in error messages (a file name, for example). A ``str`` must not carry an
    encoding declaration other than UTF-8's meaning; ``bytes`` are preferred.

    >>> parse_xml(b"<a>x</a>").text
    'x'
    >>> parse_xml(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    annotate.errors.UnsafeXMLError: <xml>: refused a document type declaration at offset 0 ...
    """
    _scan(data, name)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(data, str):
        # lxml refuses str input with an encoding declaration; the text is already decoded.
        raw = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", raw, count=1)
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        # lxml's message ends with "(<string>, line N)", repeating the line it already gave.
        message = re.sub(r"\s*\(<string>, line \d+\)$", "", str(exc))
        raise TEIError(f"{name}:{exc.lineno}: not well-formed XML: {message}") from None
    docinfo: Any = root.getroottree().docinfo  # lxml-stubs lack DocInfo.doctype
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeXMLError(f"{name}: refused a document type declaration (DTDs are never processed)")
    for node in root.iter(etree.Entity):
        raise UnsafeXMLError(f"{name}: refused an entity reference {node.text!r} (entities are never expanded)")
    return root
