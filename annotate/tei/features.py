"""Feature structures (``fs``/``f``) for the fields that have no TEI element of their own."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Any, Final

import attrs
from lxml import etree

from annotate.errors import TEIError
from annotate.tei.elements import add_text

_sub = etree.SubElement


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return repr(value)


def _value(parent: etree._Element, value: object) -> None:
    # lxml directly, not _el: feature structures are most of the elements a bundle's TEI holds.
    kind = type(value)
    # The exact types first (most values), by one dict read rather than a chain of isinstance.
    if kind is str:
        add_text(_sub(parent, "string"), value)  # type: ignore[arg-type]  # kind is str
    elif kind is int:
        _sub(parent, "numeric", {"value": str(value), "trunc": "true"})
    elif kind is float:
        _sub(parent, "numeric", {"value": _number(value)})  # type: ignore[arg-type]  # kind is float
    elif kind is tuple or kind is list:
        coll = _sub(parent, "vColl", {"org": "list"})
        for item in value:  # type: ignore[attr-defined]  # kind is tuple or list
            _value(coll, item)
    elif isinstance(value, enum.Enum):
        _sub(parent, "symbol", {"value": str(value.value)})
    elif isinstance(value, bool):
        _sub(parent, "binary", {"value": "true" if value else "false"})
    elif isinstance(value, int):
        _sub(parent, "numeric", {"value": str(value), "trunc": "true"})
    elif isinstance(value, float):
        _sub(parent, "numeric", {"value": _number(value)})
    elif isinstance(value, str):
        add_text(_sub(parent, "string"), value)
    elif isinstance(value, tuple | list):
        coll = _sub(parent, "vColl", {"org": "list"})
        for item in value:
            _value(coll, item)
    elif attrs.has(kind):
        _fill(_sub(parent, "fs", {"type": kind.__name__}), value, frozenset())
    else:
        raise TEIError(f"cannot write a {kind.__name__} in a feature structure")


#: Stands for "no default": a field whose value is always written.
_ALWAYS: Final = object()


#: The plans made so far, by class.
_PLANS: dict[type, tuple[tuple[str, str, object], ...]] = {}


def _plan(cls: type) -> tuple[tuple[str, str, object], ...]:
    """Per attrs class, once: (attribute, feature name, default or :data:`_ALWAYS`) of each init field.

    A factory's default is made here once rather than per object: the factories of the model
    (``tuple``, ``Facets``, ...) give equal values on every call, and the value is only compared.
    """
    plan: list[tuple[str, str, object]] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        default: Any = field.default
        if default is attrs.NOTHING:
            default = _ALWAYS
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs.Factory is a class at runtime
            default = _ALWAYS if default.takes_self else default.factory()
        plan.append((field.name, field.name.lstrip("_"), default))
    _PLANS[cls] = made = tuple(plan)
    return made


def _fill(fs: etree._Element, obj: object, skip: AbstractSet[str]) -> None:
    kind = type(obj)
    for name, feature, default in _PLANS.get(kind) or _plan(kind):
        if name in skip:
            continue
        value = getattr(obj, name)
        # Fields equal to their default are left out. Same type too: 0 is not written as the
        # default 0.0, so it reads back as the int it was.
        if default is not _ALWAYS and type(value) is type(default) and bool(value == default):
            continue
        f = _sub(fs, "f", {"name": feature})
        if value is not None:
            _value(f, value)  # an empty feature stands for None


def feature_structure(obj: object, exclude: Iterable[str] = (), corresp: str | None = None) -> etree._Element:
    """An ``fs`` of an attrs object's fields (type = class name).

    Fields equal to their default are left out (reading them back gives the default); a field
    without a default whose value is None is an empty ``f``.
    """
    kind = type(obj)
    if not attrs.has(kind):
        raise TEIError(f"cannot write a {kind.__name__} as a feature structure")
    attrib = {"type": kind.__name__} if corresp is None else {"type": kind.__name__, "corresp": corresp}
    fs = etree.Element("fs", attrib)
    _fill(fs, obj, exclude if isinstance(exclude, AbstractSet) else frozenset(exclude))
    return fs
