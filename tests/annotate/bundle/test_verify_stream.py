"""verify streams its files: for good and broken bundles, the streamed checks report exactly what reading
each file whole reports, and the raw texts are read on demand."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from annotate.bundle import verify_rows, verify_tei
from annotate.bundle.read import BundleReader, _json
from annotate.bundle.texts import Keyed, SourceTexts
from annotate.bundle.verify import _check_manifest, verify_bundle
from annotate.bundle.write import write_bundle
from annotate.webanno import check_web_annotations, source_iri


@pytest.fixture(scope="module")
def built(tmp_path_factory, embedded_content) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "b"
    write_bundle(out, embedded_content)
    return out


def _sub(pattern: bytes, repl: bytes, count: int = 1, last: bool = False) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        found = list(re.finditer(pattern, data))
        assert found, pattern
        for m in (found[-1:] if last else found[:count])[::-1]:
            data = data[: m.start()] + m.expand(repl) + data[m.end() :]
        return data

    return edit


def _move_standoff(data: bytes) -> bytes:
    m = re.search(rb"\n  <standOff type=\"claims\">.*?\n  </standOff>", data, flags=re.S)
    assert m
    return data.replace(m.group(0), b"", 1).replace(b"\n</teiCorpus>", m.group(0) + b"\n</teiCorpus>", 1)


TEI_EDITS: dict[str, Callable[[bytes], bytes]] = {
    "as written": lambda b: b,
    "dangling pointers": _sub(rb'corresp="#[^"]+"', b'corresp="#nowhere"', count=3),
    "range past the end": _sub(
        rb"string-range\((raw\.[^,]+),(\d+),(\d+)\)", rb"string-range(\1,\2,99999999)", last=True
    ),
    "link with one end": _sub(rb'(<link type="supports" target=")([^ "]+) [^"]+"', rb'\1\2"'),
    "not well-formed": lambda b: b[: len(b) * 2 // 3],
    "a DOCTYPE": lambda b: b.replace(b"?>", b"?><!DOCTYPE x>", 1),
    "an entity declaration in a comment": _sub(rb"(</TEI>)", rb"\1<!-- <!ENTITY x -->"),
    "an undefined entity": _sub(rb'(<s xml:id="[^"]+">)', rb"\1&foo;"),
    "UTF-16": lambda b: b.decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'").encode("utf-16"),
    "a member without its raw text": _sub(rb'<seg type="raw"', b'<seg type="rawx"', last=True),
    "a wrong raw character": _sub(rb'(<seg type="raw"[^>]*>)[A-Za-z]', rb"\g<1>~", last=True),
    "the root renamed": lambda b: b.replace(b"<teiCorpus", b"<teiCorpusX", 1).replace(
        b"</teiCorpus>", b"</teiCorpusX>"
    ),
    "an unknown label": _sub(rb'ana="#label\.\w+"', b'ana="#label.BOGUS"', last=True),
    "an edited quote": _sub(rb'(<span xml:id="ev[^>]*>)[^<]{3}', rb"\1XYZ", last=True),
    "a bad escaped character": _sub(rb'(<s xml:id="[^"]+">)', rb'\1<g type="ctl" n="bogus">x</g>'),
    "a bad feature value": _sub(rb'<numeric value="[^"]*"', b'<numeric value="abc"', last=True),
    "the stand-off after the members": _move_standoff,
    "a missing evidence span": _sub(rb'<ptr type="evidence" target="#', b'<ptr type="evidence" target="#zz', last=True),
    "a claim id without its prefix": _sub(rb'(<note type="claim"[^>]*xml:id=")claim\.', rb"\1klaim.", last=True),
}


#: What the stream leaves to a whole read (every other edit is settled streaming).
READ_WHOLE = {
    "not well-formed",
    "a DOCTYPE",
    "an entity declaration in a comment",
    "an undefined entity",
    "UTF-16",
    "the stand-off after the members",
}


@pytest.mark.parametrize("edit", list(TEI_EDITS), ids=list(TEI_EDITS))
def test_streamed_tei_reports_what_the_whole_tree_reports(built: Path, tmp_path: Path, edit: str) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    tei = copy / "corpus.tei.xml"
    tei.write_bytes(TEI_EDITS[edit](tei.read_bytes()))
    with BundleReader(copy) as reader:
        manifest = _json(reader, "manifest.json", [])
        raws = _check_manifest(reader, manifest, [])
        whole = verify_tei._whole(reader, raws, manifest)
        assert verify_tei.check_tei(reader, raws, manifest) == whole
        if edit not in READ_WHOLE:
            assert verify_tei._streamed(reader, raws, manifest) == whole
    assert (whole.failures + whole.checks == []) == (
        edit in ("as written", "UTF-16", "the stand-off after the members")
    )


ANNOTATION_EDITS: dict[str, Callable[[bytes], bytes]] = {
    "as written": lambda b: b,
    "an edited quote": _sub(rb'"exact": "[^"]{3}', b'"exact": "XYZ'),
    "an edited prefix": _sub(rb'"prefix": "[^"]{2}', b'"prefix": "ZZ', last=True),
    "a wrong total": _sub(rb'"total": \d+', b'"total": 7'),
    "a missing comma": _sub(rb"\n      },\n      \{", b"\n      }\n      {"),
    "compact JSON": lambda b: json.dumps(json.loads(b)).encode(),
    "not UTF-8": lambda b: b[:500] + b"\xff" + b[500:],
    "a number for an item": _sub(rb'"items": \[\n', b'"items": [\n      5,\n'),
    "CRLF line ends": lambda b: b.replace(b"\n", b"\r\n"),
    "a key twice": lambda b: b.replace(
        b'"id": "annotations.jsonld",', b'"id": "annotations.jsonld",\n  "first": {},', 1
    ),
    "an unknown source": _sub(rb'"id": "sources/[^"]+"', b'"id": "sources/nothing.txt"'),
    "no items": lambda b: re.sub(rb'"items": \[.*\n    \]', b'"items": []', b, count=1, flags=re.S),
}


@pytest.mark.parametrize("edit", list(ANNOTATION_EDITS), ids=list(ANNOTATION_EDITS))
def test_streamed_annotations_report_what_a_whole_parse_reports(built: Path, tmp_path: Path, edit: str) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    path = copy / "annotations.jsonld"
    path.write_bytes(ANNOTATION_EDITS[edit](path.read_bytes()))
    with BundleReader(copy) as reader:
        raws = _check_manifest(reader, _json(reader, "manifest.json", []), [])
        by_iri = Keyed(raws, {sid: source_iri(sid) for sid in raws})
        streamed: list[str] = []
        verify_rows.check_annotations(reader, by_iri, streamed)
        whole: list[str] = []
        collection = _json(reader, "annotations.jsonld", whole)
        if collection is not None:
            whole.extend(check_web_annotations(collection, by_iri))
    assert streamed == whole
    assert (streamed == []) == (edit in ("as written", "CRLF line ends", "compact JSON"))


@pytest.mark.parametrize(
    "edit",
    [
        lambda b: b[:100] + b"\xff" + b[100:],
        lambda b: b.replace(b'"text": "', '"text": "\u2028'.encode(), 1),
        lambda b: b"\n" + b.replace(b"\n", b"\n[1]\n\r\n", 1),
        lambda b: b.replace(b"\n", b"\r\n"),
    ],
    ids=["not UTF-8", "a line separator", "blank and non-object lines", "CRLF"],
)
def test_claim_rows_read_by_line_report_what_the_whole_text_reports(built: Path, tmp_path: Path, edit) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    path = copy / "claims.jsonl"
    path.write_bytes(edit(path.read_bytes()))
    with BundleReader(copy) as reader:
        raws = _check_manifest(reader, _json(reader, "manifest.json", []), [])
        streamed: list[str] = []
        ids = verify_rows.check_claim_rows(reader, raws, streamed)
        whole: list[str] = []
        try:
            lines = iter(reader.read("claims.jsonl").decode("utf-8").splitlines())
            assert verify_rows._rows(lines, raws, whole) == ids
        except UnicodeDecodeError as exc:
            whole = [f"claims.jsonl: cannot read: {exc}"]
    assert streamed == whole


def test_raw_texts_are_read_again_when_not_kept(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with BundleReader(built) as reader:
        texts = SourceTexts(reader, budget=1)
        sources = sorted((built / "sources").iterdir())
        for path in sources:
            texts.add(path.stem, f"sources/{path.name}", path.read_bytes())
        assert texts._cache.keys() == {sources[-1].stem}
        assert texts[sources[0].stem] == path_text(sources[0])
        assert texts._cache.keys() == {sources[0].stem}
    monkeypatch.setattr("annotate.bundle.texts.BUDGET", 1)
    assert verify_bundle(built) == []


def path_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")
