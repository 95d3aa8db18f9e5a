"""Reading a bundle, folder or zip, without following anything outside it."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Any

from annotate.bundle.layout import _CHUNK
from annotate.bundle.write import _sha256_file
from annotate.errors import BundleError

#: A member larger than this, or expanding more than ``_MAX_RATIO`` times its compressed size once
#: over ``_RATIO_FLOOR`` bytes, is refused unread: a bundle's largest member is its TEI, and a zip bomb
#: must not be able to fill memory or disk through ``verify``.
_MAX_MEMBER = 2 * 1024**3
_MAX_RATIO = 200
_RATIO_FLOOR = 64 * 1024**2


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

    def _check(self, name: str) -> None:
        """Refuse names leaving the bundle, symbolic links, and members that expand like a zip bomb."""
        if ".." in PurePosixPath(name).parts or PurePosixPath(name).is_absolute():
            raise BundleError(f"{self.path}: refusing member name {name!r}")
        if self._zip is None:
            target = self.path / name
            parts = [
                self.path.joinpath(*PurePosixPath(name).parts[: k + 1]) for k in range(len(PurePosixPath(name).parts))
            ]
            if any(part.is_symlink() for part in parts) or not target.resolve().is_relative_to(self.path.resolve()):
                raise BundleError(
                    f"{self.path}: refusing {name}: a symbolic link (a bundle is read only inside itself)"
                )
            return
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            return
        ratio_ok = info.file_size <= _RATIO_FLOOR or info.file_size <= _MAX_RATIO * max(1, info.compress_size)
        if info.file_size > _MAX_MEMBER or not ratio_ok:
            raise BundleError(
                f"{self.path}: refusing {name}: {info.file_size:,} bytes from {info.compress_size:,} compressed "
                "(a zip bomb, or a member larger than any bundle writes)"
            )

    def read(self, name: str) -> bytes:
        """The bytes of one member; :class:`BundleError` when it is missing or refused (see ``_check``)."""
        self._check(name)
        try:
            if self._zip is not None:
                return self._zip.read(name)
            return (self.path / name).read_bytes()
        except (KeyError, FileNotFoundError):
            raise BundleError(f"{self.path}: no {name}") from None

    def open(self, name: str) -> IO[bytes]:
        """A binary file object for one member, read as it is consumed (checked as :meth:`read` checks)."""
        self._check(name)
        try:
            if self._zip is not None:
                return self._zip.open(name)
            return (self.path / name).open("rb")
        except (KeyError, FileNotFoundError):
            raise BundleError(f"{self.path}: no {name}") from None

    def sha256(self, name: str) -> tuple[str, int]:
        """The sha256 and size of one member, read in chunks."""
        self._check(name)
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
