"""TEI P5: writing the annotated corpus, reading it back, and parsing XML safely."""

from annotate.tei.elements import CLAIM_PREFIX, LIBRARY
from annotate.tei.foreign import sources_from_tei
from annotate.tei.pointers import check_pointers
from annotate.tei.read import read_tei, read_tei_tree
from annotate.tei.safexml import parse_xml
from annotate.tei.stream import TEIStream
from annotate.tei.write import TEIWriter, to_tei, write_tei

__all__ = [
    "CLAIM_PREFIX",
    "LIBRARY",
    "TEIStream",
    "TEIWriter",
    "check_pointers",
    "parse_xml",
    "read_tei",
    "read_tei_tree",
    "sources_from_tei",
    "to_tei",
    "write_tei",
]
