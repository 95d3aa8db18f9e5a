"""Benchmark of citation bundles (annotate.bundle): the embedded corpus and a larger synthetic one.

For each corpus it times the stages of ``annotate bundle`` (analysis, references + claim
extraction + checking + links, writing the bundle), then ``verify`` and a TEI read-back, and
reports the size of the TEI, the peak RSS of the run, and how far the streaming TEI writer raises
the resident memory (Linux VmHWM after a reset) next to the size of what it wrote: the writer
holds one source's tree (or one claim's elements) at a time, so the rise stays small however
large the corpus grows.

    python bench/bench_bundle.py                 # embedded corpus + 200 synthetic sources
    python bench/bench_bundle.py --sources 500   # a larger synthetic corpus

Synthetic sources are generated deterministically: dated facts about a fixed cast of people, states
and places (so facts recur, agree and conflict across sources), one seed paragraph each, a title,
a dateline, headings and a further-reading list from the seed bibliography, so the whole pipeline
(claims, checking, links) has realistic work to do. Each corpus runs in its own child
process, so the peak RSS is that corpus's own.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from annotate import __version__  # noqa: E402
from annotate.bundle.verify import verify_bundle  # noqa: E402
from annotate.bundle.write import write_bundle  # noqa: E402
from annotate.pipeline import annotate  # noqa: E402
from annotate.tei.read import read_tei  # noqa: E402
from annotate.tei.write import write_tei  # noqa: E402
from corpus.analyze import analyze  # noqa: E402
from corpus.load import embedded_sources, source_from_text  # noqa: E402
from corpus.model import Source  # noqa: E402

MONTHS = ["January", "March", "May", "July", "September", "November"]


PEOPLE = [
    "Franklin D. Roosevelt", "Maxim Litvinov", "Cordell Hull", "William Bullitt", "Joseph Stalin",
    "Alexander Troyanovsky", "Henry Ford", "Frances Perkins", "Harold Ickes", "Sumner Welles",
]  # fmt: skip
PLACES = ["Washington", "Moscow", "Geneva", "London", "Paris", "Tokyo", "Berlin", "Leningrad", "Detroit", "Rome"]
ACTS = [
    "signed a trade agreement with", "opened talks with", "sent a telegram to", "met", "wrote to",
    "broke off relations with", "recognized the government of", "negotiated a loan with",
]  # fmt: skip
PARTIES = ["the Soviet Union", "the United States", "Germany", "Japan", "Great Britain", "France", "Italy"]
OUTCOMES = [
    "The talks lasted {n} days.", "More than {n} officials took part.", "The agreement covered {n} articles.",
    "Trade rose by {n} percent within a year.", "About {n} engineers travelled to the factories.",
]  # fmt: skip


def _sentence(rng: random.Random) -> str:
    person, act, party, place = rng.choice(PEOPLE), rng.choice(ACTS), rng.choice(PARTIES), rng.choice(PLACES)
    # Most sources agree on when a thing happened; one in five gives another year.
    year = 1917 + random.Random(f"{person}{act}{party}").randint(0, 28)
    if rng.random() < 0.2:
        year = rng.randint(1917, 1945)
    month = MONTHS[year % len(MONTHS)]
    when = rng.choice([f"In {month} {year}", f"On {month} {year % 28 + 1}, {year}"])
    fact = f"{when}, {person} {act} {party} in {place}."
    return fact if rng.random() < 0.7 else f"{fact} {rng.choice(OUTCOMES).format(n=rng.randint(2, 90))}"


def synthetic_sources(n: int, seed: int = 7) -> list[Source]:
    """``n`` deterministic sources: generated dated facts about people, states and places (so facts
    recur, agree and conflict across sources the way a topical corpus does), one seed paragraph
    each, headings, a dateline, and a further-reading list drawn from the seed bibliography."""
    seeds = embedded_sources()
    paragraphs = [
        p.strip()
        for s in seeds
        for p in re.split(r"\n\s*\n", s.raw)
        if len(p) > 200 and "[kw]" not in p and "citation-type" not in p
    ]
    entries = [
        re.sub(r"\s*citation-type=\S+\s*xlink:type=\S+\s*", "", ln).strip()
        for ln in seeds[1].raw.splitlines()
        if "citation-type" in ln
    ]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        blocks = [f"Report {i}: Relations Between States", f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, 20{i % 20:02d}"]
        for h in range(rng.randint(1, 3)):
            blocks.append(f"Part {h + 1} of the Story")
            for _ in range(rng.randint(2, 4)):
                blocks.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 5))))
        blocks.insert(3, rng.choice(paragraphs))
        blocks.append("Further Reading")
        blocks.extend(rng.sample(entries, rng.randint(1, 4)))
        out.append(source_from_text("\n\n".join(blocks) + "\n", f"syn{i:04d}"))
    return out


def _status_kb(field: str) -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss_kb() -> int:
    return _status_kb("VmRSS")


def _peak_kb() -> int:
    return _status_kb("VmHWM")


def _reset_peak() -> None:
    # Linux: writing 5 to clear_refs resets the peak RSS (VmHWM) to the current RSS.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _mb(kb: int) -> float:
    return round(kb / 1024, 1)


def run_one(name: str, n: int) -> dict[str, Any]:
    """Bundle one corpus and time every stage (runs in a child process).

    Memory: the resident size once the corpus is analysed and checked, then each later stage's
    peak resident size (VmHWM reset before the stage), so what a stage itself needs shows.
    """
    sources = embedded_sources() if name == "embedded" else synthetic_sources(n)
    t0 = time.perf_counter()
    docs = [analyze(s) for s in sources]
    t1 = time.perf_counter()
    content = annotate(docs)
    t2 = time.perf_counter()
    rss_content = _rss_kb()
    # The TEI writer alone, writing to a file: how far the resident size rises above what the
    # corpus already takes (lxml's trees live outside the Python heap, so RSS, not tracemalloc).
    with tempfile.TemporaryDirectory() as tmp:
        _reset_peak()
        write_tei(Path(tmp) / "c.xml", content.documents, content.references, content.verdicts, content.links)
        writer_rise = max(0, _peak_kb() - rss_content)
    peaks: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bundle"
        _reset_peak()
        t3 = time.perf_counter()
        write_bundle(out, content)
        t4 = time.perf_counter()
        peaks["write_bundle"] = _peak_kb()
        _reset_peak()
        failures = verify_bundle(out)
        t5 = time.perf_counter()
        peaks["verify"] = _peak_kb()
        tei = (out / "corpus.tei.xml").read_bytes()
        total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    _reset_peak()
    t6 = time.perf_counter()
    back = read_tei(tei)
    t7 = time.perf_counter()
    peaks["read_tei"] = _peak_kb()
    # The bundled TEI names each source's bundled copy as its path; everything else comes back.
    assert [(d.passages, d.removals, d.source.raw) for d in back.documents] == [
        (d.passages, d.removals, d.source.raw) for d in content.documents
    ], "TEI round trip lost something"
    assert back.verdicts == content.verdicts
    assert back.links == content.links
    return {
        "corpus": name,
        "sources": len(docs),
        "passages": sum(len(d.passages) for d in docs),
        "claims": len(content.verdicts),
        "evidence": sum(len(v.evidence) for v in content.verdicts),
        "conflicts": sum(len(v.conflicts) for v in content.verdicts),
        "links": len(content.links),
        "analyze_s": round(t1 - t0, 3),
        "claims_check_links_s": round(t2 - t1, 3),
        "write_bundle_s": round(t4 - t3, 3),
        "verify_s": round(t5 - t4, 3),
        "read_tei_s": round(t7 - t6, 3),
        "tei_mb": round(len(tei) / 1e6, 2),
        "bundle_mb": round(total / 1e6, 2),
        "rss_checked_mb": _mb(rss_content),
        "tei_writer_rise_mb": _mb(writer_rise),
        "write_bundle_peak_mb": _mb(peaks["write_bundle"]),
        "verify_peak_mb": _mb(peaks["verify"]),
        "read_tei_peak_mb": _mb(peaks["read_tei"]),
        "verify_failures": len(failures),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200, help="synthetic corpus size (default 200)")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child[0], int(args.child[1]))))
        return
    rows = []
    for name, n in (("embedded", 0), ("synthetic", args.sources)):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", name, str(n)], stdout=subprocess.PIPE, text=True, check=True
        )
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(f"# bench_bundle: citetrace {__version__}, Python {platform.python_version()}, {platform.machine()}\n")
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()
