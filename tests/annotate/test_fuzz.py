"""Fuzzing annotate's readers: claims text, TEI bytes and claim facets raise nothing but the
package's own errors, and facets found in a claim point at its characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotate import AnnotateError, extract_facets, parse_claims, read_tei


def _names_the_input(exc: Exception, name: str) -> None:
    """A refusal's message starts with the name of what was read."""
    assert str(exc).startswith(name), exc


_CLAIM_PIECES = st.sampled_from(
    ['{"id": ', '"claim": ', "}", "{", ",", '"', "\n", "id,claim\n", "1933", "March 4, 1933", "5 km", "A. ", "#"]
)
claims_text = st.lists(st.text(max_size=8) | _CLAIM_PIECES, max_size=30).map("".join)
_XML_PIECES = st.sampled_from(
    [
        b"<TEI",
        b"<teiCorpus",
        b' xmlns="http://www.tei-c.org/ns/1.0"',
        b">",
        b"</TEI>",
        b"<p>",
        b"</p>",
        b"<!DOCTYPE",
        b"&e;",
        b"<?xml version='1.0'?>",
        b"<text>",
        b"<body>",
        b'xml:id="x"',
        b"\x00",
    ]
)
tei_bytes = st.lists(st.binary(max_size=6) | _XML_PIECES, max_size=30).map(b"".join)


@settings(max_examples=150, deadline=None)
@given(claims_text, st.sampled_from(["auto", "text", "jsonl", "csv"]))
def test_parse_claims_raises_only_its_own_errors(text: str, fmt: str) -> None:
    try:
        claims = parse_claims(text, name="c.in", format=fmt)  # type: ignore[arg-type]
    except AnnotateError as exc:
        _names_the_input(exc, "c.in")
        return
    assert len({c.id for c in claims}) == len(claims)


@settings(max_examples=150, deadline=None)
@given(tei_bytes)
def test_read_tei_raises_only_its_own_errors(data: bytes) -> None:
    try:
        read_tei(data, "f.xml")
    except AnnotateError as exc:
        _names_the_input(exc, "f.xml")


@settings(max_examples=150, deadline=None)
@given(claims_text)
def test_facets_point_into_the_claim(text: str) -> None:
    facets = extract_facets(text)
    for item in (*facets.entities, *facets.dates, *facets.quantities):
        start, end = item.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == item.text
