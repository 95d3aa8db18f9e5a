"""Web-like documents with bibliographies, built from two public sets of one split.

The AnyStyle finder documents are dissertations as text from PDF; the pages the library reads are
mostly scraped web pages. To learn and measure reference finding on that genre too, each page of a
split's ``pages`` file gets, with a fixed seed, a block of that split's labelled reference strings
(``parser``): under a bibliography heading or none, plain, bulleted or numbered, one per line or
wrapped with or without a hanging indent, placed after the main text, before the footer, or (as a
review's header) before the body. The gold entries are the inserted strings' spans. Only ``train``
files make training documents and only ``dev``/``test`` files make measuring documents.
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


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _format_entry(rng: random.Random, string: str, marker: str, wrap: int, hanging: int) -> list[str]:
    first = marker + string
    if not wrap or len(first) <= wrap:
        return [first]
    lines = textwrap.wrap(first, wrap, break_long_words=False, break_on_hyphens=False)
    return [lines[0], *(" " * hanging + line for line in lines[1:])]


def documents(data: Path, split: str, *, seed: int = 1033) -> Iterator[dict[str, Any]]:
    """Synthetic documents of one split: ``{"id", "text", "entries"}`` (entries as spans of text)."""
    rng = random.Random(f"{seed}:{split}")
    pages = _load(data / "pages" / f"{split}.jsonl")
    strings = [r["string"] for f in sorted((data / "parser").glob(f"*-{split}.jsonl")) for r in _load(f)]
    rng.shuffle(strings)
    pos = 0
    for page in pages:
        if rng.random() < 0.35:
            continue  # some pages keep no bibliography at all
        lines = page["text"].rstrip("\n").split("\n")
        where = rng.random()
        k = rng.randint(1, 3) if where < 0.15 else rng.randint(3, 25)
        chosen = strings[pos : pos + k]
        pos = (pos + k) % max(1, len(strings) - 30)
        marker = rng.choice(_MARKERS)
        wrap = rng.choice((0, 0, 0, 72, 80, 96))
        hanging = rng.choice((0, 2, 4)) if wrap else 0
        blank_between = rng.random() < 0.35
        block: list[tuple[str, str]] = []  # (line, "start" | "more" | "other")
        if where >= 0.15 and rng.random() < 0.75:
            block += [("", "other"), (rng.choice(HEADINGS) + rng.choice(("", "", ":")), "other"), ("", "other")]
        for n, s in enumerate(chosen, 1):
            for j, line in enumerate(_format_entry(rng, s, marker.format(n=n), wrap, hanging)):
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
