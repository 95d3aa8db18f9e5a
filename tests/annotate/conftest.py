"""Fixtures for the TEI, Web Annotation and bundle tests: the TEI schema and generated corpora.

The TEI P5 schema (``../shared/tei/tei_all.rng``) takes 10-20 s to compile with lxml, so it is
compiled once per session. The generators build documents two ways: through the real pipeline
(:func:`corpus.analyze.analyze` on generated text) and by hand (arbitrary sections, every passage
kind, characters XML cannot carry), so the export meets shapes the seed texts never show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import strategies as st
from lxml import etree

from annotate.model import (
    AnnotatedCorpus,
    Claim,
    Conflict,
    DateValue,
    Entity,
    Evidence,
    Facets,
    Label,
    Origin,
    Quantity,
    ReferenceLink,
    Relation,
    Verdict,
)
from annotate.pipeline import annotate
from bibliography.model import Person, Provenance, Reference
from corpus.analyze import analyze
from corpus.load import embedded_sources, source_from_text
from corpus.model import (
    Document,
    IndexTerm,
    IndexTermKind,
    Metadata,
    Passage,
    PassageKind,
    Removal,
    Source,
    Span,
)
from corpus.textview import clean_view
from tests.conftest import shared_dir

# --- the schema -------------------------------------------------------------------------------------


def tei_schema_path() -> Path:
    return shared_dir() / "tei" / "tei_all.rng"


@pytest.fixture(scope="session")
def tei_schema() -> etree.RelaxNG:
    path = tei_schema_path()
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared beside the clone")
        pytest.skip(f"{path} not found (set CITETRACE_SHARED)")
    return etree.RelaxNG(etree.parse(str(path)))


@pytest.fixture(scope="session")
def validate(tei_schema: etree.RelaxNG) -> Callable[[bytes], list[str]]:
    """Validate TEI bytes; re-parsing from bytes is what catches duplicate or malformed xml:ids."""

    def run(data: bytes) -> list[str]:
        try:
            doc = etree.fromstring(data).getroottree()
        except etree.XMLSyntaxError as exc:
            return [f"parse: {exc}"]
        if tei_schema.validate(doc):
            return []
        return [f"line {e.line}: {e.message}" for e in tei_schema.error_log]

    return run


def jing(files: Sequence[Path]) -> tuple[int, str] | None:
    """Run jing over files (one JVM for all); None when jing is not installed."""
    exe = shutil.which("jing")
    if exe is None or not tei_schema_path().is_file():
        return None
    proc = subprocess.run(
        [exe, str(tei_schema_path()), *map(str, files)], capture_output=True, text=True, timeout=300, check=False
    )
    noise = ("[warning]",)
    out = "\n".join(ln for ln in (proc.stdout + proc.stderr).splitlines() if not ln.startswith(noise))
    return proc.returncode, out


# --- corpora through the real pipeline --------------------------------------------------------------

_WORDS = [
    "the",
    "treaty",
    "was",
    "signed",
    "in",
    "1933",
    "Roosevelt",
    "Litvinov",
    "Moscow",
    "“recognition”",
    "café",
    "naïve",
    "sixteen",
    "years",
    "A&B",
    "<i>",
    "x<y",
    "é",
    "—",
    "’s",
]


@st.composite
def prose(draw: st.DrawFn, sentences: int = 3) -> str:
    out = []
    for _ in range(draw(st.integers(1, sentences))):
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=10))
        sentence = " ".join(words)
        if draw(st.booleans()):
            sentence = f"“{sentence}”"
        out.append(sentence[0].upper() + sentence[1:] + ".")
    return " ".join(out)


@st.composite
def raw_texts(draw: st.DrawFn) -> str:
    blocks = [draw(st.sampled_from(["A Title Of Things", "On This Day: A Treaty"]))]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["p", "p", "p", "h", "bib", "ctl"]))
        if kind == "h":
            blocks.append(draw(st.sampled_from(["Summary of Event", "Further Reading", "History"])))
        elif kind == "bib":
            blocks.append("Hull, Cordell. The Memoirs of Cordell Hull. New York: Macmillan, 1948. Memoirs.")
        elif kind == "ctl":
            blocks.append(draw(prose()) + " Form\x0cfeed and\x01odd " + draw(prose(1)))
        else:
            blocks.append(draw(prose()))
    sep = draw(st.sampled_from(["\n\n", "\r\n\r\n", "\n \n"]))
    return sep.join(blocks) + "\n"


@st.composite
def analyzed_corpora(draw: st.DrawFn) -> list[Document]:
    n = draw(st.integers(1, 3))
    return [analyze(source_from_text(draw(raw_texts()), f"gen{i}")) for i in range(n)]


# --- hand-built documents ---------------------------------------------------------------------------

_SECTIONS = ["Intro", "Further Reading", "B:", "back\\slash", "tab\there", "ctl\x01x", ""]
_BLOCK_KINDS = [k for k in PassageKind if k is not PassageKind.SENTENCE]
_TEXT_CHARS = st.sampled_from(
    [*list("abcdefghij ABC.,;:-'’“”\"«»&<>[]"), "\x01", "\x0c", "\ufffe", "\r", "\t", "é", "𝔘"]
)


@st.composite
def block_text(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.text(_TEXT_CHARS, min_size=1, max_size=8), min_size=1, max_size=12))
    seps = [draw(st.sampled_from([" ", " ", "  ", "\n", "\r\n   ", ". ", ". "])) for _ in words]
    text = "".join(w + s for w, s in zip(words, seps, strict=True))
    return "Q" + text + "Z"


@st.composite
def built_documents(draw: st.DrawFn, sid: str) -> Document:
    raw_parts: list[str] = []
    removed: list[tuple[int, int]] = []
    ranges: list[tuple[int, int, PassageKind, tuple[str, ...]]] = []
    pos = 0

    def add(text: str) -> None:
        nonlocal pos
        raw_parts.append(text)
        pos += len(text)

    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(_BLOCK_KINDS))
        section = tuple(draw(st.lists(st.sampled_from(_SECTIONS), max_size=3)))
        start = pos
        for _ in range(draw(st.integers(1, 3))):
            add(draw(block_text()))
            if draw(st.booleans()):
                junk = draw(st.sampled_from(["[kw]junk", "<italic>", "\u00ad"]))
                removed.append((pos, pos + len(junk)))
                add(junk)
                add(" ")
        ranges.append((start, pos, kind, section))
        add(draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"])))
    raw = "".join(raw_parts)
    passages: list[Passage] = []
    counts: dict[PassageKind, int] = {}
    for start, end, kind, section in ranges:
        text, offsets = clean_view(raw, start, end, removed)
        if not text:
            continue
        counts[kind] = counts.get(kind, 0) + 1
        pid = f"{sid}.{kind.value}{counts[kind]}"
        passages.append(Passage(pid, kind, text, Span(sid, offsets[0], offsets[-1] + 1), offsets, section))
        if kind in (PassageKind.PARAGRAPH, PassageKind.LIST_ITEM) or draw(st.booleans()):
            s = 0
            k = 0
            while s < len(text):
                cut = text.find(". ", s)
                e = len(text) if cut < 0 else cut + 1
                piece = text[s:e]
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                if piece.strip():
                    k += 1
                    sub = offsets.sub(s + lead, e - trail)
                    passages.append(
                        Passage(
                            f"{pid}.s{k}",
                            PassageKind.SENTENCE,
                            text[s + lead : e - trail],
                            Span(sid, sub[0], sub[-1] + 1),
                            sub,
                            section,
                            parent=pid,
                        )
                    )
                s = e + 1
    removals = [
        Removal(Span(sid, a, b), draw(st.sampled_from(["index_markup", "markup_residue"])), "why\x01")
        for a, b in removed
    ]
    terms = []
    for kind in draw(st.lists(st.sampled_from(list(IndexTermKind)), max_size=5)):
        span = Span(sid, 0, min(3, len(raw))) if draw(st.booleans()) else None
        terms.append(
            IndexTerm(
                kind,
                draw(st.sampled_from(["Stalin, Joseph", "Soviet Union", "A;B", "t\x02"])),
                draw(st.sampled_from([None, "sub", "x\x0c"])),
                span,
            )
        )
    metadata = Metadata(
        title=draw(st.sampled_from([None, "A Title", "Ctl\x01 title"])),
        authors=draw(st.lists(st.sampled_from(["findingDulcinea Staff", "Jane Roe", "O’Neil"]), max_size=2)),
        date=draw(st.sampled_from([None, "2011-11-16T05:00", "1933-11", "2022-02-30", "1933"])),
        updated=draw(st.sampled_from([None, "2022-11-10"])),
        publisher=draw(st.sampled_from([None, "Salem"])),
        url=draw(st.sampled_from([None, "https://example.org/a b"])),
        retrieved=draw(st.sampled_from([None, "2024-01-02"])),
        language=draw(st.sampled_from([None, "en", "not a lang"])),
        index_terms=terms,
    )
    source = Source(
        id=sid,
        raw=raw,
        sha256=source_from_text(raw, sid).sha256,
        metadata=metadata,
        path=draw(st.sampled_from([None, "a/b.txt"])),
        encoding=draw(st.sampled_from(["utf-8", "cp1252"])),
        warnings=draw(st.lists(st.sampled_from(["w1", "odd\x0b"]), max_size=2)),
    )
    return Document(source, passages, removals)


@st.composite
def built_corpora(draw: st.DrawFn) -> list[Document]:
    n = draw(st.integers(1, 3))
    return [draw(built_documents(f"doc{i}")) for i in range(n)]


# --- references, claims, verdicts, links ------------------------------------------------------------

_PEOPLE = [
    Person(family="Hull", given="Cordell"),
    Person(family="Beethoven", given="Ludwig", particle="van", suffix="Jr."),
    Person(literal="U.S. Army"),
    Person(family="Ctl\x01"),
]


@st.composite
def references_for(draw: st.DrawFn, docs: Sequence[Document]) -> list[Reference]:
    refs: list[Reference] = []
    sids = [d.source.id for d in docs]
    bibs = [p for d in docs for p in d.passages if p.kind is PassageKind.BIBLIOGRAPHY_ENTRY]
    for i, sid in enumerate(sids):
        refs.append(
            Reference(
                key=f"src{i}:web" if i % 2 else f"src{i}",
                type="webpage",
                title=f"Source {i}",
                authors=draw(st.lists(st.sampled_from(_PEOPLE), max_size=2)),
                note="sha256:" + "0" * 64,
                provenance=(Provenance(source=sid),),
                confidence={"title": 1.0},
            )
        )
    for j, p in enumerate(bibs):
        container = draw(st.sampled_from([None, "Journal of Things"]))
        refs.append(
            Reference(
                key=f"entry{j}",
                type="article-journal" if container else draw(st.sampled_from(["book", "chapter", "report"])),
                title=draw(st.sampled_from([None, "A Book", "Ctl\x0c title"])),
                container_title=container,
                collection_title=draw(st.sampled_from([None, "Series"])),
                authors=draw(st.lists(st.sampled_from(_PEOPLE), max_size=3)),
                editors=draw(st.lists(st.sampled_from(_PEOPLE), max_size=1)),
                translators=draw(st.lists(st.sampled_from(_PEOPLE), max_size=1)),
                volume=draw(st.sampled_from([None, "3"])),
                issue=draw(st.sampled_from([None, "2"])),
                pages=draw(st.sampled_from([None, "10-20"])),
                edition=draw(st.sampled_from([None, "2nd"])),
                number_of_volumes=draw(st.sampled_from([None, "4"])),
                place=draw(st.sampled_from([None, "New York"])),
                publisher=draw(st.sampled_from([None, "Macmillan"])),
                year=draw(st.sampled_from([None, "1948", "1970-1972", "n.d."])),
                date=draw(st.sampled_from([None, "1948-02", "2022-02-30"])),
                original_year=draw(st.sampled_from([None, "1900"])),
                url=draw(st.sampled_from([None, "https://example.org"])),
                doi=draw(st.sampled_from([None, "10.1000/xyz"])),
                isbn=draw(st.sampled_from([None, "978-3-16-148410-0"])),
                accessed=draw(st.sampled_from([None, "2024-05-01"])),
                annotation=draw(st.sampled_from([None, "Useful survey."])),
                unparsed=draw(st.sampled_from([None, "leftover"])),
                raw=p.text,
                provenance=(Provenance(source=p.source, start=p.start, end=p.end, passage=p.id),),
                confidence=draw(st.sampled_from([{}, {"title": 0.5, "type": 0.25}])),
            )
        )
    # One reference no written source homes, and one homed in a passage that is not an entry.
    refs.append(Reference(key="orphan1999", title="Orphan", provenance=(Provenance(source="elsewhere"),)))
    paras = [p for d in docs for p in d.passages if p.kind is PassageKind.PARAGRAPH]
    if paras and draw(st.booleans()):
        p = paras[0]
        refs.append(
            Reference(key="inline2000", title="Inline", provenance=(Provenance(source=p.source, passage=p.id),))
        )
    return refs


_FACETS = [
    Facets(),
    Facets(
        dates=(DateValue("1933-11-16", "1933-11-16", "day", "Nov. 16, 1933", (3, 16), time="05:00"),),
        quantities=(Quantity(16, "year", "16 years", (0, 8)), Quantity(2.5, None, "2.5", (9, 12), qualifier="about")),
        entities=(Entity("place:soviet-union", "Soviet Union", "place", "USSR", (4, 8), via="alias", metonym_of=()),),
    ),
    Facets(dates=(DateValue("1930-01-01", "1939-12-31", "decade", "the 1930’s", (0, 10), approximate=True),)),
]


@st.composite
def verdicts_for(draw: st.DrawFn, docs: Sequence[Document]) -> list[Verdict]:
    sentences = [p for d in docs for p in d.passages if p.text.strip()]
    out: list[Verdict] = []
    raws = {d.source.id: d.source.raw for d in docs}
    for i in range(draw(st.integers(0, 4))):
        cid = f"c{i}"
        evidence: list[Evidence] = []
        if sentences:
            for _ in range(draw(st.integers(0, 3))):
                p = draw(st.sampled_from(sentences))
                a = draw(st.integers(p.start, p.end - 1))
                b = draw(st.integers(a + 1, p.end))
                evidence.append(
                    Evidence(
                        claim=cid,
                        passage=p.id,
                        span=Span(p.source, a, b),
                        quote=raws[p.source][a:b],
                        relation=draw(st.sampled_from(list(Relation))),
                        score=draw(st.sampled_from([0.0, 0.5, 1.25, 3.0, 1e-07])),
                        matched=draw(st.lists(st.sampled_from(["date 1933-11-16", "entity x\x01"]), max_size=2)),
                        conflicts=draw(
                            st.lists(st.sampled_from(["date: claim 1933-11-17, source 1933-11-16"]), max_size=1)
                        ),
                        cite_key=draw(st.sampled_from([None, "src0"])),
                    )
                )
        extracted = bool(evidence) and draw(st.booleans())
        first = evidence[0] if evidence else None
        claim = Claim(
            id=cid,
            text=draw(st.sampled_from(["Relations began in 1933.", "It ended\x01 “soon”.", " spaced "])),
            facets=draw(st.sampled_from(_FACETS)),
            origin=Origin.EXTRACTED if extracted else Origin.SUPPLIED,
            passage=first.passage if extracted and first else None,
            span=first.span if extracted and first else None,
            speaker=draw(st.sampled_from([None, "Hull"])),
            quoted_by=draw(st.sampled_from([None, "src0"])),
        )
        conflicts: list[Conflict] = []
        if len(evidence) >= 2 and draw(st.booleans()):
            conflicts.append(Conflict(cid, "date", evidence[0], evidence[1], "1933-11-16", "1933-11-17"))
        label = Label.NOT_ENOUGH_INFO if not evidence else draw(st.sampled_from(list(Label)))
        out.append(
            Verdict(
                claim=claim,
                label=label,
                evidence=evidence if draw(st.booleans()) or label is not Label.NOT_ENOUGH_INFO else (),
                explanation=draw(st.sampled_from(["", "Two sources agree on the date."])),
                corroborated=draw(st.booleans()),
                conflicts=conflicts,
            )
        )
    return out


@st.composite
def links_for(
    draw: st.DrawFn, docs: Sequence[Document], refs: Sequence[Reference], verdicts: Sequence[Verdict]
) -> list[ReferenceLink]:
    targets = [p.id for d in docs for p in d.passages][:10] + [v.claim.id for v in verdicts]
    keys = [r.key for r in refs if r.key]
    if not targets or not keys:
        return []
    return [
        ReferenceLink(
            target=draw(st.sampled_from(targets)),
            key=draw(st.sampled_from(keys)),
            reason=draw(st.sampled_from(["shares: treaty, 1933", "cited"])),
            words=draw(st.lists(st.sampled_from(["treaty", "1933"]), max_size=2)),
            score=draw(st.sampled_from([0.0, 0.75])),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]


@st.composite
def full_corpora(draw: st.DrawFn) -> tuple[list[Document], list[Reference], list[Verdict], list[ReferenceLink]]:
    docs = draw(st.one_of(built_corpora(), analyzed_corpora()))
    refs = draw(references_for(docs))
    verdicts = draw(verdicts_for(docs))
    links = draw(links_for(docs, refs, verdicts))
    return docs, refs, verdicts, links


# --- the embedded corpus through the whole pipeline -------------------------------------------------


@pytest.fixture(scope="session")
def embedded_content() -> AnnotatedCorpus:
    """The embedded corpus with its references, checked extracted claims and links (about 1 s)."""
    return annotate([analyze(s) for s in embedded_sources()])
