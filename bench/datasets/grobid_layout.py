"""GROBID's layout training data as finder documents: whole papers with their reference lines, and
reference sections with their entries.

Two of GROBID's training corpora (github kermitt2/grobid, Apache-2.0) label text at the scale of a
document rather than a string:

* ``grobid-trainer/resources/dataset/segmentation/corpus/tei/*.tei.xml``: whole scholarly papers (the
  text of the PDF, a ``<lb/>`` at each line end), every line in one zone: ``<front>``, ``<body>``,
  ``<listBibl>`` (the bibliography), ``<page>`` (page numbers), ``<note place="headnote|footnote">``,
  ``<div type="annex|acknowledgement|...">``. -> ``layout/{split}.jsonl``: one document per row,
  ``{"id", "source", "text", "lines": [{"start", "end", "label"}]}`` with labels ``ref`` (a
  ``<listBibl>`` line), ``text`` (body, annexes and other running text), ``meta`` (page numbers,
  running heads, margin notes), ``front`` (title page matter) and ``note`` (footnotes, which in many
  fields hold references themselves: a bench leaves them out of both precision and recall).
* ``grobid-trainer/resources/dataset/reference-segmenter/corpus/tei/*.tei.xml``: reference sections,
  each reference a ``<bibl>`` (its number in ``<label>``). -> ``sections/{split}.jsonl``:
  ``{"id", "source", "text", "lines", "entries": [[start, end], ...]}``, an entry from the first to the
  last non-blank character of its ``<bibl>``; lines outside every ``<bibl>`` (the section heading)
  are labelled ``title``, the others ``ref``.

A line is the text between two ``<lb/>`` (or a zone's edge), its blanks and the XML layout around it
collapsed to single spaces and trimmed; empty lines are dropped; ``text`` is the lines joined with
``\\n`` plus a final ``\\n``. Offsets are code points, half-open. Splits are 60/20/20 by the SHA-1 of
the file's stem (the paper's name), shared by both folders, so a paper in both corpora lands in the
same split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from lxml import etree

SEGMENTATION = "grobid-trainer/resources/dataset/segmentation/corpus/tei"
REFERENCE_SEGMENTER = "grobid-trainer/resources/dataset/reference-segmenter/corpus/tei"

# Zone element (with its place/type where that decides) -> line label. Elements not listed inherit the
# label of the zone around them; text outside every zone is XML layout.
_ZONE_LABEL = {
    "listBibl": "ref",
    "body": "text",
    "div": "text",
    "back": "text",
    "other": "text",
    "page": "meta",
    "note": "meta",
    "note[footnote]": "note",
    "front": "front",
    "titlePage": "front",
    "cover": "front",
}
# Elements whose text is not the document's (GROBID marks invisible PDF text with a comment only).
_SKIP = frozenset({"teiHeader"})


class _Snapshot(Protocol):
    def files(self, prefix: str) -> list[str]: ...
    def read(self, path: str) -> bytes: ...


def _zone(el: etree._Element) -> str | None:
    name = etree.QName(el).localname
    if name == "note" and el.get("place") == "footnote":
        return _ZONE_LABEL["note[footnote]"]
    return _ZONE_LABEL.get(name)


def _chars(root: etree._Element) -> Iterator[tuple[str, str | None, int]]:
    """(piece, zone label, bibl number or -1) in document order; a piece "\\n" alone is a line end."""
    bibls = 0

    def walk(el: etree._Element, zone: str | None, bibl: int) -> Iterator[tuple[str, str | None, int]]:
        nonlocal bibls
        if not isinstance(el.tag, str):  # comments, processing instructions: no text of the document
            return
        name = etree.QName(el).localname
        if name in _SKIP:
            return
        if name == "lb":
            yield "\n", zone, bibl
            return
        inner = _zone(el) or zone
        if name == "bibl":
            bibl = bibls
            bibls += 1
        if inner != zone:
            yield "\n", zone, bibl  # a zone starts a line
        if el.text:
            yield el.text, inner, bibl
        for child in el:
            yield from walk(child, inner, bibl)
            if child.tail:
                yield child.tail, inner, bibl
        if inner != zone:
            yield "\n", inner, bibl  # and ends one

    yield from walk(root, None, -1)


def layout_lines(data: bytes) -> list[tuple[str, str, list[int]]]:
    """The document's lines: (text, label, bibl number of each character, -1 outside any <bibl>)."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(data, parser)
    lines: list[tuple[str, str, list[int]]] = []
    chars: list[str] = []
    owners: list[int] = []
    label: str | None = None

    def close() -> None:
        # Collapse blank runs (the PDF's and the XML layout's) to one space and trim.
        text: list[str] = []
        own: list[int] = []
        for ch, who in zip(chars, owners, strict=True):
            if ch.isspace():
                if text and text[-1] != " ":
                    text.append(" ")
                    own.append(who)
            else:
                text.append(ch)
                own.append(who)
        while text and text[-1] == " ":
            text.pop()
            own.pop()
        if text and label is not None:
            lines.append(("".join(text), label, own))
        chars.clear()
        owners.clear()

    for piece, zone, bibl in _chars(root):
        if piece == "\n":
            close()
            continue
        if zone is None:
            continue  # layout between zones
        if zone != label and chars:
            close()
        label = zone
        chars.extend(piece)
        owners.extend([bibl] * len(piece))
    close()
    return lines


def _document(name: str, source: str, lines: list[tuple[str, str, list[int]]], entries: bool) -> dict[str, Any]:
    text_parts: list[str] = []
    rows: list[dict[str, Any]] = []
    spans: dict[int, list[int]] = {}
    pos = 0
    for text, label, owners in lines:
        rows.append({"start": pos, "end": pos + len(text), "label": label})
        for k, who in enumerate(owners):
            if who >= 0 and text[k] != " ":
                span = spans.setdefault(who, [pos + k, pos + k + 1])
                span[1] = pos + k + 1
        text_parts.append(text)
        pos += len(text) + 1
    doc: dict[str, Any] = {"id": name, "source": source, "text": "\n".join(text_parts) + "\n", "lines": rows}
    if entries:
        doc["entries"] = [spans[k] for k in sorted(spans)]
    return doc


def _check(doc: dict[str, Any]) -> None:
    text = doc["text"]
    prev = -1
    for row in doc["lines"]:
        line = text[row["start"] : row["end"]]
        if not line or line != line.strip() or "\n" in line or row["start"] <= prev:
            raise ValueError(f"{doc['id']}: bad line at {row['start']}")
        prev = row["end"]
    last = 0
    for start, end in doc.get("entries", []):
        if start < last or not text[start:end].strip() or text[start:end] != text[start:end].strip():
            raise ValueError(f"{doc['id']}: bad entry at {start}")
        last = end


def stem(path: str) -> str:
    """The paper's name: the file name before its first ``.training`` (or ``.tei``)."""
    name = Path(path).name
    for cut in (".training", ".references", ".tei"):
        name = name.split(cut)[0]
    return name


def convert(snap: _Snapshot, out: Path, counts: Counter[str], split_of: Any, writer: Any) -> None:
    """Write ``layout/`` and ``sections/`` under out (``writer``: documents.Writer, ``split_of``: its
    split function) and add their counts."""
    for folder, prefix, with_entries in (("layout", SEGMENTATION, False), ("sections", REFERENCE_SEGMENTER, True)):
        rows = writer(out / folder)
        for path in snap.files(prefix):
            if not path.endswith(".xml"):
                continue
            lines = layout_lines(snap.read(path))
            name = stem(path)
            if not any(label == "ref" for _, label, _ in lines) and not with_entries:
                counts[f"{folder}: documents without a bibliography"] += 1
            doc = _document(name, f"grobid:{path}", lines, with_entries)
            if with_entries:
                for row in doc["lines"]:
                    row["label"] = (
                        "ref" if any(s < row["end"] and row["start"] < e for s, e in doc["entries"]) else "title"
                    )
            if not doc["lines"] or (with_entries and not doc["entries"]):
                counts[f"{folder}: empty files dropped"] += 1
                continue
            _check(doc)
            split = split_of(name)
            rows.add("", split, doc)
            counts[f"{folder} {split} documents"] += 1
            counts[f"{folder} {split} lines"] += len(doc["lines"])
            counts[f"{folder} {split} ref lines"] += sum(r["label"] == "ref" for r in doc["lines"])
            counts[f"{folder} {split} characters"] += len(doc["text"])
            if with_entries:
                counts[f"{folder} {split} entries"] += len(doc["entries"])
        rows.write()
        (out / folder / "LICENSE-grobid.txt").write_bytes(snap.read("LICENSE"))
