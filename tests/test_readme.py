"""The README's Python examples run as written."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT


def _python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_the_readme_has_the_main_job_in_five_lines():
    first = [line for line in _python_blocks()[0].splitlines() if line.strip()]
    assert len(first) <= 5
    assert "annotate(" in _python_blocks()[0] and "write_bundle(" in _python_blocks()[0]


@pytest.mark.parametrize("block", range(2))
def test_readme_python_block_runs(block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    code = "\n".join(_python_blocks()[: block + 1])  # later blocks use the names of earlier ones
    exec(compile(code, "README.md", "exec"), namespace)
    if block == 0:
        assert (tmp_path / "bundle" / "manifest.json").exists()
