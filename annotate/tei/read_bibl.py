"""References back from ``biblStruct``."""

from __future__ import annotations

from typing import Any

from lxml import etree

from annotate.errors import TEIError
from annotate.tei.elements import XML_ID
from annotate.tei.parse import _build, _child, _children, _fs_value, _opt_text, _where, fs_fields, text_of
from bibliography.model import Person, Reference


def _person(holder: etree._Element) -> Person:
    org = _child(holder, "orgName")
    if org is not None:
        return _build(Person, holder, literal=text_of(org))
    pers = _child(holder, "persName")
    if pers is None:
        raise TEIError(f"{_where(holder)}: a name needs persName or orgName")
    return _build(
        Person,
        holder,
        given=_opt_text(_child(pers, "forename")),
        particle=_opt_text(_child(pers, "nameLink")),
        family=_opt_text(_child(pers, "surname")),
        suffix=_opt_text(_child(pers, "genName")),
    )


def _people(el: etree._Element | None, name: str, role: str | None) -> tuple[Person, ...]:
    if el is None:
        return ()
    return tuple(_person(c) for c in _children(el, name) if c.get("role") == role)


def _typed(el: etree._Element | None, name: str, attr: str, value: str) -> str | None:
    if el is None:
        return None
    return next((text_of(c) for c in _children(el, name) if c.get(attr) == value), None)


def read_reference(bs: etree._Element) -> Reference:
    """Rebuild a :class:`Reference` from a ``biblStruct`` written by :func:`annotate.tei.reference_element`."""
    analytic = _child(bs, "analytic")
    monogr = _child(bs, "monogr")
    if monogr is None:
        raise TEIError(f"{_where(bs)}: biblStruct without monogr")
    fields: dict[str, Any] = {"type": bs.get("type", "book")}
    if analytic is not None:
        fields["authors"] = _people(analytic, "author", None)
        fields["translators"] = _people(analytic, "editor", "translator")
        fields["title"] = _opt_text(_child(analytic, "title"))
        fields["container_title"] = _opt_text(_child(monogr, "title"))
        fields["editors"] = _people(monogr, "editor", None)
    else:
        fields["authors"] = _people(monogr, "author", None)
        fields["editors"] = _people(monogr, "editor", None)
        fields["translators"] = _people(monogr, "editor", "translator")
        fields["title"] = _opt_text(_child(monogr, "title"))
    fields["key"] = _typed(monogr, "idno", "type", "citekey") or bs.get(XML_ID)
    fields["doi"] = _typed(monogr, "idno", "type", "DOI")
    fields["isbn"] = _typed(monogr, "idno", "type", "ISBN")
    fields["url"] = _typed(monogr, "idno", "type", "URL")
    fields["edition"] = _opt_text(_child(monogr, "edition"))
    imprint = _child(monogr, "imprint")
    fields["place"] = _opt_text(_child(imprint, "pubPlace"))
    fields["publisher"] = _opt_text(_child(imprint, "publisher"))
    for attr, kind in (("year", "year"), ("date", "date"), ("original_year", "original"), ("accessed", "accessed")):
        fields[attr] = _typed(imprint, "date", "type", kind)
    for attr, unit in (("volume", "volume"), ("issue", "issue"), ("pages", "page")):
        fields[attr] = _typed(imprint, "biblScope", "unit", unit)
    fields["number_of_volumes"] = _typed(_child(monogr, "extent"), "measure", "unit", "volumes")
    fields["collection_title"] = _opt_text(_child(_child(bs, "series"), "title"))
    for attr, kind in (("annotation", "annotation"), ("note", "general"), ("unparsed", "unparsed"), ("raw", "raw")):
        fields[attr] = _typed(bs, "note", "type", kind)
    data = next((n for n in _children(bs, "note") if n.get("type") == "data"), None)
    if data is not None:
        provenance = []
        for fs in _children(data, "fs"):
            if fs.get("type") == "confidence":
                fields["confidence"] = fs_fields(fs)
            else:
                provenance.append(_fs_value(fs))
        fields["provenance"] = tuple(provenance)
    return _build(Reference, bs, **fields)
