"""Claims tied to evidence passages and references; checking, TEI, bundles and the CLI.

>>> from annotate import Checker, build_references
>>> from corpus import analyze, load
>>> docs = [analyze(s) for s in load()]
>>> checker = Checker(docs, build_references(docs))
>>> checker.check("Ford signed a contract in 1929 to build a plant in Russia.").label.value
'SUPPORTED'
"""

from annotate.bundle import trace, verify_bundle, write_bundle
from annotate.cache import ResultCache
from annotate.claims import (
    AliasTable,
    Checker,
    Verifier,
    canonical_entity,
    extract_claims,
    extract_facets,
    find_dates,
    find_entities,
    find_quantities,
    link_references,
    load_verifier,
    make_claim,
    parse_claims,
    read_claims,
    same_entity,
    words_to_number,
)
from annotate.errors import (
    AnnotateError,
    BundleError,
    CacheError,
    ClaimInputError,
    EvidenceIndexError,
    ModelError,
    NLIModelError,
    TEIError,
    UnknownClaimError,
    UnsafeXMLError,
)
from annotate.evidence_index import EvidenceIndex
from annotate.model import (
    AnnotatedCorpus,
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
    Verdict,
)
from annotate.pipeline import annotate
from annotate.references import build_references, entry_key, source_key
from annotate.tei import TEIStream, TEIWriter, read_tei, sources_from_tei, to_tei, write_tei
from annotate.version import __version__
from annotate.view import render_view, write_view
from annotate.webanno import web_annotations

__all__ = [
    "AliasTable",
    "AnnotateError",
    "AnnotatedCorpus",
    "BundleError",
    "CacheError",
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
    "ModelError",
    "NLIModelError",
    "Origin",
    "Quantity",
    "ReferenceLink",
    "Relation",
    "ResultCache",
    "TEIError",
    "TEIStream",
    "TEIWriter",
    "UnknownClaimError",
    "UnsafeXMLError",
    "Verdict",
    "Verifier",
    "__version__",
    "annotate",
    "build_references",
    "canonical_entity",
    "entry_key",
    "extract_claims",
    "extract_facets",
    "find_dates",
    "find_entities",
    "find_quantities",
    "link_references",
    "load_verifier",
    "make_claim",
    "parse_claims",
    "read_claims",
    "read_tei",
    "render_view",
    "same_entity",
    "source_key",
    "sources_from_tei",
    "to_tei",
    "trace",
    "verify_bundle",
    "web_annotations",
    "words_to_number",
    "write_bundle",
    "write_tei",
    "write_view",
]
