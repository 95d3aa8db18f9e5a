"""Feature structures made as text and parsed in batches are the elements made one by one."""

from __future__ import annotations

import enum

import attrs
import pytest
from lxml import etree

from annotate.errors import TEIError
from annotate.tei import features as features_module
from annotate.tei.features import feature_structure, feature_structures


class _Colour(enum.Enum):
    RED = 'r&<"\n>'
    BLUE = "b"


class _Count(int):
    def __str__(self) -> str:
        return "many"


@attrs.frozen
class _Inner:
    start: int
    end: int = 0


@attrs.frozen
class _Thing:
    text: str
    number: float = 0.0
    count: int = 0
    flag: bool = False
    colour: _Colour = _Colour.BLUE
    words: tuple[str, ...] = ()
    inner: _Inner | None = None
    items: list[object] = attrs.field(factory=list)
    _private: str = ""


_THINGS = [
    _Thing("plain"),
    _Thing("", number=float("nan"), count=-3, flag=True, colour=_Colour.RED),
    _Thing("a & b < c > d \"e\" 'f'\r\n\tg", number=float("-inf"), words=("x", "", "y\rz")),
    _Thing("control \x0c and \x00 chars", inner=_Inner(1, 2)),
    _Thing("nested", items=[[1, 2.5], (), [_Inner(3)], "é\U0001f600"], private="p"),
    _Thing("int subclass", count=_Count(4)),
    _Thing("default number as int", number=0),
]


def _text(el: etree._Element) -> bytes:
    return etree.tostring(el, encoding="utf-8")


def test_same_elements_as_one_by_one() -> None:
    items = [(thing, frozenset({"text"} if k % 2 else set()), f"#t{k} &\n") for k, thing in enumerate(_THINGS)]
    expected = [_text(fs) for fs in (feature_structure(o, exclude=e, corresp=c) for o, e, c in items) if len(fs)]
    assert [_text(fs) for fs in feature_structures(items)] == expected


def test_structures_with_every_field_at_default_are_left_out() -> None:
    items = [(_Inner(0), frozenset({"start"}), "#a"), (_Inner(1), frozenset(), "#b")]
    assert [fs.get("corresp") for fs in feature_structures(items)] == ["#b"]


def test_refuses_what_feature_structure_refuses() -> None:
    with pytest.raises(TEIError):
        list(feature_structures([(object(), frozenset(), "#x")]))
    with pytest.raises(TEIError):
        list(feature_structures([(_Thing("x", items=[{"a": 1}]), frozenset(), "#x")]))


def test_batches_and_long_structures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(features_module, "_BATCH_CHARS", 200)
    items = [(_Thing("w" * (k * 37 % 400), count=k), frozenset(), f"#t{k}") for k in range(40)]
    expected = [_text(feature_structure(o, exclude=e, corresp=c)) for o, e, c in items]
    assert [_text(fs) for fs in feature_structures(items)] == expected
