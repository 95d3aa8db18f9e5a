"""Reference strings to structured, de-duplicated references; BibTeX and CSL-JSON in and out."""

from bibliography.errors import (
    BibliographyError,
    BibTeXError,
    CSLError,
    DuplicateKeyError,
    ReferenceParseError,
)
from bibliography.model import FIELDS, REFERENCE_TYPES, Person, Provenance, Reference

__all__ = [
    "FIELDS",
    "REFERENCE_TYPES",
    "BibTeXError",
    "BibliographyError",
    "CSLError",
    "DuplicateKeyError",
    "Person",
    "Provenance",
    "Reference",
    "ReferenceParseError",
]
