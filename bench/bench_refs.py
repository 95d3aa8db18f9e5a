"""Field-level accuracy of the reference-string parser against hand-written gold data.

Usage: ``python bench/bench_refs.py [--details] [--gold PATH]``

Gold: ``bench/data/refs_gold.jsonl``, one object per line ``{"raw", "style", "expected"}``. The expected
fields were written by hand before the parser rules were tuned. Scoring, per reference and field
(every field of :data:`bibliography.FIELDS` except the catch-alls ``note`` and ``unparsed``, plus ``type``):

- a field in both gold and output with equal values (after whitespace normalisation) is a true positive;
- a field in the output but not in the gold, or with a different value, is a false positive;
- a field in the gold but missing or different in the output is a false negative.

People (authors, editors, translators) are compared as lists of ``(family, given)`` pairs; an
organisation is ``(literal, None)``; ``particle`` and ``suffix`` are compared too when the gold gives them.
The report is a markdown table: per field and micro overall, separately for the seed entries (the
"Further Reading" list of seed document 002), the other entries the rules were developed against, and
the held-out entries (``"split": "holdout"``: written after the first version of the rules; the
general faults they exposed were fixed, so they are no longer unseen) and the blind entries
(``"split": "blind"``: written last and never tuned on; the honest estimate for unseen bibliographies),
then per style.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bibliography import FIELDS, Person, Reference  # noqa: E402
from bibliography.parse import parse_reference  # noqa: E402

GOLD = ROOT / "bench" / "data" / "refs_gold.jsonl"
SCORED = ("type", *(f for f in FIELDS if f not in {"note", "unparsed"}))
PEOPLE = {"authors", "editors", "translators"}


def _norm(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _person_key(p: dict[str, Any], with_parts: set[str]) -> tuple[Any, ...]:
    if p.get("literal"):
        return (_norm(p["literal"]), None)
    key: tuple[Any, ...] = (_norm(p.get("family") or ""), _norm(p["given"]) if p.get("given") else None)
    for part in ("particle", "suffix"):
        if part in with_parts:
            key += (p.get(part),)
    return key


def _as_dict(p: Person) -> dict[str, Any]:
    return {"family": p.family, "given": p.given, "particle": p.particle, "suffix": p.suffix, "literal": p.literal}


def _value(field: str, value: Any, parts: set[str]) -> Any:
    if field in PEOPLE:
        return tuple(_person_key(p if isinstance(p, dict) else _as_dict(p), parts) for p in value)
    return _norm(str(value))


def score(expected: dict[str, Any], ref: Reference) -> dict[str, tuple[int, int, int]]:
    """Per field ``(tp, fp, fn)`` for one reference."""
    got: dict[str, Any] = dict(ref.fields())
    got["type"] = ref.type
    out: dict[str, tuple[int, int, int]] = {}
    for field in SCORED:
        exp, out_v = expected.get(field), got.get(field)
        if not exp and not out_v:
            continue
        parts: set[str] = set()
        if field in PEOPLE and exp:
            parts = {k for p in exp for k in ("particle", "suffix") if k in p}
        if exp and out_v and _value(field, exp, parts) == _value(field, out_v, parts):
            out[field] = (1, 0, 0)
        else:
            out[field] = (0, 1 if out_v else 0, 1 if exp else 0)
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _table(title: str, counts: dict[str, list[int]]) -> list[str]:
    lines = [f"### {title}", "", "| field | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    total = [0, 0, 0]
    for field in SCORED:
        if field not in counts:
            continue
        tp, fp, fn = counts[field]
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        p, r, f = _prf(tp, fp, fn)
        lines.append(f"| {field} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {fp} | {fn} |")
    p, r, f = _prf(*total)
    tp, fp, fn = total
    lines.append(f"| **micro overall** | **{p:.3f}** | **{r:.3f}** | **{f:.3f}** | {tp} | {fp} | {fn} |")
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--details", action="store_true", help="print every wrong field")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    styles: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # tp fp fn refs perfect
    start = time.perf_counter()
    details: list[str] = []
    for row in rows:
        ref = parse_reference(row["raw"])
        group = "seed" if row["style"] == "seed" else row.get("split", "other")
        perfect = True
        style_key = row["style"] + (f" ({row['split']})" if row.get("split") else "")
        for field, (tp, fp, fn) in score(row["expected"], ref).items():
            for g in (group, "all"):
                c = groups[g][field]
                c[0] += tp
                c[1] += fp
                c[2] += fn
            st = styles[style_key]
            st[0] += tp
            st[1] += fp
            st[2] += fn
            if fp or fn:
                perfect = False
                got = ref.fields().get(field) if field != "type" else ref.type
                if field in PEOPLE and got:
                    got = [_as_dict(p) for p in got]
                details.append(
                    f"- [{row['style']}] {field}: expected {row['expected'].get(field)!r}, got {got!r}\n"
                    f"    raw: {row['raw'][:140]}"
                )
        styles[style_key][3] += 1
        styles[style_key][4] += perfect
    elapsed = time.perf_counter() - start
    print("## Reference parser: field-level precision / recall / F1\n")
    print(
        f"{len(rows)} references ({sum(r['style'] == 'seed' for r in rows)} seed), "
        f"parsed in {elapsed * 1000:.1f} ms ({elapsed / len(rows) * 1e6:.0f} µs each)\n"
    )
    print("\n".join(_table("Seed entries (002 'Further Reading')", groups["seed"])))
    print("\n".join(_table("Other styles (development)", groups["other"])))
    for split, label in (("holdout", "held out, fixed after"), ("blind", "blind, never tuned on")):
        if groups[split]:
            print("\n".join(_table(f"Other styles ({label})", groups[split])))
    print("\n".join(_table("All", groups["all"])))
    print("### Per style\n\n| style | refs | all fields right | P | R | F1 |\n|---|---|---|---|---|---|")
    for style in sorted(styles):
        tp, fp, fn, n, perfect = styles[style]
        p, r, f = _prf(tp, fp, fn)
        print(f"| {style} | {n} | {perfect} | {p:.3f} | {r:.3f} | {f:.3f} |")
    if args.details:
        print("\n### Wrong fields\n")
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
