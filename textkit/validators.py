"""attrs validators shared by the three data models, raising the error class each package names.

A package's model passes its own error (for example ``corpus.errors.ModelError``), so a bad value
raises an error of that package, which callers can catch by the package's base class or by the
builtin it resembles.

>>> import attrs
>>> class BadValueError(ValueError, TypeError): ...
>>> check = Validators(BadValueError)
>>> @attrs.frozen
... class Tag:
...     name: str = attrs.field(validator=check.non_empty())
>>> Tag("")
Traceback (most recent call last):
textkit.validators.BadValueError: 'name' must not be empty
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from enum import Enum
from typing import Any, TypeVar

import attrs

__all__ = ["Validators"]

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
_E = TypeVar("_E", bound=Enum)


class Validators:
    """Factories of attrs validators that raise ``error`` (a subclass of ValueError and TypeError)."""

    def __init__(self, error: type[Exception]) -> None:
        self.error = error

    def non_empty(self) -> _Validator:
        """A string or collection with at least one element."""

        def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401 - any sized value
            if len(value) < 1:
                raise self.error(f"{attribute.name!r} must not be empty")

        return check

    def matches(self, pattern: str) -> _Validator:
        """A string the regular expression matches in full."""
        compiled = re.compile(pattern)

        def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401 - checked here
            if not isinstance(value, str) or not compiled.fullmatch(value):
                raise self.error(f"{attribute.name!r} must match {pattern!r}, got {value!r}")

        return check

    def one_of(self, values: Collection[object]) -> _Validator:
        """One of the given values."""

        def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401 - checked here
            if value not in values:
                raise self.error(f"{attribute.name!r} must be one of {sorted(map(str, values))}, got {value!r}")

        return check

    def instance_of(self, cls: type) -> _Validator:
        """An instance of ``cls``."""

        def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401 - checked here
            if not isinstance(value, cls):
                raise self.error(f"{attribute.name!r} must be {cls.__name__}, got {type(value).__name__}")

        return check

    def each_instance_of(self, cls: type) -> _Validator:
        """An iterable whose every item is an instance of ``cls``."""

        def check(_inst: object, attribute: attrs.Attribute[Any], value: Iterable[Any]) -> None:
            for item in value:
                if not isinstance(item, cls):
                    raise self.error(f"{attribute.name!r} items must be {cls.__name__}, got {type(item).__name__}")

        return check

    def enum(self, cls: type[_E]) -> Callable[[object], _E]:
        """A converter to the enum ``cls`` from a member or its value."""

        def convert(value: object) -> _E:
            if type(value) is cls:
                return value  # a member already: what cls(value) gives, without its look-up
            try:
                return cls(value)
            except ValueError:
                allowed = ", ".join(str(m.value) for m in cls)
                raise self.error(f"{value!r} is not a {cls.__name__} ({allowed})") from None

        return convert
