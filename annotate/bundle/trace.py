"""Tracing a claim: its quotes at offsets, the sources (cite key, sha256) and further reading."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from annotate.bundle.layout import TEI_FILE
from annotate.bundle.read import BundleReader
from annotate.errors import UnknownClaimError
from annotate.model import ReferenceLink
from annotate.references import source_key
from annotate.tei import read_tei
from bibliography.model import Reference


def _ref_json(ref: Reference | None, key: str) -> dict[str, Any]:
    if ref is None:
        return {"key": key, "title": None, "year": None, "authors": []}
    return {
        "key": key,
        "title": ref.title,
        "year": ref.year,
        "authors": [p.display for p in ref.authors],
    }


def trace(bundle: str | Path, claim_id: str) -> dict[str, Any]:
    """The chain of one claim: claim -> evidence quotes with raw offsets -> source (cite key,
    sha256) -> further-reading references linked to the claim or its evidence passages.

    Raises :class:`~annotate.errors.UnknownClaimError` for an id the bundle does not hold.
    """
    with BundleReader(bundle) as reader:
        corpus = read_tei(reader.read(TEI_FILE), TEI_FILE)
    verdict = next((v for v in corpus.verdicts if v.claim.id == claim_id), None)
    if verdict is None:
        known = ", ".join(v.claim.id for v in corpus.verdicts[:5])
        more = ", ..." if len(corpus.verdicts) > 5 else ""
        raise UnknownClaimError(f"no claim {claim_id!r} in {bundle} (claims: {known}{more})")
    refs = {r.key: r for r in corpus.references if r.key}
    docs = {d.source.id: d for d in corpus.documents}
    parents = {p.id: p.parent for d in corpus.documents for p in d.passages if p.parent}

    def related(*targets: str | None) -> list[dict[str, Any]]:
        wanted = [t for t in targets if t]
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for link in _links_for(corpus.links, wanted):
            if link.key in seen:
                continue
            seen.add(link.key)
            out.append({**_ref_json(refs.get(link.key), link.key), "reason": link.reason, "score": link.score})
        return out

    evidence = []
    for ev in verdict.evidence:
        doc = docs.get(ev.source)
        key = source_key(corpus.references, ev.source)
        source = {
            "id": ev.source,
            "cite_key": key,
            "sha256": doc.source.sha256 if doc else None,
            "title": doc.source.metadata.title if doc else None,
        }
        evidence.append(
            {
                "passage": ev.passage,
                "relation": ev.relation.value,
                "start": ev.span.start,
                "end": ev.span.end,
                "quote": ev.quote,
                "score": ev.score,
                "source": source,
                "further_reading": related(ev.passage, parents.get(ev.passage)),
            }
        )
    claim = verdict.claim
    return {
        "claim": {
            "id": claim.id,
            "text": claim.text,
            "origin": claim.origin.value,
            "passage": claim.passage,
            "verdict": verdict.label.value,
            "explanation": verdict.explanation,
            "corroborated": verdict.corroborated,
        },
        "evidence": evidence,
        "further_reading": related(claim.id, claim.passage),
        "conflicts": [
            {
                "facet": c.facet,
                "first": c.first.passage,
                "first_value": c.first_value,
                "second": c.second.passage,
                "second_value": c.second_value,
            }
            for c in verdict.conflicts
        ],
    }


def _links_for(links: Sequence[ReferenceLink], targets: Sequence[str]) -> list[ReferenceLink]:
    wanted = set(targets)
    found = [link for link in links if link.target in wanted]
    return sorted(found, key=lambda link: -link.score)


def trace_text(chain: Mapping[str, Any]) -> str:
    """The chain of :func:`trace` as indented plain text."""
    c = chain["claim"]
    lines = [f"claim {c['id']} [{c['verdict']}]: {c['text']}"]
    if c["explanation"]:
        lines.append(f"  why: {c['explanation']}")
    for n, ev in enumerate(chain["evidence"], 1):
        src = ev["source"]
        lines.append(f"  evidence {n} ({ev['relation']}) {ev['passage']} raw [{ev['start']}, {ev['end']}):")
        lines.append(f"    “{ev['quote']}”")
        lines.append(f"    source {src['id']}: cite key {src['cite_key'] or '-'}, sha256 {src['sha256'] or '-'}")
        for ref in ev["further_reading"]:
            lines.append(f"    further reading {ref['key']}: {ref['title'] or '-'} ({ref['reason']})")
    if not chain["evidence"]:
        lines.append("  no evidence")
    for ref in chain["further_reading"]:
        lines.append(f"  further reading {ref['key']}: {ref['title'] or '-'} ({ref['reason']})")
    for cf in chain["conflicts"]:
        first = f"{cf['first']} says {cf['first_value']}"
        lines.append(f"  conflict on {cf['facet']}: {first}, {cf['second']} says {cf['second_value']}")
    return "\n".join(lines) + "\n"
