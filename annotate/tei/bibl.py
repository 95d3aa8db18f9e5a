"""References as ``biblStruct``, and where each reference is placed in the export."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
from lxml import etree

from annotate.tei.elements import XML_ID, _el, _w3c_date, xml_id_for_key
from annotate.tei.features import _value, feature_structure
from bibliography.model import Person, Reference


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
