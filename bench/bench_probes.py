"""Super-linear probes (issue 13): hostile inputs at size n and 2n through every parser; CPU ratio.

    python bench/bench_probes.py [--size 40000] [--long-size 4000000] [--json FILE] [--only NAME,...]

Each probe builds an input that would trigger catastrophic backtracking or a pairwise step ("A. "
repeated, long runs of dots, brackets, semicolons, dashes, capitals, initials, quotes, tiny lines,
thousands of near-duplicate references), runs one entry point on it at ``size`` and at twice
``size``, and reports the CPU seconds of both and their ratio. Time linear in the input gives a ratio
near 2; a quadratic step gives 4. A probe over ``--limit`` seconds at the small size is stopped and
reported as such (the doubled run is skipped). Timings are CPU seconds in this process, best of
``--repeat`` runs, so other load on the machine counts little.

Long-line probes run ``corpus.analyze`` on one line of ``--long-size`` characters and twice that
(no newline: prose sentences, and one word): past the megabyte pieces of ``corpus.longlines``, so
the rows show that a line of any length costs time and memory in proportion to it. Their rows also
give the peak of Python memory during the run (``tracemalloc``, a separate untimed run) per input
character.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotate import AnnotateError, build_references, extract_facets, parse_claims, read_tei  # noqa: E402
from bibliography import Reference, deduplicate, from_bibtex, parse_reference, parse_references  # noqa: E402
from corpus import analyze, source_from_text, split_sentences  # noqa: E402


def repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


#: name -> text of about n characters.
TEXTS: dict[str, Callable[[int], str]] = {
    "initials 'A. '": lambda n: repeat_to("A. ", n),
    "dots": lambda n: "." * n,
    "open brackets": lambda n: "(" * n,
    "nested brackets": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "square brackets": lambda n: repeat_to("[1] ", n),
    "semicolons": lambda n: ";" * n,
    "dashes": lambda n: repeat_to("- – — ", n),
    "capitals": lambda n: repeat_to("ABCDEFG ", n),
    "name list": lambda n: repeat_to("Smith, J., ", n),
    "years": lambda n: repeat_to("(1990). ", n),
    "open quotes": lambda n: repeat_to("“a ‘b ", n),
    "colons": lambda n: repeat_to("A: B ", n),
    "tiny lines": lambda n: repeat_to("a\n", n),
    "one long word": lambda n: "x" * n,
}


#: Prose sentences (names, dates, initials, a citation) for the long-line probes.
PROSE = (
    "In 1933 the government of the United States recognised the Soviet Union, after years of talks. "
    "Maxim Litvinov, the Soviet commissar, met Franklin D. Roosevelt in Washington on Nov. 16, 1933. "
    "Critics said the deal (see Smith, J., 1990, pp. 12-14) ignored the famine; others disagreed! "
)

#: name -> text of about n characters on one line, for ``corpus.analyze`` at ``--long-size``.
LONG_TEXTS: dict[str, Callable[[int], str]] = {
    "one line of prose": lambda n: repeat_to(PROSE, n),
    "one line of one word": lambda n: "x" * n,
}


def _analyze(text: str) -> None:
    analyze(source_from_text(text, "probe"))


def _refs(text: str) -> None:
    build_references([analyze(source_from_text(text, "probe"))])


def _bibtex(text: str) -> None:
    from_bibtex("@book{k, title={" + text.replace("{", "(").replace("}", ")") + "}, year=1990}")


def _tei(text: str) -> None:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    body = f"<p>{escaped}</p>"
    # The probe times the reader, which may refuse TEI it did not write; refusing is an answer too.
    with contextlib.suppress(AnnotateError):
        read_tei(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title>'
            "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
            f"</fileDesc></teiHeader><text><body>{body}</body></text></TEI>"
        )


#: name -> function of a text (each entry point on the probe's text).
ENTRY_POINTS: dict[str, Callable[[str], Any]] = {
    "corpus.analyze": _analyze,
    "split_sentences": split_sentences,
    "build_references": _refs,
    "parse_reference": parse_reference,
    "extract_facets": extract_facets,
    "parse_claims": lambda t: parse_claims(t.replace("\n", " ") or "x"),
    "from_bibtex": _bibtex,
    "read_tei": _tei,
}


def near_duplicates(n: int) -> list[Reference]:
    """``n`` references that differ in one word or a year: the worst case for pairwise de-duplication."""
    lines = [
        f"Smith, John. The History of Things, Volume {k % 97}. New York: Press, {1900 + k % 100}." for k in range(n)
    ]
    return parse_references(lines)


def cpu(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def peak_per_char(fn: Callable[[], Any], chars: int) -> float:
    """Peak Python memory (tracemalloc) while ``fn`` runs, in bytes per input character."""
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        fn()
        return (tracemalloc.get_traced_memory()[1] - base) / chars
    finally:
        tracemalloc.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=40_000, help="characters of the smaller input")
    ap.add_argument("--long-size", type=int, default=4_000_000, help="characters of the smaller long line")
    ap.add_argument("--refs", type=int, default=2_000, help="near-duplicate references of the smaller input")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--limit", type=float, default=20.0, help="seconds: a slower small run is reported, not doubled")
    ap.add_argument("--only", default="", help="comma-separated entry points to run")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    rows: list[dict[str, Any]] = []
    for entry, fn in ENTRY_POINTS.items():
        if only and entry not in only:
            continue
        for probe, make in TEXTS.items():
            small, large = make(args.size), make(2 * args.size)
            t1 = cpu(lambda s=small, f=fn: f(s), args.repeat)  # type: ignore[misc]
            t2 = cpu(lambda s=large, f=fn: f(s), args.repeat) if t1 < args.limit else float("nan")  # type: ignore[misc]
            rows.append(
                {
                    "entry": entry,
                    "probe": probe,
                    "chars": len(small),
                    "t1": t1,
                    "t2": t2,
                    "ratio": t2 / t1 if t1 else 0.0,
                }
            )
    if not only or "deduplicate" in only:
        a, b = near_duplicates(args.refs), near_duplicates(2 * args.refs)
        t1, t2 = cpu(lambda: deduplicate(a), args.repeat), cpu(lambda: deduplicate(b), args.repeat)
        rows.append(
            {
                "entry": "deduplicate",
                "probe": "near-duplicate references",
                "chars": args.refs,
                "t1": t1,
                "t2": t2,
                "ratio": t2 / t1 if t1 else 0.0,
            }
        )
    if not only or "corpus.analyze" in only:
        for probe, make in LONG_TEXTS.items():
            small, large = make(args.long_size), make(2 * args.long_size)
            t1 = cpu(lambda s=small: _analyze(s), 1)  # type: ignore[misc]
            t2 = cpu(lambda s=large: _analyze(s), 1)  # type: ignore[misc]
            peak = peak_per_char(lambda s=large: _analyze(s), len(large))  # type: ignore[misc]
            rows.append(
                {
                    "entry": "corpus.analyze",
                    "probe": f"{probe} (peak {peak:.1f} B/char at 2n)",
                    "chars": len(small),
                    "t1": t1,
                    "t2": t2,
                    "ratio": t2 / t1 if t1 else 0.0,
                    "peak_bytes_per_char": peak,
                }
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    print(f"## Super-linear probes (input n and 2n; CPU seconds, best of {args.repeat})\n")
    print("| entry point | probe | n | CPU s at n | CPU s at 2n | ratio |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['entry']} | {r['probe']} | {r['chars']:,} | {r['t1']:.3f} | {r['t2']:.3f} | {r['ratio']:.2f} |")
    worst = max((r for r in rows if r["t1"] >= 0.05), key=lambda r: r["ratio"], default=None)
    if worst:
        print(f"\nworst ratio among probes over 0.05 s: {worst['ratio']:.2f} ({worst['entry']}, {worst['probe']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
