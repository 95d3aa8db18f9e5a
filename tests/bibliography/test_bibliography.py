from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bibliography import Bibliography, DuplicateKeyError, Provenance, Reference


def _ref(key, source=None, passage=None):
    return Reference(key=key, title=key, provenance=[Provenance(source=source, passage=passage)])


def test_lookups_by_key_source_and_passage_first_match_wins():
    refs = [_ref("a", "s1"), _ref("b", "s1", "s1.bib1"), _ref("c", "s1"), _ref("d", "s2", "s1.bib1")]
    bib = Bibliography(refs)
    assert list(bib) == refs and bib[0] is refs[0] and bib[1:3] == tuple(refs[1:3]) and len(bib) == 4
    assert bib.for_source("s1").key == "a"
    assert bib.for_passage("s1.bib1").key == "b"
    assert bib.for_source("s2") is None and bib.get("zz") is None and bib.get("c").key == "c"


def test_duplicate_keys_are_refused_and_unkeyed_references_allowed():
    with pytest.raises(DuplicateKeyError, match="'a'"):
        Bibliography([_ref("a"), _ref("a")])
    assert len(Bibliography([Reference(title="x"), Reference(title="y")])) == 2


def test_equal_by_content():
    assert Bibliography([_ref("a")]) == Bibliography([_ref("a")])
    assert Bibliography([_ref("a")]) != Bibliography([_ref("b")])


@given(st.lists(st.sampled_from("abcdef"), unique=True))
def test_every_key_is_found(keys):
    bib = Bibliography([_ref(k, f"src-{k}") for k in keys])
    assert [bib.get(k).key for k in keys] == keys
    assert all(bib.for_source(f"src-{k}").key == k for k in keys)
