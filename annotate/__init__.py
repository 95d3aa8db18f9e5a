"""Claims tied to evidence passages and references; checking, TEI, bundles and the CLI.

>>> from annotate import Checker, build_references
>>> from corpus import analyze, load
>>> docs = [analyze(s) for s in load()]
>>> checker = Checker(docs, build_references(docs))
>>> checker.check("Ford signed a contract in 1929 to build a plant in Russia.").label.value
'SUPPORTED'
"""

from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version

from annotate.bundle import trace, verify_bundle, write_bundle
from annotate.check import Checker, make_claim
from annotate.claimsio import parse_claims, read_claims
from annotate.entities import AliasTable, canonical_entity, find_entities, same_entity
from annotate.errors import (
    AnnotateError,
    BundleError,
    ClaimInputError,
    EvidenceIndexError,
    TEIError,
    UnknownClaimError,
    UnsafeXMLError,
)
from annotate.extract import extract_claims
from annotate.facets import extract_facets, find_dates, find_quantities, words_to_number
from annotate.index import EvidenceIndex
from annotate.links import link_references
from annotate.model import (
    Claim,
    Conflict,
    DateValue,
    Entity,
    Evidence,
    Facets,
    Hit,
    Label,
    Origin,
    Quantity,
    ReferenceLink,
    Relation,
    TEICorpus,
    Verdict,
)
from annotate.references import build_references, entry_key, source_key
from annotate.tei import TEIWriter, to_tei, write_tei
from annotate.teiread import read_tei
from annotate.view import render_view
from annotate.webanno import web_annotations

try:
    __version__ = _version("citetrace")
except _PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "AliasTable",
    "AnnotateError",
    "BundleError",
    "Checker",
    "Claim",
    "ClaimInputError",
    "Conflict",
    "DateValue",
    "Entity",
    "Evidence",
    "EvidenceIndex",
    "EvidenceIndexError",
    "Facets",
    "Hit",
    "Label",
    "Origin",
    "Quantity",
    "ReferenceLink",
    "Relation",
    "TEICorpus",
    "TEIError",
    "TEIWriter",
    "UnknownClaimError",
    "UnsafeXMLError",
    "Verdict",
    "__version__",
    "build_references",
    "canonical_entity",
    "entry_key",
    "extract_claims",
    "extract_facets",
    "find_dates",
    "find_entities",
    "find_quantities",
    "link_references",
    "make_claim",
    "parse_claims",
    "read_claims",
    "read_tei",
    "render_view",
    "same_entity",
    "source_key",
    "to_tei",
    "trace",
    "verify_bundle",
    "web_annotations",
    "words_to_number",
    "write_bundle",
    "write_tei",
]
