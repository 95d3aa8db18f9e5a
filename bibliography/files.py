"""Reading a reference file someone else wrote: BibTeX (``.bib``) or CSL-JSON (``.json``).

The bytes are decoded as UTF-8 (a byte-order mark is allowed) or UTF-16 with a byte-order mark;
anything else is refused with the byte offset, as a ``.bib`` read with the wrong encoding would
silently garble every accented name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from bibliography.bibtex import from_bibtex
from bibliography.csl import from_csl_json
from bibliography.errors import BibliographyError, ReferenceFileError
from bibliography.model import Reference
from textkit.textfile import TextDecodeError, decode_strict

__all__ = ["read_reference_file"]

_READERS = {".bib": from_bibtex, ".bibtex": from_bibtex, ".json": from_csl_json}


def read_reference_file(
    path: str | os.PathLike[str], *, on_error: Callable[[BibliographyError], None] | None = None
) -> list[Reference]:
    """The references of a ``.bib`` (BibTeX) or ``.json`` (CSL-JSON) file, in file order.

    ``on_error`` works as in :func:`~bibliography.bibtex.from_bibtex`: without it the first bad
    entry raises; with it each bad entry is passed on and left out, and the rest are read. A file
    that cannot be read at all always raises :class:`~bibliography.errors.ReferenceFileError`.
    """
    p = Path(path)
    reader = _READERS.get(p.suffix.lower())
    if reader is None:
        raise ReferenceFileError(f"{p}: unknown reference file type {p.suffix or '(none)'!r} (.bib or .json)")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReferenceFileError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise ReferenceFileError(f"{p}: is a directory, not a file") from None
    except OSError as exc:
        raise ReferenceFileError(f"{p}: cannot read ({exc.strerror or exc})") from None
    try:
        text = decode_strict(data)
    except TextDecodeError as exc:
        where = f"{p}" if exc.binary else f"{p}:{exc.line}"
        raise ReferenceFileError(f"{where}: {exc.reason}") from None
    return reader(text, source_name=str(p), on_error=on_error)
