"""Documents benchmark: reference finding, reference parsing, page main text, throughput (issue 10).

    python bench/bench_documents.py [--split dev|test|train] [--baseline REV] [--json FILE] [--mb 5]
        [--parser-only|--pages-only|--finding-only]

Data: ``bench/data/public`` as written by ``bench/datasets/documents.py`` (see bench/data/DOCUMENTS.md).
Rows, in one run:

* **finding**: entry-level precision/recall/F1 of the ``bibliography_entry`` passages of each finder
  document against its gold entries (an entry counts when its span and the gold span overlap by at
  least 90% of both lengths, matched one to one); the same on synthetic web pages of the split
  (``bench/datasets/synthetic.py``: the split's pages with its parser strings inserted as bibliographies);
  on GROBID's papers, bibliography-line precision/recall/F1 (a line is found when entries cover half its
  non-blank characters; footnotes left out), and entry-level figures on GROBID's reference sections
  (``bench/datasets/grobid_layout.py``); ``--finding-only`` measures these rows alone;
* **parsing**: field-level F1 per field and the exact-entry rate on each parser set (AnyStyle labels
  mapped to the library's fields; values compared after normalisation, see ``normalise``; AnyStyle's
  one ``volume`` field for "12(3)" or "Vol. 12, No. 3" is scored as the library's volume and issue, and
  for "No. 18" alone as the issue alone; people by every name word, connectors and role words aside;
  typeface markup such as "<italic>" is no field's text) and the CPU milliseconds per parsed string;
  ``--parser-only`` measures these rows alone;
* **end to end**: field F1 of the references parsed from the found entries against the references
  parsed from the gold entries (finding errors only, since the finder documents carry no field gold);
* **pages**: share of the must-appear strings found in the body text (title, headings, paragraphs,
  list items, captions) and of the must-not-appear strings absent from it; the same on the article
  extraction pages (``pages-aeb``, from Zyte's benchmark: the article's paragraphs must appear, lines
  outside it must not); a list item is read with the marker its raw line has, as the gold strings keep
  it; and, on each set, the share of pages with an ``<h1>`` headline whose title passage is one;
* **throughput**: MB/s of CPU for ``corpus.analyze`` (cleaning, structure, segmentation) over the
  pages and finder documents, and over a slice of the scale corpus when ``--corpus DIR`` is given.

``--baseline REV`` runs the same measurements on the code of git revision REV (checked out in a
temporary worktree) in the same run, and prints both columns and their difference.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "bench" / "data" / "public"
sys.path.insert(0, str(REPO / "bench" / "datasets"))

import synthetic  # noqa: E402

# AnyStyle parser labels -> the library's Reference fields (labels not listed are not scored).
FIELD_OF = {
    "author": "authors",
    "editor": "editors",
    "translator": "translators",
    "title": "title",
    "journal": "container_title",
    "container-title": "container_title",
    "collection-title": "collection_title",
    "date": "year",
    "volume": "volume",
    "pages": "pages",
    "location": "place",
    "publisher": "publisher",
    "edition": "edition",
    "url": "url",
    "doi": "doi",
    "isbn": "isbn",
}
# GROBID citation labels (element[attributes] as the TEI training files write them, old and new
# spellings) -> fields. ``title[level=m]`` is the title of a book, or the container of a chapter when
# the reference also has an article-level title (see ``gold_fields``).
GROBID_FIELD_OF = {
    "author": "authors",
    "editor": "editors",
    "title[level=a]": "title",
    "title[level=j]": "container_title",
    "title[level=s]": "collection_title",
    "date": "year",
    "biblScope[unit=volume]": "volume",
    "biblScope[type=vol]": "volume",
    "biblScope[type=volume]": "volume",
    "biblScope[unit=issue]": "issue",
    "biblScope[type=issue]": "issue",
    "biblScope[unit=page]": "pages",
    "biblScope[type=pp]": "pages",
    "biblScope[type=page]": "pages",
    "pubPlace": "place",
    "pubplace": "place",
    "publisher": "publisher",
    "idno[type=DOI]": "doi",
    "ptr[type=web]": "url",
}
PEOPLE = ("authors", "editors", "translators")
_TOKEN = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_NUMBER = re.compile(r"\d+|\b[ivxlcdm]+\b", re.I)
_ISSUE_IN_VOLUME = re.compile(
    r"\d\s*\((?P<i>[^()]*\d[^()]*)\)|\b(?:no|nos|nr|n°|issue|iss|heft)\.?\s*(?P<j>\d+)|^\s*\d+\s*,\s*(?P<k>\d+)\W*$",
    re.I,
)
# An AnyStyle volume segment that holds an issue alone ("No. 18", "n° 328"): AnyStyle has no issue label.
_ISSUE_ALONE = re.compile(r"^\W*(?:no|nos|nr|n°|issue|iss|heft)\s*\.?\s*\d+(?:\s*[-–/]\s*\d+)?\W*$", re.I)
_TYPEFACE = re.compile(r"</?(?:italic|i|em|b|bold|strong|u|sc|sup|sub)>", re.I)
_IN_MARKER = re.compile(r"^(?:in|im)\b\s*:?\s*", re.I)
# Connectors and role words: not name words, wherever either side keeps them.
_PEOPLE_STOP = frozenset(
    ["and", "und", "et", "al", "ed", "eds", "edited", "editor", "editors", "by", "in", "im", "with", "trans",
     "translated", "translator", "translators", "hrsg", "hg"]
)  # fmt: skip


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def normalise(field: str, value: str) -> str | frozenset[str] | None:
    """The comparable form of a field value (gold segment text or parsed value)."""
    value = _TYPEFACE.sub("", value)  # markup copied with the string is no field's text
    if not value or not value.strip():
        return None
    if field in PEOPLE:
        toks = frozenset(t.casefold() for t in _TOKEN.findall(value) if len(t) > 1) - _PEOPLE_STOP
        return toks or None
    if field == "year":
        m = _YEAR.search(value)
        return m.group(1) if m else None
    if field in ("volume", "issue", "edition"):
        m = _NUMBER.search(value)
        return m.group().casefold() if m else " ".join(_TOKEN.findall(value.casefold())) or None
    if field == "pages":
        nums = re.findall(r"\d+", value)
        return "-".join(nums[:2]) if nums else None
    if field == "doi":
        value = re.sub(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi\s*:\s*)", "", value.strip())
    if field == "container_title":
        # "In" before a container is a marker, not part of its name: AnyStyle's gold keeps it in the
        # segment, the library drops it (applied to both sides, so "In Vivo" still equals "In Vivo").
        value = _IN_MARKER.sub("", value.strip())
    toks = _TOKEN.findall(value.casefold())
    return " ".join(toks) or None


def gold_fields(segments: list[list[str]]) -> dict[str, Any]:
    """The scored fields of an AnyStyle or GROBID sequence, normalised (segments of one field joined)."""
    texts: dict[str, list[str]] = {}
    analytic = any(label == "title[level=a]" for label, _ in segments)
    for label, text in segments:
        if label == "title[level=m]":
            field: str | None = "container_title" if analytic else "title"
        else:
            field = FIELD_OF.get(label) or GROBID_FIELD_OF.get(label)
        if field is not None:
            texts.setdefault(field, []).append(text)
    if "issue" not in texts and "volume" in texts:
        # AnyStyle labels "12(3)" and "Vol. 12, No. 3" as one volume; the library's field is the issue.
        found = [m for m in map(_ISSUE_IN_VOLUME.search, texts["volume"]) if m]
        issues = [m.group("i") or m.group("j") or m.group("k") for m in found]
        if issues:
            texts["issue"] = issues[:1]
        if all(_ISSUE_ALONE.match(v) for v in texts["volume"]):
            # "No. 18" names the issue; AnyStyle's one field holds it, the library's issue field does.
            del texts["volume"]
    out: dict[str, Any] = {}
    for field, parts in texts.items():
        value = normalise(field, " ".join(parts))
        if value is not None:
            out[field] = value
    return out


def parsed_fields(ref: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in set(FIELD_OF.values()) | set(GROBID_FIELD_OF.values()):
        if field in PEOPLE:
            people = getattr(ref, field)
            # Every name word: AnyStyle and GROBID keep "von", "de", "Jr." in the name as printed.
            parts = ("given", "particle", "family", "suffix", "literal")
            raw = " ".join(" ".join(x for x in (getattr(p, a) for a in parts) if x) for p in people)
        elif field == "year":
            raw = ref.year or (ref.date or "")
        else:
            raw = getattr(ref, field) or ""
        value = normalise(field, raw)
        if value is not None:
            out[field] = value
    return out


class FieldScore:
    """Per-field true/false positives and negatives, and exact entries."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}
        self.entries = 0
        self.exact = 0

    def add(self, gold: dict[str, Any], pred: dict[str, Any]) -> None:
        self.entries += 1
        right = True
        for field in set(gold) | set(pred):
            c = self.counts.setdefault(field, Counter())
            g, p = gold.get(field), pred.get(field)
            if g is not None and p is not None and g == p:
                c["tp"] += 1
            else:
                right = False
                if p is not None:
                    c["fp"] += 1
                if g is not None:
                    c["fn"] += 1
        self.exact += right

    def f1(self, field: str | None = None) -> float:
        cs = [self.counts[field]] if field else list(self.counts.values())
        tp = sum(c["tp"] for c in cs)
        fp = sum(c["fp"] for c in cs)
        fn = sum(c["fn"] for c in cs)
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "exact": self.exact / self.entries if self.entries else 0.0,
            "micro_f1": self.f1(),
            "fields": {f: {"f1": self.f1(f), **self.counts[f]} for f in sorted(self.counts)},
        }


def match_entries(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) overlapping by >= 90% of both lengths."""
    pairs = []
    used: set[int] = set()
    j0 = 0
    for i, (gs, ge) in enumerate(gold):
        while j0 < len(pred) and pred[j0][1] <= gs:
            j0 += 1
        for j in range(j0, len(pred)):
            ps, pe = pred[j]
            if ps >= ge:
                break
            overlap = min(ge, pe) - max(gs, ps)
            if j not in used and overlap >= 0.9 * (ge - gs) and overlap >= 0.9 * (pe - ps):
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "pred": n_pred, "gold": n_gold}


def measure(
    split: str,
    scale_dir: Path | None,
    scale_mb: float,
    learned: bool | None = None,
    *,
    pages_only: bool = False,
    parser_only: bool = False,
    finding_only: bool = False,
) -> dict[str, Any]:
    """Every figure, with whatever ``corpus``/``bibliography`` are first on ``sys.path`` (``learned``:
    ``parse_reference(..., learned=learned)``; None: the parser's default, the learned labeler since
    2026-12-04, the rules before; ``pages_only``: the page rows and the pages' throughput alone;
    ``parser_only``: the parsing rows alone; ``finding_only``: the finding rows alone)."""
    if pages_only:
        from corpus import analyze, source_from_text  # noqa: PLC0415 - imported after sys.path is set

        cpu, chars, pages = _pages(split, analyze, source_from_text)
        return {
            "pages": pages,
            "pages_aeb": _pages(split, analyze, source_from_text, "pages-aeb")[2],
            "throughput": {"mb_per_s": chars / 1e6 / cpu if cpu else 0.0, "mb": chars / 1e6},
        }
    from bibliography import parse_reference as parse  # noqa: PLC0415 - imported after sys.path is set

    parse_reference = parse if learned is None else functools.partial(parse, learned=learned)
    if parser_only:
        return {"parsing": _parsing(split, parse_reference)}
    from corpus import PassageKind, analyze, source_from_text  # noqa: PLC0415 - likewise

    out: dict[str, Any] = {}
    cpu = 0.0
    chars = 0
    # Finding and end to end.
    tp = n_pred = n_gold = 0
    e2e = FieldScore()
    for doc in load(DATA / "finder" / f"{split}.jsonl"):
        text = doc["text"]
        t0 = time.process_time()
        analysed = analyze(source_from_text(text, "doc"))
        cpu += time.process_time() - t0
        chars += len(text)
        pred = [(p.start, p.end) for p in analysed.passages if p.kind is PassageKind.BIBLIOGRAPHY_ENTRY]
        gold = [tuple(e) for e in doc["entries"]]
        pairs = dict(match_entries(gold, pred))  # type: ignore[arg-type]
        tp += len(pairs)
        n_pred += len(pred)
        n_gold += len(gold)
        found = set(pairs.values())
        for i, (gs, ge) in enumerate(gold):
            silver = parsed_fields(parse_reference(" ".join(text[gs:ge].split())))
            j = pairs.get(i)
            got = (
                parsed_fields(parse_reference(" ".join(text[pred[j][0] : pred[j][1]].split()))) if j is not None else {}
            )
            e2e.add(silver, got)
        for j, (ps, pe) in enumerate(pred):
            if j not in found and text[ps:pe].strip():
                e2e.add({}, parsed_fields(parse_reference(" ".join(text[ps:pe].split()))))
    out["finding"] = prf(tp, n_pred, n_gold)
    out["finding_synthetic"] = _synthetic_finding(split, analyze, source_from_text, PassageKind.BIBLIOGRAPHY_ENTRY)
    out["finding_synthetic_fields"] = _synthetic_finding(
        split,
        analyze,
        source_from_text,
        PassageKind.BIBLIOGRAPHY_ENTRY,
        fields=synthetic.FIELD_PER_LINE_SHARE,
        subheadings=synthetic.SUBHEADING_SHARE,
    )
    out.update(_layout_finding(split, analyze, source_from_text, PassageKind.BIBLIOGRAPHY_ENTRY))
    if finding_only:
        return out
    out["end_to_end"] = e2e.as_json()
    out["parsing"] = _parsing(split, parse_reference)
    page_cpu, page_chars, out["pages"] = _pages(split, analyze, source_from_text)
    out["pages_aeb"] = _pages(split, analyze, source_from_text, "pages-aeb")[2]
    cpu += page_cpu
    chars += page_chars
    out["throughput"] = {"mb_per_s": chars / 1e6 / cpu if cpu else 0.0, "mb": chars / 1e6}
    if scale_dir is not None:
        out["throughput_corpus"] = _scale_throughput(scale_dir, scale_mb, analyze, source_from_text)
    return out


def _bib_spans(analysed: Any, kind: Any) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in analysed.passages if p.kind is kind]


def _synthetic_finding(split: str, analyze: Any, source_from_text: Any, kind: Any, **shares: float) -> dict[str, Any]:
    """Entry-level figures on the synthetic web pages of ``split`` (``bench/datasets/synthetic.py``; with
    ``shares``, some bibliographies set one field a line and split by topic subheadings)."""
    tp = n_pred = n_gold = 0
    for doc in synthetic.documents(DATA, split, **shares):
        analysed = analyze(source_from_text(doc["text"], "doc"))
        pred = [(p.start, p.end) for p in analysed.passages if p.kind is kind]
        gold = [tuple(e) for e in doc["entries"]]
        tp += len(match_entries(gold, pred))  # type: ignore[arg-type]
        n_pred += len(pred)
        n_gold += len(gold)
    return prf(tp, n_pred, n_gold)


def line_found(text: str, covered: bytearray, a: int, b: int) -> bool:
    """Whether the line ``text[a:b]`` is found: entries (``covered``) cover at least half of its non-blank
    characters."""
    solid = [k for k in range(a, b) if not text[k].isspace()]
    return bool(solid) and 2 * sum(covered[k] for k in solid) >= len(solid)


def _layout_finding(split: str, analyze: Any, source_from_text: Any, kind: Any) -> dict[str, Any]:
    """GROBID's layout data (``bench/datasets/grobid_layout.py``): bibliography lines of whole papers
    (a line is found when entries cover at least half of its non-blank characters; footnote lines are
    left out of both sides) and entries of reference sections (the 90% overlap rule)."""
    out: dict[str, Any] = {}
    path = DATA / "layout" / f"{split}.jsonl"
    if path.exists():
        tp = n_pred = n_gold = 0
        for doc in load(path):
            text = doc["text"]
            spans = _bib_spans(analyze(source_from_text(text, "doc")), kind)
            covered = bytearray(len(text))
            for s, e in spans:
                covered[s:e] = b"\x01" * (e - s)
            for line in doc["lines"]:
                if line["label"] == "note":
                    continue
                found = line_found(text, covered, line["start"], line["end"])
                gold = line["label"] == "ref"
                tp += found and gold
                n_pred += found
                n_gold += gold
        out["finding_layout"] = prf(tp, n_pred, n_gold)
    path = DATA / "sections" / f"{split}.jsonl"
    if path.exists():
        tp = n_pred = n_gold = 0
        for doc in load(path):
            pred = _bib_spans(analyze(source_from_text(doc["text"], "doc")), kind)
            gold = [tuple(e) for e in doc["entries"]]
            tp += len(match_entries(gold, pred))  # type: ignore[arg-type]
            n_pred += len(pred)
            n_gold += len(gold)
        out["finding_sections"] = prf(tp, n_pred, n_gold)
    return out


def _as_read(text: str, passage: Any, list_item: Any) -> str:
    """A body passage as a reader sees it: a list item with the marker it has in the raw text ("3)",
    "•", "[1]"), which the item's passage leaves out and the gold strings of the page sets keep."""
    if passage.kind is not list_item:
        return str(passage.text)
    marker = text[text.rfind("\n", 0, passage.start) + 1 : passage.start].strip()
    return f"{marker} {passage.text}" if marker else str(passage.text)


def _pages(
    split: str, analyze: Any, source_from_text: Any, folder: str = "pages"
) -> tuple[float, int, dict[str, float]]:
    """The page rows: CPU seconds and characters analysed, and the shares of checks passed."""
    from corpus import PassageKind  # noqa: PLC0415 - imported after sys.path is set

    cpu = 0.0
    chars = 0
    body_kinds = {
        PassageKind.TITLE,
        PassageKind.HEADING,
        PassageKind.PARAGRAPH,
        PassageKind.LIST_ITEM,
        PassageKind.CAPTION,
    }
    with_ok = with_n = without_ok = without_n = title_ok = title_n = 0
    path = DATA / folder / f"{split}.jsonl"
    for page in load(path) if path.exists() else []:
        text = page["text"]
        t0 = time.process_time()
        analysed = analyze(source_from_text(text, "page"))
        cpu += time.process_time() - t0
        chars += len(text)
        body = " ".join(
            " ".join(_as_read(text, p, PassageKind.LIST_ITEM).split())
            for p in analysed.passages
            if p.kind in body_kinds and p.parent is None
        )
        heads = page.get("headlines") or []
        if heads:
            title_n += 1
            titles = [" ".join(p.text.split()) for p in analysed.passages if p.kind is PassageKind.TITLE]
            title_ok += bool(titles) and titles[0] in heads
        for s in page["with"]:
            with_n += 1
            with_ok += " ".join(s.split()) in body
        for s in page["without"]:
            without_n += 1
            without_ok += " ".join(s.split()) not in body
    return (
        cpu,
        chars,
        {
            "with": with_ok / with_n if with_n else 0.0,
            "without": without_ok / without_n if without_n else 0.0,
            "passed": (with_ok + without_ok) / (with_n + without_n) if with_n + without_n else 0.0,
            "checks": with_n + without_n,
            "title": title_ok / title_n if title_n else 0.0,
        },
    )


def _parsing(split: str, parse_reference: Any) -> dict[str, Any]:
    """Field F1 and exact entries on each parser set, and the CPU milliseconds per string."""
    parsing: dict[str, Any] = {}
    parse_reference("Smith, J. 2001. A Title. Nature 1: 2-3.")  # load the model before the clock runs
    for path in sorted((DATA / "parser").glob(f"*-{split}.jsonl")):
        score = FieldScore()
        rows = load(path)
        t0 = time.process_time()
        parsed = [parsed_fields(parse_reference(row["string"])) for row in rows]
        cpu = time.process_time() - t0
        for row, got in zip(rows, parsed, strict=True):
            score.add(gold_fields(row["segments"]), got)
        parsing[path.name.removesuffix(f"-{split}.jsonl")] = {**score.as_json(), "ms_per_string": 1e3 * cpu / len(rows)}
    return parsing


def _scale_throughput(root: Path, mb: float, analyze: Any, source_from_text: Any) -> dict[str, float]:
    files = sorted((root / "docs").rglob("*.txt"))
    step = max(1, len(files) // 4000)
    texts: list[str] = []
    size = 0
    for f in files[::step]:
        t = f.read_text(encoding="utf-8", errors="replace")
        texts.append(t)
        size += len(t)
        if size >= mb * 1e6:
            break
    t0 = time.process_time()
    for k, t in enumerate(texts):
        analyze(source_from_text(t, f"d{k}"))
    cpu = time.process_time() - t0
    return {"mb_per_s": size / 1e6 / cpu if cpu else 0.0, "mb": size / 1e6, "documents": len(texts)}


def rows(result: dict[str, Any]) -> Iterator[tuple[str, float]]:
    f = result.get("finding", {})
    if "finding" not in result:
        yield from _parser_rows(result) if "parsing" in result else _page_rows(result)
        return
    yield "finding entry P", f["p"]
    yield "finding entry R", f["r"]
    yield "finding entry F1", f["f1"]
    if "finding_synthetic" in result:
        yield "finding entry F1 (synthetic web pages)", result["finding_synthetic"]["f1"]
    if "finding_synthetic_fields" in result:
        yield (
            "finding entry F1 (synthetic web pages, some entries one field a line under topic subheadings)",
            result["finding_synthetic_fields"]["f1"],
        )
    for key, name in (
        ("finding_layout", "GROBID papers: bibliography line"),
        ("finding_sections", "GROBID reference sections: entry"),
    ):
        if key in result:
            yield f"{name} P", result[key]["p"]
            yield f"{name} R", result[key]["r"]
            yield f"{name} F1", result[key]["f1"]
    if "end_to_end" not in result:
        return
    yield "end-to-end field F1", result["end_to_end"]["micro_f1"]
    yield from _parser_rows(result)
    yield from _page_rows(result)
    if "throughput_corpus" in result:
        yield "analyze MB/s (scale corpus slice)", result["throughput_corpus"]["mb_per_s"]


def _parser_rows(result: dict[str, Any]) -> Iterator[tuple[str, float]]:
    for name, s in result["parsing"].items():
        yield f"parser {name} field F1", s["micro_f1"]
        yield f"parser {name} exact entries", s["exact"]
    for name, s in result["parsing"].items():
        if "ms_per_string" in s:
            yield f"parser {name} CPU ms per string", s["ms_per_string"]
    for name, s in result["parsing"].items():
        for field, v in s["fields"].items():
            yield f"parser {name} {field} F1", v["f1"]


def _page_rows(result: dict[str, Any]) -> Iterator[tuple[str, float]]:
    yield "pages: must-appear found", result["pages"]["with"]
    yield "pages: must-not-appear absent", result["pages"]["without"]
    yield "pages: checks passed", result["pages"]["passed"]
    if "title" in result["pages"]:
        yield "pages: title is the <h1> headline", result["pages"]["title"]
    if result.get("pages_aeb", {}).get("checks"):
        yield "pages (article extraction): must-appear found", result["pages_aeb"]["with"]
        yield "pages (article extraction): must-not-appear absent", result["pages_aeb"]["without"]
        yield "pages (article extraction): checks passed", result["pages_aeb"]["passed"]
        if "title" in result["pages_aeb"]:
            yield "pages (article extraction): title is the <h1> headline", result["pages_aeb"]["title"]
    where = "pages" if "finding" not in result else "pages + finder docs"
    yield f"analyze MB/s ({where})", result["throughput"]["mb_per_s"]


def run_revision(rev: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        wt = Path(tmp) / "wt"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(wt), rev], check=True)
        try:
            cmd = [
                sys.executable,
                __file__,
                "--split",
                args.split,
                "--impl",
                str(wt),
                "--json",
                str(Path(tmp) / "r.json"),
            ]
            if args.corpus:
                cmd += ["--corpus", str(args.corpus), "--mb", str(args.mb)]
            if args.learned_baseline:
                cmd.append("--learned")
            if args.pages_only:
                cmd.append("--pages-only")
            if args.parser_only:
                cmd.append("--parser-only")
            if args.finding_only:
                cmd.append("--finding-only")
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            return json.loads((Path(tmp) / "r.json").read_text())["current"]
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(wt)], check=False)


def table(current: dict[str, Any], base: dict[str, Any] | None, base_name: str) -> Iterable[str]:
    if base is None:
        yield "| measure | value |"
        yield "| --- | --- |"
        for name, v in rows(current):
            yield f"| {name} | {v:.3f} |"
        return
    yield f"| measure | {base_name} | now | change |"
    yield "| --- | --- | --- | --- |"
    old = dict(rows(base))
    for name, v in rows(current):
        b = old.get(name)
        yield f"| {name} | {'' if b is None else f'{b:.3f}'} | {v:.3f} | {'' if b is None else f'{v - b:+.3f}'} |"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    ap.add_argument("--baseline", metavar="REV", help="also measure git revision REV in the same run")
    ap.add_argument("--corpus", type=Path, help="scale corpus folder (bench/corpus.sh) for a throughput row")
    ap.add_argument("--mb", type=float, default=5.0, help="MB of the scale corpus to time")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument(
        "--learned",
        action="store_const",
        const=True,
        help="parse with the learned labeler (this checkout only; the default since 2026-12-04, for older revisions)",
    )
    ap.add_argument(
        "--rules", dest="learned", action="store_const", const=False, help="parse with the rules alone (this checkout)"
    )
    ap.add_argument("--learned-baseline", action="store_true", help="parse with the learned labeler in --baseline too")
    ap.add_argument(
        "--pages-only", action="store_true", help="measure only the page rows (and the pages' analyze MB/s)"
    )
    ap.add_argument("--parser-only", action="store_true", help="measure the parser sets alone (quick)")
    ap.add_argument("--finding-only", action="store_true", help="measure the reference finding rows alone")
    ap.add_argument("--impl", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, str(args.impl or REPO))
    if not (DATA / "finder" / f"{args.split}.jsonl").exists():
        print(f"no data in {DATA}: run bench/datasets/documents.py first", file=sys.stderr)
        return 2
    base = run_revision(args.baseline, args) if args.baseline else None
    current = measure(
        args.split,
        args.corpus,
        args.mb,
        learned=args.learned,
        pages_only=args.pages_only,
        parser_only=args.parser_only,
        finding_only=args.finding_only,
    )
    if args.json:
        args.json.write_text(json.dumps({"split": args.split, "current": current, "baseline": base}, indent=2))
    if args.impl is None:
        print(f"## Documents benchmark ({args.split} split)\n")
        for line in table(current, base, args.baseline or ""):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
