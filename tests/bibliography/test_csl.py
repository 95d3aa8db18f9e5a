"""bibliography.csl: Reference objects <-> CSL-JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from bibliography.csl import from_csl_items, from_csl_json, to_csl_items, to_csl_json
from bibliography.errors import BibliographyError, CSLError, DuplicateKeyError
from bibliography.model import Person, Provenance, Reference

from .conftest import REALISTIC, bibliographies

ROUND_TRIP = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(bibliographies())
def test_from_csl_json_inverts_to_csl_json(refs):
    assert from_csl_json(to_csl_json(refs)) == refs


def test_realistic_bibliography_round_trips():
    assert from_csl_json(to_csl_json(REALISTIC)) == list(REALISTIC)


def test_output_is_deterministic_indented_and_ends_with_newline():
    text = to_csl_json(REALISTIC)
    assert text == to_csl_json(list(REALISTIC))
    assert text.endswith("]\n")
    assert text.startswith('[\n  {\n    "id": "richman1980",\n    "type": "book",')
    assert "Łukasiewicz" in text  # UTF-8 kept, not \u escapes


def test_seed_reference_item():
    ref = Reference(
        key="richman1980",
        authors=[Person(family="Richman", given="John")],
        title="The United States and the Soviet Union: The Decision to Recognize",
        place="Raleigh, N.C.",
        publisher="Camberleigh & Hall",
        year="1980",
        annotation="Valuable source with details not found in other accounts.",
        raw="Richman, John. The United States ...",
        provenance=[Provenance(source="002", start=10, end=20)],
        confidence={"title": 0.9},
    )
    item = to_csl_items([ref])[0]
    assert item == {
        "id": "richman1980",
        "type": "book",
        "author": [{"family": "Richman", "given": "John"}],
        "title": "The United States and the Soviet Union: The Decision to Recognize",
        "publisher": "Camberleigh & Hall",
        "publisher-place": "Raleigh, N.C.",
        "issued": {"date-parts": [[1980]]},
        "annote": "Valuable source with details not found in other accounts.",
        "custom": {
            "raw": "Richman, John. The United States ...",
            "provenance": [{"source": "002", "start": 10, "end": 20, "passage": None}],
            "confidence": {"title": 0.9},
        },
    }
    # Variables come in the documented order.
    assert list(item) == ["id", "type", "author", "title", "publisher", "publisher-place", "issued", "annote", "custom"]


def test_all_standard_variables():
    ref = Reference(
        key="k",
        type="chapter",
        authors=[Person(family="Beethoven", given="Ludwig", particle="van", suffix="Jr."), Person(literal="UN")],
        editors=[Person(family="Gorman", given="Robert F.")],
        translators=[Person(family="Eastman", given="Max")],
        title="T",
        container_title="C",
        collection_title="S",
        volume="2",
        issue="3",
        pages="1–5",
        edition="2nd",
        number_of_volumes="4",
        original_year="1930",
        url="https://example.org",
        doi="10.1000/x",
        isbn="978-0",
        accessed="2024-01-05",
        note="N",
        unparsed="U",
    )
    assert to_csl_items([ref])[0] == {
        "id": "k",
        "type": "chapter",
        "author": [
            {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van", "suffix": "Jr."},
            {"literal": "UN"},
        ],
        "editor": [{"family": "Gorman", "given": "Robert F."}],
        "translator": [{"family": "Eastman", "given": "Max"}],
        "title": "T",
        "container-title": "C",
        "collection-title": "S",
        "volume": "2",
        "issue": "3",
        "page": "1–5",
        "edition": "2nd",
        "number-of-volumes": "4",
        "original-date": {"date-parts": [[1930]]},
        "URL": "https://example.org",
        "DOI": "10.1000/x",
        "ISBN": "978-0",
        "accessed": {"date-parts": [[2024, 1, 5]]},
        "note": "N",
        "custom": {"unparsed": "U"},
    }


def test_report_number_is_written_as_number():
    item = to_csl_items([Reference(key="k", type="report", issue="E/2020/1")])[0]
    assert item["number"] == "E/2020/1"
    assert "issue" not in item
    assert from_csl_items([item])[0].issue == "E/2020/1"


@pytest.mark.parametrize(
    ("year", "date", "issued", "custom"),
    [
        ("1980", None, {"date-parts": [[1980]]}, None),
        ("1933", "1933-11-16", {"date-parts": [[1933, 11, 16]]}, None),
        (None, "1933-11", {"date-parts": [[1933, 11]]}, {"year": None}),
        ("1980a", None, {"date-parts": [[1980]]}, {"year": "1980a"}),
        ("1970-1972", None, {"date-parts": [[1970], [1972]]}, None),
        ("1970/71", None, {"date-parts": [[1970], [1971]]}, {"year": "1970/71"}),
        ("1999-01", None, {"date-parts": [[1999], [1901]]}, {"year": "1999-01"}),
        ("n.d.", None, {"literal": "n.d."}, None),
        ("forthcoming", None, {"literal": "forthcoming"}, None),
        ("1933", "1934", {"date-parts": [[1934]]}, {"year": "1933", "date": "1934"}),
    ],
)
def test_years_and_dates(year, date, issued, custom):
    ref = Reference(key="k", year=year, date=date)
    item = to_csl_items([ref])[0]
    assert item["issued"] == issued
    assert item.get("custom") == custom
    assert from_csl_items([item]) == [ref]


def test_stale_year_override_is_ignored_after_a_hand_edit():
    item = to_csl_items([Reference(key="k", year="1980a")])[0]
    item["issued"] = {"date-parts": [[1981]]}
    assert from_csl_items([item])[0].year == "1981"


def test_foreign_items_read(data_dir):
    path = data_dir / "bib" / "zotero-style.json"
    gambone, letters, undated = from_csl_json(path.read_text(encoding="utf-8"), source_name=path.name)
    assert gambone.authors == (Person(family="Gambone", given="Michael D."),)
    assert (gambone.year, gambone.accessed, gambone.isbn) == ("2002", "2024-01-05", "978-0-313-31795-4")
    assert (gambone.place, gambone.publisher) == ("Westport, Conn.", "Greenwood Press")
    assert letters.type == "webpage"
    assert letters.authors == (
        Person(family="Beethoven", given="Ludwig", particle="van"),
        Person(family="Plato"),
        Person(literal="Royal Society"),
    )
    assert (letters.volume, letters.issue, letters.place) == ("12", "7", "Vienna")
    assert (letters.year, letters.date) == ("1810", "1810-04-27")
    assert (undated.type, undated.year, undated.original_year) == ("document", "1933", "1848-1850")


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


def test_wrong_field_type_names_item_and_field(data_dir):
    text = (data_dir / "bib" / "bad-types.json").read_text(encoding="utf-8")
    with pytest.raises(CSLError, match=r"^bad-types\.json: item 1 \(id 'bad2'\), field 'author\[1\]\.family': "):
        from_csl_json(text, source_name="bad-types.json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"id": "a",}]', r"^refs\.json: invalid JSON at line 1, column 13: "),
        ('{"id": "a"}', r"^refs\.json: expected a JSON array of CSL items, got dict"),
        ('["a"]', r"^refs\.json: item 0: expected an object, got str"),
        ('[{"type": "book"}]', r"^refs\.json: item 0, field 'id': missing"),
        ('[{"id": "müller1990"}]', r"item 0 \(id 'müller1990'\), field 'id': cite key 'müller1990' must be ASCII"),
        ('[{"id": true}]', r"field 'id': expected a string, got bool"),
        ('[{"id": "a", "type": 3}]', r"field 'type': expected a string, got int"),
        ('[{"id": "a", "title": ["x"]}]', r"item 0 \(id 'a'\), field 'title': expected a string, got list"),
        ('[{"id": "a", "volume": {}}]', r"field 'volume': expected a string or a number, got dict"),
        ('[{"id": "a", "author": "Hull"}]', r"field 'author': expected a list of names, got str"),
        ('[{"id": "a", "author": ["Hull"]}]', r"field 'author\[0\]': expected a name object, got str"),
        ('[{"id": "a", "editor": [{"given": ""}]}]', r"field 'editor\[0\]': a person needs a family name"),
        ('[{"id": "a", "issued": "1980"}]', r"field 'issued': expected a date object, got str"),
        ('[{"id": "a", "issued": {"date-parts": [["x"]]}}]', r"field 'issued': date part 'x' is not a number"),
        ('[{"id": "a", "issued": {"date-parts": [[1980, 13]]}}]', r"field 'issued': .*not a valid month"),
        ('[{"id": "a", "issued": {"literal": "undated"}}]', r"field 'issued': 'undated' has no year"),
        ('[{"id": "a", "accessed": {"raw": "soon"}}]', r"field 'accessed': 'soon' has no year"),
        ('[{"id": "a", "custom": []}]', r"field 'custom': expected an object, got list"),
        ('[{"id": "a", "custom": {"raw": 1}}]', r"field 'custom\.raw': expected a string, got int"),
        ('[{"id": "a", "custom": {"provenance": [{"start": "1"}]}}]', r"'custom\.provenance\[0\]\.start'"),
        ('[{"id": "a", "custom": {"provenance": [{"start": 5, "end": 1}]}}]', r"'custom\.provenance\[0\]': "),
        ('[{"id": "a", "custom": {"confidence": {"title": 2}}}]', r"'custom\.confidence': confidence of title"),
        ('[{"id": "a", "custom": {"year": 1980}}]', r"field 'custom\.year': expected a string or null"),
        ('[{"id": "a"}, {"id": "a"}]', r"item 1 \(id 'a'\), field 'id': duplicate of item 0"),
    ],
)
def test_bad_csl_json_raises_naming_item_and_field(text, message):
    with pytest.raises(CSLError, match=message):
        from_csl_json(text, source_name="refs.json")


def test_reference_without_key_cannot_be_exported():
    with pytest.raises(BibliographyError, match=r"reference 0 \('Memoirs'\) has no cite key"):
        to_csl_json([Reference(title="Memoirs")])


def test_duplicate_keys_cannot_be_exported():
    with pytest.raises(DuplicateKeyError, match="'a' is used by references 0 and 1"):
        to_csl_items([Reference(key="a"), Reference(key="a")])


def test_csl_json_is_valid_json_for_any_bibliography():
    # The custom object stays JSON-serialisable (no tuples leaking as non-JSON values).
    items = json.loads(to_csl_json(REALISTIC))
    assert items == to_csl_items(REALISTIC)


def test_keys_may_start_with_a_digit():
    (ref,) = from_csl_json('[{"id": "1990smith", "type": "book", "title": "A Book"}]')
    assert ref.key == "1990smith"
