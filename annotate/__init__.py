"""Claims tied to evidence passages and references; checking, TEI, bundles and the CLI."""

from annotate.errors import AnnotateError, ClaimInputError, UnknownClaimError

__all__ = ["AnnotateError", "ClaimInputError", "UnknownClaimError"]
