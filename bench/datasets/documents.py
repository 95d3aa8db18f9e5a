"""Convert public labelled document data into the JSONL the document benchmarks read.

    python bench/datasets/documents.py [--mirror /work/.mirror] [--out bench/data/public]

Sources (snapshots brought in with the search tool's ``fetch``; nothing of them is committed, and only
their data files are read: no code of theirs is run):

* AnyStyle (github inukshuk/anystyle, BSD-2-Clause): ``res/finder/*.ttx`` (whole documents, every
  line labelled) -> ``finder/{train,dev,test}.jsonl``; ``res/parser/*.xml`` (labelled reference
  strings) -> ``parser/anystyle-<set>-{train,dev,test}.jsonl``.
* GROBID (github kermitt2/grobid, Apache-2.0): the citation model's training corpus,
  ``grobid-trainer/resources/dataset/citation/corpus/*`` (TEI ``<bibl>`` with mixed content)
  -> ``parser/grobid-{train,dev,test}.jsonl``; its layout corpora (whole papers with their
  bibliography lines, reference sections with their entries) -> ``layout/`` and ``sections/``
  (``grobid_layout.py``).
* trafilatura (github adbar/trafilatura, Apache-2.0): ``tests/evaldata.json`` with the HTML pages of
  ``tests/cache`` and ``tests/eval`` -> ``pages/{train,dev,test}.jsonl`` (the page as the plain text a
  naive scraper writes, with the strings that must and must not be in the main text).
* Zyte's article extraction benchmark (github scrapinghub/article-extraction-benchmark, MIT): 181 pages
  with their annotated article bodies -> ``pages-aeb/{train,dev,test}.jsonl`` (the same page text, every
  line labelled body or chrome; ``aeb.py``).

Splits are 60/20/20 by the SHA-1 of a key (finder: the document id; parser: the reference string, so a
string found twice lands in one split whatever its set; pages: the evaluation key, mostly a URL), so they
never change on a rerun.
See bench/data/DOCUMENTS.md for the formats, the rules and the counts.
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import itertools
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent))
import aeb
import grobid_layout

SPLITS = ("train", "dev", "test")
ANYSTYLE = "inukshuk+anystyle"
GROBID = "kermitt2+grobid"
TRAFILATURA = "adbar+trafilatura"
AEB = aeb.REPO_NAME
GROBID_CORPUS = "grobid-trainer/resources/dataset/citation/corpus"

# --- shared ---------------------------------------------------------------------------------------


def split_of(key: str) -> str:
    """train (60%), dev (20%) or test (20%), from the SHA-1 of the key."""
    bucket = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "train" if bucket < 6 else "dev" if bucket < 8 else "test"


class Snapshot:
    """A fetched repository's git directory, read with git (it has no work tree)."""

    def __init__(self, git_dir: Path) -> None:
        self.git_dir = git_dir

    def _git(self, *args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", str(self.git_dir), *args], check=True, capture_output=True).stdout

    def files(self, prefix: str) -> list[str]:
        """Paths under prefix, unquoted (-z), so names with non-ASCII characters come back as they are."""
        out = self._git("ls-tree", "-r", "-z", "--name-only", "HEAD", "--", prefix).decode("utf-8")
        return sorted(p for p in out.split("\0") if p)

    def read(self, path: str) -> bytes:
        return self._git("show", f"HEAD:{path}")

    def commit(self) -> str:
        return self._git("log", "-1", "--format=%H %cI").decode().strip()


class Writer:
    """JSON lines per (file stem, split), written sorted by id so reruns give identical files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.rows: dict[str, dict[str, list[tuple[str, str]]]] = {}

    def add(self, stem: str, split: str, row: dict[str, Any]) -> None:
        per = self.rows.setdefault(stem, {s: [] for s in SPLITS})
        line = json.dumps(row, ensure_ascii=False)
        for sep in ("\x85", "\u2028", "\u2029"):  # escaped, so str.splitlines() keeps one row per line
            line = line.replace(sep, f"\\u{ord(sep):04x}")
        per[split].append((str(row["id"]), line))

    def write(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for stem, per in self.rows.items():
            for split, rows in per.items():
                name = f"{stem}-{split}.jsonl" if stem else f"{split}.jsonl"
                body = "".join(line + "\n" for _, line in sorted(rows))
                (self.folder / name).write_text(body, encoding="utf-8")


# --- AnyStyle finder (.ttx) -------------------------------------------------------------------------

# A .ttx line is "<label> | <text>": the label is separated by optional blanks, a bar and one blank (or
# the end of the line); the label is only written where it differs from the line before, an empty label
# repeats the last one. Lines are separated by "\n" only (form feeds and other controls stay in a line).
_TTX_SEP = re.compile(r"\s*\|(?: |$)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TERMINAL = re.compile(r"[.?!][\"'”’)\]]*$")
_MARKER = re.compile(r"^\s*(?:\[[^\]\s][^\]]{0,39}\]|\(\d{1,3}\)|\d{1,3}[.)]?)\s")


def parse_ttx(data: str) -> list[tuple[str, str]]:
    """(label, text) per line, the label carried down over lines that leave it empty."""
    raw = data.split("\n")
    while raw and raw[-1] == "":
        raw.pop()  # the file's final newline (and any trailing empty lines) ends the last line
    lines: list[tuple[str, str]] = []
    label = ""
    for n, line in enumerate(raw, 1):
        m = _TTX_SEP.search(line)
        if m is None:
            raise ValueError(f"line {n}: no label separator: {line[:60]!r}")
        if m.start() > 0:
            label = line[: m.start()]
        lines.append((label, line[m.end() :]))
    return lines


def _indent(text: str) -> int:
    """Display indentation: control characters (form feeds at page tops) removed, tabs as 4 blanks."""
    shown = _CONTROL.sub("", text.replace("\t", "    "))
    return len(shown) - len(shown.lstrip())


def _ref_runs(lines: list[tuple[str, str]]) -> list[list[int]]:
    """Indices of non-empty ``ref`` lines, grouped into runs that only blank, meta and empty lines break."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, (label, text) in enumerate(lines):
        if label == "ref" and text.strip():
            current.append(i)
        elif label not in ("ref", "blank", "meta") and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _page_break(lines: list[tuple[str, str]], a: int, b: int) -> bool:
    """Whether page furniture (a meta line or a form feed) lies between ref lines a and b."""
    return "\f" in lines[b][1] or any(lines[k][0] == "meta" or "\f" in lines[k][1] for k in range(a + 1, b))


def _after_end(lines: list[tuple[str, str]], a: int, b: int) -> bool:
    """Whether ref line a ends a sentence and line b does not open in lower case."""
    nxt = lines[b][1].strip()
    return bool(_TERMINAL.search(lines[a][1].rstrip())) and not nxt[:1].islower()


def entry_starts(lines: list[tuple[str, str]], run: list[int]) -> list[bool]:
    """For each line of a run of ref lines, whether it starts a new reference.

    Hanging style (at least 2 lines and 10% of the run indented deeper than the shallowest line): a line
    at the shallowest indentation starts a reference; so does a list marker ([1], (1), 1., 1) or
    [Key 2003]) at most 2 columns deeper in a numbered run; and, in a run whose references are all
    separated by blank lines while its continuation lines are not (and that is not numbered), a line
    after a blank line that is no page break, when the line before ends a sentence and this one does not
    open in lower case (repeated-author references whose dash pdftotext turned into blanks).
    Flush style: a line after one or more blank lines starts a reference, unless a page break lies in
    between and the line before does not end a sentence (a reference running over the page).
    """
    ind = [_indent(lines[i][1]) for i in run]
    gap = [k > 0 and run[k] > run[k - 1] + 1 for k in range(len(run))]
    brk = [k > 0 and _page_break(lines, run[k - 1], run[k]) for k in range(len(run))]
    base = min(ind)
    deeper = [k for k in range(len(run)) if ind[k] > base]
    if len(deeper) >= 2 and len(deeper) >= 0.1 * len(run):
        shallow = [k for k in range(1, len(run)) if ind[k] <= base]
        marked = [k for k in range(len(run)) if ind[k] <= base + 2 and _MARKER.match(lines[run[k]][1])]
        numbered = len(marked) >= 2 and len(marked) >= 0.5 * (len(shallow) + 1)
        gapped = (
            bool(shallow)
            and sum(gap[k] for k in shallow) >= 0.9 * len(shallow)
            and sum(gap[k] and not brk[k] for k in deeper) <= 0.05 * len(deeper)
        )
        marked_set = set(marked)
        return [
            k == 0
            or ind[k] <= base
            or (numbered and k in marked_set)
            or (gapped and not numbered and gap[k] and not brk[k] and _after_end(lines, run[k - 1], run[k]))
            for k in range(len(run))
        ]
    starts = []
    for k in range(len(run)):
        if k == 0:
            starts.append(True)
        elif not gap[k]:
            starts.append(False)
        elif brk[k]:
            starts.append(bool(_TERMINAL.search(lines[run[k - 1]][1].rstrip())))
        else:
            starts.append(True)
    return starts


def ttx_document(name: str, data: str) -> dict[str, Any]:
    """One AnyStyle finder document: text, labelled line spans and reference entry spans."""
    lines = parse_ttx(data)
    spans: list[dict[str, Any]] = []
    pos = 0
    for label, text in lines:
        spans.append({"start": pos, "end": pos + len(text), "label": label})
        pos += len(text) + 1
    text = "\n".join(t for _, t in lines) + "\n"
    entries: list[list[int]] = []
    for run in _ref_runs(lines):
        for i, starts in zip(run, entry_starts(lines, run), strict=True):
            line = lines[i][1]
            first = spans[i]["start"] + len(line) - len(line.lstrip())
            last = spans[i]["start"] + len(line.rstrip())
            if starts:
                entries.append([first, last])
            else:
                entries[-1][1] = last
    return {
        "id": f"anystyle-finder-{name}",
        "source": f"anystyle:res/finder/{name}.ttx",
        "text": text,
        "lines": spans,
        "entries": entries,
    }


def _require(ok: bool, what: str) -> None:
    """A sanity check that holds under python -O too."""
    if not ok:
        raise ValueError(f"sanity check failed: {what}")


def check_document(doc: dict[str, Any], lines: list[tuple[str, str]]) -> None:
    """Line spans give back every line and its label; entries are ordered, disjoint and trimmed."""
    text = doc["text"]
    _require(text.count("\n") == len(doc["lines"]) == len(lines), f"{doc['id']}: line count")
    for span, (label, line) in zip(doc["lines"], lines, strict=True):
        _require(text[span["start"] : span["end"]] == line, f"{doc['id']}: line at {span['start']}")
        _require(span["label"] == label and text[span["end"]] == "\n", f"{doc['id']}: label or end at {span['start']}")
    prev = -1
    for start, end in doc["entries"]:
        _require(prev < start < end <= len(text), f"{doc['id']}: entry {start}-{end} order")
        _require(not text[start].isspace() and not text[end - 1].isspace(), f"{doc['id']}: entry {start} trim")
        prev = end


# --- parser strings ---------------------------------------------------------------------------------


def _segments(pieces: Iterable[tuple[str, str]]) -> list[list[str]]:
    """[label, text] segments from (label, raw text) pieces, label "" for text outside any field.

    Whitespace runs are folded to one blank across piece boundaries and the ends are trimmed; blanks at
    the edge of a labelled piece move into a "" segment; adjacent "" segments merge; empty ones go.
    """
    out: list[list[str]] = []
    space = False  # a blank is pending between the last emitted text and the next
    for label, raw in pieces:
        words = raw.split()
        if not words:
            space = space or bool(raw)
            continue
        lead, trail = raw[0].isspace(), raw[-1].isspace()
        if out and (space or lead):
            if out[-1][0] == "":
                out[-1][1] += " "
            else:
                out.append(["", " "])
        body = " ".join(words)
        if label == "" and out and out[-1][0] == "":
            out[-1][1] += body
        else:
            out.append([label, body])
        space = trail
    return out


def _record(prefix: str, n: int, source: str, segments: list[list[str]]) -> dict[str, Any]:
    return {
        "id": f"{prefix}-{n:05d}",
        "source": source,
        "string": "".join(t for _, t in segments),
        "segments": segments,
    }


def anystyle_sequences(name: str, data: bytes) -> Iterator[dict[str, Any]]:
    """AnyStyle parser sequences: one element per labelled segment; the XML layout between elements is
    not part of the reference (AnyStyle splits segments into whitespace-separated tokens), so segments
    are joined with one blank."""
    root = etree.fromstring(data)
    for n, seq in enumerate(root.iter("sequence")):
        pieces: list[tuple[str, str]] = []
        for child in seq:
            if isinstance(child.tag, str):
                pieces.append((child.tag, " " + "".join(child.itertext()) + " "))
        segments = _segments(pieces)
        if segments:
            yield _record(f"anystyle-{name}", n, f"anystyle:res/parser/{name}.xml", segments)


def _tei_label(el: etree._Element) -> str:
    """The element name with its attributes, as in the source: title[level=a], biblScope[unit=page]."""
    name = etree.QName(el).localname
    attrs = "".join(f"[{etree.QName(k).localname}={v}]" for k, v in sorted(el.attrib.items()))
    return name + attrs


def _field_text(el: etree._Element) -> str:
    """An element's text with <lb/> (a line break in the source) read as a blank."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            parts.append(" " if etree.QName(child).localname == "lb" else "")
            parts.append(_field_text(child) if etree.QName(child).localname != "lb" else "")
        parts.append(child.tail or "")
    return "".join(parts)


def grobid_bibls(path: str, data: bytes, counts: Counter[str]) -> Iterator[list[list[str]]]:
    """Segments of every <bibl> in a GROBID citation training file (TEI, mixed content)."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(data, parser)
    for err in parser.error_log:
        # 97 files carry <fileDesc xml:id="0"/>, which is not an NCName; nothing else is tolerated
        if "is not an NCName" not in err.message:
            raise ValueError(f"{path}:{err.line}: {err.message}")
    for bibl in root.iter():
        if not isinstance(bibl.tag, str) or etree.QName(bibl).localname != "bibl":
            continue
        pieces: list[tuple[str, str]] = [("", bibl.text or "")]
        for child in bibl:
            if isinstance(child.tag, str):
                if etree.QName(child).localname == "lb":
                    pieces.append(("", " "))
                else:
                    text = _field_text(child)
                    if not text.strip():
                        counts["parser grobid: empty field dropped"] += 1
                    pieces.append((_tei_label(child), text))
            pieces.append(("", child.tail or ""))
        yield _segments(pieces)


def check_reference(row: dict[str, Any]) -> None:
    """The segments spell the string; labelled segments are trimmed; "" segments never touch."""
    segs = row["segments"]
    _require("".join(t for _, t in segs) == row["string"] == row["string"].strip(), f"{row['id']}: string")
    _require(all(t and (not lab or t == t.strip()) for lab, t in segs), f"{row['id']}: segment trim")
    _require(all(a[0] or b[0] for a, b in itertools.pairwise(segs)), f"{row['id']}: adjacent unlabelled")


# --- trafilatura pages --------------------------------------------------------------------------------

_DROP = frozenset(["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "rt", "rp"])
_BLOCK = frozenset(
    [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol",
        "optgroup", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "ul",
    ]
)  # fmt: skip
_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")


def decode_html(data: bytes) -> str:
    """The page as text: a byte-order mark, else strict UTF-8, else the declared charset, else cp1252."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:8192])
    enc = m.group(1).decode("ascii").lower() if m else "cp1252"
    if enc in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        enc = "cp1252"  # what browsers do with these labels
    try:
        return data.decode(enc, "replace")
    except LookupError:
        return data.decode("cp1252", "replace")


def html_to_text(data: bytes) -> str:
    """The visible text of a page as a naive scraper writes it: one line per block element.

    script, style, noscript, template, head (and svg, iframe, object, embed, whose content a browser does
    not show as text, and the ruby annotations rt and rp, shown above a line rather than in it) are dropped
    with their content; every other text node is kept in document order.
    Block elements and <br> break lines, inline elements run on in their line with the whitespace the
    source has; line breaks inside <pre> are kept. Soft hyphens (U+00AD, invisible) are removed and the
    text is put in Unicode NFC. Whitespace runs in a line fold to one blank, lines are trimmed and empty
    ones dropped.
    """
    text = _XML_DECL.sub("", decode_html(data), count=1)
    if not text.strip():
        return ""
    root = lxml_html.document_fromstring(text)
    parts: list[str] = []
    pre = 0
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        if event in ("comment", "pi"):
            parts.append(el.tail or "")
            continue
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        dropped = tag in _DROP
        if event == "start":
            if dropped:
                walker.skip_subtree()
                continue
            if tag in _BLOCK:
                parts.append("\n")
            pre += tag == "pre"
            parts.append(_pre_text(el.text, pre))
        else:
            if not dropped:
                pre -= tag == "pre"
                if tag in _BLOCK:
                    parts.append("\n")
            parts.append(_pre_text(el.tail, pre))
    joined = _visible("".join(parts))
    lines = (" ".join(line.split()) for line in joined.split("\n"))
    body = "\n".join(line for line in lines if line)
    return body + "\n" if body else ""


def _pre_text(text: str | None, pre: int) -> str:
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if pre else text.replace("\n", " ")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _visible(text: str) -> str:
    """Soft hyphens (U+00AD) removed and Unicode NFC: for the page text and the gold strings alike."""
    return unicodedata.normalize("NFC", text.replace("\xad", ""))


def _why_missing(data: bytes, wanted: str) -> str:
    """Why a must-appear string is not in the scraped text, for the drop report."""
    text = _XML_DECL.sub("", _visible(decode_html(data)), count=1)
    everything = _norm("".join(lxml_html.document_fromstring(text).itertext())) if text.strip() else ""
    if wanted in everything:
        return "inside a dropped element (script, noscript, head, ...)"
    if wanted[:8] in everything:
        return "not one run of text in the page (other text inside it: MathML, ruby)"
    return "absent from the saved page"


# --- converters -----------------------------------------------------------------------------------


def convert_anystyle(snap: Snapshot, out: Path, counts: Counter[str], seen: set[str]) -> None:
    finder = Writer(out / "finder")
    for path in snap.files("res/finder"):
        if not path.endswith(".ttx"):
            continue
        data = snap.read(path).decode("utf-8")
        doc = ttx_document(Path(path).stem, data)
        check_document(doc, parse_ttx(data))
        split = split_of(doc["id"])
        finder.add("", split, doc)
        counts[f"finder {split} documents"] += 1
        counts[f"finder {split} lines"] += len(doc["lines"])
        counts[f"finder {split} entries"] += len(doc["entries"])
        for span in doc["lines"]:
            counts[f"finder label {span['label']}"] += 1
    finder.write()
    parser = Writer(out / "parser")
    for path in snap.files("res/parser"):
        if not path.endswith(".xml"):
            continue
        name = Path(path).stem
        for row in anystyle_sequences(name, snap.read(path)):
            _add_reference(parser, f"anystyle-{name}", row, counts, seen)
    parser.write()
    notice = snap.read("LICENSE")
    (out / "finder" / "LICENSE-anystyle.txt").write_bytes(notice)
    (out / "parser" / "LICENSE-anystyle.txt").write_bytes(notice)


def _add_reference(writer: Writer, stem: str, row: dict[str, Any], counts: Counter[str], seen: set[str]) -> None:
    check_reference(row)
    key = json.dumps([stem, row["segments"]], ensure_ascii=False)
    if key in seen:
        counts[f"parser {stem}: exact duplicate dropped"] += 1
        return
    seen.add(key)
    split = split_of(row["string"])
    writer.add(stem, split, row)
    counts[f"parser {stem} {split}"] += 1
    for label, _ in row["segments"]:
        counts[f"parser {stem} label {label or '(none)'}"] += 1


def convert_grobid(snap: Snapshot, out: Path, counts: Counter[str], seen: set[str]) -> None:
    parser = Writer(out / "parser")
    for path in snap.files(GROBID_CORPUS):
        if not path.endswith(".xml"):
            continue
        name = Path(path).name.split(".xml")[0]
        for n, segments in enumerate(grobid_bibls(path, snap.read(path), counts)):
            if not segments:
                counts["parser grobid: empty <bibl> dropped"] += 1
                continue
            row = _record(f"grobid-{name}", n, f"grobid:{path}", segments)
            _add_reference(parser, "grobid", row, counts, seen)
    parser.write()
    (out / "parser" / "LICENSE-grobid.txt").write_bytes(snap.read("LICENSE"))


def convert_trafilatura(snap: Snapshot, out: Path, counts: Counter[str]) -> None:
    pages = Writer(out / "pages")
    gold = json.loads(snap.read("tests/evaldata.json"))
    available: dict[str, str] = {}
    for path in snap.files("tests/eval") + snap.files("tests/cache"):  # tests/cache wins, as in trafilatura
        available[path.rsplit("/", 1)[-1]] = path
    for url in sorted(gold):
        item = gold[url]
        path = available.get(item.get("file", ""))
        if path is None:
            counts["pages dropped: HTML file missing from the snapshot"] += 1
            continue
        data = snap.read(path)
        text = html_to_text(data)
        flat = _norm(text)
        with_ = [_visible(s) for s in item.get("with", []) if _norm(s)]
        without = [_visible(s) for s in item.get("without", []) if _norm(s)]
        soft = sum("\xad" in s for s in item.get("with", []) + item.get("without", []))
        counts["pages: gold strings with soft hyphens removed"] += soft
        missing = [s for s in with_ if _norm(s) not in flat]
        if not text or not with_ or missing:
            why = _why_missing(data, _norm(missing[0])) if missing else "no text or no must-appear string"
            counts[f"pages dropped: a must-appear string is {why}"] += 1
            continue
        split = split_of(url)
        heads = aeb.headlines_in(text.split("\n"), aeb.page_headlines(data, decode_html))
        row = {
            "id": url,
            "source": f"trafilatura:{path}",
            "text": text,
            "with": with_,
            "without": without,
            "headlines": heads,
        }
        pages.add("", split, row)
        counts[f"pages {split} pages"] += 1
        counts[f"pages {split} with"] += len(with_)
        counts[f"pages {split} without"] += len(without)
        counts[f"pages {split} without strings present in text"] += sum(_norm(s) in flat for s in without)
    pages.write()
    (out / "pages" / "LICENSE-trafilatura.txt").write_bytes(snap.read("LICENSE"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "public")
    args = ap.parse_args()
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    # This script's folders only: no stale splits left behind.
    for folder in ("finder", "parser", "pages", "pages-aeb", "layout", "sections"):
        for old in (args.out / folder).glob("*"):
            if old.is_file() and (old.suffix == ".jsonl" or old.name.startswith("LICENSE-")):
                old.unlink()
    jobs = (
        (ANYSTYLE, lambda s: convert_anystyle(s, args.out, counts, seen)),
        (GROBID, lambda s: convert_grobid(s, args.out, counts, seen)),
        (GROBID, lambda s: grobid_layout.convert(s, args.out, counts, split_of, Writer)),
        (TRAFILATURA, lambda s: convert_trafilatura(s, args.out, counts)),
        (AEB, lambda s: aeb.convert(s, args.out, counts, split_of, Writer, html_to_text, decode_html)),
    )
    status = 0
    for repo, convert in jobs:
        git_dir = args.mirror / repo / "repo"
        if not git_dir.exists():
            print(f"skipped {repo}: no snapshot at {git_dir} (fetch github:{repo.replace('+', '/')})", file=sys.stderr)
            status = 1
            continue
        snap = Snapshot(git_dir)
        print(f"{repo.replace('+', '/')} at {snap.commit()}")
        convert(snap)
    for key in sorted(counts):
        print(f"{key:75} {counts[key]:8,}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
