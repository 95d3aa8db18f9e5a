"""Convert public fact-checking data into the one claims JSONL the verification benchmark reads.

    python bench/datasets/claims.py [--mirror /work/.mirror] [--out bench/data/public/claims]

Sources (snapshots brought in with the search tool's ``fetch``; nothing of them is committed):

* Climate-FEVER (github tdiggelm/climate-fever-dataset): 1,535 real-world claims, five Wikipedia
  evidence sentences each, every sentence and every claim labelled -> ``climate-fever/``.
* Symmetric FEVER v0.2 (github TalSchuster/FeverSymmetric, Wikipedia text under CC BY-SA 3.0):
  FEVER claim / evidence-sentence pairs and their counterparts with one element changed, so the same
  evidence supports one claim and refutes its twin -> ``fever-symmetric/``.

Output per set: ``{train,dev,test}.jsonl``, one claim per line::

    {"id", "claim", "label": SUPPORTED|REFUTED|NOT_ENOUGH_INFO,
     "evidence": [{"doc", "sentence", "text", "label"}], "docs": [...]}

Splits are 60/20/20 by the SHA-1 of a group id (the claim id; for Symmetric FEVER the FEVER id without
the suffix that marks generated twins, so a claim and its twin always share a split). Items whose
normalised claim and evidence already appeared are dropped. See bench/data/CLAIMS.md for counts and licences.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LABELS = {
    "SUPPORTS": "SUPPORTED",
    "REFUTES": "REFUTED",
    "NOT_ENOUGH_INFO": "NOT_ENOUGH_INFO",
    "NOT ENOUGH INFO": "NOT_ENOUGH_INFO",
}
SPLITS = ("train", "dev", "test")


def split_of(group: str) -> str:
    """train (60%), dev (20%) or test (20%), from the SHA-1 of the group id."""
    bucket = int(hashlib.sha1(group.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "train" if bucket < 6 else "dev" if bucket < 8 else "test"


def _git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True).stdout


def _norm(text: str) -> str:
    return " ".join(re.sub(r"\s+([.,;:!?])", r"\1", text).lower().split())


def climate_fever(git_dir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(group, row) per Climate-FEVER claim; DISPUTED claims (both supporting and refuting evidence)
    are left out, because a three-way label cannot say which sentences win."""
    for line in _git(git_dir, "show", "HEAD:dataset/climate-fever.jsonl").decode("utf-8").splitlines():
        item = json.loads(line)
        if item["claim_label"] == "DISPUTED":
            continue
        evidence = []
        for ev in item["evidences"]:
            article, _, number = ev["evidence_id"].rpartition(":")
            evidence.append(
                {
                    "doc": article,
                    "sentence": int(number) if number.isdigit() else None,
                    "text": ev["evidence"],
                    "label": LABELS[ev["evidence_label"]],
                }
            )
        row = {
            "id": f"climate-fever-{item['claim_id']}",
            "claim": item["claim"],
            "label": LABELS[item["claim_label"]],
            "evidence": evidence,
            "docs": sorted({e["doc"] for e in evidence}),
        }
        yield str(item["claim_id"]), row


def fever_symmetric(git_dir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(group, row) per Symmetric FEVER pair (v0.2 dev and test files, merged and re-split)."""
    for name in ("symmetric_v0.2/fever_symmetric_dev.jsonl", "symmetric_v0.2/fever_symmetric_test.jsonl"):
        for line in _git(git_dir, "show", f"HEAD:{name}").decode("utf-8").splitlines():
            item = json.loads(line)
            group = re.sub(r"000000[234]$", "", str(item["id"]))
            label = LABELS[item["gold_label"]]
            row = {
                "id": f"fever-symmetric-{item['id']}",
                "claim": item["claim"],
                "label": label,
                "evidence": [{"doc": f"fever-{group}", "sentence": None, "text": item["evidence"], "label": label}],
                "docs": [f"fever-{group}"],
            }
            yield group, row


SETS = {
    "climate-fever": ("tdiggelm+climate-fever-dataset", climate_fever, None),
    "fever-symmetric": ("TalSchuster+FeverSymmetric", fever_symmetric, "DATA_LICENSE"),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "public" / "claims")
    args = ap.parse_args()
    for name, (repo, reader, licence) in SETS.items():
        git_dir = args.mirror / repo / "repo"
        if not git_dir.exists():
            print(f"skipped {name}: no snapshot at {git_dir} (fetch github:{repo.replace('+', '/')})")
            continue
        commit = _git(git_dir, "log", "-1", "--format=%H %cs").decode().strip()
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        rows: dict[str, list[str]] = {s: [] for s in SPLITS}
        seen: set[str] = set()
        split_for: dict[str, str] = {}
        counts: Counter[str] = Counter()
        for group, row in reader(git_dir):
            # A claim may come twice with different evidence (Symmetric FEVER's twins): the pair is the item.
            key = _norm(row["claim"]) + "\x00" + "\x00".join(_norm(e["text"]) for e in row["evidence"])
            if key in seen:
                counts["dropped: duplicate claim and evidence"] += 1
                continue
            seen.add(key)
            # The same claim text under two ids goes where it went first, so no claim is in two splits.
            split = split_for.setdefault(_norm(row["claim"]), split_of(group))
            rows[split].append(json.dumps(row, ensure_ascii=False))
            counts[f"{split} {row['label']}"] += 1
            counts[f"{split} evidence"] += len(row["evidence"])
        for split, lines in rows.items():
            (folder / f"{split}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        if licence:
            (folder / "LICENSE.txt").write_bytes(_git(git_dir, "show", f"HEAD:{licence}"))
        print(f"{name} ({repo} at {commit})")
        for key in sorted(counts):
            print(f"  {key:40} {counts[key]:6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
