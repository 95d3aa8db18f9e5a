from __future__ import annotations

from enum import StrEnum

import attrs
import pytest

from textkit.validators import Validators


class BadValueError(ValueError, TypeError):
    pass


class Colour(StrEnum):
    RED = "red"


check = Validators(BadValueError)


def _as_colour(value: object) -> Colour:
    return check.enum(Colour)(value)


@attrs.frozen
class Thing:
    name: str = attrs.field(validator=check.non_empty())
    code: str = attrs.field(default="ab", validator=check.matches(r"[a-z]+"))
    size: str = attrs.field(default="s", validator=check.one_of({"s", "m"}))
    flag: bool = attrs.field(default=False, validator=check.instance_of(bool))
    items: tuple[int, ...] = attrs.field(default=(), validator=check.each_instance_of(int))
    colour: Colour = attrs.field(default=Colour.RED, converter=_as_colour)


def test_good_values_pass_and_enums_convert():
    t = Thing("x", "abc", "m", True, (1, 2), "red")
    assert t.colour is Colour.RED


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": ""}, "'name' must not be empty"),
        ({"name": "x", "code": "ab1"}, "'code' must match"),
        ({"name": "x", "code": 3}, "'code' must match"),
        ({"name": "x", "size": "l"}, "'size' must be one of"),
        ({"name": "x", "flag": 1}, "'flag' must be bool, got int"),
        ({"name": "x", "items": (1, "2")}, "'items' items must be int, got str"),
        ({"name": "x", "colour": "blue"}, "'blue' is not a Colour"),
    ],
)
def test_bad_values_raise_the_given_error(kwargs, message):
    with pytest.raises(BadValueError, match=message):
        Thing(**kwargs)
