"""Benchmark of corpus.segment against pySBD and sentencex.

Usage: python bench/bench_segment.py [--mb N] [--pysbd-mb M]

Prints, for the three segmenters:
- the English Golden Rules score (48 cases, segments compared after strip(), as pySBD's own test);
- the seed gold score: gold sentences of tests/data/seed_sentences.json reproduced exactly (and
  paragraphs reproduced entirely);
- throughput in MB/s (UTF-8 bytes per CPU second) on the same prose in the same run: a corpus of
  N MB (default 20) built by deterministically shuffling and repeating the seed paragraphs and the
  golden-rule texts, each segmenter called once per paragraph. pySBD is timed on the first M MB
  only (default 1) because it is about a hundred times slower.

CPU time (time.process_time) is used rather than wall time so a busy machine skews the figures
less. pysbd and sentencex are bench extras (pip install citetrace[bench]), imported here only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.segment import sentences  # noqa: E402

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "data" / "golden_rules_en.json"
SEED_GOLD = ROOT / "tests" / "data" / "seed_sentences.json"

Segmenter = Callable[[str], list[str]]


def load_segmenters() -> dict[str, Segmenter]:
    segs: dict[str, Segmenter] = {"citetrace": sentences}
    try:
        import pysbd  # type: ignore[import-untyped]  # noqa: PLC0415 - optional peer, measured when installed

        pysbd_seg = pysbd.Segmenter(language="en", clean=False)
        segs["pysbd"] = lambda text: [str(s) for s in pysbd_seg.segment(text)]
    except ImportError:
        print("pysbd not installed: skipped", file=sys.stderr)
    try:
        import sentencex  # type: ignore[import-untyped]  # noqa: PLC0415 - optional peer, measured when installed

        segs["sentencex"] = lambda text: list(sentencex.segment("en", text))
    except ImportError:
        print("sentencex not installed: skipped", file=sys.stderr)
    return segs


def golden_score(seg: Segmenter, cases: list[dict[str, object]]) -> tuple[int, list[int]]:
    ok, failed = 0, []
    for case in cases:
        got = [s.strip() for s in seg(str(case["text"]))]
        got = [s for s in got if s]
        if got == case["expected"]:
            ok += 1
        else:
            failed.append(int(str(case["id"])))
    return ok, failed


def seed_score(seg: Segmenter, gold: list[dict[str, object]]) -> tuple[int, int, int]:
    """(gold sentences found exactly, total gold sentences, paragraphs entirely right)."""
    found = total = whole = 0
    for para in gold:
        expected = [str(s) for s in para["sentences"]]  # type: ignore[attr-defined]
        got = [s.strip() for s in seg(str(para["paragraph"]))]
        got = [s for s in got if s]
        counts = Counter(got)
        for sent in expected:
            total += 1
            if counts[sent] > 0:
                counts[sent] -= 1
                found += 1
        whole += got == expected
    return found, total, whole


def build_corpus(units: list[str], mb: float) -> list[str]:
    rng = random.Random(20240601)
    target = int(mb * 1_000_000)
    out: list[str] = []
    size = 0
    pool = list(units)
    while size < target:
        rng.shuffle(pool)
        for u in pool:
            out.append(u)
            size += len(u.encode("utf-8"))
            if size >= target:
                break
    return out


def throughput(seg: Segmenter, paragraphs: list[str]) -> tuple[float, int]:
    nbytes = sum(len(p.encode("utf-8")) for p in paragraphs)
    t0 = time.process_time()
    count = 0
    for p in paragraphs:
        count += len(seg(p))
    dt = time.process_time() - t0
    return nbytes / 1e6 / dt, count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--pysbd-mb", type=float, default=1.0, help="slice timed for pySBD (default 1)")
    args = ap.parse_args()

    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    segs = load_segmenters()

    units = [str(p["paragraph"]) for p in gold] + [str(c["text"]) for c in golden]
    corpus = build_corpus(units, args.mb)
    nbytes = sum(len(p.encode("utf-8")) for p in corpus)
    slice_ = build_corpus(units, min(args.pysbd_mb, args.mb))
    print(
        f"corpus: {nbytes / 1e6:.1f} MB in {len(corpus)} paragraphs "
        f"(seed paragraphs + golden-rule texts, shuffled); pySBD timed on the first "
        f"{min(args.pysbd_mb, args.mb):g} MB"
    )

    rows = []
    for name, seg in segs.items():
        g_ok, g_failed = golden_score(seg, golden)
        s_found, s_total, s_whole = seed_score(seg, gold)
        mbs, _ = throughput(seg, slice_ if name == "pysbd" else corpus)
        rows.append((name, g_ok, len(golden), g_failed, s_found, s_total, s_whole, len(gold), mbs))

    print()
    print("| segmenter | golden rules | seed gold sentences | seed paragraphs exact | MB/s (CPU) |")
    print("| --- | --- | --- | --- | --- |")
    for name, g_ok, g_n, _, s_found, s_total, s_whole, p_n, mbs in rows:
        timed = f" ({min(args.pysbd_mb, args.mb):g} MB slice)" if name == "pysbd" else ""
        print(f"| {name} | {g_ok}/{g_n} | {s_found}/{s_total} | {s_whole}/{p_n} | {mbs:.2f}{timed} |")
    print()
    for row in rows:
        if row[3]:
            print(f"{row[0]} fails golden rules {row[3]}")


if __name__ == "__main__":
    main()
