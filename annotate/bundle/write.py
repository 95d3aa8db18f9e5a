"""Writing a bundle: every file in a temporary sibling, hashed into the manifest, then renamed into place
(a folder) or zipped with fixed timestamps; byte-identical on a rerun."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from annotate.bundle.atomic import put_folder, repair, writer_lock
from annotate.bundle.layout import (
    _CHUNK,
    _ZIP_TIME,
    ANNOTATIONS_FILE,
    BIB_FILE,
    BUNDLE_FORMAT,
    CLAIMS_FILE,
    CSL_FILE,
    MANIFEST_FILE,
    SOURCES_DIR,
    TEI_FILE,
    _dumps,
    source_bytes,
)
from annotate.errors import BundleError
from annotate.forked import can_fork, forked_map
from annotate.jsonforms import claim_rows
from annotate.model import AnnotatedCorpus, Label
from annotate.references import source_key
from annotate.tei import TEIWriter
from annotate.version import __version__
from annotate.view import VIEW_FILENAME, write_view
from annotate.webanno import write_web_annotations
from bibliography.bibtex import to_bibtex
from bibliography.csl import to_csl_json

# Below this many sources the files take less time to write than a fork costs.
_MIN_SOURCES_TO_FORK: Final = 50


def _sha256_file(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _sources_entries(content: AnnotatedCorpus) -> dict[str, Any]:
    sources: dict[str, Any] = {}
    for doc in content.documents:
        src = doc.source
        sources[src.id] = {
            "file": f"{SOURCES_DIR}/{src.id}.txt",
            "sha256": src.sha256,
            "encoding": src.encoding,
            "chars": len(src.raw),
            "cite_key": source_key(content.references, src.id),
        }
    return sources


def _write_sources(folder: Path, content: AnnotatedCorpus, raw: Mapping[str, bytes]) -> None:
    for doc in content.documents:
        (folder / SOURCES_DIR / f"{doc.source.id}.txt").write_bytes(raw[doc.source.id])


def _write_tei(folder: Path, content: AnnotatedCorpus) -> None:
    # The TEI names the bundled copy, not wherever the source was read from.
    # Each renamed copy is made as it is written: a list of them held a second copy of every
    # document's passage indexes while the TEI was written.
    docs = content.documents
    bundled = (attrs.evolve(d, source=attrs.evolve(d.source, path=f"{SOURCES_DIR}/{d.source.id}.txt")) for d in docs)
    with TEIWriter(
        folder / TEI_FILE,
        source_ids=[d.source.id for d in docs],
        references=content.references,
        verdicts=content.verdicts,
        links=content.links,
    ) as writer:
        for doc in bundled:
            writer.write(doc)


def _write_annotations(folder: Path, content: AnnotatedCorpus) -> None:
    raw_texts = {d.source.id: d.source.raw for d in content.documents}
    with (folder / ANNOTATIONS_FILE).open("w", encoding="utf-8", newline="\n") as f:
        write_web_annotations(f, content.verdicts, raw_texts, version=__version__)


def _write_the_rest(folder: Path, content: AnnotatedCorpus) -> None:
    docs = content.documents
    refs = list(content.references)
    (folder / BIB_FILE).write_text(to_bibtex(refs), encoding="utf-8", newline="\n")
    (folder / CSL_FILE).write_text(to_csl_json(refs), encoding="utf-8", newline="\n")
    with (folder / CLAIMS_FILE).open("w", encoding="utf-8", newline="\n") as f:
        for row in claim_rows(content.verdicts):
            f.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
    # The reading view is generated from the same objects, so it shows exactly what the bundle holds.
    entries = {ref.key: to_bibtex([ref]) for ref in refs if ref.key}
    with (folder / VIEW_FILENAME).open("w", encoding="utf-8", newline="\n") as f:
        write_view(f, docs, refs, content.verdicts, content.links, bibtex=entries)


def _call(step: Callable[[], None]) -> None:
    step()


def _write_files(folder: Path, content: AnnotatedCorpus, raw: Mapping[str, bytes], jobs: int) -> dict[str, Any]:
    docs = content.documents
    refs = list(content.references)
    sources = _sources_entries(content)
    (folder / SOURCES_DIR).mkdir()
    # The files are independent, so with several processes each step is written by a forked one (sharing
    # the corpus copy-on-write), longest first: on 1,445 sources (1 MB) the TEI took 3.9 s of CPU, the
    # view, BibTeX, CSL-JSON and claims 3.3 s, the source copies 1.0 s and the Web Annotations 0.8 s, so
    # two processes finish together at about 4.7 s where the TEI with the annotations against the rest
    # took 5.7 s. Each file's bytes are the same either way.
    steps: list[Callable[[], None]] = [
        functools.partial(_write_tei, folder, content),
        functools.partial(_write_the_rest, folder, content),
        functools.partial(_write_sources, folder, content, raw),
        functools.partial(_write_annotations, folder, content),
    ]
    if jobs >= 2 and can_fork() and len(docs) >= _MIN_SOURCES_TO_FORK:
        for _ in forked_map(_call, steps, min(jobs, len(steps)), chunk=1):
            pass
    else:
        for step in steps:
            step()
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
    jobs: int = 1,
) -> dict[str, Any]:
    """Write a bundle to the folder ``out`` (or a zip file when ``out`` ends in ``.zip``); returns the manifest.

    ``raw`` maps source ids to their raw bytes (default: :func:`source_bytes`). The bundle is
    built in a temporary sibling and renamed into place. An existing folder is only replaced when
    it is a bundle (has a manifest) or empty. With ``jobs`` of 2 or more (and ``fork``), the TEI is
    written by a second process while this one writes the other files: the same bytes.
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
    with writer_lock(target):
        repair(target)
        return _write_in_place(target, parent, as_zip, content, data, jobs=jobs)


def _write_in_place(
    target: Path, parent: Path, as_zip: bool, content: AnnotatedCorpus, data: Mapping[str, bytes], *, jobs: int
) -> dict[str, Any]:
    tag = f"{os.getpid()}"
    work = parent / f".{target.name}.partial-{tag}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    try:
        manifest = _write_files(work, content, data, jobs)
        if as_zip:
            tmp_zip = parent / f".{target.name}.partial-{tag}.zip"
            try:
                _zip_folder(work, tmp_zip)
                os.replace(tmp_zip, target)
            finally:
                tmp_zip.unlink(missing_ok=True)
        else:
            put_folder(work, target)
    finally:
        if work.exists():
            shutil.rmtree(work)
    return manifest
