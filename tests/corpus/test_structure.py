from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import structure
from corpus.errors import ModelError
from corpus.lines.furniture import page_furniture
from corpus.lines.model import LineScores, score_lines
from corpus.model import Block, PassageKind, Span
from corpus.structure import _MARK_STARTS, _line_marks, _split_lines, find_blocks
from corpus.textview import clean_text, clean_view

K = PassageKind


def _blocks(raw: str) -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    for b in find_blocks(raw, "t"):
        text, _ = clean_view(raw, b.span.start, b.span.end)
        out.append((b.kind.value, text, b.section))
    return out


def _kinds(raw: str, kind: PassageKind) -> list[str]:
    return [t for k, t, _ in _blocks(raw) if k == kind.value]


@pytest.fixture
def wiki(data_dir):
    return (data_dir / "pages" / "wiki_like.txt").read_text(encoding="utf-8")


@pytest.fixture
def news(data_dir):
    return (data_dir / "pages" / "news_like.txt").read_text(encoding="utf-8")


def test_encyclopedia_page(wiki):
    assert _kinds(wiki, K.TITLE) == ["Treaty of Portsmouth"]
    furniture = _kinds(wiki, K.FURNITURE)
    assert "- Wikipedia" in furniture
    assert "From Wikipedia, the free encyclopedia" in furniture
    assert "Categories: 1905 treaties, Russo-Japanese War" in furniture
    assert _kinds(wiki, K.HEADING) == ["Background", "Negotiations", "See also", "Further reading"]
    assert _kinds(wiki, K.RELATED_LINK) == ["Russo-Japanese War", "Theodore Roosevelt"]
    entries = _kinds(wiki, K.BIBLIOGRAPHY_ENTRY)
    assert len(entries) == 2
    assert entries[0].startswith("Esthus, Raymond A.") and entries[0].endswith("1988.")
    paragraphs = [(t, s) for k, t, s in _blocks(wiki) if k == "paragraph"]
    assert len(paragraphs) == 3
    assert paragraphs[1][1] == ("Background",)


def test_news_article(news):
    blocks = _blocks(news)
    assert _kinds(news, K.TITLE) == ["Archive Reveals New Details of 1919 Peace Talks"]
    assert _kinds(news, K.BYLINE) == ["By Jane Doe and John Smith"]
    assert _kinds(news, K.DATELINE) == ["Published: March 3, 2020"]
    # The wrapped first paragraph is one paragraph, the quote another.
    paragraphs = _kinds(news, K.PARAGRAPH)
    assert paragraphs[0].startswith("Historians at the national archive") and paragraphs[0].endswith("archive.")
    assert paragraphs[1].startswith('"This changes')
    assert {"Home", "Menu", "Share this article"} <= set(_kinds(news, K.FURNITURE))
    assert all(k != "heading" for k, _, _ in blocks)


def test_image_keyword_credit_caption():
    raw = "lenin, red square, crowd\nAP Images\nLenin addresses a crowd in\nRed Square, 1919.\n\nA Title Here\n\nBody text of the article goes on for a while here.\n"
    blocks = _blocks(raw)
    assert [(k, t) for k, t, _ in blocks[:3]] == [
        ("keywords", "lenin, red square, crowd"),
        ("credit", "AP Images"),
        ("caption", "Lenin addresses a crowd in Red Square, 1919."),
    ]
    assert blocks[3][:2] == ("title", "A Title Here")


def test_bulleted_bibliography_with_residue_only_marker_lines():
    raw = (
        "Further Reading\n  • \n\n    Smith, John. A Book. Boston: Pub, 1990. Useful.\n"
        "  • \n\n    Doe, Jane. Another. London, 1951.\n\nRelated One\n\nRelated Two\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert entries == ["Smith, John. A Book. Boston: Pub, 1990. Useful.", "Doe, Jane. Another. London, 1951."]
    assert _kinds(raw, K.RELATED_LINK) == ["Related One", "Related Two"]


def test_hanging_indent_bibliography_joins_continuation_lines():
    raw = (
        "Bibliography\n\nSmith, John. A Very Long Title That Wraps Onto\n    the Next Line. Boston: Pub, 1990.\n"
        "Doe, Jane. Another Title. London, 1951.\n"
    )
    assert _kinds(raw, K.BIBLIOGRAPHY_ENTRY) == [
        "Smith, John. A Very Long Title That Wraps Onto the Next Line. Boston: Pub, 1990.",
        "Doe, Jane. Another Title. London, 1951.",
    ]


def test_markdown_headings_nest_sections():
    raw = "# Title Of Page\n\nIntro paragraph that is long enough to be prose text.\n\n## Part One\n\nText one is here.\n\n### Detail\n\nText two is here.\n"
    blocks = _blocks(raw)
    assert blocks[0][:2] == ("title", "Title Of Page")
    assert blocks[-1] == ("paragraph", "Text two is here.", ("Part One", "Detail"))


def test_bullet_list_items_outside_bibliography():
    raw = "Some Title\n\nThe agreements covered these topics in some detail:\n- trade credits\n- religious freedom\n"
    assert _kinds(raw, K.LIST_ITEM) == ["trade credits", "religious freedom"]


def test_seed_structure(seeds_dir):
    raw = (seeds_dir / "000_820e86533fe664a9.txt").read_text(encoding="utf-8")
    blocks = _blocks(raw)
    kinds = [k for k, _, _ in blocks]
    assert kinds[:7] == ["furniture", "keywords", "credit", "caption", "title", "dateline", "byline"]
    assert blocks[3][1] == "Josef Stalin and Franklin Roosevelt at the Tehran Conference, 1943."
    assert _kinds(raw, K.HEADING) == ["The Establishment of U.S.-Soviet Relations", "History of U.S.-Soviet Relations"]
    assert kinds.count("paragraph") == 11
    assert blocks[-1][:2] == ("furniture", "Most Recent Beyond The Headlines")

    raw = (seeds_dir / "002_817a8c920f08bf49.txt").read_text(encoding="utf-8")
    assert _kinds(raw, K.TITLE) == ["United States Recognizes Russia’s Bolshevik Regime"]
    assert _kinds(raw, K.DATELINE) == ["Last updated on November 10, 2022"]
    assert _kinds(raw, K.HEADING) == ["Summary of Event", "Further Reading"]
    assert len(_kinds(raw, K.BIBLIOGRAPHY_ENTRY)) == 10
    assert len(_kinds(raw, K.RELATED_LINK)) == 7
    assert _kinds(raw, K.FURNITURE) == ["Summary", "Categories: History"]


def test_references_without_a_bibliography_heading_are_entries():
    raw = (
        "Harbours\n\n"
        "The harbour of the old town was rebuilt after the great storm of 1821, when most of its piers were lost.\n\n"
        "Archer, Thomas. The Harbour Towns of the North. London: Smith and Sons, 1954.\n"
        'Berg, Anna M. "Stone Quays and Their Builders." Journal of Maritime History 12, no. 3 (1988): 45-67.\n'
        "Carver, P., and L. Dunn. Storms and Shores. 2nd ed. Edinburgh: Coast Press, 2001.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["Archer", "Berg", "Carver"]


def test_a_german_literature_heading_opens_a_bibliography():
    raw = (
        "Der Hafen\n\n"
        "Der Hafen der Altstadt wurde nach dem großen Sturm von 1821 wieder aufgebaut, als die Stege verloren gingen.\n\n"
        "Literaturhinweise\n\n"
        "Archer, Thomas: Die Hafenstädte des Nordens. Hamburg: Meer Verlag, 1954.\n"
        "Berg, Anna (Hg.): Steinerne Kais. Kiel: Küste, 1988.\n"
    )
    assert _kinds(raw, K.HEADING)[-1] == "Literaturhinweise"
    assert len(_kinds(raw, K.BIBLIOGRAPHY_ENTRY)) == 2


def test_wrapped_numbered_entries_stay_one_entry_each():
    raw = (
        "Notes on storms\n\n"
        "The harbour of the old town was rebuilt after the great storm of 1821, when most of its piers were lost.\n\n"
        "References\n\n"
        "[1] T. Archer, The Harbour Towns of the North, London: Smith and Sons,\n"
        "    1954.\n"
        '[2] A. M. Berg, "Stone quays and their builders," Journal of Maritime\n'
        "    History, vol. 12, no. 3, pp. 45-67, 1988.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert len(entries) == 2
    assert entries[0].endswith("1954.") and entries[1].endswith("1988.")


def test_an_annotation_indented_under_its_entry_belongs_to_the_entry():
    raw = (
        "Reading on harbours\n\n"
        "The harbour of the old town was rebuilt after the great storm of 1821, when most of its piers were lost.\n\n"
        "Archer, Thomas. The Harbour Towns of the North. London: Smith and Sons, 1954.\n"
        "    A survey of thirty towns, with plans of every quay and a chapter on the storm.\n"
        "Berg, Anna M. Stone Quays and Their Builders. Edinburgh: Coast Press, 1988.\n"
        "    The builders' own accounts, from the town archives.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert len(entries) == 2
    assert entries[0].endswith("a chapter on the storm.") and entries[1].endswith("the town archives.")


# A scraped page: one block per line. A teaser line and a body line without a full stop are
# blocks of their own, not the start of a sentence wrapped onto the next line (before: each ran
# into the body paragraph after it, so no later decision could set the teaser apart).
_SCRAPED = (
    "Lighthouse keepers return to the northern islands\n"
    "The coastal authority said on Monday that three lighthouses will be staffed again this winter, "
    "after a decade in which the lamps ran on timers and nobody lived on the rocks.\n"
    "Read also: Ferry timetable changes for the spring season\n"
    "Keepers will stay for four weeks at a time and report the weather twice a day to the harbour office, "
    "which has asked for the reports since the storms of last year.\n"
    "The first of them arrived by boat on Tuesday, carrying supplies for the whole month and a radio.\n"
    "Most of the keepers are retired sailors who know the islands well\n"
    "They were chosen from more than two hundred people who answered the call in the autumn.\n"
)


def test_scraped_page_keeps_one_block_per_line():
    paragraphs = _kinds(_SCRAPED, K.PARAGRAPH)
    assert "Read also: Ferry timetable changes for the spring season" in paragraphs
    assert paragraphs[-2:] == [
        "Most of the keepers are retired sailors who know the islands well",
        "They were chosen from more than two hundred people who answered the call in the autumn.",
    ]


def test_hard_wrapped_text_still_joins_lines_that_end_mid_sentence():
    raw = (
        "Road works\n\n"
        "The committee met on the third of May and agreed\n"
        "that the Bridge Street works would start in June,\n"
        "once the water company had moved its pipes.\n"
        "Residents were told to expect\n"
        "Noise at night for two weeks.\n"
    )
    paragraphs = _kinds(raw, K.PARAGRAPH)
    assert paragraphs[0].startswith("The committee met") and paragraphs[0].endswith("moved its pipes.")
    assert paragraphs[1] == "Residents were told to expect Noise at night for two weeks."


# Items a sentence announces with a colon follow it one per line on a scraped page; short and
# unpunctuated, they read like navigation on their own (before: the second item became furniture),
# while the share and comment links after the body still do.
_ANNOUNCED = (
    "A weekend on the northern coast\n"
    "We drove up on Friday evening and stayed in a small guesthouse near the harbour, where the owner "
    "told us which beaches were worth the walk and which were only good for photographs.\n"
    "The weather held for both days, so we spent most of the time outside and ate in a different village "
    "every night.\n"
    "My favourite places along the water this summer:\n"
    "The old pier at Westerby\n"
    "The dunes behind the lighthouse\n"
    "The fish market in Halden and the cafe next to it\n"
    "The long beach south of the river mouth\n"
    "We will certainly go back in the autumn, when the crowds have gone and the ferries run less often.\n"
    "Share this post\n"
    "Leave a comment\n"
)


def test_items_a_colon_announces_stay_body_on_a_scraped_page():
    paragraphs = _kinds(_ANNOUNCED, K.PARAGRAPH)
    for item in (
        "The old pier at Westerby",
        "The dunes behind the lighthouse",
        "The long beach south of the river mouth",
    ):
        assert item in paragraphs
    assert _kinds(_ANNOUNCED, K.FURNITURE) == ["Share this post", "Leave a comment"]


# A line that announces the body text after it stays body even with an advertisement placeholder
# in between (before: the line model's doubt about the short line made it furniture); the
# placeholders themselves are furniture.
_ANNOUNCES_BODY = (
    "How to help a blind passenger\n"
    "Many people want to help but are not sure how to offer it without being rude or getting in the way "
    "of someone who knows the route well.\n"
    "Most of the advice below comes from the passengers themselves, who answered our questions over the winter.\n"
    "ADVERTISEMENT\n"
    "On the bus or the tram:\n"
    "ADVERTISEMENT\n"
    "Tell the passenger the number of the vehicle that is arriving, because the display cannot be read "
    "and the announcement is often too quiet.\n"
    "Ask before you take someone's arm, and let them hold yours instead of pulling them towards the door.\n"
)


def test_a_line_announcing_body_text_is_body():
    assert "On the bus or the tram:" in _kinds(_ANNOUNCES_BODY, K.PARAGRAPH)
    assert _kinds(_ANNOUNCES_BODY, K.FURNITURE) == ["ADVERTISEMENT", "ADVERTISEMENT"]


def _thesis_pages(pages: list[str]) -> str:
    """A thesis as text: every page opens with the thesis's running head and ends with its number set
    off to the right and a form feed."""
    out = []
    for k, page in enumerate(pages):
        head = "Tidal change on the eastern shore\nA. Student, doctoral thesis\n\n"
        out.append(head + page + "\n\n\n" + " " * 80 + str(k + 40) + "\n")
    return "\f".join(out)


def _entries(*names: str) -> str:
    return "".join(
        f'{name}, R. and K. Lune (19{60 + k}). "Salt marsh drainage at {name}." Coastal Studies {k}(2): 11-19.\n\n'
        for k, name in enumerate(names)
    )


def test_an_entry_runs_across_a_page_break_past_page_number_and_running_head():
    raw = _thesis_pages(
        [
            _entries("Abbot", "Bram") + "Dorn, H., K. Abel, L. Rand and P. Sand (1985). The Dyke",
            "Builders of the North Sea Coast. Hamburg, Nord Verlag.\n\n" + _entries("Eames", "Fry"),
            _entries("Gant", "Hale", "Ives"),
            _entries("Jolt", "Kerr"),
        ]
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    dorn = [e for e in entries if e.startswith("Dorn")]
    assert len(dorn) == 1 and dorn[0].endswith("Nord Verlag.")
    assert not any(e.startswith(("Builders", "Tidal change", "A. Student")) for e in entries)
    assert all(e.split()[-1] not in ("40", "41", "42", "43") for e in entries)  # no page number ends an entry
    assert [e.split(",")[0] for e in entries] == [
        "Abbot",
        "Bram",
        "Dorn",
        "Eames",
        "Fry",
        "Gant",
        "Hale",
        "Ives",
        "Jolt",
        "Kerr",
    ]


def test_a_page_number_after_the_last_entry_of_a_page_stays_out_of_it():
    raw = _thesis_pages(
        [
            "References\n\nAbbot, R., & Lune, K. (1981). Salt marsh drainage and the\n\n"
            "       shore. Coastal Studies, 4, 11-19.",
            "Bram, T. (1977). Harbour silt and its removal. Leiden:\n\n       Dijk Press.",
            "Cole, M. J. (1990). Tidal flats of the eastern shore. Estuary\n\n       Review, 18, 102-110.",
        ]
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["Abbot", "Bram", "Cole"]
    assert [e.split()[-1] for e in entries] == ["11-19.", "Press.", "102-110."]


def test_a_line_cut_after_a_comma_goes_on_with_its_entry():
    raw = (
        "Notes on storms\n\n"
        "The harbour of the old town was rebuilt after the great storm of 1821, when most of its piers were lost.\n\n"
        'Abbot, R. and K. Lune (1981). "Salt marsh drainage." Coastal Studies 4(2): 11-19.\n\n'
        "Bram, T. and P. Sand (1977). Harbour silt and its removal in the northern ports,\n"
        "Dijk Press.\n\n"
        'Cole, M. J. (1990). "Tidal flats revisited." Estuary Review 18(1): 102-110.\n'
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["Abbot", "Bram", "Cole"]
    assert entries[1].endswith("Dijk Press.")


def test_entries_leading_with_initials_keep_their_first_line_under_a_heading():
    raw = (
        "Bibliography\n"
        "R.K. Abbot, K. Lune, P. Sand, T. Bram, L. Rand, and H. Dorn.\n"
        "  Salt marsh drainage on the eastern shore. Coastal Stud., 4:11-19, 1981.\n\n"
        "M.J. Cole. Tidal flats of the eastern shore revisited, with new surveys of the\n"
        "  silt. Estuary Rev., 18:102-110, 1990.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e[:6] for e in entries] == ["R.K. A", "M.J. C"]
    assert entries[0].endswith("1981.") and entries[1].endswith("1990.")


def test_table_rows_that_cite_a_work_are_not_entries():
    raw = (
        "in stages over two centuries, and the works changed both the coast and the people who farmed\n"
        "it, as the measurements in table 2.1 show for the main sites of the eastern shore.\n\n"
        "      Site              Depth of silt (cm)              Reference\n\n"
        "    Marsh/North                  12                     (Hale et al. 2009)\n"
        "      Marsh/East                  8.5                       (Lind et al. 1997)\n"
        "    Dyke/Old                 10                      (Abbot et al. 2004)\n"
        "    Dyke/New                  6                       (Bram et al. 2005)\n\n"
        "The silt that the dykes held back raised the fields by a metre over the century, and the old\n"
        "harbour towns lost their trade to the new ports on the outer coast.\n"
    )
    assert _kinds(raw, K.BIBLIOGRAPHY_ENTRY) == []


_MIXED_LINES = [
    "",
    'Abbot, R. and K. Lune (1981). "Salt marsh drainage." Coastal Studies 4(2): 11-19.',
    "Bram, T. and P. Sand (1977). Harbour silt and its removal in the northern ports,",
    'revisited." Estuary Review 18(1): 102-110.',
    "1998; Lind et al., 2004) the marsh was drained in stages over two centuries, and",
    "2004). In the first survey of Abbot and Lune (1981), based on the tide tables of",
    "    Marsh/North                  12                     (Hale et al. 2009)",
    "The silt that the dykes held back raised the fields by a metre over the century.",
    "Dijk Press.",
    "                                        42",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_MIXED_LINES), min_size=1, max_size=25))
def test_an_entry_outside_a_bibliography_opens_where_the_model_reads_an_entry_start(lines):
    raw = "\n".join(lines)
    starts = {}
    offset = 0
    # Scored as find_blocks scores them: each line's indentation and its text with runs of blanks
    # collapsed, page numbers and running heads skipped as neighbours.
    texts = [" ".join(line.split()) for line in lines]
    furniture = page_furniture(texts, [False] * len(lines))
    seen = [line[: len(line) - len(line.lstrip())] + t if t else "" for line, t in zip(lines, texts, strict=True)]
    for line, s in zip(lines, score_lines(seen, skip=furniture), strict=True):
        if s is not None:
            starts[offset + len(line) - len(line.lstrip())] = s.starts
        offset += len(line) + 1
    for b in find_blocks(raw, "t"):
        if b.kind is K.BIBLIOGRAPHY_ENTRY and not b.section:
            assert starts[b.span.start] >= 0.5


# A scraped blog post (one block a line) whose picture comes last, followed by the site's chrome.
_FERRY = [
    "Home",
    "News",
    "Contact",
    "The ferry to the islands will run all winter",
    "The island council voted on Tuesday to keep the morning ferry running through the winter months, after a "
    "year in which the service was cut twice.",
    "Fishermen and teachers who live on the outer islands said the cuts had made it hard to get to work on time, "
    "and several families had thought of moving.",
    "The council will pay for the extra crossings from its harbour fund, which was set up after the storm of 1998 "
    "to repair the piers.",
    "The new timetable will be posted at the harbour office and on the council's notice board by the end of the month.",
]


def test_a_caption_stops_at_the_chrome_after_the_picture():
    raw = "\n".join([*_FERRY, "Photo: Harbour office", "The harbour at dawn", "Share on Facebook", "Contact",
                     "Imprint", "Search for:", "Recent posts", "Lighthouse reopens", "Archives"]) + "\n"  # fmt: skip
    furniture = _kinds(raw, K.FURNITURE)
    assert {"Share on Facebook", "Imprint", "Recent posts", "Archives"} <= set(furniture)
    assert not any("Share on Facebook" in t for t in _kinds(raw, K.CAPTION))
    assert _FERRY[-1] in _kinds(raw, K.PARAGRAPH)


def test_a_colon_line_taken_for_chrome_shields_nothing_after_it():
    tail = ["Share on Facebook", "Contact", "Imprint", "Search for:", "I love blogging!",
            "All content on this site is licensed under a Creative Commons licence unless stated otherwise."]  # fmt: skip
    raw = "\n".join([*_FERRY, *tail]) + "\n"
    assert "I love blogging!" in _kinds(raw, K.FURNITURE)
    assert _kinds(raw, K.TITLE) == [_FERRY[3]]  # the headline
    assert all(line in _kinds(raw, K.PARAGRAPH) for line in _FERRY[4:])


def test_on_a_scraped_page_the_lines_after_a_list_are_no_tail_of_its_last_item():
    items = [
        "The first boat leaves the harbour at seven in the morning and reaches the outer islands before nine",
        "The last boat leaves the outer islands at six in the evening and is back in the harbour by eight",
    ]
    menu = ["Popular stories", "Lighthouse reopens", "Harbour fair dates", "Imprint"]
    raw = "\n".join([*_FERRY[3:], "The timetable in short:", *(f"- {t}" for t in items), *menu]) + "\n"
    assert _kinds(raw, K.LIST_ITEM) == items
    body = " ".join(_kinds(raw, K.PARAGRAPH) + _kinds(raw, K.LIST_ITEM))
    assert not any(line in body for line in menu)
    # A hard-wrapped list still joins its wrapped lines.
    wrapped = (
        "Points to note:\n\n- The first boat leaves the harbour at seven\n  and reaches the islands before nine.\n"
    )
    assert _kinds(wrapped, K.LIST_ITEM) == [
        "The first boat leaves the harbour at seven and reaches the islands before nine."
    ]


def test_on_a_scraped_page_the_post_after_a_bibliography_is_no_tail_of_its_last_entry():
    entries = [
        "Archer, R. (1998). Salt marsh drainage at Westerby. Coastal Studies 4(2): 11-19.",
        "Berg, K. and L. Lune (2004). Ferries and island schools. Journal of Island Studies 12: 101-118.",
        "Carver, T. (2011). The winter timetable. Harbour Review 3(1): 5-9.",
    ]
    post = (
        "New members get a forum of their own after their third post, where they can tell the others about themselves."
    )
    tail = [post, "Until then the moderators read every post before it appears, so that the forum stays friendly."]
    raw = "\n".join([*_FERRY[3:6], "References", *(f"- {e}" for e in entries), "Forum rules", *tail]) + "\n"
    found = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e[:20] for e in found] == [e[:20] for e in entries]
    assert not any(post in e for e in found)
    assert post in _kinds(raw, K.PARAGRAPH)


_WRAPPED_PROSE = (
    "Sediment and settlement\n"
    "The small harbour towns of the invented coast were built on silt that the rivers\n"
    "brought down each spring, and their quays sank a little every decade until the\n"
    "councils raised them again with stone from the inland quarries. the stone was\n"
    "carted down in the dry months, when the roads held, and laid in courses along\n"
    "the old quay front; each course lasted about a generation before the silt had\n"
    "lifted the water to its top again and the council voted for another.\n"
)


def test_flush_entries_ending_in_a_doi_split_where_the_line_model_reads_a_start():
    # No indentation, no blank lines and no numbers: only the line model can tell a wrapped line from
    # the next entry (the line after a DOI opens one, though the DOI ends in neither a full stop nor a
    # year).
    raw = _WRAPPED_PROSE + (
        "References\n"
        "Abel, K., & Brandt, L. (2011). A study of river sediment and its consequences for the\n"
        "small towns of the coast. Journal of Imagined Places, 4(2), 11-19.\n"
        "https://doi.org/10.5555/jip.4.2.11\n"
        "Carver, M., & Dunn, P. (2013). The weather of invented islands over one hundred\n"
        "years. Fictional Letters, 7, 101-110. https://doi.org/10.5555/fl.7.101\n"
        "Eberle, S., Fink, R., & Gast, T. (2015). Quays, silt and stone: harbour works of a\n"
        "coast that never was. Coastal Fiction Review, 12(1), 1-22.\n"
        "https://doi.org/10.5555/cfr.12.1\n"
        "Holm, J. (2018). Councils and their quarries: a history of the stone that raised the\n"
        "quays. Inland Studies, 3, 40-58.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["Abel", "Carver", "Eberle", "Holm"]
    assert entries[0].endswith("jip.4.2.11") and entries[2].endswith("cfr.12.1")


def test_a_hard_wrapped_bibliography_ends_where_the_lines_stop_reading_as_entries():
    # The figure legends after the last numbered entry follow it with no blank line between, as in text
    # taken out of a PDF: they are no tail of the last entry.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "1. Abel, K., & Brandt, L. (2011). A study of river sediment and its consequences for the\n"
        "small towns of the coast. Journal of Imagined Places, 4(2), 11-19.\n"
        "2. Carver, M., & Dunn, P. (2013). The weather of invented islands over one hundred\n"
        "years. Fictional Letters, 7, 101-110.\n"
        "Figures\n"
        "quay height\n"
        "against decade\n"
        "silt brought down\n"
        "each spring\n"
        "stone from the quarries\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["1. Abel", "2. Carver"]
    assert entries[-1].endswith("101-110.")


def test_a_wrapped_entry_line_shaped_like_image_keywords_opens_no_caption():
    # "letters 4, 211 (2016)" has the form of an image's keyword list (lower-case items between
    # commas); inside a bibliography it is the end of a wrapped entry, and the entries after it stay
    # entries instead of becoming one long caption.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "1. Abel, K., Brandt, L.: The sinking quays of an invented coast. Harbour\n"
        "letters 4, 211 (2016)\n"
        "2. Carver, M., Dunn, P.: Stone from the inland quarries and the councils\n"
        "that bought it. Journal of Imagined Places 12(1), 1-22 (2015)\n"
        "3. Eberle, S.: Silt brought down each spring. Coastal Fiction Review 7,\n"
        "101-110 (2013)\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["1. Abel", "2. Carver", "3. Eberle"]
    assert not _kinds(raw, K.CAPTION)


def test_entry_numbers_on_lines_of_their_own_keep_the_bibliography_going():
    # Text out of a PDF can put each entry's number on a line of its own, after the entry before it;
    # the bibliography goes on past it, and the number opens the entry it numbers.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "Abel, K., Brandt, L. & Voss, E. The sinking quays of an invented coast and the silt\n"
        "beneath them. Harbour Letters 4, 211-219 (2016).\n"
        "2\n"
        "Carver, M. et al. Stone from the inland quarries and the councils that bought it in\n"
        "the dry months. Journal of Imagined Places 12, 1-22 (2015).\n"
        "3\n"
        "Eberle, S. & Fink, R. Silt brought down each spring by the rivers of the coast.\n"
        "Coastal Fiction Review 7, 101-110 (2013).\n"
        "4\n"
        "Holm, J. Councils and their quarries: a history of the stone that raised the quays.\n"
        "Inland Studies 3, 40-58 (2018).\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["Abel", "2 Carver", "3 Eberle", "4 Holm"]
    assert entries[0].endswith("(2016).")


def test_a_bibliography_under_its_heading_goes_on_past_entry_numbers_on_lines_of_their_own():
    # The same with the number above each entry from the first one on, and a line of prose before
    # the heading: every entry is found, none read as a paragraph.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "1\n"
        "Abel, K. & Voss, E. The sinking quays of an invented coast and the silt beneath them.\n"
        "Harbour Letters 4, 211-219 (2016).\n"
        "2\n"
        "Carver, M. et al. Stone from the inland quarries and the councils that bought it.\n"
        "Journal of Imagined Places 12, 1-22 (2015).\n"
        "3\n"
        "Eberle, S. Silt brought down each spring by the rivers of the coast. Coastal Fiction\n"
        "Review 7, 101-110 (2013).\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["1 Abel", "2 Carver", "3 Eberle"]
    assert not any("Abel" in p or "Carver" in p for p in _kinds(raw, K.PARAGRAPH))


def test_a_wrapped_entrys_last_page_number_on_its_own_line_stays_in_the_entry():
    # "438." under a line that ends no sentence finishes the entry above (its page); it opens no entry
    # even though a reference follows it.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "[1] K. Abel and E. Voss, The sinking quays of an invented coast, Harb. Lett. B91 (2001)\n"
        "438.\n"
        "[2] M. Carver, Stone from the inland quarries, J. Imag. Places 12 (2015) 1.\n"
        "[3] S. Eberle, Silt brought down each spring, Coast. Fict. Rev. 7 (2013) 101.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["[1] K. Abel and E. Voss", "[2] M. Carver", "[3] S. Eberle"]
    assert entries[0].endswith("(2001) 438.")


def test_an_entrys_journal_name_alone_on_its_last_line_keeps_the_bibliography_going():
    # Text out of a PDF: a journal's name with no full stop alone on an entry's last line is read as
    # no line of an entry by itself; between the entry above and the next entry's start it ends the
    # entry above, and the next entry is an entry, not a paragraph.
    raw = (
        "REFERENCES\n"
        "Abel KL, Voss E, Hollis K, Marder EA. 2001. The sinking quays of an invented coast and\n"
        "their role in the harbour trade of the northern towns and the inland quarries.\n"
        "Neuroimage\n"
        "Carver MH, Dunn PR, Stone J. 1961. Stone from the inland quarries and the councils that\n"
        "bought it in the years before the railway reached the coast. Vision Res.\n"
        "Eberle S, Heeger DJ, Movshon JA. 2012. Silt brought down each spring by the rivers of\n"
        "the coast into the harbours of the invented towns and their quays.\n"
        "Cereb. Cortex\n"
        "Fenn P, Abel KL, Sejnowski T. 2005. Learning the tides of the invented coast from the\n"
        "logs of the harbour masters of the northern towns. Neuron 12:1-9.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(" ")[0] for e in entries] == ["Abel", "Carver", "Eberle", "Fenn"]
    assert entries[0].endswith("quarries. Neuroimage")
    assert entries[2].endswith("Cereb. Cortex")
    assert not _kinds(raw, K.PARAGRAPH)


def test_an_entry_whose_first_line_is_its_authors_alone_goes_on_with_its_title():
    # A reading list that sets each part of an entry on its own line: a line of names alone is not a
    # whole entry, so the title under it belongs to it even where that line looks like an entry's start.
    raw = (
        "Reading list\n"
        "Abel, Kirsten.\n"
        '"The Sinking Quays of an Invented Coast."\n'
        "Harbour Letters 12, no. 3 (2001): 211-219.\n"
        "Carver, Martin, and Paul Dunn.\n"
        '"Stone from the Inland Quarries and the Councils That Bought It."\n'
        "Journal of Imagined Places 7 (2015): 1-22.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["Abel", "Carver"]
    assert entries[0].endswith("211-219.") and entries[1].endswith("1-22.")


def test_a_page_number_alone_between_entries_opens_no_entry():
    # Text out of a PDF keeps the page number between two entries of a bibliography; with no entry
    # number before or after it nearby, it is no entry's number.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "Abel, K., Voss, E. (2016) The sinking quays of an invented coast and the silt beneath\n"
        "them. Harb. Lett., 4, 211-219.\n"
        "Carver, M., Dunn, P. (2015) Stone from the inland quarries and the councils that\n"
        "bought it. J. Imag. Places, 12, 1-22.\n"
        "23\n"
        "Eberle, S. (2013) Silt brought down each spring by the rivers of the coast. Coast.\n"
        "Fict. Rev., 7, 101-110.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert not any(e.startswith("23") for e in entries)


def test_an_entry_marker_alone_above_an_entry_after_a_figure_opens_a_bibliography_entry():
    # A figure's legend and labels broke the numbered list off its heading (text out of a PDF); each
    # "[n]" alone on its line above an entry still opens a bibliography entry, not a list item.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "[1]\n"
        "Abel, K., Voss, E. (2016) The sinking quays of an invented coast and the silt beneath\n"
        "them. Harb. Lett., 4, 211-219.\n"
        "Fig. (2). Quay heights by decade.\n"
        "N\n"
        "OH\n"
        "12, QX1\n"
        "[2]\n"
        "Carver, M., Dunn, P., Eberle, S., Fink, R., Gold, T., Holm, J., Ivers, A., Jansen, B.,\n"
        "Kohl, C. (2015) Stone from the inland quarries and the councils that bought it in\n"
        "the dry months. J. Imag. Places, 12, 1-22.\n"
        "[3]\n"
        "Lutz, D., Meyer, F. (2013) Silt brought down each spring by the rivers of the coast.\n"
        "Coast. Fict. Rev., 7, 101-110.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["[1] Abel", "[2] Carver", "[3] Lutz"]
    assert entries[1].endswith("12, 1-22.")
    assert not _kinds(raw, K.LIST_ITEM)


def _with_scores(monkeypatch: pytest.MonkeyPatch, lines: list[tuple[str, float, float]]) -> str:
    """The text of ``lines`` (text, reference probability, start probability), with the line model's scores of
    it pinned to those given (shape = reference, no chrome), so a test pins a structure rule down."""

    def scores(texts: list[str], skip: object = (), title: object = None) -> list[LineScores | None]:
        return [
            LineScores(ref, ref, start, 0.0, False) if text else None
            for (_, ref, start), text in zip([*lines, ("", 0.0, 0.0)], texts, strict=True)
        ]

    monkeypatch.setattr(structure, "score_lines", scores)
    return "".join(text + "\n" for text, _, _ in lines)


def test_an_entry_goes_on_over_a_few_lines_the_model_doubts_up_to_a_line_that_ends_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Narrow columns wrap a proceedings title over lines that look like nothing alone: the line model
    # doubts them (reference < 0.5), but the entry's last line right after is a sure reference line
    # that starts nothing, so they are the entry's. Scores are set by hand to pin the rule down.
    lines = [
        ("meeting notes on the coast were kept by the harbour master and by the council.", 0.0, 0.0),
        ("", 0.0, 0.0),
        ("References", 0.1, 0.0),
        ("Abel, Karl and Emma Voss. 2006. Mining the", 0.95, 0.9),
        ("quays. In Proceedings of the 11th", 0.9, 0.0),
        ("meeting of the imagined chapter of the", 0.4, 0.0),
        ("society for invented harbours", 0.3, 0.0),
        ("(SIH-2006), pages 209-216, Trento.", 0.98, 0.0),
        ("Carver, Marta. 2005. On stone. Quay Press.", 0.95, 0.9),
        ("figure legends follow the list here", 0.3, 0.0),
        ("and more of them with no entry after", 0.2, 0.0),
    ]
    raw = _with_scores(monkeypatch, lines)
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert entries == [
        "Abel, Karl and Emma Voss. 2006. Mining the quays. In Proceedings of the 11th meeting of the imagined "
        "chapter of the society for invented harbours (SIH-2006), pages 209-216, Trento.",
        "Carver, Marta. 2005. On stone. Quay Press.",
    ]


def test_an_entry_numbered_alone_on_its_line_holds_a_second_work_only_where_a_name_opens_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each entry's number stands alone above it. A journal's name wrapped onto its own line reads like
    # an entry's start to the model, but only a line that opens with a name starts a second work
    # inside a numbered entry. Scores are set by hand to pin the rule down.
    lines = [
        ("meeting notes on the coast were kept by the harbour master and by the council.", 0.0, 0.0),
        ("", 0.0, 0.0),
        ("References", 0.1, 0.0),
        ("1.", 0.95, 0.2),
        ("Harbour Board of the Invented Coast. Quay heights by decade, 1900-1950.", 0.95, 0.95),
        ("Coastal Survey Weekly Report. 2010;59(19):577.", 0.95, 0.85),
        ("2.", 0.95, 0.2),
        ("K. Abel and E. Voss. Harb. Lett. 4, 211 (1986).", 0.95, 0.95),
        ("M. Carver. Quay Rev. 12, 1 (1989).", 0.95, 0.95),
        ("3.", 0.95, 0.2),
        ("Dunn P. Silt in spring. Coast Fict Rev. 2011;7:101-110.", 0.95, 0.95),
        ("4.", 0.95, 0.2),
        ("S. EBERLE, R. FINK et T. GOLD.", 0.95, 0.95),
        ("J. Imag. Chem. 29, 1953 (1986).", 0.95, 0.9),  # a journal's initial is no author's
    ]
    raw = _with_scores(monkeypatch, lines)
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(".")[0] for e in entries] == ["1", "2", "M", "3", "4"]
    assert entries[0].endswith("2010;59(19):577.")
    assert entries[4].endswith("1953 (1986).")


@pytest.mark.parametrize(
    "locator",
    [
        "Harbour Letters, 4(2), 211-219. https://doi.org/10.0000/hl.4.211",
        "Harb Lett. 2001;4(2):211-9.",
        "Harb Lett 4: 211-219.",
    ],
)
def test_a_journal_and_its_locator_on_a_line_of_their_own_open_no_entry(
    monkeypatch: pytest.MonkeyPatch, locator: str
) -> None:
    # An entry wrapped before its journal: the line holds the journal's name, volume and pages, which the
    # model may read as an entry's start (it opens with capitals), but no entry opens without its authors.
    lines = [
        ("meeting notes on the coast were kept by the harbour master and by the council.", 0.0, 0.0),
        ("", 0.0, 0.0),
        ("References", 0.1, 0.0),
        ("Abel, K., & Voss, E. (2001). The sinking quays of an invented coast.", 0.95, 0.95),
        (locator, 0.95, 0.8),
        ("Carver, M. (2015). Stone from the inland quarries. Quay Press.", 0.95, 0.95),
    ]
    raw = _with_scores(monkeypatch, lines)
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["Abel", "Carver"]
    assert entries[0].endswith(locator)


def test_a_journal_and_its_locator_under_an_entry_that_has_one_are_a_work_of_their_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A reference holds one locator: under an entry that already has its volume and pages, a line of a
    # journal and its locator alone is another work, cited by its journal.
    lines = [
        ("meeting notes on the coast were kept by the harbour master and by the council.", 0.0, 0.0),
        ("", 0.0, 0.0),
        ("References", 0.1, 0.0),
        ("Abel, K. (2001). The sinking quays. Harbour Letters, 4(2), 211-219.", 0.95, 0.95),
        ("Quay Review 12: 101-110.", 0.95, 0.8),
    ]
    raw = _with_scores(monkeypatch, lines)
    assert len(_kinds(raw, K.BIBLIOGRAPHY_ENTRY)) == 2


def test_numbered_entries_without_a_heading_stay_apart_and_the_numbering_carries_doubted_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A numbered bibliography with no heading (lost in extraction): each number opens an entry, also where
    # the model reads the line as a continuation, and a line the model doubts as a reference is still an
    # entry when its number carries on the list's ("[3]" after "[2]"). A list numbered afresh is a list.
    lines = [
        ("meeting notes on the coast were kept by the harbour master and by the council.", 0.0, 0.0),
        ("", 0.0, 0.0),
        ("[1] K. Abel, Harb. Lett. 4, 211 (1986).", 0.95, 0.95),
        ("[2] M. Carver et al. (Quay Collaboration), quay-ph/0304210.", 0.95, 0.3),
        ("[3] P. Dunn et al. quay-ph/0304464.", 0.3, 0.3),
        ("[4] S. Eberle, Harb. Lett. 7, 101 (1990).", 0.95, 0.95),
        ("", 0.0, 0.0),
        ("1. Measure the quays at low tide.", 0.1, 0.1),
        ("2. Note the silt.", 0.1, 0.1),
    ]
    raw = _with_scores(monkeypatch, lines)
    assert [e[:3] for e in _kinds(raw, K.BIBLIOGRAPHY_ENTRY)] == ["[1]", "[2]", "[3]", "[4]"]
    assert _kinds(raw, K.LIST_ITEM) == ["Measure the quays at low tide.", "Note the silt."]


def test_a_numbered_point_with_no_reference_cue_after_an_entry_stays_a_list_item(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Numbering that goes on is not enough: the point must show a reference's shape somewhere.
    lines = [
        ("meeting notes on the coast were kept by the harbour master and by the council.", 0.0, 0.0),
        ("", 0.0, 0.0),
        ("1. K. Abel, Harb. Lett. 4, 211 (1986).", 0.95, 0.95),
        ("2. Measure the quays at low tide and note the silt.", 0.3, 0.3),
    ]
    raw = _with_scores(monkeypatch, lines)
    assert len(_kinds(raw, K.BIBLIOGRAPHY_ENTRY)) == 1
    assert _kinds(raw, K.LIST_ITEM) == ["Measure the quays at low tide and note the silt."]


def test_an_entry_keyed_on_its_own_line_keeps_a_doubted_tail_from_the_entry_above(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Hard-wrapped text: a line the model doubts ("[Ca05] ...") stands between an entry and a reference line
    # that opens none. With its own key it opens another entry, so that line is not the first entry's rest.
    prose = "the harbour council kept the minutes of each meeting on the coast in a book"
    lines = (
        [(prose, 0.0, 0.0)] * 7
        + [(prose + ".", 0.0, 0.0), ("", 0.0, 0.0)]
        + [
            ("[Ab10]  K. Abel and E. Voss. The sinking quays of an invented coast. In", 0.95, 0.95),
            ("        Harbour Letters, pages 211-219, 2010.", 0.95, 0.0),
            ("[Ca05]  M. Carver and P. Dunn. A technique for the stone of the quar-", 0.3, 0.3),
            ("        ries of the inland hills. In Quay Review, pages 1-22, 2005.", 0.95, 0.1),
        ]
    )
    raw = _with_scores(monkeypatch, lines)
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert entries[0].endswith("pages 211-219, 2010.")


def test_a_long_author_list_wrapped_before_its_year_keeps_the_year_line():
    # The year line opens like an entry of its own ("2013. Title ..."), but the entry above holds no
    # year yet: its names go on into it.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "ABEL, K., VOSS, E., CARVER, M., DUNN, P., EBERLE, S., FINK, R., GOLD, T., HOLM, J.,\n"
        "IVERS, A., JANSEN, B., KOHL, C., LUTZ, D., MEYER, F. & NOLL, G.\n"
        "2013. The sinking quays of an invented coast and the silt beneath them. Harb Lett, 4,\n"
        "211-219.\n"
        "CARVER, M. & DUNN, P. 2015. Stone from the inland quarries. J Imag Places, 12, 1-22.\n"
        "EBERLE, S. 2011. Silt brought down each spring. Coast Fict Rev, 7, 101-110.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["ABEL", "CARVER", "EBERLE"]
    assert entries[0].endswith("211-219.")


def test_a_numbered_bibliography_flattened_into_one_line_is_split_into_its_entries():
    # A scraped page or an extraction that lost the line breaks: the heading and every entry on one
    # line. The numbers run one after the other, so each starts an entry.
    raw = _WRAPPED_PROSE + (
        "\n"
        "References [1] K. Abel and E. Voss, The sinking quays of an invented coast, Harb. Lett. 4 (2016) "
        "211-219. [2] M. Carver, Stone from the inland quarries [3], J. Imag. Places 12 (2015) 1-22. "
        "[3] S. Eberle, Silt brought down each spring, Coast. Fict. Rev. 7 (2013) 101-110.\n"
    )
    blocks = _blocks(raw)
    assert ("heading", "References", ("References",)) in blocks
    entries = [(t, sec) for k, t, sec in blocks if k == K.BIBLIOGRAPHY_ENTRY.value]
    assert [t.split(",")[0] for t, _ in entries] == ["[1] K. Abel and E. Voss", "[2] M. Carver", "[3] S. Eberle"]
    assert entries[1][0].endswith("1-22.") and "[3]," in entries[1][0]
    assert {sec for _, sec in entries} == {("References",)}


def test_a_flattened_list_numbered_with_full_stops_is_split_too():
    raw = (
        "REFERENCES 1. Abel K, Voss E. The sinking quays of an invented coast. Harb Lett. 2016;4:211-9. "
        "2. Carver M. Stone from the inland quarries. J Imag Places. 2015;12:1-22. 3. Eberle S. Silt "
        "brought down each spring. Coast Fict Rev. 2013;7:101-10.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(" ")[:2] for e in entries] == [["1.", "Abel"], ["2.", "Carver"], ["3.", "Eberle"]]
    # With no heading at all (a reference section cut out of its paper), the years in the entries say
    # it is a bibliography.
    assert _kinds(raw.removeprefix("REFERENCES "), K.BIBLIOGRAPHY_ENTRY) == entries


@pytest.mark.parametrize(
    ("bibliography", "firsts", "endings"),
    [
        # "211-" / "219. https://..." out of a PDF: the number opening the line ends the page range; it is
        # no entry's number, and the entry above goes on to its link.
        (
            "Abel, K., & Voss, E. (2016). The sinking quays of an invented coast. Harbour Letters, 4, 211-\n"
            "219. https://doi.org/10.1000/hl.2016.4\n"
            "Carver, M. (2015). Stone from the inland quarries. Journal of Imagined Places, 12, 1-\n"
            "22.\n"
            "Eberle, S. (2013). Silt brought down each spring. Coastal Fiction Review, 7, 101-110.\n",
            ["Abel", "Carver", "Eberle"],
            ["hl.2016.4", "1- 22."],
        ),
        # The same after a hyphenated name ("DSM-" / "5. ..."), and a number in brackets followed by a
        # comma ("(200), 352-363"): a year or a volume, no label.
        (
            "Abel, K. (2014). From symptoms to quays: the coast in the light of the new classification in DSM-\n"
            "5. Harbour Letters, 70(2), 95-102.\n"
            "Carver, M., Stone from the inland quarries, in Proceedings of the Quay Workshop, Coast Press, Sofia\n"
            "(200), 352-363; arXiv:0711.0552.\n"
            "Eberle, S. (2013). Silt brought down each spring. Coastal Fiction Review, 7, 101-110.\n",
            ["Abel", "Carver", "Eberle"],
            ["95-102.", "arXiv:0711.0552."],
        ),
        # An author list cut short by an ellipsis (APA's seventh edition) goes on on the next line.
        (
            "Abel, K., Brandt, L., Carver, M., Dunn, P., Eberle, S., Fenn, R., Gold, T., Holm, J., …\n"
            "Voss, E. (2012). The sinking quays of an invented coast. Harbour Letters, 69(8), 842-852.\n"
            "Carver, M. (2015). Stone from the inland quarries. Journal of Imagined Places, 12, 1-22.\n",
            ["Abel", "Carver"],
            [],
        ),
    ],
)
def test_a_line_carried_on_from_the_entry_above_opens_no_entry(
    bibliography: str, firsts: list[str], endings: list[str]
):
    entries = _kinds(_WRAPPED_PROSE + "References\n" + bibliography, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == firsts
    assert all(e.endswith(end) for e, end in zip(entries, endings, strict=False))


def test_a_compound_entry_is_split_into_its_references():
    # Physics numbers several works as one entry, a semicolon between them: each is a reference of its
    # own. Semicolons between authors (ACS) or before an erratum's volume and page break nothing.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "[15] T. M. Abel, V. L. Voss, and Y. I. Kern, Sov. J. Imag. Phys. 40, 527 (1984); P. Carver, V. M.\n"
        "Dunn, and H. G. Eberle, Harb. Rev. D 44, 3567 (1991).\n"
        "[16] F. Fenn et al. (Quay Collaboration), Harb. Rev. D 63, 072003 (2001); G. Holm et al., Harb.\n"
        "Lett. 81, 1367 (1998).\n"
        "[17] A. Ivers, Harb. Lett. 41, 690 (1988); 53, 1349 (1996).\n"
        "[18] Lee, E. F.; Dewson, G.; Evans, M. J. Imag. Chem. 2014, 289, 36001-36017; (b) Jansen, B.;\n"
        "Kohl, C. Coast. Chem. 2012, 7, 11-19.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == [
        "[15] T. M. Abel",
        "P. Carver",
        "[16] F. Fenn et al. (Quay Collaboration)",
        "G. Holm et al.",
        "[17] A. Ivers",
        "[18] Lee",
        "(b) Jansen",
    ]
    assert entries[0].endswith("(1984);") and entries[1].endswith("(1991).")
    assert entries[4].endswith("53, 1349 (1996).")


def test_entries_with_alphabetic_keys_end_where_the_next_key_opens_one():
    # Mathematics' alphabetic style: "[Lu] ", "[DG13]" (alone on its line, the entry under it). A
    # series number in brackets in a wrapped line ("(3) 29, ...") does not swallow the entries after it.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "[Ab] K. Abel, Quays and their silt, Ergebnisse der Hafenkunde und ihrer Grenzgebiete\n"
        "(3) 29, Coast-Verlag, Harbour (1995), x+383pp.\n"
        "[CaD13]\n"
        "Mark Carver and Paul Dunn, Stone from the inland quarries, Quarry Math. 12 (2013), 1-22.\n"
        "[Eb] S. Eberle, Silt brought down each spring, Coast. Fict. Rev. 7 (2013), no. 2, 101-110.\n"
        "[Fe] R. Fenn, The councils and their stone, Inland Stud. 3 (2018), 40-58.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(" ")[0] for e in entries] == ["[Ab]", "[CaD13]", "[Eb]", "[Fe]"]
    assert entries[0].endswith("x+383pp.") and entries[1].startswith("[CaD13] Mark Carver")
    # Outside a bibliography a bracketed word opens nothing.
    assert not _kinds(_WRAPPED_PROSE + "[Update] The quays were raised again in 1990.\n", K.BIBLIOGRAPHY_ENTRY)


def test_a_narrow_column_entry_goes_on_over_a_line_too_plain_to_hold_names():
    # A proceedings title wrapped in a narrow column: "In Papers of the 38th Biennial Pacific" follows a
    # full stop and opens with a capital, but its shape holds no names; it opens no entry.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "Abel, Karin and Sabine Voss.\n"
        "2006. Mining the harbour records for silt\n"
        "levels: tag extraction from the quay\n"
        "notes. In Papers of the 11th Congress\n"
        "of the Northern Society for the Study\n"
        "of Harbours (NSSH-2006), pages 209–216,\n"
        "Bergen.\n"
        "Brandt, Lena, Rema Carver, and Edoardo\n"
        "Dunn. 2005. On learning parsimonious\n"
        "models for extracting quay heights.\n"
        "In Papers of the 38th Biennial Pacific\n"
        "Symposium on Tides and Coastal\n"
        "Sciences (PSCS'05), page 75,\n"
        "Waikoloa, HI.\n"
        "Eberle, Ann. 1982. Unspeakable Quays.\n"
        "Routledge and Kegan Paul, Boston.\n"
        "Fenn, Philip, Trevor Gold, and\n"
        "Shivakumar Holm. 2004. The\n"
        "sentimental factor: Improving quay\n"
        "classification via human-provided\n"
        "records. In Papers of the 42nd Congress\n"
        "of the Northern Society for the Study\n"
        "of Harbours (NSSH-04),\n"
        "pages 263–270, Barcelona.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    brandt = next(e for e in entries if e.startswith("Brandt"))
    assert brandt.endswith("Waikoloa, HI.")
    assert not any("38th Biennial Pacific" in p for p in _kinds(raw, K.PARAGRAPH))


def test_a_wrapped_journal_line_the_model_takes_for_a_start_goes_on_with_its_entry():
    # Out of a PDF: "Meth Field Ornithol Suppl 4:..." reads to the line model as an entry's start, but
    # its shape holds no names; in a hard-wrapped text it goes on with the entry above.
    raw = _WRAPPED_PROSE + (
        "References\n"
        "Aldana RM, Kreuz PT, Omondi LJ (2005) Seasonal variation in the nest-\n"
        "ing behaviour of coastal terns: no effect of the tidal range in\n"
        "island colonies. J Avian Ecol 164:132-136.\n"
        "CrossRef Medline\n"
        "Barlow MJ, Quist PF (1987) Call rates and territorial displays in\n"
        "island populations of sand martins (Riparia riparia). Avian Stud 15:\n"
        "233-248. CrossRef Medline\n"
        "Castell JW, Imre SL (1998) Foundations of avian acoustics, Ed 2.\n"
        "Bergen: Harbour Press, Northern Uni-\n"
        "versity Press.\n"
        "Dorsey CS (2009) Estimating the breeding stages of shorebirds.\n"
        "Meth Field Ornithol Suppl 4:Suppl 4B. CrossRef Medline\n"
        "Esposito J, Farkas A, Gunn DB, Hale ED (2015) Male tern song\n"
        "structure depends on colony size and influences female prefer-\n"
        "ences. Front Avian Sci 9:76. CrossRef Medline\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    dorsey = next(e for e in entries if e.startswith("Dorsey"))
    assert "Meth Field Ornithol Suppl 4" in dorsey
    assert not any(p.startswith("Meth Field") for p in _kinds(raw, K.PARAGRAPH))


def test_a_line_of_names_and_a_year_opens_an_entry_unless_the_line_above_is_unfinished():
    lines = _split_lines(
        "ings in terns. Avian Stud 67:769 -775. CrossRef Medline\n"
        "Okafor JC, Lindgren G (1985) Ultrasonic calls of adult female shrews\n"
        "Carver M, Dunn P, Eberle S, Fenn R, Gold T, Holm J, Ivers A, Jansen B,\n"
        "Kohl C, Lutz D (2015) Stone from the inland quarries and the councils.\n"
        "Okafor JC, Lindgren G, Ultrasonic calls of adult female shrews of the coast\n",
        [],
    )
    assert structure._named_and_dated(lines[0], lines[1])
    assert not structure._named_and_dated(lines[2], lines[3])  # an author list wrapped after a comma
    assert not structure._named_and_dated(lines[0], lines[4])  # no year after the names
    particle = _split_lines("van der Berg P, Okafor T (1994) Silt of the northern quays\n", [])[0]
    assert structure._named_and_dated(lines[0], particle)  # a surname's lower-case particles
    astro = _split_lines("Okafor T. J., Lindqvist R., 2011, Ann. Geophys., 331, 1040\n", [])[0]
    assert structure._named_and_dated(lines[0], astro)  # a surname and its initials with full stops


def test_a_page_number_ends_an_entry_as_a_full_stop_does():
    lines = _split_lines(
        "Okonkwo, T. 2004, Ann. Geophys., 12, 667\nLindqvist, R. 2011, Icarus, 88, 31\n",
        [],
    )
    assert structure._starts_new_reference(lines[0], lines[1])  # "667": the page number ends the entry
    assert not structure._starts_new_reference(lines[0], _split_lines("and Ba, K. 2011\n", [])[0])


def test_an_author_list_wrapped_after_a_comma_goes_on_over_a_line_of_names(monkeypatch: pytest.MonkeyPatch) -> None:
    # "N.W., Garza, ..." may read to the line model as an entry's start (pinned here); the comma above
    # says the author list goes on.
    lines = [
        ("References", 0.1, 0.0),
        ("Abara, P.D., Brandt-Kessler, R.W., Chung, L.W., Dahl, T.R., Eze, A.J., Fontaine,", 1.0, 1.0),
        ("N.W., Garza, R.J., Haddad, J.C., Ito, N.K., and Jansen, T.C. (2002). HARBOUR:", 1.0, 0.6),
        ("building new software for automated silt level estimation. Coast", 1.0, 0.0),
        ("Eng Lett 58, 1948-1954.", 1.0, 0.0),
        ("Kowalczyk, A.J., Lindqvist, S. (2016). Composition and tidal effects of harbour sites.", 1.0, 1.0),
        # ... and after an initial: the surname is on the next line.
        ("Okafor, A. J., D. Reale, M. N. Clements, M. B. Osei, C. A. W. E. Petrov, L. E. B.", 1.0, 1.0),
        ("Quist, and D. H. Novak. 2010. A guide to the harbour model. Journal of Coastal", 1.0, 0.6),
        ("Ecology 79:13-26.", 1.0, 0.0),
    ]
    entries = _kinds(_with_scores(monkeypatch, lines), K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["Abara", "Kowalczyk", "Okafor"]
    assert entries[0].endswith("1948-1954.")
    assert entries[2].endswith("79:13-26.")
    assert not structure._NAMES_CUT.search("Coast Eng Lett. 2013;7: S168-S.")  # a page, not an initial


def test_an_editor_list_wrapped_after_a_name_with_initials_goes_on():
    raw = (
        "References\n"
        "Brandt, L. 1976. Trends in the dredging and upkeep of tidal harbours. Pp. 69-118 in J. G. Okafor,\n"
        "A. J. Lindqvist & B. M. Osei (eds.), The biology and chemistry of estuaries. Harbour\n"
        "Press, Bergen.\n"
        "Carver, R. 1979. A cost-benefit analysis of quay raising. Pp. 114-130 in O. T. Ito, S. Dahl,\n"
        "G. B. Eze & P. H. Novak (eds.), Topics in coastal engineering. Northern University Press,\n"
        "Trento.\n"
        "Dunn, E. 1985. Silt. Coast Eng Lett 12: 33-41.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split(",")[0] for e in entries] == ["Brandt", "Carver", "Dunn"]


def test_an_entry_cut_short_at_a_comma_does_not_swallow_the_prose_or_the_item_after_it():
    raw = (
        "Sources\n\n"
        "Lindqvist, R. (2011). Tides of the northern coast. Bergen,\n"
        "Okonkwo, T. (2004). Silt and settlement. Lagos: Harbour Press, Trento,\n"
        "The councils raised the quays again with stone from the inland quarries, and the stone was carted "
        "down in the dry months when the roads held.\n"
    )
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert entries == [
        "Lindqvist, R. (2011). Tides of the northern coast. Bergen,",
        "Okonkwo, T. (2004). Silt and settlement. Lagos: Harbour Press, Trento,",
    ]
    assert not any("councils" in e for e in entries)


def test_a_heading_in_spaced_capitals_opens_a_bibliography():
    raw = _WRAPPED_PROSE + (
        "R E F E R E N C E S\n"
        "Okonkwo T., 1995, Ann. Geophys., 447, L25\n"
        "Lindqvist R., 2003, Icarus, 115, 763\n"
        "Abel K., Brandt L., Carver R., Dunn E., 2001, Ann. Geophys., 552,\n"
        "L23\n"
    )
    assert _kinds(raw, K.HEADING)[-1] == "R E F E R E N C E S"
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split()[0] for e in entries] == ["Okonkwo", "Lindqvist", "Abel"]
    assert structure._is_bib_heading("R E F E R E N C E S") and not structure._is_bib_heading("A B C D")


def test_a_bibliography_goes_on_after_an_entry_a_pdf_spread_one_word_to_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # The words of an entry's tail, one to a line, read as nothing like a reference: the bibliography
    # stops there, but the next line that opens an entry takes it up again (scores pinned).
    prose = [(line, 0.0, 0.0) for line in _WRAPPED_PROSE.splitlines()]
    lines = [
        *prose,
        ("References", 0.1, 0.0),
        ("Abel K (2003) A scheme for assessing silt in coastal harbours. In: Brandt L (ed) Coastal", 1.0, 1.0),
        ("Harbours, Bergen University Papers in", 1.0, 0.0),
        ("Policy,", 0.2, 0.0),
        ("14,", 0.2, 0.0),
        ("Bergen.", 0.05, 0.0),
        ("Retrieved", 0.05, 0.0),
        ("from", 0.05, 0.0),
        ("http://www.example.org/harbours/silt.html", 0.1, 0.0),
        ("Carver R, Dunn E (2007) Morphometry and energetics of quay stones from the coast of Bergen:", 1.0, 0.95),
        ("an engineering meaning. Coast Eng Lett 48:121-137", 1.0, 0.0),
        ("Eberle A (1979) Chemistry of the Quays. Harbour Press, London", 1.0, 0.95),
    ]
    raw = _with_scores(monkeypatch, lines)
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split()[0] for e in entries] == ["Abel", "Carver", "Eberle"]
    assert not any("Carver" in p for p in _kinds(raw, K.PARAGRAPH))


@pytest.mark.parametrize("columns", [False, True])
def test_an_entry_tail_read_as_a_paragraph_gives_way_to_the_next_entry(
    monkeypatch: pytest.MonkeyPatch, columns: bool
) -> None:
    # A bibliography's page begins with the tail of an entry from the page before: a reference line that
    # opens no entry, so a paragraph; the next line that opens an entry ends it. Not so in a table,
    # whose columns stand three blanks apart (scores pinned).
    gap = "     " if columns else " "
    prose = [(line, 0.0, 0.0) for line in _WRAPPED_PROSE.splitlines()]
    lines = [
        *prose,
        ("", 0.0, 0.0),
        (f"Harbour silt and the northern coast, a report to the councils,{gap}Coast Eng Lett 12:33-41", 1.0, 0.1),
        (f"Abel K, Brandt L (2003) Silt in coastal harbours.{gap}Harbour Stud 7:1-9", 1.0, 0.95),
        (f"Carver R (2007) Morphometry of quay stones.{gap}Coast Eng Lett 48:121-137", 1.0, 0.95),
    ]
    raw = _with_scores(monkeypatch, lines)
    entries = [e.split()[0] for e in _kinds(raw, K.BIBLIOGRAPHY_ENTRY)]
    assert entries == ([] if columns else ["Abel", "Carver"])


def test_a_reference_list_wrapped_at_an_even_width_is_hard_wrapped():
    # Out of a PDF a reference list's lines open with names, in capitals, so few lines open in lower case;
    # their even width still shows the text was wrapped. A scraped page's blocks, a line each, vary.
    wrapped = (
        "Okafor T, Lindqvist R, Abel K (2000) Silting of the northern harbours\n"
        "and the raising of their quays. Coast Eng Lett 60: 1835-1839\n"
        "Brandt L, Carver R (2003) Tidal range and quay heights of the coast in\n"
        "the nineteenth century. Harbour Stud 12: 33-41\n"
        "Dunn E (1999) Stone from the inland quarries of the coast. Bergen: Har-\n"
        "bour Press\n"
    ) * 2
    assert structure._even_width(_split_lines(wrapped, []))
    page = "Home\nThe harbour towns of the coast were built on silt that the rivers brought down each spring.\nShare\n"
    assert not structure._even_width(_split_lines(page * 4, []))
    assert not structure._even_width(_split_lines(wrapped[:200], []))  # too few lines to tell


@pytest.mark.parametrize(
    ("raw", "firsts"),
    [
        # A part closed by an e-print's identifier is complete without a year.
        (
            "[3] B. Oyelaran and T. Quist, hep-th/0312045; K. Rask and L. Tamm, Harb. Rep. 460, 1 (2008).",
            ["[3] B. Oyelaran and T. Quist", "K. Rask and L. Tamm"],
        ),
        (
            "[4] W. Ueda, arXiv:1501.02345; V. Holm, Harb. Lett. 12, 9 (2015).",
            ["[4] W. Ueda", "V. Holm"],
        ),
        # The next work's author as a surname and dotted initials ("Rask L.,"), after a page with a letter.
        (
            "[2] Oyelaran B. and Quist T., Harb. Rev. Lett., 48 (1982) 215c; Rask L., Harb. Rep. A, 418 (1984) 21.",
            ["[2] Oyelaran B. and Quist T.", "Rask L."],
        ),
        # The next work's author by initials and surname alone, no comma after it.
        (
            "[5] N. Vasko et al. Harb. Phys. 48 (1996) 83; O. Wendt arXiv.org: quay-ph/9911415 (1999).",
            ["[5] N. Vasko et al. Harb. Phys. 48 (1996) 83;", "O. Wendt arXiv.org: quay-ph/9911415 (1999)."],
        ),
    ],
)
def test_a_compound_entry_breaks_after_an_eprint_and_before_initials(raw: str, firsts: list[str]) -> None:
    parts = [raw[s:e] for s, e in structure._compound_parts(raw, 0, len(raw))]
    assert [p.split(",")[0] for p in parts] == [f.split(",")[0] for f in firsts]


def test_prose_citing_works_keeps_its_semicolons():
    # "(Bem, 1974; Conway, ...)" inside a text read as an entry is a citation, not two references.
    raw = "Abel, K. (2016). Quays and the women who built them (Bem, 1974; Conway, Pizza, & Mount, 1996).\n"
    parts = structure._compound_parts(raw, 0, len(raw))
    assert parts == [(0, len(raw))]


def test_prose_citing_numbered_works_is_no_flattened_bibliography():
    # Numbers that run on inside prose, a run that is too short, or a numbered list with no
    # bibliography heading make no entries.
    prose = (
        "The quays of the coast sank [1] and were raised [2] again with stone from the quarries [3], as "
        "the council minutes of every decade record.\n"
    )
    short = "References [1] K. Abel, Quays, Harb. Lett. 4 (2016) 211. [2] M. Carver, Stone, J. Imag. 12 (2015) 1.\n"
    contents = (
        "1. The coast and its towns 2. Silt and the rivers 3. Raising the quays 4. Stone from the quarries "
        "5. The councils\n"
    )
    assert _kinds(prose, K.BIBLIOGRAPHY_ENTRY) == []
    assert len(_kinds(short, K.BIBLIOGRAPHY_ENTRY)) < 2
    assert _kinds(contents, K.BIBLIOGRAPHY_ENTRY) == []


@st.composite
def _text_and_removals(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    raw = draw(st.text(alphabet=st.sampled_from("ab •1.\t \n\r\x0c#"), max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=8)))
    # Sorted, non-overlapping ranges (empty ones too) made of consecutive pairs of cut points.
    removed = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    return raw, removed


@settings(max_examples=300, deadline=None)
@given(_text_and_removals())
def test_split_lines_text_is_clean_text_of_each_line(case: tuple[str, list[tuple[int, int]]]) -> None:
    # _split_lines walks the removals along the lines instead of asking clean_text for each line.
    raw, removed = case
    for ln in _split_lines(raw, removed):
        assert ln.text == clean_text(raw, ln.cstart, ln.end, removed)


def test_find_blocks_refuses_an_invalid_source_id() -> None:
    with pytest.raises(ModelError):
        find_blocks("A Title\n\nSome text of the body here.\n", "not an id")


@settings(max_examples=200, deadline=None)
@given(_text_and_removals())
def test_blocks_equal_their_checked_rebuilds(case: tuple[str, list[tuple[int, int]]]) -> None:
    # find_blocks makes its blocks unchecked (trusted_block, trusted_span): each is one the checked
    # constructors accept and build equal.
    raw, removed = case
    for block in find_blocks(raw, "doc", removed):
        span = Span(block.span.source, block.span.start, block.span.end)
        assert Block(block.kind, span, block.section) == block
        assert type(block.kind) is PassageKind and type(block.section) is tuple and len(span) > 0


@pytest.mark.parametrize(
    ("line", "reference", "is_entry"),
    [
        # The shape of an entry but no cue of one, and the model not sure: a numbered point of the text.
        ("Harbour traffic grew once the stone quays were finished and paid.", 0.8, False),
        # A comma after a first word is no "Surname, Forename": still a paragraph.
        ("However, the Harbour traffic grew once the stone quays were finished.", 0.8, False),
        # The same certainty with a cue (a year, a leading "Surname, I.", a quoted title): an entry.
        ("Harbour traffic grew once the stone quays were finished, 1834.", 0.8, True),
        ("Abel, K. Harbour traffic grew once the stone quays were finished.", 0.8, True),
        ('Abel K. "Harbour traffic and the stone quays of the coast".', 0.8, True),
        # Author-year citations closed by semicolons, as body text writes them: a paragraph, cues or not.
        ("Harbour works (Abel et al., 2008; Carver and Dunn, 2010; Eberle, 2011) were slow.", 0.8, False),
        # No cue, but the model is sure on its own: an entry.
        ("Harbour traffic grew once the stone quays were finished and paid.", 0.95, True),
    ],
)
def test_an_entry_outside_a_bibliography_heading_needs_a_cue_unless_the_model_is_sure(
    monkeypatch: pytest.MonkeyPatch, line: str, reference: float, is_entry: bool
) -> None:
    lines = [
        ("meeting notes on the coast were kept by the harbour master and by the council.", 0.0, 0.0),
        ("", 0.0, 0.0),
        (line, reference, 0.9),
        ("", 0.0, 0.0),
        (line.replace("Harbour", "Port"), reference, 0.9),  # a run of two: the model keeps lines near others
        ("", 0.0, 0.0),
        ("the council met again in the spring and spoke of the quays and of the silt.", 0.0, 0.0),
    ]
    raw = _with_scores(monkeypatch, lines)
    both = [line, line.replace("Harbour", "Port")]
    assert _kinds(raw, K.BIBLIOGRAPHY_ENTRY) == (both if is_entry else [])
    assert all((text in _kinds(raw, K.PARAGRAPH)) is not is_entry for text in both)


def test_prose_after_the_article_end_is_chrome(monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.lines.model as line_models  # noqa: PLC0415 - patched for this test only

    article = [
        "The island council voted on Tuesday to keep the morning ferry running through the winter months.",
        "Fishermen and teachers who live on the outer islands said the cuts had made it hard to get to work.",
        "The council will pay for the extra crossings from its harbour fund, set up after the storm of 1998.",
    ]
    comment = "I took that ferry every day for ten years and I am glad the council listened to the people at last."
    raw = "\n".join(["Home", "News", *article, "Share", comment, ""])

    def body(blocks: list[Block]) -> str:
        return " ".join(raw[b.span.start : b.span.end] for b in blocks if b.kind is PassageKind.PARAGRAPH)

    monkeypatch.setattr(line_models, "article_end_model", lambda: {})
    assert comment in body(find_blocks(raw, "d"))
    # A model that cuts after the last line ending a sentence before a one-word line.
    cut = {"weights": {"bias": -50.0, "next:words<=3": 100.0, "self:end": 1.0}}
    monkeypatch.setattr(line_models, "article_end_model", lambda: cut)
    kept = body(find_blocks(raw, "d"))
    assert comment not in kept
    assert all(sentence in kept for sentence in article)


def test_prose_before_the_article_start_is_chrome_but_the_title(monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.lines.model as line_models  # noqa: PLC0415 - patched for this test only

    article = [
        "The island council voted on Tuesday to keep the morning ferry running through the winter months.",
        "Fishermen and teachers who live on the outer islands said the cuts had made it hard to get to work.",
        "The council will pay for the extra crossings from its harbour fund, set up after the storm of 1998.",
    ]
    teaser = "Lighthouse keeper arrives on the outer island"
    title = "Council Keeps the Winter Ferry"
    raw = "\n".join(["Home", "News", title, "12 May 2020", teaser, *article, ""])

    def body(blocks: list[Block]) -> str:
        kinds = (PassageKind.PARAGRAPH, PassageKind.TITLE, PassageKind.HEADING)
        return " ".join(raw[b.span.start : b.span.end] for b in blocks if b.kind in kinds)

    monkeypatch.setattr(line_models, "article_start_model", lambda: {})
    assert teaser in body(find_blocks(raw, "d"))  # a teaser the chrome model is not sure of, in the core
    # A model that starts the article at the core's second line, whatever else it reads.
    start = {"weights": {"bias": -50.0, "core:inside": 100.0, "core:dist": -10.0}}
    monkeypatch.setattr(line_models, "article_start_model", lambda: start)
    blocks = find_blocks(raw, "d")
    kept = body(blocks)
    assert teaser not in kept
    assert all(sentence in kept for sentence in article)
    assert [raw[b.span.start : b.span.end] for b in blocks if b.kind is PassageKind.TITLE] == [title]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=6), st.sampled_from(["", " x", "\t1. a", ") b", "# h"]))
def test_a_line_that_starts_with_no_mark_character_has_no_marks(head: str, tail: str) -> None:
    line = head + tail
    if line and not (line[0] in _MARK_STARTS or line[0].isdigit()):
        assert _line_marks(line, 0, len(line)) == (0, 0, False, 0)


def _with_chrome(monkeypatch: pytest.MonkeyPatch, lines: list[tuple[str, float, float, float]]) -> str:
    """As :func:`_with_scores`, with each line's chrome probability pinned too (text, reference, start, chrome);
    every line lies in the densest run of prose, so the chrome scores count."""

    def scores(texts: list[str], skip: object = (), title: object = None) -> list[LineScores | None]:
        return [
            LineScores(ref, ref, start, chrome, True) if text else None
            for (_, ref, start, chrome), text in zip([*lines, ("", 0.0, 0.0, 0.0)], texts, strict=True)
        ]

    monkeypatch.setattr(structure, "score_lines", scores)
    return "".join(text + "\n" for text, _, _, _ in lines)


def test_an_entry_broken_off_by_a_page_head_goes_on_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # Out of a PDF with no page breaks marked, a page's number and running head fall inside an entry, and the
    # entry's wrapped title lines before them read as no reference: the bibliography stops, the head reads as
    # chrome. The reference line after them opens no entry: it is the rest of the entry above, which runs on
    # over the lines between (scores pinned).
    prose = [(line, 0.0, 0.0, 0.0) for line in _WRAPPED_PROSE.splitlines()]
    lines = [
        *prose,
        ("References", 0.1, 0.0, 0.0),
        ("Abel K, Brandt L (2003) Silt in the harbours of the", 1.0, 0.95, 0.0),
        ("northern coast and the slow", 0.2, 0.0, 0.0),
        ("raising of", 0.2, 0.0, 0.0),
        ("12", 0.0, 0.0, 0.9),
        ("Quays of the Invented Coast", 0.0, 0.0, 0.9),
        ("their quays. Harbour Stud 7:1-9", 1.0, 0.0, 0.9),
        ("Carver R (2007) Morphometry of quay stones. Coast Eng Lett 48:121-137", 1.0, 0.95, 0.9),
    ]
    raw = _with_chrome(monkeypatch, lines)
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert [e.split()[0] for e in entries] == ["Abel", "Carver"]
    assert entries[0].endswith("Harbour Stud 7:1-9")


def test_a_tail_reads_as_an_entry_by_its_own_shape_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # A line that is a reference line only among its neighbours (its own shape says prose) after the
    # acknowledgements that follow a bibliography is no rest of the last entry (scores pinned).
    prose = [(line, 0.0, 0.0, 0.0) for line in _WRAPPED_PROSE.splitlines()]
    lines = [
        *prose,
        ("References", 0.1, 0.0, 0.0),
        ("Abel K, Brandt L (2003) Silt in the harbours of the coast. Harbour Stud 7:1-9", 1.0, 0.95, 0.0),
        ("Thanks", 0.2, 0.0, 0.0),
        ("We thank the harbour masters of the coast for their logs.", 0.2, 0.0, 0.0),
        ("Their clerks copied the tide tables for us.", 0.2, 0.0, 0.0),
        ("Any errors are ours.", 0.2, 0.0, 0.0),
        ("The council of 1903 kept the minutes we read.", 0.95, 0.0, 0.0),
    ]
    raw = _with_chrome(monkeypatch, lines)
    # Shape pinned low for the last line: a reference line by its neighbours alone.
    real = structure.score_lines

    def low_shape(texts: list[str], skip: object = (), title: object = None) -> list[LineScores | None]:
        out = real(texts, skip, title)
        last = max(k for k, s in enumerate(out) if s is not None)
        s = out[last]
        assert s is not None
        out[last] = s._replace(shape=0.1)
        return out

    monkeypatch.setattr(structure, "score_lines", low_shape)
    entries = _kinds(raw, K.BIBLIOGRAPHY_ENTRY)
    assert len(entries) == 1
    assert entries[0].endswith("7:1-9")


def test_entries_found_by_their_shape_keep_a_bibliography_open(monkeypatch: pytest.MonkeyPatch) -> None:
    # No heading opens this bibliography: its entries are found by their shape. A PDF spread one entry's tail
    # one word to a line, which reads as nothing like a reference; the paragraph those words make ends at the
    # next line that opens an entry, as it does under a heading (scores pinned).
    prose = [(line, 0.0, 0.0) for line in _WRAPPED_PROSE.splitlines()]
    lines = [
        *prose,
        ("Abel K (2003) A scheme for assessing silt in coastal harbours. Coast Eng Lett 3:1-9", 1.0, 1.0),
        ("Retrieved", 0.05, 0.0),
        ("from", 0.05, 0.0),
        ("http://www.example.org/harbours/silt.html", 0.1, 0.0),
        ("Carver R, Dunn E (2007) Morphometry of quay stones from the coast. Coast Eng Lett 48:121-137", 1.0, 0.95),
    ]
    raw = _with_scores(monkeypatch, lines)
    assert [e.split()[0] for e in _kinds(raw, K.BIBLIOGRAPHY_ENTRY)] == ["Abel", "Carver"]
    assert not any("Carver" in p for p in _kinds(raw, K.PARAGRAPH))


@pytest.mark.parametrize("wrapped", [True, False])
def test_a_numbered_entry_after_a_bibliography_that_stopped_short_is_no_list_item(
    monkeypatch: pytest.MonkeyPatch, wrapped: bool
) -> None:
    # In text out of a PDF a line the model could not read breaks a numbered bibliography off; its next
    # numbered line, whose shape reads as an entry's start, is an entry again, not a list item. On a scraped
    # page (one block a line) a numbered list after a bibliography stays a list (scores pinned).
    prose = [(line, 0.0, 0.0) for line in _WRAPPED_PROSE.splitlines()] if wrapped else [(_FERRY[3], 0.0, 0.0)]
    lines = [
        *prose,
        ("References", 0.1, 0.0),
        ("[1] K. Abel, Silt in the harbours of the northern coast, Harb. Lett. 4 (2016) 211.", 1.0, 0.95),
        ("Quays of", 0.1, 0.0),
        ("[2] M. Carver, Stone from the inland quarries, J. Quays 12 (2015) 1-9.", 0.6, 0.9),
    ]
    raw = _with_scores(monkeypatch, lines)
    carver = [e for e in _kinds(raw, K.BIBLIOGRAPHY_ENTRY) if "Carver" in e]
    items = [e for e in _kinds(raw, K.LIST_ITEM) if "Carver" in e]
    assert (len(carver), len(items)) == ((1, 0) if wrapped else (0, 1))


def test_an_author_list_with_affiliation_marks_is_no_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    # A collaboration's author list reads to the line model as entries (names and initials, line after line);
    # the affiliation marks after each name say it lists authors, not works (scores pinned).
    prose = [(line, 0.0, 0.0) for line in _WRAPPED_PROSE.splitlines()]
    roster = [
        "K. Abel 12 , L. Brandt 3a , M. Carver 4,7 , E. Dunn 12 , R. Okafor b ,",
        "T. Veld 5 , S. Lund 3a , A.B. Rye 41a,41b , P.J. Orr c",
    ]
    lines = [*prose, *((line, 1.0, 0.9) for line in roster)]
    raw = _with_scores(monkeypatch, lines)
    assert _kinds(raw, K.BIBLIOGRAPHY_ENTRY) == []
