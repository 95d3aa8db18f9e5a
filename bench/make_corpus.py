"""Turn unpacked Debian documentation and dictionary packages into a plain-text benchmark corpus.

    python3 bench/make_corpus.py UNPACKED_ROOT OUT_DIR      (called by bench/corpus.sh)

Writes OUT_DIR/docs/<package>/<n>.txt (one document each: a dictionary entry, a manual page, an HTML
page as text) and OUT_DIR/long/*.txt (a few long single files), then prints the counts and sizes.
Deterministic: files are visited in sorted order. Standard library only.
"""

from __future__ import annotations

import gzip
import html.parser
import re
import sys
from collections.abc import Iterator
from pathlib import Path

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "br",
        "dt",
        "dd",
        "pre",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "title",
        "table",
        "ul",
        "ol",
    ]
)
_MIN_BYTES = 200


def _b64_number(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + _B64.index(ch)
    return value


def dict_entries(index: Path, data: Path) -> Iterator[str]:
    """The entries of a dictd dictionary, one text each, in index order (duplicates once)."""
    body = gzip.decompress(data.read_bytes())
    seen: set[int] = set()
    for line in index.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00-database") or parts[0].startswith("00database"):
            continue
        offset, length = _b64_number(parts[1]), _b64_number(parts[2])
        if offset in seen:
            continue
        seen.add(offset)
        yield body[offset : offset + length].decode("utf-8", errors="replace")


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(raw: str) -> str:
    """Visible text of an HTML page, one line per block element."""
    parser = _Text()
    parser.feed(raw)
    lines = (re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def documents(root: Path) -> Iterator[tuple[str, str]]:
    """(package folder, text) for every document under the unpacked root."""
    dictd = root / "usr/share/dictd"
    for index in sorted(dictd.glob("*.index")):
        data = index.with_suffix(".dict.dz")
        if data.exists():
            for text in dict_entries(index, data):
                yield f"dict-{index.stem}", text
    doc = root / "usr/share/doc"
    for path in sorted(doc.rglob("*")):
        if not path.is_file():
            continue
        package = path.relative_to(doc).parts[0]
        name = path.name
        if name.endswith((".rst.txt", ".rst", ".txt")) or (name.endswith(".pod")):
            yield package, path.read_text(encoding="utf-8", errors="replace")
        elif name.endswith((".html", ".htm")) and "/_static/" not in str(path):
            yield package, html_text(path.read_text(encoding="utf-8", errors="replace"))
        elif name.endswith((".txt.gz", ".rst.gz")):
            yield package, gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    for path in sorted((root / "usr/share/perl").rglob("*.pod")):
        yield "perl-doc", path.read_text(encoding="utf-8", errors="replace")


def main() -> int:
    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    docs = out / "docs"
    longs = out / "long"
    longs.mkdir(parents=True, exist_ok=True)
    counts: dict[str, list[int]] = {}
    long_parts: dict[str, list[str]] = {"python-manuals": [], "jargon": [], "perl-manuals": []}
    for package, text in documents(root):
        data = text.encode("utf-8")
        if len(data) < _MIN_BYTES and not package.startswith("dict-"):
            continue
        n, size = counts.setdefault(package, [0, 0])
        folder = docs / package / f"{n // 10000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:06d}.txt").write_bytes(data)
        counts[package] = [n + 1, size + len(data)]
        if package.startswith("python3.11"):
            long_parts["python-manuals"].append(text)
        elif package == "dict-jargon":
            long_parts["jargon"].append(text)
        elif package == "perl-doc":
            long_parts["perl-manuals"].append(text)
    for name, parts in long_parts.items():
        (longs / f"{name}.txt").write_text("\n\n".join(parts), encoding="utf-8")
    total_n = sum(c[0] for c in counts.values())
    total_b = sum(c[1] for c in counts.values())
    for package, (n, size) in sorted(counts.items()):
        print(f"{package:28} {n:8} docs {size / 1e6:8.1f} MB")
    print(f"{'total':28} {total_n:8} docs {total_b / 1e6:8.1f} MB; long files in {longs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
