"""The fast indented encoder writes exactly what ``json.dumps`` writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate._indented_json import dumps_indented

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_TREES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


def _reference(obj: Any) -> str:
    return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False)


@given(_TREES)
def test_same_text_as_json_dumps(obj: Any) -> None:
    assert dumps_indented(obj) == _reference(obj)


def test_unusual_values_fall_back_to_json_dumps() -> None:
    for obj in ({1: "a", 2: "b"}, {"x": float("nan")}, {"y": [float("-inf")]}, {"z": True, "w": False}):
        assert dumps_indented(obj) == _reference(obj)


def test_escapes_and_nesting() -> None:
    obj = {"q": 'say "hi"\n\té\u2028', "e": {}, "l": [], "n": [[{"a": ()}]], "f": -0.0}
    assert dumps_indented(obj) == _reference(obj)


def test_keys_of_several_types_fail_as_json_dumps_does() -> None:
    obj = {1: "a", "b": 2}
    with pytest.raises(TypeError):
        _reference(obj)
    with pytest.raises(TypeError):
        dumps_indented(obj)
