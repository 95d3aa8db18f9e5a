"""Citation bundles: one folder (or zip) in which every claim traces to a quote in a hashed source.

A bundle holds::

    corpus.tei.xml      TEI P5: sources, passages, references, claims, verdicts, evidence, links
    references.bib      the bibliography as BibTeX
    references.json     the bibliography as CSL-JSON
    annotations.jsonld  W3C Web Annotations: each evidence quote with quote and position selectors
    claims.jsonl        one checked claim per line (readable again with ``--claims``)
    sources/<id>.txt    the raw source files, byte for byte
    manifest.json       library version, sha256 and size of every file, the sources, counts

:func:`write_bundle` is deterministic (sorted keys, fixed zip timestamps, no clock) and atomic: it
builds the bundle in a temporary sibling and renames it into place, so an interrupted run leaves
any earlier bundle as it was. :func:`verify_bundle` re-checks the whole chain and returns one line
per failure; :func:`trace` follows one claim to its quotes, sources and further reading.
"""

from annotate.bundle.layout import BUNDLE_FORMAT, TEI_FILE, source_bytes
from annotate.bundle.read import BundleReader
from annotate.bundle.trace import trace, trace_text
from annotate.bundle.verify import verify_bundle
from annotate.bundle.write import write_bundle

__all__ = [
    "BUNDLE_FORMAT",
    "TEI_FILE",
    "BundleReader",
    "source_bytes",
    "trace",
    "trace_text",
    "verify_bundle",
    "write_bundle",
]
