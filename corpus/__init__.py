"""Raw source texts in, offset-exact cleaned passages out."""

from corpus.errors import (
    CorpusError,
    DecodeError,
    MetadataError,
    OffsetError,
    SourceNotFoundError,
    UnknownPassageError,
)
from corpus.model import (
    Document,
    IndexTerm,
    IndexTermKind,
    Metadata,
    OffsetMap,
    Passage,
    PassageKind,
    Removal,
    Source,
    Span,
)

__all__ = [
    "CorpusError",
    "DecodeError",
    "Document",
    "IndexTerm",
    "IndexTermKind",
    "Metadata",
    "MetadataError",
    "OffsetError",
    "OffsetMap",
    "Passage",
    "PassageKind",
    "Removal",
    "Source",
    "SourceNotFoundError",
    "Span",
    "UnknownPassageError",
]
