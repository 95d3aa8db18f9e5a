from __future__ import annotations

import hashlib
import itertools

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.errors import OffsetError, UnknownPassageError
from corpus.load import source_from_bytes
from corpus.model import (
    Document,
    IndexTerm,
    Metadata,
    OffsetMap,
    Passage,
    PassageKind,
    Source,
    Span,
    content_hash,
    ordered,
    trusted_passage,
    trusted_span,
)

SHA = "0" * 64


def test_span_refuses_reversed_and_negative_offsets():
    with pytest.raises(OffsetError):
        Span("a", 5, 4)
    with pytest.raises(OffsetError):
        Span("a", -1, 4)
    with pytest.raises(ValueError, match="not a valid id"):
        Span("1abc", 0, 1)


def test_span_slice_refuses_running_past_the_text():
    assert Span("a", 0, 3).slice("abcdef") == "abc"
    with pytest.raises(OffsetError, match="runs past"):
        Span("a", 2, 9).slice("abc")


@given(st.lists(st.integers(min_value=0, max_value=5), max_size=60))
def test_offset_map_round_trips_any_increasing_sequence(gaps):
    offsets, pos = [], 0
    for g in gaps:
        pos += g + 1
        offsets.append(pos)
    m = OffsetMap.from_offsets(offsets)
    assert list(m) == offsets
    assert len(m) == len(offsets)
    assert [m[i] for i in range(len(offsets))] == offsets
    for i, raw in enumerate(offsets):
        assert m.clean_index(raw) == i
    for i in range(len(offsets) + 1):
        for j in range(i, len(offsets) + 1):
            sub = m.sub(i, j)
            assert list(sub) == offsets[i:j]
            # sub() skips the checks: what it builds is what the checked constructor accepts and builds.
            assert OffsetMap(sub.starts, sub.raws, sub.length) == sub


def test_offset_map_clean_index_is_none_for_dropped_characters():
    m = OffsetMap.from_offsets([0, 1, 5, 6])
    assert m.clean_index(3) is None
    assert m.clean_index(7) is None
    assert m.raw_span(1, 3) == (1, 6)
    with pytest.raises(OffsetError):
        m.raw_span(2, 2)


def test_offset_map_refuses_decreasing_runs():
    with pytest.raises(OffsetError):
        OffsetMap((0, 2), (10, 11), 4)
    with pytest.raises(IndexError):
        OffsetMap.contiguous(0, 3)[3]


def _passage(text="abc", start=0, pid="d.p1"):
    return Passage(pid, "paragraph", text, Span("d", start, start + len(text)), OffsetMap.contiguous(start, len(text)))


def test_passage_checks_span_against_offsets():
    p = _passage()
    assert p.hash == content_hash("abc")
    assert (p.source, p.start, p.end) == ("d", 0, 3)
    with pytest.raises(OffsetError, match="does not match"):
        Passage("d.p1", "paragraph", "abc", Span("d", 0, 4), OffsetMap.contiguous(0, 3))
    with pytest.raises(OffsetError, match="offsets"):
        Passage("d.p1", "paragraph", "abc", Span("d", 0, 3), OffsetMap.contiguous(0, 2))
    with pytest.raises(ValueError):
        Passage("d.p1", "no-such-kind", "abc", Span("d", 0, 3), OffsetMap.contiguous(0, 3))


def test_char_span_refuses_ranges_that_do_not_line_up():
    p = Passage("d.p1", "paragraph", "ab", Span("d", 0, 5), OffsetMap.from_offsets([0, 4]))
    assert p.char_span(0, 5) == (0, 2)
    with pytest.raises(OffsetError, match="kept characters"):
        p.char_span(1, 5)


def test_document_lookup_and_kinds():
    src = Source("d", "abc def", SHA)
    a = _passage("abc", 0, "d.p1")
    b = _passage("def", 4, "d.p2")
    doc = Document(src, [a, b])
    assert doc["d.p2"] is b
    assert "d.p1" in doc
    assert doc.of_kind(PassageKind.PARAGRAPH) == (a, b)
    assert ordered(doc.blocks)
    assert doc.quote(Span("d", 4, 7)) == "def"
    with pytest.raises(UnknownPassageError, match="no passage"):
        doc["d.p9"]
    with pytest.raises(KeyError):
        doc["d.p9"]
    with pytest.raises(ValueError, match="duplicate"):
        Document(src, [a, a])


def test_metadata_validates_dates_and_groups_terms():
    with pytest.raises(ValueError, match="ISO 8601"):
        Metadata(date="16 Nov 2011")
    m = Metadata(
        title="  T  ",
        index_terms=[
            IndexTerm("person", "Hull, Cordell"),
            IndexTerm("person", "Hull, Cordell"),
            IndexTerm("subject", "Soviet Union", "U.S.-Soviet relations"),
        ],
    )
    assert m.title == "T"
    assert m.terms("person") == ("Hull, Cordell",)
    assert m.to_json()["index_terms"] == {
        "person": ["Hull, Cordell"],
        "subject": ["Soviet Union; U.S.-Soviet relations"],
    }


def test_source_span_refuses_offsets_outside_the_text():
    src = Source("d", "abc", SHA)
    assert src.span(0, 3) == Span("d", 0, 3)
    with pytest.raises(OffsetError, match="outside"):
        src.span(0, 4)


def test_source_keeps_its_bytes_and_refuses_bytes_of_another_file():
    data = "Ünïcode\r\n".encode("cp1252")
    src = source_from_bytes(data, "ex")
    assert src.data == data and hashlib.sha256(src.data).hexdigest() == src.sha256
    with pytest.raises(ValueError, match="do not match the sha256"):
        Source("ex", src.raw, src.sha256, data=b"other bytes")
    assert attrs.evolve(src, data=None) == src  # the bytes take no part in equality


def test_trusted_constructors_build_what_the_checked_ones_build():
    offsets = OffsetMap.from_offsets([4, 5, 6, 9, 10])
    span = trusted_span("doc", 4, 11)
    assert span == Span("doc", 4, 11)
    p = trusted_passage("doc.p1", PassageKind.PARAGRAPH, "ab cd", span, offsets, section=("H",))
    assert p == Passage("doc.p1", PassageKind.PARAGRAPH, "ab cd", span, offsets, ("H",))
    assert p.hash == content_hash("ab cd")
    with pytest.raises(OffsetError):
        trusted_passage("doc.p1", PassageKind.PARAGRAPH, "ab c", span, offsets, section=())


@given(st.lists(st.integers(0, 50), min_size=1, max_size=30))
def test_raw_end_is_one_past_the_last_offset(steps: list[int]) -> None:
    offsets = list(itertools.accumulate(s + 1 for s in steps))  # increasing raw offsets, gaps allowed
    m = OffsetMap.from_offsets(offsets)
    assert m.raw_end == m[-1] + 1 == offsets[-1] + 1


def test_an_empty_map_has_no_raw_end() -> None:
    with pytest.raises(OffsetError):
        _ = OffsetMap.from_offsets([]).raw_end
