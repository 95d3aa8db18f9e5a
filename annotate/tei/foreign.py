"""TEI that other projects wrote, read as sources: each ``TEI`` document's text becomes one source.

A TEI edition is not a raw text: its characters are spread over elements, and some of them are not
the text (the header, running heads, deleted readings, editorial notes). So the source's raw text is
built here, once, from the ``text`` element: headings, paragraphs, verse lines, list items, speeches
and bibliography entries become lines and paragraphs of plain text, in document order; choices keep
the regularised, expanded or corrected reading; ``fw``, ``del``, ``note``, ``sic``, ``orig`` and
``abbr`` are left out. Every passage the corpus finds in it then has exact offsets into that built
text (the source's ``data``), which the source's warnings say was extracted from the TEI.

What is not supported is named: a document without ``text`` (a facsimile or ``sourceDoc`` only), a
root other than ``TEI`` or ``teiCorpus``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import attrs
from lxml import etree

from annotate.errors import TEIError
from annotate.tei.safexml import parse_xml
from corpus.errors import CorpusError
from corpus.load import source_from_text
from corpus.model import Metadata, Source

__all__ = ["sources_from_tei"]

_TEI = "http://www.tei-c.org/ns/1.0"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Elements whose text is not the text read: forme work, deletions, notes, and the readings a
#: ``choice`` offers beside the one kept.
_SKIP = frozenset(["teiHeader", "fw", "del", "note", "sic", "orig", "abbr", "facsimile", "figDesc", "gap", "idno"])
#: Elements that are one line or paragraph of their own.
_BLOCKS = frozenset(
    [
        "head",
        "p",
        "ab",
        "l",
        "item",
        "bibl",
        "biblStruct",
        "speaker",
        "label",
        "byline",
        "dateline",
        "salute",
        "signed",
        "trailer",
        "epigraph",
        "argument",
        "opener",
        "closer",
        "docTitle",
        "titlePart",
        "row",
        "caption",
    ]
)
#: Elements whose blocks follow each other on consecutive lines (a speech: its speaker and lines; a
#: stanza; a list; a list of works) rather than as paragraphs.
_GROUPS = frozenset(["sp", "lg", "list", "listBibl", "table", "castList", "castGroup"])
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _local(node: etree._Element) -> str:
    tag = node.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _inline_text(node: etree._Element) -> str:
    """The text of a block: its descendants' text except skipped elements, whitespace folded."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            name = _local(child)
            if name in {"lb", "cb"}:
                parts.append(" ")
            elif name and name not in _SKIP:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(node)
    return " ".join("".join(parts).split())


def _has_own_text(node: etree._Element) -> bool:
    return bool((node.text or "").strip()) or any((c.tail or "").strip() for c in node)


def _blocks(node: etree._Element) -> Iterator[tuple[str, str, etree._Element]]:
    """(element name, text, parent element) of every block below ``node``, in document order."""
    for child in node:
        name = _local(child)
        if not name or name in _SKIP:
            continue
        nested = any(_local(c) in _BLOCKS for c in child.iter() if c is not child)
        # A known block, or any other element holding text of its own and no block (a stage
        # direction, a trailer, a project's own element): its text is never dropped.
        if not nested and (name in _BLOCKS or _has_own_text(child)):
            text = _inline_text(child)
            if text:
                yield name, text, node
        else:
            yield from _blocks(child)


def _raw_text(text: etree._Element) -> str:
    out: list[str] = []
    previous: etree._Element | None = None
    for _, block, parent in _blocks(text):
        if out:
            # Blocks of one group follow each other; a new group is a new paragraph.
            out.append("\n" if parent is previous and _local(parent) in _GROUPS else "\n\n")
        out.append(block)
        previous = parent
    return "".join(out) + "\n" if out else ""


def _header_text(tei: etree._Element, path: str) -> list[str]:
    return [_inline_text(el) for el in tei.iterfind(path, {"t": _TEI}) if _inline_text(el)]


def _metadata(tei: etree._Element) -> Metadata:
    titles = _header_text(tei, "t:teiHeader/t:fileDesc/t:titleStmt/t:title")
    authors = _header_text(tei, "t:teiHeader/t:fileDesc/t:titleStmt/t:author")
    dates = [
        d.get("when", "")
        for d in tei.iterfind("t:teiHeader/t:fileDesc/t:publicationStmt/t:date", {"t": _TEI})
        if _ISO.match(d.get("when", ""))
    ]
    language = tei.get(_XML_LANG)
    return Metadata(
        title=titles[0] if titles else None, authors=authors, date=dates[0] if dates else None, language=language
    )


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9_.\-]+", "-", ascii_).strip("-.")
    return slug if slug[:1].isalpha() else f"tei-{slug}" if slug else "tei"


def _documents(root: etree._Element, name: str) -> list[etree._Element]:
    kind = _local(root)
    if root.tag == f"{{{_TEI}}}TEI":
        return [root]
    if root.tag == f"{{{_TEI}}}teiCorpus":
        return list(root.iter(f"{{{_TEI}}}TEI"))
    raise TEIError(
        f"{name}: root element is {kind or root.tag!r} in namespace {etree.QName(root).namespace!r}; "
        "expected TEI or teiCorpus in the TEI namespace"
    )


def sources_from_tei(data: str | bytes, name: str = "<tei>") -> list[Source]:
    """The sources of a TEI document or corpus someone else wrote, one per ``TEI`` element.

    Ids are the ``TEI`` element's ``xml:id``, else the file name and the document's number.

    >>> tei = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letters'
    ...        '</title></titleStmt></fileDesc></teiHeader><text><body><head>A letter</head><p>Dear '
    ...        '<choice><abbr>Mr.</abbr><expan>Mister</expan></choice> Hull,<lb/>thank you.</p></body>'
    ...        '</text></TEI>')
    >>> [(s.id, s.metadata.title, s.raw) for s in sources_from_tei(tei, "letters.xml")]
    [('letters', 'Letters', 'A letter\\n\\nDear Mister Hull, thank you.\\n')]
    """
    root = parse_xml(data, name)
    docs = _documents(root, name)
    if not docs:
        raise TEIError(f"{name}: teiCorpus holds no TEI document")
    stem = _slug(re.sub(r"\.xml$", "", name.rsplit("/", 1)[-1]))
    sources: list[Source] = []
    seen: set[str] = set()
    for k, tei in enumerate(docs, 1):
        text = tei.find(f"{{{_TEI}}}text")
        if text is None:
            has = sorted({_local(c) for c in tei} - {"teiHeader"}) or ["nothing but a header"]
            raise TEIError(
                f"{name}: TEI document {k} has no <text> (it has {', '.join(has)}); "
                "facsimile-only and sourceDoc transcriptions are not supported"
            )
        sid = _slug(tei.get(_XML_ID) or (stem if len(docs) == 1 else f"{stem}-{k}"))
        if sid in seen:
            sid = f"{sid}-{k}"
        seen.add(sid)
        try:
            source = source_from_text(_raw_text(text), sid, _metadata(tei))
        except CorpusError as exc:
            raise TEIError(f"{name}: TEI document {k}: {exc}") from None
        warning = f"{name}: text built from TEI document {k}'s <text> (header, fw, del and notes left out)"
        sources.append(attrs.evolve(source, warnings=(*source.warnings, warning)))
    return sources
