"""Errors raised by the corpus package.

Every error derives from :class:`CorpusError`; the specific ones also derive from the builtin they
resemble, so ``except ValueError`` keeps working for callers who do not know this library.
"""

from __future__ import annotations


class CorpusError(Exception):
    """Base class of every error the corpus package raises."""


class SourceNotFoundError(CorpusError, FileNotFoundError):
    """A path given as a source does not exist or holds no ``.txt`` file."""


class DecodeError(CorpusError, ValueError):
    """A file cannot be read as text (for example it contains NUL bytes)."""


class MetadataError(CorpusError, ValueError):
    """A sidecar ``NAME.meta.json`` file is malformed or has a field of the wrong type."""


class OffsetError(CorpusError, ValueError):
    """Offsets that do not line up with the raw text or with a passage's kept characters."""


class UnknownPassageError(CorpusError, KeyError):
    """A passage id that the document does not contain."""

    def __str__(self) -> str:
        # KeyError quotes its argument; a one-line message reads better without the quotes.
        return str(self.args[0]) if self.args else "unknown passage"


class ModelError(CorpusError, ValueError, TypeError):
    """A value the data model refuses (wrong type, empty, malformed, out of range); both a ValueError
    and a TypeError, as the builtin checks it replaces were one or the other."""
