"""The learned field labeler: tokens, features, Viterbi, the packaged model and the fields it fills."""

from __future__ import annotations

import json
import re
from importlib import resources

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from bibliography.model import Person, Reference
from bibliography.parse.combine import choose
from bibliography.parse.crf import Model, load_model, viterbi
from bibliography.parse.dates import MARKER_WORDS
from bibliography.parse.draft import _Draft
from bibliography.parse.labelled import (
    Run,
    _comma_journal,
    _container_editors,
    _container_volume,
    _in_container,
    _in_title,
    _issue_markers,
    _last_author,
    _lone_container,
    _put,
    _quoted_title,
    _role_words,
    _section_letters,
    _title_edition,
    _trailing_container,
    label_runs,
)
from bibliography.parse.reference import _parse, parse_reference
from bibliography.parse.tokens import token_features, tokenize


@given(st.text(max_size=120))
def test_tokens_are_the_word_runs_with_their_offsets(text):
    toks = tokenize(text)
    assert [t.text for t in toks] == re.findall(r"[^\W_]+", text)
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert len(token_features(toks, text)) == len(toks)


def test_features_read_the_punctuation_around_a_token():
    text = "Carter, A. (1999)."
    feats = token_features(tokenize(text), text)
    assert {"w=1999", "k=year", "p<=_(", "p>=).", "in_brackets"} <= set(feats[2])
    assert "-1=START" in feats[0] and "+1=END" in feats[2]


def test_viterbi_follows_transitions():
    # Emissions alone prefer "b" for the second token; a strong a->a transition overrides them.
    model = Model(["a", "b"], [[5.0, 0.0], [0.0, 0.0]], [1.0, 0.0], [0.0, 0.0], {"x": {1: 1.0}})
    assert viterbi(model, [["y"], ["x"]]) == [0, 0]
    model.transitions[0][0] = 0.0
    assert viterbi(model, [["y"], ["x"]]) == [0, 1]


def test_packaged_model_states_its_data_and_dev_figures():
    text = resources.files("bibliography").joinpath("data", "parser_model.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert len(text) < 2_500_000
    assert {"anystyle", "grobid"} <= set(data["data"])
    assert "train only" in data["data"]["splits"]
    assert all(0.0 < v["field_f1"] <= 1.0 for v in data["dev_figures"].values())
    model = load_model()
    assert model.labels[0] == "other" and len(model.transitions) == len(model.labels)


def test_journal_article_fields():
    ref = parse_reference(
        "Carter, A. B., and D. Evans. 1999. Slow neutrons in thin films. Physics Letters B 12 (3): 345-350.",
        learned=True,
    )
    assert [(p.family, p.given) for p in ref.authors] == [("Carter", "A. B."), ("Evans", "D.")]
    assert (ref.title, ref.container_title) == ("Slow neutrons in thin films", "Physics Letters B")
    assert (ref.volume, ref.issue, ref.pages, ref.year) == ("12", "3", "345-350", "1999")
    assert ref.type == "article-journal"


def test_compact_physics_reference_has_no_title():
    raw = "A. B. Carter, D. Evans, Phys. Lett. B 12 (1999) 345."
    labels = [r.label for r in label_runs(raw)]
    assert "title" not in labels
    ref = parse_reference(raw, learned=True)
    assert (ref.container_title, ref.volume, ref.pages, ref.year) == ("Phys. Lett. B", "12", "345", "1999")


def test_book_with_edition_and_abbreviation_stops():
    ref = parse_reference("Brandt, Mira. Harbour Towns of the North Sea. 2nd ed. Hamburg: Elbe Verlag, 1987.")
    learned = parse_reference("Brandt, Mira. Harbour Towns of the North Sea. 2nd ed. Hamburg: Elbe Verlag, 1987.",
                              learned=True)  # fmt: skip
    for r in (ref, learned):
        assert (r.title, r.edition, r.place, r.publisher, r.year) == (
            "Harbour Towns of the North Sea", "2nd", "Hamburg", "Elbe Verlag", "1987"
        )  # fmt: skip


def test_choose_keeps_the_rules_only_for_what_the_labeler_never_learned():
    clean = Reference(title="Harbour Towns", year="1987", authors=[Person(family="Brandt")])
    other = Reference(title="Harbour", year="1987")
    assert choose(clean, other) is other
    for extra in ({"annotation": "A survey of ports."}, {"accessed": "2020-01-02"}, {"original_year": "1901"}):
        rule = attrs.evolve(clean, **extra)
        assert choose(rule, other) is rule
        assert choose(attrs.evolve(rule, unparsed="x"), other) is other
        assert choose(attrs.evolve(rule, title=None), other) is other


def test_an_annotation_the_labeler_read_into_fields_is_not_kept():
    rule = Reference(title="Causal relations", year="2011", annotation="Northern University Press, Bergen, pp 411–432")
    learned = Reference(title="Causal relations", year="2011", publisher="Northern University Press", place="Bergen",
                        pages="411–432")  # fmt: skip
    assert choose(rule, learned) is learned
    prose = attrs.evolve(rule, annotation="A survey of the ports of Bergen.")
    assert choose(prose, learned) is prose
    assert choose(prose, attrs.evolve(learned, note="A survey of the ports of Oxford")) is not prose


def test_a_repeated_people_entry_is_the_labelers_and_keeps_the_note():
    # The rules read the year after the dash as the title; the labeler does not.
    rule = Reference(title="1973", note="authors: as in the previous entry")
    learned = Reference(title="Harbour Towns", year="1973", note="authors: as in the previous entry")
    assert choose(rule, learned) is learned
    ref = parse_reference("———. 1973. Harbour Towns of the North Sea. Hamburg: Elbe Verlag.")
    assert (ref.title, ref.year, ref.note) == (
        "Harbour Towns of the North Sea",
        "1973",
        "authors: as in the previous entry",
    )


def test_the_default_parse_is_the_labelers_where_the_rules_misread():
    # Authors in "Family, I." form run on without "and": the rules stop after the first name.
    raw = "Okafor, N., Lindqvist, B. E., Tidal mixing in shallow bays. Coastal Notes, 14, pp. 22-31. 2011."
    assert [p.family for p in parse_reference(raw, learned=False).authors] == ["Okafor"]
    ref = parse_reference(raw)
    assert [p.family for p in ref.authors] == ["Okafor", "Lindqvist"]
    assert (ref.title, ref.container_title, ref.year) == ("Tidal mixing in shallow bays", "Coastal Notes", "2011")


def test_an_annotated_entry_keeps_the_rules_annotation():
    raw = "Brandt, Mira. Harbour Towns. Hamburg: Elbe Verlag, 1987. A survey of the ports and their trade."
    ref = parse_reference(raw)
    assert ref.annotation == "A survey of the ports and their trade."
    assert ref == parse_reference(raw, learned=False)


def _words_kept(raw: str, ref: Reference) -> bool:
    out = " ".join(str(v) for v in ref.fields().values() if not isinstance(v, tuple))
    out += " " + " ".join(str(p) for role in ("authors", "editors", "translators") for p in getattr(ref, role))
    out = out.casefold()
    return all(w.casefold() in out or w.casefold() in MARKER_WORDS for w in re.findall(r"[^\W_]+", raw))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Carter, A.", "(1999).", "Thin films.", "Phys. Lett.", "12(3):", "345-350",
                                 "Hamburg:", "Elbe Verlag,", "ed.", "In", "vol.", "0", "00", "Ø", "“x”"]),
                min_size=1, max_size=12).map(" ".join))  # fmt: skip
def test_learned_parse_loses_no_word(raw):
    assert _words_kept(raw, parse_reference(raw, learned=True))


def test_a_second_run_of_a_title_is_kept_apart_not_joined():
    from bibliography.parse.draft import _Draft  # noqa: PLC0415 - the conversion step under test
    from bibliography.parse.labelled import _put  # noqa: PLC0415

    d = _Draft()
    _put("title", ["Canal Locks of the Midlands", "Reviews the lock keepers"], d)
    assert d.values["title"] == "Canal Locks of the Midlands"
    assert d.unparsed == ["Reviews the lock keepers"]


def test_every_place_and_publisher_of_the_imprint_is_kept_in_order(monkeypatch):
    import bibliography.parse.labelled as labelled  # noqa: PLC0415 - its labeler is replaced here

    text = "Ames, R. Tide Tables. Leeds: Tyne Books; York: Ouse Press, 1990. Sold in Hull."
    runs = [Run("author", 0, 7), Run("title", 9, 20), Run("place", 22, 27), Run("publisher", 29, 39),
            Run("place", 41, 45), Run("publisher", 47, 57), Run("date", 59, 63), Run("other", 65, 72),
            Run("place", 73, 77)]  # fmt: skip
    monkeypatch.setattr(labelled, "label_runs", lambda *_: runs)
    d = _Draft()
    labelled._fill_labelled(text, d, Reference())
    assert (d.values["place"], d.values["publisher"]) == ("Leeds; York", "Tyne Books; Ouse Press")
    assert sorted(d.unparsed) == ["Hull", "Sold in"]


def test_a_publisher_in_a_place_run_or_a_city_ending_a_publisher_run_is_split_off():
    from bibliography.parse.labelled import _imprint_parts  # noqa: PLC0415

    text = "Leeds, Tyne Press"
    assert [(r.label, text[r.start : r.end]) for r in _imprint_parts(text, [Run("place", 0, len(text))])] == [
        ("place", "Leeds"), ("publisher", "Tyne Press")]  # fmt: skip
    text = "Ouse Books, London"
    assert [(r.label, text[r.start : r.end]) for r in _imprint_parts(text, [Run("publisher", 0, len(text))])] == [
        ("publisher", "Ouse Books"), ("place", "London")]  # fmt: skip
    # A publisher run that opens with a listed city is split as a place run is.
    text = "London, Tyne Press"
    assert [(r.label, text[r.start : r.end]) for r in _imprint_parts(text, [Run("publisher", 0, len(text))])] == [
        ("place", "London"), ("publisher", "Tyne Press")]  # fmt: skip
    # Neither a part naming no publisher after a place nor an unlisted last part is moved.
    for label, text in (("place", "Leeds, Harrogate"), ("publisher", "Ouse Books, Selby"), ("place", "Tyne Press")):
        assert _imprint_parts(text, [Run(label, 0, len(text))]) == [Run(label, 0, len(text))]


def test_a_type_the_rules_read_from_a_marker_word_holds_in_the_labelled_parse():
    raw = "Quill, Ada. “Canal Locks of the Midlands.” PhD diss., University of Leeds, 1950."
    rule = parse_reference(raw)
    assert rule.type == "thesis"
    assert _parse(raw, None, learned=True, rule=rule).type == "thesis"


def test_vancouver_year_semicolon_volume_colon_pages():
    ref = parse_reference("3. Ortega L. Birds of the estuary. Coastal Ecol 1999;5:77-90", learned=True)
    assert (ref.title, ref.container_title) == ("Birds of the estuary", "Coastal Ecol")
    assert (ref.year, ref.volume, ref.pages) == ("1999", "5", "77-90")


def test_unpunctuated_title_and_journal_are_told_apart():
    ref = parse_reference("Varga S, Lind T. 2010 Mill races and meadows Rural Hist 19 3 301 320", learned=True)
    assert [p.family for p in ref.authors] == ["Varga", "Lind"]
    assert (ref.title, ref.container_title, ref.year) == ("Mill races and meadows", "Rural Hist", "2010")


def _filled(label, values):
    d = _Draft()
    _put(label, values, d)
    return d


def test_a_volume_run_that_is_an_issue_alone_fills_the_issue():
    for text, issue in (("No. 18,", "18"), ("n° 328", "328"), ("Heft 1,", "1"), ("no .3", "3"), ("Nr. 26-27", "26-27")):
        d = _filled("volume", [text])
        assert (d.values.get("volume"), d.values.get("issue")) == (None, issue), text
    d = _filled("volume", ["33, 2"])
    assert (d.values["volume"], d.values["issue"]) == ("33", "2")
    d = _filled("volume", ["vol. 12, no. 3"])
    assert (d.values["volume"], d.values["issue"]) == ("12", "3")


def test_an_issue_in_spaced_brackets_or_before_the_korean_counter_is_the_issue():
    for text, volume, issue in (("41 ( 2)", "41", "2"), ("제7권, 제3호", "7", "3"), ("12권 4호", "12", "4")):
        d = _filled("volume", [text])
        assert (d.values["volume"], d.values.get("issue")) == (volume, issue), text
    d = _filled("volume", ["41"])
    assert (d.values["volume"], d.values.get("issue")) == ("41", None)


def test_a_date_run_the_grammar_cannot_read_keeps_its_year_and_its_text():
    d = _filled("date", ["febbraio 1961"])
    assert (d.values["year"], d.notes, d.unparsed) == ("1961", ["issued: febbraio 1961"], [])
    d = _filled("date", ["(1998 [1996])"])
    assert d.values["year"] == "1998"
    d = _filled("date", ["sometime"])
    assert "year" not in d.values and d.unparsed == ["sometime"]


def test_an_issue_word_outside_the_volume_run_joins_it():
    text = "Math. 102 (1990), no .3, 663-690."
    runs = [Run("container", 0, 4), Run("volume", 6, 9), Run("date", 11, 15), Run("other", 18, 20),
            Run("volume", 22, 23), Run("pages", 25, 32)]  # fmt: skip
    joined = _issue_markers(text, runs)
    assert [text[r.start : r.end] for r in joined if r.label == "volume"] == ["102", "no .3"]
    assert _issue_markers(text, runs[:3]) == runs[:3]


def test_every_word_that_makes_a_volume_run_an_issue_also_joins_it():
    # "n°" and "number" read as issues when inside the run, so they join it from outside too.
    for word in ("n°", "Number"):
        text = f"Revue 12, {word} 4, 1-9."
        runs = [Run("container", 0, 5), Run("volume", 6, 8), Run("other", 10, 10 + len(word)),
                Run("volume", 11 + len(word), 12 + len(word))]  # fmt: skip
        joined = _issue_markers(text, runs)
        assert [text[r.start : r.end] for r in joined if r.label == "volume"] == ["12", f"{word} 4"]


def test_a_role_word_after_the_leading_people_makes_them_editors():
    text = "Ferris, M. and J. Pang (editors). Complementarity. SIAM, 1997."
    runs = [Run("author", 0, 22), Run("other", 24, 31), Run("title", 34, 49)]
    assert _role_words(text, runs)[:1] == [Run("author", 0, 31)]
    assert _role_words(text, [Run("author", 0, 22), Run("other", 34, 49)]) == [
        Run("author", 0, 22),
        Run("other", 34, 49),
    ]
    d = _filled("author", ["A. Elmagarmid, editor"])
    assert [p.family for p in d.values["editors"]] == ["Elmagarmid"] and "authors" not in d.values
    d = _filled("author", ["Ferris, M. and J. Pang (editors)"])
    assert [p.family for p in d.values["editors"]] == ["Ferris", "Pang"]


def test_a_section_letter_on_the_volume_belongs_to_the_journal():
    text = "O. Bär, Phys. Rev. D94, 054505 (2016)."
    runs = [Run("author", 0, 6), Run("container", 8, 17), Run("volume", 19, 22), Run("pages", 24, 30)]
    fixed = _section_letters(text, runs)
    assert [text[r.start : r.end] for r in fixed] == ["O. Bär", "Phys. Rev. D", "94", "054505"]
    plain = [Run("container", 0, 6), Run("volume", 7, 9)]
    assert _section_letters("Nature 12, 3.", plain) == plain


def test_a_quoted_title_ends_at_its_closing_quote():
    text = 'Ortega, L. "Birds of the estuary," Coastal Ecology Notes, 5, 1999.'
    runs = [Run("author", 0, 9), Run("title", 12, 56), Run("volume", 58, 59), Run("date", 61, 65)]
    fixed = _quoted_title(text, runs)
    assert [(r.label, text[r.start : r.end]) for r in fixed[1:3]] == [
        ("title", "Birds of the estuary"),
        ("container", "Coastal Ecology Notes"),
    ]
    # A lower-case word after the close goes on the title's sentence; a container found elsewhere stays.
    text = "Ortega, L. “Birds” of the estuary. Leeds, 1999."
    assert _quoted_title(text, [Run("author", 0, 9), Run("title", 12, 33)]) == [
        Run("author", 0, 9),
        Run("title", 12, 33),
    ]
    text = 'Ortega, L. "Birds," Coastal Ecology, Notes 5.'
    runs = [Run("title", 12, 35), Run("container", 37, 42)]
    assert _quoted_title(text, runs) == runs


def test_a_second_title_after_in_and_editors_is_the_container():
    text = "Ortega, L. Birds. In K. Marsh and P. Lind, eds. Estuaries of the North. Leeds: Tyne Press, 1999."
    runs = [Run("author", 0, 9), Run("title", 11, 16), Run("editor", 18, 46), Run("title", 48, 70),
            Run("place", 72, 77), Run("publisher", 79, 89), Run("date", 91, 95)]  # fmt: skip
    fixed = _in_container(text, runs)
    assert fixed[3] == Run("container", 48, 70) and fixed[:3] == runs[:3] and fixed[4:] == runs[4:]
    # Without "In" before the people, or with a container found, the runs stay as they are.
    plain = "Ortega, L. Birds. K. Marsh and P. Lind, eds. Estuaries of the North."
    assert _in_container(plain, [Run("author", 0, 9), Run("title", 11, 16), Run("editor", 18, 43),
                                 Run("title", 45, 67)])[3].label == "title"  # fmt: skip
    assert _in_container(text, [*runs[:3], Run("container", 48, 70)]) == [*runs[:3], Run("container", 48, 70)]


def _spans(text: str, runs: list[Run]) -> list[tuple[str, str]]:
    return [(r.label, text[r.start : r.end]) for r in runs]


def _run(text: str, label: str, words: str) -> Run:
    start = text.index(words)
    return Run(label, start, start + len(words))


def test_in_after_a_sentence_inside_a_title_opens_the_container():
    text = "Ortega, L. Birds of the estuary. In Coastal Studies Today, Leeds, 1999."
    runs = [Run("author", 0, 9), _run(text, "title", "Birds of the estuary. In Coastal Studies Today"),
            _run(text, "place", "Leeds"), _run(text, "date", "1999")]  # fmt: skip
    assert _spans(text, _in_title(text, runs))[1:3] == [
        ("title", "Birds of the estuary"),
        ("container", "Coastal Studies Today"),
    ]
    # "In:" opens a book after any word; the runs before and after stay.
    text = "Ortega, L.: Vögel am Fluss In: Küstenhefte 3, 1999."
    runs = [Run("author", 0, 9), _run(text, "title", "Vögel am Fluss In: Küstenhefte"), _run(text, "volume", "3")]
    fixed = _in_title(text, runs)
    assert _spans(text, fixed) == [("author", "Ortega, L"), ("title", "Vögel am Fluss"),
                                   ("container", "Küstenhefte"), ("volume", "3")]  # fmt: skip
    # ", in" before a capitalised name (or an opening quote) opens a book too.
    text = "Ortega, L. Birds of the estuary, in «Coastal Studies Today», Leeds, 1999."
    runs = [Run("author", 0, 9), _run(text, "title", "Birds of the estuary, in «Coastal Studies Today")]
    assert _spans(text, _in_title(text, runs))[1:] == [
        ("title", "Birds of the estuary"),
        ("container", "Coastal Studies Today"),
    ]


def test_in_inside_a_title_joins_a_container_run_right_after_it():
    text = "Ortega, L. Birds, in Coastal Studies. Papers of the Tyne Meeting, Leeds, 1999."
    runs = [Run("author", 0, 9), _run(text, "title", "Birds, in Coastal Studies"),
            _run(text, "container", "Papers of the Tyne Meeting"), _run(text, "place", "Leeds")]  # fmt: skip
    assert _spans(text, _in_title(text, runs))[1:] == [
        ("title", "Birds"),
        ("container", "Coastal Studies. Papers of the Tyne Meeting"),
        ("place", "Leeds"),
    ]


def test_in_before_a_lower_case_word_or_with_a_container_found_stays_in_the_title():
    text = "Ortega, L. Birds of the north. In two parts. Leeds, 1999."
    runs = [Run("author", 0, 9), _run(text, "title", "Birds of the north. In two parts")]
    assert _in_title(text, runs) == runs
    text = "Ortega, L. Birds of the north, in winter. Leeds, 1999."
    runs = [Run("author", 0, 9), _run(text, "title", "Birds of the north, in winter")]
    assert _in_title(text, runs) == runs
    text = "Ortega, L. Tide Quarterly 4. Birds in the north. In Summer Notes."
    runs = [Run("author", 0, 9), _run(text, "container", "Tide Quarterly"),
            _run(text, "title", "Birds in the north. In Summer Notes")]  # fmt: skip
    assert _in_title(text, runs) == runs


def test_a_title_run_into_a_volume_ends_its_last_sentence_as_the_journal():
    text = "Ortega, L. 1999. Birds of the estuary. Coastal Ecology Notes 12: 3-9."
    runs = [Run("author", 0, 9), _run(text, "date", "1999"),
            _run(text, "title", "Birds of the estuary. Coastal Ecology Notes"), _run(text, "volume", "12"),
            _run(text, "pages", "3-9")]  # fmt: skip
    assert _spans(text, _trailing_container(text, runs))[2:4] == [
        ("title", "Birds of the estuary"),
        ("container", "Coastal Ecology Notes"),
    ]
    # A date between the title and the volume is passed over.
    text = "Ortega, L. Birds of the estuary. Coastal Ecology Notes, 1999, 12: 3-9."
    runs = [Run("author", 0, 9), _run(text, "title", "Birds of the estuary. Coastal Ecology Notes"),
            _run(text, "date", "1999"), _run(text, "volume", "12")]  # fmt: skip
    assert _spans(text, _trailing_container(text, runs))[1:3] == [
        ("title", "Birds of the estuary"),
        ("container", "Coastal Ecology Notes"),
    ]


def test_a_title_before_an_imprint_or_without_a_sentence_break_is_not_cut():
    # A book: a place follows the title, so its second sentence is a subtitle.
    text = "Ortega, L. Birds. A Field Guide. Leeds: Tyne Press, 1999."
    runs = [Run("author", 0, 9), _run(text, "title", "Birds. A Field Guide"), _run(text, "place", "Leeds")]
    assert _trailing_container(text, runs) == runs
    # An initial's full stop is no sentence's end.
    text = "Ortega, L. Notes on J. Smith 12: 3-9."
    runs = [Run("author", 0, 9), _run(text, "title", "Notes on J. Smith"), _run(text, "volume", "12")]
    assert _trailing_container(text, runs) == runs


def test_a_container_with_no_title_and_no_locator_is_the_title():
    text = "Ortega, L. Lectures on Coastal Birds. Leeds: Tyne Press, 1999."
    runs = [Run("author", 0, 9), _run(text, "container", "Lectures on Coastal Birds"), _run(text, "place", "Leeds"),
            _run(text, "publisher", "Tyne Press"), _run(text, "date", "1999")]  # fmt: skip
    fixed = _lone_container(text, runs)
    assert fixed[1] == _run(text, "title", "Lectures on Coastal Birds") and fixed[2:] == runs[2:]


def test_a_journal_like_or_located_container_stays():
    # Pages locate a part of the container; an abbreviated or short name is a journal's; "In" a book's.
    for text, name, extra in (
        ("Ortega, L. Lectures on Coastal Birds, 3-9.", "Lectures on Coastal Birds", "3-9"),
        ("Ortega, L. Proc. Coast. Soc. 1999.", "Proc. Coast. Soc", "1999"),
        ("Ortega, L. Tide Weekly, 1999.", "Tide Weekly", "1999"),
        ("Ortega, L. In Lectures on Coastal Birds, 1999.", "In Lectures on Coastal Birds", "1999"),
    ):
        label = "pages" if extra == "3-9" else "date"
        runs = [Run("author", 0, 9), _run(text, "container", name), _run(text, label, extra)]
        assert _lone_container(text, runs) == runs


def test_a_last_author_after_and_at_the_head_of_the_title_joins_the_people():
    text = "Ortega, L., P. Lind and Marsh, Birds of the estuary. Leeds, 1999."
    runs = [_run(text, "author", "Ortega, L., P. Lind"), _run(text, "title", "and Marsh, Birds of the estuary"),
            _run(text, "place", "Leeds")]  # fmt: skip
    assert _spans(text, _last_author(text, runs))[:2] == [
        ("author", "Ortega, L., P. Lind and Marsh"),
        ("title", "Birds of the estuary"),
    ]


def test_a_title_with_and_or_after_other_runs_keeps_its_words():
    # "Birds and Tides:" is a title (a colon follows); "Sea- and Shore," ends a word with a hyphen;
    # a title after a date is not next to the people.
    for head in ("Birds and Tides: Notes", "Sea- and Shore, Notes", "Pride and Prejudice in Leeds"):
        text = f"Ortega, L. {head} of the estuary. Leeds, 1999."
        runs = [Run("author", 0, 9), _run(text, "title", f"{head} of the estuary")]
        assert _last_author(text, runs) == runs
    text = "Ortega, L. 1999. Lind and Marsh, Birds."
    runs = [Run("author", 0, 9), _run(text, "date", "1999"), _run(text, "title", "Lind and Marsh, Birds")]
    assert _last_author(text, runs) == runs


def test_a_number_glued_to_a_journal_name_is_the_volume():
    text = "Ortega, L. Birds of the estuary. Coastal Letters118, 233 (1999)."
    runs = [Run("author", 0, 9), _run(text, "title", "Birds of the estuary"),
            _run(text, "container", "Coastal Letters118"), _run(text, "pages", "233")]  # fmt: skip
    assert _spans(text, _container_volume(text, runs))[2:4] == [("container", "Coastal Letters"), ("volume", "118")]
    text = "Ortega, L. Birds of the estuary. In: Küstenblätter 3/1999"
    runs = [
        Run("author", 0, 9),
        _run(text, "title", "Birds of the estuary"),
        _run(text, "container", "Küstenblätter 3/1999"),
    ]
    assert _spans(text, _container_volume(text, runs))[2:] == [("container", "Küstenblätter"), ("volume", "3/1999")]
    # Four characters long like a year, but a volume/issue pair.
    text = "Ortega, L. Birds of the estuary. In: Küstenblätter 1/91"
    runs = [Run("author", 0, 9), _run(text, "container", "Küstenblätter 1/91")]
    assert _spans(text, _container_volume(text, runs))[1:] == [("container", "Küstenblätter"), ("volume", "1/91")]


def test_a_series_number_a_year_or_a_volume_read_elsewhere_stays_in_the_container():
    for text, name in (
        ("Ortega, L. Birds. Coastal Papers 12, Leeds.", "Coastal Papers 12"),
        ("Ortega, L. Birds. Coastal Notes1999.", "Coastal Notes1999"),
    ):
        runs = [Run("author", 0, 9), _run(text, "title", "Birds"), _run(text, "container", name)]
        assert _container_volume(text, runs) == runs
    text = "Ortega, L. Birds. Coastal Letters118, 4: 233."
    runs = [Run("author", 0, 9), _run(text, "title", "Birds"), _run(text, "container", "Coastal Letters118"),
            _run(text, "volume", "4")]  # fmt: skip
    assert _container_volume(text, runs) == runs


def test_people_and_their_role_at_the_head_of_a_container_are_its_editors():
    text = "Ortega, L. Birds, in Ruth Lind and P. Marsh (eds.), Coastal Studies, Leeds, 1999."
    runs = [Run("author", 0, 9), _run(text, "title", "Birds"),
            _run(text, "container", "in Ruth Lind and P. Marsh (eds.), Coastal Studies"), _run(text, "place", "Leeds")]  # fmt: skip
    assert _spans(text, _container_editors(text, runs))[2:4] == [
        ("editor", "in Ruth Lind and P. Marsh (eds.)"),
        ("container", "Coastal Studies"),
    ]
    text = "Ortega, L. Birds. In Ruth Lind, editor, Coastal Studies, 3-9."
    runs = [
        Run("author", 0, 9),
        _run(text, "title", "Birds"),
        _run(text, "container", "In Ruth Lind, editor, Coastal Studies"),
    ]
    assert _spans(text, _container_editors(text, runs))[2:] == [
        ("editor", "In Ruth Lind, editor"),
        ("container", "Coastal Studies"),
    ]


def test_a_container_without_people_before_a_role_word_stays():
    # "Ed." of a publisher after lower-case words, and a plain name, are no editors.
    for name in ("Notes on birds, Ed. Tyne", "Coastal Studies Quarterly"):
        text = f"Ortega, L. Birds. {name}, 1999."
        runs = [Run("author", 0, 9), _run(text, "title", "Birds"), _run(text, "container", name)]
        assert _container_editors(text, runs) == runs


def test_an_edition_statement_closing_a_title_is_the_edition():
    for title, edition in (("Tidal Flats, 2nd ed.", "2nd ed."), ("Tidal Flats (revised edition)", "revised edition")):
        text = f"Ortega, L. {title} Leeds: Dunmore, 1999."
        runs = [Run("author", 0, 9), _run(text, "title", title), _run(text, "place", "Leeds")]
        assert _spans(text, _title_edition(text, runs))[1:3] == [("title", "Tidal Flats"), ("edition", edition)]


def test_a_title_ending_in_words_that_are_no_edition_stays():
    # "ed." after a name that is no ordinal, and a title that is only an edition word, are kept.
    for title in ("Notes, Smith ed.", "Tidal Flats of the North"):
        text = f"Ortega, L. {title}. Leeds, 1999."
        runs = [Run("author", 0, 9), _run(text, "title", title)]
        assert _title_edition(text, runs) == runs


def test_the_last_comma_part_of_a_title_before_the_volume_is_the_journal():
    text = "Ortega, L., Tidal flats of the north, Coastal Review, 25, 1974."
    runs = [
        Run("author", 0, 10),
        _run(text, "title", "Tidal flats of the north, Coastal Review"),
        _run(text, "volume", "25"),
    ]
    assert _spans(text, _comma_journal(text, runs))[1:3] == [
        ("title", "Tidal flats of the north"),
        ("container", "Coastal Review"),
    ]


def test_a_comma_title_stays_when_a_container_was_read_or_the_part_is_lower_case():
    text = "Ortega, L., Birds, rivers and seas, Coastal Review, 25."
    runs = [Run("author", 0, 10), _run(text, "title", "Birds, rivers and seas"), _run(text, "volume", "25")]
    assert _comma_journal(text, runs) == runs
    with_container = [*runs[:2], _run(text, "container", "Coastal Review"), runs[2]]
    assert _comma_journal(text, with_container) == with_container


def test_a_name_opening_with_in_keeps_it():
    # "In" before a container's editors is a marker; the same letters opening a name are the name's.
    d = _Draft()
    _put("author", ["Innes, M. J."], d)
    assert [(p.family, p.given) for p in d.values["authors"]] == [("Innes", "M. J.")]
    d = _Draft()
    _put("editor", ["In: K. Jones (ed.),"], d)
    assert [p.family for p in d.values["editors"]] == ["Jones"]
    d = _Draft()
    _put("editor", ["InC. B. Jones, editors,"], d)
    assert [p.family for p in d.values["editors"]] == ["Jones"]
