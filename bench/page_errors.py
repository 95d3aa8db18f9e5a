"""Where the page checks fail: every failing must-appear / must-not-appear string of a page set, by class.

    python bench/page_errors.py [--split train] [--folder pages|pages-aeb] [--json FILE] [--pages N]

For each failing string (as ``bench_documents.py --pages-only`` scores it), the lines of the page it covers
(the first occurrence, whitespace folded), their block kind and what the line model says of them: the chrome
score, and where the line stands (``after``: after the article-end model's cut, ``before``: before the
article-start model's start, ``core``: in the body core, ``out``: none of these). The gold article is the span
from the first to the last line holding a must-appear string (Zyte's pages: labelled body line); a string
lies ``before``, ``inside`` or ``after`` it. Prints the counts by (check, place, kind) and by (check, position
against the gold article), and the pages with most failures. Train split for error analysis; the
figures decide on dev.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_documents import DATA, _as_read, load  # noqa: E402

import corpus.structure as structure  # noqa: E402
from corpus import PassageKind, analyze, source_from_text  # noqa: E402
from corpus.lines.model import LineScores  # noqa: E402

BODY_KINDS = frozenset(
    {PassageKind.TITLE, PassageKind.HEADING, PassageKind.PARAGRAPH, PassageKind.LIST_ITEM, PassageKind.CAPTION}
)


def _norm(s: str) -> str:
    return " ".join(s.split())


def analysed(text: str) -> tuple[Any, list[LineScores | None]]:
    """The document and the line scores corpus.structure read for it."""
    seen: list[list[LineScores | None]] = []
    score_lines = structure.score_lines

    def spy(*args: Any, **kwargs: Any) -> list[LineScores | None]:
        out = score_lines(*args, **kwargs)
        seen.append(out)
        return out

    structure.score_lines = spy  # type: ignore[assignment]
    try:
        doc = analyze(source_from_text(text, "page"))
    finally:
        structure.score_lines = score_lines
    return doc, seen[-1]


def _place(s: LineScores | None) -> str:
    if s is None:
        return "blank"
    return "after" if s.after_end else "before" if s.before_start else "core" if s.in_core else "out"


def gold_span(row: dict[str, Any], flat: list[str]) -> tuple[int, int] | None:
    """The first and last line of the gold article (None: no line holds it)."""
    if "line_labels" in row:
        body = [i for i, lab in row["line_labels"] if lab == 0]
    else:
        body = [i for s in row["with"] for i, line in enumerate(flat) if _norm(s) in line]
    return (min(body), max(body)) if body else None


def page_failures(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The failing strings of one page, each with the lines it covers."""
    text = row["text"]
    doc, scores = analysed(text)
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    kind: list[str] = ["-"] * len(lines)
    for p in doc.passages:
        if p.parent is None:
            a = bisect.bisect_right(starts, p.span.start) - 1
            b = bisect.bisect_right(starts, max(p.span.start, p.span.end - 1)) - 1
            for i in range(a, b + 1):
                kind[i] = p.kind.value
    body = " ".join(
        _norm(_as_read(text, p, PassageKind.LIST_ITEM))
        for p in doc.passages
        if p.kind in BODY_KINDS and p.parent is None
    )
    # The page's text folded as the checks read it, with the line of each character.
    chars: list[str] = []
    line_of: list[int] = []
    for i, line in enumerate(lines):
        folded = _norm(line)
        if not folded:
            continue
        if chars:
            chars.append(" ")
            line_of.append(i)
        chars.extend(folded)
        line_of.extend([i] * len(folded))
    page = "".join(chars)
    gold = gold_span(row, [_norm(line) for line in lines])
    out = []
    for check, strings, fails in (("with", row["with"], False), ("without", row["without"], True)):
        for s in strings:
            key = _norm(s)
            if (key in body) != fails:
                continue
            at = page.find(key)
            covered = sorted(set(line_of[at : at + len(key)])) if at >= 0 else []
            where = "?"
            if covered and gold is not None:
                where = "before" if covered[-1] < gold[0] else "after" if covered[0] > gold[1] else "inside"
            out.append(
                {
                    "page": row["id"],
                    "check": check,
                    "string": s,
                    "gold": where,
                    "lines": [
                        {
                            "line": i,
                            "kind": kind[i],
                            "place": _place(scores[i]),
                            "chrome": round(sc.chrome, 3) if (sc := scores[i]) is not None else None,
                            "text": lines[i][:120],
                        }
                        for i in covered
                    ],
                }
            )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="train")
    ap.add_argument("--folder", default="pages", choices=("pages", "pages-aeb"))
    ap.add_argument("--json", type=Path, help="write every failure here")
    ap.add_argument("--pages", type=int, default=10, help="list this many pages with most failures")
    args = ap.parse_args()
    rows = load(DATA / args.folder / f"{args.split}.jsonl")
    failures = [f for row in rows for f in page_failures(row)]
    checks = sum(len(r["with"]) + len(r["without"]) for r in rows)
    print(f"{args.folder} {args.split}: {len(rows)} pages, {checks} checks, {len(failures)} failing")
    by_place: Counter[tuple[str, str, str]] = Counter()
    by_gold: Counter[tuple[str, str]] = Counter()
    pages: Counter[str] = Counter()
    for f in failures:
        first = f["lines"][0] if f["lines"] else {"place": "?", "kind": "?"}
        by_place[f["check"], first["place"], first["kind"]] += 1
        by_gold[f["check"], f["gold"]] += 1
        pages[f["page"]] += 1
    print("\n| check | place | kind | strings |\n| --- | --- | --- | ---: |")
    for (check, place, kind), n in by_place.most_common():
        print(f"| {check} | {place} | {kind} | {n} |")
    print("\n| check | against the gold article | strings | pages |\n| --- | --- | ---: | ---: |")
    for (check, where), n in by_gold.most_common():
        n_pages = len({f["page"] for f in failures if f["check"] == check and f["gold"] == where})
        print(f"| {check} | {where} | {n} | {n_pages} |")
    print("\npages with most failures:")
    for page, n in pages.most_common(args.pages):
        print(f"  {n:4d} {page}")
    if args.json:
        args.json.write_text(json.dumps(failures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
