"""Where a bundle run's memory goes: VmRSS after each stage of ``annotate bundle``, and the peak in each.

    .venv/bin/python bench/bench_memory.py /tmp/p05 [--jobs 1] [--trace 12]

A thread samples VmRSS (``/proc/self/status``) every 20 ms; the stages are marked by wrapping the
functions :mod:`annotate.pipeline` and :mod:`annotate.cli` call (analysed documents, references,
alias table, claims, checker, verdicts, numbering, links, writing). ``--trace N`` also starts
tracemalloc and prints the N source lines that allocated most in each stage (about 3x slower,
and RSS then includes tracemalloc's own records). Compare two trees by running it with
each tree's copy of this script. Linux only. Run ``bench/run.py`` for the scale table.
"""

from __future__ import annotations

import argparse
import functools
import gc
import shutil
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # this tree's packages, not an editable install's

import annotate.pipeline as pipeline  # noqa: E402
from annotate import cli  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class _Probe:
    def __init__(self, top: int) -> None:
        self.top = top
        self.stage = "start"
        self.peak: dict[str, float] = {}
        self.snapshot: tracemalloc.Snapshot | None = None

    def sample(self) -> None:
        while True:
            rss = _rss_mb()
            self.peak[self.stage] = max(self.peak.get(self.stage, 0.0), rss)
            time.sleep(0.02)

    def mark(self, name: str) -> None:
        gc.collect()
        line = f"{name:24s} RSS {_rss_mb():7.1f} MB  (peak so far {max(self.peak.values(), default=0):7.1f})"
        print(f"{line}  CPU {time.process_time():6.1f} s", flush=True)
        if self.top:
            snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
            stats = snap.compare_to(self.snapshot, "lineno") if self.snapshot else snap.statistics("lineno")
            for stat in stats[: self.top]:
                print(f"    {stat}", flush=True)
            self.snapshot = snap
        self.stage = f"after {name}"

    def wrap(self, owner: Any, name: str, label: str, before: str | None = None) -> None:
        fn: Callable[..., Any] = getattr(owner, name)

        @functools.wraps(fn)
        def marked(*args: Any, **kwargs: Any) -> Any:
            if before:
                self.mark(before)
            out = fn(*args, **kwargs)
            self.mark(label if name != "cached_map" else f"{label} ({args[0]})")
            return out

        setattr(owner, name, marked)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", help="source files or folders")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--trace", type=int, default=0, metavar="N", help="tracemalloc: N top lines per stage")
    args = ap.parse_args()
    probe = _Probe(args.trace)
    if args.trace:
        tracemalloc.start(1)
    threading.Thread(target=probe.sample, daemon=True).start()
    probe.mark("imports")
    probe.wrap(pipeline, "_annotate", "annotated corpus", before="analysed documents")
    probe.wrap(pipeline, "cached_map", "per-source step")
    probe.wrap(pipeline, "merge_references", "references merged")
    probe.wrap(pipeline, "corpus_aliases", "alias table")
    probe.wrap(pipeline, "number_evidence", "verdicts numbered", before="checker built")
    probe.wrap(pipeline, "citation_links", "citation links")
    probe.wrap(pipeline, "link_references", "reading links")
    probe.wrap(cli, "write_bundle", "written")
    out = Path(tempfile.mkdtemp(prefix="bench-memory-")) / "bundle"
    try:
        rc = cli.main(["bundle", "--quiet", "--jobs", str(args.jobs), "--out", str(out), *args.paths])
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)
    time.sleep(0.05)
    print(f"\npeak VmRSS {max(probe.peak.values()):.1f} MB, CPU {time.process_time():.1f} s (this process)")
    for stage, mb in probe.peak.items():
        print(f"  peak {stage:34s} {mb:7.1f} MB")
    return rc


if __name__ == "__main__":
    sys.exit(main())
