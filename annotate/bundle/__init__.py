"""Citation bundles: write one, read it back, verify its chain of evidence, trace a claim."""

from annotate.bundle.core import trace, trace_text, verify_bundle, write_bundle

__all__ = [
    "trace",
    "trace_text",
    "verify_bundle",
    "write_bundle",
]
