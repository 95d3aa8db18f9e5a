"""Reading helpers: local names, children, element text with control characters restored, pointers,
string ranges, feature structures back to values."""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from lxml import etree

from annotate.errors import TEIError
from annotate.model import (
    DateValue,
    Entity,
    Facets,
    Quantity,
)
from annotate.tei.elements import RAW_PREFIX, TEI_NS
from bibliography.model import Provenance
from corpus.errors import CorpusError
from corpus.model import (
    Span,
)

_T = f"{{{TEI_NS}}}"


_R = TypeVar("_R")


_RANGE_RE = re.compile(r"^#string-range\(([^,()\s]+),(\d+),(\d+)\)$")


_ATTR_ESCAPE_RE = re.compile(r"\\(\\|u\{fffd\}|u[0-9a-f]{4})")


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str) or not tag.startswith(_T):
        return ""
    return tag[len(_T) :]


def _children(el: etree._Element, name: str) -> Iterator[etree._Element]:
    return (c for c in el if _local(c) == name)


def _child(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    return next(_children(el, name), None)


#: An attribute no file can carry: the line of an element read back from a spill (annotate.tei.spill)
#: when it is past what libxml2 can store on a node (65,535).
LINE_ATTR = f"{{urn:x-citetrace-line:{uuid.uuid4().hex}}}n"


def _where(el: etree._Element) -> str:
    line = el.get(LINE_ATTR) if isinstance(el.tag, str) else None
    return f"line {line or el.sourceline}, <{_local(el) or el.tag}>"


def text_of(el: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """The character content of ``el``: text of descendants, escaped characters restored.

    ``<g type="ctl" n="U+000C">`` stands for the character it names; elements named in ``skip``
    (and comments, processing instructions) contribute nothing but their tail.
    """
    parts: list[str] = []
    _collect(el, parts, skip)
    return "".join(parts)


def _collect(el: etree._Element, parts: list[str], skip: frozenset[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        name = _local(child)
        if not isinstance(child.tag, str):
            pass  # comment or processing instruction
        elif name == "g" and child.get("type") == "ctl":
            parts.append(_ctl(child))
        elif name not in skip:
            _collect(child, parts, skip)
        if child.tail:
            parts.append(child.tail)


def _ctl(el: etree._Element) -> str:
    code = el.get("n", "")
    if not re.fullmatch(r"U\+[0-9A-F]{4,6}", code):
        raise TEIError(f"{_where(el)}: escaped character needs n='U+XXXX', got {code!r}")
    return chr(int(code[2:], 16))


def unescape_attr(value: str) -> str:
    """Undo :func:`annotate.tei.escape_attr`."""

    def repl(m: re.Match[str]) -> str:
        body = m.group(1)
        if body == "\\":
            return "\\"
        if body == "u{fffd}":
            return "\ufffd"
        return chr(int(body[1:], 16))

    return _ATTR_ESCAPE_RE.sub(repl, value)


def _opt_text(el: etree._Element | None) -> str | None:
    return None if el is None else text_of(el)


def _pointers(value: str | None) -> list[str]:
    return [] if not value else value.split()


def _ids(value: str | None, el: etree._Element) -> list[str]:
    out = []
    for p in _pointers(value):
        if not p.startswith("#"):
            raise TEIError(f"{_where(el)}: pointer {p!r} is not a local '#id'")
        out.append(p[1:])
    return out


def _string_range(pointer: str, el: etree._Element) -> Span:
    m = _RANGE_RE.match(pointer)
    if m is None or not m.group(1).startswith(RAW_PREFIX):
        raise TEIError(f"{_where(el)}: {pointer!r} is not a string-range() pointer into a raw text")
    start, length = int(m.group(2)), int(m.group(3))
    return Span(m.group(1)[len(RAW_PREFIX) :], start, start + length)


def _build(cls: Callable[..., _R], el: etree._Element, **fields: object) -> _R:
    try:
        return cls(**fields)
    except (ValueError, TypeError, CorpusError) as exc:
        name = getattr(cls, "__name__", str(cls))
        raise TEIError(f"{_where(el)}: cannot rebuild {name}: {exc}") from None


_FS_CLASSES: dict[str, Callable[..., Any]] = {
    cls.__name__: cls for cls in (Facets, DateValue, Quantity, Entity, Span, Provenance)
}


def _number(value: str, trunc: bool, el: etree._Element) -> int | float:
    try:
        if trunc:
            return int(value)
        special = {"NaN": math.nan, "INF": math.inf, "-INF": -math.inf}
        return special[value] if value in special else float(value)
    except ValueError:
        raise TEIError(f"{_where(el)}: {value!r} is not a number") from None


def _fs_value(el: etree._Element) -> object:
    name = _local(el)
    if name == "symbol":
        return el.get("value", "")
    if name == "binary":
        return el.get("value") in ("true", "1")
    if name == "numeric":
        return _number(el.get("value", ""), el.get("trunc") == "true", el)
    if name == "string":
        return text_of(el)
    if name == "vColl":
        return tuple(_fs_value(c) for c in el if isinstance(c.tag, str))
    if name == "fs":
        kind = el.get("type", "")
        cls = _FS_CLASSES.get(kind)
        if cls is None:
            raise TEIError(f"{_where(el)}: unknown feature structure type {kind!r}")
        return _build(cls, el, **fs_fields(el))
    raise TEIError(f"{_where(el)}: unexpected feature value <{name}>")


def fs_fields(fs: etree._Element) -> dict[str, object]:
    """The features of an ``fs`` as a dict of Python values (nested structures rebuilt)."""
    out: dict[str, object] = {}
    for f in _children(fs, "f"):
        values = [c for c in f if isinstance(c.tag, str)]
        name = f.get("name", "")
        if len(values) > 1 or not name:
            raise TEIError(f"{_where(f)}: a feature needs a name and at most one value")
        out[name] = _fs_value(values[0]) if values else None
    return out
