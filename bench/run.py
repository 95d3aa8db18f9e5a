"""Scale benchmark (issue 12): every figure from one run, one table, also JSON.

    bash bench/corpus.sh DIR                      # once: 100+ MB of real English prose
    python bench/run.py --corpus DIR [--sizes 1,10,100] [--docs 1000,10000] [--claims 50] [--json FILE]
                        [--rerun MB [--changed 0.01]] [--parallel MB [--jobs N]]

For each size (MB of raw text, documents taken in a fixed shuffled order from ``DIR/docs``), each CLI stage runs
in its own process, the way a user runs it (``python -m annotate.cli passages|refs|claims|bundle`` and
``verify`` on the bundle written), and reports CPU seconds, MB/s of raw text per CPU second, and peak
RSS. Check latency: for each document count, one process builds the checker exactly as ``annotate
check`` does (``cli.documents`` -> ``Checker``) and times that start-up, then checks ``--claims``
sentences drawn from the documents (every k-th) and reports p50/p95 per claim. The scaling exponent
k of each stage is the least-squares slope of log(CPU) against log(size) (time ~ size^k; 1 is linear).
With ``--rerun MB``: each of passages, refs, claims and bundle runs with an empty ``--cache`` (first
run), then ``--changed`` of the documents get one more sentence and the stage runs again with the
cache (rerun) and once without (whose output the rerun's must equal byte for byte).
With ``--parallel MB``: passages, refs, claims and bundle run with ``--jobs 1`` and ``--jobs N`` on the
same documents; the row gives both wall times, their ratio (the speed-up; only meaningful on a machine
with N idle cores) and the CPU of all processes, and whether the outputs are the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
STAGES = ("passages", "refs", "claims", "bundle", "verify")


def pick(corpus: Path, limit_bytes: int | None, limit_docs: int | None, into: Path) -> tuple[int, int]:
    """Symlink documents into ``into`` until the size or count is reached; (docs, bytes).

    The order is a fixed shuffle (by the SHA-1 of each path), so every size mixes the corpus's short
    dictionary entries and long manuals as the whole does, and a larger run holds the smaller one.
    Links are numbered so that documents of the same name in two packages keep distinct ids."""
    into.mkdir(parents=True, exist_ok=True)
    total = n = 0
    docs = corpus / "docs"
    paths = sorted(docs.rglob("*.txt"), key=lambda p: hashlib.sha1(str(p.relative_to(docs)).encode()).hexdigest())
    for path in paths:
        if (limit_bytes is not None and total >= limit_bytes) or (limit_docs is not None and n >= limit_docs):
            break
        size = path.stat().st_size
        if size == 0:
            continue
        (into / f"d{n:06d}.txt").symlink_to(path)
        total += size
        n += 1
    return n, total


def measured(argv: list[str], stdout: Path | None = None) -> dict[str, float]:
    """Run ``argv`` in a child process; its CPU seconds (user + system) and peak RSS in MB (its
    standard output to ``stdout`` when given)."""
    t0 = time.monotonic()
    # A fresh wrapper per stage, so RUSAGE_CHILDREN's peak RSS is this stage's alone.
    sink = f"open({str(stdout)!r}, 'wb')" if stdout is not None else "subprocess.DEVNULL"
    wrapper = (
        "import resource, subprocess, sys, json; "
        f"r = subprocess.run(sys.argv[1:], stdout={sink}); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(json.dumps({'rc': r.returncode, 'cpu': u.ru_utime + u.ru_stime, 'rss_mb': u.ru_maxrss / 1024}))"
    )
    done = subprocess.run([sys.executable, "-c", wrapper, *argv], capture_output=True, text=True, check=True)
    row: dict[str, float] = json.loads(done.stdout)
    row["wall"] = time.monotonic() - t0
    if row["rc"] != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return row


def stage_argv(stage: str, folder: Path, bundle: Path, cache: Path | None = None, jobs: int = 1) -> list[str]:
    cli = [sys.executable, "-m", "annotate.cli"]
    extra = ["--cache", str(cache)] if cache is not None else []
    if stage == "verify":
        return [*cli, "verify", str(bundle)]
    if stage == "bundle":
        return [*cli, "bundle", "--quiet", "--jobs", str(jobs), *extra, "--out", str(bundle), str(folder)]
    return [*cli, stage, "--quiet", "--jobs", str(jobs), *extra, str(folder)]


PARALLEL_STAGES = ("passages", "refs", "claims", "bundle")


def parallel(corpus: Path, mb: float, jobs: int, tmp: Path) -> dict[str, Any]:
    """Each stage with ``--jobs 1`` and ``--jobs jobs`` on the same ``mb`` of documents: wall and CPU
    seconds of both, and whether they wrote the same bytes."""
    folder = tmp / f"parallel{mb:g}"
    docs, size = pick(corpus, int(mb * 1e6), None, folder)
    rows: dict[str, Any] = {"docs": docs, "bytes": size, "jobs": jobs, "stages": list(PARALLEL_STAGES)}
    for stage in PARALLEL_STAGES:
        runs: dict[int, dict[str, float]] = {}
        digests: dict[int, str] = {}
        for n in (1, jobs):
            out = tmp / f"par-{stage}-{n}"
            runs[n] = measured(stage_argv(stage, folder, out, jobs=n), None if stage == "bundle" else out)
            digests[n] = _tree_digest(out)
        rows[stage] = {"one": runs[1], "many": runs[jobs], "identical": digests[1] == digests[jobs]}
        print(
            f"parallel {mb:g} MB {stage}: wall {runs[1]['wall']:.1f} s -> {runs[jobs]['wall']:.1f} s with {jobs} jobs",
            file=sys.stderr,
        )
    return rows


RERUN_STAGES = ("passages", "refs", "claims", "bundle")


def _tree_digest(path: Path) -> str:
    """One SHA-256 over a file, or over every file of a folder with its relative path."""
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(path)).encode() + b"\0" + hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def change_some(folder: Path, share: float) -> int:
    """Edit ``share`` of the documents in ``folder`` (every k-th link becomes a copy with one more
    sentence); the number edited."""
    links = sorted(folder.glob("*.txt"))
    step = max(1, round(1 / share))
    edited = 0
    for k in range(step // 2, len(links), step):
        text = links[k].read_bytes()
        links[k].unlink()
        links[k].write_bytes(text + b"\nThe committee met again in Geneva on 4 March 1951 and approved the report.\n")
        edited += 1
    return edited


def rerun(corpus: Path, mb: float, share: float, tmp: Path, stages: list[str]) -> dict[str, Any]:
    """The cache's figures at one size: each stage run cold with an empty ``--cache`` (first run),
    then again with that cache after ``share`` of the sources changed (rerun), and once without any
    cache on the changed sources; the rerun's output must be the same bytes as that cold run's."""
    folder = tmp / f"rerun{mb:g}"
    docs, size = pick(corpus, int(mb * 1e6), None, folder)
    rows: dict[str, Any] = {"docs": docs, "bytes": size, "stages": stages}
    firsts = {}
    for stage in stages:
        cache = tmp / f"cache-{stage}"
        firsts[stage] = measured(stage_argv(stage, folder, tmp / "rb-first", cache), tmp / "first.out")
    rows["changed"] = change_some(folder, share)
    for stage in stages:
        cache = tmp / f"cache-{stage}"
        again = measured(stage_argv(stage, folder, tmp / f"rb-again-{stage}", cache), tmp / f"again-{stage}.out")
        cold = measured(stage_argv(stage, folder, tmp / f"rb-cold-{stage}"), tmp / f"cold-{stage}.out")
        if stage == "bundle":
            same = _tree_digest(tmp / f"rb-again-{stage}") == _tree_digest(tmp / f"rb-cold-{stage}")
        else:
            same = _tree_digest(tmp / f"again-{stage}.out") == _tree_digest(tmp / f"cold-{stage}.out")
        rows[stage] = {"first": firsts[stage], "rerun": again, "cold": cold, "identical": same}
        print(
            f"rerun {mb:g} MB {stage}: first {firsts[stage]['cpu']:.1f} s CPU, rerun {again['cpu']:.1f} s, "
            f"identical {same}",
            file=sys.stderr,
        )
    return rows


LATENCY = """
import json, statistics, sys, time
from annotate import cli
from annotate.claims import Checker
from annotate.references import build_references
folder, n_claims = sys.argv[1], int(sys.argv[2])
t0 = time.process_time()
docs = list(cli.documents([folder]))
t_docs = time.process_time() - t0
checker = Checker(docs, build_references(docs))
startup = time.process_time() - t0
sentences = [s.text for d in docs for s in d.sentences if 40 <= len(s.text) <= 200]
step = max(1, len(sentences) // max(1, n_claims))
claims = sentences[::step][:n_claims]
ms, cpu_ms = [], []
for k, text in enumerate(claims):
    t, c = time.perf_counter(), time.process_time()
    checker.check(checker.make_claim(text, f"c{k}"))
    ms.append((time.perf_counter() - t) * 1000)
    cpu_ms.append((time.process_time() - c) * 1000)
def pct(xs, q):
    xs = sorted(xs) or [0.0]
    return xs[min(len(xs) - 1, int(q * len(xs)))]
print(json.dumps({"analysis_cpu": t_docs, "startup_cpu": startup, "claims": len(claims), "p50_ms": pct(ms, 0.5),
                  "p95_ms": pct(ms, 0.95), "p50_cpu_ms": pct(cpu_ms, 0.5), "p95_cpu_ms": pct(cpu_ms, 0.95)}))
"""


def latency(folder: Path, n_claims: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", LATENCY, str(folder), str(n_claims)], capture_output=True, text=True, check=True
    )
    row: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return row


def exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) on log(x)."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = statistics.fmean(p[0] for p in pts)
    my = statistics.fmean(p[1] for p in pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx if sxx else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="the folder bench/corpus.sh built")
    ap.add_argument("--sizes", default="1,10", help="MB of raw text per run (comma-separated)")
    ap.add_argument("--docs", default="1000", help="document counts for check latency (comma-separated)")
    ap.add_argument("--claims", type=int, default=50, help="claims checked per latency run")
    ap.add_argument("--stages", default=",".join(STAGES))
    ap.add_argument("--rerun", type=float, default=0.0, help="MB for the --cache rerun rows (0: none)")
    ap.add_argument("--rerun-stages", default=",".join(RERUN_STAGES), help="stages of the --rerun rows")
    ap.add_argument("--changed", type=float, default=0.01, help="share of sources changed before the rerun")
    ap.add_argument("--parallel", type=float, default=0.0, help="MB for the --jobs 1 / --jobs N rows (0: none)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N of the --parallel rows")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    os.environ.setdefault("PYTHONPATH", str(REPO))
    stages = [s for s in args.stages.split(",") if s]
    results: dict[str, Any] = {"sizes": {}, "latency": {}, "exponents": {}, "rerun": {}, "parallel": {}}
    with tempfile.TemporaryDirectory(prefix="citetrace-run-") as tmp:
        for mb in [float(x) for x in args.sizes.split(",") if x]:
            folder = Path(tmp) / f"mb{mb:g}"
            docs, size = pick(args.corpus, int(mb * 1e6), None, folder)
            bundle = Path(tmp) / f"bundle{mb:g}"
            row: dict[str, Any] = {"docs": docs, "bytes": size}
            for stage in stages:
                m = measured(stage_argv(stage, folder, bundle))
                m["mb_per_cpu_s"] = size / 1e6 / m["cpu"] if m["cpu"] else 0.0
                row[stage] = m
                print(f"{mb:g} MB {stage}: {m['cpu']:.1f} s CPU, {m['rss_mb']:.0f} MB RSS", file=sys.stderr)
            results["sizes"][f"{mb:g}"] = row
        for n in [int(x) for x in args.docs.split(",") if x]:
            folder = Path(tmp) / f"docs{n}"
            docs, size = pick(args.corpus, None, n, folder)
            row = latency(folder, args.claims)
            row.update(docs=docs, bytes=size)
            results["latency"][str(n)] = row
            print(
                f"{n} docs: start-up {row['startup_cpu']:.1f} s, p95 {row['p95_ms']:.1f} ms "
                f"({row['p95_cpu_ms']:.1f} ms CPU)",
                file=sys.stderr,
            )
        if args.rerun:
            stages_rr = [s for s in args.rerun_stages.split(",") if s]
            results["rerun"] = rerun(args.corpus, args.rerun, args.changed, Path(tmp), stages_rr)
        if args.parallel:
            results["parallel"] = parallel(args.corpus, args.parallel, args.jobs, Path(tmp))
    for stage in stages:
        pts = [(r["bytes"], r[stage]["cpu"]) for r in results["sizes"].values() if stage in r]
        results["exponents"][stage] = exponent(pts)
    lat = [(r["docs"], r["startup_cpu"]) for r in results["latency"].values()]
    results["exponents"]["check start-up"] = exponent(lat)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print("## Scale (one run; CPU seconds, MB/s of raw text per CPU second, peak RSS)\n")
    print("| size | docs | stage | CPU s | MB/s | peak RSS MB |")
    print("| ---: | ---: | --- | ---: | ---: | ---: |")
    for mb, r in results["sizes"].items():
        for stage in stages:
            m = r[stage]
            print(
                f"| {mb} MB | {r['docs']:,} | {stage} | {m['cpu']:.1f} | {m['mb_per_cpu_s']:.2f} | {m['rss_mb']:.0f} |"
            )
    # Wall latency is what a user waits; CPU latency is what a shared, loaded machine cannot inflate.
    print("\n| documents | MB | analysis CPU s | check start-up CPU s | claims | p50 / p95 ms | p50 / p95 CPU ms |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, r in results["latency"].items():
        print(
            f"| {int(n):,} | {r['bytes'] / 1e6:.1f} | {r['analysis_cpu']:.1f} | {r['startup_cpu']:.1f} | {r['claims']} "
            f"| {r['p50_ms']:.1f} / {r['p95_ms']:.1f} | {r['p50_cpu_ms']:.1f} / {r['p95_cpu_ms']:.1f} |"
        )
    if results["rerun"]:
        rr = results["rerun"]
        print(
            f"\n| --cache, {rr['bytes'] / 1e6:.1f} MB, {rr['docs']:,} docs, {rr['changed']} changed "
            "| first CPU s | first wall s | rerun CPU s | rerun wall s | CPU ratio | no-cache CPU s | identical |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for stage in rr["stages"]:
            f, a, c = rr[stage]["first"], rr[stage]["rerun"], rr[stage]["cold"]
            print(
                f"| {stage} | {f['cpu']:.1f} | {f['wall']:.1f} | {a['cpu']:.1f} | {a['wall']:.1f} "
                f"| {f['cpu'] / a['cpu']:.1f}x | {c['cpu']:.1f} | {'yes' if rr[stage]['identical'] else 'NO'} |"
            )
    if results["parallel"]:
        pr = results["parallel"]
        n = pr["jobs"]
        print(
            f"\n| --jobs, {pr['bytes'] / 1e6:.1f} MB, {pr['docs']:,} docs | wall s, 1 job | wall s, {n} jobs "
            f"| speed-up | CPU s, 1 job | CPU s, {n} jobs | identical |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for stage in pr["stages"]:
            a, b = pr[stage]["one"], pr[stage]["many"]
            print(
                f"| {stage} | {a['wall']:.1f} | {b['wall']:.1f} | {a['wall'] / b['wall']:.2f}x | {a['cpu']:.1f} "
                f"| {b['cpu']:.1f} | {'yes' if pr[stage]['identical'] else 'NO'} |"
            )
    exps = ", ".join(f"{k} {v:.2f}" for k, v in results["exponents"].items() if v is not None)
    print(f"\nscaling exponents (time ~ size^k): {exps or 'need two sizes'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
