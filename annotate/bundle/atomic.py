"""Putting a finished bundle in place so that a reader, or a writer killed at any instant, only ever
sees the previous bundle or the new one, complete; and one writer at a time per folder.

A zip file is renamed over the old one (``rename`` is atomic). A folder cannot be renamed over a
non-empty folder, and "move the old one aside, then the new one in" leaves an instant with no bundle
at all; on Linux the two folders are swapped in one step (``renameat2`` with ``RENAME_EXCHANGE``).
Where that call is missing the two renames are used, and a crash between them is repaired by the
next write, which moves the old bundle back before anything else.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from annotate.errors import BundleError

__all__ = ["exchange", "put_folder", "repair", "writer_lock"]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _aside(target: Path) -> Path:
    return target.parent / f".{target.name}.previous"


def repair(target: Path) -> None:
    """Undo what a writer killed mid-way left: move back a previous bundle it had set aside (only on
    systems without ``exchange``) and remove its half-built temporary siblings. Called under the
    writer lock, so no live writer owns them."""
    for stale in target.parent.glob(f".{target.name}.partial-*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale)
        else:
            stale.unlink(missing_ok=True)
    aside = _aside(target)
    if aside.is_dir() and not target.exists():
        os.replace(aside, target)
    elif aside.is_dir():
        shutil.rmtree(aside)


def put_folder(work: Path, target: Path) -> None:
    """Make the finished folder ``work`` the bundle at ``target``, replacing any previous one."""
    if not target.exists():
        os.replace(work, target)
        return
    if exchange(work, target):
        shutil.rmtree(work)  # it now holds the previous bundle
        return
    aside = _aside(target)
    os.replace(target, aside)
    os.replace(work, target)
    shutil.rmtree(aside)


@contextlib.contextmanager
def writer_lock(target: Path, *, wait: bool = True) -> Iterator[None]:
    """Hold the lock of the folder ``target`` is written in, so two writers never race on one path.

    The lock is the parent folder's own ``flock``, so nothing is left behind; with ``wait=False`` a
    second writer fails at once with :class:`BundleError` instead of waiting its turn.
    """
    parent = target.parent if str(target.parent) else Path(".")
    fd = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise BundleError(f"{target}: another process is writing a bundle in {parent}") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock
