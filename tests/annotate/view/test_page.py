"""The reading view (annotate.view.page): structure, exact raw offsets, escaping, citations, the CLI.

The page is parsed back with lxml's HTML parser (which, like a browser, would turn a literal CR into
LF) and checked against the documents it was rendered from: every block's text is its raw text,
every removal and every evidence quote is marked at exactly its raw characters.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.claims.facets import extract_facets
from annotate.cli import main
from annotate.model import Claim, Conflict, Evidence, Label, Origin, ReferenceLink, Relation, Verdict
from annotate.references import build_references, entry_key, source_key
from annotate.view.html import displayable, safe_json
from annotate.view.open import find_view
from annotate.view.page import render_view
from bibliography.bibtex.write import to_bibtex
from bibliography.citation import citation_parts, format_citation
from bibliography.model import Person, Provenance, Reference
from corpus.analyze import analyze
from corpus.load import load, source_from_text
from corpus.model import Document, Metadata, Passage, PassageKind, Span
from tests.annotate.conftest import full_corpora

# --- inputs ------------------------------------------------------------------------------------------


def _doc(docs: Sequence[Document], sid: str) -> Document:
    return next(d for d in docs if d.source.id == sid)


def _evidence(
    doc: Document, claim: str, text: str, relation: Relation, *, within: Passage | None = None, **kw: Any
) -> Evidence:
    """Evidence quoting ``text`` (found in the raw text, inside ``within`` when given)."""
    raw = doc.source.raw
    lo = within.start if within is not None else 0
    start = raw.index(text, lo)
    passage = within or next(p for p in doc.sentences if p.start <= start < p.end)
    return Evidence(claim, passage.id, Span(doc.source.id, start, start + len(text)), text, relation, **kw)


def _sentence_with(doc: Document, words: str) -> Passage:
    return next(p for p in doc.sentences if words in p.text)


def embedded_corpus() -> tuple[list[Document], list[Reference]]:
    """The embedded corpus, analysed, with its references."""
    docs = [analyze(s) for s in load()]
    return docs, build_references(docs)


def sample_verdicts(docs: Sequence[Document], refs: Sequence[Reference]) -> list[Verdict]:
    """Verdicts of every kind on the embedded corpus: supported and corroborated (a whole sentence and
    a sub-span of another), refuted with a conflict, supported over two sentences and removed
    residue, not enough info."""
    dul = _doc(docs, "dulcinea-2011")
    rec = _doc(docs, "recognition-2022")
    keys = {d.source.id: source_key(refs, d.source.id) for d in docs}
    out = []

    text = "The United States established diplomatic relations with the Soviet Union on November 16, 1933."
    s1 = _sentence_with(dul, "On Nov. 16, 1933")
    ev = [
        Evidence(
            "c-est",
            s1.id,
            s1.span,
            dul.quote(s1.span),
            Relation.SUPPORTS,
            2.0,
            ("date 1933-11-16",),
            (),
            keys[dul.source.id],
        ),
        # A sub-span of a sentence: only these characters are marked.
        _evidence(
            rec,
            "c-est",
            "established formal diplomatic relations in November of 1933",
            Relation.SUPPORTS,
            score=1.5,
            cite_key=keys[rec.source.id],
        ),
        _evidence(dul, "c-est", "Diplomatic relations were officially established", Relation.MENTIONS, score=0.5),
    ]
    out.append(
        Verdict(
            Claim("c-est", text, extract_facets(text)), Label.SUPPORTED, ev, "Two sources state it.", corroborated=True
        )
    )

    text = "The agreements were signed on November 17, 1933."
    a = _evidence(
        rec,
        "c-sig",
        "signed on November 16, 1933",
        Relation.REFUTES,
        score=1.2,
        conflicts=("date: claim 1933-11-17, source 1933-11-16",),
    )
    b = _evidence(rec, "c-sig", "On November 17, 1933, the United States announced", Relation.MENTIONS, score=0.4)
    out.append(
        Verdict(
            Claim("c-sig", text, extract_facets(text)),
            Label.REFUTED,
            [a, b],
            "The source dates the signing to November 16.",
            conflicts=[Conflict("c-sig", "date", a, b, "1933-11-16", "1933-11-17")],
        )
    )

    text = "Franklin D. Roosevelt sent a telegram to Maxim Litvinov."
    s = _sentence_with(dul, "President Roosevelt sent a telegram")
    ev = [Evidence("c-tel", s.id, s.span, dul.quote(s.span), Relation.SUPPORTS, 1.0)]
    facets = extract_facets(text)
    out.append(Verdict(Claim("c-tel", text, facets, Origin.EXTRACTED, s.id, s.span), Label.SUPPORTED, ev))

    # A quote running over two sentences and over removed residue (the repeated index entry).
    start = rec.source.raw.index("During the Russian Civil War")
    end = rec.source.raw.index("Americans also opposed") + len("Americans also opposed")
    quote = rec.source.raw[start:end]
    p2 = _sentence_with(rec, "During the Russian Civil War")
    ev = [Evidence("c-war", p2.parent or p2.id, Span(rec.source.id, start, end), quote, Relation.SUPPORTS, 1.0)]
    out.append(
        Verdict(Claim("c-war", "The United States sent troops to Russia during its civil war."), Label.SUPPORTED, ev)
    )

    out.append(
        Verdict(Claim("c-nei", "Litvinov was born in Paris."), Label.NOT_ENOUGH_INFO, (), "Nothing in the sources.")
    )
    return out


def sample_links(refs: Sequence[Reference]) -> list[ReferenceLink]:
    """A further-reading link to a claim and one to a sentence."""
    hull = next(r for r in refs if r.title and "Memoirs" in r.title)
    bullitt = next(r for r in refs if r.title and "Bullitt" in r.title)
    assert hull.key and bullitt.key
    return [
        ReferenceLink("c-est", hull.key, "shares: diplomatic, relations, 1933", ("diplomatic", "relations")),
        ReferenceLink("recognition-2022.p9.s2", bullitt.key, "shares: Bullitt", ("Bullitt",)),
    ]


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Document], list[Reference]]:
    return embedded_corpus()


@pytest.fixture(scope="module")
def verdicts(corpus: tuple[list[Document], list[Reference]]) -> list[Verdict]:
    return sample_verdicts(*corpus)


@pytest.fixture(scope="module")
def links(corpus: tuple[list[Document], list[Reference]]) -> list[ReferenceLink]:
    return sample_links(corpus[1])


@pytest.fixture(scope="module")
def page(corpus: tuple[list[Document], list[Reference]], verdicts: list[Verdict], links: list[ReferenceLink]) -> str:
    docs, refs = corpus
    bibtex = {r.key: to_bibtex([r]) for r in refs if r.key}
    return render_view(docs, refs, verdicts, links, bibtex=bibtex, title="Embedded corpus")


@pytest.fixture(scope="module")
def tree(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


# --- reading the page back -----------------------------------------------------------------------------


def view_data(tree: lxml.html.HtmlElement) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(tree.get_element_by_id("view-data").text)
    return result


def classes(el: lxml.html.HtmlElement) -> set[str]:
    return set((el.get("class") or "").split())


def walk_text(el: lxml.html.HtmlElement, start: int) -> tuple[str, list[tuple[lxml.html.HtmlElement, int, int]]]:
    """The text of a block without the residue from outside it and the added extras, and the raw
    range of every ``span.ev`` inside it (the text starts at raw offset ``start``)."""
    parts: list[str] = []
    marks: list[tuple[lxml.html.HtmlElement, int, int]] = []

    def visit(node: lxml.html.HtmlElement, pos: int, skipping: bool) -> int:
        skipping = skipping or bool(classes(node) & {"gap", "extra"})
        begin = pos
        if node.text and not skipping:
            parts.append(node.text)
            pos += len(node.text)
        for child in node:
            pos = visit(child, pos, skipping)
            if child.tail and not skipping:
                parts.append(child.tail)
                pos += len(child.tail)
        if "ev" in classes(node):
            marks.append((node, begin, pos))
        return pos

    visit(el, start, False)
    return "".join(parts), marks


def blocks(tree: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    for el in tree.iter():
        if "b" in classes(el) and el.get("data-passage"):
            yield el


def articles(tree: lxml.html.HtmlElement) -> dict[str, lxml.html.HtmlElement]:
    return {a.get("data-source"): a for a in tree.iter("article")}


def check_page(html: str, docs: Sequence[Document], verdicts: Sequence[Verdict]) -> None:
    """The invariants every page must meet, whatever the inputs."""
    tree = lxml.html.document_fromstring(html)
    data = view_data(tree)
    by_source = articles(tree)
    assert len(by_source) == len({d.source.id for d in docs})
    evidence = data["evidence"]
    mark_ranges: dict[int, list[tuple[str, int, int, str]]] = {}
    for doc in docs:
        art = by_source[doc.source.id]
        raw = doc.source.raw
        passages = {p.id: p for p in doc.passages}
        seen = set()
        for el in blocks(art):
            p = passages[el.get("data-passage")]
            seen.add(p.id)
            assert (int(el.get("data-start")), int(el.get("data-end"))) == (p.start, p.end)
            text, marks = walk_text(el, p.start)
            assert text == displayable(raw[p.start : p.end]), p.id
            for mark, a, b in marks:
                for n in mark.get("data-ev").split():
                    mark_ranges.setdefault(int(n), []).append((doc.source.id, a, b, mark.text_content()))
        assert seen == {p.id for p in doc.blocks if p.end > p.start}
        for el in art.iter("span"):
            if "s" in classes(el):
                s = passages[el.get("data-passage")]
                assert s.kind is PassageKind.SENTENCE
                assert (int(el.get("data-start")), int(el.get("data-end"))) == (s.start, s.end)
                assert el.text_content() == displayable(raw[s.start : s.end])
        # Every removed character is shown once, struck, with its reason.
        removed: dict[tuple[int, int], str] = {}
        for el in art.iter("del"):
            a, b = int(el.get("data-start")), int(el.get("data-end"))
            assert el.text_content() == displayable(raw[a:b])
            removed[(a, b)] = el.get("title")
        for r in doc.removals:
            if not r.span:
                continue
            pieces = sorted((a, b) for a, b in removed if r.span.start <= a and b <= r.span.end)
            covered = [i for a, b in pieces for i in range(a, b)]
            inside = any(p.start <= r.span.start and r.span.end <= p.end for p in doc.blocks)
            if inside or covered:
                assert covered == list(range(r.span.start, r.span.end)), r
                assert all(displayable(r.reason) in removed[piece] for piece in pieces)
    # Every located evidence quote is marked at exactly its raw range, inside blocks.
    for n, ev in enumerate(evidence):
        pieces = sorted(mark_ranges.get(n, []), key=lambda t: t[1])
        if not ev.get("located"):
            assert not pieces
            continue
        source = ev.get("source") or data["sources"][ev["doc"]]["id"]
        doc = next(d for d in docs if d.source.id == source)
        blocks_ = [p for p in doc.blocks if p.end > p.start]
        expected = [i for i in range(ev["start"], ev["end"]) if any(p.start <= i < p.end for p in blocks_)]
        assert [i for _, a, b, _ in pieces for i in range(a, b)] == expected
        if "quote" not in ev:  # read back from the marks by the script
            assert "".join(t for *_, t in pieces) == displayable(doc.source.raw[ev["start"] : ev["end"]])
    assert len(data["claims"]) == len(verdicts)
    buttons = [b for b in tree.iter("button") if "claim" in classes(b)]
    assert [b.get("data-label") for b in buttons] == [v.label.value for v in verdicts]


# --- structure and offsets -----------------------------------------------------------------------------


def test_page_invariants_on_the_embedded_corpus(
    page: str, corpus: tuple[list[Document], list[Reference]], verdicts: list[Verdict]
) -> None:
    check_page(page, corpus[0], verdicts)


def test_sections_headings_and_lists_follow_the_passages(
    tree: lxml.html.HtmlElement, corpus: tuple[list[Document], list[Reference]]
) -> None:
    docs, refs = corpus
    art = articles(tree)["recognition-2022"]
    sections = list(art.iter("section"))
    assert [s.get("data-section") for s in sections] == ["Summary of Event", "Further Reading"]
    h3 = [h.text_content() for h in art.iter("h3")]
    assert h3 == ["Summary of Event", "Further Reading"]
    # Paragraphs sit in their section, bibliography entries in one list with their cite keys.
    summary = sections[0]
    assert summary[0].tag == "h3"
    assert [p.get("data-passage") for p in summary.iter("p")][:2] == ["recognition-2022.p2", "recognition-2022.p3"]
    entries = list(sections[1].iter("li"))
    rec = _doc(docs, "recognition-2022")
    assert [li.get("data-passage") for li in entries] == [p.id for p in rec.of_kind(PassageKind.BIBLIOGRAPHY_ENTRY)]
    first = entries[0]
    key = entry_key(refs, first.get("data-passage"))
    assert first.find(".//code").text == key
    assert first.find(".//button").get("data-key") == key
    # Front matter keeps its kinds.
    dul = articles(tree)["dulcinea-2011"]
    kinds = [sorted(classes(el) - {"b"})[0] for el in blocks(dul)][:7]
    assert kinds == ["b-furniture", "b-keywords", "b-credit", "b-caption", "b-title", "b-dateline", "b-byline"]


def test_source_header_has_metadata_citation_and_key(
    tree: lxml.html.HtmlElement, corpus: tuple[list[Document], list[Reference]]
) -> None:
    docs, refs = corpus
    art = articles(tree)["dulcinea-2011"]
    head = art.find(".//header")
    assert head.find("h2").text == "On This Day: United States and Soviet Union Establish Diplomatic Relations"
    assert head.find_class("citation")[0].text_content() == (
        "findingDulcinea Staff. “On This Day: United States and Soviet Union Establish Diplomatic Relations.” "
        "findingDulcinea, November 16, 2011."
    )
    key = source_key(refs, "dulcinea-2011")
    assert head.find_class("key")[0].text == key
    meta = {dt.text: dt.getnext().text_content() for dt in head.iter("dt")}
    assert meta["Publisher"] == "findingDulcinea"
    assert meta["SHA-256"] == _doc(docs, "dulcinea-2011").source.sha256
    assert meta["Removed"] == "nothing"
    rec_head = articles(tree)["recognition-2022"].find(".//header")
    terms = rec_head.find(".//details")
    assert "Roosevelt, Franklin D." in terms.text_content()


def test_removed_residue_is_marked_in_place_with_its_reason(
    tree: lxml.html.HtmlElement, corpus: tuple[list[Document], list[Reference]]
) -> None:
    docs, _ = corpus
    rec = _doc(docs, "recognition-2022")
    art = articles(tree)["recognition-2022"]
    dels = {(int(d.get("data-start")), int(d.get("data-end"))): d for d in art.iter("del")}
    repeat = next(r for r in rec.removals if r.kind == "index_repeat")
    el = dels[(repeat.span.start, repeat.span.end)]
    assert el.text == rec.quote(repeat.span)
    assert el.get("title") == f"Removed (index_repeat): {repeat.reason}"
    # It sits inside the sentence it was cut from, in raw order.
    sentence = el.getparent()
    while "s" not in classes(sentence):
        sentence = sentence.getparent()
    assert int(sentence.get("data-start")) < repeat.span.start < int(sentence.get("data-end"))
    # Residue between blocks (the flattened index) is kept too, outside every sentence.
    markup = next(r for r in rec.removals if r.kind == "index_markup")
    el = dels[(markup.span.start, markup.span.end)]
    assert "gap" in classes(el.getparent())


def test_claims_panel_badges_and_filter_attributes(tree: lxml.html.HtmlElement, verdicts: list[Verdict]) -> None:
    buttons = {b.get("id"): b for b in tree.iter("button") if "claim" in classes(b)}
    first = buttons["claim-0"]
    assert [s.text for s in first.find_class("badge")] == ["Supported", "Corroborated"]
    assert first.find_class("claim-text")[0].text == verdicts[0].claim.text
    assert set(first.get("data-sources").split()) == {"dulcinea-2011", "recognition-2022"}
    assert first.get("aria-pressed") == "false"
    refuted = buttons["claim-1"]
    assert [s.text for s in refuted.find_class("badge")] == ["Refuted", "Conflict"]
    assert refuted.get("data-flags") == "conflict"
    assert [s.text for s in buttons["claim-4"].find_class("badge")] == ["Not enough info"]
    # Verdict filter counts.
    options = {o.get("value"): o.text for o in tree.get_element_by_id("f-verdict").iter("option")}
    assert options["SUPPORTED"] == "Supported (3)"
    assert options["conflict"] == "Conflict (1)"


def test_person_filter_merges_claim_entities_and_index_terms(tree: lxml.html.HtmlElement) -> None:
    options = {o.text: o.get("value") for o in tree.get_element_by_id("f-person").iter("option") if o.get("value")}
    # "Roosevelt, Franklin D." (an index term) and the claim's "Franklin D. Roosevelt" are one person.
    roosevelt = [v for name, v in options.items() if "Roosevelt" in name]
    assert len(roosevelt) == 1
    assert "Franklin D. Roosevelt (1)" in options
    tel = tree.get_element_by_id("claim-2")
    assert roosevelt[0] in tel.get("data-persons").split()
    litvinov = next(v for name, v in options.items() if "Litvinov" in name)
    assert litvinov in tel.get("data-persons").split()
    assert not tree.get_element_by_id("claim-4").get("data-persons")


def test_sentences_know_the_claims_they_support_or_refute(tree: lxml.html.HtmlElement) -> None:
    data = view_data(tree)
    sentence = next(
        el for el in tree.iter("span") if "s" in classes(el) and "signed on November 16, 1933" in el.text_content()
    )
    assert "has-claims" in classes(sentence)
    assert sentence.get("tabindex") == "0"
    assert sentence.get("role") == "button"
    info = data["sentences"][int(sentence.get("data-si"))]
    assert info["passage"] == sentence.get("data-passage")
    assert [1, "refutes"] in info["claims"]
    # The claim supported over two sentences lists both.
    war = [
        el
        for el in tree.iter("span")
        if "s" in classes(el)
        and el.get("data-si")
        and ("Russian Civil War" in el.text_content() or el.text_content().startswith("Americans also"))
    ]
    assert len(war) == 2
    assert all([3, "supports"] in data["sentences"][int(el.get("data-si"))]["claims"] for el in war)
    # A sentence that is only mentioned is not a tab stop.
    mention = next(
        el
        for el in tree.iter("span")
        if "s" in classes(el) and el.text_content().startswith("Diplomatic relations were officially")
    )
    assert "has-mentions" in classes(mention)
    assert mention.get("tabindex") is None


def test_evidence_marks_wrap_exactly_the_quoted_characters(
    tree: lxml.html.HtmlElement, verdicts: list[Verdict]
) -> None:
    data = view_data(tree)
    claim = data["claims"][0]
    sub = data["evidence"][claim["evidence"][1]]
    assert sub["relation"] == "supports"
    marks = [
        el for el in tree.iter("span") if "ev" in classes(el) and str(claim["evidence"][1]) in el.get("data-ev").split()
    ]
    assert "".join(m.text_content() for m in marks) == "established formal diplomatic relations in November of 1933"
    # The whole sentence is not marked: the mark is a strict part of it.
    sentence = marks[0].getparent()
    assert "s" in classes(sentence)
    assert len(sentence.text_content()) > len(marks[0].text_content())


def test_citations_and_further_reading_in_the_data(
    tree: lxml.html.HtmlElement, corpus: tuple[list[Document], list[Reference]], links: list[ReferenceLink]
) -> None:
    _docs, refs = corpus
    data = view_data(tree)
    claim = data["claims"][0]
    assert claim["cites"] == [source_key(refs, "dulcinea-2011"), source_key(refs, "recognition-2022")]
    assert [r["key"] for r in claim["reading"]] == [links[0].key]
    hull = data["refs"][links[0].key]
    assert (
        "".join(t for t, _ in hull["citation"])
        == "Hull, Cordell. The Memoirs of Cordell Hull. New York: Macmillan, 1948."
    )
    assert [t for t, italic in hull["citation"] if italic] == ["The Memoirs of Cordell Hull"]
    assert hull["bibtex"].startswith("@book{" + links[0].key)
    # A link to a sentence shows when that sentence is selected.
    bullitt = next(s for s in data["sentences"] if s["passage"] == "recognition-2022.p9.s2")
    assert [r["key"] for r in bullitt["reading"]] == [links[1].key]


def test_bibtex_defaults_to_each_reference_serialised(
    corpus: tuple[list[Document], list[Reference]], verdicts: list[Verdict]
) -> None:
    docs, refs = corpus
    data = view_data(lxml.html.document_fromstring(render_view(docs, refs, verdicts)))
    for key, entry in data["refs"].items():
        ref = next(r for r in refs if r.key == key)
        assert entry["bibtex"] == to_bibtex([ref])
    given = render_view(docs, refs, verdicts, bibtex={})
    assert not view_data(lxml.html.document_fromstring(given))["refs"][refs[0].key].get("bibtex")
    assert 'class="copy"' not in given


# --- self-contained and safe ---------------------------------------------------------------------------


def _csp_sources(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    meta = next(m for m in tree.iter("meta") if m.get("http-equiv") == "Content-Security-Policy")
    out = {}
    for part in meta.get("content").split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_page_loads_nothing_and_runs_only_its_own_script(page: str, tree: lxml.html.HtmlElement) -> None:
    csp = _csp_sources(tree)
    assert csp["default-src"] == ["'none'"]
    scripts = list(tree.iter("script"))
    assert [s.get("type") for s in scripts] == ["application/json", None]
    assert csp["script-src"] == [_hash(scripts[1].text)]
    style = next(tree.iter("style"))
    assert csp["style-src"] == [_hash(style.text)]
    for el in tree.iter():
        assert not any(name.startswith("on") for name in el.attrib), el.tag
        assert el.get("src") is None and el.get("style") is None
    assert not list(tree.iter("link")) and not list(tree.iter("img")) and not list(tree.iter("iframe"))
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert all(h.startswith("#") or h.startswith("https://") for h in hrefs)
    assert "@import" not in style.text and "url(" not in style.text
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')


HOSTILE = (
    "Hostile &amp; Co: <script>alert(1)</script>\n\n"
    "A paragraph with <img src=x onerror=alert(2)> and entities &amp; &lt;b&gt; &#60;script&#62; and "
    "a closing </script><!-- tag. Second sentence “quoted” here.\n\n"
    "Form\x0cfeed, CR\r\nline and \u2028 separator <b onclick=alert(3)>bold</b> text.\n"
)


def hostile_inputs() -> tuple[list[Document], list[Reference], list[Verdict], list[ReferenceLink]]:
    meta = Metadata(
        title="<script>alert('t')</script> &amp;", authors=["<img src=x onerror=alert(4)>"], url="javascript:alert(5)"
    )
    doc = analyze(source_from_text(HOSTILE, "xss", meta))
    sentence = next(p for p in doc.sentences if "onerror" in doc.quote(p.span))
    evidence = Evidence(
        "x1",
        sentence.id,
        sentence.span,
        doc.quote(sentence.span),
        Relation.SUPPORTS,
        1.0,
        ("</script>",),
        ("<img src=x>",),
        "xss2024",
    )
    verdict = Verdict(
        Claim("x1", "</script><script>alert(6)</script>"), Label.SUPPORTED, [evidence], "<b>why</b> &amp; </script>"
    )
    ref = Reference(
        key="xss2024",
        type="webpage",
        title="</script><img src=x onerror=alert(7)>",
        provenance=[Provenance(source="xss")],
    )
    link = ReferenceLink("x1", "xss2024", "<script>alert(8)</script>")
    return [doc], [ref], [verdict], [link]


def test_hostile_text_is_escaped_and_shown_as_written() -> None:
    docs, refs, verdicts, links = hostile_inputs()
    html = render_view(
        docs, refs, verdicts, links, bibtex={"xss2024": "@misc{xss2024, note={</script>}}"}, title="<b>T</b>"
    )
    assert (
        "<script>alert" not in html and "<img" not in html and "onerror=alert" not in html.replace("onerror=alert(", "")
    )
    tree = lxml.html.document_fromstring(html)
    assert [s.get("type") for s in tree.iter("script")] == ["application/json", None]
    assert not list(tree.iter("img")) and not list(tree.iter("b"))
    for el in tree.iter():
        assert not any(name.startswith("on") for name in el.attrib)
    check_page(html, docs, verdicts)
    doc = docs[0]
    art = articles(tree)["xss"]
    # The whole raw text is on the page, character for character (CR, form feed and all).
    text = "".join(walk_text(b, 0)[0] for b in blocks(art))
    assert text == displayable("".join(doc.quote(p.span) for p in doc.blocks))
    assert "\r\n" in text
    assert art.find(".//h2").text == "<script>alert('t')</script> &amp;"
    assert tree.find(".//title").text == "<b>T</b>"
    # A javascript: URL is shown, never linked.
    assert not list(art.iter("a"))
    assert "javascript:alert(5)" in art.text_content()
    data = view_data(tree)
    assert data["claims"][0]["text"] == "</script><script>alert(6)</script>"
    assert data["refs"]["xss2024"]["bibtex"] == "@misc{xss2024, note={</script>}}"
    assert data["claims"][0]["reading"][0]["reason"] == "<script>alert(8)</script>"


@given(st.text())
def test_safe_json_cannot_end_its_script_element(text: str) -> None:
    out = safe_json({"t": text, "k": [text]})
    assert not re.search("[<>&\u2028\u2029\ud800-\udfff\ufffe\uffff\x7f-\x9f]", out)
    assert json.loads(out) == {"t": text, "k": [text]}


@given(st.text())
def test_displayable_keeps_length_and_is_html_safe(text: str) -> None:
    shown = displayable(text)
    assert len(shown) == len(text)
    assert all(
        a == b
        for a, b in zip(shown, text, strict=True)
        if b.isprintable() and not 0xD800 <= ord(b) <= 0xDFFF and b not in "\ufffe\uffff"
    )
    lxml.html.fromstring("<p></p>").text = shown  # lxml refuses what XML cannot carry


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(full_corpora())
def test_any_bundle_renders_with_exact_offsets(
    corpus: tuple[list[Document], list[Reference], list[Verdict], list[ReferenceLink]],
) -> None:
    docs, refs, verdicts, links = corpus
    check_page(render_view(docs, refs, verdicts, links), docs, verdicts)


# --- citations -------------------------------------------------------------------------------------------


HULL = Person(family="Hull", given="Cordell")
ROE = Person(family="Roe", given="Jane")


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (
            Reference(
                type="book",
                title="Loans and Legitimacy",
                authors=[Person(family="Sibley", given="Katherine A. S.")],
                place="Lexington",
                publisher="University Press of Kentucky",
                year="1996",
            ),
            "Sibley, Katherine A. S. Loans and Legitimacy. Lexington: University Press of Kentucky, 1996.",
        ),
        (
            Reference(
                type="book",
                title="Why Recognize?",
                authors=[HULL, ROE],
                publisher="Macmillan",
                year="1948",
                edition="2",
            ),
            "Hull, Cordell, and Jane Roe. Why Recognize? 2 ed. Macmillan, 1948.",
        ),
        (
            Reference(
                type="article-journal",
                title="Recognition",
                container_title="Journal of History",
                authors=[HULL, ROE, Person(family="Doe", given="J.")],
                volume="3",
                issue="2",
                pages="10-20",
                year="1970",
            ),
            "Hull, Cordell, Jane Roe, and J. Doe. “Recognition.” Journal of History 3, no. 2 (1970): 10-20.",
        ),
        (
            Reference(
                type="chapter",
                title="The Talks",
                container_title="Diplomacy",
                editors=[ROE],
                pages="1-9",
                place="New York",
                publisher="Knopf",
                year="1980",
                authors=[HULL],
            ),
            "Hull, Cordell. “The Talks.” In Diplomacy, edited by Jane Roe, 1-9. New York: Knopf, 1980.",
        ),
        (
            Reference(type="book", title="Documents", editors=[ROE, HULL], year="2002"),
            "Roe, Jane, and Cordell Hull, eds. Documents. 2002.",
        ),
        (
            Reference(type="webpage", title="On This Day", date="2011-11-16", url="https://example.org/a"),
            "“On This Day.” November 16, 2011. https://example.org/a.",
        ),
        (
            Reference(type="article-newspaper", title="Talks Begin", container_title="The Times", date="1933-11"),
            "“Talks Begin.” The Times, November 1933.",
        ),
        (
            Reference(
                type="book", authors=[Person(family=f"A{i}", given="B") for i in range(12)], title="Many", year="2000"
            ),
            "A0, B, B A1, B A2, B A3, B A4, B A5, B A6, et al. Many. 2000.",
        ),
        (Reference(raw="Unparseable thing, 1999"), "Unparseable thing, 1999"),
        (
            Reference(type="report", title="Annual Report", publisher="State Department", year="1934"),
            "Annual Report. Report, State Department, 1934.",
        ),
        (
            Reference(type="book", title="DOI book", doi="10.1000/x", year="2001"),
            "DOI book. 2001. https://doi.org/10.1000/x.",
        ),
    ],
)
def test_chicago_citations(ref: Reference, expected: str) -> None:
    assert format_citation(ref) == expected


def test_citation_italics() -> None:
    ref = Reference(type="article-journal", title="Recognition", container_title="Journal of History", year="1970")
    assert [t for t, italic in citation_parts(ref) if italic] == ["Journal of History"]
    book = Reference(title="A Book", year="1970")
    assert citation_parts(book) == [("A Book", True), (". 1970.", False)]


# --- the CLI ---------------------------------------------------------------------------------------------


def _bundle(tmp_path: Path) -> Path:
    doc = analyze(source_from_text("One claim here. Another one.", "tiny"))
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "index.html").write_text(render_view([doc], [], []), encoding="utf-8")
    return tmp_path


def test_cli_view_prints_the_path(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    out = io.StringIO()
    assert main(["view", str(bundle), "--print-path"], out) == 0
    assert out.getvalue() == f"{(bundle / 'index.html').resolve()}\n"
    out = io.StringIO()
    assert main(["view", str(bundle / "index.html"), "--print-path"], out) == 0
    assert out.getvalue().strip() == str((bundle / "index.html").resolve())
    assert find_view(bundle) == (bundle / "index.html").resolve()


def test_cli_view_of_a_folder_without_a_page_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["view", str(tmp_path)], io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith("annotate: error: ") and "index.html" in err and err[-1] == "\n" and err.count("\n") == 1


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the no-browser case is set up with Linux's browser lookup"
)
def test_cli_view_without_a_browser_prints_the_path(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path / "b")
    empty = tmp_path / "bin"
    empty.mkdir()
    # No display and nothing on PATH: Python's webbrowser finds no browser at all.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")}
    env["PATH"] = str(empty)
    proc = subprocess.run(
        [sys.executable, "-m", "annotate.cli", "view", str(bundle)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{(bundle / 'index.html').resolve()}\n"
