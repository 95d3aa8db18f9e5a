"""Scale benchmark of the evidence index (annotate.index.EvidenceIndex).

Generates N synthetic passages of historical prose deterministically, indexes them on disk in a
temporary directory, reopens the index, runs claim-like queries and prints a markdown table:
indexing time, index size, peak RSS, open time, search latency percentiles (top-10), and how often
the passage a claim was made from comes first / in the top 10.

    python bench/bench_index.py --sizes 10000,250000,1000000
    python bench/bench_index.py --sizes 10000,250000 --engines tantivy,fts5

Each (engine, size) runs in its own child process, so peak RSS is that run's own. Passages are
~25 words: function words, a Zipf-distributed content vocabulary (real historical-prose words at
the head, generated words in the tail, ~40k types in all, Zipf-Mandelbrot frequencies), personal
names, dates and numbers.
Queries: 200 claims paraphrased from indexed passages (words dropped, a few changed) and 100 from
held-out sentences that were never indexed (claims with no support).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from annotate.evidence_index import STOP_WORDS, EvidenceIndex  # noqa: E402
from corpus.model import OffsetMap, Passage, PassageKind, Span  # noqa: E402

# -- synthetic corpus -----------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """The whitespace-separated words of ``text`` (keeps the word lists below readable)."""
    return text.split()


FUNCTION_WORDS = words(
    "the of and to in a that was for on by with as his from at which were had it their be this an "
    "he its not but after who they been into was over would also during when between against under "
    "before until while than both"
)

CONTENT_WORDS = words(
    "government state states united soviet union russia russian american americans president treaty "
    "relations diplomatic recognition recognized established establishment war peace army navy fleet "
    "congress senate parliament king queen emperor empire republic revolution regime party communist "
    "bolshevik power control council minister ministry ambassador embassy negotiations agreement "
    "agreements trade commerce commercial debts loans bank banks economy economic depression famine "
    "relief industry industrial factory factories plant workers labor strike union railway railroad "
    "canal port harbor ship ships vessel coast river mountain city capital province region territory "
    "border frontier colony colonies settlers church religious freedom worship bishop pope monastery "
    "crown court law laws constitution election elections vote voters citizens rights liberty "
    "propaganda newspaper press letter letters report reports document documents archive archives "
    "history historian historians century decade year years month months day days night morning "
    "battle siege victory defeat troops soldiers officers general generals admiral commander command "
    "alliance allies enemy enemies invasion occupation independence rebellion revolt uprising "
    "conference summit delegation delegates secretary foreign affairs domestic policy policies "
    "reform reforms tax taxes tariff tariffs market markets price prices grain wheat cotton oil coal "
    "steel iron gold silver money currency treasury budget loan interest investors companies company "
    "corporation merchants merchant guild craftsmen peasants nobles nobility aristocracy landowners "
    "estate estates village villages town towns population census migration immigrants exile exiles "
    "prison prisoners trial judge jury sentence execution assassination murder plot conspiracy spy "
    "spies intelligence secret police security military naval air force bomb bombing attack "
    "offensive retreat withdrawal surrender armistice ceasefire negotiation mediation arbitration "
    "legitimacy sovereignty authority leader leaders leadership successor succession dynasty heir "
    "marriage daughter son father mother brother sister family uncle widow children school "
    "university college scholars science scientific discovery invention expedition explorer voyage "
    "map maps island islands ocean sea lake desert forest plague disease epidemic hospital doctors "
    "medicine fever malaria cholera famine drought flood earthquake eruption volcano fire storm "
    "cathedral palace castle fortress walls gate bridge road roads highway tunnel locks dam "
    "engineer engineers construction building buildings architect monument statue museum library "
    "manuscript book books edition publisher printed printing journal magazine article articles "
    "speech address declaration proclamation decree statute charter petition protest protests "
    "demonstration crowd riot riots strike strikes movement movements organization society "
    "association committee commission board office officials official bureaucracy administration "
    "province governor mayor sheriff consul envoy legation mission missionary missionaries trader "
    "traders fur furs tobacco sugar slaves slavery abolition emancipation civil rights suffrage "
    "women men workers farmers soldiers sailors pilots ambassadors diplomats statesmen signed "
    "ratified approved rejected opposed supported announced declared appointed elected defeated "
    "founded built destroyed captured seized occupied invaded liberated recognized refused agreed "
    "promised pledged negotiated demanded accepted resigned died born married crowned abdicated "
    "exiled arrested executed released returned arrived departed sailed marched fought won lost "
    "hostile friendly formal official secret public private national international local royal "
    "imperial federal colonial ancient medieval modern early late first second third last new old "
    "great small major minor northern southern eastern western atlantic pacific european asian "
    "african japanese german french british spanish italian chinese polish ottoman austrian"
)

FIRST_NAMES = words(
    "Franklin Joseph Maxim Cordell William Alexander Robert Herbert Woodrow Calvin Vladimir Leon "
    "Nikolai Georgy Mikhail Anna Maria Elizabeth Catherine Victoria Charles Henry Louis Frederick "
    "Otto Ferdinand George Thomas John James Edward Arthur Winston Neville Benito Francisco Manuel "
    "Pedro Juan Carlos Simon Emilio Sun Chiang Mao Hirohito Kemal Ismail Abdul Ahmed Omar Ibrahim"
)

SURNAMES = words(
    "Roosevelt Stalin Litvinov Hull Bullitt Troyanovsky Hoover Wilson Coolidge Lenin Trotsky "
    "Chicherin Molotov Kerensky Kollontai Tolstoy Romanov Habsburg Bismarck Lesseps Goethals Gorgas "
    "Churchill Chamberlain Mussolini Franco Bolivar Zapata Villa Madero Diaz Kemal Ataturk Pasha "
    "Nasser Gandhi Nehru Jinnah Sukarno Kenyatta Nkrumah Lumumba Mandela Browder Kennan Harriman "
    "Davies Hopkins Welles Acheson Marshall Truman Eisenhower Dulles Kennedy Khrushchev Brezhnev"
)

MONTHS = words("January February March April May June July August September October November December")

SYLLABLES = words(
    "ka ri to mo len sa vi ter an dro pel bur gal nor fen tis om ar quin zel ho mu cas ben dor ix "
    "el ra sho tan vel mir got pra lis cen"
)


def build_vocabulary(rng: random.Random, size: int = 40_000) -> list[str]:
    """Content vocabulary in Zipf rank order: the real words first, then generated ones."""
    vocab = list(dict.fromkeys(CONTENT_WORDS))
    seen = set(vocab) | set(FUNCTION_WORDS)
    while len(vocab) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            vocab.append(word)
    return vocab


class Generator:
    """Deterministic sentences of ~25 words (seeded)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = build_vocabulary(random.Random(seed + 1))
        self.cum: list[float] = []
        total = 0.0
        # Zipf-Mandelbrot: content words continue the rank list after ~100 function words, so the
        # commonest content word is in a few percent of passages, as in real prose, not in most.
        for rank in range(1, len(self.vocab) + 1):
            total += 1.0 / (rank + 100) ** 1.07
            self.cum.append(total)

    def sentence(self) -> str:
        rng = self.rng
        n = rng.randint(17, 33)
        n_content = max(4, round(n * 0.55))
        content = rng.choices(self.vocab, cum_weights=self.cum, k=n_content)
        words: list[str] = []
        for w in content:
            if rng.random() < 0.8:
                words.append(rng.choice(FUNCTION_WORDS))
            words.append(w)
        r = rng.random()
        if r < 0.6:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
            words.insert(rng.randrange(len(words) + 1), name)
        if rng.random() < 0.35:
            date = f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1500, 2020)}"
            words.insert(rng.randrange(len(words) + 1), date)
        if rng.random() < 0.25:
            words.insert(rng.randrange(len(words) + 1), f"{rng.randint(2, 90000):,}")
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."


class Corpus:
    """Streams N passages, 40 per source; remembers the texts queries are made from."""

    PER_SOURCE = 40

    def __init__(self, n: int, seed: int, n_targets: int) -> None:
        self.n = n
        self.gen = Generator(seed)
        step = max(1, n // n_targets)
        self.target_at = set(range(step // 2, n, step)[:n_targets])
        self.targets: list[tuple[str, str]] = []  # (passage id, text)
        self.gen_seconds = 0.0

    def rows(self) -> Iterator[tuple[str, str, str, int, int, str, str]]:
        """(id, source, kind, start, end, section, text) tuples."""
        offset = 0
        for i in range(self.n):
            t0 = time.perf_counter()
            s, j = divmod(i, self.PER_SOURCE)
            if j == 0:
                offset = 0
            source = f"src{s:07d}"
            pid = f"{source}.p{j}"
            kind = PassageKind.PARAGRAPH.value if j % 4 == 0 else PassageKind.SENTENCE.value
            text = self.gen.sentence()
            if kind == PassageKind.PARAGRAPH.value:
                text = f"{text} {self.gen.sentence()}"
            section = f"Chapter {j // 10 + 1}"
            if i in self.target_at:
                self.targets.append((pid, text))
            row = (pid, source, kind, offset, offset + len(text), section, text)
            offset += len(text) + 1
            self.gen_seconds += time.perf_counter() - t0
            yield row

    def passages(self) -> Iterator[Passage]:
        for pid, source, kind, start, end, section, text in self.rows():
            t0 = time.perf_counter()
            # section as **kwargs: mypy cannot type attrs' converter=tuple argument of Passage.
            under: dict[str, Any] = {"section": (section,)}
            p = Passage(pid, kind, text, Span(source, start, end), OffsetMap.contiguous(start, len(text)), **under)
            self.gen_seconds += time.perf_counter() - t0
            yield p


def make_claim(text: str, rng: random.Random, vocab: list[str]) -> str:
    """Paraphrase-like claim: drop ~30% of words, change ~10%, keep the order."""
    words = text.rstrip(".").split()
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < 0.30:
            continue
        if r < 0.40:
            out.append(rng.choice(vocab[:2000]))
        else:
            out.append(w)
    return " ".join(out or words[:3])


# -- engines --------------------------------------------------------------------------------------


class TantivyEngine:
    name = "tantivy"

    def build(self, corpus: Corpus, where: Path) -> None:
        EvidenceIndex(where).add(corpus.passages())

    def open(self, where: Path) -> None:
        self.index = EvidenceIndex(where)

    def search(self, query: str) -> list[str]:
        return [h.passage for h in self.index.search(query, k=10)]

    def search_filtered(self, query: str) -> list[str]:
        return [h.passage for h in self.index.search(query, k=10, kinds=["sentence"])]


class Fts5Engine:
    """SQLite FTS5 (stdlib) with the porter tokenizer and bm25() ranking, for comparison."""

    name = "fts5"

    def build(self, corpus: Corpus, where: Path) -> None:
        where.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(where / "index.sqlite")
        con.execute(
            "CREATE VIRTUAL TABLE passages USING fts5("
            "id UNINDEXED, source UNINDEXED, kind UNINDEXED, start UNINDEXED, end UNINDEXED, "
            "section UNINDEXED, text, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        batch: list[tuple[str, str, str, int, int, str, str]] = []
        with con:
            for row in corpus.rows():
                batch.append(row)
                if len(batch) == 10_000:
                    con.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
                    batch.clear()
            con.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
        con.execute("INSERT INTO passages(passages) VALUES ('optimize')")
        con.commit()
        con.close()

    def open(self, where: Path) -> None:
        self.con = sqlite3.connect(where / "index.sqlite")

    def _match(self, query: str) -> str:
        tokens = "".join(c if c.isalnum() else " " for c in query.lower()).split()
        terms = [w for w in tokens if w not in STOP_WORDS] or tokens
        return " OR ".join(f'"{t}"' for t in dict.fromkeys(terms))

    def search(self, query: str, kind: str | None = None) -> list[str]:
        match = self._match(query)
        if not match:
            return []
        sql = "SELECT id, source, kind, start, end, section, text FROM passages WHERE passages MATCH ?"
        args: list[Any] = [match]
        if kind is not None:
            sql += " AND kind = ?"
            args.append(kind)
        sql += " ORDER BY bm25(passages), id LIMIT 10"
        return [row[0] for row in self.con.execute(sql, args)]

    def search_filtered(self, query: str) -> list[str]:
        return self.search(query, kind="sentence")


ENGINES: dict[str, type[TantivyEngine] | type[Fts5Engine]] = {"tantivy": TantivyEngine, "fts5": Fts5Engine}


# -- one run (child process) ----------------------------------------------------------------------


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def run_one(engine_name: str, n: int, seed: int, n_queries: int, workdir: Path) -> dict[str, Any]:
    engine = ENGINES[engine_name]()
    n_supported = n_queries * 2 // 3
    corpus = Corpus(n, seed, n_supported)
    where = workdir / f"{engine_name}-{n}"
    t0 = time.perf_counter()
    engine.build(corpus, where)
    build_total = time.perf_counter() - t0
    index_seconds = build_total - corpus.gen_seconds
    size = dir_size(where)

    t0 = time.perf_counter()
    engine.open(where)
    open_ms = (time.perf_counter() - t0) * 1000

    rng = random.Random(seed + 7)
    vocab = corpus.gen.vocab
    queries: list[tuple[str, str | None]] = [(make_claim(t, rng, vocab), pid) for pid, t in corpus.targets]
    held_out = Generator(seed + 1000)
    while len(queries) < n_queries:
        queries.append((make_claim(held_out.sentence(), rng, vocab), None))

    for q, _ in queries[:20]:  # warm-up
        engine.search(q)
    latencies: list[float] = []
    cpu: list[float] = []
    first = top10 = supported = 0
    for q, target in queries:
        t0, c0 = time.perf_counter(), time.thread_time()
        ids = engine.search(q)
        # Both engines search in the calling thread, so its CPU time leaves out waiting for a
        # CPU on a busy machine; wall time includes it.
        cpu.append((time.thread_time() - c0) * 1000)
        latencies.append((time.perf_counter() - t0) * 1000)
        if target is not None:
            supported += 1
            first += bool(ids) and ids[0] == target
            top10 += target in ids
    filtered: list[float] = []
    for q, _ in queries:
        t0 = time.perf_counter()
        engine.search_filtered(q)
        filtered.append((time.perf_counter() - t0) * 1000)

    return {
        "engine": engine_name,
        "n": n,
        "gen_s": corpus.gen_seconds,
        "index_s": index_seconds,
        "size_mb": size / 1e6,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "open_ms": open_ms,
        "queries": len(queries),
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "cpu_p50": statistics.median(cpu),
        "cpu_p95": percentile(cpu, 0.95),
        "p95_filtered": percentile(filtered, 0.95),
        "hit1": first / max(supported, 1),
        "hit10": top10 / max(supported, 1),
    }


# -- driver ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,250000", help="comma-separated passage counts")
    ap.add_argument("--engines", default="tantivy", help="comma-separated: tantivy, fts5")
    ap.add_argument("--queries", type=int, default=300, help="claims per run (2/3 supported)")
    ap.add_argument("--seed", type=int, default=1933)
    ap.add_argument("--workdir", type=Path, default=None, help="where indexes are built (default: a temp dir)")
    ap.add_argument("--child", nargs=2, metavar=("ENGINE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        result = run_one(args.child[0], int(args.child[1]), args.seed, args.queries, args.workdir)
        print(json.dumps(result))
        return 0

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    for e in engines:
        if e not in ENGINES:
            ap.error(f"unknown engine {e!r} (choose from {', '.join(ENGINES)})")
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    import tantivy  # noqa: PLC0415 - only to report the engine's version

    engine_version = getattr(tantivy, "__version__", "tantivy ?")
    print(
        f"# evidence index benchmark: python {platform.python_version()}, {engine_version}, "
        f"sqlite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, {platform.machine()}\n"
    )
    print(
        "| engine | passages | index s | passages/s | size MB | peak RSS MB | open ms "
        "| p50 ms | p95 ms | p99 ms | CPU p50/p95 ms | p95 ms kind filter | hit@1 | hit@10 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = Path(tempfile.mkdtemp(prefix="bench_index_")) if args.workdir is None else args.workdir
    try:
        for n in sizes:
            for e in engines:
                cmd = [sys.executable, __file__, "--child", e, str(n), "--seed", str(args.seed)]
                cmd += ["--queries", str(args.queries), "--workdir", str(base)]
                proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
                if proc.returncode != 0:
                    print(f"| {e} | {n:,} | failed: {proc.stderr.strip().splitlines()[-1:]} |")
                    continue
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                print(
                    f"| {r['engine']} | {r['n']:,} | {r['index_s']:.1f} | {r['n'] / r['index_s']:,.0f} "
                    f"| {r['size_mb']:.0f} | {r['rss_mb']:.0f} | {r['open_ms']:.0f} "
                    f"| {r['p50']:.2f} | {r['p95']:.2f} | {r['p99']:.2f} "
                    f"| {r['cpu_p50']:.2f} / {r['cpu_p95']:.2f} | {r['p95_filtered']:.2f} "
                    f"| {r['hit1']:.2f} | {r['hit10']:.2f} |",
                    flush=True,
                )
                shutil.rmtree(base / f"{e}-{n}", ignore_errors=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(base, ignore_errors=True)
    print(
        "\nindex s: adding and committing, without generating the passages. Latency: one top-10 search() "
        "call (query analysis, search, loading the hits) on the reopened on-disk index after 20 warm-up "
        "queries; wall clock, and the calling thread's CPU time (robust to a busy machine). Kind filter: "
        "the same queries restricted to sentences."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
