"""Convert public labelled document data into the JSONL the document benchmarks read.

    python bench/datasets/documents.py [--mirror /work/.mirror] [--out bench/data/public]

Sources (snapshots brought in with the search tool's ``fetch``; nothing of them is committed):

* AnyStyle (github inukshuk/anystyle, BSD-2-Clause): ``res/finder/*.ttx`` (whole documents, every
  line labelled) -> ``finder/{train,dev,test}.jsonl``; ``res/parser/*.xml`` (labelled reference
  strings) -> ``parser/anystyle-<set>-{train,dev,test}.jsonl``.
* trafilatura (github adbar/trafilatura, Apache-2.0): ``tests/evaldata.json`` with the HTML pages of
  ``tests/cache`` and ``tests/eval`` -> ``pages/{train,dev,test}.jsonl`` (the page as the plain text a
  naive scraper writes, with the strings that must and must not be in the main text).

Splits are 60/20/20 by the SHA-1 of each item's id, so they never change when the script reruns.
See bench/data/DOCUMENTS.md for the formats, the rules and the counts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

SPLITS = ("train", "dev", "test")
_TTX_LINE = re.compile(r"^(?P<label>[^|]*?)\s*\|(?P<text>.*)$")
_BLOCK = frozenset(
    [
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "tbody", "thead",
        "br", "hr", "article", "section", "header", "footer", "nav", "aside", "blockquote", "pre", "dd",
        "dt", "dl", "td", "th", "figure", "figcaption", "main", "form", "address", "details", "summary",
        "caption", "title", "body", "center", "option", "label", "button", "legend", "fieldset",
    ]
)  # fmt: skip
_NUMBERED = re.compile(r"^\s*(?:\[[^\]]{1,20}\]|\(\d{1,4}\)|\d{1,4}[.)])\s")
_DROP = frozenset(["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select"])


def split_of(item_id: str) -> str:
    """train (60%), dev (20%) or test (20%), from the SHA-1 of the id."""
    bucket = int(hashlib.sha1(item_id.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "train" if bucket < 6 else "dev" if bucket < 8 else "test"


class Snapshot:
    """A fetched repository's git directory, read with git (no work tree)."""

    def __init__(self, git_dir: Path) -> None:
        self.git_dir = git_dir

    def _git(self, *args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", str(self.git_dir), *args], check=True, capture_output=True).stdout

    def files(self, prefix: str) -> list[str]:
        out = self._git("ls-tree", "-r", "--name-only", "HEAD", prefix).decode("utf-8")
        return sorted(line for line in out.splitlines() if line)

    def read(self, path: str) -> bytes:
        return self._git("show", f"HEAD:{path}")

    def commit(self) -> str:
        return self._git("log", "-1", "--format=%H %cs").decode().strip()


def ttx_document(name: str, data: str) -> dict[str, object]:
    """One AnyStyle finder document: text, labelled lines and derived reference entries.

    A ``.ttx`` line is ``label | text``; the label is written when a new block starts and left blank
    on the lines that continue it. Entries are not marked inside a ``ref`` block, so they are derived
    (AnyStyle's own reader splits them by heuristics too), per run of ``ref`` blocks separated only by
    blank and page-furniture lines: when the run uses hanging indentation (some reference line is
    indented deeper than the shallowest first line of a labelled block), a line at that shallowest
    indentation, or one that opens with a number or bracketed label, starts an entry and deeper lines
    continue it; when the run is flush, each labelled ``ref`` block is one entry.
    """
    lines: list[tuple[str, str, bool]] = []  # (label, text, label written here)
    label = "blank"
    for raw in data.splitlines():
        m = _TTX_LINE.match(raw)
        if m is None:
            continue
        written = m.group("label").strip()
        if written:
            label = written
        text = m.group("text")
        lines.append((label, text[1:] if text.startswith(" ") else text, bool(written)))
    text_parts: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    for lab, txt, _ in lines:
        spans.append({"start": pos, "end": pos + len(txt), "label": lab})
        text_parts.append(txt)
        pos += len(txt) + 1
    text = "\n".join(text_parts) + "\n"
    entries: list[list[int]] = []
    for run in _ref_runs(lines):
        indents = {i: len(lines[i][1]) - len(lines[i][1].lstrip()) for i in run}
        firsts = [indents[i] for i in run if lines[i][2]] or [min(indents.values())]
        base = min(firsts)
        hanging = any(v > base for v in indents.values())
        for k, i in enumerate(run):
            starts = (indents[i] <= base or bool(_NUMBERED.match(lines[i][1]))) if hanging else lines[i][2]
            s = int(spans[i]["start"]) + indents[i]  # type: ignore[call-overload]
            e = int(spans[i]["end"])  # type: ignore[call-overload]
            while e > s and text[e - 1].isspace():
                e -= 1
            if starts or k == 0:
                entries.append([s, e])
            else:
                entries[-1][1] = e
    return {"id": f"anystyle-finder-{name}", "source": f"anystyle:res/finder/{name}.ttx", "text": text,
            "lines": spans, "entries": entries}  # fmt: skip


def _ref_runs(lines: list[tuple[str, str, bool]]) -> list[list[int]]:
    """Indices of non-empty ``ref`` lines, grouped into runs that only blank and meta lines interrupt."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, (lab, txt, _) in enumerate(lines):
        if lab == "ref" and txt.strip():
            current.append(i)
        elif lab not in ("blank", "meta", "ref") and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def parser_sequences(name: str, data: bytes) -> Iterator[dict[str, object]]:
    """AnyStyle parser sequences: the labelled segments of each reference string, in order."""
    root = etree.fromstring(data)
    for n, seq in enumerate(root.iter("sequence")):
        segments: list[list[str]] = []
        for child in seq:
            if not isinstance(child.tag, str):
                continue
            value = " ".join("".join(child.itertext()).split())
            if not value:
                continue
            if segments:
                segments.append(["", " "])
            segments.append([child.tag, value])
        if segments:
            yield {"id": f"anystyle-{name}-{n:05d}", "source": f"anystyle:res/parser/{name}.xml",
                   "string": "".join(t for _, t in segments), "segments": segments}  # fmt: skip


def html_to_text(data: bytes) -> str:
    """The visible text of a page as a naive scraper writes it: one line per block element."""
    try:
        root = lxml_html.fromstring(data)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP or not isinstance(el.tag, str):
            if el.tail:
                parts.append(el.tail)
            return
        block = tag.lower() in _BLOCK
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def _norm(text: str) -> str:
    return " ".join(text.split())


def convert_anystyle(snap: Snapshot, out: Path, counts: Counter[str]) -> None:
    finder = out / "finder"
    finder.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[str]] = {s: [] for s in SPLITS}
    for path in snap.files("res/finder"):
        if not path.endswith(".ttx"):
            continue
        doc = ttx_document(Path(path).stem, snap.read(path).decode("utf-8"))
        split = split_of(str(doc["id"]))
        rows[split].append(json.dumps(doc, ensure_ascii=False))
        counts[f"finder {split} documents"] += 1
        counts[f"finder {split} lines"] += len(doc["lines"])  # type: ignore[arg-type]
        counts[f"finder {split} entries"] += len(doc["entries"])  # type: ignore[arg-type]
    for split, lines in rows.items():
        (finder / f"{split}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    parser = out / "parser"
    parser.mkdir(parents=True, exist_ok=True)
    for path in snap.files("res/parser"):
        if not path.endswith(".xml"):
            continue
        name = Path(path).stem
        per: dict[str, list[str]] = {s: [] for s in SPLITS}
        for seq in parser_sequences(name, snap.read(path)):
            split = split_of(str(seq["id"]))
            per[split].append(json.dumps(seq, ensure_ascii=False))
            counts[f"parser anystyle-{name} {split}"] += 1
        for split, lines in per.items():
            (parser / f"anystyle-{name}-{split}.jsonl").write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    notice = snap.read("LICENSE")
    (finder / "LICENSE-anystyle.txt").write_bytes(notice)
    (parser / "LICENSE-anystyle.txt").write_bytes(notice)


def convert_trafilatura(snap: Snapshot, out: Path, counts: Counter[str]) -> None:
    pages = out / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    gold = json.loads(snap.read("tests/evaldata.json"))
    available = {Path(p).name: p for p in snap.files("tests/cache") + snap.files("tests/eval")}
    rows: dict[str, list[str]] = {s: [] for s in SPLITS}
    for url in sorted(gold):
        item = gold[url]
        path = available.get(item.get("file", ""))
        if path is None:
            counts["pages dropped: HTML file missing from the snapshot"] += 1
            continue
        text = html_to_text(snap.read(path))
        flat = _norm(text)
        with_ = [s for s in item.get("with", []) if _norm(s)]
        without = [s for s in item.get("without", []) if _norm(s)]
        if not text.strip() or not with_ or not all(_norm(s) in flat for s in with_):
            counts["pages dropped: a must-appear string is not in the scraped text"] += 1
            continue
        split = split_of(url)
        row = {"id": url, "source": f"trafilatura:{path}", "text": text, "with": with_, "without": without}
        rows[split].append(json.dumps(row, ensure_ascii=False))
        counts[f"pages {split} pages"] += 1
        counts[f"pages {split} with"] += len(with_)
        counts[f"pages {split} without"] += len(without)
    for split, lines in rows.items():
        (pages / f"{split}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    (pages / "LICENSE-trafilatura.txt").write_bytes(snap.read("LICENSE"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "public")
    args = ap.parse_args()
    counts: Counter[str] = Counter()
    for repo, convert in (("inukshuk+anystyle", convert_anystyle), ("adbar+trafilatura", convert_trafilatura)):
        git_dir = args.mirror / repo / "repo"
        if not git_dir.exists():
            print(f"skipped {repo}: no snapshot at {git_dir} (fetch github:{repo.replace('+', '/')})", file=sys.stderr)
            continue
        snap = Snapshot(git_dir)
        print(f"{repo} at {snap.commit()}")
        convert(snap, args.out, counts)
    for key in sorted(counts):
        print(f"{key:60} {counts[key]:7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
