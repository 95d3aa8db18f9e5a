"""Verifying a bundle: hashes, every quote against the raw bytes, pointers, bibliography, counts and
(optionally) TEI validity; one line per failure."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from annotate.bundle.layout import (
    ANNOTATIONS_FILE,
    BIB_FILE,
    CLAIMS_FILE,
    CSL_FILE,
    MANIFEST_FILE,
    SOURCES_DIR,
    TEI_FILE,
)
from annotate.bundle.read import BundleReader, _json
from annotate.errors import BundleError, TEIError
from annotate.model import AnnotatedCorpus, Label
from annotate.references import entry_key, source_key
from annotate.tei import check_pointers, parse_xml, read_tei_tree
from annotate.webanno import check_web_annotations, source_iri
from bibliography.bibtex import from_bibtex
from bibliography.csl import from_csl_json
from bibliography.errors import BibliographyError
from bibliography.model import Reference
from corpus.errors import CorpusError
from corpus.load import decode
from corpus.model import PassageKind


def _reason(exc: BundleError, reader: BundleReader, name: str) -> str:
    return str(exc).removeprefix(f"{reader.path}: ").removeprefix(f"refusing {name}: ")


def _check_manifest(reader: BundleReader, manifest: Any, failures: list[str]) -> dict[str, str]:  # noqa: ANN401
    """Re-hash every file; returns the raw texts of the sources by source id."""
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict):
        failures.append(f"{MANIFEST_FILE}: no 'files' table")
        return {}
    present = set(reader.names())
    for name in sorted(present - set(files) - {MANIFEST_FILE}):
        failures.append(f"{name}: not listed in the manifest")
    for name, entry in sorted(files.items()):
        parts = PurePosixPath(name).parts
        if ".." in parts or PurePosixPath(name).is_absolute() or "\\" in name:
            failures.append(f"{name}: a manifest path leaving the bundle; not read")
            continue
        if name not in present:
            failures.append(f"{name}: listed in the manifest but missing")
            continue
        try:
            digest, size = reader.sha256(name)
        except BundleError as exc:
            failures.append(f"{name}: {_reason(exc, reader, name)}")
            continue
        if not isinstance(entry, dict) or entry.get("sha256") != digest:
            failures.append(f"{name}: sha256 {digest} does not match the manifest")
        elif entry.get("bytes") != size:
            failures.append(f"{name}: {size} bytes, the manifest says {entry.get('bytes')}")
    raws: dict[str, str] = {}
    sources = manifest.get("sources")
    if not isinstance(sources, dict):
        failures.append(f"{MANIFEST_FILE}: no 'sources' table")
        return raws
    for sid, entry in sorted(sources.items()):
        file = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(file, str) or file not in present:
            failures.append(f"{MANIFEST_FILE}: source {sid} has no bundled file")
            continue
        name = file
        try:
            data = reader.read(name)
        except BundleError as exc:
            failures.append(f"{name}: {_reason(exc, reader, name)}")
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry.get("sha256"):
            failures.append(f"{name}: source {sid} hashes to {digest}, not its recorded sha256 {entry.get('sha256')}")
        try:
            raws[sid] = decode(data, name)[0]
        except CorpusError as exc:
            failures.append(f"{name}: {exc}")
    return raws


def _schema_failures(reader: BundleReader, data: bytes, schema: Path, validator: str) -> list[str]:
    folder = reader.folder
    jing = shutil.which("jing") if validator in ("auto", "jing") else None
    if validator == "jing" and jing is None:
        return [f"{TEI_FILE}: jing is not installed"]
    if jing is not None and folder is not None:
        proc = subprocess.run(
            [jing, str(schema), str(folder / TEI_FILE)], capture_output=True, text=True, timeout=600, check=False
        )
        if proc.returncode == 0:
            return []
        lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip() and "[warning]" not in ln]
        return [f"{TEI_FILE}: schema: {ln.split(TEI_FILE + ':', 1)[-1].strip()}" for ln in lines] or [
            f"{TEI_FILE}: jing failed (exit {proc.returncode})"
        ]
    try:
        rng = etree.RelaxNG(etree.parse(str(schema)))
    except (OSError, etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
        return [f"{schema}: cannot load the schema: {exc}"]
    doc = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True)).getroottree()
    if rng.validate(doc):
        return []
    return [f"{TEI_FILE}: schema: line {e.line}: {e.message}" for e in rng.error_log]


def _check_claim_rows(reader: BundleReader, raws: Mapping[str, str], failures: list[str]) -> set[str]:
    ids: set[str] = set()
    try:
        text = reader.read(CLAIMS_FILE).decode("utf-8")
    except (BundleError, UnicodeDecodeError) as exc:
        failures.append(f"{CLAIMS_FILE}: cannot read: {exc}")
        return ids
    for n, line in enumerate(text.splitlines(), 1):
        where = f"{CLAIMS_FILE}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            failures.append(f"{where}: not JSON ({exc.msg})")
            continue
        if not isinstance(row, dict):
            failures.append(f"{where}: not a JSON object")
            continue
        cid = row.get("id")
        ids.add(str(cid))
        evidence = row.get("evidence") or []
        if not evidence and row.get("verdict") != Label.NOT_ENOUGH_INFO.value:
            failures.append(f"{where}: claim {cid} has no evidence and its verdict is {row.get('verdict')!r}")
        sides = [e for c in row.get("conflicts") or [] for e in (c.get("first"), c.get("second"))]
        for ev in [*evidence, *sides]:
            failures.extend(_check_quote(f"{where}: claim {cid}", ev, raws))
    return ids


def _check_quote(where: str, ev: Any, raws: Mapping[str, str]) -> list[str]:  # noqa: ANN401 - JSON
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


def _check_references(
    reader: BundleReader, corpus: AnnotatedCorpus | None, raws: Mapping[str, str], failures: list[str]
) -> None:
    refs: list[Reference] = []
    try:
        refs = from_csl_json(reader.read(CSL_FILE).decode("utf-8"), source_name=CSL_FILE)
    except (BundleError, BibliographyError, UnicodeDecodeError) as exc:
        failures.append(f"{CSL_FILE}: cannot read: {exc}")
    try:
        bib = from_bibtex(reader.read(BIB_FILE).decode("utf-8"), source_name=BIB_FILE)
        if sorted(r.key or "" for r in bib) != sorted(r.key or "" for r in refs):
            failures.append(f"{BIB_FILE}: cite keys differ from {CSL_FILE}")
    except (BundleError, BibliographyError, UnicodeDecodeError) as exc:
        failures.append(f"{BIB_FILE}: cannot read: {exc}")
    keys = {r.key for r in refs if r.key}
    for sid in sorted(raws):
        if source_key(refs, sid) is None:
            failures.append(f"{CSL_FILE}: source {sid} has no bibliography entry")
    if corpus is None:
        return
    for doc in corpus.documents:
        for p in doc.of_kind(PassageKind.BIBLIOGRAPHY_ENTRY):
            if entry_key(refs, p.id) is None:
                failures.append(f"{CSL_FILE}: further-reading entry {p.id} has no bibliography entry")
    for v in corpus.verdicts:
        for ev in [*v.evidence, *(e for c in v.conflicts for e in (c.first, c.second))]:
            if ev.cite_key is not None and ev.cite_key not in keys:
                failures.append(f"{CSL_FILE}: claim {v.claim.id} cites {ev.cite_key}, which has no entry")
    for link in corpus.links:
        if link.key not in keys:
            failures.append(f"{CSL_FILE}: link from {link.target} names {link.key}, which has no entry")


def _check_tei(corpus: AnnotatedCorpus, raws: Mapping[str, str], manifest: Any, failures: list[str]) -> None:  # noqa: ANN401
    sources = manifest.get("sources", {}) if isinstance(manifest, dict) else {}
    tei_ids = [d.source.id for d in corpus.documents]
    if sorted(tei_ids) != sorted(raws):
        failures.append(f"{TEI_FILE}: sources {sorted(tei_ids)} differ from the bundled files {sorted(raws)}")
    for doc in corpus.documents:
        src = doc.source
        if src.id in raws and raws[src.id] != src.raw:
            failures.append(f"{TEI_FILE}: the raw text of {src.id} differs from {SOURCES_DIR}/{src.id}.txt")
        entry = sources.get(src.id) if isinstance(sources, dict) else None
        if isinstance(entry, dict) and entry.get("sha256") != src.sha256:
            failures.append(f"{TEI_FILE}: sha256 of {src.id} differs from the manifest")
    for v in corpus.verdicts:
        where = f"{TEI_FILE}: claim {v.claim.id}"
        if not v.evidence and v.label is not Label.NOT_ENOUGH_INFO:
            failures.append(f"{where}: no evidence and the verdict is {v.label.value}")
        for ev in [*v.evidence, *(e for c in v.conflicts for e in (c.first, c.second))]:
            row = {"source": ev.source, "start": ev.span.start, "end": ev.span.end, "quote": ev.quote}
            failures.extend(_check_quote(where, row, raws))


def _check_counts(corpus: AnnotatedCorpus | None, manifest: Any, failures: list[str]) -> None:  # noqa: ANN401 - JSON
    counts = manifest.get("counts") if isinstance(manifest, dict) else None
    if corpus is None or not isinstance(counts, dict):
        return
    expected = {
        "sources": len(corpus.documents),
        "claims": len(corpus.verdicts),
        "references": len(corpus.references),
        "links": len(corpus.links),
    }
    for name, n in expected.items():
        if counts.get(name) != n:
            failures.append(f"{MANIFEST_FILE}: counts.{name} is {counts.get(name)!r}, the bundle has {n}")


def verify_bundle(path: str | Path, *, schema: str | Path | None = None, validator: str = "auto") -> list[str]:
    """Every way a bundle fails to prove its chain of evidence, one line each (empty: all holds).

    Checks: every file re-hashed against the manifest (and nothing unlisted); every source's bytes
    against its sha256; the TEI parses safely, its ``#`` pointers resolve and it rebuilds, with the
    raw texts and hashes of the bundled files; every evidence quote (TEI, claims.jsonl, Web
    Annotations) equals the raw source at its offsets; every claim has evidence or a
    NOT_ENOUGH_INFO verdict; every source, further-reading entry, cited work and linked reference
    has a bibliography entry; the manifest counts; and, given ``schema``, the TEI validates
    (``validator``: ``auto`` uses jing for a bundle folder when installed, else lxml).
    """
    failures: list[str] = []
    with BundleReader(path) as reader:
        manifest = _json(reader, MANIFEST_FILE, failures)
        raws = _check_manifest(reader, manifest, failures)
        corpus: AnnotatedCorpus | None = None
        tei_data = b""
        try:
            tei_data = reader.read(TEI_FILE)
            root = parse_xml(tei_data, TEI_FILE)
            failures.extend(f"{TEI_FILE}: {f}" for f in check_pointers(root))
            corpus = read_tei_tree(root, TEI_FILE)
            del root
        except (BundleError, TEIError) as exc:
            failures.append(f"{TEI_FILE}: {exc}".replace(f"{TEI_FILE}: {TEI_FILE}: ", f"{TEI_FILE}: "))
        if corpus is not None:
            _check_tei(corpus, raws, manifest, failures)
        if schema is not None and tei_data:
            failures.extend(_schema_failures(reader, tei_data, Path(schema), validator))
        claim_ids = _check_claim_rows(reader, raws, failures)
        if corpus is not None and claim_ids != {c.id for c in corpus.claims}:
            failures.append(f"{CLAIMS_FILE}: claim ids differ from the TEI's")
        _check_references(reader, corpus, raws, failures)
        _check_counts(corpus, manifest, failures)
        # The rebuilt corpus is done with; the annotations, as large again, are read next.
        corpus = None
        annotations = _json(reader, ANNOTATIONS_FILE, failures)
        if annotations is not None:
            failures.extend(check_web_annotations(annotations, {source_iri(s): r for s, r in raws.items()}))
    return failures
