"""The TEI part of ``verify``: pointers, the corpus rebuilt, and what later checks need of it.

The TEI is streamed (:class:`annotate.tei.TEIStream`): one member ``TEI`` at a time is rebuilt and
checked against its bundled raw text and the manifest, then dropped; what the bibliography and
count checks need is kept in a :class:`TEISummary` (ids, cite keys, counts). A file the stream cannot
settle alone (not well-formed, a DOCTYPE, UTF-16, a pointer back into a member already dropped) is
read whole as before, so the lines reported are the same either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from annotate.bundle.layout import SOURCES_DIR, TEI_FILE
from annotate.bundle.read import BundleReader
from annotate.errors import BundleError, TEIError, UnsafeXMLError
from annotate.model import Evidence, Label, ReferenceLink, Verdict
from annotate.tei import TEIStream, check_pointers, parse_xml, read_tei_tree
from annotate.tei.pointers import PointerCheck, UnresolvableError
from annotate.tei.safestream import NotWellFormedError, StreamUnsupportedError
from corpus.model import Document, PassageKind

#: What the stream cannot settle alone: the file is then read whole.
_WHOLE = (NotWellFormedError, UnsafeXMLError, StreamUnsupportedError, UnresolvableError)


def check_quote(where: str, ev: Any, raws: Mapping[str, str]) -> list[str]:  # noqa: ANN401 - JSON
    """What is wrong with one evidence row (``source``, ``start``, ``end``, ``quote``) against the raw texts."""
    if not isinstance(ev, dict):
        return [f"{where}: evidence is not an object"]
    sid, start, end = ev.get("source"), ev.get("start"), ev.get("end")
    raw = raws.get(sid) if isinstance(sid, str) else None
    if raw is None:
        return [f"{where}: evidence source {sid!r} is not bundled"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(raw)):
        return [f"{where}: evidence offsets [{start}, {end}) are outside {sid} (0..{len(raw)})"]
    if raw[start:end] != ev.get("quote"):
        return [f"{where}: evidence quote differs from {sid} at [{start}, {end})"]
    return []


def _quoted(v: Verdict) -> list[Evidence]:
    return [*v.evidence, *(e for c in v.conflicts for e in (c.first, c.second))]


@attrs.define
class TEISummary:
    """What ``verify`` learnt from the TEI: its failures, and (when it rebuilt) what later checks use."""

    failures: list[str] = attrs.Factory(list)  #: pointers, then why it did not rebuild
    rebuilt: bool = False
    checks: list[str] = attrs.Factory(list)  #: sources, raw texts and hashes, quotes (when rebuilt)
    claim_ids: set[str] = attrs.Factory(set)
    entries: list[str] = attrs.Factory(list)  #: further-reading passages, in order
    cites: list[tuple[str, str]] = attrs.Factory(list)  #: (claim id, cite key) of each quote citing a work
    links: list[tuple[str, str]] = attrs.Factory(list)  #: (target, key) of each further-reading link
    counts: dict[str, int] = attrs.Factory(dict)


class _Collector:
    """Checks each document and verdict as it comes and keeps what the summary needs."""

    def __init__(self, raws: Mapping[str, str], manifest: Any) -> None:  # noqa: ANN401 - JSON
        self.raws = raws
        sources = manifest.get("sources", {}) if isinstance(manifest, dict) else {}
        self.sources = sources if isinstance(sources, dict) else {}
        self.summary = TEISummary()
        self.ids: list[str] = []
        self.doc_lines: list[str] = []
        self.verdict_lines: list[str] = []

    def document(self, doc: Document) -> None:
        src = doc.source
        self.ids.append(src.id)
        if src.id in self.raws and self.raws[src.id] != src.raw:
            self.doc_lines.append(f"{TEI_FILE}: the raw text of {src.id} differs from {SOURCES_DIR}/{src.id}.txt")
        entry = self.sources.get(src.id)
        if isinstance(entry, dict) and entry.get("sha256") != src.sha256:
            self.doc_lines.append(f"{TEI_FILE}: sha256 of {src.id} differs from the manifest")
        self.summary.entries.extend(p.id for p in doc.of_kind(PassageKind.BIBLIOGRAPHY_ENTRY))

    def verdict(self, v: Verdict) -> None:
        where = f"{TEI_FILE}: claim {v.claim.id}"
        self.summary.claim_ids.add(v.claim.id)
        if not v.evidence and v.label is not Label.NOT_ENOUGH_INFO:
            self.verdict_lines.append(f"{where}: no evidence and the verdict is {v.label.value}")
        for ev in _quoted(v):
            row = {"source": ev.source, "start": ev.span.start, "end": ev.span.end, "quote": ev.quote}
            self.verdict_lines.extend(check_quote(where, row, self.raws))
            if ev.cite_key is not None:
                self.summary.cites.append((v.claim.id, ev.cite_key))

    def finish(self, references: int, verdicts: int, links: Iterable[ReferenceLink]) -> TEISummary:
        summary = self.summary
        summary.rebuilt = True
        summary.links = [(link.target, link.key) for link in links]
        ids, bundled = sorted(self.ids), sorted(self.raws)
        if ids != bundled:
            summary.checks.append(f"{TEI_FILE}: sources {ids} differ from the bundled files {bundled}")
        summary.checks += self.doc_lines + self.verdict_lines
        counts = {"sources": len(ids), "claims": verdicts, "references": references, "links": len(summary.links)}
        summary.counts = counts
        return summary


def _error(exc: Exception) -> str:
    return f"{TEI_FILE}: {exc}".replace(f"{TEI_FILE}: {TEI_FILE}: ", f"{TEI_FILE}: ")


def _streamed(reader: BundleReader, raws: Mapping[str, str], manifest: Any) -> TEISummary:  # noqa: ANN401 - JSON
    pointers = PointerCheck()
    collect = _Collector(raws, manifest)
    verdicts = 0
    with (
        reader.open(TEI_FILE) as f,
        TEIStream(f, TEI_FILE, observe=lambda el, deep: pointers.element(el, deep=deep)) as stream,
    ):
        try:
            for doc in stream.documents():
                collect.document(doc)
            for v in stream.verdicts():
                collect.verdict(v)
                verdicts += 1
            links = stream.links()
        except _WHOLE:
            raise
        except TEIError as exc:
            stream.drain()  # the pointers of the rest are reported all the same
            return TEISummary(failures=[*(f"{TEI_FILE}: {p}" for p in pointers.failures()), _error(exc)])
    summary = collect.finish(len(stream.references()), verdicts, links)
    summary.failures = [f"{TEI_FILE}: {p}" for p in pointers.failures()]
    return summary


def _whole(reader: BundleReader, raws: Mapping[str, str], manifest: Any) -> TEISummary:  # noqa: ANN401 - JSON
    failures: list[str] = []
    try:
        root = parse_xml(reader.read(TEI_FILE), TEI_FILE)
        failures.extend(f"{TEI_FILE}: {f}" for f in check_pointers(root))
        corpus = read_tei_tree(root, TEI_FILE)
    except (BundleError, TEIError) as exc:
        return TEISummary(failures=[*failures, _error(exc)])
    collect = _Collector(raws, manifest)
    for doc in corpus.documents:
        collect.document(doc)
    for v in corpus.verdicts:
        collect.verdict(v)
    summary = collect.finish(len(corpus.references), len(corpus.verdicts), corpus.links)
    summary.failures = failures
    return summary


def check_tei(reader: BundleReader, raws: Mapping[str, str], manifest: Any) -> TEISummary:  # noqa: ANN401 - JSON
    """Check the bundle's TEI: streamed, or read whole when the stream cannot settle it alone."""
    try:
        return _streamed(reader, raws, manifest)
    except BundleError as exc:
        return TEISummary(failures=[_error(exc)])
    except _WHOLE:
        return _whole(reader, raws, manifest)
