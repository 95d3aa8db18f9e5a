"""The JSON parts of ``verify``, a row or an annotation at a time: ``claims.jsonl`` and ``annotations.jsonld``.

``claims.jsonl`` is read line by line. ``annotations.jsonld`` is read an item at a time when it has
the layout :func:`annotate.webanno.write_web_annotations` writes (every item a 6-space-indented
object, the rest exactly as :func:`annotate.webanno.to_jsonld` would print it); any other file is
parsed whole. Either way the lines reported are those a whole parse would give.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from annotate.bundle.layout import ANNOTATIONS_FILE, CLAIMS_FILE
from annotate.bundle.read import BundleReader, _json
from annotate.bundle.verify_tei import check_quote
from annotate.errors import BundleError
from annotate.model import Label
from annotate.webanno import check_annotation, check_web_annotations, to_jsonld


class _Whole(Exception):  # noqa: N818 - control flow, never seen outside this module
    """The file must be read whole (for the exact error, or because its layout is not the writer's)."""


def _texts(reader: BundleReader, name: str) -> Iterator[str]:
    """The lines of ``name`` decoded one at a time, split as ``str.splitlines`` splits the whole text."""
    for line in _lines(reader, name):
        yield from (line + "\n").splitlines()


def _lines(reader: BundleReader, name: str) -> Iterator[str]:
    """The lines of ``name`` decoded one at a time, split at ``\\n`` only (which they lose)."""
    with reader.open(name) as data, io.TextIOWrapper(data, encoding="utf-8", newline="\n") as text:
        try:
            for line in text:
                yield line.removesuffix("\n")
        except UnicodeDecodeError:
            raise _Whole from None


def _claim_row(where: str, line: str, raws: Mapping[str, str], failures: list[str]) -> str | None:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        failures.append(f"{where}: not JSON ({exc.msg})")
        return None
    if not isinstance(row, dict):
        failures.append(f"{where}: not a JSON object")
        return None
    cid = row.get("id")
    evidence = row.get("evidence") or []
    if not evidence and row.get("verdict") != Label.NOT_ENOUGH_INFO.value:
        failures.append(f"{where}: claim {cid} has no evidence and its verdict is {row.get('verdict')!r}")
    sides = [e for c in row.get("conflicts") or [] for e in (c.get("first"), c.get("second"))]
    for ev in [*evidence, *sides]:
        failures.extend(check_quote(f"{where}: claim {cid}", ev, raws))
    return str(cid)


def check_claim_rows(reader: BundleReader, raws: Mapping[str, str], failures: list[str]) -> set[str]:
    """Check every row of ``claims.jsonl`` against the raw texts; the claim ids."""
    found: list[str] = []
    try:
        ids = _rows(_texts(reader, CLAIMS_FILE), raws, found)
    except (BundleError, _Whole):
        # Read whole for the message a whole read gives (a line that is not UTF-8 spoils the file).
        found = []
        try:
            text = reader.read(CLAIMS_FILE).decode("utf-8")
        except (BundleError, UnicodeDecodeError) as exc:
            failures.append(f"{CLAIMS_FILE}: cannot read: {exc}")
            return set()
        ids = _rows(iter(text.splitlines()), raws, found)
    failures.extend(found)
    return ids


def _rows(lines: Iterator[str], raws: Mapping[str, str], found: list[str]) -> set[str]:
    ids: set[str] = set()
    for n, line in enumerate(lines, 1):
        cid = _claim_row(f"{CLAIMS_FILE}:{n}", line, raws, found)
        if cid is not None:
            ids.add(cid)
    return ids


_OPEN, _NEXT, _LAST, _END = "      {", "      },", "      }", "    ]"


def _items(lines: Iterator[str]) -> Iterator[tuple[str, Any]]:
    """("head", text) up to ``"items": [``, ("item", object) for each item, then ("tail", text).

    Raises :class:`_Whole` where the text departs from the writer's layout.
    """
    head: list[str] = []
    for line in lines:
        head.append(line)
        if line == '    "items": [':
            break
    else:
        raise _Whole
    yield "head", "\n".join(head)
    item: list[str] = []
    last = _NEXT
    for line in lines:
        if not item:
            if line.startswith(_END) and last == _LAST:
                break
            if line != _OPEN or last != _NEXT:
                raise _Whole
        item.append(line)
        if line in (_NEXT, _LAST):
            try:
                yield "item", json.loads("\n".join(item).removesuffix(","))
            except json.JSONDecodeError:
                raise _Whole from None
            last, item = line, []
    else:
        raise _Whole
    yield "tail", "\n".join([line, *lines])


def check_annotations(reader: BundleReader, raw_by_iri: Mapping[str, str], failures: list[str]) -> None:
    """Check ``annotations.jsonld`` (see :func:`annotate.webanno.check_web_annotations`)."""
    try:
        found = _streamed(reader, raw_by_iri)
    except (BundleError, _Whole):
        annotations = _json(reader, ANNOTATIONS_FILE, failures)
        if annotations is not None:
            failures.extend(check_web_annotations(annotations, raw_by_iri))
        return
    failures.extend(found)


def _streamed(reader: BundleReader, raw_by_iri: Mapping[str, str]) -> list[str]:
    found: list[str] = []
    head = tail = ""
    count = 0
    for kind, value in _items(_lines(reader, ANNOTATIONS_FILE)):
        if kind == "head":
            head = value
        elif kind == "tail":
            tail = value
        else:
            found.extend(check_annotation(count, value, raw_by_iri))
            count += 1
    # The layout is the writer's when the text around the items is what to_jsonld prints for it.
    shell_text = head + "]" + tail.removeprefix(_END) + "\n"
    try:
        shell = json.loads(shell_text)
    except json.JSONDecodeError:
        raise _Whole from None
    if not isinstance(shell, dict) or to_jsonld(shell) != shell_text:
        raise _Whole
    page = shell.get("first")
    if not isinstance(page, dict) or page.get("items") != []:
        raise _Whole
    if shell.get("total") != count:
        found.insert(0, f"annotations: total {shell.get('total')!r} but {count} items")
    return found
