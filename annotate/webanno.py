"""W3C Web Annotation (JSON-LD) export of the evidence: one annotation per quote.

Each piece of evidence becomes an ``Annotation`` whose target is the raw source file with two
selectors for the same characters: a ``TextQuoteSelector`` (``exact`` plus up to
:data:`CONTEXT_CHARS` characters of ``prefix`` and ``suffix``) and a ``TextPositionSelector``
(``start``/``end`` in Unicode code points of the raw text, end exclusive, as the W3C model
specifies). The bodies carry the claim text (``describing``), how the quote bears on it
(``assessing``: supports, refutes, mentions) and the verdict label (``tagging``). Annotation ids
are the TEI export's evidence ids, so the two files name the same quotes the same way.

The collection is an ``AnnotationCollection`` with its one ``AnnotationPage`` embedded; the output
is deterministic (sorted keys, no timestamps).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TextIO

from annotate._indented_json import dumps_indented
from annotate.model import Evidence, Verdict, evidence_table
from annotate.tei import CLAIM_PREFIX, LIBRARY

__all__ = [
    "CONTEXT",
    "CONTEXT_CHARS",
    "check_annotation",
    "check_web_annotations",
    "evidence_annotation",
    "source_iri",
    "to_jsonld",
    "web_annotations",
    "write_web_annotations",
]

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Characters of context kept before and after a quote in its TextQuoteSelector.
CONTEXT_CHARS = 32


def source_iri(source_id: str) -> str:
    """The IRI of a source's raw file, relative to the bundle (``sources/<id>.txt``)."""
    return f"sources/{source_id}.txt"


def evidence_annotation(
    ev_id: str,
    ev: Evidence,
    verdict: Verdict,
    raw: str,
    *,
    iri: Callable[[str], str] = source_iri,
) -> dict[str, Any]:
    """One evidence quote as a Web Annotation targeting the raw text it was read from.

    >>> from annotate.model import Claim, Evidence, Verdict
    >>> from corpus.model import Span
    >>> raw = "Talks began in 1933. They ended."
    >>> ev = Evidence("c1", "ex.p1.s1", Span("ex", 0, 20), raw[:20], "supports")
    >>> ann = evidence_annotation("ev.c1.1", ev, Verdict(Claim("c1", "Talks began in 1933."), "SUPPORTED", [ev]), raw)
    >>> [s["type"] for s in ann["target"]["selector"]], ann["target"]["selector"][0]["suffix"]
    (['TextQuoteSelector', 'TextPositionSelector'], ' They ended.')
    """
    start, end = ev.span.start, ev.span.end
    claim = verdict.claim
    return {
        "id": f"#{ev_id}",
        "type": "Annotation",
        "motivation": "assessing",
        "body": [
            {
                "id": f"#{CLAIM_PREFIX}{claim.id}",
                "type": "TextualBody",
                "purpose": "describing",
                "format": "text/plain",
                "value": claim.text,
            },
            {"type": "TextualBody", "purpose": "assessing", "value": ev.relation.value},
            {"type": "TextualBody", "purpose": "tagging", "value": verdict.label.value},
        ],
        "target": {
            "type": "SpecificResource",
            "source": {"id": iri(ev.source), "type": "Text", "format": "text/plain"},
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": ev.quote,
                    "prefix": raw[max(0, start - CONTEXT_CHARS) : start],
                    "suffix": raw[end : end + CONTEXT_CHARS],
                },
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }


def _items(
    verdicts: Sequence[Verdict], raw_texts: Mapping[str, str], iri: Callable[[str], str]
) -> Iterator[dict[str, Any]]:
    for verdict, rows in zip(verdicts, evidence_table(verdicts), strict=True):
        for ev_id, ev in rows:
            yield evidence_annotation(ev_id, ev, verdict, raw_texts.get(ev.source, ""), iri=iri)


def _collection(items: list[dict[str, Any]], version: str | None) -> dict[str, Any]:
    generator = {"type": "Software", "name": f"{LIBRARY} {version}" if version else LIBRARY}
    return {
        "@context": CONTEXT,
        "id": "annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "Evidence quotes for checked claims",
        "generator": generator,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def web_annotations(
    verdicts: Sequence[Verdict],
    raw_texts: Mapping[str, str],
    *,
    iri: Callable[[str], str] = source_iri,
    version: str | None = None,
) -> dict[str, Any]:
    """An ``AnnotationCollection`` of every evidence quote (verdict evidence and conflict sides).

    ``raw_texts`` maps source ids to raw texts (for the prefix and suffix context).
    """
    return _collection(list(_items(verdicts, raw_texts, iri)), version)


def write_web_annotations(
    out: TextIO,
    verdicts: Sequence[Verdict],
    raw_texts: Mapping[str, str],
    *,
    iri: Callable[[str], str] = source_iri,
    version: str | None = None,
) -> int:
    """Write ``to_jsonld(web_annotations(...))`` one annotation at a time; returns the item count.

    The text is the same, character for character, without the whole collection in memory.
    """
    head, tail = to_jsonld(_collection([], version)).split('"items": []', 1)
    out.write(head + '"items": [')
    count = 0
    for item in _items(verdicts, raw_texts, iri):
        text = dumps_indented(item)
        out.write(("," if count else "") + "\n      " + text.replace("\n", "\n      "))
        count += 1
    # The total follows "first" in sorted key order, so it is known by the time it is written.
    out.write(("\n    ]" if count else "]") + tail.replace('"total": 0', f'"total": {count}', 1))
    return count


def to_jsonld(collection: Mapping[str, Any]) -> str:
    """JSON text for a collection: sorted keys, 2-space indent, UTF-8 kept, newline at the end."""
    return dumps_indented(collection) + "\n"


def _selectors(ann: Mapping[str, Any]) -> tuple[str | None, list[Mapping[str, Any]]]:
    target = ann.get("target")
    if not isinstance(target, Mapping):
        return None, []
    source = target.get("source")
    source_id = source.get("id") if isinstance(source, Mapping) else source
    selectors = target.get("selector", [])
    if isinstance(selectors, Mapping):
        selectors = [selectors]
    return (source_id if isinstance(source_id, str) else None), [s for s in selectors if isinstance(s, Mapping)]


def check_web_annotations(collection: object, raw_by_iri: Mapping[str, str]) -> list[str]:
    """Every way the annotations fail to locate their quotes in the raw texts (empty when all hold).

    ``raw_by_iri`` maps target source IRIs (``sources/<id>.txt``) to raw texts. Each annotation
    needs a TextPositionSelector and a TextQuoteSelector that both name the same characters.
    """
    failures: list[str] = []
    if not isinstance(collection, Mapping):
        return ["annotations: not a JSON object"]
    page = collection.get("first")
    items = page.get("items") if isinstance(page, Mapping) else None
    if not isinstance(items, list):
        return ["annotations: no first.items list"]
    if collection.get("total") != len(items):
        failures.append(f"annotations: total {collection.get('total')!r} but {len(items)} items")
    for n, ann in enumerate(items):
        failures.extend(check_annotation(n, ann, raw_by_iri))
    return failures


def check_annotation(n: int, ann: object, raw_by_iri: Mapping[str, str]) -> list[str]:
    """What is wrong with item ``n`` of a collection (see :func:`check_web_annotations`); empty when it holds."""
    where = f"annotations: item {n} ({ann.get('id') if isinstance(ann, Mapping) else '?'})"
    if not isinstance(ann, Mapping):
        return [f"{where}: not an object"]
    iri, selectors = _selectors(ann)
    if iri is None or iri not in raw_by_iri:
        return [f"{where}: target source {iri!r} is not a bundled source"]
    raw = raw_by_iri[iri]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    if quote is None or position is None:
        return [f"{where}: needs a TextQuoteSelector and a TextPositionSelector"]
    start, end = position.get("start"), position.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(raw)):
        return [f"{where}: position [{start}, {end}) is not inside the raw text (0..{len(raw)})"]
    failures = []
    if raw[start:end] != quote.get("exact"):
        failures.append(f"{where}: exact quote differs from the raw text at [{start}, {end})")
    prefix, suffix = quote.get("prefix", ""), quote.get("suffix", "")
    if not isinstance(prefix, str) or raw[max(0, start - len(prefix)) : start] != prefix:
        failures.append(f"{where}: prefix differs from the raw text before offset {start}")
    if not isinstance(suffix, str) or raw[end : end + len(suffix)] != suffix:
        failures.append(f"{where}: suffix differs from the raw text after offset {end}")
    return failures
