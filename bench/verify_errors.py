"""Where the claim decisions go wrong: error categories of the rules, ``combined`` and ``layered`` (issue 11).

    python bench/verify_errors.py [--cache DIR] [--limit 300] [--json FILE]

Every claim of the first ``--limit`` dev claims of the FEVER-family sets and Climate-FEVER (gold evidence and
retrieval over the set's evidence, and as NOT_ENOUGH_INFO against related evidence or only the sentences
labelled as bearing neither way, as ``train_verdict.py``'s ``dev_examples`` measures them), of SciFact dev
(gold evidence, the cited abstracts whole, retrieval; measured only) and of the seeds' claims against the
embedded corpus is checked once; each wrong label is put in one category read from the retrieved passages' pair features
(:func:`annotate.claims.stance.pair_features`), the passage closest in words standing for the evidence:

* a claim without enough information called SUPPORTED or REFUTED, split by whether a passage names the claim's
  entities with another date, number or name (``facet conflict``), shares half its words, or neither;
* a SUPPORTED or REFUTED claim called NOT_ENOUGH_INFO: nothing retrieved, the closest passage sharing under
  half the claim's words, or sharing more (the decision did not commit);
* SUPPORTED and REFUTED swapped, split by the cue in the closest passage: a facet conflict (date, number,
  name), a negation or antonym, other digits, or no such cue.

Counts only, per set and setting: the categories are for reading where each decision loses, not for tuning on
any item (SciFact and the seeds are never trained on).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_verify import DATA, abstracts, documents, load_jsonl, seed_items  # noqa: E402
from train_verdict import Example, _checked, _layered, dev_examples  # noqa: E402

from annotate import Checker  # noqa: E402
from annotate.claims.aggregate import VERDICT_LABELS, claim_features, overrule_threshold, verdict_of  # noqa: E402
from annotate.claims.stance import stance_of  # noqa: E402
from corpus import analyze, load  # noqa: E402

NEI = "NOT_ENOUGH_INFO"
_FACETS = {"conflict:date": "date", "conflict:quantity": "number", "conflict:actor": "name", "conflict:place": "name"}


def measured(limit: int) -> list[Example]:
    """SciFact dev (three settings) and the seeds, as :func:`train_verdict.examples` reads a claim."""
    out: list[Example] = []
    docs = [analyze(s) for s in load()]
    learned_checker, rule_checker = Checker(docs, decision="learned"), Checker(docs, decision="rules")
    for item in seed_items():
        learned, feats = _checked(learned_checker, item["claim"])
        out.append(("seeds", "embedded", item["label"], rule_checker.check(item["claim"]).label.value, learned, feats))
    folder = DATA / "scifact"
    if not (folder / "dev.jsonl").exists():
        return out
    items = load_jsonl(folder / "dev.jsonl")[:limit]
    corpus = {str(d["id"]): d for d in load_jsonl(folder / "corpus.jsonl")}
    pool = documents(items)
    learned_checker, rule_checker = Checker(pool, decision="learned"), Checker(pool, decision="rules")
    for item in items:
        learned, feats = _checked(learned_checker, item["claim"])
        out.append(
            ("scifact", "retrieval", item["label"], rule_checker.check(item["claim"]).label.value, learned, feats)
        )
    for setting in ("gold", "gold abstracts"):
        for item in items:
            docs = documents([item]) if setting == "gold" else abstracts(item, corpus)
            learned, feats = _checked(Checker(docs, decision="learned"), item["claim"])
            rule = Checker(docs, decision="rules").check(item["claim"]).label.value
            out.append(("scifact", setting, item["label"], rule, learned, feats))
    return out


def _cue(f: Mapping[str, float]) -> str:
    facets = sorted({name for key, name in _FACETS.items() if f.get(key)})
    if facets:
        return "facet conflict (" + "/".join(facets) + ")"
    if f.get("negation_differs") or f.get("antonym") or f.get("negator:claim_only") or f.get("negator:unit_only"):
        return "negation or antonym"
    if f.get("digits:differ"):
        return "other digits"
    return "no surface cue"


def category(gold: str, pred: str, feats: Sequence[Mapping[str, float]]) -> str:
    """The error category of a wrong label (see the module docstring)."""
    closest = max(feats, key=lambda f: f.get("lex", 0.0), default={})
    lex = closest.get("lex", 0.0)
    if gold == NEI:
        if any(any(f.get(k) for k in _FACETS) for f in feats):
            return f"NEI called {pred[:3]}: a passage with another date/number/name"
        return f"NEI called {pred[:3]}: " + ("a passage shares half its words" if lex >= 0.5 else "loosely related")
    if pred == NEI:
        if not feats:
            return f"{gold[:3]} called NEI: nothing retrieved"
        return f"{gold[:3]} called NEI: " + ("closest shares half its words" if lex >= 0.5 else "closest shares less")
    return f"{gold[:3]} called {pred[:3]}: {_cue(closest)}"


def tally(examples: Sequence[Example]) -> dict[str, dict[str, Counter[str]]]:
    """Per set/setting and decision, the count of each error category (and ``claims``, ``right``)."""
    out: dict[str, dict[str, Counter[str]]] = {}
    thresholds = {lab.value: overrule_threshold(lab) for lab in VERDICT_LABELS}
    for name, setting, gold, rule, _, feats in examples:
        pairs = [(f, stance_of(f)) for f in feats]
        odds = verdict_of(claim_features(pairs)) if pairs else None
        combined = odds.label.value if odds is not None else NEI
        layered = _layered(rule, odds, thresholds)
        group = out.setdefault(f"{name}/{setting}", {})
        for system, pred in (("rules", rule), ("combined", combined), ("layered", layered)):
            c = group.setdefault(system, Counter())
            c["claims"] += 1
            if pred == gold:
                c["right"] += 1
            else:
                c[category(gold, pred, feats)] += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, help="keep the claims' features in this folder between runs")
    ap.add_argument("--limit", type=int, default=300, help="dev claims per set (0: all)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if args.cache is not None:
        args.cache.mkdir(parents=True, exist_ok=True)
    # The same claims and cache files as train_verdict.py's dev figures, so one cache serves both.
    dev = dev_examples(args.limit, args.cache)
    measure_file = args.cache / "measure.pickle" if args.cache else None
    if measure_file is not None and measure_file.exists():
        with measure_file.open("rb") as fh:
            more: list[Example] = pickle.load(fh)
    else:
        more = measured(args.limit)
        if measure_file is not None:
            with measure_file.open("wb") as fh:
                pickle.dump(more, fh)
    result = tally([*dev, *more])
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, sort_keys=True))
    for key, systems in sorted(result.items()):
        print(f"\n### {key} ({systems['rules']['claims']} claims; right: " + ", ".join(
            f"{s} {c['right']}" for s, c in systems.items()) + ")\n")  # fmt: skip
        print("| error | rules | combined | layered |\n| --- | ---: | ---: | ---: |")
        cats: Counter[str] = Counter()
        for c in systems.values():
            cats.update({k: v for k, v in c.items() if k not in ("claims", "right")})
        for cat, _ in sorted(cats.items(), key=lambda kv: (-kv[1], kv[0])):
            print(
                f"| {cat} | " + " | ".join(str(systems[s].get(cat, 0)) for s in ("rules", "combined", "layered")) + " |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
