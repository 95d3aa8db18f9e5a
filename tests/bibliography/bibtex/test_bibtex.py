"""bibliography.bibtex: Reference objects <-> .bib text."""

from __future__ import annotations

import re

import attrs
import bibtexparser
import pytest
from bibtexparser.library import Library
from bibtexparser.writer import BibtexFormat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bibliography.bibtex.read import from_bibtex
from bibliography.bibtex.write import _entry, to_bibtex
from bibliography.errors import BibliographyError, BibTeXError, DuplicateKeyError
from bibliography.model import REFERENCE_TYPES, Person, Provenance, Reference

from ..conftest import KEYS, REALISTIC, YEARS, bibliographies

ROUND_TRIP = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def entry(text: str, key: str) -> bibtexparser.model.Entry:
    """One entry of a .bib text, read by bibtexparser itself (an independent reader)."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    return library.entries_dict[key]


def fields(text: str, key: str) -> dict[str, str]:
    return {f.key: f.value for f in entry(text, key).fields}


def strip_custom_fields(text: str) -> str:
    """The .bib as a standard tool sees it: every x- field removed."""
    return re.sub(r"^\s+x-[\w-]+\s*=.*\n", "", text, flags=re.MULTILINE)


# --------------------------------------------------------------------------------------------
# Round trips
# --------------------------------------------------------------------------------------------


@ROUND_TRIP
@given(bibliographies(), st.booleans())
def test_from_bibtex_inverts_to_bibtex(refs, ascii):
    text = to_bibtex(refs, ascii=ascii)
    assert from_bibtex(text) == refs
    if ascii:
        assert text.isascii()


@pytest.mark.parametrize("ascii", [False, True])
def test_realistic_bibliography_round_trips(ascii):
    assert from_bibtex(to_bibtex(REALISTIC, ascii=ascii)) == list(REALISTIC)


# Realistic values that BibTeX itself can carry: the standard fields alone must then read back.
_WORD = st.sampled_from(["Smith", "Ann", "Lloyd George", "Łukasiewicz", "O'Brien", "Jean-Paul", "Müller"])
_PLAIN_PEOPLE = st.lists(
    st.one_of(
        st.builds(
            Person,
            family=_WORD,
            given=st.none() | _WORD,
            particle=st.none() | st.sampled_from(["van", "von der", "de la", "d'"]),
            suffix=st.none() | st.sampled_from(["Jr.", "III"]),
        ),
        st.builds(Person, literal=st.sampled_from(["United Nations", "Camberleigh & Hall", "others"])),
    ),
    max_size=3,
)


@st.composite
def plain_references(draw):
    return Reference(
        key=draw(KEYS),
        type=draw(st.sampled_from(sorted(REFERENCE_TYPES))),
        authors=draw(_PLAIN_PEOPLE),
        editors=draw(_PLAIN_PEOPLE),
        title=draw(st.text(min_size=1).filter(str.strip)),
        publisher=draw(st.none() | st.sampled_from(["Simon & Schuster", "Economic and Social Affairs"])),
        year=draw(YEARS),
        date=draw(st.none() | st.sampled_from(["1933-11-16", "1933-02"])),
        url=draw(st.none() | st.sampled_from(["https://example.org/a_b%20c#d~e", "http://x.org/?q=1&r=2"])),
        raw=draw(st.none() | st.text()),
        provenance=draw(st.lists(st.builds(Provenance, source=st.text()), max_size=1)),
        confidence=draw(st.dictionaries(st.sampled_from(["title", "year"]), st.floats(0, 1), max_size=2)),
    )


_STANDARD_TYPE = {"webpage": "document", "entry-encyclopedia": "chapter"}


@ROUND_TRIP
@given(plain_references(), st.booleans())
def test_standard_fields_alone_carry_what_bibtex_can_express(ref, ascii):
    text = to_bibtex([ref], ascii=ascii)
    assert not re.search(r"x-(author|editor|url|doi|year)\s*=", text), "no exactness hint needed"
    (seen,) = from_bibtex(strip_custom_fields(text))
    type_ = _STANDARD_TYPE.get(ref.type, ref.type)
    assert seen == attrs.evolve(ref, type=type_, raw=None, provenance=(), confidence=())


# --------------------------------------------------------------------------------------------
# The written form
# --------------------------------------------------------------------------------------------


def test_seed_reference_is_written_as_expected():
    ref = Reference(
        key="richman1980",
        authors=[Person(family="Richman", given="John")],
        title="The United States and the Soviet Union: The Decision to Recognize",
        place="Raleigh, N.C.",
        publisher="Camberleigh & Hall",
        year="1980",
        annotation="Valuable source with details not found in other accounts.",
        provenance=[Provenance(source="002", start=10, end=20)],
        confidence={"title": 0.9},
    )
    assert to_bibtex([ref]) == (
        "@book{richman1980,\n"
        "  author       = {Richman, John},\n"
        "  title        = {{The United States and the Soviet Union: The Decision to Recognize}},\n"
        "  address      = {Raleigh, N.C.},\n"
        "  publisher    = {Camberleigh \\& Hall},\n"
        "  year         = {1980},\n"
        "  annote       = {Valuable source with details not found in other accounts.},\n"
        '  x-provenance = {[["002",10,20,null]]},\n'
        '  x-confidence = {{"title":0.9}}\n'
        "}\n"
    )


def test_empty_bibliography_is_empty_text():
    assert to_bibtex([]) == ""
    assert from_bibtex("") == []


@pytest.mark.parametrize(
    ("ref_type", "entry_type", "extra"),
    [
        ("book", "book", {}),
        ("chapter", "incollection", {}),
        ("article-journal", "article", {}),
        ("article-magazine", "article", {"entrysubtype": "magazine"}),
        ("article-newspaper", "article", {"entrysubtype": "newspaper"}),
        ("paper-conference", "inproceedings", {}),
        ("thesis", "phdthesis", {"type": "Thesis"}),
        ("report", "techreport", {}),
        ("webpage", "misc", {"x-type": "webpage"}),
        ("entry-encyclopedia", "incollection", {"x-type": "entry-encyclopedia"}),
        ("manuscript", "unpublished", {}),
        ("document", "misc", {}),
    ],
)
def test_types_map_to_entry_types(ref_type, entry_type, extra):
    ref = Reference(key="k", type=ref_type, title="T", container_title="C", publisher="P")
    text = to_bibtex([ref])
    assert entry(text, "k").entry_type == entry_type
    written = fields(text, "k")
    for name, value in extra.items():
        assert written[name] == "{" + value + "}"
    container = {"article": "journal", "misc": "howpublished"}.get(entry_type, "booktitle")
    assert written[container] == "{{C}}"
    publisher = {"phdthesis": "school", "techreport": "institution", "misc": "organization"}.get(
        entry_type, "publisher"
    )
    assert written[publisher] == "{P}"
    assert from_bibtex(text)[0].type == ref_type


def test_fields_map_to_bibtex_names():
    ref = Reference(
        key="k",
        type="book",
        translators=[Person(family="Eastman", given="Max")],
        collection_title="The Age of Roosevelt",
        volume="2",
        issue="7",
        pages="1–5",
        edition="2nd",
        number_of_volumes="3",
        year="1959",
        date="1959-11-02",
        original_year="1930",
        doi="10.1000/a_b%c",
        isbn="978-0-618-34086-6",
        accessed="2024-01-05",
        note="A note",
    )
    written = fields(to_bibtex([ref]), "k")
    assert written == {
        "translator": "{Eastman, Max}",
        "series": "{{The Age of Roosevelt}}",
        "volume": "{2}",
        "number": "{7}",
        "pages": "{1–5}",
        "edition": "{2nd}",
        "volumes": "{3}",
        "year": "{1959}",
        "month": "nov",
        "date": "{1959-11-02}",
        "origdate": "{1930}",
        "doi": "{10.1000/a_b%c}",
        "isbn": "{978-0-618-34086-6}",
        "urldate": "{2024-01-05}",
        "note": "{A note}",
    }


@pytest.mark.parametrize(
    ("person", "written"),
    [
        (Person(family="Sibley", given="Katherine A. S."), "Sibley, Katherine A. S."),
        (Person(family="Beethoven", given="Ludwig", particle="van"), "van Beethoven, Ludwig"),
        (Person(family="Berg", given="Jan", particle="van der"), "van der Berg, Jan"),
        (Person(family="King", given="Martin Luther", suffix="Jr."), "King, Jr., Martin Luther"),
        (Person(family="Lloyd George", given="David"), "Lloyd George, David"),
        (Person(family="de Gaulle", given="Charles"), "{de Gaulle}, Charles"),
        (Person(family="Plato"), "Plato"),
        (Person(family="Lloyd George"), "{Lloyd George},"),
        (Person(family="Beethoven", particle="van", suffix="Jr."), "van Beethoven, Jr., {}"),
        (Person(family="Smith", given="John, Jr"), "Smith, {John, Jr}"),
        (Person(family="Smith and Sons", given="A."), "{Smith and Sons}, A."),
        (Person(literal="United Nations"), "{United Nations}"),
        (Person(literal="Camberleigh & Hall"), "{Camberleigh \\& Hall}"),
        (Person(literal="others"), "others"),
        (Person(family="Müller", given="Jürgen"), "Müller, Jürgen"),
    ],
)
def test_names_are_written_in_bibtex_form(person, written):
    text = to_bibtex([Reference(key="k", authors=[person])])
    assert fields(text, "k")["author"] == "{" + written + "}"
    assert "x-author" not in text
    assert from_bibtex(text)[0].authors == (person,)


def test_names_read_with_bibtex_rules():
    text = (
        "@book{k, author = {Ludwig van Beethoven and Jean-Paul Sartre and Ann Lloyd-Smith and "
        "de la Cruz, Mar{\\'\\i}a Jos{\\'e} and {\\'E}mile Zola and King, Jr., Martin Luther and "
        "{World Health Organization} and Smith AND Jones and Brown and others}}"
    )
    assert from_bibtex(text)[0].authors == (
        Person(family="Beethoven", given="Ludwig", particle="van"),
        Person(family="Sartre", given="Jean-Paul"),
        Person(family="Lloyd-Smith", given="Ann"),
        Person(family="Cruz", given="María José", particle="de la"),
        Person(family="Zola", given="Émile"),
        Person(family="King", given="Martin Luther", suffix="Jr."),
        Person(literal="World Health Organization"),
        Person(family="Smith"),
        Person(family="Jones"),
        Person(family="Brown"),
        Person(literal="others"),
    )


def test_capitalised_particle_needs_and_uses_an_exactness_hint():
    van_buren = Person(family="Buren", given="Martin", particle="Van")
    text = to_bibtex([Reference(key="k", authors=[van_buren])])
    written = fields(text, "k")
    # BibTeX cannot make "Van" a von part; standard tools see family "Van Buren".
    assert written["author"] == "{Van Buren, Martin}"
    assert written["x-author"] == '{[["Buren","Martin","Van",null,null]]}'
    assert from_bibtex(text)[0].authors == (van_buren,)
    assert from_bibtex(strip_custom_fields(text))[0].authors == (Person(family="Van Buren", given="Martin"),)


def test_stale_name_hint_is_ignored_after_a_hand_edit():
    text = to_bibtex([Reference(key="k", authors=[Person(family="Buren", given="Martin", particle="Van")])])
    edited = text.replace("{Van Buren, Martin}", "{Van Buren, M.}")
    assert from_bibtex(edited)[0].authors == (Person(family="Van Buren", given="M."),)


def test_url_with_braces_is_percent_encoded_with_a_hint():
    ref = Reference(key="k", url="http://example.org/{id}\\x")
    text = to_bibtex([ref])
    written = fields(text, "k")
    assert written["url"] == "{http://example.org/%7Bid%7D%5Cx}"
    assert from_bibtex(text) == [ref]
    assert from_bibtex(strip_custom_fields(text))[0].url == "http://example.org/%7Bid%7D%5Cx"


def test_date_without_year_writes_the_year_for_bibtex_and_a_hint():
    ref = Reference(key="k", date="1933-11-16")
    text = to_bibtex([ref])
    written = fields(text, "k")
    assert (written["year"], written["month"], written["x-year"]) == ("{1933}", "nov", "{null}")
    assert from_bibtex(text) == [ref]
    assert from_bibtex(strip_custom_fields(text))[0].year == "1933"


def test_publisher_with_and_is_braced_against_list_splitting():
    text = to_bibtex([Reference(key="k", publisher="Department of Economic and Social Affairs")])
    assert fields(text, "k")["publisher"] == "{{Department of Economic and Social Affairs}}"


def test_custom_fields_keep_raw_provenance_confidence_and_unparsed():
    ref = Reference(
        key="k",
        unparsed="Valuable source {sic} 100%",
        raw="  Richman, John.\n  Raleigh: C & H, 1980.  ",
        provenance=[Provenance(source="a{b", start=1, end=2, passage="p%1"), Provenance()],
        confidence={"title": 0.5, "type": 1.0},
    )
    text = to_bibtex([ref])
    written = fields(text, "k")
    assert written["x-unparsed"] == "{Valuable source \\{sic\\} 100\\%}"
    assert written["x-raw"] == "{  Richman, John.\\newline{}  Raleigh: C \\& H, 1980.  }"
    assert written["x-provenance"] == '{[["a\\u007bb",1,2,"p\\u00251"],[null,null,null,null]]}'
    assert written["x-confidence"] == '{{"title":0.5,"type":1.0}}'
    assert from_bibtex(text) == [ref]


def test_ascii_output_uses_latex_macros():
    ref = Reference(key="k", authors=[Person(family="Łukasiewicz", given="Zoë")], title="Straße — “Über”")
    written = fields(to_bibtex([ref], ascii=True), "k")
    assert written["author"] == '{{\\L}ukasiewicz, Zo{\\"e}}'
    assert written["title"] == "{{Stra{\\ss}e --- ``{\\\"U}ber''}}"


# --------------------------------------------------------------------------------------------
# Reading real-world files
# --------------------------------------------------------------------------------------------


def test_foreign_bib_file_reads(data_dir):
    path = data_dir / "bib" / "foreign.bib"
    refs = {ref.key: ref for ref in from_bibtex(path.read_text(encoding="utf-8"), source_name=path.name)}
    assert list(refs) == ["Sibley:1996", "maddux77", "muller2003", "dulcinea", "oconnor", "plain-misc"]
    sibley = refs["Sibley:1996"]
    assert sibley.title == "Loans and Legitimacy: The Evolution of Soviet-American Relations, 1919–1933"
    assert (sibley.publisher, sibley.place, sibley.year) == ("University Press of Kentucky", "Lexington", "1996")
    maddux = refs["maddux77"]
    assert maddux.type == "article-journal"
    assert maddux.authors == (Person(family="Maddux", given="Thomas R."), Person(literal="others"))
    assert (maddux.container_title, maddux.issue, maddux.pages) == ("Diplomatic History", "2", "140–154")
    assert (maddux.year, maddux.date) == ("1977", "1977-04")
    muller = refs["muller2003"]
    assert muller.type == "chapter"
    assert [p.family for p in muller.authors] == ["Müller", "Łukasiewicz", "Sartre"]
    assert muller.editors[1] == Person(family="Cruz", given="María José", particle="de la")
    assert (muller.container_title, muller.place) == ("Handbuch der Außenpolitik", "München")
    assert muller.note == "Vol. 2 of the Diplomatic History series"
    dulcinea = refs["dulcinea"]
    assert dulcinea.type == "webpage"
    assert dulcinea.authors == (Person(literal="findingDulcinea Staff"),)
    assert (dulcinea.year, dulcinea.date, dulcinea.accessed) == ("2011", "2011-11-16", "2024-01-05")
    assert dulcinea.url == "http://www.findingdulcinea.com/news/on-this-day/a_b.html"
    assert dulcinea.container_title == "findingDulcinea"
    oconnor = refs["oconnor"]
    assert (oconnor.type, oconnor.publisher, oconnor.year) == ("thesis", "University College Dublin", "2015")
    assert oconnor.title == "Trade before Recognition — American Firms, 1921–1933"
    misc = refs["plain-misc"]
    assert misc.title == "50% of everything & more: ibid.\u00a0p.\u00a03"
    assert (misc.type, misc.year, misc.url, misc.annotation) == (
        "document",
        "n.d.",
        "https://example.org/~x",
        "Checked.",
    )


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


def test_malformed_file_names_source_and_line(data_dir):
    text = (data_dir / "bib" / "malformed.bib").read_text(encoding="utf-8")
    with pytest.raises(BibTeXError, match=r"^malformed\.bib:7: .*closing") as caught:
        from_bibtex(text, source_name="malformed.bib")
    assert isinstance(caught.value, ValueError)


def test_duplicate_keys_differing_in_case_raise(data_dir):
    text = (data_dir / "bib" / "duplicate.bib").read_text(encoding="utf-8")
    with pytest.raises(BibTeXError, match=r"^duplicate\.bib:7: duplicate cite key 'Hull1948' .*line 1"):
        from_bibtex(text, source_name="duplicate.bib")


def test_identical_duplicate_keys_raise():
    with pytest.raises(BibTeXError, match=r"refs\.bib:3: duplicate cite key 'a'"):
        from_bibtex("@book{a, title={x}}\n\n@book{a, title={y}}\n", source_name="refs.bib")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("@book{a,\n title = {x},\n Title = {y}}", r"<string>:3: entry 'a', field 'Title': duplicate field 'title'"),
        ("@book{a,\n title = {x},\n title = {y}}", r"<string>:1: duplicate field\(s\) title"),
        ("@book{a,\n publisher = nosuchmacro}", r"<string>:2: entry 'a', field 'publisher': undefined string"),
        ("@book{a,\n year = {sometime}}", r"<string>:2: entry 'a', field 'year': 'sometime' is not a year"),
        ("@book{a,\n urldate = {yesterday}}", r"<string>:2: .*'urldate': 'yesterday' is not an ISO 8601 date"),
        ("@book{müller1990,\n title = {x}}", r"<string>:1: entry 'müller1990': cite key 'müller1990' must be ASCII"),
        ("@book{a,\n author = {, John}}", r"<string>:2: .*'author': name ', John' has no last name"),
        ("@book{a,\n x-provenance = {[1]}}", r"<string>:2: .*'x-provenance': each provenance must be"),
        ('@book{a,\n x-confidence = {{"title": 3}}}', r"<string>:2: .*'x-confidence': confidence of title"),
    ],
)
def test_bad_entries_raise_with_line_and_cause(text, message):
    with pytest.raises(BibTeXError, match=message):
        from_bibtex(text)


def test_reference_without_key_cannot_be_exported():
    with pytest.raises(BibliographyError, match=r"reference 1 \('Memoirs'\) has no cite key"):
        to_bibtex([Reference(key="a"), Reference(title="Memoirs")])


def test_keys_differing_only_in_case_cannot_be_exported():
    with pytest.raises(DuplicateKeyError, match="'Hull1948' of reference 1 clashes with 'hull1948'"):
        to_bibtex([Reference(key="hull1948"), Reference(key="Hull1948")])


def test_keys_may_start_with_a_digit():
    (ref,) = from_bibtex(
        "@book{2005gaddis,\n author = {Gaddis, John Lewis},\n title = {The Cold War},\n year = {2005}}"
    )
    assert (ref.key, ref.title, ref.year) == ("2005gaddis", "The Cold War", "2005")


@ROUND_TRIP
@given(refs=bibliographies(), ascii=st.booleans())
def test_writing_in_place_gives_the_text_of_the_copying_default_stack(refs: list[Reference], ascii: bool) -> None:
    # to_bibtex lets bibtexparser's unparse stack change its own throwaway library in place; the
    # default stack (which deep-copies every entry first) writes the same text.
    layout = BibtexFormat()
    layout.indent = "  "
    layout.value_column = "auto"
    layout.block_separator = "\n"
    copied = bibtexparser.write_string(Library([_entry(r, ascii) for r in refs]), bibtex_format=layout)
    assert to_bibtex(refs, ascii=ascii) == copied
