"""Citation bundles: one folder (or zip) in which every claim traces to a quote in a hashed source.

A bundle holds::

    corpus.tei.xml      TEI P5: sources, passages, references, claims, verdicts, evidence, links
    references.bib      the bibliography as BibTeX
    references.json     the bibliography as CSL-JSON
    annotations.jsonld  W3C Web Annotations: each evidence quote with quote and position selectors
    claims.jsonl        one checked claim per line (readable again with ``--claims``)
    sources/<id>.txt    the raw source files, byte for byte
    manifest.json       library version, sha256 and size of every file, the sources, counts

:func:`write_bundle` is deterministic (sorted keys, fixed zip timestamps, no clock) and atomic: it
builds the bundle in a temporary sibling and renames it into place, so an interrupted run leaves
any earlier bundle as it was. :func:`verify_bundle` re-checks the whole chain and returns one line
per failure; :func:`trace` follows one claim to its quotes, sources and further reading.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any

import attrs
from lxml import etree

from annotate.errors import BundleError, TEIError, UnknownClaimError
from annotate.jsonforms import claim_rows
from annotate.model import AnnotatedCorpus, Label, ReferenceLink
from annotate.references import entry_key, source_key
from annotate.tei import TEIWriter, check_pointers, parse_xml, read_tei, read_tei_tree
from annotate.version import __version__
from annotate.view import VIEW_FILENAME, render_view
from annotate.webanno import check_web_annotations, source_iri, write_web_annotations
from bibliography.bibtex import from_bibtex, to_bibtex
from bibliography.csl import from_csl_json, to_csl_json
from bibliography.errors import BibliographyError
from bibliography.model import Reference
from corpus.errors import CorpusError
from corpus.load import decode
from corpus.model import PassageKind, Source

__all__ = [
    "BUNDLE_FORMAT",
    "TEI_FILE",
    "BundleReader",
    "source_bytes",
    "trace",
    "trace_text",
    "verify_bundle",
    "write_bundle",
]

# ----------------------------------------------------------------------------------------------------

BUNDLE_FORMAT = 1
TEI_FILE = "corpus.tei.xml"
BIB_FILE = "references.bib"
CSL_FILE = "references.json"
ANNOTATIONS_FILE = "annotations.jsonld"
CLAIMS_FILE = "claims.jsonl"
MANIFEST_FILE = "manifest.json"
SOURCES_DIR = "sources"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CHUNK = 1 << 20


def _dumps(value: object) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def source_bytes(source: Source) -> bytes:
    """The raw bytes a source was read from, checked against its sha256.

    The bytes ``corpus`` kept when it read the source; for a source that carries only its text (read
    back from TEI), the text encoded as the source says it was decoded (with and without a UTF-8 byte
    order mark), accepted only when the sha256 matches.
    """
    if source.data is not None:
        return source.data
    candidates: list[bytes] = []
    for encoding in (source.encoding, "utf-8"):
        try:
            data = source.raw.encode(encoding, "surrogatepass" if encoding == "utf-8" else "strict")
        except (UnicodeError, LookupError):
            continue
        candidates.append(data)
        if encoding == "utf-8":
            candidates.append(b"\xef\xbb\xbf" + data)
    for data in candidates:
        if hashlib.sha256(data).hexdigest() == source.sha256:
            return data
    raise BundleError(
        f"source {source.id}: cannot recover bytes whose sha256 is {source.sha256} (file moved or changed?)"
    )


# --- writing ----------------------------------------------------------------------------------------


def _sha256_file(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _write_files(folder: Path, content: AnnotatedCorpus, raw: Mapping[str, bytes]) -> dict[str, Any]:
    docs = content.documents
    (folder / SOURCES_DIR).mkdir()
    sources: dict[str, Any] = {}
    for doc in docs:
        src = doc.source
        name = f"{SOURCES_DIR}/{src.id}.txt"
        (folder / name).write_bytes(raw[src.id])
        sources[src.id] = {
            "file": name,
            "sha256": src.sha256,
            "encoding": src.encoding,
            "chars": len(src.raw),
            "cite_key": source_key(content.references, src.id),
        }
    # The TEI names the bundled copy, not wherever the source was read from.
    bundled = [attrs.evolve(d, source=attrs.evolve(d.source, path=f"{SOURCES_DIR}/{d.source.id}.txt")) for d in docs]
    with TEIWriter(
        folder / TEI_FILE,
        source_ids=[d.source.id for d in bundled],
        references=content.references,
        verdicts=content.verdicts,
        links=content.links,
    ) as writer:
        for doc in bundled:
            writer.write(doc)
    refs = list(content.references)
    (folder / BIB_FILE).write_text(to_bibtex(refs), encoding="utf-8", newline="\n")
    (folder / CSL_FILE).write_text(to_csl_json(refs), encoding="utf-8", newline="\n")
    raw_texts = {d.source.id: d.source.raw for d in docs}
    with (folder / ANNOTATIONS_FILE).open("w", encoding="utf-8", newline="\n") as f:
        write_web_annotations(f, content.verdicts, raw_texts, version=__version__)
    with (folder / CLAIMS_FILE).open("w", encoding="utf-8", newline="\n") as f:
        for row in claim_rows(content.verdicts):
            f.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
    # The reading view is generated from the same objects, so it shows exactly what the bundle holds.
    entries = {ref.key: to_bibtex([ref]) for ref in refs if ref.key}
    page = render_view(docs, refs, content.verdicts, content.links, bibtex=entries)
    (folder / VIEW_FILENAME).write_text(page, encoding="utf-8", newline="\n")
    files: dict[str, Any] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest, size = _sha256_file(path)
        files[path.relative_to(folder).as_posix()] = {"sha256": digest, "bytes": size}
    labels = {label: sum(v.label is label for v in content.verdicts) for label in Label}
    manifest = {
        "bundle_format": BUNDLE_FORMAT,
        "library": "citetrace",
        "version": __version__,
        "files": files,
        "sources": sources,
        "counts": {
            "sources": len(docs),
            "passages": sum(len(d.passages) for d in docs),
            "removals": sum(len(d.removals) for d in docs),
            "references": len(refs),
            "claims": len(content.verdicts),
            "evidence": sum(len(v.evidence) for v in content.verdicts),
            "links": len(content.links),
            "verdicts": {label.value: n for label, n in labels.items()},
        },
    }
    (folder / MANIFEST_FILE).write_text(_dumps(manifest), encoding="utf-8", newline="\n")
    return manifest


def _zip_folder(folder: Path, target: Path) -> None:
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            with (folder / name).open("rb") as src, zf.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, _CHUNK)


def _is_bundle_dir(path: Path) -> bool:
    return (path / MANIFEST_FILE).is_file() or not any(path.iterdir())


def write_bundle(
    out: str | Path,
    content: AnnotatedCorpus,
    *,
    raw: Mapping[str, bytes] | None = None,
) -> dict[str, Any]:
    """Write a bundle to the folder ``out`` (or a zip file when ``out`` ends in ``.zip``); returns the manifest.

    ``raw`` maps source ids to their raw bytes (default: :func:`source_bytes`). The bundle is
    built in a temporary sibling and renamed into place. An existing folder is only replaced when
    it is a bundle (has a manifest) or empty.
    """
    target = Path(out)
    as_zip = target.suffix.lower() == ".zip"
    if target.exists():
        if as_zip and target.is_dir():
            raise BundleError(f"{target}: is a folder, not a zip file")
        if not as_zip and (not target.is_dir() or not _is_bundle_dir(target)):
            raise BundleError(f"{target}: exists and is not a bundle folder; refusing to replace it")
    data = dict(raw) if raw is not None else {d.source.id: source_bytes(d.source) for d in content.documents}
    for doc in content.documents:
        got = hashlib.sha256(data[doc.source.id]).hexdigest()
        if got != doc.source.sha256:
            raise BundleError(f"source {doc.source.id}: given bytes hash to {got}, not {doc.source.sha256}")
    parent = target.parent if str(target.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    tag = f"{os.getpid()}"
    work = parent / f".{target.name}.partial-{tag}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    try:
        manifest = _write_files(work, content, data)
        if as_zip:
            tmp_zip = parent / f".{target.name}.partial-{tag}.zip"
            try:
                _zip_folder(work, tmp_zip)
                os.replace(tmp_zip, target)
            finally:
                tmp_zip.unlink(missing_ok=True)
        elif target.exists():
            old = parent / f".{target.name}.old-{tag}"
            os.replace(target, old)
            os.replace(work, target)
            shutil.rmtree(old)
        else:
            os.replace(work, target)
    finally:
        if work.exists():
            shutil.rmtree(work)
    return manifest


# --- reading ----------------------------------------------------------------------------------------


class BundleReader:
    """Read-only access to a bundle folder or zip file by member name (``sources/x.txt``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        if self.path.is_dir():
            return
        if not self.path.exists():
            raise BundleError(f"{self.path}: no such bundle")
        try:
            self._zip = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile:
            raise BundleError(f"{self.path}: neither a folder nor a zip file") from None

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the zip file, if any."""
        if self._zip is not None:
            self._zip.close()

    @property
    def folder(self) -> Path | None:
        """The bundle folder, or None for a zip."""
        return self.path if self._zip is None else None

    def names(self) -> list[str]:
        """Every member, as a POSIX path relative to the bundle, sorted."""
        if self._zip is not None:
            return sorted(n for n in self._zip.namelist() if not n.endswith("/"))
        return sorted(p.relative_to(self.path).as_posix() for p in self.path.rglob("*") if p.is_file())

    def has(self, name: str) -> bool:
        """Whether the bundle holds ``name``."""
        if self._zip is not None:
            return name in self._zip.namelist()
        return (self.path / name).is_file()

    def read(self, name: str) -> bytes:
        """The bytes of one member; :class:`BundleError` when it is missing."""
        if ".." in PurePosixPath(name).parts or PurePosixPath(name).is_absolute():
            raise BundleError(f"{self.path}: refusing member name {name!r}")
        try:
            if self._zip is not None:
                return self._zip.read(name)
            return (self.path / name).read_bytes()
        except (KeyError, FileNotFoundError):
            raise BundleError(f"{self.path}: no {name}") from None

    def sha256(self, name: str) -> tuple[str, int]:
        """The sha256 and size of one member, read in chunks."""
        h = hashlib.sha256()
        size = 0
        if self._zip is not None:
            with self._zip.open(name) as f:
                while chunk := f.read(_CHUNK):
                    h.update(chunk)
                    size += len(chunk)
            return h.hexdigest(), size
        return _sha256_file(self.path / name)


def _json(reader: BundleReader, name: str, failures: list[str]) -> Any:  # noqa: ANN401 - JSON is untyped
    try:
        return json.loads(reader.read(name).decode("utf-8"))
    except (BundleError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        failures.append(f"{name}: cannot read: {exc}")
        return None


# --- verifying --------------------------------------------------------------------------------------


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
        if name not in present:
            failures.append(f"{name}: listed in the manifest but missing")
            continue
        digest, size = reader.sha256(name)
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
        data = reader.read(name)
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


# --- tracing ----------------------------------------------------------------------------------------


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
