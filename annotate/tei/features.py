"""Feature structures (``fs``/``f``) for the fields that have no TEI element of their own."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from typing import Any

import attrs
from lxml import etree

from annotate.errors import TEIError
from annotate.tei.elements import _el, add_text

_sub = etree.SubElement


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return repr(value)


def _value(parent: etree._Element, value: object) -> None:
    # lxml directly, not _el: feature structures are most of the elements a bundle's TEI holds.
    if isinstance(value, enum.Enum):
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
    elif attrs.has(type(value)):
        parent.append(feature_structure(value))
    else:
        raise TEIError(f"cannot write a {type(value).__name__} in a feature structure")


def _is_default(field: attrs.Attribute[Any], value: object) -> bool:
    default: Any = field.default
    if default is attrs.NOTHING:
        return False
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs.Factory is a class at runtime
        if default.takes_self:
            return False
        default = default.factory()
    # Same type too: 0 is not written as the default 0.0, so it reads back as the int it was.
    return type(value) is type(default) and bool(value == default)


def feature_structure(obj: object, exclude: Iterable[str] = (), corresp: str | None = None) -> etree._Element:
    """An ``fs`` of an attrs object's fields (type = class name).

    Fields equal to their default are left out (reading them back gives the default); a field
    without a default whose value is None is an empty ``f``.
    """
    if not attrs.has(type(obj)):
        raise TEIError(f"cannot write a {type(obj).__name__} as a feature structure")
    fs = _el(None, "fs", type=type(obj).__name__, corresp=corresp)
    skip = set(exclude)
    for field in attrs.fields(type(obj)):  # type: ignore[arg-type]  # checked by attrs.has above
        if field.name in skip or not field.init:
            continue
        value = getattr(obj, field.name)
        if _is_default(field, value):
            continue
        f = _sub(fs, "f", {"name": field.name.lstrip("_")})
        if value is not None:
            _value(f, value)  # an empty feature stands for None
    return fs
