"""TEI P5 import: rebuild the sources, passages, references, claims and links a TEI export holds.

:func:`read_tei` reads what :mod:`annotate.tei.write` writes. The raw text comes back from the
``seg[@type="raw"]`` of each source, every passage's offsets from its link to the raw runs, and
each passage's text from the element carrying its id; a passage whose text does not match the raw
characters its offsets name is refused, so a hand-edited file cannot smuggle in a wrong quote.
Parsing goes through :func:`annotate.safexml.parse_xml`: no DTD, no entity expansion, no network.
"""

from __future__ import annotations

import re

from lxml import etree

from annotate.errors import TEIError
from annotate.model import (
    AnnotatedCorpus,
)
from annotate.tei.elements import XML_ID, xml_id_for_key
from annotate.tei.parse import _T, _local, _pointers, _where, text_of
from annotate.tei.read_bibl import read_reference
from annotate.tei.read_claims import _Claims
from annotate.tei.read_sources import _read_document, _ref_index
from annotate.tei.safexml import parse_xml
from bibliography.model import Reference
from corpus.model import (
    Document,
)

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
