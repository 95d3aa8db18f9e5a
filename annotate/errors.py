"""Errors raised by the annotate package (claims, checking, TEI, bundles, CLI)."""

from __future__ import annotations


class AnnotateError(Exception):
    """Base class of every error the annotate package raises."""


class ClaimInputError(AnnotateError, ValueError):
    """A claims file (text, JSONL or CSV) with a malformed line; the message names file and line."""


class UnknownClaimError(AnnotateError, KeyError):
    """A claim id that is not in the claim set or bundle."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown claim"


class EvidenceIndexError(AnnotateError, ValueError):
    """An evidence index that cannot be used: corrupt, incompatible, locked, or not an index.

    Also raised for bad arguments to the index (an unknown passage kind, a malformed hash).
    """


class NLIModelError(AnnotateError, ValueError):
    """An NLI model folder that cannot be used: missing, incomplete, with labels that are not NLI ones, or
    the optional extra ``citetrace[nli]`` not installed."""


class TEIError(AnnotateError, ValueError):
    """A TEI document that cannot be written or read back; the message names the element and cause."""


class UnsafeXMLError(TEIError):
    """XML refused before or while parsing: a DOCTYPE, an entity declaration or reference."""


class BundleError(AnnotateError, ValueError):
    """A bundle that cannot be written or read (not a verification failure: those are reported)."""


class ModelError(AnnotateError, ValueError, TypeError):
    """A value the data model refuses (wrong type, empty, malformed, out of range); both a ValueError
    and a TypeError, as the builtin checks it replaces were one or the other."""


class CacheError(AnnotateError, ValueError):
    """A cache folder that cannot be used: not a directory, or not empty and not a citetrace cache."""
