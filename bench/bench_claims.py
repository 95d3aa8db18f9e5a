"""Claim-checking benchmark: label accuracy, evidence recall and latency on a gold claim set.

    python bench/bench_claims.py                      # bench/data/claims_gold.jsonl, embedded corpus
    python bench/bench_claims.py --gold FILE --corpus PATH [--corpus PATH ...] [--errors]

The gold file has one JSON object per line: ``id``, ``claim``, ``label`` (SUPPORTED | REFUTED |
NOT_ENOUGH_INFO) and ``evidence`` (the passage ids that should be quoted; empty for claims the
sources do not cover). Printed as markdown:

* label accuracy, overall and per gold label, and the confusion matrix (rows: gold, columns: verdict);
* evidence recall@k for k = 1 and 3 over claims whose gold evidence is not empty: a claim's
  recall@k is ``|gold ∩ top-k| / min(k, |gold|)``, where top-k are the first k distinct passage ids
  of the verdict's evidence (in verdict order: the evidence for its label first);
* check latency p50 / p95 / max per claim (after the checker is built; the first claims also fill
  the per-paragraph caches, so the cold build and the first check are reported separately).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from annotate.claims.checker import Checker  # noqa: E402
from annotate.references import build_references  # noqa: E402
from corpus.analyze import analyze  # noqa: E402
from corpus.load import load  # noqa: E402

LABELS = ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(REPO / "bench" / "data" / "claims_gold.jsonl"))
    parser.add_argument("--corpus", action="append", default=[], metavar="PATH")
    parser.add_argument("--errors", action="store_true", help="list the claims with a wrong label")
    args = parser.parse_args(argv)

    gold = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    t0 = time.perf_counter()
    docs = [analyze(s) for s in load(args.corpus)]
    refs = build_references(docs)
    t1 = time.perf_counter()
    checker = Checker(docs, refs)
    t2 = time.perf_counter()

    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    latencies: list[float] = []
    recall: dict[int, list[float]] = {1: [], 3: []}
    errors: list[str] = []
    for row in gold:
        verdict, seconds = checker.timed_check(checker.make_claim(row["claim"], row["id"]))
        latencies.append(seconds)
        confusion[row["label"]][verdict.label.value] += 1
        if verdict.label.value != row["label"]:
            errors.append(f"{row['id']}: gold {row['label']}, got {verdict.label.value}: {verdict.explanation}")
        wanted = set(row.get("evidence") or [])
        if wanted:
            ranked = list(dict.fromkeys(e.passage for e in verdict.evidence))
            for k, values in recall.items():
                values.append(len(wanted & set(ranked[:k])) / min(k, len(wanted)))

    n = len(gold)
    correct = sum(confusion[g][g] for g in LABELS)
    print(f"# Claim checking: {n} gold claims, {len(docs)} sources, {sum(len(d.sentences) for d in docs)} sentences\n")
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| label accuracy | {correct / n:.3f} ({correct}/{n}) |")
    for g in LABELS:
        total = sum(confusion[g].values())
        if total:
            print(f"| accuracy on {g} | {confusion[g][g] / total:.3f} ({confusion[g][g]}/{total}) |")
    for k, values in recall.items():
        if values:
            print(f"| evidence recall@{k} | {statistics.mean(values):.3f} (over {len(values)} claims) |")
    print(f"| check latency p50 | {1000 * percentile(latencies, 0.5):.1f} ms |")
    print(f"| check latency p95 | {1000 * percentile(latencies, 0.95):.1f} ms |")
    print(f"| check latency max | {1000 * max(latencies):.1f} ms (first check: {1000 * latencies[0]:.1f} ms) |")
    print(f"| load + analyze + references | {1000 * (t1 - t0):.0f} ms |")
    print(f"| checker build (aliases, index) | {1000 * (t2 - t1):.0f} ms |")
    print("\n| gold \\ verdict | " + " | ".join(LABELS) + " |")
    print("| --- |" + " --- |" * len(LABELS))
    for g in LABELS:
        print(f"| {g} | " + " | ".join(str(confusion[g][p]) for p in LABELS) + " |")
    if args.errors and errors:
        print("\n## Wrong labels\n")
        for line in errors:
            print(f"- {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
