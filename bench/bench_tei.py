"""Reading TEI other projects wrote (issue 13): every file of a folder through ``sources_from_tei`` and
``corpus.analyze``; documents read or refused (with the reason), characters, passages, CPU seconds.

    python bench/bench_tei.py FOLDER [--json FILE]

Measured on ShakeDraCor (github dracor-org/shakedracor, ``tei/``: 37 plays, Folger texts under CC BY-NC 3.0;
fetched, not committed) and on the TEI Consortium-style examples in ../shared/tei/examples.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotate import AnnotateError, sources_from_tei  # noqa: E402
from corpus import PassageKind, analyze  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    row = {"files": 0, "documents": 0, "refused": [], "characters": 0, "passages": 0, "sentences": 0, "cpu": 0.0}
    kinds: dict[str, int] = {}
    for path in sorted(args.folder.glob("*.xml")):
        row["files"] += 1
        t0 = time.process_time()
        try:
            sources = sources_from_tei(path.read_bytes(), path.name)
        except AnnotateError as exc:
            row["refused"].append(str(exc))
            continue
        for source in sources:
            doc = analyze(source)
            row["documents"] += 1
            row["characters"] += len(source.raw)
            row["passages"] += len(doc.passages)
            row["sentences"] += len(doc.sentences)
            for p in doc.passages:
                if p.kind is not PassageKind.SENTENCE:
                    kinds[p.kind.value] = kinds.get(p.kind.value, 0) + 1
        row["cpu"] += time.process_time() - t0
    row["block_kinds"] = kinds
    if args.json:
        args.json.write_text(json.dumps(row, indent=1))
    mbs = row["characters"] / 1e6 / row["cpu"] if row["cpu"] else 0.0
    print("| files | documents | refused | characters | passages | sentences | CPU s | MB/s |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {row['files']} | {row['documents']} | {len(row['refused'])} | {row['characters']:,} | {row['passages']:,} "
        f"| {row['sentences']:,} | {row['cpu']:.1f} | {mbs:.2f} |"
    )
    for reason in row["refused"]:
        print(f"- refused: {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
