"""Tests for citation bundles (annotate.bundle): writing, determinism, atomicity, verify, trace."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import annotate.bundle.write as bundle_mod
from annotate.bundle.layout import source_bytes
from annotate.bundle.read import BundleReader
from annotate.bundle.trace import trace, trace_text
from annotate.bundle.verify import verify_bundle
from annotate.bundle.write import write_bundle
from annotate.errors import BundleError, UnknownClaimError
from annotate.model import AnnotatedCorpus, Claim, Label, Verdict
from annotate.pipeline import annotate
from annotate.tei.read import read_tei
from corpus.analyze import analyze
from corpus.load import embedded_sources, load_file, source_from_text
from tests.annotate.conftest import full_corpora

FILES = {
    "corpus.tei.xml",
    "references.bib",
    "references.json",
    "annotations.jsonld",
    "claims.jsonl",
    "index.html",
    "manifest.json",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory, embedded_content) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "b"
    write_bundle(out, embedded_content)
    return out


def _copy(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "copy"
    shutil.copytree(src, dst)
    return dst


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_bundle_holds_every_file_and_the_raw_sources_byte_for_byte(built: Path) -> None:
    names = set(_tree(built))
    sources = embedded_sources()
    assert names == FILES | {f"sources/{s.id}.txt" for s in sources}
    for src in sources:
        data = (built / "sources" / f"{src.id}.txt").read_bytes()
        assert hashlib.sha256(data).hexdigest() == src.sha256
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["library"] == "citetrace"
    for name, entry in manifest["files"].items():
        data = (built / name).read_bytes()
        assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    assert set(manifest["files"]) == names - {"manifest.json"}
    assert manifest["counts"]["sources"] == len(sources)
    # The TEI names the bundled copy of each source.
    corpus = read_tei((built / "corpus.tei.xml").read_bytes())
    assert [d.source.path for d in corpus.documents] == [f"sources/{s.id}.txt" for s in sources]


def test_bundle_verifies(built: Path) -> None:
    assert verify_bundle(built) == []


def test_schema_failures_are_reported_with_lxml(built: Path, tmp_path: Path) -> None:
    # A tiny schema compiles instantly: it only accepts <other>, so the TEI must fail against it.
    rng = tmp_path / "other.rng"
    rng.write_text(
        '<element name="other" xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>', encoding="utf-8"
    )
    failures = verify_bundle(built, schema=rng, validator="lxml")
    assert failures and all(f.startswith("corpus.tei.xml: schema: ") for f in failures)


def test_rerun_gives_identical_bytes(built: Path, embedded_content, tmp_path: Path) -> None:
    again = tmp_path / "again"
    write_bundle(again, embedded_content)
    assert _tree(again) == _tree(built)
    # Writing over an existing bundle replaces it in place, with the same bytes.
    write_bundle(again, embedded_content)
    assert _tree(again) == _tree(built)
    assert [p.name for p in tmp_path.iterdir()] == ["again"]


def test_zip_bundle_is_deterministic_and_verifies(built: Path, embedded_content, tmp_path: Path) -> None:
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    write_bundle(a, embedded_content)
    write_bundle(b, embedded_content)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        infos = zf.infolist()
        assert [i.filename for i in infos] == sorted(_tree(built))
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.filename: zf.read(i) for i in infos} == _tree(built)
    assert verify_bundle(a) == []
    assert trace(a, embedded_content.verdicts[0].claim.id) == trace(built, embedded_content.verdicts[0].claim.id)


def test_one_changed_source_byte_fails(built: Path, tmp_path: Path) -> None:
    copy = _copy(built, tmp_path)
    path = copy / "sources" / "dulcinea-2011.txt"
    data = bytearray(path.read_bytes())
    data[300] ^= 0x01
    path.write_bytes(bytes(data))
    failures = verify_bundle(copy)
    assert any(f.startswith("sources/dulcinea-2011.txt: sha256") for f in failures)
    assert any("differs from sources/dulcinea-2011.txt" in f for f in failures)


def test_edited_quote_fails_even_with_a_fixed_manifest(built: Path, tmp_path: Path) -> None:
    copy = _copy(built, tmp_path)
    claims = copy / "claims.jsonl"
    rows = [json.loads(line) for line in claims.read_text(encoding="utf-8").splitlines()]
    rows[0]["evidence"][0]["quote"] = "Something else entirely."
    rows[1]["evidence"] = []
    claims.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    # Re-hash in the manifest, as a careless editor would: the quotes still give it away.
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    data = claims.read_bytes()
    manifest["files"]["claims.jsonl"] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    failures = verify_bundle(copy)
    assert any(f.startswith("claims.jsonl:1:") and "evidence quote differs" in f for f in failures)
    assert any(f.startswith("claims.jsonl:2:") and "has no evidence" in f for f in failures)


def test_missing_extra_and_dangling_are_reported(built: Path, tmp_path: Path) -> None:
    copy = _copy(built, tmp_path)
    (copy / "references.bib").unlink()
    (copy / "notes.txt").write_text("x", encoding="utf-8")
    tei = copy / "corpus.tei.xml"
    tei.write_bytes(tei.read_bytes().replace(b'corresp="#dulcinea-2011.p1.s1"', b'corresp="#nowhere"', 1))
    failures = verify_bundle(copy)
    assert "references.bib: listed in the manifest but missing" in failures
    assert "notes.txt: not listed in the manifest" in failures
    assert any("points at #nowhere, which does not exist" in f for f in failures)
    assert any(f.startswith("corpus.tei.xml: sha256") for f in failures)


def test_missing_bibliography_entry_is_reported(built: Path, tmp_path: Path) -> None:
    copy = _copy(built, tmp_path)
    csl = copy / "references.json"
    items = [i for i in json.loads(csl.read_text(encoding="utf-8")) if i["id"] != "findingdulcinea2011this"]
    csl.write_text(json.dumps(items), encoding="utf-8")
    failures = verify_bundle(copy)
    assert "references.json: source dulcinea-2011 has no bibliography entry" in failures
    assert any("cites findingdulcinea2011this, which has no entry" in f for f in failures)
    assert "references.bib: cite keys differ from references.json" in failures


def test_claim_without_evidence_needs_not_enough_info(tmp_path: Path) -> None:
    doc = analyze(source_from_text("Title\n\nIt began in 1933.\n", "n"))
    claim = Claim("c1", "The moon is cheese.")
    good = AnnotatedCorpus([doc], annotate([doc]).references, [Verdict(claim, Label.NOT_ENOUGH_INFO)])
    write_bundle(tmp_path / "good", good)
    assert verify_bundle(tmp_path / "good") == []
    bad = attrs.evolve(good, verdicts=[Verdict(claim, Label.SUPPORTED)])
    write_bundle(tmp_path / "bad", bad)
    failures = verify_bundle(tmp_path / "bad")
    assert "corpus.tei.xml: claim c1: no evidence and the verdict is SUPPORTED" in failures
    assert any(f.startswith("claims.jsonl:1: claim c1 has no evidence") for f in failures)


def test_interrupted_run_leaves_the_earlier_bundle_intact(built, embedded_content, tmp_path, monkeypatch) -> None:
    out = _copy(built, tmp_path)
    before = _tree(out)

    def boom(*_args, **_kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(bundle_mod, "write_web_annotations", boom)
    with pytest.raises(RuntimeError, match="interrupted"):
        write_bundle(out, embedded_content)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]  # no partial folder left behind
    with pytest.raises(RuntimeError):
        write_bundle(tmp_path / "x.zip", embedded_content)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]


def test_refuses_to_replace_a_folder_that_is_not_a_bundle(embedded_content, tmp_path: Path) -> None:
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.tex").write_text("...", encoding="utf-8")
    with pytest.raises(BundleError, match="not a bundle folder"):
        write_bundle(precious, embedded_content)
    assert (precious / "chapter1.tex").exists()


def test_source_bytes_are_recovered_and_checked(tmp_path: Path) -> None:
    for src in embedded_sources():
        assert hashlib.sha256(source_bytes(src)).hexdigest() == src.sha256
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\n\nText.\n")
    src = load_file(path)
    assert source_bytes(src) == path.read_bytes()
    path.unlink()
    assert source_bytes(src) == b"\xef\xbb\xbfTitle\n\nText.\n"  # the bytes corpus kept
    text_only = attrs.evolve(src, data=None)  # as read back from TEI
    assert source_bytes(text_only) == b"\xef\xbb\xbfTitle\n\nText.\n"  # re-encoded, BOM and all
    moved = attrs.evolve(src, raw="Title\n\nChanged.\n", data=None)
    with pytest.raises(BundleError, match="cannot recover bytes"):
        source_bytes(moved)


def test_trace_follows_claim_to_quote_source_and_further_reading(built: Path, embedded_content) -> None:
    verdict = next(v for v in embedded_content.verdicts if v.evidence)
    chain = trace(built, verdict.claim.id)
    assert chain["claim"]["id"] == verdict.claim.id
    assert chain["claim"]["verdict"] == verdict.label.value
    first = chain["evidence"][0]
    ev = verdict.evidence[0]
    assert (first["start"], first["end"], first["quote"]) == (ev.span.start, ev.span.end, ev.quote)
    doc = next(d for d in embedded_content.documents if d.source.id == ev.source)
    assert first["source"]["sha256"] == doc.source.sha256
    assert first["source"]["cite_key"] == ev.cite_key
    linked = {(link.target, link.key) for link in embedded_content.links}
    assert any(chain_ev["further_reading"] for chain_ev in chain["evidence"]) or not linked
    for chain_ev in chain["evidence"]:
        for ref in chain_ev["further_reading"]:
            parent = next(
                p.parent for d in embedded_content.documents for p in d.passages if p.id == chain_ev["passage"]
            )
            assert (chain_ev["passage"], ref["key"]) in linked or (parent, ref["key"]) in linked
    text = trace_text(chain)
    assert text.startswith(f"claim {verdict.claim.id} [{verdict.label.value}]")
    assert f"[{ev.span.start}, {ev.span.end})" in text and doc.source.sha256 in text
    with pytest.raises(UnknownClaimError, match="no claim 'nope'"):
        trace(built, "nope")


def test_reader_refuses_unsafe_member_names(built: Path) -> None:
    with BundleReader(built) as reader, pytest.raises(BundleError, match="refusing member name"):
        reader.read("../etc/passwd")
    with pytest.raises(BundleError, match="no such bundle"):
        BundleReader(built / "missing")


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(full_corpora())
def test_generated_corpora_bundle_and_verify(tmp_path_factory, corpus) -> None:
    out = tmp_path_factory.mktemp("gen") / "b"
    write_bundle(out, AnnotatedCorpus(*corpus))
    assert verify_bundle(out) == []


def test_bundle_carries_its_reading_view(built: Path) -> None:
    page = (built / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert "index.html" in manifest["files"]
    # The page is generated from the bundle's own data: every claim id appears in it.
    claim_ids = [json.loads(line)["id"] for line in (built / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert claim_ids
    assert all(cid in page for cid in claim_ids)


def test_reader_refuses_symlinks_out_of_a_folder_bundle(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    secret = tmp_path / "secret.txt"
    secret.write_text("outside", encoding="utf-8")
    (copy / "sources" / "leak.txt").symlink_to(secret)
    with BundleReader(copy) as reader, pytest.raises(BundleError, match=r"refusing sources/leak\.txt: a symbolic link"):
        reader.read("sources/leak.txt")
    failures = verify_bundle(copy)
    assert any("leak.txt" in f for f in failures)


def test_reader_refuses_a_zip_bomb_member(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf,
        zf.open("manifest.json", "w", force_zip64=True) as fh,
    ):
        for _ in range(80):
            fh.write(b"\0" * (1 << 20))
    with BundleReader(bomb) as reader, pytest.raises(BundleError, match=r"refusing manifest\.json: 83,886,080 bytes"):
        reader.read("manifest.json")


def test_verify_names_paths_leaving_the_bundle_symlinks_and_moved_offsets(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["../outside.txt"] = manifest["files"]["claims.jsonl"]
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "outside.txt").write_text("not to be read", encoding="utf-8")
    (copy / "references.bib").unlink()
    (copy / "references.bib").symlink_to(built / "references.bib")
    lines = (copy / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[0])
    row["evidence"][0]["start"] += 1
    lines[0] = json.dumps(row, ensure_ascii=False)
    (copy / "claims.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    failures = verify_bundle(copy)
    assert "../outside.txt: a manifest path leaving the bundle; not read" in failures
    assert any(f.startswith("references.bib: a symbolic link") for f in failures)
    assert any(f.startswith("claims.jsonl:1: ") and "evidence quote differs" in f for f in failures)
    assert all("\n" not in f for f in failures)


@pytest.fixture(scope="module")
def many_sources_content() -> AnnotatedCorpus:
    """Enough small sources for the writer to fork (it writes in one process below 50)."""
    docs = [
        analyze(
            source_from_text(f"Note {i}\n\nThe station at Kell {i} opened in {1900 + i}. It closed in 1990.\n", f"n{i}")
        )
        for i in range(bundle_mod._MIN_SOURCES_TO_FORK + 5)
    ]
    return annotate(docs)


def test_two_writers_give_the_bytes_of_one(many_sources_content, tmp_path: Path, monkeypatch) -> None:
    forks: list[int] = []
    real = bundle_mod.forked_map

    def counting(*args, **kwargs):  # the real forked map, counted, so the test knows the fork path ran
        forks.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(bundle_mod, "forked_map", counting)
    write_bundle(tmp_path / "one", many_sources_content, jobs=1)
    assert forks == []
    write_bundle(tmp_path / "two", many_sources_content, jobs=2)
    assert forks == [1] or not bundle_mod.can_fork()
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert verify_bundle(tmp_path / "two") == []
    write_bundle(tmp_path / "four", many_sources_content, jobs=4)  # a process per file group
    assert _tree(tmp_path / "one") == _tree(tmp_path / "four")


def test_a_failing_forked_writer_leaves_nothing_half_written(many_sources_content, tmp_path: Path, monkeypatch) -> None:
    write_bundle(tmp_path / "b", many_sources_content, jobs=1)
    before = _tree(tmp_path / "b")

    def boom(*_args, **_kwargs):
        raise BundleError("TEI writer failed")

    # Set before the fork, so the worker that writes the TEI inherits it.
    monkeypatch.setattr(bundle_mod, "_write_tei", boom)
    with pytest.raises(BundleError, match="TEI writer failed"):
        write_bundle(tmp_path / "b", many_sources_content, jobs=2)
    assert _tree(tmp_path / "b") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]
