"""Every data model refuses bad values with its package's error, which is also a ValueError."""

from __future__ import annotations

import pytest

import annotate
import bibliography
import corpus


@pytest.mark.parametrize(
    ("error", "base", "make"),
    [
        (corpus.ModelError, corpus.CorpusError, lambda: corpus.Block("bogus", corpus.Span("a", 0, 1))),
        (corpus.ModelError, corpus.CorpusError, lambda: corpus.Removal(corpus.Span("a", 0, 1), "", "why")),
        (bibliography.ModelError, bibliography.BibliographyError, lambda: bibliography.Reference(type="novel")),
        (bibliography.ModelError, bibliography.BibliographyError, lambda: bibliography.Bibliography(["x"])),
        (annotate.ModelError, annotate.AnnotateError, lambda: annotate.Claim("c1", "")),
        (annotate.ModelError, annotate.AnnotateError, lambda: annotate.Verdict(annotate.Claim("c1", "x"), "maybe")),
    ],
)
def test_model_errors_belong_to_their_package(error, base, make):
    with pytest.raises(error) as info:
        make()
    assert isinstance(info.value, base) and isinstance(info.value, ValueError)
