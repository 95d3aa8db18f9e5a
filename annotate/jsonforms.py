"""JSON forms of the annotated corpus: the one place that decides what a claim, a verdict, a piece of
evidence or a reference looks like as JSON (the CLI's jsonl, the bundle's ``claims.jsonl``)."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from annotate.model import Evidence, Verdict, evidence_table
from bibliography.model import Person, Reference

__all__ = ["claim_rows", "evidence_json", "reference_json", "verdict_json"]


def evidence_json(ev: Evidence) -> dict[str, Any]:
    """One piece of evidence as the CLI's JSON object."""
    return {
        "passage": ev.passage,
        "source": ev.source,
        "start": ev.span.start,
        "end": ev.span.end,
        "quote": ev.quote,
        "relation": ev.relation.value,
        "cite_key": ev.cite_key,
    }


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    """A verdict as the ``check`` command's jsonl object.

    Keys: ``id claim verdict explanation evidence corroborated conflicts``; each evidence item has
    ``passage source start end quote relation cite_key``; each conflict ``facet`` and the two sides
    (``passage source value``).
    """
    return {
        "id": verdict.claim.id,
        "claim": verdict.claim.text,
        "verdict": verdict.label.value,
        "explanation": verdict.explanation,
        "evidence": [evidence_json(e) for e in verdict.evidence],
        "corroborated": verdict.corroborated,
        "conflicts": [
            {
                "facet": c.facet,
                "first": {"passage": c.first.passage, "source": c.first.source, "value": c.first_value},
                "second": {"passage": c.second.passage, "source": c.second.source, "value": c.second_value},
            }
            for c in verdict.conflicts
        ],
    }


#: The field names of each attrs class met so far (attrs.fields per object was most of _plain's time).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: object) -> object:
    kind = type(value)
    if kind is str or kind is int or kind is float or value is None:
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if attrs.has(kind):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(f.name for f in attrs.fields(kind))
        return {name: _plain(getattr(value, name)) for name in names}
    return value


def _evidence_json(ev_id: str, ev: Evidence) -> dict[str, Any]:
    return {
        "id": ev_id,
        "claim": ev.claim,
        "passage": ev.passage,
        "source": ev.source,
        "start": ev.span.start,
        "end": ev.span.end,
        "quote": ev.quote,
        "relation": ev.relation.value,
        "score": ev.score,
        "matched": list(ev.matched),
        "conflicts": list(ev.conflicts),
        "cite_key": ev.cite_key,
    }


def claim_rows(verdicts: Sequence[Verdict]) -> Iterator[dict[str, Any]]:
    """One JSON object per checked claim: the claim (``id``, ``claim`` text, facets...), its verdict,
    its evidence with raw offsets and quotes, and its conflicts (each side a full evidence object)."""
    for verdict, rows in zip(verdicts, evidence_table(verdicts), strict=True):
        c = verdict.claim

        def ev_id(ev: Evidence, rows: Sequence[tuple[str, Evidence]] = rows) -> str:
            return next(i for i, seen in rows if seen == ev)

        yield {
            "id": c.id,
            "claim": c.text,
            "origin": c.origin.value,
            "passage": c.passage,
            "span": None if c.span is None else {"source": c.span.source, "start": c.span.start, "end": c.span.end},
            "speaker": c.speaker,
            "quoted_by": c.quoted_by,
            "facets": _plain(c.facets),
            "verdict": verdict.label.value,
            "explanation": verdict.explanation,
            "corroborated": verdict.corroborated,
            "evidence": [_evidence_json(ev_id(ev), ev) for ev in verdict.evidence],
            "conflicts": [
                {
                    "facet": cf.facet,
                    "first": _evidence_json(ev_id(cf.first), cf.first),
                    "second": _evidence_json(ev_id(cf.second), cf.second),
                    "first_value": cf.first_value,
                    "second_value": cf.second_value,
                }
                for cf in verdict.conflicts
            ],
        }


def _people_json(people: Sequence[Person]) -> list[dict[str, str | None]]:
    return [{"family": p.family or p.literal, "given": p.given} for p in people]


def reference_json(ref: Reference) -> dict[str, Any]:
    """A reference as the ``refs`` jsonl object (one provenance: the first)."""
    prov = ref.provenance[0] if ref.provenance else None
    return {
        "key": ref.key,
        "type": ref.type,
        "authors": _people_json(ref.authors),
        "editors": _people_json(ref.editors),
        "title": ref.title,
        "container": ref.container_title,
        "volume": ref.volume,
        "issue": ref.issue,
        "pages": ref.pages,
        "place": ref.place,
        "publisher": ref.publisher,
        "year": ref.year,
        "note": ref.annotation or ref.note,
        "raw": ref.raw,
        "source": prov.source if prov else None,
        "start": prov.start if prov else None,
        "end": prov.end if prov else None,
    }
