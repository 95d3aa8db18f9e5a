"""The ``annotate`` command line.

Every subcommand reads sources (the embedded corpus when no path is given) and prints to standard
output. Any library error becomes one line on standard error and exit status 2; no traceback.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import logging
import os
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO, TypeVar

from tqdm import tqdm

from annotate.bundle import trace, trace_text, verify_bundle, write_bundle
from annotate.cache import ResultCache
from annotate.claims import (
    AliasTable,
    Checker,
    check_claims,
    corpus_aliases,
    load_verifier,
    parse_verifier_spec,
    read_claims,
)
from annotate.claims.wordnet import wordnet_status
from annotate.errors import AnnotateError, ClaimInputError, TEIError
from annotate.evidence_index import EvidenceIndex
from annotate.jsonforms import reference_json, verdict_json
from annotate.longlived import long_lived
from annotate.pipeline import annotate
from annotate.references import merge_references
from annotate.stage import (
    analyse_sources,
    cached_map,
    derived,
    document_claims,
    process_map,
    rendered_sources,
    source_references,
)
from annotate.tei.foreign import sources_from_tei
from annotate.version import __version__
from annotate.view import find_view, open_view
from bibliography.bibtex import to_bibtex
from bibliography.csl import to_csl_json
from bibliography.errors import BibliographyError
from bibliography.files import read_reference_file
from bibliography.keys import assign_keys
from bibliography.model import Bibliography
from bibliography.parse import parse_reference
from corpus.errors import CorpusError, MetadataError
from corpus.load import load
from corpus.model import Document, Source

T = TypeVar("T")

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


def load_sources(paths: Sequence[str]) -> list[Source]:
    """Sources of text files and folders (:func:`corpus.load`) and of TEI files (``.xml``, one source
    per TEI document, :func:`annotate.tei.foreign.sources_from_tei`), in path order; the embedded
    corpus when no path is given. Ids must be unique across all of them."""
    if not paths:
        return load(())
    sources: list[Source] = []
    where: dict[str, str] = {}
    for path in paths:
        if path.lower().endswith(".xml") and os.path.isfile(path):
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError as exc:
                raise TEIError(f"{path}: cannot read ({exc.strerror or exc})") from None
            found = sources_from_tei(data, path)
        else:
            found = load([path])
        for src in found:
            if src.id in where:
                raise MetadataError(f"{path}: source id {src.id!r} already used by {where[src.id]}")
            where[src.id] = path
        sources.extend(found)
    return sources


def documents(paths: Sequence[str], args: argparse.Namespace | None = None) -> Iterator[Document]:
    """Analyzed documents for the given paths, or for the embedded corpus, in path order.

    ``--jobs`` spreads the analysis over processes and ``--cache`` reuses earlier analyses (same
    output); a progress bar goes to stderr when it is a terminal, unless ``--quiet``.
    """
    sources = load_sources(paths)
    jobs = getattr(args, "jobs", 1) or 1
    docs = analyse_sources(sources, jobs=jobs if len(sources) > 1 else 1, cache=cache_of(args))
    yield from _progress(docs, len(sources), args)


def _progress(items: Iterable[T], total: int, args: argparse.Namespace | None) -> Iterator[T]:
    """``items`` with a progress bar on stderr when it is a terminal, unless ``--quiet``."""
    quiet = getattr(args, "quiet", True) or not sys.stderr.isatty()
    yield from tqdm(items, total=total, unit="source", disable=quiet, file=sys.stderr, leave=False)


def _passage_lines(doc: Document) -> str:
    return "".join(json.dumps(p.to_json(), ensure_ascii=False) + "\n" for p in doc.passages)


def cache_of(args: argparse.Namespace | None) -> ResultCache | None:
    """The ``--cache`` folder of these arguments, opened once per run (None without one)."""
    if args is None or not getattr(args, "cache", None):
        return None
    found = getattr(args, "_cache", None)
    if not isinstance(found, ResultCache):
        found = ResultCache(args.cache)
        args._cache = found
    return found


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
    _add_jobs(p)


def _add_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="processes for analysis and checking (default: all cores; the output is the same)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--cache",
        metavar="DIR",
        help="keep per-source results (analysis, references, claims, the evidence index) in this folder; "
        "a rerun recomputes only the sources that changed (same output)",
    )


def _passages_args(p: argparse.ArgumentParser) -> None:
    _add_paths(p)
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")


@command("passages", "list the passages of sources (cleaned text with raw offsets)", _passages_args)
def run_passages(args: argparse.Namespace, out: TextIO) -> int:
    """Print every passage of the sources."""
    if args.format == "jsonl":
        # Each source's lines are kept whole in the cache: an unchanged source is only copied out.
        sources = load_sources(args.paths)
        texts = rendered_sources(sources, _passage_lines, "passages-jsonl", jobs=args.jobs, cache=cache_of(args))
        for text in _progress(texts, len(sources), args):
            out.write(text)
    else:
        rows = (p for doc in documents(args.paths, args) for p in doc.passages)
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
    for doc in documents(args.paths, args):
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


# --- refs --------------------------------------------------------------------------------------


def _refs_args(p: argparse.ArgumentParser) -> None:
    _add_paths(p)
    p.add_argument("--format", choices=("bibtex", "csl-json", "jsonl", "table"), default="jsonl")
    p.add_argument("--parse", metavar="STRING", help="parse one reference string instead of sources")
    p.add_argument(
        "--import",
        dest="imports",
        action="append",
        default=[],
        metavar="FILE",
        help="read references from a .bib (BibTeX) or .json (CSL-JSON) file instead of sources (repeatable); "
        "entries that cannot be read are reported one line each and the rest kept",
    )
    p.add_argument("--ascii", action="store_true", help="BibTeX: convert non-ASCII to LaTeX for classic BibTeX")


def _references(docs: Sequence[Document], args: argparse.Namespace) -> Bibliography:
    """The references of analysed documents, each one's taken from ``--cache`` when it holds them."""
    parts = cached_map("references", source_references, docs, [d.source for d in docs], tuple, cache=cache_of(args))
    return merge_references(parts)


def _imported(paths: Sequence[str]) -> Bibliography:
    """References of reference files, each bad entry reported on stderr and left out; an error
    when nothing could be read or two files share a key."""
    problems: list[BibliographyError] = []
    refs = [ref for path in paths for ref in read_reference_file(path, on_error=problems.append)]
    for problem in problems:
        print(one_line(f"annotate: warning: {problem}"), file=sys.stderr)
    if problems and not refs:
        raise BibliographyError(f"{', '.join(paths)}: no entry could be read ({len(problems)} failed)")
    return Bibliography(assign_keys(refs))


@command("refs", "parse further-reading entries into references (BibTeX, CSL-JSON, jsonl, table)", _refs_args)
def run_refs(args: argparse.Namespace, out: TextIO) -> int:
    """Print the references of the sources (a reference per source plus every bibliography entry)."""
    if args.parse is not None:
        refs = Bibliography(assign_keys([parse_reference(args.parse)]))
    elif args.imports:
        refs = _imported(args.imports)
    else:
        # Each source's references are kept in the cache under the source's own key: an unchanged
        # source is neither analysed nor read back as a document.
        sources = load_sources(args.paths)
        found = derived(sources, source_references, "source-references", tuple, jobs=args.jobs, cache=cache_of(args))
        refs = merge_references(list(_progress(found, len(sources), args)))
    if args.format == "bibtex":
        out.write(to_bibtex(refs, ascii=args.ascii))
    elif args.format == "csl-json":
        out.write(to_csl_json(refs))
    elif args.format == "jsonl":
        write_jsonl((reference_json(r) for r in refs), out)
    else:
        write_table(
            ("key", "year", "authors", "title"),
            (
                (r.key or "", r.year or "", "; ".join(p.sort_name for p in r.authors), r.title or r.raw or "")
                for r in refs
            ),
            out,
        )
    return EXIT_OK


# --- claims / check ----------------------------------------------------------------------------


def _claims_args(p: argparse.ArgumentParser) -> None:
    _add_paths(p)
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")


@command("claims", "list the atomic claims stated by the sources' body sentences", _claims_args)
def run_claims(args: argparse.Namespace, out: TextIO) -> int:
    """Print every extracted claim with its passage, raw offsets, quote and facets."""
    docs = list(documents(args.paths, args))
    aliases = corpus_aliases(docs)
    store = cache_of(args)
    sources = [d.source for d in docs]
    extra = (aliases.fingerprint(),) if store is not None else ()
    mapper = process_map(args.jobs)
    if args.format == "jsonl":
        # Each document's lines are kept whole in the cache (keyed with the alias table they read).
        step = functools.partial(_claim_lines, aliases=aliases)
        for text in cached_map("claims-jsonl", step, docs, sources, str, cache=store, mapper=mapper, extra=extra):
            out.write(text)
        return EXIT_OK
    step_claims = functools.partial(document_claims, aliases=aliases)
    per_doc = cached_map("claims", step_claims, docs, sources, list, cache=store, mapper=mapper, extra=extra)
    write_table(
        ("id", "start-end", "claim"),
        (
            (
                c.id,
                f"{c.span.start}-{c.span.end}" if c.span else "",
                c.text + (f"  [speaker: {c.speaker}]" if c.speaker else ""),
            )
            for found in per_doc
            for c in found
        ),
        out,
    )
    return EXIT_OK


def _claim_lines(doc: Document, aliases: AliasTable) -> str:
    """The JSONL lines of one document's claims: id, text, raw offsets, quote, facets, speaker."""
    lines = []
    for c in document_claims(doc, aliases):
        row = {
            "id": c.id,
            "claim": c.text,
            "source": doc.source.id,
            "passage": c.passage,
            "start": c.span.start if c.span else None,
            "end": c.span.end if c.span else None,
            "quote": doc.quote(c.span) if c.span else None,
            "facets": {
                "dates": [d.iso for d in c.facets.dates],
                "quantities": [f"{q.value} {q.unit}" if q.unit else str(q.value) for q in c.facets.quantities],
                "entities": list(dict.fromkeys(e.name for e in c.facets.entities)),
            },
            "speaker": c.speaker,
            "quoted_by": c.quoted_by,
        }
        lines.append(json.dumps(row, ensure_ascii=False) + "\n")
    return "".join(lines)


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("claim", nargs="?", metavar="CLAIM", help="the claim to check (or use --claims FILE)")
    p.add_argument("--claims", metavar="FILE", help="claims to check: text (one per line), .jsonl or .csv")
    p.add_argument(
        "--corpus",
        action="append",
        default=[],
        metavar="PATH",
        help="source file or folder to check against (repeatable; default: the embedded corpus)",
    )
    p.add_argument(
        "--index", metavar="PATH", help="keep the evidence index in this folder (reused while sources are unchanged)"
    )
    _add_jobs(p)
    p.add_argument(
        "--verifier",
        "--decision",
        dest="verifier",
        default="layered",
        metavar="SPEC",
        help="who decides each passage: 'layered' (the default: the rules' verdict where they find support or"
        " refutation, else the combined one when the claim-level model is sure enough), 'rules' (facet rules only),"
        " 'learned' (the stance model learned from public claim sets), 'combined' (its stances and the facet rules"
        " weighed into the verdict by a learned claim-level model) or 'nli:PATH' (a local NLI cross-encoder folder;"
        " needs citetrace[nli])",
    )
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")


def _note_lexical_resources() -> None:
    """Say once, on stderr, when the checker ran without WordNet (it works, less well)."""
    status = wordnet_status()
    if status is not None:
        print(one_line(f"annotate: warning: {status}"), file=sys.stderr)


@command("check", "check claims against the sources: verdict, explanation and quoted evidence", _check_args)
def run_check(args: argparse.Namespace, out: TextIO) -> int:
    """Print a verdict per claim (SUPPORTED, REFUTED or NOT_ENOUGH_INFO) with its evidence."""
    if (args.claim is None) == (args.claims is None):
        raise ClaimInputError("check: give one CLAIM or --claims FILE (not both, not neither)")
    docs = list(documents(args.corpus, args))
    store = cache_of(args)
    where = args.index or (store.index_path if store is not None else None)
    index = EvidenceIndex(where, rebuild=True) if where else None
    if index is not None and index.rebuilt:
        print(one_line(f"annotate: warning: rebuilt the evidence index: {index.rebuilt}"), file=sys.stderr)
    spec = parse_verifier_spec(args.verifier)
    checker = Checker(
        docs,
        _references(docs, args),
        index=index,
        # A verifier is asked where the rules do not commit (stacked under them): on dev claim sets and the
        # seeds that beat the verifier alone (README, "A verifier under the rules").
        decision="layered" if spec.kind == "nli" else spec.kind,
        verifier=load_verifier(spec),
    )
    if args.claims is not None:
        claims = read_claims(args.claims, aliases=checker.aliases)
    else:
        claims = [checker.make_claim(args.claim, "claim-1")]
    verdicts = check_claims(checker, claims, jobs=args.jobs)
    if args.format == "jsonl":
        write_jsonl((verdict_json(v) for v in verdicts), out)
        _note_lexical_resources()
        return EXIT_OK
    width = max(40, shutil.get_terminal_size((100, 24)).columns - 1)
    for v in verdicts:
        out.write(f"{v.label.value}  {v.claim.id}: {v.claim.text}\n")
        for line in textwrap.wrap(v.explanation, width - 4):
            out.write(f"    {line}\n")
        for ev in v.evidence:
            cite = f"{ev.source}" + (f" [{ev.cite_key}]" if ev.cite_key else "")
            out.write(f"  {ev.relation.value}: {cite}, {ev.passage} ({ev.span.start}-{ev.span.end})\n")
            for line in textwrap.wrap(f"“{' '.join(ev.quote.split())}”", width - 6):
                out.write(f"      {line}\n")
        out.write("\n")
    _note_lexical_resources()
    return EXIT_OK


# --- bundle / verify / trace -------------------------------------------------------------------


def _bundle_args(p: argparse.ArgumentParser) -> None:
    _add_paths(p)
    p.add_argument("--claims", metavar="FILE", help="more claims to check (text, JSONL or CSV)")
    p.add_argument("--out", required=True, metavar="DIR|FILE.zip", help="bundle folder, or a .zip file")


@command("bundle", "write a citation bundle (TEI, BibTeX, CSL-JSON, Web Annotations, claims, sources)", _bundle_args)
def run_bundle(args: argparse.Namespace, out: TextIO) -> int:
    """Extract and check the claims of the sources (plus ``--claims``) and write one verifiable bundle."""
    supplied = read_claims(args.claims) if args.claims else []
    content = annotate(
        documents(args.paths, args), supplied, cache=cache_of(args), mapper=process_map(args.jobs), jobs=args.jobs
    )
    with long_lived() as settle:
        # The annotated corpus lives until written (see annotate.longlived). One full collection
        # first: the checker is garbage now, in cycles, and would otherwise be set aside with it.
        gc.collect()
        settle()
        manifest = write_bundle(args.out, content, jobs=args.jobs)
    _note_lexical_resources()
    counts = manifest["counts"]
    labels = ", ".join(f"{n} {label}" for label, n in counts["verdicts"].items())
    out.write(
        f"wrote {args.out}: {counts['sources']} sources, {counts['claims']} claims ({labels}), "
        f"{counts['references']} references, {counts['links']} links\n"
    )
    return EXIT_OK


def _verify_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("bundle", metavar="BUNDLE", help="bundle folder or .zip file")
    p.add_argument("--schema", metavar="PATH", help="TEI RELAX NG schema (tei_all.rng) to validate the TEI against")
    p.add_argument(
        "--validator", choices=("auto", "lxml", "jing"), default="auto", help="auto: jing when installed, else lxml"
    )


@command("verify", "re-check a bundle's hashes, quotes, pointers and bibliography (exit 1 on failure)", _verify_args)
def run_verify(args: argparse.Namespace, out: TextIO) -> int:
    """Print one line per failure and exit 1, or a summary line and exit 0."""
    failures = verify_bundle(args.bundle, schema=args.schema, validator=args.validator)
    for line in failures:
        out.write(line.replace("\n", " ") + "\n")
    if failures:
        return EXIT_FAILED
    out.write(f"ok: {args.bundle} verifies{' against ' + args.schema if args.schema else ''}\n")
    return EXIT_OK


def _trace_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("claim_id", metavar="CLAIM_ID")
    p.add_argument("--bundle", required=True, metavar="BUNDLE", help="bundle folder or .zip file")
    p.add_argument("--format", choices=("text", "json"), default="text")


@command("trace", "follow a claim to its quotes, sources (cite key, sha256) and further reading", _trace_args)
def run_trace(args: argparse.Namespace, out: TextIO) -> int:
    """Print the chain claim -> evidence -> source -> further reading."""
    chain = trace(args.bundle, args.claim_id)
    out.write(json.dumps(chain, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else trace_text(chain))
    return EXIT_OK


# --- view --------------------------------------------------------------------------------------


def _view_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("bundle", metavar="BUNDLE", help="a citation bundle folder (or its index.html)")
    p.add_argument("--print-path", action="store_true", help="only print the page's path, do not open a browser")


@command("view", "open a bundle's reading view (index.html) in a browser, or print its path", _view_args)
def run_view(args: argparse.Namespace, out: TextIO) -> int:
    """Open BUNDLE/index.html in the web browser; print its path when asked or when there is no browser."""
    path = find_view(args.bundle)
    if not args.print_path and open_view(path):
        out.write(f"opened {path}\n")
    else:
        out.write(f"{path}\n")
    return EXIT_OK


# --- entry point -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="annotate",
        description="Trace facts to the exact characters of cited sources.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_, add_args, _) in _COMMANDS.items():
        add_args(sub.add_parser(name, help=help_, description=help_))
    return parser


def one_line(message: str) -> str:
    r"""``message`` as one printable line: line breaks become spaces, other control, separator and
    surrogate characters their escapes, so a hostile file name or field cannot split or garble it.

    >>> one_line("a.csv:1: columns: x\x0by\nz\u2028")
    'a.csv:1: columns: x\\x0by z '
    """
    out = []
    for ch in message:
        if ch in "\r\n\u2028\u2029\x85":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in "\ufffe\uffff":
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 a check failed, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # The CLI reports every unreadable BibTeX block itself, one line each; bibtexparser's own log
    # records of the same blocks would repeat them as multi-line text.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    stream = out or sys.stdout
    _, _, run = _COMMANDS[args.command]
    try:
        return run(args, stream)
    except BrokenPipeError:  # pragma: no cover - output piped into `head`
        return EXIT_OK
    except (CorpusError, BibliographyError, AnnotateError) as exc:
        print(one_line(f"annotate: error: {exc}"), file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(one_line(f"annotate: error: {where}{exc.strerror or exc}"), file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
