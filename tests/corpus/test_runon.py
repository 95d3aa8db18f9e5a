from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus.model import PassageKind
from corpus.runon import author_year_starts
from corpus.structure import find_blocks
from corpus.textview import clean_view

_ASTRO = (
    "Abel K. et al., 2010, in Carver M., Dunn P., eds, Proc. Quay Conf. Ser. Vol. 7735, Coast Press, Harbour "
    "p. 773508 Eberle S., Fenn R., 1996, Harb. Lett., 117, 393 Gold T. et al., 2012, Coast. Rev., 427, 1953 "
    "Holm J., Ivers A. C., van der Kohl L., 2001, Harb. Lett., 553, 668 Jansen B., 2007, preprint "
    "(arXiv:0710.5636) Lutz D. J.-P., Meyer F., 2014, Coast. Rev., 443, 1549"
)
_ACL = (
    "Anna Abel. 2002. Quay Modelling Toolkit. In 2002 Proc. Intl. Conf. on Harbour Processing, Denver. "
    "Peter F. Carver, Stephen A. Della Dunn, and Robert L. Eberle. 1993. The Mathematics of Silt. "
    "Computational Coasts, 19(2):263-311. Mark Fenn. 2000. Reranking Quays. Proc. 17th Intl. Conf. on "
    "Harbours. pp. 175-182. Edmonton, Canada. Daniel Gold and William Holm. 2002. A Phrase-Based Model of "
    "Stone. The CoNLL- 2009 shared task on quays."
)


def _starts(text: str) -> list[str]:
    starts = author_year_starts(text, 0, len(text))
    assert starts is not None
    return [text[s:].split(",", maxsplit=1)[0].split(".", maxsplit=1)[0] for s in starts]


def test_astronomy_entries_open_at_their_names_after_the_last_page():
    assert _starts(_ASTRO) == ["Abel K", "Eberle S", "Gold T", "Holm J", "Jansen B", "Lutz D"]


def test_computational_linguistics_entries_open_after_the_place_before_them():
    # "In 2002 Proc.", "Computational Coasts, 19(2)" and "The CoNLL- 2009" follow a full stop and open
    # with capitals, but are no names before a year; "Edmonton, Canada." ends the entry before.
    assert _starts(_ACL) == ["Anna Abel", "Peter F", "Mark Fenn", "Daniel Gold and William Holm"]


def test_prose_and_a_single_reference_are_no_list():
    prose = (
        "The quays of the coast sank in 1821. Harbour masters wrote to the council in 1822 and again "
        "in 1830. Stone came from the quarries in 1841. The town paid for it in 1850."
    )
    assert author_year_starts(prose, 0, len(prose)) is None
    one = "Abel K., Voss E., 2016, Harb. Lett., 4, 211"
    assert author_year_starts(one, 0, len(one)) is None


@given(st.text(alphabet="Ab .,12()&\n", max_size=300))
def test_starts_lie_inside_the_span_in_order(text):
    starts = author_year_starts(text, 0, len(text))
    if starts is not None:
        assert starts[0] == 0 and starts == sorted(set(starts)) and all(0 <= s < len(text) for s in starts)


def test_a_flattened_author_year_bibliography_becomes_one_entry_each():
    raw = "R E F E R E N C E S " + _ASTRO + "\n"
    blocks = [(b.kind, clean_view(raw, b.span.start, b.span.end)[0]) for b in find_blocks(raw, "t")]
    assert blocks[0] == (PassageKind.HEADING, "R E F E R E N C E S")
    entries = [t for k, t in blocks if k is PassageKind.BIBLIOGRAPHY_ENTRY]
    assert len(entries) == 6 and entries[1] == "Eberle S., Fenn R., 1996, Harb. Lett., 117, 393"
    # Without a bibliography heading the line is not split.
    assert len(find_blocks(_ASTRO + "\n", "t")) == 1
