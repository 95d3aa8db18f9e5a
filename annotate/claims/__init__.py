"""Claims: extraction from sources, facets, entities, checking against evidence, claims files and
links to further reading."""

from annotate.claims.aliases import AliasTable
from annotate.claims.checker import Checker, make_claim
from annotate.claims.context import corpus_aliases
from annotate.claims.dates import find_dates
from annotate.claims.extract import extract_claims
from annotate.claims.facets import extract_facets
from annotate.claims.files import parse_claims, read_claims
from annotate.claims.identity import canonical_entity, same_entity
from annotate.claims.links import link_references
from annotate.claims.mentions import find_entities
from annotate.claims.names import PersonName, names_compatible, parse_person_name
from annotate.claims.numbers import words_to_number
from annotate.claims.parallel import check_claims
from annotate.claims.quantities import find_quantities
from annotate.claims.verifier import Verifier, load_verifier, parse_verifier_spec

__all__ = [
    "AliasTable",
    "Checker",
    "PersonName",
    "Verifier",
    "canonical_entity",
    "check_claims",
    "corpus_aliases",
    "extract_claims",
    "extract_facets",
    "find_dates",
    "find_entities",
    "find_quantities",
    "link_references",
    "load_verifier",
    "make_claim",
    "names_compatible",
    "parse_claims",
    "parse_person_name",
    "parse_verifier_spec",
    "read_claims",
    "same_entity",
    "words_to_number",
]
