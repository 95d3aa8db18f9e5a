"""Local pointers of a TEI file: every ``#id`` and ``#string-range(id,offset,length)`` must name something.

:func:`check_pointers` checks a whole tree; :class:`PointerCheck` checks one top-level element at a
time (a streamed corpus), holding only the ids seen, the lengths of the range targets asked for, and
the pointers whose target has not come yet.
"""

from __future__ import annotations

import re
from array import array
from typing import cast

from lxml import etree

from annotate.errors import TEIError
from annotate.tei.elements import XML_ID
from annotate.tei.parse import _local, _pointers, _where, text_of

_POINTER_ATTRS = ("target", "corresp", "ana", "source", "sameAs", "ref")
_POINTER_INDEX = {attr: k for k, attr in enumerate(_POINTER_ATTRS)}


_ANY_RANGE_RE = re.compile(r"^#string-range\(([^,()\s]+),(\d+),(\d+)\)$")


def check_pointers(root: etree._Element) -> list[str]:
    """Every local pointer (``#id``, ``#string-range(id,offset,length)``) that names nothing, and
    every ``link`` with fewer than two ends: the rules RELAX NG does not check (one line each).
    """
    ids = {el.get(XML_ID): el for el in root.iter() if isinstance(el.tag, str) and el.get(XML_ID)}
    lengths: dict[str, int] = {}
    failures: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if _local(el) == "link" and len(_pointers(el.get("target"))) < 2:
            failures.append(f"{_where(el)}: a link needs at least two targets")
        for attr in _POINTER_ATTRS:
            for pointer in _pointers(el.get(attr)):
                if not pointer.startswith("#"):
                    continue  # an external URI
                m = _ANY_RANGE_RE.match(pointer)
                name = m.group(1) if m else pointer[1:]
                target = ids.get(name)
                if target is None:
                    failures.append(f"{_where(el)}: @{attr} points at #{name}, which does not exist")
                    continue
                if m:
                    if name not in lengths:
                        lengths[name] = len(text_of(target))
                    end = int(m.group(2)) + int(m.group(3))
                    if end > lengths[name]:
                        failures.append(
                            f"{_where(el)}: @{attr} {pointer} runs past the end of #{name} ({lengths[name]})"
                        )
    return failures


class UnresolvableError(TEIError):
    """A pointer :class:`PointerCheck` cannot settle without the whole tree (check it whole instead)."""


class PointerCheck:
    """:func:`check_pointers` over a file read one top-level element at a time, same lines, same order.

    Feed the root (``deep=False``, when it starts) and then the rest in document order, each element
    once: an element with its descendants (``deep=True``) once complete, or alone (``deep=False``)
    before its children; :meth:`failures` at the end. A pointer whose target has not come yet waits,
    packed in a few integers, until it comes. A string range into an element that has already gone
    by, unless asked for before it came, or into an element whose text cannot be read, raises
    :class:`UnresolvableError` (a corpus this library wrote never points back across members).

    >>> from annotate.tei.safexml import parse_xml
    >>> root = parse_xml(b'<r><a target="#b #c #string-range(b,1,5)"/><b xml:id="b">xy</b></r>')
    >>> check = PointerCheck()
    >>> check.element(root, deep=False)
    >>> for child in root:
    ...     check.element(child)
    >>> check.failures() == check_pointers(root)
    True
    """

    def __init__(self) -> None:
        self._ids: set[str] = set()
        self._lengths: dict[str, int] = {}
        self._found: list[tuple[int, str]] = []
        # target id -> per waiting pointer: order, line, element name, attribute, range start, length (-1: none)
        self._pending: dict[str, array[int]] = {}
        self._names: dict[str, int] = {}  # element names (or tags) met, numbered for the packing
        self._pointers: dict[int, str] = {}  # a range pointer whose text its numbers do not give back
        self._seq = 0

    def element(self, top: etree._Element, *, deep: bool = True) -> None:
        """Check ``top`` (with its descendants when ``deep``)."""
        nodes = [el for el in (top.iter() if deep else (top,)) if isinstance(el.tag, str)]
        here: dict[str, etree._Element] = {}
        for el in nodes:
            xml_id = el.get(XML_ID)
            if xml_id:
                self._ids.add(xml_id)
                here[xml_id] = el
        for xml_id in here.keys() & self._pending.keys():
            waiting = self._pending.pop(xml_id)
            if any(waiting[k + 5] >= 0 for k in range(0, len(waiting), 6)):
                if not deep:
                    raise UnresolvableError(f"{_where(here[xml_id])}: a string range into an element not yet read")
                self._lengths[xml_id] = self._length(here[xml_id])
            self._settle(xml_id, waiting)
        if not deep:
            here.clear()
        for el in nodes:
            self._check(el, here)

    def _length(self, el: etree._Element) -> int:
        try:
            return len(text_of(el))
        except TEIError as exc:
            raise UnresolvableError(str(exc)) from None

    def _check(self, el: etree._Element, here: dict[str, etree._Element]) -> None:
        if _local(el) == "link" and len(_pointers(el.get("target"))) < 2:
            self._found.append((self._seq, f"{_where(el)}: a link needs at least two targets"))
            self._seq += 1
        # Most elements carry no pointer: look only at the attributes they have, in _POINTER_ATTRS order.
        for k in sorted(_POINTER_INDEX[a] for a in el.attrib if a in _POINTER_INDEX):
            attr = _POINTER_ATTRS[k]
            for pointer in _pointers(el.get(attr)):
                if not pointer.startswith("#"):
                    continue  # an external URI
                m = _ANY_RANGE_RE.match(pointer)
                name = m.group(1) if m else pointer[1:]
                if name not in self._ids:
                    self._wait(el, k, pointer, name, m)
                elif m:
                    if name in here and name not in self._lengths:
                        self._lengths[name] = self._length(here[name])
                    if name not in self._lengths:
                        raise UnresolvableError(f"{_where(el)}: {pointer} points back at an element already gone")
                    end = int(m.group(2)) + int(m.group(3))
                    if end > self._lengths[name]:
                        where = f"{_where(el)}: @{attr} {pointer}"
                        self._found.append((self._seq, f"{where} runs past the end of #{name} ({self._lengths[name]})"))
                self._seq += 1

    def _wait(self, el: etree._Element, attr: int, pointer: str, name: str, m: re.Match[str] | None) -> None:
        tag = _local(el) or str(el.tag)
        code = self._names.setdefault(tag, len(self._names))
        start, length = (int(m.group(2)), int(m.group(3))) if m else (0, -1)
        if max(start, length) >= 1 << 62:
            raise UnresolvableError(f"{_where(el)}: {pointer} has numbers too large to hold")
        if m and pointer != f"#string-range({name},{start},{length})":
            self._pointers[self._seq] = pointer
        # lxml-stubs type sourceline as "...", it is an int.
        line = cast("int", el.sourceline)
        self._pending.setdefault(name, array("q")).extend((self._seq, line, code, attr, start, length))

    def _settle(self, name: str, waiting: array[int]) -> None:
        tags = list(self._names)
        for k in range(0, len(waiting), 6):
            seq, line, code, attr, start, length = waiting[k : k + 6]
            where = f"line {line}, <{tags[code]}>: @{_POINTER_ATTRS[attr]}"
            if name not in self._ids:
                self._found.append((seq, f"{where} points at #{name}, which does not exist"))
            elif length >= 0 and start + length > self._lengths[name]:
                pointer = self._pointers.get(seq, f"#string-range({name},{start},{length})")
                self._found.append((seq, f"{where} {pointer} runs past the end of #{name} ({self._lengths[name]})"))

    def failures(self) -> list[str]:
        """Every failure, in the order :func:`check_pointers` gives them."""
        for name, waiting in self._pending.items():
            self._settle(name, waiting)
        self._pending = {}
        self._found.sort(key=lambda t: t[0])
        return [line for _, line in self._found]
