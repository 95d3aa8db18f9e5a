"""References for source documents."""

from __future__ import annotations

import pytest

from bibliography.errors import ReferenceParseError
from bibliography.keys import assign_keys
from bibliography.model import Provenance
from bibliography.sources import source_reference

SHA = "0123456789abcdef" * 4


def test_findingdulcinea_article():
    ref = source_reference(
        source_id="000_820e86533fe664a9",
        title="On This Day: United States and Soviet Union Establish Diplomatic Relations",
        authors=["by findingDulcinea Staff"],
        date="November 16, 2011 05:00 AM",
        publisher="findingDulcinea",
        url="http://www.findingdulcinea.com/news/on-this-day/Nov/on-this-day.html",
        retrieved="2024-01-05",
        sha256=SHA.upper(),
    )
    assert ref.type == "webpage"
    assert ref.authors[0].literal == "findingDulcinea Staff"
    assert (ref.year, ref.date, ref.accessed) == ("2011", "2011-11-16", "2024-01-05")
    assert ref.note == f"sha256:{SHA}"
    assert ref.provenance == (Provenance(source="000_820e86533fe664a9"),)
    assert ref.key is None
    assert ref.confidence_of("title") == 1.0
    assert assign_keys([ref])[0].key == "findingdulcinea2011this"


def test_encyclopedia_entry_with_person_authors():
    ref = source_reference(
        source_id="002",
        title="United States Recognizes Russia’s Bolshevik Regime",
        authors=["Katherine A. S. Sibley", "Smith, John"],
        date="2022-11-10",
        container_title="Great Events from History",
        ref_type="entry-encyclopedia",
    )
    assert ref.type == "entry-encyclopedia"
    assert [(p.family, p.given) for p in ref.authors] == [("Sibley", "Katherine A. S."), ("Smith", "John")]
    assert ref.container_title == "Great Events from History"
    assert ref.date == "2022-11-10"


def test_minimal_reference():
    ref = source_reference(source_id="s", title=None)
    assert ref.title is None
    assert ref.authors == ()
    assert ref.note is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"source_id": " "}, "source_id"),
        ({"sha256": "abc"}, "sha256"),
        ({"ref_type": "blog"}, "ref_type"),
        ({"date": "sometime soon"}, "date"),
        ({"retrieved": "1999"}, "retrieved"),
    ],
)
def test_bad_input_raises(kwargs, message):
    args = {"source_id": "s", "title": "T", **kwargs}
    with pytest.raises(ReferenceParseError, match=message):
        source_reference(**args)
