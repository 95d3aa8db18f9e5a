"""Reading a TEI corpus file one source at a time: documents as they come, then verdicts and links.

:func:`annotate.tei.read_tei` builds the whole corpus; :class:`TEIStream` reads the same file
through :class:`~annotate.tei.safestream.TopLevel`, so memory holds one member ``TEI`` at a time,
the references, and an index of the corpus stand-off (whose verdicts can only be read once every
reference is known, and whose content waits in a temporary file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO

from lxml import etree

from annotate.errors import TEIError
from annotate.model import ReferenceLink, Verdict
from annotate.tei.parse import _T, _local
from annotate.tei.read import CorpusBuilder
from annotate.tei.read_claims import ClaimsIndex, Handle
from annotate.tei.safestream import TopLevel
from annotate.tei.spill import Spill
from bibliography.model import Reference
from corpus.model import Document

#: Called with the root (when it starts, without children) and then with every complete child of it.
Observer = Callable[[etree._Element, bool], None]


class _Standoff:
    """Inside the corpus stand-off as it is parsed: each item observed, indexed, and set aside."""

    def __init__(self, observe: Observer, spill: Spill) -> None:
        self._observe = observe
        self._spill = spill
        self.index = ClaimsIndex()

    def section(self, el: etree._Element) -> None:
        self._observe(el, False)

    def item(self, el: etree._Element) -> None:
        self._observe(el, True)
        section = el.getparent()
        assert section is not None
        if next(el.iter(f"{_T}biblStruct"), None) is not None:
            # References are read from what stays in the tree when the stand-off ends.
            self.index.add(section, el, el)
            return
        if self.index.wants(section, el):
            self.index.add(section, el, self._spill.put(el))
        section.remove(el)


class TEIStream:
    """The documents of a TEI corpus file, one at a time, then its references, verdicts and links.

    Iterate :meth:`documents` first (each ``Document`` as its ``TEI`` member ends; the member is then
    dropped); afterwards :meth:`references`, :meth:`verdicts` (one at a time) and :meth:`links` give
    the rest. The corpus stand-off's claims, evidence and feature structures wait in a temporary file
    (:class:`~annotate.tei.spill.Spill`) until then; :meth:`close` (or leaving the ``with`` block)
    deletes it. ``observe``, if given, sees every element once, in document order: the root when it
    starts (``deep`` False), each child of the root when complete (``deep`` True) except the corpus
    stand-off, which it sees piece by piece (itself and each section as they start, ``deep`` False;
    each item of a section when complete); e.g. to check pointers. After a :class:`TEIError` from
    :meth:`documents`, :meth:`drain` shows it the rest.

    >>> import io
    >>> from corpus.analyze import analyze
    >>> from corpus.load import source_from_text
    >>> from annotate.tei.write import to_tei
    >>> docs = [analyze(source_from_text(f"Title {k}\\n\\nIt began in 193{k}.\\n", f"s{k}")) for k in range(3)]
    >>> with TEIStream(io.BytesIO(to_tei(docs))) as stream:
    ...     [d.source.id for d in stream.documents()], list(stream.verdicts()), stream.links()
    (['s0', 's1', 's2'], [], [])
    """

    def __init__(self, file: IO[bytes], name: str = "<tei>", *, observe: Observer | None = None) -> None:
        self._top = TopLevel(file, name, inner=self._inner)
        self._children = iter(self._top)
        self._name = name
        self._observe = observe or (lambda el, deep: None)
        self._waiting: list[etree._Element] = []
        self._root_seen = False
        self._piecewise: etree._Element | None = None
        self._inside: _Standoff | None = None
        self._spill: Spill | None = None
        self._builder: CorpusBuilder | None = None

    def __enter__(self) -> TEIStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Delete the temporary file of the corpus stand-off, if any."""
        if self._spill is not None:
            self._spill.close()

    def _root(self) -> etree._Element:
        root = self._top.root
        if root is None:  # pragma: no cover - lxml raises for a file without a root element
            raise TEIError(f"{self._name}: no root element")
        if not self._root_seen:
            self._root_seen = True
            self._observe(root, False)
        return root

    def _inner(self, el: etree._Element) -> _Standoff | None:
        self._root()
        if _local(el) != "standOff" or el.get("type") != "claims":
            return None
        self._observe(el, False)
        self._piecewise = el
        if self._spill is None:
            self._spill = Spill()
        self._inside = _Standoff(self._observe, self._spill)
        return self._inside

    def _start(self) -> etree._Element:
        """The root, observed; the first child (whose end shows the root) waits in ``_waiting``."""
        first = next(self._children, None)
        self._waiting = [] if first is None else [first]
        return self._root()

    def _rest(self) -> Iterator[etree._Element]:
        while self._waiting:
            yield self._waiting.pop()
        # Not ``yield from``: when a caller gives up on this generator, the file must stay open for drain().
        while (child := next(self._children, None)) is not None:
            yield child

    def _show(self, child: etree._Element) -> None:
        if child is not self._piecewise:
            self._observe(child, True)

    def documents(self) -> Iterator[Document]:
        """Each source's document, in file order; raises :class:`TEIError` as :func:`read_tei` would."""
        root = self._start()
        self._builder = CorpusBuilder(root, self._name, self._load)
        for child in self._rest():
            self._show(child)
            index = self._inside.index if self._inside is not None and child is self._piecewise else None
            doc = self._builder.child(child, index)
            if child is self._builder.standoff:
                self._top.keep(child)
            if doc is not None:
                yield doc

    def _load(self, handle: Handle) -> etree._Element:
        if isinstance(handle, int):
            assert self._spill is not None
            return self._spill.load(handle)
        return handle

    def drain(self) -> None:
        """Show the observer the rest of the file without reading it (after a failed :meth:`documents`)."""
        if not self._root_seen:
            self._start()
        for child in self._rest():
            self._show(child)

    def references(self) -> tuple[Reference, ...]:
        """Every reference, in written order (after :meth:`documents`)."""
        return self._built().references()

    def verdicts(self) -> Iterator[Verdict]:
        """The verdicts, one at a time (after :meth:`documents`)."""
        return self._built().verdicts()

    def links(self) -> list[ReferenceLink]:
        """The further-reading links (after :meth:`documents`)."""
        return self._built().links()

    def _built(self) -> CorpusBuilder:
        if self._builder is None:
            raise TEIError(f"{self._name}: documents() has not been read")
        return self._builder
