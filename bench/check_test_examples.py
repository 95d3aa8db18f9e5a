"""Whether the tests took their examples from the public data: every string literal line of the test files
(at least ``--min`` characters, stripped) that occurs verbatim in a file of ``bench/data/public``.

    python bench/check_test_examples.py [--data bench/data/public] [--min 35] [FILE ...]

The tests use small examples of our own, never lines of the development or test files (the guide's rule:
tests never read benchmark or development gold, and their examples are not taken from it). Prints one line
per hit (test file, line, the string's start, the data file) and exits 1 when there is any. Without FILE
arguments every ``tests/**/*.py`` is read. A plain substring search: a few minutes over the whole data.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_TEXT_SUFFIXES = {".jsonl", ".json", ".txt", ".xml", ".csv", ".tsv"}


def literal_lines(path: Path, minimum: int) -> Iterator[tuple[int, str]]:
    """(line number, stripped line) of the string literals in a Python file, each line at least ``minimum``
    characters long, each once."""
    seen: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for line in node.value.split("\n"):
                part = line.strip()
                if len(part) >= minimum and part not in seen:
                    seen.add(part)
                    yield node.lineno, part


def data_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """(path inside ``folder``, text) of every text file of the public data."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in _TEXT_SUFFIXES:
            yield str(path.relative_to(folder)), path.read_text(encoding="utf-8", errors="ignore")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO / "bench" / "data" / "public")
    ap.add_argument("--min", type=int, default=35, help="shortest literal line looked for (characters)")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    tests = args.files or sorted((REPO / "tests").rglob("*.py"))
    wanted = [(test, lineno, s) for test in tests for lineno, s in literal_lines(test, args.min)]
    texts = list(data_texts(args.data))
    hits = 0
    for test, lineno, s in wanted:
        # JSON files hold the string escaped; look for both spellings.
        escaped = json.dumps(s, ensure_ascii=False)[1:-1]
        where = next((name for name, text in texts if s in text or escaped in text), None)
        if where is not None:
            hits += 1
            print(f"{test}:{lineno}: {s[:70]!r} in {where}")
    print(f"{len(wanted)} literal lines of {len(tests)} test files looked for in {len(texts)} data files: {hits} found")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
