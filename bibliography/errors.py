"""Errors raised by the bibliography package.

Every error derives from :class:`BibliographyError`; specific ones also derive from the builtin they
resemble.
"""

from __future__ import annotations


class BibliographyError(Exception):
    """Base class of every error the bibliography package raises."""


class ReferenceParseError(BibliographyError, ValueError):
    """A reference string that cannot be parsed at all (for example an empty string)."""


class BibTeXError(BibliographyError, ValueError):
    """A BibTeX file or entry that cannot be read; the message names the entry or line."""


class CSLError(BibliographyError, ValueError):
    """A CSL-JSON document or item that cannot be read; the message names the item and field."""


class DuplicateKeyError(BibliographyError, KeyError):
    """Two references in one bibliography share a cite key."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "duplicate cite key"


class ModelError(BibliographyError, ValueError, TypeError):
    """A value the data model refuses (wrong type, empty, malformed, out of range); both a ValueError
    and a TypeError, as the builtin checks it replaces were one or the other."""


class ReferenceFileError(BibliographyError, OSError):
    """A reference file that cannot be read at all: missing, a folder, unreadable, not text, or of a
    kind the library does not read. The message names the file."""
