"""Tests for the TEI import (annotate.tei.read) and the hardened parser (annotate.tei.safexml)."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings

from annotate.errors import AnnotateError, TEIError, UnsafeXMLError
from annotate.tei.read import check_pointers, read_tei
from annotate.tei.safexml import parse_xml
from annotate.tei.write import to_tei
from corpus.analyze import analyze
from corpus.load import source_from_text
from corpus.model import PassageKind
from corpus.textview import clean_view
from tests.annotate.conftest import analyzed_corpora, full_corpora


def test_embedded_round_trip(embedded_content) -> None:
    c = embedded_content
    data = to_tei(c.documents, c.references, c.verdicts, c.links)
    back = read_tei(data)
    assert back.documents == c.documents
    assert back.references == c.references
    assert back.verdicts == c.verdicts
    assert back.links == c.links
    assert back.claims == tuple(v.claim for v in c.verdicts)
    assert to_tei(back.documents, back.references, back.verdicts, back.links) == data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(full_corpora())
def test_export_import_export_is_byte_identical(validate, corpus) -> None:
    docs, refs, verdicts, links = corpus
    data = to_tei(docs, refs, verdicts, links)
    assert validate(data) == []
    back = read_tei(data)
    assert list(back.documents) == docs
    assert list(back.references) == refs
    assert list(back.verdicts) == verdicts
    assert list(back.links) == links
    assert to_tei(back.documents, back.references, back.verdicts, back.links) == data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analyzed_corpora())
def test_offsets_rederive_from_raw_text_and_removals(docs) -> None:
    for doc in read_tei(to_tei(docs)).documents:
        removed = [(r.span.start, r.span.end) for r in doc.removals]
        for p in doc.passages:
            assert clean_view(doc.source.raw, p.start, p.end, removed) == (p.text, p.offsets)


def test_read_accepts_str_and_bytes() -> None:
    doc = analyze(source_from_text("Title\n\nIt began in 1933.\n", "s"))
    data = to_tei([doc])
    assert read_tei(data.decode("utf-8")).documents == read_tei(data).documents == (doc,)


# --- refusing unsafe XML ------------------------------------------------------------------------------

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE teiCorpus [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>&xxe;</teiHeader></teiCorpus>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">&lol9;</teiCorpus>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE teiCorpus SYSTEM "http://example.org/evil.dtd">
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"/>"""

PARAMETER = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY % ext SYSTEM "http://example.org/x.dtd"> %ext;]><r/>"""


@pytest.mark.parametrize("data", [XXE, LAUGHS, EXTERNAL_DTD, PARAMETER], ids=["xxe", "billion-laughs", "dtd", "param"])
def test_dtds_and_entities_are_refused(data: bytes) -> None:
    started = time.perf_counter()
    with pytest.raises(UnsafeXMLError, match="refused a document type declaration") as info:
        read_tei(data, "evil.xml")
    assert time.perf_counter() - started < 1.0
    assert "evil.xml" in str(info.value)
    assert isinstance(info.value, AnnotateError) and isinstance(info.value, ValueError)


def test_doctype_is_refused_in_utf16_and_str_input() -> None:
    with pytest.raises(UnsafeXMLError):
        parse_xml(XXE.decode("ascii").replace('<?xml version="1.0"?>', "").encode("utf-16"))
    with pytest.raises(UnsafeXMLError):
        parse_xml(LAUGHS.decode("ascii"))


def test_entity_reference_without_doctype_is_an_error() -> None:
    with pytest.raises(TEIError, match="not well-formed"):
        parse_xml(b"<r>&undefined;</r>", "x.xml")


# --- refusing files that are not what they claim ------------------------------------------------------


@pytest.fixture
def small_tei() -> bytes:
    doc = analyze(source_from_text("A Title\n\nIt began in 1933. It ended in 1935.\n", "t"))
    return to_tei([doc])


def test_not_a_corpus_is_refused() -> None:
    with pytest.raises(TEIError, match="expected TEI teiCorpus"):
        read_tei(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    with pytest.raises(TEIError, match="not well-formed"):
        read_tei(b"<teiCorpus")


def test_edited_passage_text_is_refused(small_tei: bytes) -> None:
    bad = small_tei.replace(b">It began in 1933.</s>", b">It began in 1934.</s>")
    assert bad != small_tei
    with pytest.raises(TEIError, match=r"passage t\.p1 character 15 is '4' but the raw text has '3'"):
        read_tei(bad)


def test_edited_offsets_are_refused(small_tei: bytes) -> None:
    bad = small_tei.replace(b"#t.p1.s1 #string-range(raw.t,9,17)", b"#t.p1.s1 #string-range(raw.t,9,16)")
    assert bad != small_tei
    with pytest.raises(TEIError, match="has 17 characters but its offsets cover 16"):
        read_tei(bad)


def test_missing_raw_text_is_refused(small_tei: bytes) -> None:
    bad = small_tei.replace(b'<seg type="raw"', b'<seg type="other"')
    with pytest.raises(TEIError, match="lacks its raw text"):
        read_tei(bad)


def test_check_pointers_reports_dangling_ids_and_short_links(small_tei: bytes) -> None:
    assert check_pointers(parse_xml(small_tei)) == []
    bad = small_tei.replace(b"#t.p1.s1 #string-range", b"#t.p1.s9 #string-range", 1)
    bad = bad.replace(b"#string-range(raw.t,0,7)", b"#string-range(raw.t,0,700)")
    bad = bad.replace(b'<link target="#t.p1 ', b'<link target="', 1)
    failures = check_pointers(parse_xml(bad))
    assert any("points at #t.p1.s9, which does not exist" in f for f in failures)
    assert any("runs past the end of #raw.t" in f for f in failures)
    assert any("needs at least two targets" in f for f in failures)


def test_sentence_parents_and_sections_come_back(small_tei: bytes) -> None:
    (doc,) = read_tei(small_tei).documents
    sentences = doc.of_kind(PassageKind.SENTENCE)
    assert [s.parent for s in sentences] == ["t.p1", "t.p1"]
