"""Tests for reading TEI other projects wrote as sources (``annotate.tei.foreign``)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from annotate import TEIError, UnsafeXMLError
from annotate.cli import main
from annotate.tei.foreign import sources_from_tei
from corpus import PassageKind, analyze

# Written for these tests in the shape of a digital edition: a corpus of two documents, a running
# head (fw), a page break, an editorial note, an abbreviation with its expansion, a deletion, verse
# in line groups, a list of works cited.
EDITION = b"""<?xml version="1.0" encoding="UTF-8"?>
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Letters and Verse</title></titleStmt>
    <publicationStmt><p>Test edition.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc></teiHeader>
  <TEI xml:id="letter-1" xml:lang="en">
    <teiHeader><fileDesc>
      <titleStmt><title>Letter to the Secretary</title><author>A. Writer</author></titleStmt>
      <publicationStmt><date when="1933-11-16">16 November 1933</date></publicationStmt>
      <sourceDesc><p>Manuscript.</p></sourceDesc></fileDesc></teiHeader>
    <text><body>
      <fw type="header">LETTERS 12</fw>
      <head>A Letter</head>
      <p>Dear <choice><abbr>Mr.</abbr><expan>Mister</expan></choice> Hull,<note place="foot">Cordell Hull.</note>
         the talks <del>did not</del> began on 8 November.<pb n="13"/> They ended a week later.</p>
      <div type="bibliography"><head>Works Cited</head>
        <listBibl>
          <bibl>Hull, Cordell. The Memoirs of Cordell Hull. New York: Macmillan, 1948.</bibl>
          <bibl>Bennett, Edward M. Recognition of Russia. Waltham: Blaisdell, 1970.</bibl>
        </listBibl></div>
    </body></text>
  </TEI>
  <TEI>
    <teiHeader><fileDesc><titleStmt><title>A Song</title></titleStmt>
      <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
    <text><body><lg><l>The sea is calm,</l><l>the night is long.</l></lg><lg><l>One more line.</l></lg></body></text>
  </TEI>
</teiCorpus>
"""


def test_edition_documents_become_sources() -> None:
    letter, song = sources_from_tei(EDITION, "edition.xml")
    assert (letter.id, song.id) == ("letter-1", "edition-2")
    assert letter.metadata.title == "Letter to the Secretary"
    assert letter.metadata.authors == ("A. Writer",)
    assert (letter.metadata.date, letter.metadata.language) == ("1933-11-16", "en")
    assert letter.raw == (
        "A Letter\n\n"
        "Dear Mister Hull, the talks began on 8 November. They ended a week later.\n\n"
        "Works Cited\n\n"
        "Hull, Cordell. The Memoirs of Cordell Hull. New York: Macmillan, 1948.\n"
        "Bennett, Edward M. Recognition of Russia. Waltham: Blaisdell, 1970.\n"
    )
    assert song.raw == "The sea is calm,\nthe night is long.\n\nOne more line.\n"
    assert any("built from TEI document 1" in w for w in letter.warnings)


def test_passages_have_offsets_into_the_built_text() -> None:
    letter = sources_from_tei(EDITION, "edition.xml")[0]
    doc = analyze(letter)
    entries = [p for p in doc.passages if p.kind is PassageKind.BIBLIOGRAPHY_ENTRY]
    assert [letter.raw[p.start : p.end] for p in entries] == [
        "Hull, Cordell. The Memoirs of Cordell Hull. New York: Macmillan, 1948.",
        "Bennett, Edward M. Recognition of Russia. Waltham: Blaisdell, 1970.",
    ]
    for p in doc.sentences:
        assert " ".join(letter.raw[p.start : p.end].split()) == p.text


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><facsimile/></TEI>',
            TEIError,
            r"^f\.xml: TEI document 1 has no <text> \(it has facsimile\); facsimile-only",
        ),
        (b"<TEI><text/></TEI>", TEIError, r"^f\.xml: root element is 'TEI' in namespace None; expected TEI"),
        (
            b'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></teiCorpus>',
            TEIError,
            r"^f\.xml: teiCorpus holds no TEI document$",
        ),
        (
            b'<!DOCTYPE TEI [<!ENTITY x "y">]><TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
            UnsafeXMLError,
            r"^f\.xml: refused a document type declaration",
        ),
        (b"<TEI", TEIError, r"^f\.xml:1: not well-formed XML"),
    ],
    ids=["no-text", "no-namespace", "empty-corpus", "dtd", "broken"],
)
def test_what_is_not_supported_is_named(data: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        sources_from_tei(data, "f.xml")


def test_cli_reads_tei_files_beside_text_files(tmp_path: Path) -> None:
    tei = tmp_path / "edition.xml"
    tei.write_bytes(EDITION)
    text = tmp_path / "notes.txt"
    text.write_text("A plain note.\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["passages", "--quiet", "--jobs", "1", "--format", "table", str(tei), str(text)], out) == 0
    rows = out.getvalue().splitlines()
    assert any(r.startswith("letter-1.p1.s1 ") for r in rows)
    assert any(r.startswith("edition-2.") for r in rows)
    assert any(r.startswith("notes.") for r in rows)


def test_a_speech_keeps_its_speaker_and_lines_together() -> None:
    play = (
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A Play</title>'
        b"<author>A. Writer<idno type='wikidata'>Q1</idno></author></titleStmt></fileDesc></teiHeader>"
        b"<text><body><div type='scene'><head>Scene 1</head>"
        b"<sp who='#a'><speaker>ANNA</speaker><l>Who is there?</l><l>Stand and speak.</l></sp>"
        b"<stage>Enter Ben.</stage><sp who='#b'><speaker>BEN</speaker><p>A friend.</p></sp></div></body></text></TEI>"
    )
    (source,) = sources_from_tei(play, "play.xml")
    assert source.metadata.authors == ("A. Writer",)
    assert source.raw == "Scene 1\n\nANNA\nWho is there?\nStand and speak.\n\nEnter Ben.\n\nBEN\nA friend.\n"
