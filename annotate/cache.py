"""A folder of per-source results, so a rerun over mostly unchanged sources reuses the rest.

Each entry is one result of one per-source step (the analysed document, the references found in
it, the claims it states) stored under a key that names everything the result depends on: the
SHA-256 of the source's raw bytes and of its decoded text, its id, path and metadata, the library
version together with a digest of the library's own code and data files (so an edited checkout
never reads results of other code), and whatever else the step reads (for claims, the alias
table's :meth:`~annotate.claims.AliasTable.fingerprint`).

An entry is never trusted blindly. Its first line records the cache format, the code version, the
step, the key and the SHA-256 and length of the pickled payload after it; an entry whose header,
length, hash, or unpickled type disagrees is counted as ``bad``, recomputed and written again.
Entries are written to a temporary file and renamed into place, so a reader (or a run killed
mid-write) only ever sees a whole entry or none. Two runs may share a folder; the last writer of
an entry wins, and both wrote the same result.

The payload is a pickle: point ``--cache`` only at a folder you own, as you would a virtual
environment (anyone who can write to it can make the library run code).

>>> import tempfile
>>> from corpus.load import source_from_text
>>> cache = ResultCache(tempfile.mkdtemp())
>>> src = source_from_text("Talks began in 1933.", "ex")
>>> key = source_key(src)
>>> cache.get("demo", key, str) is None, cache.misses
(True, 1)
>>> cache.put("demo", key, "a result")
>>> cache.get("demo", key, str), cache.hits
('a result', 1)
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
import re
import tempfile
from pathlib import Path
from typing import Final, TypeVar

from annotate.errors import CacheError
from annotate.version import __version__
from corpus.model import Source

__all__ = ["ResultCache", "code_version", "source_key"]

T = TypeVar("T")

_FORMAT: Final = "citetrace-cache/1"
#: A file naming the folder as one this library made (so it may write and prune entries there).
_MARKER: Final = "citetrace-cache.json"
_KIND_RE: Final = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
_KEY_RE: Final = re.compile(r"^[0-9a-f]{64}$")
# The packages whose code and data decide every cached result.
_PACKAGES: Final = ("annotate", "corpus", "bibliography", "textkit")


@functools.cache
def code_version() -> str:
    """The library version plus a digest of its installed code and data files.

    The version alone would let an edited checkout (an editable install keeps one version number)
    read results computed by other code; the digest changes with any file of the four packages.
    """
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files: list[str] = []
    for package in _PACKAGES:
        for folder, dirs, names in os.walk(os.path.join(root, package)):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            files.extend(os.path.join(folder, n) for n in names if not n.endswith(".pyc"))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(os.path.relpath(path, root).encode("utf-8", "surrogateescape") + b"\0")
        with open(path, "rb") as fh:
            digest.update(hashlib.sha256(fh.read()).digest())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def source_key(source: Source, *extra: str) -> str:
    """The cache key of a source: its raw-bytes SHA-256 and everything else a per-source step reads
    (id, path, encoding, metadata, load warnings, the decoded text), the code version, and
    ``extra`` strings a step adds (such as an alias table fingerprint)."""
    parts = {
        "format": _FORMAT,
        "code": code_version(),
        "sha256": source.sha256,
        "text": hashlib.sha256(source.raw.encode("utf-8", "surrogatepass")).hexdigest(),
        "id": source.id,
        "path": source.path,
        "encoding": source.encoding,
        "warnings": list(source.warnings),
        "metadata": repr(source.metadata),
        "extra": list(extra),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=True).encode("ascii")).hexdigest()


class ResultCache:
    """Per-source results in a folder (created when missing), each checked before it is used.

    ``hits``, ``misses`` (absent entries) and ``bad`` (entries found but refused: corrupt, truncated,
    of another format or code version) count the look-ups of this object.
    A folder that is not empty and was not made by this class raises :class:`CacheError`.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._path = Path(path)
        # Entry paths are built as strings: pathlib's joins cost more than the read on a rerun.
        self._entries = os.path.join(self._path, "entries")
        self.hits = 0
        self.misses = 0
        self.bad = 0
        marker = self._path / _MARKER
        try:
            if self._path.exists() and not self._path.is_dir():
                raise CacheError(f"{self._path}: not a directory, cannot hold a cache")
            if not marker.is_file():
                if self._path.is_dir() and any(self._path.iterdir()):
                    raise CacheError(f"{self._path}: directory is not empty and holds no citetrace cache")
                self._path.mkdir(parents=True, exist_ok=True)
                _write_atomic(marker, (json.dumps({"format": _FORMAT}) + "\n").encode("ascii"))
            elif json.loads(marker.read_text(encoding="utf-8")).get("format") != _FORMAT:
                raise CacheError(f"{self._path}: a cache of another format; delete it to start afresh")
        except (OSError, ValueError, AttributeError) as exc:
            if isinstance(exc, CacheError):
                raise
            raise CacheError(f"{self._path}: cannot use as a cache ({exc})") from exc

    @property
    def path(self) -> Path:
        """The cache folder."""
        return self._path

    @property
    def index_path(self) -> Path:
        """The folder of the evidence index kept with the cache (updated, not rebuilt, per run)."""
        return self._path / "index"

    def _entry(self, kind: str, key: str) -> str:
        if not _KIND_RE.match(kind) or not _KEY_RE.match(key):
            raise CacheError(f"cache entry {kind!r}/{key!r}: kind must be a short name and key a SHA-256")
        return f"{self._entries}/{kind}/{key[:2]}/{key}.bin"

    def holds(self, kind: str, key: str) -> bool:
        """Whether an entry exists for ``key`` (not yet checked: :meth:`get` checks it)."""
        return os.path.isfile(self._entry(kind, key))

    def get(self, kind: str, key: str, expected: type[T] | tuple[type, ...]) -> T | None:
        """The stored result of step ``kind`` for ``key``, or None when absent or not trustworthy."""
        try:
            with open(self._entry(kind, key), "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError:
            self.bad += 1
            return None
        value = _decode(data, kind, key)
        if value is None or not isinstance(value, expected):
            self.bad += 1
            return None
        self.hits += 1
        return value  # type: ignore[return-value]  # checked with isinstance against ``expected``

    def put(self, kind: str, key: str, value: object) -> None:
        """Store ``value`` as the result of step ``kind`` for ``key`` (atomically)."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        header = {
            "format": _FORMAT,
            "code": code_version(),
            "kind": kind,
            "key": key,
            "size": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
        path = self._entry(kind, key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _write_atomic(path, json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + payload)

    def __repr__(self) -> str:
        return f"ResultCache({self._path}, {self.hits} hits, {self.misses} misses, {self.bad} bad)"


def _decode(data: bytes, kind: str, key: str) -> object:
    head, sep, payload = data.partition(b"\n")
    if not sep:
        return None
    try:
        header = json.loads(head)
    except ValueError:
        return None
    expected = {"format": _FORMAT, "code": code_version(), "kind": kind, "key": key}
    if not isinstance(header, dict) or any(header.get(k) != v for k, v in expected.items()):
        return None
    if header.get("size") != len(payload) or header.get("sha256") != hashlib.sha256(payload).hexdigest():
        return None
    try:
        # Our own entry, its hash checked above; see the module notes on who may write the folder.
        return pickle.loads(payload)
    except Exception:  # a payload of classes since changed; recomputed like any bad entry
        return None


def _write_atomic(path: str | Path, data: bytes) -> None:
    folder, name = os.path.split(path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
