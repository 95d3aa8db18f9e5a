"""Web-like documents with bibliographies, built from two public sets of one split.

The AnyStyle finder documents are dissertations as text from PDF; the pages the library reads are
mostly scraped web pages. To learn and measure reference finding on that genre too, each page of a
split's ``pages`` file gets, with a fixed seed, a block of that split's labelled reference strings
(``parser``): under a bibliography heading or none, plain, bulleted or numbered, one per line or
wrapped with or without a hanging indent or set one field a line (authors, title, the rest, from the
strings' labelled segments), with or without topic subheadings between entries, placed after the main
text, before the footer, or (as a review's header) before the body. The gold entries are the inserted
strings' spans. Only ``train`` files make training documents and only ``dev``/``test`` files make
measuring documents.
"""

from __future__ import annotations

import json
import random
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HEADINGS = (
    "Bibliography", "References", "Further Reading", "Works Cited", "Sources", "Selected Bibliography",
    "Suggested Reading", "Literature", "Literaturhinweise", "Literatur", "Bibliographie", "Références",
    "Bibliografía", "Bibliografia", "Reading List", "Sources and Further Reading", "For Further Reading",
    "Quellen", "Referencias", "Literatuur",
)  # fmt: skip
_MARKERS = ("", "", "", "• ", "* ", "- ", "{n}. ", "[{n}] ", "({n}) ")
#: The bench's second synthetic set (``bench/bench_documents.py``): the share of bibliographies set one
#: field a line ("Alperovitz, Gar." / "Hiroshima and Potsdam." / "New York: Vintage Books, 1965."), as
#: library guides and reading lists built from records show them ...
FIELD_PER_LINE_SHARE = 0.15
#: ... and the share of those of four entries or more split by topic subheadings ("The Atomic Bomb",
#: "For Teachers"): short titles of other references of the split, with no closing stop.
SUBHEADING_SHARE = 0.2


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _format_entry(rng: random.Random, string: str, marker: str, wrap: int, hanging: int) -> list[str]:
    first = marker + string
    if not wrap or len(first) <= wrap:
        return [first]
    lines = textwrap.wrap(first, wrap, break_long_words=False, break_on_hyphens=False)
    return [lines[0], *(" " * hanging + line for line in lines[1:])]


def _field_lines(record: dict[str, Any]) -> list[str] | None:
    """A labelled reference string as a page that sets each part on its own line shows it: the
    authors (with a date right after them), the title, the rest; None when the string has no author
    and title segments to split at."""
    parts: list[list[str]] = [[], [], []]
    part = 0
    for label, text in record.get("segments", ()):
        if label == "title" and part == 0 and parts[0]:
            part = 1
        elif label and label not in ("title", "author", "date") and part < 2 and parts[part]:
            part = 2
        elif label == "author" and part > 0:
            return None  # names after the title (an editor, a translator): no clean split
        parts[part].append(text)
    lines = [" ".join("".join(p).split()) for p in parts]
    if not lines[0] or not lines[1]:
        return None
    return [line for line in lines if line]


def documents(
    data: Path,
    split: str,
    *,
    seed: int = 1033,
    fields: float = 0.0,
    subheadings: float = 0.0,
) -> Iterator[dict[str, Any]]:
    """Synthetic documents of one split: ``{"id", "text", "entries"}`` (entries as spans of text).

    A ``fields`` share of the bibliographies set each entry's authors, title and the rest on lines of
    their own, and a ``subheadings`` share of those with four entries or more put one or two topic
    subheadings between entries (each drawn from a generator of its own, so the other pages are the
    same whatever the shares)."""
    rng = random.Random(f"{seed}:{split}")
    by_field = random.Random(f"{seed}:{split}:fields")
    by_topic = random.Random(f"{seed}:{split}:topics")
    pages = _load(data / "pages" / f"{split}.jsonl")
    records = [r for f in sorted((data / "parser").glob(f"*-{split}.jsonl")) for r in _load(f)]
    rng.shuffle(records)
    strings = [r["string"] for r in records]
    topics = sorted(
        {
            t
            for r in records
            for label, text in r.get("segments", ())
            if label == "title" and len(t := " ".join(text.split()).rstrip(".,:;")) > 1 and len(t.split()) <= 6
        }
    )
    pos = 0
    for page in pages:
        if rng.random() < 0.35:
            continue  # some pages keep no bibliography at all
        lines = page["text"].rstrip("\n").split("\n")
        where = rng.random()
        k = rng.randint(1, 3) if where < 0.15 else rng.randint(3, 25)
        chosen = strings[pos : pos + k]
        chosen_records = records[pos : pos + k]
        pos = (pos + k) % max(1, len(strings) - 30)
        marker = rng.choice(_MARKERS)
        wrap = rng.choice((0, 0, 0, 72, 80, 96))
        hanging = rng.choice((0, 2, 4)) if wrap else 0
        blank_between = rng.random() < 0.35
        block: list[tuple[str, str]] = []  # (line, "start" | "more" | "other")
        if where >= 0.15 and rng.random() < 0.75:
            block += [("", "other"), (rng.choice(HEADINGS) + rng.choice(("", "", ":")), "other"), ("", "other")]
        per_field = by_field.random() < fields
        heads: set[int] = set()
        if topics and k >= 4 and by_topic.random() < subheadings:
            heads = set(by_topic.sample(range(1, k + 1), by_topic.randint(1, 2)))
        for n, (s, record) in enumerate(zip(chosen, chosen_records, strict=True), 1):
            if n in heads:
                block += [("", "other")] * by_topic.randint(0, 1) + [(by_topic.choice(topics), "other")]
            split_up = _field_lines(record) if per_field else None
            formatted = (
                [marker.format(n=n) + split_up[0], *split_up[1:]]
                if split_up
                else _format_entry(rng, s, marker.format(n=n), wrap, hanging)
            )
            for j, line in enumerate(formatted):
                block.append((line, "start" if j == 0 else "more"))
            if blank_between:
                block.append(("", "other"))
        if where < 0.15:
            at = min(len(lines), rng.randint(0, 8))  # a review's header list, near the top
        else:
            body = [i for i, line in enumerate(lines) if any(w in line for w in page["with"])]
            last = body[-1] + 1 if body else len(lines)
            at = min(len(lines), last + rng.randint(0, 3))
        new = lines[:at] + [line for line, _ in block] + lines[at:]
        text = "\n".join(new) + "\n"
        offsets = [0]
        for line in new:
            offsets.append(offsets[-1] + len(line) + 1)
        entries: list[list[int]] = []
        for k2, (line, role) in enumerate(block):
            i = at + k2
            start, end = offsets[i] + (len(line) - len(line.lstrip())), offsets[i] + len(line.rstrip())
            if role == "start":
                entries.append([start, end])
            elif role == "more":
                entries[-1][1] = end
        yield {"id": f"synthetic:{page['id']}", "text": text, "entries": entries}
