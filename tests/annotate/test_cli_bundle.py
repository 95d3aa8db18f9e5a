"""Tests for the ``annotate bundle``, ``verify`` and ``trace`` commands."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotate.cli import EXIT_ERROR, EXIT_FAILED, EXIT_OK, main
from tests.annotate.conftest import tei_schema_path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def cli_bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "bundle"
    code, text = run("bundle", "--out", str(out))
    assert code == EXIT_OK, text
    assert text.startswith(f"wrote {out}: 2 sources, ")
    return out


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_bundle_of_the_embedded_corpus_verifies(cli_bundle: Path) -> None:
    code, text = run("verify", str(cli_bundle))
    assert (code, text) == (EXIT_OK, f"ok: {cli_bundle} verifies\n")


@pytest.mark.external
def test_bundle_verifies_against_the_schema(cli_bundle: Path) -> None:
    if shutil.which("jing") is None or not tei_schema_path().is_file():
        pytest.skip("jing or the TEI schema is missing")
    code, text = run("verify", str(cli_bundle), "--schema", str(tei_schema_path()), "--validator", "jing")
    assert code == EXIT_OK, text


def test_rerun_is_byte_identical(cli_bundle: Path, tmp_path: Path) -> None:
    code, _ = run("bundle", "--out", str(tmp_path / "again"))
    assert code == EXIT_OK
    assert _tree(tmp_path / "again") == _tree(cli_bundle)


def test_changed_byte_exits_1_with_one_line_per_failure(cli_bundle: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(cli_bundle, copy)
    src = copy / "sources" / "recognition-2022.txt"
    data = bytearray(src.read_bytes())
    data[5000] = ord("#") if data[5000] != ord("#") else ord("%")
    src.write_bytes(bytes(data))
    code, text = run("verify", str(copy))
    assert code == EXIT_FAILED
    lines = text.splitlines()
    assert lines and all(line.strip() for line in lines)
    assert any(line.startswith("sources/recognition-2022.txt: sha256") for line in lines)


def test_trace_text_and_json(cli_bundle: Path) -> None:
    rows = [json.loads(line) for line in (cli_bundle / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    claim = next(r for r in rows if r["evidence"])
    code, text = run("trace", claim["id"], "--bundle", str(cli_bundle))
    assert code == EXIT_OK
    assert text.startswith(f"claim {claim['id']} [{claim['verdict']}]: {claim['claim']}")
    ev = claim["evidence"][0]
    assert f"raw [{ev['start']}, {ev['end']})" in text
    code, data = run("trace", claim["id"], "--bundle", str(cli_bundle), "--format", "json")
    assert code == EXIT_OK
    chain = json.loads(data)
    assert chain["evidence"][0]["quote"] == ev["quote"]
    assert chain["evidence"][0]["source"]["cite_key"] == ev["cite_key"]


def test_trace_of_an_unknown_claim_is_an_error(cli_bundle: Path, capsys) -> None:
    code, _ = run("trace", "no-such-claim", "--bundle", str(cli_bundle))
    assert code == EXIT_ERROR
    assert "no claim 'no-such-claim'" in capsys.readouterr().err


def test_bundle_from_paths_with_supplied_claims_to_a_zip(tmp_path: Path) -> None:
    src = tmp_path / "texts"
    src.mkdir()
    (src / "talks.txt").write_text(
        "Talks on Recognition\n\nTalks began in Washington on November 9, 1933. They ended on November 16.\n",
        encoding="utf-8",
    )
    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        '{"id": "q1", "claim": "Talks began in Washington in 1933."}\n{"id": "q2", "claim": "Talks began in 1950."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "b.zip"
    code, text = run("bundle", str(src), "--claims", str(claims), "--out", str(out))
    assert code == EXIT_OK, text
    assert run("verify", str(out))[0] == EXIT_OK
    chain = json.loads(run("trace", "q1", "--bundle", str(out), "--format", "json")[1])
    assert chain["claim"]["origin"] == "supplied"
    assert chain["evidence"] and chain["evidence"][0]["source"]["id"] == "talks"
    # The bundle's claims.jsonl is itself a claims file: fed back, it gives the same bundle.
    unpacked = tmp_path / "unpacked"
    shutil.unpack_archive(out, unpacked, "zip")
    again = tmp_path / "again.zip"
    code, text = run("bundle", str(src), "--claims", str(unpacked / "claims.jsonl"), "--out", str(again))
    assert code == EXIT_OK, text
    assert again.read_bytes() == out.read_bytes()


def test_missing_bundle_is_an_error(tmp_path: Path, capsys) -> None:
    code, _ = run("verify", str(tmp_path / "nothing"))
    assert code == EXIT_ERROR
    assert "no such bundle" in capsys.readouterr().err


def test_bundle_bytes_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    # Two processes with different string-hash seeds: any set iterated into the output would differ.
    # The essay's sentence shares several two-word phrases with both works, so their order shows.
    rng = random.Random(3)
    words = ["apple", "river", "mountain", "window", "garden", "silver", "candle", "forest", "bridge", "market"]
    words += ["letter", "winter", "summer", "village", "castle", "ocean", "meadow", "thunder", "pepper", "lantern"]
    filler = []
    for _ in range(40):
        w = rng.sample(words, 5)
        filler.append(f"The {w[0]} and the {w[1]} met a {w[2]} near the {w[3]} of the {w[4]}.")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "essay.txt").write_text(
        "Harbour Records\n\n" + " ".join(filler[:20]) + "\n\nThe harbour stone quay record holds the tide table "
        "register.\n\n" + " ".join(filler[20:]) + "\n\nFurther Reading\n\n"
        "Archer, Thomas. Harbour Stone Quay Records and Tide Table Registers. London: Smith, 1954.\n"
        "Berg, Anna. Tide Table Registers of the Harbour Stone Quay. Oslo: Norli, 1988.\n",
        encoding="utf-8",
    )
    outs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"b{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-m", "annotate.cli", "bundle", "--quiet", "--jobs", "1", "--out", str(out), str(corpus)]
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        outs.append(out)
    assert "harbour stone, stone quay" in (outs[0] / "corpus.tei.xml").read_text(encoding="utf-8")
    for other in outs[1:]:
        for path in sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file()):
            assert (outs[0] / path).read_bytes() == (other / path).read_bytes(), path
