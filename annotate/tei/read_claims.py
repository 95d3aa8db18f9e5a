"""Claims, verdicts, evidence, conflicts and further-reading links back from the corpus stand-off."""

from __future__ import annotations

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
from annotate.tei.parse import _build, _children, _ids, _local, _string_range, _where, fs_fields, text_of


class _Claims:
    def __init__(self, standoff: etree._Element | None, keys: dict[str, str]) -> None:
        self.keys = keys  # xml:id of a biblStruct -> its cite key
        self.fields: dict[str, etree._Element] = {}
        self.spans: dict[str, etree._Element] = {}
        self.conflicts: dict[str, etree._Element] = {}
        self.standoff = standoff
        if standoff is None:
            return
        for lib in _children(standoff, "fvLib"):
            for fs in _children(lib, "fs"):
                for target in _ids(fs.get("corresp"), fs):
                    self.fields[target] = fs
        for grp in _children(standoff, "spanGrp"):
            for span in _children(grp, "span"):
                self.spans[span.get(XML_ID, "")] = span
        for grp in _children(standoff, "linkGrp"):
            if grp.get("type") == "conflicts":
                for link in _children(grp, "link"):
                    self.conflicts[link.get(XML_ID, "")] = link

    def _fields(self, xml_id: str) -> dict[str, object]:
        # Fields at their defaults are not written, so a missing structure means "all defaults".
        fs = self.fields.get(xml_id)
        return {} if fs is None else fs_fields(fs)

    def evidence(self, ev_id: str, el: etree._Element) -> Evidence:
        span = self.spans.get(ev_id)
        if span is None:
            raise TEIError(f"{_where(el)}: evidence #{ev_id} is not in the evidence spans")
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
        out: list[Verdict] = []
        if self.standoff is None:
            return out
        claim: Claim | None = None
        for la in _children(self.standoff, "listAnnotation"):
            for el in la:
                name = _local(el)
                if name == "note" and el.get("type") == "claim":
                    xml_id = el.get(XML_ID, "")
                    if not xml_id.startswith(CLAIM_PREFIX):
                        raise TEIError(f"{_where(el)}: claim id {xml_id!r} lacks the {CLAIM_PREFIX!r} prefix")
                    claim_id = xml_id[len(CLAIM_PREFIX) :]
                    claim = _build(Claim, el, id=claim_id, text=text_of(el), **self._fields(xml_id))
                elif name == "annotation":
                    if claim is None or el.get("target") != f"#{CLAIM_PREFIX}{claim.id}":
                        raise TEIError(f"{_where(el)}: verdict does not follow the claim it assesses")
                    out.append(self._verdict(el, claim))
                    claim = None
        return out

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
                    link = self.conflicts.get(cf_id)
                    if link is None:
                        raise TEIError(f"{_where(child)}: conflict #{cf_id} is not in the conflict links")
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
        if self.standoff is None:
            return out
        for grp in _children(self.standoff, "linkGrp"):
            if grp.get("type") != "furtherReading":
                continue
            for link in _children(grp, "link"):
                out.append(_build(ReferenceLink, link, **self._fields(link.get(XML_ID, ""))))
        return out
