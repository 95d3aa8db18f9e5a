"""Bundles under faults: a writer killed at any instant, two writers at once (issue 13)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from annotate import BundleError, verify_bundle
from annotate.bundle import atomic
from annotate.bundle.atomic import writer_lock

KILLS = 16


def _command(out: Path, corpus: Path | None) -> list[str]:
    return [sys.executable, "-m", "annotate.cli", "bundle", "--quiet", "--jobs", "1", "--out", str(out)] + (
        [str(corpus)] if corpus else []
    )


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    (folder / "talks.txt").write_text("Talks\n\nThe talks began in 1933 in Washington.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("suffix", ["", ".zip"], ids=["folder", "zip"])
def test_kill_9_leaves_the_old_or_the_new_bundle(tmp_path: Path, small_corpus: Path, suffix: str) -> None:
    target = tmp_path / f"bundle{suffix}"
    reference: dict[str, bytes] = {}
    for name, corpus in (("small", small_corpus), ("embedded", None)):
        out = tmp_path / f"{name}{suffix}"
        subprocess.run(_command(out, corpus), check=True, capture_output=True)
        reference[name] = _manifest(out)
    subprocess.run(_command(target, small_corpus), check=True, capture_output=True)
    rng = random.Random(13)
    started = time.monotonic()
    subprocess.run(_command(tmp_path / "timing", None), check=True, capture_output=True)
    full = time.monotonic() - started
    interrupted = 0
    for k in range(KILLS):
        corpus = None if k % 2 == 0 else small_corpus
        proc = subprocess.Popen(_command(target, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if k % 4 == 0:
            time.sleep(rng.uniform(0.3, 1.0) * full)  # anywhere in the run
        else:
            # Aim at the writing itself: wait for the temporary sibling to appear, then a little more.
            deadline = time.monotonic() + 3 * full
            while proc.poll() is None and time.monotonic() < deadline and not _writing(tmp_path):
                time.sleep(0.002)
            time.sleep(rng.uniform(0.0, 0.2))
        # Popen.send_signal does nothing once poll() has reaped a writer that finished first.
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        interrupted += any(p.name.startswith(".bundle") for p in tmp_path.iterdir())
        assert verify_bundle(target) == [], f"kill {k}"
        assert _manifest(target) in reference.values(), f"kill {k}"
    print(f"{interrupted} of {KILLS} kills left a half-written bundle beside the complete one")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".bundle")]
    subprocess.run(_command(target, small_corpus), check=True, capture_output=True)
    assert _manifest(target) == reference["small"]
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".bundle")], leftovers


def _writing(folder: Path) -> bool:
    return any(".partial-" in p.name for p in folder.iterdir())


def _manifest(bundle: Path) -> bytes:
    if bundle.suffix == ".zip":
        with zipfile.ZipFile(bundle) as zf:
            return zf.read("manifest.json")
    return (bundle / "manifest.json").read_bytes()


def test_two_writers_at_once_never_interleave(tmp_path: Path, small_corpus: Path) -> None:
    target = tmp_path / "bundle"
    procs = [
        subprocess.Popen(_command(target, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for corpus in (small_corpus, None, small_corpus)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert verify_bundle(target) == []


def test_a_second_writer_can_fail_instead_of_waiting(tmp_path: Path) -> None:
    target = tmp_path / "bundle"
    with (
        writer_lock(target),
        pytest.raises(BundleError, match="another process is writing a bundle in"),
        writer_lock(target, wait=False),
    ):
        pass
    with writer_lock(target, wait=False):
        pass


def test_without_an_atomic_swap_a_crash_between_renames_is_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bundle"
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "manifest.json").write_text("new", encoding="utf-8")
    target.mkdir()
    (target / "manifest.json").write_text("old", encoding="utf-8")
    monkeypatch.setattr(atomic, "exchange", lambda a, b: False)  # a system without renameat2
    atomic.put_folder(tmp_path / "new", target)
    assert (target / "manifest.json").read_text(encoding="utf-8") == "new"
    # A writer killed after moving the old bundle aside and before moving the new one in:
    os.replace(target, tmp_path / ".bundle.previous")
    (tmp_path / ".bundle.partial-99").mkdir()
    atomic.repair(target)
    assert (target / "manifest.json").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle"]
