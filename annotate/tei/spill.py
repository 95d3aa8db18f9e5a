"""Elements set aside in a temporary file while a large XML file streams, read back when needed.

The corpus stand-off of a TEI export holds every claim, verdict, evidence quote and feature
structure; a verdict can only be rebuilt once the structures at the end of it have been read. A
:class:`Spill` writes each such element to a temporary file under a number, so that memory holds
an index of numbers rather than the elements. :meth:`Spill.load` gives an element back, every node
with its original line number (error messages name lines; past line 65,535, which libxml2 cannot
store on a node, in an attribute :func:`annotate.tei.parse._where` reads).
"""

from __future__ import annotations

import os
import tempfile
from array import array
from typing import cast

from lxml import etree

from annotate.tei.parse import LINE_ATTR
from annotate.tei.safexml import _parser

_PARSER = _parser()

#: The largest line number a node's ``sourceline`` can be set to (libxml2 keeps it in 16 bits).
_MAX_LINE = 65535


class Spill:
    """A temporary file of elements, each put away under a number and read back by it.

    >>> from annotate.tei.safexml import parse_xml
    >>> root = parse_xml(b'<r><a n="1">one <b>two</b>\\n<c/></a></r>')
    >>> spill = Spill()
    >>> spill.put(root[0])
    0
    >>> full = spill.load(0)
    >>> full.get("n"), full.text, full[0].text, full[1].sourceline
    ('1', 'one ', 'two', 2)
    >>> spill.close()
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the spill; closed by close()
        self._end = 0
        self._index: array[int] = array("q")  # per record: offset, bytes of XML, number of line numbers after it

    def put(self, el: etree._Element) -> int:
        """Write ``el`` (without its tail) to the file; the number to :meth:`load` it by."""
        data = etree.tostring(el, with_tail=False)
        # lxml-stubs type sourceline as "...", it is an int (or None for a node built in code).
        lines: array[int] = array("q", [cast("int | None", node.sourceline) or 0 for node in el.iter()])
        # Only put() moves the file position (load() reads with pread): writes append without a seek.
        self._file.write(data)
        self._file.write(lines.tobytes())
        self._index.extend((self._end, len(data), len(lines)))
        self._end += len(data) + len(lines) * lines.itemsize
        return len(self._index) // 3 - 1

    def load(self, number: int) -> etree._Element:
        """The element put away as ``number``, every node with its original line."""
        offset, size, count = self._index[3 * number : 3 * number + 3]
        lines: array[int] = array("q")
        self._file.flush()
        record = os.pread(self._file.fileno(), size + count * lines.itemsize, offset)
        full = etree.fromstring(record[:size], _PARSER)
        lines.frombytes(record[size:])
        for node, line in zip(full.iter(), lines, strict=True):
            if line <= _MAX_LINE:
                node.sourceline = line
            elif isinstance(node.tag, str):
                node.set(LINE_ATTR, str(line))
        return full

    def close(self) -> None:
        """Delete the temporary file."""
        self._file.close()
