"""Reference strings to structured, de-duplicated references; BibTeX and CSL-JSON in and out.

>>> from bibliography import parse_reference
>>> ref = parse_reference("Hull, Cordell. The Memoirs of Cordell Hull. New York: Macmillan, 1948.")
>>> ref.authors[0].family, ref.title, ref.place, ref.publisher, ref.year
('Hull', 'The Memoirs of Cordell Hull', 'New York', 'Macmillan', '1948')
"""

from bibliography.bibtex import from_bibtex, to_bibtex
from bibliography.citation import citation_parts, format_citation
from bibliography.csl import from_csl_items, from_csl_json, to_csl_items, to_csl_json
from bibliography.dedupe import deduplicate, same_work
from bibliography.errors import (
    BibliographyError,
    BibTeXError,
    CSLError,
    DuplicateKeyError,
    ModelError,
    ReferenceFileError,
    ReferenceParseError,
)
from bibliography.files import read_reference_file
from bibliography.keys import assign_keys, make_key
from bibliography.model import FIELDS, REFERENCE_TYPES, Bibliography, Person, Provenance, Reference
from bibliography.names import parse_name, parse_names
from bibliography.parse import parse_reference, parse_references
from bibliography.sources import source_reference

__all__ = [
    "FIELDS",
    "REFERENCE_TYPES",
    "BibTeXError",
    "Bibliography",
    "BibliographyError",
    "CSLError",
    "DuplicateKeyError",
    "ModelError",
    "Person",
    "Provenance",
    "Reference",
    "ReferenceFileError",
    "ReferenceParseError",
    "assign_keys",
    "citation_parts",
    "deduplicate",
    "format_citation",
    "from_bibtex",
    "from_csl_items",
    "from_csl_json",
    "make_key",
    "parse_name",
    "parse_names",
    "parse_reference",
    "parse_references",
    "read_reference_file",
    "same_work",
    "source_reference",
    "to_bibtex",
    "to_csl_items",
    "to_csl_json",
]
