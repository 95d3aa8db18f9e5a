"""Tests of the residue detector (corpus.residue.find_residue)."""

from __future__ import annotations

import re
from importlib import resources
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.model import IndexTermKind, Removal
from corpus.residue import find_residue
from corpus.residue.kinds import REMOVAL_KINDS
from corpus.textview import clean_view

SEED_000 = "000_820e86533fe664a9.txt"
SEED_002 = "002_817a8c920f08bf49.txt"


def seed(name: str) -> str:
    return (resources.files("corpus") / "data" / name).read_text(encoding="utf-8")


def cleaned(raw: str, removals: tuple[Removal, ...], start: int = 0, end: int | None = None) -> str:
    """``raw[start:end]`` minus the removals, whitespace runs folded to one space, ends stripped."""
    end = len(raw) if end is None else end
    out, pos = [], start
    for r in removals:
        s, e = max(r.span.start, start), min(r.span.end, end)
        if s >= e:
            continue
        out.append(raw[pos:s])
        pos = e
    out.append(raw[pos:end])
    return re.sub(r"\s+", " ", "".join(out)).strip()


def clean(raw: str) -> str:
    return cleaned(raw, find_residue(raw, "t")[0])


def kinds(raw: str) -> list[tuple[str, str]]:
    """(kind, removed raw text) of every removal."""
    return [(r.kind, r.span.slice(raw)) for r in find_residue(raw, "t")[0]]


def line_of(raw: str, opening: str) -> tuple[int, int]:
    """Raw bounds of the line that starts with ``opening`` (after indentation)."""
    m = re.search(r"^[ \t]*" + re.escape(opening) + r"[^\n]*", raw, re.M)
    assert m is not None, opening
    return m.start(), m.end()


# --------------------------------------------------------------------------------------------
# 1. back-of-book index markup


RUN = (
    "[kw]Teapot Dome Scandal Erupts (Apr. 1922) "
    "[g]United States;Apr. 1922: Teapot Dome Scandal Erupts[01234] "
    "[c]Government and politics;Apr. 1922: Teapot Dome Scandal Erupts[01234] "
    "Harding, Warren G. [p]Harding, Warren G.;Teapot Dome scandal[Teapot Dome scandal] "
    "Fall, Albert B. Doheny, Edward L."
)


def test_index_run_at_the_end_of_a_paragraph():
    raw = f"The lease was secret. {RUN}\n\nNext paragraph."
    assert clean(raw) == "The lease was secret. Next paragraph."
    removals, terms = find_residue(raw, "t")
    assert [r.kind for r in removals] == ["index_markup"]
    # The whitespace before a run that ends its line goes with it.
    assert removals[0].span.slice(raw) == " " + RUN
    got = [(t.kind.value, t.label) for t in terms]
    assert got == [
        ("keyword", "Teapot Dome Scandal Erupts (Apr. 1922)"),
        ("place", "United States"),
        ("category", "Government and politics"),
        ("person", "Harding, Warren G."),
        ("person", "Harding, Warren G."),
        ("person", "Fall, Albert B."),
        ("person", "Doheny, Edward L."),
    ]
    for t in terms:
        assert t.span is not None and t.term in t.span.slice(raw).replace("  ", " ")


def test_prose_resuming_after_an_index_run_on_the_same_line_is_kept():
    raw = f"Oil was found. {RUN} In April 1922, a newspaper reported the lease. It caused an uproar."
    assert clean(raw) == "Oil was found. In April 1922, a newspaper reported the lease. It caused an uproar."
    raw = "Oil was found. [p]Fall, Albert B.;Teapot Dome scandal[Teapot Dome scandal] The lease was secret."
    assert clean(raw) == "Oil was found. The lease was secret."


def test_run_ends_before_a_sentence_that_opens_with_a_name():
    raw = (
        "Talks began. [p]Stalin, Joseph;talks[talks] Bullitt, William Troyanovsky, Alexander "
        "Roosevelt had long wanted the talks. William Bullitt and Alexander Troyanovsky agreed."
    )
    assert clean(raw) == (
        "Talks began. Roosevelt had long wanted the talks. William Bullitt and Alexander Troyanovsky agreed."
    )


def test_name_entries_use_the_natural_order_mention_to_split_given_names():
    raw = (
        "[p]Roosevelt, Franklin D.;New Deal Lloyd George, David Stalin, Joseph The talks began. "
        "David Lloyd George and Joseph Stalin met."
    )
    removals, terms = find_residue(raw, "t")
    assert cleaned(raw, removals) == "The talks began. David Lloyd George and Joseph Stalin met."
    persons = [t.term for t in terms if t.kind is IndexTermKind.PERSON]
    assert persons == ["Roosevelt, Franklin D.", "Lloyd George, David", "Stalin, Joseph"]


def test_unmarked_term_subterm_between_sentences():
    raw = "The leases were signed in 1922. Naval oil reserves;leasing The Senate investigated."
    removals, terms = find_residue(raw, "t")
    assert cleaned(raw, removals) == "The leases were signed in 1922. The Senate investigated."
    assert [(t.kind.value, t.term, t.subterm) for t in terms] == [("subject", "Naval oil reserves", "leasing")]


def test_index_range_closing_at_the_end_of_a_paragraph():
    raw = (
        "Talks went well. Soviet Union;U.S.-Soviet relations[U.S. Soviet relations] Bolshevik regime, "
        "U.S. recognition\n\nMuch later the relations broke down. Bolshevik regime, U.S. recognition\n"
    )
    removals, terms = find_residue(raw, "t")
    assert cleaned(raw, removals) == "Talks went well. Much later the relations broke down."
    assert [(t.term, t.subterm) for t in terms] == [
        ("Soviet Union", "U.S.-Soviet relations"),
        ("Bolshevik regime, U.S. recognition", None),
        ("Bolshevik regime, U.S. recognition", None),
    ]


def test_record_number_and_sort_key_glued_to_a_repeat():
    raw = "The scandal began when the Teapot Dome scandal Teapot Dome scandal[Teapot Dome scandal] broke."
    assert kinds(raw) == [("index_repeat", "Teapot Dome scandal[Teapot Dome scandal]")]
    assert clean(raw) == "The scandal began when the Teapot Dome scandal broke."


def test_one_entry_per_line_variant():
    raw = (
        "The talks went well. [kw]Talks Succeed (Nov. 16, 1933)\n"
        "[g]Soviet Union;Nov. 16, 1933: Talks Succeed[01234]\n"
        "Bolshevik regime, U.S. recognition\n"
        "Roosevelt, Franklin D.\n"
        "[p]Roosevelt, Franklin D.;talks[talks]\n"
        "Litvinov, Maksim Maksimovich\n"
        "Hull, Cordell\n"
        "The second paragraph begins here.\n\n"
        "Summary of Event\n"
    )
    removals, terms = find_residue(raw, "t")
    assert cleaned(raw, removals) == "The talks went well. The second paragraph begins here. Summary of Event"
    assert [t.label for t in terms if t.kind is IndexTermKind.PERSON] == [
        "Roosevelt, Franklin D.",
        "Roosevelt, Franklin D.",
        "Litvinov, Maksim Maksimovich",
        "Hull, Cordell",
    ]


def test_entry_lines_need_an_index_line_before_them():
    raw = "Hull, Cordell\nBolshevik regime, U.S. recognition\nSummary of Event\n"
    assert find_residue(raw, "t") == ((), ())


@pytest.mark.parametrize(
    "raw",
    [
        "Salts such as NaCl;KCl were used in the test.",  # a bare Term;Subterm inside a sentence
        "AT&amp;T grew; the company &#39;won&#39; the bid.",  # entities are text
        "See the code at http://example.org/a;b=c for details.",
        "Meanwhile, Roosevelt agreed to talks. However, Stalin refused. Hull, Cordell agreed.",
        "The editor wrote that the [Soviet] government agreed.",
        "\\pstextpath[c]{\\psarc(0,0){45}} and prefix[65536]; and PID[pid] = 1 and $data[$#data];",
        "var rtrim = /^[\\s\\uFEFF]+|([^\\s\\uFEFF])/g;",
    ],
)
def test_index_false_positives(raw):
    assert find_residue(raw, "t") == ((), ())


def test_note_markers_glued_to_words_are_removed_with_their_spans():
    raw = "Wiki notes[1] and History[edit] and a claim[citation needed] stay. A list:\n[2] Smith, J. Title.\n"
    removals, terms = find_residue(raw, "t")
    assert [(r.kind, r.span.slice(raw)) for r in removals] == [
        ("footnote_marker", "[1]"),
        ("footnote_marker", "[edit]"),
        ("footnote_marker", "[citation needed]"),
    ]
    assert terms == ()
    text, _ = clean_view(raw, 0, raw.index("stay.") + 5, [(r.span.start, r.span.end) for r in removals])
    assert text == "Wiki notes and History and a claim stay."


# --------------------------------------------------------------------------------------------
# 2. index terms repeated inline after their mention


def test_repeat_of_a_multiword_term():
    raw = "In 1929, Ford Motor Company Ford Motor Company signed a contract."
    removals, terms = find_residue(raw, "t")
    assert [(r.kind, r.span.slice(raw)) for r in removals] == [("index_repeat", "Ford Motor Company")]
    assert cleaned(raw, removals) == "In 1929, Ford Motor Company signed a contract."
    # Organisational designators make the term an organisation.
    assert [(t.kind.value, t.term) for t in terms] == [("organisation", "Ford Motor Company")]


def test_repeat_after_a_comma():
    raw = "During the Russian Civil War (1918-1921), Russian Civil War (1918-1921) the United States acted."
    removals, terms = find_residue(raw, "t")
    assert cleaned(raw, removals) == "During the Russian Civil War (1918-1921), the United States acted."
    assert [(t.kind.value, t.term) for t in terms] == [("subject", "Russian Civil War (1918-1921)")]


def test_repeat_followed_by_punctuation_takes_the_space_or_comma():
    raw = "In 1929, Ford Motor Company Ford Motor Company, the automaker, signed."
    assert clean(raw) == "In 1929, Ford Motor Company, the automaker, signed."
    raw = "During the Russian Civil War (1918-1921), Russian Civil War (1918-1921), the United States acted."
    assert clean(raw) == "During the Russian Civil War (1918-1921), the United States acted."


def test_capitalised_term_subterm_copy_of_a_lower_case_mention():
    raw = "Americans opposed communist propaganda Propaganda;Bolsheviks in other nations."
    removals, terms = find_residue(raw, "t")
    assert [(r.kind, r.span.slice(raw)) for r in removals] == [("index_repeat", "Propaganda;Bolsheviks")]
    assert cleaned(raw, removals) == "Americans opposed communist propaganda in other nations."
    assert [(t.kind.value, t.term, t.subterm) for t in terms] == [("subject", "Propaganda", "Bolsheviks")]


def test_inverted_name_after_its_mention():
    raw = "Harding chose Albert B. Fall Fall, Albert B. as secretary of the interior."
    removals, terms = find_residue(raw, "t")
    assert [(r.kind, r.span.slice(raw)) for r in removals] == [("index_repeat", "Fall, Albert B.")]
    assert cleaned(raw, removals) == "Harding chose Albert B. Fall as secretary of the interior."
    assert [(t.kind.value, t.term) for t in terms] == [("person", "Fall, Albert B.")]


def test_repeat_after_a_sentence_end_only_before_a_sentence_opener():
    raw = "Moscow joined the League of Nations. League of Nations The move surprised many."
    assert clean(raw) == "Moscow joined the League of Nations. The move surprised many."
    for raw in (
        "Moscow joined the League of Nations. League of Nations members agreed.",
        "It is Open Source Software. Open Source Software Implementation means the code.",
    ):
        assert find_residue(raw, "t") == ((), ())


@pytest.mark.parametrize(
    "raw",
    [
        "He was born in New York, New York in 1950.",
        "He said that that was fine.",
        "Sing Sing is a prison. Bora Bora is an island. Walla Walla is a city.",
        "Walla Walla, Walla Walla County, lies in Washington.",
        "Tora! Tora! Tora! was the signal.",
        "Read more Read more",  # page furniture, not an index heading
        "The the typo stays.",
        "Replace all values      Replace all values",  # table columns
        "O -- O -- O",
    ],
)
def test_legitimate_repetitions_are_kept(raw):
    assert find_residue(raw, "t") == ((), ())


# --------------------------------------------------------------------------------------------
# 3. XML / JATS residue


def test_jats_attribute_residue():
    raw = '  \u2022 citation-type="booksimple"\n\n    xlink:type="simple">Bennett, Edward M. Recognition of Russia.'
    assert kinds(raw) == [
        ("markup_residue", ' citation-type="booksimple"'),
        ("markup_residue", 'xlink:type="simple">'),
    ]
    assert clean(raw) == "\u2022 Bennett, Edward M. Recognition of Russia."


def test_stray_tags_removed_entities_and_comparisons_kept():
    raw = 'The <italic>Times</italic> said <ext-link ext-link-type="uri">so</ext-link>; a &lt; b.'
    assert clean(raw) == "The Times said so; a &lt; b."
    for raw in ("Use List<String> or Map<K, V> here.", "If a < b and c > d then stop.", 'x = "quoted"'):
        assert find_residue(raw, "t") == ((), ())


# --------------------------------------------------------------------------------------------
# 4. years split by OCR


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("its invasion of Manchuria in 1 931 were", "its invasion of Manchuria in 1931 were"),
        ("signed on November 16, 1 933, in Washington", "signed on November 16, 1933, in Washington"),
        ("the treaty (1 919) ended it", "the treaty (1919) ended it"),
        ("since 19 31 the rule held", "since 1931 the rule held"),
    ],
)
def test_ocr_split_years(raw, expected):
    removals, _ = find_residue(raw, "t")
    assert [r.kind for r in removals] == ["ocr_split"]
    assert [r.span.slice(raw) for r in removals] == [" "]
    assert cleaned(raw, removals) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "a population of 1 200 000 people",
        "the ratio 2 3 holds",
        "see pp. 1 931 and pages 12 34",
        "in 12 15 cases",
        "in 1 9310 units",
        "in 3 931 cases",
        "about 1 931.5 metres",
    ],
)
def test_number_groups_are_not_years(raw):
    assert find_residue(raw, "t") == ((), ())


# --------------------------------------------------------------------------------------------
# 5. soft hyphens and invisible characters


def test_soft_hyphen_and_invisible_characters():
    raw = "Bol\u00adshevik zero\u200bwidth word\u2060joiner \ufeffstart"
    assert kinds(raw) == [
        ("soft_hyphen", "\u00ad"),
        ("invisible", "\u200b"),
        ("invisible", "\u2060"),
        ("invisible", "\ufeff"),
    ]
    assert clean(raw) == "Bolshevik zerowidth wordjoiner start"


def test_soft_hyphen_at_a_line_end_joins_the_word():
    raw = "the diplo\u00ad\n  matic corps"
    assert kinds(raw) == [("soft_hyphen", "\u00ad\n  ")]
    assert clean(raw) == "the diplomatic corps"


def test_joiners_are_never_removed():
    raw = "family \U0001f468\u200d\U0001f469\u200d\U0001f467 and \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert find_residue(raw, "t") == ((), ())


# --------------------------------------------------------------------------------------------
# 6. words hyphenated across a line break


@pytest.mark.parametrize(
    ("raw", "expected", "removed"),
    [
        ("the diplo-\n  matic corps", "the diplomatic corps", "-\n  "),
        ("the diplo-\r\nmatic corps", "the diplomatic corps", "-\r\n"),
        ("U.S.-\nSoviet relations", "U.S.-Soviet relations", "\n"),
        ("a well-\nknown fact", "a well-known fact", "\n"),
        ("the war of 1914-\n1918 ended", "the war of 1914-1918 ended", "\n"),
        ("anti-\nAmerican feeling", "anti-American feeling", "\n"),
        # The document spells the compound with a hyphen elsewhere, and never joined.
        ("a long-\nterm plan beats a long-term hope", "a long-term plan beats a long-term hope", "\n"),
        # ... or joined, which wins over the compound-forming first part.
        ("non-\nsense and more nonsense", "nonsense and more nonsense", "-\n"),
        # All capitals join only when the text spells the joined word.
        ("IN CONNEC-\n TION WITH IT. CONNECTION", "IN CONNECTION WITH IT. CONNECTION", "-\n "),
        ("THE ANTI-\nWAR MOVEMENT", "THE ANTI-WAR MOVEMENT", "\n"),
    ],
)
def test_line_break_hyphens(raw, expected, removed):
    removals, _ = find_residue(raw, "t")
    assert [(r.kind, r.span.slice(raw)) for r in removals] == [("line_break_hyphen", removed)]
    assert cleaned(raw, removals) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "a list:\n- item\n- item",
        "a dash -\nthen text",
        "end--\nnext",
        "word-\n\nnew paragraph",
        "GPL-\n                    from",  # a table column, not a continued word
    ],
)
def test_hyphens_that_are_not_line_break_hyphenation(raw):
    assert find_residue(raw, "t") == ((), ())


# --------------------------------------------------------------------------------------------
# The seeds


def test_seed_000_has_no_residue():
    assert find_residue(seed(SEED_000), "dulcinea-2011") == ((), ())


SEED_002_PARAGRAPHS = {
    "Prior to 1933": (
        "Prior to 1933, the U.S. government refused to recognize the legitimacy of the government of the "
        "Soviet Union because the Bolsheviks (later renamed Communists) had seized power through force rather "
        "than through democratic means. During the Russian Civil War (1918-1921), the United States even sent "
        "troops to Russia to assist opponents of the Bolshevik regime. Americans also opposed the Soviets\u2019 "
        "support of communist propaganda in other nations (especially in democratic states) and their refusal "
        "to repay debts owed by previous Russian governments. Moscow\u2019s hostility toward the League of "
        "Nations during the 1920\u2019s further complicated the Soviet Union\u2019s reputation in world affairs."
    ),
    "Nevertheless, during": (
        "Nevertheless, during the 1920\u2019s American businesses\u2014including prominent companies such as "
        "American Locomotive, Du Pont, General Electric, Radio Corporation of America, and Standard Oil\u2014"
        "signed trade agreements with Soviet agencies that promised assistance in developing the nation\u2019s "
        "economy. In 1929, Ford Motor Company signed a contract to build a plant in Russia that would produce "
        "one hundred thousand vehicles annually. Many Americans traveled to the Soviet Union to help design and "
        "build industrial facilities and to participate in other economic projects. Many Americans also "
        "provided major assistance during the massive famine that took place in the Soviet Union in the period "
        "1921-1923. Relief agencies in the United States and other Western states helped ameliorate widespread "
        "hardship by providing food and medicines."
    ),
    "By the early 1930\u2019s, the development": (
        "By the early 1930\u2019s, the development of other issues had raised concerns in both Washington and "
        "Moscow. The rise of Adolf Hitler and the Nazi Party in Germany and the growing power of militaristic "
        "Japan and its invasion of Manchuria in 1931 were sources of concern to both the United States and the "
        "Soviet Union. Americans were particularly aware that their interests and territorial possessions in "
        "the western Pacific could be threatened by increased Japanese influence and expansion in the region."
    ),
    "Behind occasional": (
        "Behind occasional improvement in Soviet international behavior during the 1930\u2019s remains the "
        "reality that the Soviet Union was a one-party dictatorship under the firm hand of Stalin and the "
        "Communist Party. No complete accommodation, cooperation, or trust could exist in the relationship "
        "between the Soviets and Americans, who represented diametrically opposed value systems and political "
        "institutions. Only during World War II, when both countries faced Germany as a common enemy, was a "
        "revitalized\u2014but temporary\u2014bond of cooperation created. Nonetheless, even during times of "
        "confrontation, the diplomatic understanding that began in 1933 provided the formal "
        "government-to-government contacts needed for important dialogue on many future issues."
    ),
    "\u2022 citation-type": "\u2022",
    'xlink:type="simple">Hull, Cordell.': (
        "Hull, Cordell. The Memoirs of Cordell Hull. New York: Macmillan, 1948. Personal recollections of the "
        "U.S. secretary of state on American-Russian relations."
    ),
}


@pytest.fixture(scope="module")
def seed_002():
    raw = seed(SEED_002)
    return raw, *find_residue(raw, "recognition-2022")


@pytest.mark.parametrize("opening", list(SEED_002_PARAGRAPHS))
def test_seed_002_paragraphs_read_as_clean_prose(seed_002, opening):
    raw, removals, _ = seed_002
    start, end = line_of(raw, opening)
    assert cleaned(raw, removals, start, end) == SEED_002_PARAGRAPHS[opening]


def test_seed_002_removal_inventory(seed_002):
    raw, removals, _ = seed_002
    by_kind: dict[str, int] = {}
    for r in removals:
        by_kind[r.kind] = by_kind.get(r.kind, 0) + 1
        assert r.span.source == "recognition-2022"
    assert by_kind == {"index_repeat": 3, "index_markup": 2, "ocr_split": 1, "markup_residue": 20}
    # Lines without residue are untouched: the title, the dateline, the related articles.
    for opening in ("United States Recognizes", "The United States and the Soviet", "Stalin Begins", "Categories:"):
        start, end = line_of(raw, opening)
        assert not any(r.span.start < end and start < r.span.end for r in removals), opening


def test_seed_002_index_terms(seed_002):
    raw, _, terms = seed_002

    def of(kind: IndexTermKind) -> list[str]:
        return list(dict.fromkeys(t.label for t in terms if t.kind is kind))

    assert of(IndexTermKind.PERSON) == [
        "Roosevelt, Franklin D.",
        "Litvinov, Maksim Maksimovich",
        "Hull, Cordell",
        "Stalin, Joseph",
        "Bullitt, William",
        "Troyanovsky, Alexander",
    ]
    assert of(IndexTermKind.PLACE) == ["Soviet Union", "United States"]
    assert of(IndexTermKind.CATEGORY) == [
        "Diplomacy and international relations",
        "Government and politics",
        "Trade and commerce",
    ]
    assert of(IndexTermKind.KEYWORD) == [
        "United States Recognizes Russia\u2019s Bolshevik Regime (Nov. 16, 1933)",
        "Russia\u2019s Bolshevik Regime, United States Recognizes (Nov. 16, 1933)",
        "Bolshevik Regime, United States Recognizes Russia\u2019s (Nov. 16, 1933)",
    ]
    assert of(IndexTermKind.SUBJECT) == [
        "Russian Civil War (1918-1921)",
        "Propaganda; Bolsheviks",
        "Soviet Union; U.S.-Soviet relations",
        "Bolshevik regime, U.S. recognition",
    ]
    assert of(IndexTermKind.ORGANISATION) == ["Ford Motor Company"]
    soviet = next(t for t in terms if t.kind is IndexTermKind.SUBJECT and t.term == "Soviet Union")
    assert soviet.subterm == "U.S.-Soviet relations"
    # Terms come in raw order, each found where its span says.
    starts = [t.span.start for t in terms if t.span is not None]
    assert starts == sorted(starts)
    for t in terms:
        assert t.span is not None and t.span.slice(raw).startswith(t.term.split(",")[0].split(";")[0])


def test_seed_002_with_crlf_line_ends_cleans_the_same(seed_002):
    raw, removals, _ = seed_002
    crlf = raw.replace("\n", "\r\n")
    crlf_removals, crlf_terms = find_residue(crlf, "recognition-2022")
    assert cleaned(crlf, crlf_removals) == cleaned(raw, removals)
    assert [t.label for t in crlf_terms] == [t.label for t in seed_002[2]]


def test_invalid_source_id_is_refused():
    with pytest.raises(ValueError, match="not a valid id"):
        find_residue("text", "not an id")


# --------------------------------------------------------------------------------------------
# Properties


FRAGMENTS = [
    "[kw]",
    "[g]",
    "[c]",
    "[p]",
    ";",
    "[08450]",
    "[key]",
    "Ford Motor Company",
    "Roosevelt, Franklin D.",
    "Franklin D. Roosevelt",
    "Soviet Union;U.S.-Soviet relations[U.S. Soviet relations]",
    "(Nov. 16, 1933)",
    ", ",
    ". ",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "-\n",
    "\u00ad",
    "\u00ad\n",
    "\u200b",
    "\u200d",
    "\ufeff",
    "1 931",
    "in 1 9",
    "<italic>",
    "</i>",
    'type="simple">',
    "\u0301",
    "\U0001f600",
    "The",
    "word",
    "Word",
    "in",
]

residue_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
any_text = st.one_of(
    st.text(max_size=200),
    residue_text,
    st.lists(st.one_of(st.text(max_size=8), st.sampled_from(FRAGMENTS)), max_size=30).map("".join),
)


def check_result(raw: str) -> None:
    removals, terms = find_residue(raw, "src")
    for r in removals:
        assert 0 <= r.span.start < r.span.end <= len(raw)
        assert r.span.source == "src"
        assert r.kind in REMOVAL_KINDS
        assert r.reason and "\n" not in r.reason and "\r" not in r.reason
        removed = r.span.slice(raw)
        if r.kind == "invisible":
            assert set(removed) <= {"\u200b", "\u2060", "\ufeff"}
        if r.kind == "soft_hyphen":
            assert removed.startswith("\u00ad") and not removed.strip("\u00ad \t\r\n")
        if r.kind == "ocr_split":
            assert removed == " "
        assert "\u200d" not in removed or r.kind in ("index_markup", "index_repeat", "markup_residue")
    for a, b in pairwise(removals):
        assert a.span.end <= b.span.start, "removals overlap or are out of order"
    for t in terms:
        assert t.term
        assert t.span is not None and 0 <= t.span.start < t.span.end <= len(raw)
    starts = [t.span.start for t in terms if t.span is not None]
    assert starts == sorted(starts)
    assert find_residue(raw, "src") == (removals, terms), "not deterministic"


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_property_removals_are_well_formed(raw):
    check_result(raw)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcxyz .,!?\n\t'"), max_size=300))
def test_property_lower_case_prose_has_no_residue(raw):
    assert find_residue(raw, "src") == ((), ())


def test_edge_texts():
    for raw in ("", "\n", "\r\n\r\n", "[kw]", "[p];", ";", "[]", "[0]", "-\n", "\u00ad", "a\u0301\u0301"):
        check_result(raw)
