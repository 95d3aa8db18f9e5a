"""Where the reference parser fails: field errors and the labeler's token confusions on the parser sets.

    python bench/parser_errors.py [--split train] [--model FILE] [--fold K/N] [--sets core,ugly] [--examples N]

For every parser string (as ``bench_documents.py --parser-only`` scores it) each field error is put in a
class: ``wrong`` (both sides have the field, values differ), ``missed`` (gold has it, the parse not),
``spurious`` (the parse has it, gold not), and for a missed or wrong gold value that the parse holds in
another field, ``as <field>`` (a title read as the container). Beside them, the labeler's token labels
against the gold token labels (``bench/train_parser.py`` maps the source labels the same way): the most
frequent confusions per set. ``--model`` scores another labeler model (a ``train_parser.py --fold K/N
--out FILE`` model with ``--fold K/N`` scores the train rows it has not seen). Train split for error
analysis; the figures decide on dev.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import bench_documents as bd  # noqa: E402
from train_parser import LABELS, in_fold, load, sequence  # noqa: E402

import bibliography.parse.labelled as labelled  # noqa: E402
from bibliography import parse_reference  # noqa: E402
from bibliography.parse.crf import load_model, viterbi  # noqa: E402


def classify(gold: dict[str, Any], pred: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, error class) for every field the parse gets wrong."""
    out = []
    for field in sorted(set(gold) | set(pred)):
        g, p = gold.get(field), pred.get(field)
        if g is not None and g == p:
            continue
        if g is not None:
            other = next((f for f, v in pred.items() if f != field and v == g), None)
            if other is not None:
                out.append((field, f"as {other}"))
            else:
                out.append((field, "missed" if p is None else "wrong"))
        elif p is not None:
            out.append((field, "spurious"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="train")
    ap.add_argument("--model", type=Path, help="labeler model file (default: the packaged one)")
    ap.add_argument("--fold", metavar="K/N", help="score the rows of fold K of N only")
    ap.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    ap.add_argument("--examples", type=int, default=0, help="print this many erring strings per set")
    args = ap.parse_args()
    model = load_model(args.model) if args.model else load_model()
    labelled.load_model = lambda path=None: model  # type: ignore[assignment]
    sets = load(bd.DATA, args.split)
    wanted = [s for s in args.sets.split(",") if s]
    for name, all_rows in sets.items():
        rows = all_rows
        if wanted and not any(w in name for w in wanted):
            continue
        if args.fold:
            k, n = (int(x) for x in args.fold.split("/"))
            rows = in_fold(rows, k, n)
        score = bd.FieldScore()
        errors: Counter[tuple[str, str]] = Counter()
        confusion: Counter[tuple[str, str]] = Counter()
        right = total = 0
        shown = 0
        for row in rows:
            gold = bd.gold_fields(row["segments"])
            pred = bd.parsed_fields(parse_reference(row["string"]))
            score.add(gold, pred)
            errs = classify(gold, pred)
            errors.update(errs)
            feats, labels = sequence(row)
            path = viterbi(model, feats)
            for a, b in zip(path, labels, strict=True):
                total += 1
                if model.labels[a] == LABELS[b]:
                    right += 1
                else:
                    confusion[(LABELS[b], model.labels[a])] += 1
            if errs and shown < args.examples:
                shown += 1
                print(f"  {row['string']}\n    {errs}\n    gold {gold}\n    pred {pred}")
        s = score.as_json()
        print(f"\n## {name}: {len(rows)} strings, field F1 {s['micro_f1']:.3f}, exact {s['exact']:.3f}, "
              f"token accuracy {right / max(total, 1):.3f}")  # fmt: skip
        fields = sorted(s["fields"].items(), key=lambda kv: -(kv[1].get("fp", 0) + kv[1].get("fn", 0)))
        print(
            "fields (fp+fn): "
            + ", ".join(f"{f} {v['f1']:.2f} ({v.get('fp', 0)}+{v.get('fn', 0)})" for f, v in fields[:10])
        )
        print("errors: " + ", ".join(f"{f} {c}: {k}" for (f, c), k in errors.most_common(16)))
        print("tokens gold->labeled: " + ", ".join(f"{g}->{p} {k}" for (g, p), k in confusion.most_common(16)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
