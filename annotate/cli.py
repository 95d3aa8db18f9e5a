"""The ``annotate`` command line.

Every subcommand reads sources (the embedded corpus when no path is given) and prints to standard
output. Any library error becomes one line on standard error and exit status 2; no traceback.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from annotate.errors import AnnotateError
from bibliography.errors import BibliographyError
from corpus.analyze import analyze
from corpus.errors import CorpusError
from corpus.load import load
from corpus.model import Document

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2

_Handler = Callable[[argparse.Namespace, TextIO], int]
_ArgAdder = Callable[[argparse.ArgumentParser], None]
_COMMANDS: dict[str, tuple[str, _ArgAdder, _Handler]] = {}


def command(name: str, help_: str, add_args: _ArgAdder) -> Callable[[_Handler], _Handler]:
    """Register the decorated function as subcommand ``name``; ``add_args`` declares its arguments."""

    def register(fn: _Handler) -> _Handler:
        _COMMANDS[name] = (help_, add_args, fn)
        return fn

    return register


def documents(paths: Sequence[str]) -> Iterator[Document]:
    """Analyzed documents for the given paths, or for the embedded corpus."""
    for source in load(paths):
        yield analyze(source)


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """One compact JSON object per line, UTF-8 kept as is."""
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_table(header: Sequence[str], rows: Iterable[Sequence[str]], out: TextIO, *, wrap_last: bool = False) -> None:
    """A plain aligned table that fits the terminal; the last column is cut (or wrapped) to fit."""
    rows = [list(r) for r in rows]
    width = shutil.get_terminal_size((120, 24)).columns
    cols = len(header)
    widths = [max([len(header[c])] + [len(r[c]) for r in rows]) for c in range(cols - 1)]
    last = max(20, width - sum(widths) - 2 * (cols - 1))
    for row in [list(header), *rows]:
        head = "  ".join(v.ljust(w) for v, w in zip(row[:-1], widths, strict=True))
        text = row[-1].replace("\n", " ")
        if len(text) > last and not wrap_last:
            text = text[: last - 1] + "…"
        prefix = f"{head}  " if cols > 1 else ""
        if wrap_last:
            chunks = [text[i : i + last] for i in range(0, len(text), last)] or [""]
            out.write(prefix + chunks[0] + "\n")
            for chunk in chunks[1:]:
                out.write(" " * len(prefix) + chunk + "\n")
        else:
            out.write(prefix + text + "\n")


# --- passages / sources ------------------------------------------------------------------------


def _add_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="text files or folders (default: the embedded corpus)")


def _passages_args(p: argparse.ArgumentParser) -> None:
    _add_paths(p)
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")


@command("passages", "list the passages of sources (cleaned text with raw offsets)", _passages_args)
def run_passages(args: argparse.Namespace, out: TextIO) -> int:
    """Print every passage of the sources."""
    rows = (p for doc in documents(args.paths) for p in doc.passages)
    if args.format == "jsonl":
        write_jsonl((p.to_json() for p in rows), out)
    else:
        write_table(
            ("id", "kind", "start-end", "text"),
            ((p.id, p.kind.value, f"{p.start}-{p.end}", p.text) for p in rows),
            out,
        )
    return EXIT_OK


def _sources_args(p: argparse.ArgumentParser) -> None:
    _add_paths(p)
    p.add_argument("--compact", action="store_true", help="one line per source")


@command("sources", "print each source's metadata as JSON", _sources_args)
def run_sources(args: argparse.Namespace, out: TextIO) -> int:
    """Print each source's metadata as a JSON object."""
    for doc in documents(args.paths):
        src = doc.source
        row = {
            "id": src.id,
            "path": src.path,
            "sha256": src.sha256,
            "encoding": src.encoding,
            "chars": len(src.raw),
            **src.metadata.to_json(),
            "passages": len(doc.passages),
            "removals": len(doc.removals),
            "warnings": list(src.warnings),
        }
        out.write(json.dumps(row, ensure_ascii=False, indent=None if args.compact else 2) + "\n")
    return EXIT_OK


# --- entry point -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="annotate",
        description="Trace facts to the exact characters of cited sources.",
    )
    from annotate import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_, add_args, _) in _COMMANDS.items():
        add_args(sub.add_parser(name, help=help_, description=help_))
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 a check failed, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    stream = out or sys.stdout
    _, _, run = _COMMANDS[args.command]
    try:
        return run(args, stream)
    except BrokenPipeError:  # pragma: no cover - output piped into `head`
        return EXIT_OK
    except (CorpusError, BibliographyError, AnnotateError) as exc:
        print(f"annotate: error: {exc}".replace("\n", " "), file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"annotate: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
