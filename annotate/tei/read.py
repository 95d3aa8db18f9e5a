"""TEI P5 import: rebuild the sources, passages, references, claims and links a TEI export holds.

:func:`read_tei` reads what :mod:`annotate.tei.write` writes. The raw text comes back from the
``seg[@type="raw"]`` of each source, every passage's offsets from its link to the raw runs, and
each passage's text from the element carrying its id; a passage whose text does not match the raw
characters its offsets name is refused, so a hand-edited file cannot smuggle in a wrong quote.
Parsing goes through :func:`annotate.safexml.parse_xml`: no DTD, no entity expansion, no network.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree

from annotate.errors import TEIError
from annotate.model import AnnotatedCorpus, ReferenceLink, Verdict
from annotate.tei.elements import xml_id_for_key
from annotate.tei.parse import _T, _local
from annotate.tei.pointers import check_pointers
from annotate.tei.read_bibl import read_reference
from annotate.tei.read_claims import ClaimsIndex, Handle, _Claims, _same
from annotate.tei.read_sources import _read_document, _ref_index
from annotate.tei.safexml import parse_xml
from bibliography.model import Reference
from corpus.model import Document

__all__ = ["CorpusBuilder", "check_pointers", "read_tei", "read_tei_tree"]


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
    builder = CorpusBuilder(root, name)
    documents = [doc for child in root if (doc := builder.child(child)) is not None]
    verdicts, links = builder.claims()
    return AnnotatedCorpus(documents, builder.references(), verdicts, links)


class CorpusBuilder:
    """The corpus of a ``teiCorpus`` rebuilt from its children one at a time, in document order.

    Shared by :func:`read_tei_tree` (a whole tree) and :class:`annotate.tei.stream.TEIStream` (one
    member at a time): :meth:`child` returns the document of a ``TEI`` member and keeps the corpus
    stand-off it meets; :meth:`claims` reads the verdicts and links once every member (and so every
    reference's id) has been seen. Raises :class:`TEIError` as :func:`read_tei` does.
    """

    def __init__(self, root: etree._Element, name: str, load: Callable[[Handle], etree._Element] = _same) -> None:
        if _local(root) != "teiCorpus":
            raise TEIError(f"{name}: root element is {root.tag!r}, expected TEI teiCorpus")
        self.name = name
        self.load = load  # a stand-off item from its handle (see annotate.tei.read_claims.Handle)
        self.standoff: etree._Element | None = None
        self.index: ClaimsIndex | None = None
        self._references: list[tuple[int, Reference]] = []
        self._read: _Claims | None = None

    def child(self, child: etree._Element, index: ClaimsIndex | None = None) -> Document | None:
        """Read one child of the root: the document of a ``TEI`` member, or None.

        ``index``: for the corpus stand-off, its items as already indexed while it streamed (then
        only what the index left in the tree is read here).
        """
        local = _local(child)
        if local == "standOff" and child.get("type") == "claims":
            self.standoff = child
            self.index = index or ClaimsIndex.of_tree(child)
            for bs in child.iter(f"{_T}biblStruct"):
                self._references.append((_ref_index(bs), read_reference(bs)))
        elif local == "TEI":
            try:
                return _read_document(child, self._references)
            except TEIError as exc:
                raise TEIError(f"{self.name}: {exc}") from None
        return None

    def references(self) -> tuple[Reference, ...]:
        """The references met so far, in their written order."""
        return tuple(r for _, r in sorted(self._references, key=lambda t: t[0]))

    def claims(self) -> tuple[list[Verdict], list[ReferenceLink]]:
        """The verdicts and further-reading links of the corpus stand-off (once every member is read)."""
        return list(self.verdicts()), self.links()

    def _claims(self) -> _Claims:
        if self._read is None:
            keys = {xml_id_for_key(r.key): r.key for r in self.references() if r.key is not None}
            self._read = _Claims(self.index, keys, self.load)
        return self._read

    def verdicts(self) -> Iterator[Verdict]:
        """The verdicts, one at a time (once every member is read)."""
        verdicts = self._claims().iter_verdicts()
        while True:
            try:
                verdict = next(verdicts, None)
            except TEIError as exc:
                raise TEIError(f"{self.name}: {exc}") from None
            if verdict is None:
                return
            yield verdict

    def links(self) -> list[ReferenceLink]:
        """The further-reading links (once every member is read)."""
        try:
            return self._claims().links()
        except TEIError as exc:
            raise TEIError(f"{self.name}: {exc}") from None
