"""Claims, verdicts, evidence, conflicts and further-reading links back from the corpus stand-off."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree

from annotate.errors import TEIError
from annotate.model import (
    Claim,
    Conflict,
    Evidence,
    Label,
    ReferenceLink,
    Verdict,
)
from annotate.tei.elements import CLAIM_PREFIX, LABEL_PREFIX, XML_ID
from annotate.tei.parse import _build, _ids, _local, _string_range, _where, fs_fields, text_of

#: An element of the corpus stand-off: the element itself, or the number it was set aside under
#: (:class:`annotate.tei.spill.Spill`), to be loaded when needed.
Handle = etree._Element | int


def _same(handle: Handle) -> etree._Element:
    assert isinstance(handle, etree._Element)
    return handle


class ClaimsIndex:
    """Where the parts of the verdicts are in the corpus stand-off: fed one item of a section at a time.

    An item is a child of a section (``listAnnotation``, ``spanGrp``, ``linkGrp``, ``fvLib``) of the
    stand-off; :meth:`add` indexes it under its handle, or returns False when verdicts and links never
    need it. A pointer in ``fvLib`` that is not local is kept as the error :class:`_Claims` raises.
    """

    def __init__(self) -> None:
        self.fields: dict[str, Handle] = {}
        self.spans: dict[str, Handle] = {}
        self.conflicts: dict[str, Handle] = {}
        self.items: list[Handle] = []  # claims and verdicts of listAnnotation, in order
        self.reading: list[Handle] = []  # further-reading links, in order
        self.error: TEIError | None = None

    @classmethod
    def of_tree(cls, standoff: etree._Element) -> ClaimsIndex:
        """The index of a stand-off held whole."""
        index = cls()
        for section in standoff:
            for item in section:
                index.add(section, item, item)
        return index

    def wants(self, section: etree._Element, item: etree._Element) -> bool:
        """Whether verdicts or links need ``item`` of ``section``."""
        kind, name = _local(section), _local(item)
        if kind == "listAnnotation":
            return (name == "note" and item.get("type") == "claim") or name == "annotation"
        if kind == "linkGrp":
            return name == "link" and section.get("type") in ("conflicts", "furtherReading")
        return (kind, name) in (("fvLib", "fs"), ("spanGrp", "span"))

    def add(self, section: etree._Element, item: etree._Element, handle: Handle) -> None:
        """Index ``item`` of ``section`` under ``handle`` (if :meth:`wants` it)."""
        if not self.wants(section, item):
            return
        kind = _local(section)
        if kind == "fvLib":
            try:
                for target in _ids(item.get("corresp"), item):
                    self.fields[target] = handle
            except TEIError as exc:
                self.error = self.error or exc
        elif kind == "spanGrp":
            self.spans[item.get(XML_ID, "")] = handle
        elif kind == "listAnnotation":
            self.items.append(handle)
        elif section.get("type") == "conflicts":
            self.conflicts[item.get(XML_ID, "")] = handle
        else:
            self.reading.append(handle)


class _Claims:
    def __init__(
        self,
        index: ClaimsIndex | None,
        keys: dict[str, str],
        load: Callable[[Handle], etree._Element] = _same,
    ) -> None:
        self.keys = keys  # xml:id of a biblStruct -> its cite key
        self.load = load
        self.index = index or ClaimsIndex()
        if self.index.error is not None:
            raise self.index.error

    def _fields(self, xml_id: str) -> dict[str, object]:
        # Fields at their defaults are not written, so a missing structure means "all defaults".
        fs = self.index.fields.get(xml_id)
        return {} if fs is None else fs_fields(self.load(fs))

    def evidence(self, ev_id: str, el: etree._Element) -> Evidence:
        handle = self.index.spans.get(ev_id)
        if handle is None:
            raise TEIError(f"{_where(el)}: evidence #{ev_id} is not in the evidence spans")
        span = self.load(handle)
        passages = _ids(span.get("corresp"), span)
        keys = _ids(span.get("source"), span)
        if len(passages) != 1 or len(keys) > 1:
            raise TEIError(f"{_where(span)}: evidence needs one passage (@corresp) and at most one @source")
        fields = self._fields(ev_id)
        if "claim" not in fields:
            claims = [i[len(CLAIM_PREFIX) :] for i in _ids(span.get("ana"), span) if i.startswith(CLAIM_PREFIX)]
            if len(claims) != 1:
                raise TEIError(f"{_where(span)}: evidence names no claim (@ana or a claim feature)")
            fields["claim"] = claims[0]
        return _build(
            Evidence,
            span,
            quote=text_of(span),
            span=_string_range(span.get("target", ""), span),
            passage=passages[0],
            relation=span.get("type", ""),
            cite_key=self.keys.get(keys[0], keys[0]) if keys else None,
            **fields,
        )

    def verdicts(self) -> list[Verdict]:
        return list(self.iter_verdicts())

    def iter_verdicts(self) -> Iterator[Verdict]:
        claim: Claim | None = None
        for handle in self.index.items:
            el = self.load(handle)
            if _local(el) == "note":
                xml_id = el.get(XML_ID, "")
                if not xml_id.startswith(CLAIM_PREFIX):
                    raise TEIError(f"{_where(el)}: claim id {xml_id!r} lacks the {CLAIM_PREFIX!r} prefix")
                claim_id = xml_id[len(CLAIM_PREFIX) :]
                claim = _build(Claim, el, id=claim_id, text=text_of(el), **self._fields(xml_id))
            else:
                if claim is None or el.get("target") != f"#{CLAIM_PREFIX}{claim.id}":
                    raise TEIError(f"{_where(el)}: verdict does not follow the claim it assesses")
                yield self._verdict(el, claim)
                claim = None

    def _verdict(self, el: etree._Element, claim: Claim) -> Verdict:
        labels = [i[len(LABEL_PREFIX) :] for i in _ids(el.get("ana"), el) if i.startswith(LABEL_PREFIX)]
        if len(labels) != 1 or labels[0] not in Label.__members__:
            raise TEIError(f"{_where(el)}: verdict needs exactly one label pointer, got {el.get('ana')!r}")
        evidence: list[Evidence] = []
        conflicts: list[Conflict] = []
        explanation = ""
        for child in el:
            kind = child.get("type")
            if _local(child) == "note" and kind == "explanation":
                explanation = text_of(child)
            elif _local(child) == "ptr" and kind == "evidence":
                evidence.extend(self.evidence(i, child) for i in _ids(child.get("target"), child))
            elif _local(child) == "ptr" and kind == "conflict":
                for cf_id in _ids(child.get("target"), child):
                    handle = self.index.conflicts.get(cf_id)
                    if handle is None:
                        raise TEIError(f"{_where(child)}: conflict #{cf_id} is not in the conflict links")
                    link = self.load(handle)
                    ends = _ids(link.get("target"), link)
                    if len(ends) != 2:
                        raise TEIError(f"{_where(link)}: a conflict links exactly two evidence spans")
                    first, second = (self.evidence(i, link) for i in ends)
                    fields = {"claim": claim.id, **self._fields(cf_id)}
                    conflicts.append(_build(Conflict, link, first=first, second=second, **fields))
        extra = self._fields(el.get(XML_ID, ""))
        return _build(
            Verdict,
            el,
            claim=claim,
            label=labels[0],
            evidence=evidence,
            explanation=explanation,
            conflicts=conflicts,
            **extra,
        )

    def links(self) -> list[ReferenceLink]:
        out: list[ReferenceLink] = []
        for handle in self.index.reading:
            link = self.load(handle)
            out.append(_build(ReferenceLink, link, **self._fields(link.get(XML_ID, ""))))
        return out
