"""Feature structures (``fs``/``f``) for the fields that have no TEI element of their own."""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Any, Final

import attrs
from lxml import etree

from annotate.errors import TEIError
from annotate.tei.elements import _ILLEGAL_RE, add_text

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
    # The exact types first (most values): an identity test each rather than a chain of isinstance.
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


def _features(obj: object, skip: AbstractSet[str]) -> Iterator[tuple[str, object]]:
    """The (feature name, value) pairs a feature structure of ``obj`` writes, in field order."""
    kind = type(obj)
    for name, feature, default in _PLANS.get(kind) or _plan(kind):
        if name in skip:
            continue
        value = getattr(obj, name)
        # Fields equal to their default are left out. Same type too: 0 is not written as the
        # default 0.0, so it reads back as the int it was.
        if default is not _ALWAYS and type(value) is type(default) and bool(value == default):
            continue
        yield feature, value


def _fill(fs: etree._Element, obj: object, skip: AbstractSet[str]) -> None:
    for feature, value in _features(obj, skip):
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


# Many feature structures at once, as XML text parsed a batch at a time. A corpus's fields are most of
# the elements of its TEI. Building each with a call into lxml cost more than writing its text and parsing
# a batch of them (0.87 s against 0.58 s on 42,356 structures); the parsed elements are the ones
# :func:`feature_structure` builds, so they are written as the same bytes. Names (classes, fields) are
# identifiers: nothing in them to escape.

# What the parser would read differently from the text: markup, and carriage returns (which it
# reads as line feeds) in text; also tabs and line ends in attributes (which it reads as spaces).
_TEXT_SPECIAL = re.compile("[&<>\r]")
_TEXT_ESCAPES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\t\n\r]')
_ATTRIBUTE_ESCAPES: Final = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)

# A batch is parsed once it holds this many characters; a structure longer than this is built
# element by element (libxml2 refuses text nodes over 10 MB without its "huge" option).
_BATCH_CHARS: Final = 1 << 20

_PARSER: Final = etree.XMLParser(resolve_entities=False, no_network=True)


class _NotPlainError(Exception):
    """A value left to :func:`_value`, which knows every case (or says why it cannot write it)."""


def _text(value: str) -> str:
    return value.translate(_TEXT_ESCAPES) if _TEXT_SPECIAL.search(value) else value


def _attribute(value: str) -> str:
    return value.translate(_ATTRIBUTE_ESCAPES) if _ATTRIBUTE_SPECIAL.search(value) else value


def _value_text(value: object, out: list[str]) -> None:
    """The XML of :func:`_value`'s element for ``value``, appended to ``out``."""
    kind = type(value)
    if kind is str:
        out.append("<string>" + _text(value) + "</string>")  # type: ignore[arg-type]  # kind is str
    elif kind is int:
        out.append(f'<numeric value="{value}" trunc="true"/>')
    elif kind is float:
        out.append(f'<numeric value="{_number(value)}"/>')  # type: ignore[arg-type]  # kind is float
    elif kind is tuple or kind is list:
        out.append('<vColl org="list">')
        for item in value:  # type: ignore[attr-defined]  # kind is tuple or list
            _value_text(item, out)
        out.append("</vColl>")
    elif isinstance(value, enum.Enum):
        out.append(f'<symbol value="{_attribute(str(value.value))}"/>')
    elif kind is bool:
        out.append(f'<binary value="{"true" if value else "false"}"/>')
    elif attrs.has(kind):
        out.append(f'<fs type="{kind.__name__}">')
        _fill_text(value, frozenset(), out)
        out.append("</fs>")
    else:
        raise _NotPlainError  # subclasses of the plain types, and what cannot be written


def _fill_text(obj: object, skip: AbstractSet[str], out: list[str]) -> bool:
    """:func:`_fill` as XML text appended to ``out``; whether any feature was written."""
    written = False
    for feature, value in _features(obj, skip):
        written = True
        if value is None:
            out.append(f'<f name="{feature}"/>')
            continue
        out.append(f'<f name="{feature}">')
        _value_text(value, out)
        out.append("</f>")
    return written


def _parsed(batch: list[str]) -> list[etree._Element]:
    if not batch:
        return []
    root = etree.fromstring("<fvLib>" + "".join(batch) + "</fvLib>", _PARSER)
    batch.clear()
    return list(root)


def feature_structures(items: Iterable[tuple[object, AbstractSet[str], str]]) -> Iterator[etree._Element]:
    """The :func:`feature_structure` of each ``(object, exclude, corresp)`` that has a feature, in order.

    The same elements, made as XML text and parsed a batch at a time. A structure holding a
    character XML cannot carry is built element by element (its text gets ``g`` elements; in an
    attribute it is refused), as is one too long for a batch.
    """
    batch: list[str] = []
    size = 0
    for obj, exclude, corresp in items:
        kind = type(obj)
        if not attrs.has(kind):
            raise TEIError(f"cannot write a {kind.__name__} as a feature structure")
        out = [f'<fs type="{kind.__name__}" corresp="{_attribute(corresp)}">']
        try:
            if not _fill_text(obj, exclude, out):
                continue  # a structure with every field at its default says nothing
        except _NotPlainError:
            out = []
        xml = "".join(out) + "</fs>"
        if not out or len(xml) > _BATCH_CHARS or _ILLEGAL_RE.search(xml):
            yield from _parsed(batch)
            size = 0
            fs = feature_structure(obj, exclude, corresp)
            if len(fs):
                yield fs
            continue
        batch.append(xml)
        size += len(xml)
        if size > _BATCH_CHARS:
            yield from _parsed(batch)
            size = 0
    yield from _parsed(batch)
