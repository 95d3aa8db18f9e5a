"""Fuzzing the bibliography's parsers: no exception escapes but the package's own, and what is
parsed keeps its raw string."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bibliography import BibliographyError, from_bibtex, from_csl_json, parse_reference


def _names_the_input(exc: Exception, name: str) -> None:
    """A refusal's message starts with the name of what was read."""
    assert str(exc).startswith(name), exc


_REF_PIECES = st.sampled_from(
    ["Smith, J. ", "A. ", "(1990). ", "“", "”", '"', "[1] ", "; ", ": ", "pp. 1–10", "eds.", "In: ", "(", ")", "—"]
)
reference_text = st.lists(st.text(max_size=8) | _REF_PIECES, max_size=25).map("".join)
_BIB_PIECES = st.sampled_from(
    [
        "@book{",
        "@string{",
        "@comment{",
        "}",
        "{",
        '"',
        ",",
        "=",
        "#",
        "title",
        "author",
        " and ",
        "\\'e",
        "crossref",
        "\n",
    ]
)
bibtex_text = st.lists(st.text(max_size=6) | _BIB_PIECES, max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(reference_text)
def test_parse_reference_never_crashes(text: str) -> None:
    try:
        ref = parse_reference(text)
    except BibliographyError:
        return
    assert ref.raw is not None and ref.raw.strip()


@settings(max_examples=200, deadline=None)
@given(bibtex_text)
def test_from_bibtex_raises_only_its_own_errors(text: str) -> None:
    problems: list[BibliographyError] = []
    try:
        from_bibtex(text, source_name="f.bib")
    except BibliographyError as exc:
        _names_the_input(exc, "f.bib")
    for ref in from_bibtex(text, source_name="f.bib", on_error=problems.append):
        assert ref.key
    assert all(str(p).startswith("f.bib") for p in problems)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["id", "type", "title", "author", "issued", "date-parts", "family", "given", "page", "volume", "URL"]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(json_values, max_size=4))
def test_from_csl_json_raises_only_its_own_errors(items: list[object]) -> None:
    text = json.dumps(items)
    try:
        from_csl_json(text, source_name="f.json")
    except BibliographyError as exc:
        _names_the_input(exc, "f.json")
    problems: list[BibliographyError] = []
    from_csl_json(text, source_name="f.json", on_error=problems.append)
