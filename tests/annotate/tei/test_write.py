"""Tests for the TEI P5 export (annotate.tei.write): validity, structure, offsets, streaming."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from annotate import __version__
from annotate.errors import TEIError
from annotate.model import Claim, Evidence, Label, Verdict
from annotate.tei.elements import TEI_NS, XML_ID, add_text
from annotate.tei.parse import text_of
from annotate.tei.read import check_pointers, read_tei
from annotate.tei.write import TEIWriter, to_tei, write_tei
from bibliography.model import Reference
from corpus.analyze import analyze
from corpus.load import source_from_text
from corpus.model import Document, Passage, PassageKind, Removal, Span
from corpus.textview import clean_view
from tests.annotate.conftest import full_corpora, jing

NS = {"t": TEI_NS}
RANGE = re.compile(r"#string-range\(raw\.([^,]+),(\d+),(\d+)\)")


@pytest.fixture(scope="module")
def exported(embedded_content) -> bytes:
    c = embedded_content
    return to_tei(c.documents, c.references, c.verdicts, c.links)


@pytest.fixture(scope="module")
def root(exported) -> etree._Element:
    return etree.fromstring(exported)


def _raw(root: etree._Element, sid: str) -> str:
    (seg,) = root.xpath(f"//t:seg[@type='raw'][@xml:id='raw.{sid}']", namespaces=NS)
    return text_of(seg)


def test_embedded_corpus_is_valid_tei(exported, validate) -> None:
    assert validate(exported) == []
    assert check_pointers(etree.fromstring(exported)) == []


def test_corpus_layout(root, embedded_content) -> None:
    assert etree.QName(root).localname == "teiCorpus"
    names = [etree.QName(c).localname for c in root]
    # TEI requires the corpus stand-off before the member documents.
    assert names[:2] == ["teiHeader", "standOff"]
    assert names[2:] == ["TEI"] * len(embedded_content.documents)
    assert [t.get(XML_ID) for t in root.findall("t:TEI", NS)] == [d.source.id for d in embedded_content.documents]
    app = root.find("t:teiHeader/t:encodingDesc/t:appInfo/t:application", NS)
    assert app.get("ident") == "citetrace"
    assert app.get("version") == __version__


def test_header_describes_each_source(root, embedded_content) -> None:
    for doc in embedded_content.documents:
        (tei,) = root.xpath(f"t:TEI[@xml:id='{doc.source.id}']", namespaces=NS)
        bs = tei.find("t:teiHeader/t:fileDesc/t:sourceDesc/t:biblStruct", NS)
        assert bs is not None
        assert bs.findtext("t:monogr/t:idno[@type='sha256']", namespaces=NS) == doc.source.sha256
        assert bs.findtext("t:monogr/t:title", namespaces=NS) == doc.source.metadata.title
        assert bs.get(XML_ID) in {r.key for r in embedded_content.references}
        assert bs.find("t:monogr/t:imprint", NS) is not None
    rec = root.xpath("t:TEI[@xml:id='recognition-2022']/t:teiHeader/t:profileDesc", namespaces=NS)[0]
    persons = [text_of(p) for p in rec.findall("t:particDesc/t:listPerson/t:person/t:persName", NS)]
    assert "Hull, Cordell" in persons
    assert [text_of(p) for p in rec.findall("t:settingDesc/t:listPlace/t:place/t:placeName", NS)] == [
        "Soviet Union",
        "United States",
    ]
    categories = rec.find("t:textClass/t:keywords[@n='category']", NS)
    assert "Trade and commerce" in [text_of(t, frozenset({"note"})) for t in categories]


def test_every_passage_is_an_element_with_its_cleaned_text(root, embedded_content) -> None:
    ids = {el.get(XML_ID): el for el in root.iter() if el.get(XML_ID)}
    for doc in embedded_content.documents:
        for p in doc.passages:
            el = ids[p.id]
            assert text_of(el) == p.text
            local = etree.QName(el).localname
            if p.kind is PassageKind.SENTENCE:
                assert local == "s"
                parent = next(a for a in el.iterancestors() if a.get(XML_ID))
                assert parent.get(XML_ID) == p.parent
            elif p.kind is PassageKind.PARAGRAPH:
                assert local == "p"
            elif p.kind is PassageKind.HEADING:
                assert local == "head"
                assert etree.QName(el.getparent()).localname == "div"
                assert el.getparent().get("n") == p.section[-1]
            elif p.kind is PassageKind.CAPTION:
                assert (local, etree.QName(el.getparent()).localname) == ("figDesc", "figure")


def test_front_back_and_further_reading(root, embedded_content) -> None:
    rec = root.xpath("t:TEI[@xml:id='recognition-2022']/t:text", namespaces=NS)[0]
    assert rec.find("t:front/t:docTitle/t:titlePart", NS).get(XML_ID) == "recognition-2022.title"
    assert rec.find("t:front/t:dateline", NS) is not None
    back = rec.find("t:back", NS)
    structs = back.findall(".//t:listBibl/t:biblStruct", NS)
    assert len(structs) == 10
    for bs in structs:
        assert re.match(r"^[A-Za-z][A-Za-z0-9_.\-]*$", bs.get(XML_ID))
        assert bs.find("t:note[@type='annotation']", NS) is not None
        assert bs.find("t:monogr/t:author/t:persName/t:surname", NS) is not None
        assert bs.find("t:monogr/t:imprint/t:publisher", NS) is not None
    bibls = back.findall(".//t:listBibl/t:bibl", NS)
    assert [b.get("corresp") for b in bibls] == [f"#{bs.get(XML_ID)}" for bs in structs]
    related = back.findall(".//t:list[@type='related']/t:item", NS)
    assert len(related) == 7
    dul = root.xpath("t:TEI[@xml:id='dulcinea-2011']/t:text", namespaces=NS)[0]
    assert dul.find("t:front/t:figure/t:figDesc", NS).get(XML_ID) == "dulcinea-2011.cap1"
    assert dul.find("t:back/t:ab[@type='furniture']", NS) is not None


def test_quotations_are_marked_without_changing_the_text(root) -> None:
    (s1,) = root.xpath("//t:s[@xml:id='dulcinea-2011.p3.s1']", namespaces=NS)
    (q,) = s1.findall("t:quote", NS)
    assert text_of(q).startswith("“His reasons") and text_of(q).endswith("factors,”")
    # A quotation over two sentences wraps both sentences.
    (s2,) = root.xpath("//t:s[@xml:id='dulcinea-2011.p3.s2']", namespaces=NS)
    assert etree.QName(s2.getparent()).localname == "quote"


def test_offsets_locate_every_passage_and_quote_in_the_raw_text(root, embedded_content) -> None:
    raws = {d.source.id: _raw(root, d.source.id) for d in embedded_content.documents}
    assert raws == {d.source.id: d.source.raw for d in embedded_content.documents}
    texts = {p.id: p.text for d in embedded_content.documents for p in d.passages}
    for link in root.xpath("//t:linkGrp[@type='offsets']/t:link", namespaces=NS):
        pid, *ranges = link.get("target").split()
        pieces = [
            raws[m.group(1)][int(m.group(2)) : int(m.group(2)) + int(m.group(3))] for m in map(RANGE.match, ranges)
        ]
        # The runs are the kept raw characters; a cleaned space stands for a run of whitespace.
        joined = "".join(pieces)
        text = texts[pid[1:]]
        assert len(joined) == len(text)
        assert all(a == b or (a == " " and b.isspace()) for a, b in zip(text, joined, strict=True))
    spans = root.xpath("//t:spanGrp[@type='evidence']/t:span", namespaces=NS)
    assert len(spans) >= len(embedded_content.verdicts)
    for span in spans:
        m = RANGE.match(span.get("target"))
        start, length = int(m.group(2)), int(m.group(3))
        assert raws[m.group(1)][start : start + length] == text_of(span)
    removals = root.xpath("//t:spanGrp[@type='removals']/t:span", namespaces=NS)
    assert {s.get("type") for s in removals} >= {"index_markup", "markup_residue"}


def test_claims_verdicts_and_evidence_links(root, embedded_content) -> None:
    v = embedded_content.verdicts[0]
    (note,) = root.xpath(f"//t:note[@type='claim'][@xml:id='claim.{v.claim.id}']", namespaces=NS)
    assert text_of(note) == v.claim.text
    (ann,) = root.xpath(f"//t:annotation[@target='#claim.{v.claim.id}']", namespaces=NS)
    assert ann.get("ana") == f"#label.{v.label.value}"
    links = root.xpath("//t:linkGrp[@type='evidence']/t:link", namespaces=NS)
    assert f"#claim.{v.claim.id} #{v.evidence[0].passage}" in {link.get("target") for link in links}
    further = root.xpath("//t:linkGrp[@type='furtherReading']/t:link", namespaces=NS)
    assert len(further) == len(embedded_content.links)


def test_export_is_deterministic(embedded_content, exported) -> None:
    c = embedded_content
    assert to_tei(c.documents, c.references, c.verdicts, c.links) == exported


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(full_corpora())
def test_generated_corpora_export_valid_tei(validate, corpus) -> None:
    docs, refs, verdicts, links = corpus
    data = to_tei(docs, refs, verdicts, links)
    assert validate(data) == []
    assert check_pointers(etree.fromstring(data)) == []


@pytest.mark.external
def test_jing_accepts_exports(tmp_path, exported) -> None:
    files = [tmp_path / "embedded.xml"]
    files[0].write_bytes(exported)

    @settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(full_corpora())
    def collect(corpus) -> None:
        path = tmp_path / f"gen{len(files)}.xml"
        path.write_bytes(to_tei(*corpus))
        files.append(path)

    collect()
    result = jing(files)
    if result is None:
        pytest.skip("jing is not installed")
    code, out = result
    assert code == 0, out


def test_characters_xml_cannot_carry_are_escaped_one_for_one() -> None:
    el = etree.Element(f"{{{TEI_NS}}}s")
    text = "a\x0cb\ufffe\x01c\ud800d"
    add_text(el, text)
    assert [g.get("n") for g in el] == ["U+000C", "U+FFFE", "U+0001", "U+D800"]
    data = etree.tostring(el)
    back = etree.fromstring(data)
    assert text_of(back) == text
    # One character in the document for one in the text: string-range offsets stay exact.
    assert len("".join(back.itertext())) == len(text)


def test_control_characters_in_a_source_survive(validate) -> None:
    doc = analyze(source_from_text("Title\n\nIt began\x0c in 1933 \x01 here. Done.\n", "ctl"))
    data = to_tei([doc])
    assert validate(data) == []
    assert b'n="U+0001"' in data


def _doc(blocks: list[tuple[PassageKind, tuple[str, ...], str]], sid: str = "lay") -> Document:
    raw = "\n\n".join(text for _, _, text in blocks)
    passages = []
    pos = 0
    for n, (kind, section, text) in enumerate(blocks, 1):
        clean, offsets = clean_view(raw, pos, pos + len(text))
        passages.append(Passage(f"{sid}.b{n}", kind, clean, Span(sid, offsets[0], offsets[-1] + 1), offsets, section))
        pos += len(text) + 2
    return Document(source_from_text(raw, sid), passages)


def test_section_layout_keeps_heads_first_and_sections_exact(validate) -> None:
    h, p = PassageKind.HEADING, PassageKind.PARAGRAPH
    doc = _doc(
        [
            (p, (), "Lead paragraph."),
            (h, ("A",), "A:"),
            (p, ("A",), "In A."),
            (h, ("A", "B"), "B"),
            (p, ("A", "B"), "In B."),
            (p, ("A",), "Back in A after B."),
            (h, ("A",), "A again"),
            (p, (), "Unsectioned after sections."),
            (h, (), "Heading without a section"),
            (p, (), "Under it."),
        ]
    )
    data = to_tei([doc])
    assert validate(data) == []
    assert read_tei(data).documents == (doc,)
    root = etree.fromstring(data)
    for head in root.iter(f"{{{TEI_NS}}}head"):
        assert head.getparent().index(head) == 0


def test_writer_streams_documents_from_a_generator(tmp_path) -> None:
    texts = {f"s{i}": f"Title {i}\n\nIt began in 19{i:02d}. It ended.\n" for i in range(5)}
    produced: list[str] = []

    def docs():
        for sid, text in texts.items():
            produced.append(sid)
            yield analyze(source_from_text(text, sid))

    out = tmp_path / "c.xml"
    with TEIWriter(out, source_ids=list(texts)) as writer:
        for doc in docs():
            writer.write(doc)
    assert produced == list(texts)
    buf = io.BytesIO()
    write_tei(buf, [analyze(source_from_text(t, s)) for s, t in texts.items()])
    assert out.read_bytes() == buf.getvalue()


def test_writer_refuses_out_of_order_and_missing_sources() -> None:
    a = analyze(source_from_text("A\n\nOne.\n", "a"))
    b = analyze(source_from_text("B\n\nTwo.\n", "b"))
    with pytest.raises(TEIError, match="out of order"), TEIWriter(io.BytesIO(), source_ids=["a", "b"]) as w:
        w.write(b)
    with pytest.raises(TEIError, match="never written: b"), TEIWriter(io.BytesIO(), source_ids=["a", "b"]) as w:
        w.write(a)


def test_duplicate_ids_are_refused() -> None:
    doc = analyze(source_from_text("Title\n\nIt began in 1933.\n", "d"))
    p = doc.sentences[0]
    ev = Evidence("c1", p.id, p.span, p.text, "supports")
    v = Verdict(Claim("c1", "It began in 1933."), Label.SUPPORTED, [ev])
    with pytest.raises(TEIError, match="'claim.c1' is used twice"):
        to_tei([doc], verdicts=[v, v])


def test_removal_kind_must_be_a_word() -> None:
    doc = analyze(source_from_text("Title\n\nIt began [x] in 1933.\n", "r"))
    bad = Document(doc.source, doc.passages, [Removal(Span("r", 16, 19), "two words", "why")])
    with pytest.raises(TEIError, match="removal kind 'two words'"):
        to_tei([bad])


def test_writing_to_a_path(tmp_path: Path) -> None:
    doc = analyze(source_from_text("Title\n\nIt began in 1933.\n", "w"))
    write_tei(tmp_path / "out.xml", [doc])
    data = (tmp_path / "out.xml").read_bytes()
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<teiCorpus")
    assert data.endswith(b"</teiCorpus>\n")


def test_a_cite_key_that_starts_with_a_digit_round_trips_through_tei() -> None:
    doc = analyze(source_from_text("Note\n\nIt began in 1933.\n", "n"))
    ref = Reference(key="2005gaddis", title="The Cold War", year="2005")
    data = to_tei([doc], [ref])
    assert b'xml:id="_2005gaddis"' in data and b'type="citekey">2005gaddis<' in data
    assert [r.key for r in read_tei(data).references] == ["2005gaddis"]
