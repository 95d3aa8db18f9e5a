"""Where reference finding fails on GROBID's layout papers: bibliography lines missed and found wrongly,
by the block the library gave them and by cause.

    python bench/layout_errors.py [--split train] [--limit N] [--examples N] [--cause NAME]

A gold line (``ref`` in ``layout/{split}.jsonl``) is found as ``bench_documents.py`` scores it: entries
cover at least half of its non-blank characters; footnote lines count on neither side. Each missed
``ref`` line is put under the kind of block that covers most of it (``none``: no block, a line cleaning
removed) and a cause read from the line model's scores and the structure pass's own tests:

* ``after-end``: the line lies after the article-end model's cut (``LineScores.after_end``), where any
  prose line reads as chrome;
* ``chrome``: the chrome score alone is over its limit elsewhere;
* ``tag``: the line's own shape tags it furniture, a dateline, a byline;
* ``no-heading``: no bibliography heading and no entry the structure pass took opens the run the line is
  in (the closest block before it that is a heading or an entry is not of the bibliography);
* ``after-bib``: a bibliography was open before it (an entry lies closer above than any heading), so the
  bibliography stopped short;
* for false lines (found but not ``ref``): the gold label of the line.

Train split for analysis; the figures decide on dev.
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import bench_documents as bd  # noqa: E402

from corpus import PassageKind, source_from_text  # noqa: E402
from corpus.lines.furniture import page_furniture  # noqa: E402
from corpus.residue import find_residue  # noqa: E402
from corpus.structure import _is_bib_heading, _scored_lines, _split_lines, _Tag, find_blocks  # noqa: E402

BIB = PassageKind.BIBLIOGRAPHY_ENTRY


def analyse(doc: dict[str, Any], totals: Counter[str] | None = None) -> list[tuple[str, str, str, str]]:
    """(side, block kind, cause, line text) of each wrong line of ``doc`` (side: ``missed`` or ``false``);
    ``totals`` counts the gold, found and matched lines."""
    text = doc["text"]
    src = source_from_text(text, "doc")
    raw = src.raw
    removals, _ = find_residue(raw, src.id)
    removed = [(r.span.start, r.span.end) for r in removals]
    blocks = find_blocks(raw, src.id, removed)
    lines = _split_lines(raw, removed)
    furniture = page_furniture([ln.text for ln in lines], [raw[ln.end : ln.end + 1] == "\x0c" for ln in lines])
    scores, _refs, _image, _title = _scored_lines(raw, lines, furniture)
    starts = [ln.start for ln in lines]
    covered = bytearray(len(text))
    owner = [-1] * len(text)
    for k, bl in enumerate(blocks):
        s, e = bl.span.start, bl.span.end
        owner[s:e] = [k] * (e - s)
        if bl.kind is BIB:
            covered[s:e] = b"\x01" * (e - s)
    out = []
    for row in doc["lines"]:
        if row["label"] == "note":
            continue
        a, b = row["start"], row["end"]
        found = bd.line_found(text, covered, a, b)
        gold = row["label"] == "ref"
        if totals is not None:
            totals["gold"] += gold
            totals["found"] += found
            totals["matched"] += found and gold
        if found == gold:
            continue
        own = Counter(owner[k] for k in range(a, b) if not text[k].isspace())
        blk, _n = own.most_common(1)[0] if own else (-1, 0)
        kind = blocks[blk].kind.value if blk >= 0 else "none"
        if found:
            out.append(("false", kind, row["label"], text[a:b]))
            continue
        li = bisect_right(starts, a) - 1
        s = scores[li] if 0 <= li < len(scores) else None
        ln = lines[li]
        if s is not None and s.after_end and kind == "furniture":
            cause = "after-end"
        elif kind == "furniture" and ln.tag == _Tag.FURNITURE:
            cause = "tag"
        elif kind == "furniture":
            cause = "chrome"
            other = next(
                (
                    bl
                    for bl in reversed(blocks[: blk if blk >= 0 else 0])
                    if bl.kind not in (PassageKind.PARAGRAPH, PassageKind.FURNITURE)
                ),
                None,
            )
            if other is not None and other.kind is BIB:
                cause += "+after-entry"
        elif kind in ("dateline", "byline", "keywords", "credit", "caption"):
            cause = "tag"
        else:
            before = next(
                (bl for bl in reversed(blocks[: blk if blk >= 0 else 0]) if bl.kind in (BIB, PassageKind.HEADING)),
                None,
            )
            cause = "after-bib" if before is not None and before.kind is BIB else "no-heading"
            if blk >= 0 and blocks[blk].kind is PassageKind.PARAGRAPH:
                bs, be = blocks[blk].span.start, blocks[blk].span.end
                if any(_is_bib_heading(t.strip()) for t in raw[bs:be].split("\n")[1:]):
                    cause += "+heading-inside"
            if s is not None and s.after_end:
                cause += "+after-end"
        out.append(("missed", kind, cause, text[a:b]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="train")
    ap.add_argument("--limit", type=int, default=0, help="read this many papers only")
    ap.add_argument("--examples", type=int, default=0, help="print this many lines per (side, kind, cause)")
    ap.add_argument("--cause", default="", help="print examples of this 'side/kind/cause' only")
    args = ap.parse_args()
    counts: Counter[tuple[str, str, str]] = Counter()
    per_doc: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    docs = bd.load(bd.DATA / "layout" / f"{args.split}.jsonl")
    if args.limit:
        docs = docs[: args.limit]
    totals: Counter[str] = Counter()
    for doc in docs:
        for side, kind, cause, line in analyse(doc, totals):
            key = (side, kind, cause)
            counts[key] += 1
            per_doc[key][doc["id"]] += 1
            if len(examples[key]) < args.examples and (not args.cause or args.cause == "/".join(key)):
                examples[key].append(f"{doc['id'][:30]}: {line[:110]}")
    p = bd.prf(totals["matched"], totals["found"], totals["gold"])
    print(f"{args.split}: {totals['gold']} gold lines, {totals['found']} found, {totals['matched']} matched;", end=" ")
    print(f"P / R / F1 {p['p']:.3f} / {p['r']:.3f} / {p['f1']:.3f}")
    for key, n in counts.most_common():
        print(f"{n:6d}  {'/'.join(key):40s} in {len(per_doc[key])} papers")
        for ex in examples[key]:
            print("          ", ex)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
