"""Streaming counterpart of :func:`annotate.tei.safexml.parse_xml`: the children of the root one at a time.

A TEI corpus is a ``teiCorpus`` holding one ``TEI`` per source; :class:`TopLevel` hands out each child of
the root once it is complete and drops it from memory when the next is asked for, so memory holds
one member, not the corpus. The security rules are those of ``parse_xml``: no DTD (any ``<!DOCTYPE``
or ``<!ENTITY`` in the bytes is refused, found by a scan of each chunk as the parser reads it), no
entity expansion, no network, libxml2's size limits on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import IO, Protocol

from lxml import etree

from annotate.errors import TEIError, UnsafeXMLError
from annotate.tei.safexml import _DOCTYPE_RE, _UTF16_BOMS, _iterparse


class StreamUnsupportedError(TEIError):
    """A file :class:`TopLevel` does not stream (UTF-16); ``parse_xml`` reads it whole."""


class NotWellFormedError(TEIError):
    """The streamed bytes are not well-formed XML (libxml2's wording may differ from ``parse_xml``'s)."""


#: The longest text the DOCTYPE scan looks for, less one: the overlap kept between two chunks.
_OVERLAP = len(b"<!DOCTYPE") - 1


class _Scanned:
    """A file whose bytes are scanned for a DOCTYPE or entity declaration as they are read."""

    def __init__(self, file: IO[bytes], name: str) -> None:
        self._file = file
        self._name = name
        self._offset = 0
        self._tail = b""

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        if not self._offset and data.startswith(_UTF16_BOMS):
            # UTF-16 needs decoding before the scan can see ASCII markup.
            raise StreamUnsupportedError(f"{self._name}: UTF-16 is read whole, not streamed")
        window = self._tail + data
        found = _DOCTYPE_RE.search(window)
        if found is not None:
            at = self._offset - len(self._tail) + found.start()
            raise UnsafeXMLError(
                f"{self._name}: refused a document type declaration at offset {at} "
                "(DTDs and entities are never processed: they allow entity expansion and external entity attacks)"
            )
        self._offset += len(data)
        self._tail = window[-_OVERLAP:]
        return data


def _syntax(exc: etree.XMLSyntaxError, name: str) -> NotWellFormedError:
    # lxml's message ends with "(<string>, line N)", repeating the line it already gave.
    message = re.sub(r"\s*\([^()]*, line \d+\)$", "", str(exc))
    return NotWellFormedError(f"{name}:{exc.lineno}: not well-formed XML: {message}")


class Inner(Protocol):
    """Sees inside one child of the root while it is parsed (see :class:`TopLevel`)."""

    def section(self, el: etree._Element) -> None:
        """A child of it starts (attributes known, content not yet)."""

    def item(self, el: etree._Element) -> None:
        """A grandchild of it is complete (it may remove it from its parent)."""


class TopLevel:
    """The root of an XML file and, one at a time, each complete child of it.

    Iterating yields the children in document order; when the next one is asked for, the one before
    is cleared and removed from the root unless :meth:`keep` was called on it. :attr:`root` is set
    (with its attributes, without children) before the first child is yielded. ``inner``, if given,
    is asked at the start of each child of the root for an :class:`Inner` to show its insides to
    as they are parsed (so that a large child need not be held whole). Raises
    :class:`~annotate.errors.UnsafeXMLError` for a DOCTYPE or entity and :class:`NotWellFormedError`
    for XML that is not well-formed; a file starting with a UTF-16 byte order mark is refused with
    :class:`StreamUnsupportedError` (``parse_xml`` reads it whole).

    >>> import io
    >>> top = TopLevel(io.BytesIO(b"<r n='1'><a/><b>x</b></r>"), "ex")
    >>> [(el.tag, el.text) for el in top], top.root.get("n"), len(top.root)
    ([('a', None), ('b', 'x')], '1', 0)
    """

    def __init__(
        self,
        file: IO[bytes],
        name: str = "<xml>",
        *,
        inner: Callable[[etree._Element], Inner | None] | None = None,
    ) -> None:
        self._file = _Scanned(file, name)
        self._name = name
        self._inner = inner
        self.root: etree._Element | None = None
        self._kept: set[etree._Element] = set()

    def keep(self, el: etree._Element) -> None:
        """Keep ``el`` in the tree after the iteration moves on."""
        self._kept.add(el)

    def __iter__(self) -> Iterator[etree._Element]:
        events = _iterparse(self._file)
        depth = 0  # of the element an event is about: the root is 1
        inner: Inner | None = None
        try:
            for event, el in events:
                assert isinstance(el, etree._Element)
                if event == "start":
                    depth += 1
                    if depth == 1:
                        self.root = el
                    elif depth == 2 and self._inner is not None:
                        inner = self._inner(el)
                    elif depth == 3 and inner is not None:
                        inner.section(el)
                    continue
                if depth == 4 and inner is not None:
                    inner.item(el)
                depth -= 1
                if depth == 1:
                    inner = None
                    if next(el.iter(etree.Entity), None) is not None:
                        raise UnsafeXMLError(f"{self._name}: refused an entity reference (entities are never expanded)")
                    yield el
                    self._drop(el)
        except etree.XMLSyntaxError as exc:
            raise _syntax(exc, self._name) from None

    def _drop(self, el: etree._Element) -> None:
        if el in self._kept:
            return
        el.clear()
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
