"""Verifying a bundle: hashes, every quote against the raw bytes, pointers, bibliography, counts and
(optionally) TEI validity; one line per failure.

Memory does not grow with the whole bundle: files are hashed in chunks, raw texts are read when a quote
needs them (:mod:`annotate.bundle.texts`), the TEI is streamed (:mod:`annotate.bundle.verify_tei`) and
the JSON files are read a row or an item at a time (:mod:`annotate.bundle.verify_rows`).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from annotate.bundle.layout import (
    BIB_FILE,
    CLAIMS_FILE,
    CSL_FILE,
    MANIFEST_FILE,
    TEI_FILE,
)
from annotate.bundle.read import BundleReader, _json
from annotate.bundle.texts import Keyed, SourceTexts
from annotate.bundle.verify_rows import check_annotations, check_claim_rows
from annotate.bundle.verify_tei import TEISummary, check_tei
from annotate.errors import BundleError
from annotate.references import as_bibliography, entry_key, source_key
from annotate.webanno import source_iri
from bibliography.bibtex import from_bibtex
from bibliography.csl import from_csl_json
from bibliography.errors import BibliographyError
from bibliography.model import Reference
from corpus.errors import CorpusError


def _reason(exc: BundleError, reader: BundleReader, name: str) -> str:
    return str(exc).removeprefix(f"{reader.path}: ").removeprefix(f"refusing {name}: ")


def _check_manifest(reader: BundleReader, manifest: Any, failures: list[str]) -> SourceTexts:  # noqa: ANN401
    """Re-hash every file (in chunks); returns the raw texts of the sources by source id, read on demand."""
    raws = SourceTexts(reader)
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict):
        failures.append(f"{MANIFEST_FILE}: no 'files' table")
        return raws
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
            raws.add(sid, name, data)
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


def _check_references(reader: BundleReader, tei: TEISummary, raws: Mapping[str, str], failures: list[str]) -> None:
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
    # Indexed once, so each key lookup below is a dict read, not a rebuild of the index. It cannot
    # refuse the keys: from_csl_json has already refused a repeated id.
    index = as_bibliography(refs)
    for sid in sorted(raws):
        if source_key(index, sid) is None:
            failures.append(f"{CSL_FILE}: source {sid} has no bibliography entry")
    if not tei.rebuilt:
        return
    for pid in tei.entries:
        if entry_key(index, pid) is None:
            failures.append(f"{CSL_FILE}: further-reading entry {pid} has no bibliography entry")
    for claim_id, cite_key in tei.cites:
        if cite_key not in keys:
            failures.append(f"{CSL_FILE}: claim {claim_id} cites {cite_key}, which has no entry")
    for target, key in tei.links:
        if key not in keys:
            failures.append(f"{CSL_FILE}: link from {target} names {key}, which has no entry")


def _check_counts(tei: TEISummary, manifest: Any, failures: list[str]) -> None:  # noqa: ANN401 - JSON
    counts = manifest.get("counts") if isinstance(manifest, dict) else None
    if not tei.rebuilt or not isinstance(counts, dict):
        return
    for name, n in tei.counts.items():
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
        tei = check_tei(reader, raws, manifest)
        failures += tei.failures + tei.checks
        if schema is not None:
            try:
                tei_data = reader.read(TEI_FILE)
            except BundleError:
                tei_data = b""
            if tei_data:
                failures.extend(_schema_failures(reader, tei_data, Path(schema), validator))
        claim_ids = check_claim_rows(reader, raws, failures)
        if tei.rebuilt and claim_ids != tei.claim_ids:
            failures.append(f"{CLAIMS_FILE}: claim ids differ from the TEI's")
        _check_references(reader, tei, raws, failures)
        _check_counts(tei, manifest, failures)
        check_annotations(reader, Keyed(raws, {sid: source_iri(sid) for sid in raws}), failures)
    return failures
