"""Line shapes: the short cuts taken for speed give what the plain searches give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.lines import features
from corpus.lines.features import _PATTERNS, _add_patterns, _chrome_shapes, _shape, _word_counts, author_roster, layout

# Pieces that make the patterns match and miss: years, pages, volumes, roles, quotes, URLs, colons,
# slashes, leaders, and the letters whose case folding is odd (dotted and dotless i, long s).
_PIECES = [
    "Smith", "J.", "A.B.", "et al", "ET AL", "Et Al.", "ed.", "Eds", "(eds.)", "Hrsg.", "trans", "éd.", "coord",
    "in:", "IN: ", "1999", "2004a", "(1987)", "[2001]", "1820/21", "12(3)", "vol. 4", "No. 7", "n° 3", "pp. 45",
    "S. 12", "45-67", "3–9", "p.", "http://a.org", "www.x", "DOI", "ISBN", "a.com", "“Quoted title here”",
    '"short"', "«bien»", "London:", "Oxford: Press", "Foto: AB", "Reuters/Doe", "a / B", "(Photo Desk)",
    "EFE", "....", ".....", ". . . . ", "|", "›", ">", "@", "[email", "10:30", "İSBN", "ısbn", "ſ", "ET ſL",
    "hg", "HG", "Issue 2", "ssue", "the", "and", "news", ",", ".", ";", ")", "  ", "\t", "-", "•", "1.", "[3]",
    "Émile,", "× A.", "Ý. Ö.", "١٢.", "(4)", "— x", "\u00a0",
    "edited by", "ed by", "xed", "x-ed", "_ed", "transl.", "Éds", "hrsg", "(ed)", "in:x", "pages 3", "page3", "pp.4",
    "p5", "Sp 3", "S.9", "xp 4", "1 - 2", "3 –4", "12-",
]  # fmt: skip

_texts = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map(" ".join)


def _plain_patterns(text: str) -> list[str]:
    """The pattern features as searched before the hints: every pattern wherever its digit is there."""
    digits = features._DIGIT.search(text) is not None
    return [p.name for p in _PATTERNS if (digits or not p.needs) and p.find(text, 0, len(text))]


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_hints_spare_searches_but_change_no_feature(text: str) -> None:
    digits = features._DIGIT.search(text) is not None
    year = features._YEAR.search(text) is not None
    found: dict[str, float] = {}
    _add_patterns(text, len(text), digits, year, found)
    assert list(found) == _plain_patterns(text)


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_chrome_shapes_are_those_of_the_plain_patterns(text: str) -> None:
    text = text.strip() or "x"
    got: dict[str, float] = {}
    _chrome_shapes(text, len(text), got)
    want = {
        "label:": bool(features._LEAD_LABEL.match(text, 0, 60)) and text[-1] != ":",
        "credit:slash": bool(features._SLASH_NAMES.search(text)),
    }
    for name, present in want.items():
        assert (name in got) == present


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aAßẞİıſΣσς1 .-'’Ééﬁŉǰΐ\u0345"), max_size=40) | _texts)
def test_word_counts_fold_each_word_as_before(text: str) -> None:
    counts = _word_counts(text)
    words = features._WORD.findall(text)
    folded = [w.casefold() for w in words]
    stop = features.stop_words()
    assert counts.n == len(words)
    assert counts.stops == sum(w in stop for w in folded)
    want = [w for w in folded[: features.TERMS] if w not in stop and not w[0].isdigit()]
    assert counts.terms == want


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Home", "Home", "  Home", "", " ", "Smith, J. (1999). A book. London: Press."]), max_size=12
    )
)
def test_recurring_lines_share_the_shape_they_would_get_alone(lines: list[str]) -> None:
    shapes = layout(lines).shapes
    assert shapes == [_shape(line) if line.strip() else None for line in lines]
    assert [list(f) if f else None for f in shapes] == [list(_shape(ln)) if ln.strip() else None for ln in lines]


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_fast_searches_find_a_match_where_their_patterns_do(text: str) -> None:
    low = text.lower()
    assert bool(features._ROLE_CASED.search(low)) == bool(features._cased(features._ROLE).search(low))
    assert bool(features._find_pages(text, 0, len(text))) == bool(features._PAGES.search(text))


def test_lower_casing_keeps_what_the_case_blind_patterns_read() -> None:
    """The claim _cased rests on, over every code point but the _FOLD_ODD ones (and surrogates)."""
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and chr(c) not in features._FOLD_ODD]
    lowered = [c.lower() for c in chars]
    assert all(len(c) == 1 for c in lowered)
    # A lower-cased window is lowered as a whole: only a capital sigma lowers by its context, to one of two.
    assert "ΑΣ".lower()[-1] == "ς" and "ΑΣΑ".lower()[1] == "σ"
    text, low = "".join(chars), "".join(lowered)
    for cls in (r"\w", r"\s", r"\d"):
        rx = re.compile(cls)
        assert [m.start() for m in rx.finditer(text)] == [m.start() for m in rx.finditer(low)]
        assert bool(rx.match("ς")) == bool(rx.match("σ"))
    literals = set("".join(p.folded.pattern for p in _PATTERNS if p.folded is not None))
    assert not {"σ", "ς"} & literals  # whichever the sigma lowers to, it is no letter of the patterns
    for x in sorted(literals - set("\\?|*+^$[]{}")):
        blind = [m.start() for m in re.finditer(re.escape(x), text, re.IGNORECASE)]
        assert blind == [i for i, c in enumerate(low) if c == x], x


def test_a_parenthesised_year_and_a_citation_are_found_only_with_a_year() -> None:
    assert {"year", "year:paren", "intext"} <= set(_shape("As shown (1998) and (Hale & Ross, 1998; Lind, 2004)."))
    assert not {"year:paren", "intext"} & set(_shape("As shown (1398) and (Hale & Ross, 1398; Lind, 1404)."))


def _plain_neighbours(lines: list[str], skip: frozenset[int]) -> list[tuple[tuple[str, int | None, bool], ...]]:
    """Each line's neighbours by a scan of the non-blank lines (the skipped ones no other line's)."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    linked = [i for i in nonblank if i not in skip]
    out: list[tuple[tuple[str, int | None, bool], ...]] = [()] * len(lines)
    for k, i in enumerate(nonblank):
        row, at = (nonblank, k) if i in skip else (linked, linked.index(i))
        around = []
        for offset, name in features.NEIGHBOURS:
            m = at + offset
            j = row[m] if 0 <= m < len(row) else None
            around.append((name, j, j is not None and abs(j - i) > abs(offset)))
        out[i] = tuple(around)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "", " "]), max_size=16), st.sets(st.integers(0, 15)))
def test_neighbours_are_the_nearest_non_blank_lines(lines: list[str], skip: set[int]) -> None:
    frozen = frozenset(skip)
    assert layout(lines, frozen).neighbours == _plain_neighbours(lines, frozen)


@pytest.mark.parametrize(
    ("text", "roster"),
    [
        ("K. Abel 12 , L. Brandt 3a , M. Carver 4,7 , E. Dunn 12 ,", True),
        ("P.J. Orr c , T. Veld a,b , S. Lund d , A.B. Rye 41a,41b,d ,", True),
        ("K. Abel 12 , L. Brandt 3a , and the harbour council", False),  # two marked names are too few
        ("Abel, K., Brandt, L., Carver, M. (2003). Silt. Harb. Lett. 4, 211-219.", False),
        ("Abel K, Brandt L, Carver M, Dunn E. Silt in the harbours. Harb Lett. 2003;4: 211-9.", False),
        ("K. Abel, L. Brandt, M. Carver, Harb. Lett. 4, 211 (2003); Quays 12, 33 (2004).", False),
    ],
)
def test_author_roster(text: str, roster: bool) -> None:
    assert author_roster(text) is roster
