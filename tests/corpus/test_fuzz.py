"""Fuzzing the byte-level entry point: any bytes either load and analyse with every offset invariant
holding, or are refused with the package's own error."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import CorpusError, analyze, source_from_bytes
from tests.corpus.test_analyze import check_invariants


def _names_the_input(exc: Exception, name: str) -> None:
    """A refusal's message starts with the name of what was read."""
    assert str(exc).startswith(name), exc


_PIECES = st.sampled_from(
    [
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\x00",
        b"\r",
        b"\r\n",
        b"\n\n",
        b"\xc3",
        b"\xe2\x80\x9c",
        b". ",
        b"A. ",
    ]
)
raw_bytes = st.lists(st.binary(max_size=16) | _PIECES, max_size=30).map(b"".join)


@settings(max_examples=200, deadline=None)
@given(raw_bytes)
def test_any_bytes_load_or_are_refused(data: bytes) -> None:
    try:
        source = source_from_bytes(data, "fuzz", name="fuzz.txt")
    except CorpusError as exc:
        _names_the_input(exc, "fuzz.txt: ")
        return
    assert source.data == data
    check_invariants(analyze(source))
