"""Raw source texts in, offset-exact cleaned passages out.

>>> from corpus import analyze, load
>>> doc = analyze(load()[0])
>>> doc["dulcinea-2011.p1.s1"].text[:17]
'On Nov. 16, 1933,'
"""

from corpus.analyze import analyze, analyze_all
from corpus.errors import (
    CorpusError,
    DecodeError,
    MetadataError,
    ModelError,
    OffsetError,
    SourceNotFoundError,
    UnknownPassageError,
)
from corpus.load import embedded_sources, load, load_file, load_paths, source_from_bytes, source_from_text
from corpus.model import (
    Block,
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
from corpus.residue import REMOVAL_KINDS, find_residue
from corpus.segment import sentences, split_sentences
from corpus.structure import find_blocks
from corpus.textview import clean_view

__all__ = [
    "REMOVAL_KINDS",
    "Block",
    "CorpusError",
    "DecodeError",
    "Document",
    "IndexTerm",
    "IndexTermKind",
    "Metadata",
    "MetadataError",
    "ModelError",
    "OffsetError",
    "OffsetMap",
    "Passage",
    "PassageKind",
    "Removal",
    "Source",
    "SourceNotFoundError",
    "Span",
    "UnknownPassageError",
    "analyze",
    "analyze_all",
    "clean_view",
    "embedded_sources",
    "find_blocks",
    "find_residue",
    "load",
    "load_file",
    "load_paths",
    "sentences",
    "source_from_bytes",
    "source_from_text",
    "split_sentences",
]
