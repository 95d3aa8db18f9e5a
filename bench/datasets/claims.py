"""Convert public fact-checking data into the one claims JSONL the verification benchmark reads.

    python bench/datasets/claims.py [--mirror /work/.mirror] [--out bench/data/public/claims] [--stats FILE]

Sources are snapshots brought in with the search tool's ``fetch`` (``github:owner/name``), read with
``git show`` from their newest commit; nothing of them is committed. Sets written (bench/data/CLAIMS.md
gives sources, commits, licences and counts):

* ``climate-fever``   tdiggelm/climate-fever-dataset: 1,535 real claims, five labelled Wikipedia sentences each.
* ``fever``           athnlp/athnlp-labs ``data/fever``: FEVER paper_dev and paper_test (SUPPORTS/REFUTES
  claims) with the text of every annotated evidence sentence ("FEVER-lite").
* ``fever-symmetric`` TalSchuster/FeverSymmetric v0.2: FEVER claim/evidence pairs and their twins.
* ``fm2``             google-research/fool-me-twice: Fool Me Twice dev and test, gold Wikipedia evidence.
* ``scifact``         sumithra-p-v/claimverifier ``data/scifact.zip`` (SciFact claims and the 5,183
  abstracts, sentence-split) with allenai/scifact's LICENSE.md. Measuring only: no ``train`` split.

Output per set: ``{train,dev,test}.jsonl`` (SciFact: dev, test), one claim per line::

    {"id", "claim", "label": SUPPORTED|REFUTED|NOT_ENOUGH_INFO,
     "evidence": [{"doc", "sentence": int|null, "text", "label"}], "docs": [...]}

plus ``corpus.jsonl`` (``{"id", "title", "sentences"}``) where the set gives whole documents (SciFact),
``NOTICE.txt`` and the source's licence file(s), ``SOURCE.json`` and ``stats.json``.

Splits: a set's own split where it has one. Where the official test split has labels it stays ``test``
and ``train``/``dev`` are carved 70/30 out of the official dev split by the SHA-1 of a group key; a set
without splits is cut 60/20/20 the same way. A claim text (normalised) is kept in one split only, the
first of test, dev, train; exact repeats (same claim, label and evidence) are dropped; a ``train`` split
over 20,000 claims keeps the 20,000 with the smallest SHA-1 of their id.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import tokenize
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SPLITS = ("train", "dev", "test")
PRIORITY = ("test", "dev", "train")  # a claim text found in two splits stays in the first of these
TRAIN_CAP = 20_000
LABELS = {
    "SUPPORTS": "SUPPORTED",
    "SUPPORT": "SUPPORTED",
    "REFUTES": "REFUTED",
    "CONTRADICT": "REFUTED",
    "NOT_ENOUGH_INFO": "NOT_ENOUGH_INFO",
    "NOT ENOUGH INFO": "NOT_ENOUGH_INFO",
}
PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
PTB_RE = re.compile("|".join(re.escape(k) for k in PTB))

Row = dict[str, Any]


# --------------------------------------------------------------------------- helpers


def bucket(key: str) -> int:
    """0..9 from the SHA-1 of a key: the stable hash every split decision uses."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 10


def hash_split(key: str) -> str:
    """60/20/20 for a set without splits of its own."""
    b = bucket(key)
    return "train" if b < 6 else "dev" if b < 8 else "test"


def carve(key: str) -> str:
    """70/30 train/dev out of an official dev split whose test split is kept as test."""
    return "train" if bucket(key) < 7 else "dev"


def norm(text: str) -> str:
    """Claim text for duplicate checks: PTB brackets undone, lower case, letters and digits only."""
    return " ".join(re.sub(r"[\W_]+", " ", detok(text).lower()).split())


def detok(text: str) -> str:
    """FEVER's Wikipedia dump writes brackets and quotes as PTB tokens (-LRB-, ``); give the characters back."""
    return " ".join(PTB_RE.sub(lambda m: PTB[m.group()], text).split())


def ev(doc: str, sentence: int | None, text: str, label: str | None) -> Row:
    return {"doc": doc, "sentence": sentence, "text": text, "label": label}


class Mirror:
    """A bare git snapshot under /work/.mirror/owner+name/repo, read at HEAD."""

    def __init__(self, root: Path, repo: str) -> None:
        self.repo = repo
        self.git_dir = root / repo.replace("/", "+") / "repo"

    def exists(self) -> bool:
        return self.git_dir.is_dir()

    def _git(self, *args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", str(self.git_dir), *args], check=True, capture_output=True).stdout

    def show(self, path: str) -> bytes:
        return self._git("show", f"HEAD:{path}")

    def lines(self, path: str) -> list[str]:
        return [line for line in self.show(path).decode("utf-8").splitlines() if line.strip()]

    def commit(self) -> dict[str, str]:
        sha, date = self._git("log", "-1", "--format=%H %cs").decode().split()
        return {"repo": self.repo, "commit": sha, "date": date}


@dataclass
class Converted:
    rows: list[tuple[str, Row]] = field(default_factory=list)  # (split, row)
    corpus: list[Row] = field(default_factory=list)
    extra: dict[str, list[Row]] = field(default_factory=dict)  # other files written next to the splits
    counts: Counter[str] = field(default_factory=Counter)  # what the reader left out, and why


# --------------------------------------------------------------------------- readers


def climate_fever(m: dict[str, Mirror]) -> Converted:
    """60/20/20 by claim id. DISPUTED claims (supporting and refuting sentences both) have no three-way
    label: they go to ``disputed.jsonl`` (same fields, label "DISPUTED"), outside the splits."""
    out = Converted(extra={"disputed": []})
    for line in m["data"].lines("dataset/climate-fever.jsonl"):
        item = json.loads(line)
        evidence = []
        for e in item["evidences"]:
            article, _, number = e["evidence_id"].rpartition(":")
            evidence.append(
                ev(article, int(number) if number.isdigit() else None, e["evidence"], LABELS[e["evidence_label"]])
            )
        row = {
            "id": f"climate-fever-{item['claim_id']}",
            "claim": item["claim"],
            "label": LABELS.get(item["claim_label"], item["claim_label"]),
            "evidence": evidence,
            "docs": sorted({e["doc"] for e in evidence}),
        }
        if item["claim_label"] == "DISPUTED":
            out.extra["disputed"].append(row)
            out.counts["left out: DISPUTED (to disputed.jsonl)"] += 1
            continue
        out.rows.append((hash_split(str(item["claim_id"])), row))
    return out


def fever(m: dict[str, Mirror]) -> Converted:
    """FEVER-lite: paper_dev (validation.jsonl) carved into train/dev, paper_test (test.jsonl) kept as test.
    Only SUPPORTS/REFUTES claims; evidence = the union of the annotated evidence sets' sentences, whose
    page titles and line numbers the files do not keep (doc: one pseudo document per claim)."""
    out = Converted()
    for path, official in (("data/fever/validation.jsonl", "paper_dev"), ("data/fever/test.jsonl", "paper_test")):
        for k, line in enumerate(m["data"].lines(path)):
            item = json.loads(line)
            cid = f"fever-{official}-{k}"
            label = LABELS[item["label"]]
            claim = detok(item["claim"])
            split = "test" if official == "paper_test" else carve(norm(claim))
            evidence = [ev(cid, None, detok(text), label) for text in dict.fromkeys(item["evidence"])]
            out.rows.append((split, {"id": cid, "claim": claim, "label": label, "evidence": evidence, "docs": [cid]}))
    return out


def fever_symmetric(m: dict[str, Mirror]) -> Converted:
    """v0.2 test kept as test; v0.2 dev carved into train/dev by the FEVER id without the suffix that marks
    generated twins (000000 2/3/4), so a pair and its twins share a split. One sentence per item."""
    out = Converted()
    for path, official in (
        ("symmetric_v0.2/fever_symmetric_dev.jsonl", "dev"),
        ("symmetric_v0.2/fever_symmetric_test.jsonl", "test"),
    ):
        for line in m["data"].lines(path):
            item = json.loads(line)
            group = re.sub(r"000000[234]$", "", str(item["id"]))
            label = LABELS[item["gold_label"]]
            doc = f"fever-{group}"
            row = {
                "id": f"fever-symmetric-{item['id']}",
                "claim": detok(item["claim"]),
                "label": label,
                "evidence": [ev(doc, None, detok(item["evidence"]), label)],
                "docs": [doc],
            }
            out.rows.append(("test" if official == "test" else carve(group), row))
    return out


def fm2(m: dict[str, Mirror]) -> Converted:
    """Fool Me Twice: test kept as test, dev carved into train/dev by claim id (train.jsonl is over the
    snapshot's 4 MiB limit). Evidence = ``gold_evidence`` (sentence text; section headers dropped)."""
    out = Converted()
    for path, official in (("dataset/dev.jsonl", "dev"), ("dataset/test.jsonl", "test")):
        for line in m["data"].lines(path):
            item = json.loads(line)
            label = LABELS[item["label"]]
            page = item["wikipedia_page"]
            evidence = [ev(page, None, g["text"], label) for g in item["gold_evidence"]]
            row = {
                "id": f"fm2-{item['id']}",
                "claim": item["text"],
                "label": label,
                "evidence": evidence,
                "docs": [page],
            }
            out.rows.append(("test" if official == "test" else carve(item["id"]), row))
    return out


def _py_strings(text: str) -> list[str]:
    """The string literals of a NumPy array repr (``['a' 'b']``), one item each (adjacent literals are
    not joined, unlike ast.literal_eval of the whole)."""
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return [ast.literal_eval(t.string) for t in tokens if t.type == tokenize.STRING]


def _ints(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", text)]


def scifact(m: dict[str, Mirror]) -> Converted:
    """SciFact from a CSV export (one row per claim and evidence abstract): official train -> ``dev``,
    official dev -> ``test``; the official test split has no labels and is left out. Evidence: the
    rationale sentences (SUPPORT/CONTRADICT); for NOT_ENOUGH_INFO claims, every sentence of each cited
    abstract (the annotators found no rationale there), labelled NOT_ENOUGH_INFO."""
    out = Converted()
    archive = zipfile.ZipFile(io.BytesIO(m["data"].show("data/scifact.zip")))

    def rows(name: str) -> list[dict[str, str]]:
        with archive.open(name) as f:
            return list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8", newline="")))

    corpus: dict[str, tuple[str, list[str]]] = {}
    for r in rows("corpus_train.csv"):
        corpus[r["doc_id"]] = (r["title"], _py_strings(r["abstract"]))
        out.corpus.append({"id": r["doc_id"], "title": r["title"], "sentences": corpus[r["doc_id"]][1]})
    for name, split in (("claims_train.csv", "dev"), ("claims_validation.csv", "test")):
        claims: dict[str, list[dict[str, str]]] = {}
        for r in rows(name):
            claims.setdefault(r["id"], []).append(r)
        for cid, group in claims.items():
            cited = list(dict.fromkeys(str(d) for r in group for d in _ints(r["cited_doc_ids"])))
            labels = {LABELS[r["evidence_label"]] for r in group if r["evidence_label"]}
            if len(labels) > 1:
                out.counts["left out: abstracts disagree (SUPPORT and CONTRADICT)"] += 1
                continue
            evidence: list[Row] = []
            if labels:
                (label,) = labels
                seen: set[tuple[str, int]] = set()
                for r in group:
                    doc = r["evidence_doc_id"]
                    for s in _ints(r["evidence_sentences"]) if doc else []:
                        if (doc, s) not in seen:
                            seen.add((doc, s))
                            evidence.append(ev(doc, s, corpus[doc][1][s], label))
                evidence.sort(key=lambda e: (cited.index(e["doc"]) if e["doc"] in cited else len(cited), e["sentence"]))
            else:
                label = "NOT_ENOUGH_INFO"
                evidence = [ev(d, s, text, label) for d in cited for s, text in enumerate(corpus[d][1])]
            docs = list(dict.fromkeys(cited + [e["doc"] for e in evidence]))
            out.rows.append(
                (
                    split,
                    {
                        "id": f"scifact-{cid}",
                        "claim": group[0]["claim"],
                        "label": label,
                        "evidence": evidence,
                        "docs": docs,
                    },
                )
            )
    out.counts["left out: official test (no labels)"] += len({r["id"] for r in rows("claims_test.csv")})
    return out


# --------------------------------------------------------------------------- sets


@dataclass
class Set:
    name: str
    mirrors: dict[str, str]  # role -> owner/name ("data" is read; "licence" only for its licence file)
    reader: Callable[[dict[str, Mirror]], Converted]
    files: list[str]  # source files read, for SOURCE.json
    licence_files: list[tuple[str, str, str]]  # (role, path in the snapshot, file name written)
    notice: str


WIKIPEDIA = (
    "Evidence sentences are English Wikipedia text, CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/)."
)
SETS = [
    Set(
        "climate-fever",
        {"data": "tdiggelm/climate-fever-dataset"},
        climate_fever,
        ["dataset/climate-fever.jsonl"],
        [],
        "CLIMATE-FEVER (Diggelmann et al. 2020, arXiv:2012.00614). The repository has no licence file; cite the "
        "paper. " + WIKIPEDIA,
    ),
    Set(
        "fever",
        {"data": "athnlp/athnlp-labs"},
        fever,
        ["data/fever/validation.jsonl", "data/fever/test.jsonl"],
        [],
        "FEVER (Thorne et al. 2018), paper_dev and paper_test as FEVER-lite (j6mes/feverlite) in the AthNLP 2019 "
        "labs; that repository has no licence file. FEVER's claims and the Wikipedia text are CC BY-SA 3.0 "
        "(https://creativecommons.org/licenses/by-sa/3.0/); cite Thorne et al. 2018.",
    ),
    Set(
        "fever-symmetric",
        {"data": "TalSchuster/FeverSymmetric"},
        fever_symmetric,
        ["symmetric_v0.2/fever_symmetric_dev.jsonl", "symmetric_v0.2/fever_symmetric_test.jsonl"],
        [("data", "DATA_LICENSE", "LICENSE.txt")],
        "Symmetric FEVER v0.2 (Schuster et al. 2019). Data licence: DATA_LICENSE (copied as LICENSE.txt). " + WIKIPEDIA,
    ),
    Set(
        "fm2",
        {"data": "google-research/fool-me-twice"},
        fm2,
        ["dataset/dev.jsonl", "dataset/test.jsonl"],
        [("data", "LICENSE", "LICENSE.txt")],
        "Fool Me Twice (Eisenschlos et al., NAACL 2021). The repository's LICENSE (Apache 2.0, copied as "
        "LICENSE.txt) is the only licence it states. " + WIKIPEDIA,
    ),
    Set(
        "scifact",
        {"data": "sumithra-p-v/claimverifier", "licence": "allenai/scifact"},
        scifact,
        ["data/scifact.zip"],
        [("licence", "LICENSE.md", "LICENSE.md")],
        "SciFact (Wadden et al., EMNLP 2020). allenai/scifact's LICENSE.md (copied) says claims CC BY 4.0 and "
        "abstracts ODC-By 1.0; the dataset's hub card says CC BY-NC 2.0. This project takes the stricter one: "
        "MEASURING ONLY, never for training shipped parameters (so there is no train split). The copy read here "
        "is a CSV export in sumithra-p-v/claimverifier, which has no licence file.",
    ),
]


# --------------------------------------------------------------------------- writing


def finalise(conv: Converted) -> tuple[dict[str, list[Row]], Counter[str]]:
    """Drop exact repeats, keep each claim text in one split, cap train."""
    counts = Counter(conv.counts)
    seen: set[tuple[str, str, str, tuple[str, ...]]] = set()
    rows: list[tuple[str, Row]] = []
    for split, row in conv.rows:
        key = (split, norm(row["claim"]), row["label"], tuple(norm(e["text"]) for e in row["evidence"]))
        if key in seen:
            counts["dropped: repeat of an earlier claim (same text, label and evidence)"] += 1
            continue
        seen.add(key)
        rows.append((split, row))
    home: dict[str, str] = {}
    for split, row in rows:
        k = norm(row["claim"])
        if k not in home or PRIORITY.index(split) < PRIORITY.index(home[k]):
            home[k] = split
    out: dict[str, list[Row]] = {s: [] for s in SPLITS}
    for split, row in rows:
        if home[norm(row["claim"])] != split:
            counts[f"dropped from {split}: claim text also in {home[norm(row['claim'])]}"] += 1
            continue
        out[split].append(row)
    if len(out["train"]) > TRAIN_CAP:
        ranked = sorted(out["train"], key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
        keep = {r["id"] for r in ranked[:TRAIN_CAP]}
        counts["dropped from train: over the 20,000 cap"] += len(out["train"]) - len(keep)
        out["train"] = [r for r in out["train"] if r["id"] in keep]
    return out, counts


def stats(rows: list[Row]) -> dict[str, Any]:
    n_ev = [len(r["evidence"]) for r in rows]
    return {
        "claims": len(rows),
        "labels": {"SUPPORTED": 0, "REFUTED": 0, "NOT_ENOUGH_INFO": 0, **Counter(r["label"] for r in rows)},
        "evidence": sum(n_ev),
        "evidence_per_claim": {
            "mean": round(sum(n_ev) / len(n_ev), 2) if n_ev else 0,
            "min": min(n_ev, default=0),
            "max": max(n_ev, default=0),
        },
        "evidence_labels": dict(Counter(str(e["label"]) for r in rows for e in r["evidence"])),
    }


def check(split_rows: dict[str, list[Row]]) -> None:
    """The format's promises, asserted on what is about to be written."""
    ids: set[str] = set()
    where: dict[str, str] = {}
    for split, rows in split_rows.items():
        for r in rows:
            assert r["id"] not in ids, r["id"]
            ids.add(r["id"])
            assert r["label"] in ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"), r
            assert r["claim"].strip(), r
            assert isinstance(r["docs"], list), r
            for e in r["evidence"]:
                assert e["text"].strip(), r["id"]
                assert isinstance(e["doc"], str), r["id"]
                assert e["sentence"] is None or isinstance(e["sentence"], int), r["id"]
                assert e["label"] in (None, "SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"), r["id"]
            assert where.setdefault(norm(r["claim"]), split) == split, r["claim"]


def write_jsonl(path: Path, rows: list[Row]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def convert(s: Set, root: Path, out_root: Path) -> dict[str, Any] | None:
    mirrors = {role: Mirror(root, repo) for role, repo in s.mirrors.items()}
    missing = [m.repo for m in mirrors.values() if not m.exists()]
    if missing:
        print(f"skipped {s.name}: no snapshot of {', '.join(missing)} under {root} (fetch it)", file=sys.stderr)
        return None
    conv = s.reader(mirrors)
    split_rows, counts = finalise(conv)
    if s.name == "scifact":
        assert not split_rows["train"], "SciFact must have no train split"
        del split_rows["train"]
    check(split_rows)
    folder = out_root / s.name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jsonl"):
        old.unlink()
    for split, rows in split_rows.items():
        write_jsonl(folder / f"{split}.jsonl", rows)
    if conv.corpus:
        write_jsonl(folder / "corpus.jsonl", conv.corpus)
    for name, rows in conv.extra.items():
        write_jsonl(folder / f"{name}.jsonl", rows)
    for role, path, target in s.licence_files:
        (folder / target).write_bytes(mirrors[role].show(path))
    sources = [m.commit() for m in mirrors.values()]
    (folder / "NOTICE.txt").write_text(
        s.notice
        + "\n\nConverted by bench/datasets/claims.py from:\n"
        + "".join(f"  github:{c['repo']} at {c['commit']} ({c['date']})\n" for c in sources),
        encoding="utf-8",
    )
    info = {
        "set": s.name,
        "sources": sources,
        "files": s.files,
        "splits": {split: stats(rows) for split, rows in split_rows.items()},
        "corpus_documents": len(conv.corpus),
        "extra": {name: stats(rows) for name, rows in conv.extra.items()},
        "dropped": dict(sorted(counts.items())),
    }
    (folder / "SOURCE.json").write_text(
        json.dumps({"sources": sources, "files": s.files, "notice": s.notice}, indent=2) + "\n", encoding="utf-8"
    )
    (folder / "stats.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "public" / "claims")
    ap.add_argument("--sets", default=",".join(s.name for s in SETS), help="comma-separated set names")
    ap.add_argument("--stats", type=Path, help="also write every set's counts to this JSON file")
    args = ap.parse_args()
    wanted = set(args.sets.split(","))
    results = {}
    print("| set | split | claims | SUPPORTED | REFUTED | NOT_ENOUGH_INFO | evidence (per claim mean, min-max) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for s in SETS:
        if s.name not in wanted:
            continue
        info = convert(s, args.mirror, args.out)
        if info is None:
            continue
        results[s.name] = info
        for split, st in list(info["splits"].items()) + [(f"({k})", v) for k, v in info["extra"].items()]:
            lab, epc = st["labels"], st["evidence_per_claim"]
            print(
                f"| {s.name} | {split} | {st['claims']:,} | {lab['SUPPORTED']:,} | {lab['REFUTED']:,} | "
                f"{lab['NOT_ENOUGH_INFO']:,} | {st['evidence']:,} ({epc['mean']}, {epc['min']}-{epc['max']}) |"
            )
    for name, info in results.items():
        src = "; ".join(f"{c['repo']}@{c['commit'][:12]} ({c['date']})" for c in info["sources"])
        print(f"\n{name}: {src}; corpus documents: {info['corpus_documents']:,}")
        for what, n in info["dropped"].items():
            print(f"  {what}: {n:,}")
    if args.stats:
        args.stats.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
