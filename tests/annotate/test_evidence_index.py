"""Tests for the BM25 evidence index (annotate.evidence_index)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tantivy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.errors import AnnotateError, EvidenceIndexError
from annotate.evidence_index import EvidenceIndex, query_terms
from annotate.model import Hit
from corpus.model import OffsetMap, Passage, PassageKind, Span

# Four short sources in the genre the library reads: a dated web article, an encyclopedia entry,
# a translated letter and a museum page. Each is a list of blocks, joined by blank lines; headings
# are the blocks without a full stop.
BLOCKS: dict[str, list[str]] = {
    "dulcinea": [
        "On This Day: United States and Soviet Union Establish Diplomatic Relations",
        (
            "On Nov. 16, 1933, the United States established diplomatic relations with the Soviet Union, 16 "
            "years after breaking relations with Russia when the Bolshevik Party came to power."
        ),
        "The Establishment of U.S.-Soviet Relations",
        (
            "In December 1917, a month after the Bolshevik Party seized control of the Russian government, "
            "the United States broke off diplomatic relations with Russia. The U.S. remained hostile until "
            "Franklin Roosevelt became president and sought to establish relations."
        ),
        (
            "Roosevelt hoped that recognition of the Soviet Union would limit Japanese expansionism in Asia "
            "and serve American commercial interests during the Great Depression."
        ),
        (
            "The Soviet Union pledged to end communist propaganda activities in the U.S. and to allow "
            "Americans living in the Soviet Union freedom of worship. The issue of the outstanding debts was "
            "left to be decided later."
        ),
        "History of U.S.-Soviet Relations",
        (
            "The hopes for friendly relations quickly broke down. Not until the outbreak of World War II did "
            "the two countries cooperate, with the U.S. providing arms and material for the fight against "
            "Nazi Germany."
        ),
    ],
    "encyclopedia": [
        "United States Recognizes Russia's Bolshevik Regime",
        "Summary of Event",
        (
            "Prior to 1933 the U.S. government refused to recognize the legitimacy of the Soviet government "
            "because the Bolsheviks had seized power through force rather than democratic means."
        ),
        (
            "During the 1920's American businesses such as General Electric and Standard Oil signed trade "
            "agreements with Soviet agencies, and in 1929 Ford Motor Company contracted to build a plant in "
            "Russia."
        ),
        (
            "Maksim Litvinov, the Soviet commissar for foreign affairs, arrived in Washington in November "
            "1933 and negotiated with Secretary of State Cordell Hull. The Litvinov agreements promised "
            "religious freedom for Americans in the Soviet Union."
        ),
        (
            "William C. Bullitt was appointed the first American ambassador to Moscow, and Alexander "
            "Troyanovsky became the Soviet ambassador in Washington."
        ),
        "Further Reading",
        ("Browder, Robert Paul. The Origins of Soviet-American Diplomacy. Princeton University Press, 1953."),
    ],
    "pliny": [
        "Letter to Tacitus",
        (
            "My uncle was at Misenum in command of the fleet. On the 24th of August, about one in the "
            "afternoon, my mother pointed out a cloud of unusual size and appearance rising from a mountain."
        ),
        (
            "He ordered a light vessel to be got ready and set out to bring help to the people along the "
            "coast, steering straight for the danger zone."
        ),
        (
            "At Stabiae, my uncle lay down on a sail; when the flames and the smell of sulphur drove the "
            "others to flight, he stood up, leaning on two slaves, and then suddenly collapsed and died, "
            "choked by the dense fumes."
        ),
    ],
    "canal": [
        "The Panama Canal",
        (
            "The canal opened to shipping on 15 August 1914, when the cargo ship Ancon passed from the "
            "Atlantic to the Pacific."
        ),
        "Construction",
        (
            "French engineers under Ferdinand de Lesseps began digging in 1881, but disease and bankruptcy "
            "ended their attempt. The United States took over the works in 1904, and the chief engineer "
            "George Goethals completed the locks."
        ),
        ("Malaria and yellow fever killed thousands of workers until William Gorgas organized mosquito control."),
    ],
}
TEXTS: dict[str, str] = {sid: "\n\n".join(blocks) + "\n" for sid, blocks in BLOCKS.items()}

SHA = {sid: format(i, "x") * 64 for i, sid in enumerate(TEXTS, start=1)}


ABBREVIATIONS = {"Nov.", "U.S.", "C.", "Dr.", "St."}


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence ``[start, end)`` pairs: a break at '.?!' + space + capital, unless after an abbreviation."""
    bounds, start = [], 0
    for m in re.finditer(r"[.?!] (?=[A-Z])", text):
        word = text[: m.start() + 1].rsplit(" ", 1)[-1]
        if word not in ABBREVIATIONS:
            bounds.append((start, m.start() + 1))
            start = m.end()
    bounds.append((start, len(text)))
    return bounds


def make_passages(source: str, raw: str) -> list[Passage]:
    """Split ``raw`` into heading/paragraph/bibliography blocks and sentences, offsets exact."""
    out: list[Passage] = []
    section: tuple[str, ...] = ()
    n = 0
    for m in re.finditer(r"[^\n]+", raw):
        text, start = m.group(), m.start()
        n += 1
        pid = f"{source}.p{n}"
        span = Span(source, start, start + len(text))
        omap = OffsetMap.contiguous(start, len(text))
        # Passed as **kwargs: mypy cannot type attrs' ``converter=tuple`` argument in corpus.model.
        under: dict[str, Any] = {"section": section}
        if not text.endswith("."):
            out.append(Passage(pid, PassageKind.HEADING, text, span, omap, **under))
            section = (text,)
            continue
        if section == ("Further Reading",):
            out.append(Passage(pid, PassageKind.BIBLIOGRAPHY_ENTRY, text, span, omap, **under))
            continue
        out.append(Passage(pid, PassageKind.PARAGRAPH, text, span, omap, **under))
        for j, (a, b) in enumerate(sentence_bounds(text), start=1):
            out.append(
                Passage(
                    f"{pid}.s{j}",
                    PassageKind.SENTENCE,
                    text[a:b],
                    Span(source, start + a, start + b),
                    OffsetMap.contiguous(start + a, b - a),
                    parent=pid,
                    **under,
                )
            )
    return out


PASSAGES = {sid: make_passages(sid, raw) for sid, raw in TEXTS.items()}
ALL = [p for ps in PASSAGES.values() for p in ps]


def _dup(pid: str, source: str, text: str) -> Passage:
    return Passage(pid, "sentence", text, Span(source, 0, len(text)), OffsetMap.contiguous(0, len(text)))


def fill(index: EvidenceIndex) -> EvidenceIndex:
    for sid, ps in PASSAGES.items():
        index.add(ps, source_sha256={sid: SHA[sid]})
    return index


@pytest.fixture(scope="module")
def index() -> EvidenceIndex:
    return fill(EvidenceIndex())


def test_fixture_passages_are_offset_exact() -> None:
    for p in ALL:
        assert TEXTS[p.source][p.start : p.end] == p.text
    assert len(ALL) > 40


# -- ranking ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Roosevelt recognized the Soviet Union on November 16, 1933", "dulcinea.p2.s1"),
        ("William Bullitt became the first US ambassador to Moscow", "encyclopedia.p6.s1"),
        ("Pliny the Elder died at Stabiae, choked by fumes", "pliny.p4.s1"),
        ("The Panama Canal opened to ships in August 1914", "canal.p2.s1"),
        ("Litvinov negotiated with Cordell Hull in Washington", "encyclopedia.p5.s1"),
        ("The Soviets promised to stop communist propaganda in America", "dulcinea.p6.s1"),
        ("Gorgas organised mosquito control against malaria", "canal.p5.s1"),
        ("In 1917 the United States broke off relations with Russia", "dulcinea.p4.s1"),
    ],
)
def test_relevant_passage_ranks_first(index: EvidenceIndex, claim: str, expected: str) -> None:
    hits = index.search(claim, k=5, kinds=["sentence"])
    assert hits, claim
    assert hits[0].passage == expected, [(h.passage, round(h.score, 2)) for h in hits]


def test_paragraph_and_its_one_sentence_tie_in_id_order(index: EvidenceIndex) -> None:
    hits = index.search("Ford Motor Company plant in Russia", k=3)
    assert [h.passage for h in hits[:2]] == ["encyclopedia.p4", "encyclopedia.p4.s1"]
    assert hits[0].score == hits[1].score > hits[2].score


def test_hit_fields_come_from_the_passage(index: EvidenceIndex) -> None:
    by_id = {p.id: p for p in ALL}
    for h in index.search("Bolshevik government Russia", k=10):
        p = by_id[h.passage]
        assert (h.source, h.kind, h.start, h.end, h.text, h.section) == (
            p.source,
            p.kind,
            p.start,
            p.end,
            p.text,
            p.section,
        )
        assert h.span == p.span
        assert h.score > 0
        assert h.to_json()["kind"] == p.kind.value
    hit = index.search("chief engineer George Goethals", k=1)[0]
    assert hit.section == ("Construction",)


# -- analysis ---------------------------------------------------------------------------------


def test_query_terms_drop_stop_words_and_stem() -> None:
    assert query_terms("The recognition of the Soviets (1933)!") == ["recognit", "soviet", "1933"]
    assert query_terms("recognized recognizes recognize") == ["recogn"]
    assert query_terms("The Who") == ["the", "who"]  # only stop words: keep them
    assert query_terms("") == []
    assert query_terms("Litvínov's Straße") == ["litvinov", "strass"]


def test_stemming_matches_word_forms(index: EvidenceIndex) -> None:
    # The text says "establish"/"established"/"Establishment"; the claim says "establishing".
    assert index.search("establishing diplomatic relations", k=3)[0].source == "dulcinea"
    # "recognize" (verb) in one passage only; "recognition" (noun) in another.
    found = {h.passage for h in index.search("recognition legitimacy", k=3)}
    assert "encyclopedia.p3" in found  # "refused to recognize the legitimacy"
    verb_hits = {h.passage for h in index.search("recognized", k=20)}
    # recognize, Recognizes (a heading) and recognition
    assert {"encyclopedia.p3", "encyclopedia.p1", "dulcinea.p5"} <= verb_hits
    british = {h.passage for h in index.search("recognised", k=20)}
    assert british == verb_hits
    assert index.search("organized mosquito")[0].passage == index.search("organised mosquito")[0].passage


def test_accents_are_folded(index: EvidenceIndex) -> None:
    hits = index.search("Litvínov", k=10)
    assert {h.passage for h in hits} == {"encyclopedia.p5", "encyclopedia.p5.s1", "encyclopedia.p5.s2"}
    ix = EvidenceIndex()
    ix.add([_dup("x1", "x", "Maksim Litvínov signed in Washington."), _dup("x2", "x", "Hull signed.")])
    assert [h.passage for h in ix.search("Litvinov")] == ["x1"]


def test_unrelated_or_empty_query_returns_nothing(index: EvidenceIndex) -> None:
    assert index.search("zeppelin quasar xylophone") == []
    assert index.search("") == []
    assert index.search("  ,;:!? ") == []
    assert index.search("Roosevelt", k=0) == []
    assert len(index.search("Roosevelt", k=10**9)) == len(index.search("Roosevelt", k=len(ALL)))
    with pytest.raises(EvidenceIndexError, match="k must be"):
        index.search("Roosevelt", k=-1)


# -- filters ----------------------------------------------------------------------------------


def test_kind_filter(index: EvidenceIndex) -> None:
    hits = index.search("Soviet Union", k=50, kinds=[PassageKind.PARAGRAPH, "heading"])
    assert hits
    assert {h.kind for h in hits} == {PassageKind.PARAGRAPH, PassageKind.HEADING}
    assert all(h.kind is PassageKind.SENTENCE for h in index.search("Soviet", k=50, kinds="sentence"))
    assert index.search("Soviet Union", kinds=[]) == []
    unfiltered = index.search("Soviet Union", k=50)
    assert [h for h in unfiltered if h.kind is PassageKind.PARAGRAPH] == index.search(
        "Soviet Union", k=50, kinds={"paragraph"}
    )


def test_unknown_kind_is_refused(index: EvidenceIndex) -> None:
    with pytest.raises(EvidenceIndexError, match="paragraphs"):
        index.search("Soviet", kinds=["paragraphs"])


def test_source_filter(index: EvidenceIndex) -> None:
    hits = index.search("United States", k=50, sources=["canal"])
    assert hits
    assert {h.source for h in hits} == {"canal"}
    assert index.search("United States", sources=["nope"]) == []
    assert index.search("United States", sources=[]) == []
    both = index.search("United States", k=50, sources={"canal", "pliny"}, kinds=["sentence"])
    assert {h.source for h in both} == {"canal"}
    assert all(h.kind is PassageKind.SENTENCE for h in both)


def test_filter_does_not_change_scores(index: EvidenceIndex) -> None:
    plain = {h.passage: h.score for h in index.search("Soviet ambassador Washington", k=50)}
    for h in index.search("Soviet ambassador Washington", k=50, sources=["encyclopedia"]):
        assert h.score == plain[h.passage]


# -- bookkeeping ------------------------------------------------------------------------------


def test_len_contains_sources(index: EvidenceIndex) -> None:
    assert len(index) == len(ALL)
    assert "pliny.p2" in index
    assert "pliny.p99" not in index
    assert 42 not in index
    assert index.sources() == set(TEXTS)
    assert index.indexed_sources() == SHA


def test_readding_replaces_instead_of_duplicating() -> None:
    ix = fill(EvidenceIndex())
    p = PASSAGES["canal"][2]
    assert ix.add([p, p]) == 2  # twice in one call
    assert ix.add([p]) == 1  # and again in a later call
    assert len(ix) == len(ALL)
    assert [h.passage for h in ix.search(p.text, k=50)].count(p.id) == 1
    changed = _dup(p.id, p.source, "Quetzalcoatl was seen near the locks.")
    ix.add([changed])
    assert len(ix) == len(ALL)
    assert [h.text for h in ix.search("Quetzalcoatl")] == [changed.text]
    assert p.id not in {h.passage for h in ix.search(p.text, k=50) if h.text == p.text}


def test_same_id_in_two_sources_kept_apart() -> None:
    ix = EvidenceIndex()
    a = _dup("p1", "a", "Goethals finished the locks.")
    b = _dup("p1", "b", "Gorgas fought yellow fever.")
    ix.add([a])
    ix.add([b])
    assert len(ix) == 2
    assert ix.search("Goethals")[0].source == "a"
    assert ix.sources() == {"a", "b"}
    assert ix.indexed_sources() == {}


def test_new_hash_replaces_a_sources_passages() -> None:
    ix = fill(EvidenceIndex())
    short = PASSAGES["pliny"][:2]
    assert ix.add(short, source_sha256={"pliny": "f" * 64}) == 2
    assert len(ix) == len(ALL) - len(PASSAGES["pliny"]) + 2
    assert ix.indexed_sources()["pliny"] == "f" * 64
    assert ix.search("Stabiae sulphur", sources=["pliny"]) == []


@pytest.mark.parametrize("bad", ["", "abc", "A" * 64, "g" * 64])
def test_bad_hash_refused(bad: str) -> None:
    with pytest.raises(EvidenceIndexError, match="pliny"):
        EvidenceIndex().add(PASSAGES["pliny"], source_sha256={"pliny": bad})


def test_failed_add_changes_nothing_and_releases_the_lock() -> None:
    ix = fill(EvidenceIndex())

    def broken() -> Iterator[Passage]:
        yield Passage("new.p1", "paragraph", "Quetzal", Span("new", 0, 7), OffsetMap.contiguous(0, 7))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        ix.add(broken())
    assert len(ix) == len(ALL)
    assert "new.p1" not in ix
    assert ix.add(PASSAGES["canal"][:1]) == 1  # a writer can be opened again


# -- determinism ------------------------------------------------------------------------------


def test_ties_are_ordered_by_passage_id() -> None:
    text = "The treaty was signed in Moscow."
    ids = [f"d{i:03d}" for i in range(60)]
    shuffled = ids[::7] + [i for i in ids if i not in ids[::7]]
    ix = EvidenceIndex()
    # Several commits make several segments, so the engine's own order is not id order.
    for chunk in (shuffled[:20], shuffled[20:45], shuffled[45:]):
        ix.add([_dup(i, "src", text) for i in chunk])
    hits = ix.search("treaty signed Moscow", k=5)
    assert [h.passage for h in hits] == ids[:5]
    assert len({h.score for h in hits}) == 1
    assert [h.passage for h in ix.search("treaty", k=60)] == ids


def test_same_hits_whatever_the_insertion_order() -> None:
    forward = EvidenceIndex()
    forward.add(ALL)
    backward = EvidenceIndex()
    for p in reversed(ALL):
        backward.add([p])
    for q in ["Soviet Union relations", "United States", "engineer locks 1904", "my uncle"]:
        assert forward.search(q, k=15) == backward.search(q, k=15)


# -- on disk ----------------------------------------------------------------------------------


def test_reopened_index_returns_same_hits(tmp_path: Path) -> None:
    where = tmp_path / "deep" / "idx"
    first = fill(EvidenceIndex(where))
    queries = ["Roosevelt recognized the Soviet Union", "Panama canal opened", "uncle died at Stabiae"]
    before = {q: first.search(q, k=8) for q in queries}
    assert first.path == where
    del first
    again = EvidenceIndex(str(where))
    assert {q: again.search(q, k=8) for q in queries} == before
    assert len(again) == len(ALL)
    assert again.indexed_sources() == SHA
    # A reopened index takes more passages, which a third instance then sees.
    extra = _dup("extra.s1", "extra", "A zeppelin crossed the Atlantic in 1924.")
    assert again.add([extra]) == 1
    assert EvidenceIndex(where).search("zeppelin")[0].passage == "extra.s1"


def test_empty_directory_is_used(tmp_path: Path) -> None:
    ix = EvidenceIndex(tmp_path)
    assert len(ix) == 0
    assert ix.sources() == set()
    assert ix.search("anything") == []
    assert len(EvidenceIndex(tmp_path)) == 0


def test_non_index_paths_are_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(EvidenceIndexError, match=re.escape(str(tmp_path))):
        EvidenceIndex(tmp_path)
    with pytest.raises(EvidenceIndexError, match="not a directory"):
        EvidenceIndex(tmp_path / "notes.txt")


def test_corrupt_index_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good"
    fill(EvidenceIndex(good))
    meta = tmp_path / "meta"
    shutil.copytree(good, meta)
    (meta / "meta.json").write_text("{not json", encoding="utf-8")
    missing = tmp_path / "missing"
    shutil.copytree(good, missing)
    for f in missing.glob("*.store"):
        f.unlink()
    for bad in (meta, missing):
        with pytest.raises(EvidenceIndexError, match=re.escape(str(bad))) as info:
            EvidenceIndex(bad)
        assert "\n" not in str(info.value)
        assert isinstance(info.value, AnnotateError)
        assert isinstance(info.value, ValueError)


def test_corrupt_index_of_ours_is_rebuilt_on_request(tmp_path: Path) -> None:
    path = tmp_path / "ix"
    fill(EvidenceIndex(path))
    for f in path.glob("*.store"):
        f.write_bytes(b"garbage")
    with pytest.raises(EvidenceIndexError, match="corrupt or unreadable"):
        EvidenceIndex(path)
    rebuilt = EvidenceIndex(path, rebuild=True)
    assert rebuilt.rebuilt is not None and "corrupt or unreadable" in rebuilt.rebuilt
    assert len(rebuilt) == 0
    fill(rebuilt)
    again = EvidenceIndex(path, rebuild=True)
    assert again.rebuilt is None and len(again) == len(rebuilt) > 0


def test_other_tantivy_index_is_never_rebuilt(tmp_path: Path) -> None:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("body", stored=True)
    tantivy.Index(sb.build(), path=str(tmp_path))
    with pytest.raises(EvidenceIndexError, match="not a citetrace evidence index"):
        EvidenceIndex(tmp_path, rebuild=True)
    assert (tmp_path / "meta.json").is_file()


def test_other_tantivy_index_is_refused(tmp_path: Path) -> None:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("body", stored=True)
    tantivy.Index(sb.build(), path=str(tmp_path))
    with pytest.raises(EvidenceIndexError, match="not a citetrace evidence index"):
        EvidenceIndex(tmp_path)


def test_second_writer_is_refused(tmp_path: Path) -> None:
    ix = fill(EvidenceIndex(tmp_path))
    other = EvidenceIndex(tmp_path)
    held = other._index.writer()  # another writer, as another process would hold it
    with pytest.raises(EvidenceIndexError, match="one writer at a time"):
        ix.add(PASSAGES["canal"][:1])
    del held
    assert ix.add(PASSAGES["canal"][:1]) == 1


# -- model ------------------------------------------------------------------------------------


def test_hit_validation() -> None:
    with pytest.raises(ValueError, match="before start"):
        Hit("p", "s", "paragraph", 5, 4, "x", (), 1.0)
    with pytest.raises(ValueError, match="start"):
        Hit("p", "s", "paragraph", -1, 4, "x", (), 1.0)
    with pytest.raises(ValueError, match="passage"):
        Hit("", "s", "paragraph", 0, 4, "x", (), 1.0)
    with pytest.raises(ValueError, match="no-such-kind"):
        Hit("p", "s", "no-such-kind", 0, 4, "x", (), 1.0)


# -- arbitrary input ------------------------------------------------------------------------------

SYNTAX = [
    '"',
    "'",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "AND",
    "OR",
    "NOT",
    "*",
    "^",
    "~",
    "+",
    "-",
    "\\",
    "/",
    "!",
    "text:",
    "id:",
    "IN",
    "TO",
    "..",
    "Soviet",
    "Roosevelt",
    "1933",
    "é",
    "日本",
    "\u200b",
    "\x00",
    "𝔘𝔖𝔖ℜ",
    " ",
    "x" * 60,
]
queries = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(SYNTAX), max_size=30).map(" ".join),
    st.lists(st.sampled_from(SYNTAX), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries, k=st.integers(min_value=0, max_value=25))
def test_arbitrary_queries_never_raise(index: EvidenceIndex, query: str, k: int) -> None:
    hits = index.search(query, k)
    assert len(hits) <= k
    keys = [(-h.score, h.passage, h.source) for h in hits]
    assert keys == sorted(keys)
    assert len({(h.source, h.passage) for h in hits}) == len(hits)
    assert index.search(query, k) == hits


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(sorted({w for t in TEXTS.values() for w in t.split()})), max_size=12))
def test_top_k_is_a_prefix_of_a_longer_list(index: EvidenceIndex, words: list[str]) -> None:
    query = " ".join(words)
    ten = index.search(query, k=10)
    assert index.search(query, k=3) == ten[:3]
    assert index.search(query, k=40)[:10] == ten


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(sorted({w for t in TEXTS.values() for w in t.split()})), max_size=12),
       k=st.integers(min_value=0, max_value=25))  # fmt: skip
def test_search_ids_are_the_hits_of_search(index: EvidenceIndex, words: list[str], k: int) -> None:
    query = " ".join(words)
    assert index.search_ids(query, k) == [(h.source, h.passage, h.score) for h in index.search(query, k)]


_QUERY_WORDS = ["recognized", "recognition", "recognised", "Soviet", "Roosevelt", "relations", "the", "1933", "broke"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries=st.lists(st.lists(st.sampled_from(_QUERY_WORDS), min_size=1, max_size=5).map(" ".join), max_size=6))
def test_kept_word_queries_rank_as_queries_built_afresh(index: EvidenceIndex, queries: list[str]) -> None:
    # The index keeps each word's query once built; an index that has answered many queries ranks
    # as a new one over the same passages, and the same query twice gives the same hits.
    fresh = fill(EvidenceIndex())
    for q in queries:
        first = index.search_ids(q, 5)
        assert index.search_ids(q, 5) == first
        assert fresh.search_ids(q, 5) == first
