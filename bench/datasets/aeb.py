"""Zyte's article extraction benchmark as pages with every line labelled body or chrome.

github scrapinghub/article-extraction-benchmark (MIT): 181 news and blog pages (most in English), ``html/<id>.html.gz``,
and ``ground-truth.json`` giving each page's ``articleBody`` as annotators wrote it (paragraphs separated by
blank lines; the headline, byline, captions and everything around the article left out).

Each page becomes the plain text a naive scraper writes (``documents.html_to_text``, as for trafilatura's
pages) and every line of it gets a label from the article body, by whole lines only:

* ``body`` (0): the line is one of the body's paragraphs, or at least ``LONG`` characters and inside the body
  text (a paragraph the page splits in two, or joins with its neighbour);
* ``chrome`` (1): the line is nowhere in the body, also compared loosely (case, punctuation and blanks
  folded, since the annotators' text and the page's differ in quotes and spacing), and, when it has at least
  ``SHINGLE`` words, less than half of its word ``SHINGLE``-grams are in the body;
* unlabelled: the rest (a short line that also occurs inside the body, say "Share" or "Photo"), and the
  page's ``<h1>`` lines, since the gold leaves the headline out although a reader's main text keeps it.

Rows: ``pages-aeb/{split}.jsonl`` with ``{"id" (the URL), "source", "text", "with", "without",
"line_labels": [[line index, 0|1], ...]}``. ``with``: the body's paragraphs of at least ``CHECK_WORDS``
words found in the page text; ``without``: the chrome lines of at least ``CHECK_WORDS`` words (shorter ones
are too often a substring of some body sentence for a substring check). Splits are 60/20/20 by the SHA-1 of
the URL.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from lxml import html as lxml_html

REPO_NAME = "scrapinghub+article-extraction-benchmark"
#: A line at least this long that lies inside the body text is body, even when it is no whole paragraph.
LONG = 40
#: Word n-grams read for a long line that is not inside the body as a whole.
SHINGLE = 5
#: Strings for the page checks have at least this many words.
CHECK_WORDS = 4

_LOOSE = re.compile(r"[\W_]+")


class _Snapshot(Protocol):
    def files(self, prefix: str) -> list[str]: ...
    def read(self, path: str) -> bytes: ...


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text.replace("\xad", "")).split())


def _loose(text: str) -> str:
    return " " + " ".join(_LOOSE.sub(" ", text.casefold()).split()) + " "


def _shingles(words: list[str]) -> list[str]:
    return [" " + " ".join(words[i : i + SHINGLE]) + " " for i in range(len(words) - SHINGLE + 1)]


def page_headlines(data: bytes, decode: Callable[[bytes], str]) -> set[str]:
    text = decode(data)
    if not text.strip():
        return set()
    root = lxml_html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", text, count=1))
    return {_norm(h.text_content()) for h in root.iter("h1")} - {""}


def headlines_in(lines: list[str], heads: set[str]) -> list[str]:
    """The page's ``<h1>`` texts that are a whole line of its text (normalised), in page order: the gold
    of the page-title row of ``bench_documents.py``."""
    return list(dict.fromkeys(n for n in (_norm(line) for line in lines) if n in heads))


def label_lines(lines: list[str], body: str, headlines: set[str]) -> list[int | None]:
    """Each line's label: 0 (body), 1 (chrome) or None (not decided by the gold)."""
    paragraphs = {_norm(p) for p in body.split("\n")} - {""}
    flat = _norm(body)
    loose = _loose(body)
    out: list[int | None] = []
    for line in lines:
        text = _norm(line)
        if text in headlines:
            out.append(None)
        elif text in paragraphs or (len(text) >= LONG and text in flat):
            out.append(0)
        elif _loose(text) in loose:
            out.append(None)
        else:
            words = _loose(text).split()
            grams = _shingles(words)
            inside = sum(g in loose for g in grams)
            out.append(1 if not grams or inside * 2 < len(grams) else None)
    return out


def convert(
    snap: _Snapshot,
    out: Path,
    counts: Counter[str],
    split_of: Callable[[str], str],
    writer: Any,
    html_to_text: Callable[[bytes], str],
    decode: Callable[[bytes], str],
) -> None:
    """Write ``pages-aeb/`` under out and add its counts."""
    gold = json.loads(snap.read("ground-truth.json"))
    rows = writer(out / "pages-aeb")
    for key in sorted(gold):
        item = gold[key]
        data = gzip.decompress(snap.read(f"html/{key}.html.gz"))
        text = html_to_text(data)
        lines = text.rstrip("\n").split("\n") if text else []
        body = item.get("articleBody") or ""
        if not lines or not body.strip():
            counts["pages-aeb dropped: no text or no article body"] += 1
            continue
        heads = page_headlines(data, decode)
        labels = label_lines(lines, body, heads)
        flat = _norm(text)
        with_ = [p for p in dict.fromkeys(_norm(p) for p in body.split("\n")) if len(p.split()) >= CHECK_WORDS]
        with_ = [p for p in with_ if p in flat]
        without = list(dict.fromkeys(_norm(line) for line, lab in zip(lines, labels, strict=True) if lab == 1))
        without = [s for s in without if len(s.split()) >= CHECK_WORDS]
        if not with_:
            counts["pages-aeb dropped: no body paragraph found in the page text"] += 1
            continue
        split = split_of(item["url"])
        row = {
            "id": item["url"],
            "source": f"article-extraction-benchmark:html/{key}.html.gz",
            "text": text,
            "with": with_,
            "without": without,
            "line_labels": [[i, lab] for i, lab in enumerate(labels) if lab is not None],
            "headlines": headlines_in(lines, heads),
        }
        rows.add("", split, row)
        counts[f"pages-aeb {split} pages"] += 1
        counts[f"pages-aeb {split} with"] += len(with_)
        counts[f"pages-aeb {split} without"] += len(without)
        counts[f"pages-aeb {split} lines body"] += labels.count(0)
        counts[f"pages-aeb {split} lines chrome"] += labels.count(1)
        counts[f"pages-aeb {split} lines unlabelled"] += labels.count(None)
    rows.write()
    (out / "pages-aeb" / "LICENSE-article-extraction-benchmark.txt").write_bytes(snap.read("LICENSE"))
