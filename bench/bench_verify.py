"""Claim verification benchmark on public claim sets and the seeds' own claims (issue 11).

    python bench/bench_verify.py [--split dev|test] [--sets climate-fever,fever,fever-symmetric,fm2,scifact,seeds]
                                 [--settings gold,retrieval] [--limit N] [--json FILE] [--predictions FILE]
                                 [--verifier nli:DIR ...]

Data: ``bench/data/public/claims`` (``bench/datasets/claims.py``; see bench/data/CLAIMS.md) and
``bench/data/claims_gold.jsonl`` (the seeds' claims, checked against the embedded corpus). Settings:

* **gold**: each claim is checked against a corpus made of its own evidence sentences only (grouped
  into one document per source article);
* **gold abstracts** (sets that ship their documents, SciFact): the same with the cited documents whole;
* **retrieval**: each claim is checked against one corpus made of the evidence sentences of every claim
  of the split, so the other claims' evidence are distractors the checker must not be fooled by.

For every set and setting, in the same run: the library's checker (rule decision, the default, and the
learned stance model, ``decision="learned"``, where any support wins; the same stances weighed with the
facet rules by the learned claim-level model, ``decision="combined"``), the majority class of the set's
``train`` split, and a BM25-overlap baseline (the top BM25 sentence; SUPPORTED when at least
``--overlap`` of the claim's content stems occur in it, else NOT_ENOUGH_INFO). Reported: label
accuracy, macro-F1 over the gold labels present, per-label precision/recall/F1, the confusion matrix
(rows gold, columns predicted) and check latency p50/p95 per claim. Each ``--verifier SPEC`` (for example
``nli:DIR``, a folder ``bench/train_nli.py`` writes) adds two systems: the checker with that verifier alone
deciding every related passage, and ``layered+SPEC``, the verifier asked only where the rules do not commit
(what ``annotate check --verifier nli:DIR`` runs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotate import Checker, EvidenceIndex, build_references  # noqa: E402
from annotate.claims.verifier import Verifier as PassageVerifier  # noqa: E402
from annotate.claims.verifier import load_verifier  # noqa: E402
from annotate.claims.words import content_stems  # noqa: E402
from corpus import Document, analyze, load, source_from_text  # noqa: E402

LABELS = ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO")
DATA = REPO / "bench" / "data" / "public" / "claims"
Verifier = Callable[[str], str]


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _doc_id(name: str, k: int) -> str:
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in name.lower())[:40].strip("-") or "doc"
    return f"d{k}-{slug}"


def documents(items: Iterable[dict[str, Any]]) -> list[Document]:
    """One analysed document per evidence source: its title, then its distinct sentences as a paragraph."""
    by_doc: dict[str, dict[str, None]] = {}
    for item in items:
        for ev in item["evidence"]:
            by_doc.setdefault(ev["doc"], {})[" ".join(ev["text"].split())] = None
    return [
        analyze(source_from_text(f"{name}\n\n" + "\n\n".join(sentences) + "\n", _doc_id(name, k)))
        for k, (name, sentences) in enumerate(sorted(by_doc.items()))
    ]


def abstracts(item: dict[str, Any], corpus: dict[str, dict[str, Any]]) -> list[Document]:
    """The whole cited documents of a claim (title, then its sentences as one paragraph), for sets
    that ship their documents (SciFact): a definition or context outside the rationale stays in."""
    out = []
    for k, doc_id in enumerate(dict.fromkeys(str(ev["doc"]) for ev in item["evidence"])):
        doc = corpus.get(doc_id)
        if doc is None:
            continue
        text = f"{doc['title']}\n\n" + " ".join(" ".join(s.split()) for s in doc["sentences"]) + "\n"
        out.append(analyze(source_from_text(text, _doc_id(doc["title"], k))))
    return out


def checker_verifier(
    docs: Sequence[Document], decision: str = "rules", verifier: PassageVerifier | None = None
) -> Verifier:
    checker = Checker(docs, build_references(docs), decision=decision, verifier=verifier)
    return lambda text: checker.check(text).label.value


def overlap_verifier(docs: Sequence[Document], threshold: float) -> Verifier:
    index = EvidenceIndex()
    for doc in docs:
        index.add(doc.sentences)
    by_id = {(p.source, p.id): p.text for d in docs for p in d.sentences}

    def verify(text: str) -> str:
        hits = index.search(text, 1, kinds=("sentence",))
        stems = set(content_stems(text))
        if not hits or not stems:
            return "NOT_ENOUGH_INFO"
        got = set(content_stems(by_id.get((hits[0].source, hits[0].passage), "")))
        return "SUPPORTED" if len(stems & got) / len(stems) >= threshold else "NOT_ENOUGH_INFO"

    return verify


class Score:
    """Labels predicted for one set, setting and system, with their latencies."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []
        self.seconds: list[float] = []

    def add(self, gold: str, pred: str, seconds: float) -> None:
        self.pairs.append((gold, pred))
        self.seconds.append(seconds)

    def predictions(self) -> list[str]:
        """The predicted labels in claim order (for ``--predictions``: error analysis across runs)."""
        return [p for _, p in self.pairs]

    def as_json(self) -> dict[str, Any]:
        n = len(self.pairs)
        confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
        for g, p in self.pairs:
            confusion[g][p] += 1
        per: dict[str, dict[str, float]] = {}
        present = [lab for lab in LABELS if any(g == lab for g, _ in self.pairs)]
        for lab in LABELS:
            tp = confusion[lab][lab]
            pred = sum(confusion[g][lab] for g in LABELS)
            gold = sum(confusion[lab].values())
            p = tp / pred if pred else 0.0
            r = tp / gold if gold else 0.0
            per[lab] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": gold}
        ms = sorted(s * 1000 for s in self.seconds)
        return {
            "claims": n,
            "accuracy": sum(g == p for g, p in self.pairs) / n if n else 0.0,
            "macro_f1": statistics.fmean(per[lab]["f1"] for lab in present) if present else 0.0,
            "per_label": per,
            "confusion": confusion,
            "p50_ms": ms[len(ms) // 2] if ms else 0.0,
            "p95_ms": ms[min(len(ms) - 1, int(0.95 * len(ms)))] if ms else 0.0,
        }


def run_systems(
    items: Sequence[dict[str, Any]],
    docs_for: Callable[[dict[str, Any]], Sequence[Document]] | None,
    shared: Sequence[Document] | None,
    majority: str,
    overlap: float,
    extra: dict[str, PassageVerifier] | None = None,
) -> dict[str, dict[str, Any]]:
    extra = extra or {}
    scores = {
        "citetrace": Score(),
        "citetrace learned": Score(),
        "citetrace combined": Score(),
        "citetrace layered": Score(),
        "bm25-overlap": Score(),
        "majority": Score(),
        **{f"citetrace {name}": Score() for name in extra},
        **{f"citetrace layered+{name}": Score() for name in extra},
    }

    def systems(docs: Sequence[Document]) -> dict[str, Verifier]:
        return {
            "citetrace": checker_verifier(docs),
            "citetrace learned": checker_verifier(docs, "learned"),
            "citetrace combined": checker_verifier(docs, "combined"),
            "citetrace layered": checker_verifier(docs, "layered"),
            "bm25-overlap": overlap_verifier(docs, overlap),
            **{f"citetrace {name}": checker_verifier(docs, verifier=v) for name, v in extra.items()},
            **{f"citetrace layered+{name}": checker_verifier(docs, "layered", v) for name, v in extra.items()},
        }

    cached: dict[str, Verifier] = systems(shared) if shared is not None else {}
    for item in items:
        if docs_for is not None:
            cached = systems(docs_for(item))
        for name, verify in cached.items():
            t0 = time.perf_counter()
            label = verify(item["claim"])
            scores[name].add(item["label"], label, time.perf_counter() - t0)
        scores["majority"].add(item["label"], majority, 0.0)
    return {name: {**s.as_json(), "predictions": s.predictions()} for name, s in scores.items()}


def seed_items() -> list[dict[str, Any]]:
    return [
        {"claim": r["claim"], "label": r["label"]} for r in load_jsonl(REPO / "bench" / "data" / "claims_gold.jsonl")
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--sets", default="climate-fever,fever,fever-symmetric,fm2,scifact,seeds")
    ap.add_argument("--settings", default="gold,retrieval")
    ap.add_argument("--limit", type=int, default=0, help="at most this many claims per set (0: all)")
    ap.add_argument("--overlap", type=float, default=0.5, help="the BM25-overlap baseline's threshold")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--predictions", type=Path, help="write every system's label per claim (claim order) here")
    ap.add_argument("--verifier", action="append", default=[], help="also this verifier (nli:DIR); repeatable")
    args = ap.parse_args()
    extra: dict[str, PassageVerifier] = {}
    for spec in args.verifier:
        loaded = load_verifier(spec)
        if loaded is not None:
            extra[spec] = loaded
    results: dict[str, Any] = {}
    for name in args.sets.split(","):
        if name == "seeds":
            items = seed_items()
            docs = [analyze(s) for s in load()]
            majority = Counter(i["label"] for i in items).most_common(1)[0][0]
            results["seeds/embedded"] = run_systems(items, None, docs, majority, args.overlap, extra)
            continue
        folder = DATA / name
        if not (folder / f"{args.split}.jsonl").exists():
            print(f"skipped {name}: no {folder}/{args.split}.jsonl (run bench/datasets/claims.py)", file=sys.stderr)
            continue
        items = load_jsonl(folder / f"{args.split}.jsonl")
        if args.limit:
            items = items[: args.limit]
        train = load_jsonl(folder / "train.jsonl") if (folder / "train.jsonl").exists() else items
        majority = Counter(i["label"] for i in train).most_common(1)[0][0]
        corpus_file = folder / "corpus.jsonl"
        corpus = {str(d["id"]): d for d in load_jsonl(corpus_file)} if corpus_file.exists() else None
        for setting in args.settings.split(","):
            if setting == "gold":
                results[f"{name}/gold"] = run_systems(
                    items, lambda item: documents([item]), None, majority, args.overlap, extra
                )
                if corpus is not None:
                    results[f"{name}/gold abstracts"] = run_systems(
                        items, lambda item, c=corpus: abstracts(item, c), None, majority, args.overlap, extra
                    )
            elif setting == "retrieval":
                pool = documents(items)
                results[f"{name}/retrieval"] = run_systems(items, None, pool, majority, args.overlap, extra)
    if args.predictions:
        args.predictions.write_text(
            json.dumps(
                {key: {system: r["predictions"] for system, r in systems.items()} for key, systems in results.items()}
            )
        )
    for systems in results.values():
        for r in systems.values():
            r.pop("predictions")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(f"## Claim verification ({args.split} split)\n")
    print("| set / setting | system | claims | accuracy | macro-F1 | SUP P/R | REF P/R | NEI P/R | p50 / p95 ms |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for key, systems in results.items():
        for system, r in systems.items():
            pl = r["per_label"]
            pr = " | ".join(f"{pl[lab]['p']:.2f}/{pl[lab]['r']:.2f}" for lab in LABELS)
            print(
                f"| {key} | {system} | {r['claims']} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | {pr} "
                f"| {r['p50_ms']:.1f} / {r['p95_ms']:.1f} |"
            )
    print("\nConfusion (rows gold, columns SUP/REF/NEI; rules | learned | combined | layered):\n")
    for key, systems in results.items():
        cells = []
        for system in ("citetrace", "citetrace learned", "citetrace combined", "citetrace layered"):
            c = systems[system]["confusion"]
            cells.append(
                "; ".join(f"{g[:3]}: " + "/".join(str(c[g][p]) for p in LABELS) for g in LABELS if sum(c[g].values()))
            )
        print(f"- {key}: " + " | ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
