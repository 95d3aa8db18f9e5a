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

import io
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final

from lxml import etree

from annotate.errors import TEIError
from annotate.model import ReferenceLink, Verdict
from annotate.tei.bibl import _place
from annotate.tei.elements import _NCNAME_RE, TEI_NS, XML_ID, _tag, indent
from annotate.tei.header import corpus_header
from annotate.tei.standoff import _corpus_sections, _document_element
from bibliography.model import Reference
from corpus.model import Document

# Every xml:id in an element and below, in document order: one XPath call walks the tree in C, where
# a loop over its nodes cost a Python step per node.
_XML_IDS: Final = etree.XPath("descendant-or-self::*/@xml:id")


def _check_ids(el: etree._Element, seen: dict[str, str], where: str) -> None:
    if len(el):
        found: list[str] = [str(value) for value in _XML_IDS(el)]  # type: ignore[union-attr]  # strings
    else:
        # Most items (links, spans, notes) have no children: reading the one attribute is cheaper.
        own = el.get(XML_ID)
        found = [] if own is None else [own]
    for value in found:
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
