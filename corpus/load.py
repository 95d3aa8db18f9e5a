"""Loading raw source texts: files, folders, strings, and the embedded default corpus.

The raw text is exactly what decoding the bytes gives; it is never normalised (line ends included).
Decoding: UTF-8 (a BOM is dropped by decoding, as it is not text); UTF-16 with a BOM; otherwise
cp1252, with a warning recorded on the source. Files with NUL bytes and no UTF-16 BOM are refused as
binary. ``NAME.meta.json`` next to ``NAME.txt`` supplies metadata the text may not state.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from corpus.errors import CorpusError, DecodeError, MetadataError, SourceNotFoundError
from corpus.model import Metadata, Source

SIDECAR_SUFFIX = ".meta.json"
_SIDECAR_FIELDS = {
    "id": str,
    "title": str,
    "authors": list,
    "date": str,
    "updated": str,
    "publisher": str,
    "url": str,
    "retrieved": str,
    "language": str,
}
# cp1252 leaves five bytes undefined; browsers (WHATWG) map them to the C1 control of the same value,
# and so do we rather than refuse a file over one odd byte.
_C1_HANDLER = "citetrace-cp1252-c1"


def _c1(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    return chr(exc.object[exc.start]), exc.start + 1


codecs.register_error(_C1_HANDLER, _c1)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode raw bytes: ``(text, encoding, warnings)``.

    >>> decode("caf\\u00e9".encode("cp1252"), "x.txt")
    ('café', 'cp1252', ('x.txt: not valid UTF-8 (byte 3); read as cp1252',))
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", ()
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{name}: has a UTF-16 byte order mark but is not valid UTF-16 ({exc.reason})") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(f"{name}: binary file (NUL byte at offset {nul}); expected text")
    try:
        return data.decode("utf-8-sig"), "utf-8", ()
    except UnicodeDecodeError as exc:
        at = exc.start
    text = data.decode("cp1252", errors=_C1_HANDLER)
    return text, "cp1252", (f"{name}: not valid UTF-8 (byte {at}); read as cp1252",)


def make_source_id(stem: str) -> str:
    """A source id from a file name stem: ASCII letters, digits, ``_ - .``; never starting with a digit.

    >>> make_source_id("000_820e86533fe664a9"), make_source_id("Déjà vu (2).draft")
    ('src-000_820e86533fe664a9', 'Deja-vu-2-.draft')
    """
    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9_.\-]+", "-", ascii_).strip("-.")
    slug = re.sub(r"-{2,}", "-", slug)
    if not slug or not (slug[0].isalpha() or slug[0] == "_"):
        slug = f"src-{slug}" if slug else "src"
    return slug


def read_sidecar(path: Path) -> dict[str, Any]:
    """Read and check a ``NAME.meta.json`` file; unknown keys and wrong types are errors."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MetadataError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MetadataError(f"{path}: cannot read sidecar: {exc}") from None
    if not isinstance(data, dict):
        raise MetadataError(f"{path}: expected a JSON object, got {type(data).__name__}")
    for key, value in data.items():
        expected = _SIDECAR_FIELDS.get(key)
        if expected is None:
            known = ", ".join(sorted(_SIDECAR_FIELDS))
            raise MetadataError(f"{path}: unknown field {key!r} (known: {known})")
        if value is not None and not isinstance(value, expected):
            raise MetadataError(f"{path}: field {key!r} must be a {expected.__name__}, got {type(value).__name__}")
        if key == "authors" and value is not None and not all(isinstance(a, str) for a in value):
            raise MetadataError(f"{path}: field 'authors' must be a list of strings")
    return data


def _metadata(fields: dict[str, Any], where: str) -> Metadata:
    try:
        return Metadata(
            title=fields.get("title"),
            authors=tuple(fields.get("authors") or ()),
            date=fields.get("date"),
            updated=fields.get("updated"),
            publisher=fields.get("publisher"),
            url=fields.get("url"),
            retrieved=fields.get("retrieved"),
            language=fields.get("language"),
        )
    except (ValueError, TypeError) as exc:
        raise MetadataError(f"{where}: {exc}") from None


def source_from_bytes(
    data: bytes, source_id: str, *, name: str = "<bytes>", metadata: Metadata | None = None, path: str | None = None
) -> Source:
    """A source from raw bytes; the sha256 is that of the bytes."""
    text, encoding, warnings = decode(data, name)
    try:
        return Source(
            id=source_id,
            raw=text,
            sha256=hashlib.sha256(data).hexdigest(),
            metadata=metadata or Metadata(),
            path=path,
            encoding=encoding,
            warnings=warnings,
            data=data,
        )
    except ValueError as exc:
        raise MetadataError(f"{name}: {exc}") from None


def source_from_text(text: str, source_id: str, metadata: Metadata | None = None) -> Source:
    """A source from a string already in memory, hashed as UTF-8 (no decoding, so no binary check).

    >>> source_from_text("Hello.", "greeting").sha256[:12]
    '2d8bd7d9bb5f'
    """
    data = text.encode("utf-8", "surrogatepass")
    try:
        return Source(
            id=source_id, raw=text, sha256=hashlib.sha256(data).hexdigest(), metadata=metadata or Metadata(), data=data
        )
    except ValueError as exc:
        raise MetadataError(f"{source_id}: {exc}") from None


def load_file(path: str | Path, *, source_id: str | None = None) -> Source:
    """Load one text file and its sidecar metadata, if any."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise SourceNotFoundError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise SourceNotFoundError(f"{p}: is a directory, not a file") from None
    except OSError as exc:
        raise CorpusError(f"{p}: cannot read: {exc.strerror or exc}") from None
    sidecar = p.with_name(p.name.removesuffix(".txt") + SIDECAR_SUFFIX)
    fields = read_sidecar(sidecar) if sidecar.is_file() else {}
    sid = source_id or fields.get("id") or make_source_id(p.name.removesuffix(".txt"))
    metadata = _metadata(fields, str(sidecar))
    return source_from_bytes(data, sid, name=str(p), metadata=metadata, path=str(p))


def _text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt") if p.is_file())


def load_paths(paths: Iterable[str | Path]) -> list[Source]:
    """Load files and folders (every ``*.txt`` below a folder, in path order); ids must be unique."""
    sources: list[Source] = []
    seen: dict[str, str] = {}
    for path in paths:
        p = Path(path)
        if p.is_dir():
            files = _text_files(p)
            if not files:
                raise SourceNotFoundError(f"{p}: folder holds no .txt file")
        elif p.exists():
            files = [p]
        else:
            raise SourceNotFoundError(f"{p}: no such file or folder")
        for f in files:
            src = load_file(f)
            if src.id in seen:
                raise MetadataError(f"{f}: source id {src.id!r} already used by {seen[src.id]}; set 'id' in a sidecar")
            seen[src.id] = str(f)
            sources.append(src)
    return sources


def embedded_sources() -> list[Source]:
    """The embedded default corpus (two raw texts on US recognition of the Soviet Union, 1933)."""
    folder = resources.files("corpus") / "data"
    sources = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        stem = entry.name.removesuffix(".txt")
        meta_entry = folder / (stem + SIDECAR_SUFFIX)
        fields: dict[str, Any] = json.loads(meta_entry.read_text(encoding="utf-8")) if meta_entry.is_file() else {}
        sid = fields.get("id") or make_source_id(stem)
        sources.append(
            source_from_bytes(
                entry.read_bytes(),
                sid,
                name=entry.name,
                metadata=_metadata(fields, entry.name),
                path=f"corpus/data/{entry.name}",
            )
        )
    return sources


def load(paths: Sequence[str | Path] = ()) -> list[Source]:
    """Sources from the given paths, or the embedded corpus when none is given."""
    return load_paths(paths) if paths else embedded_sources()
