"""The code-health rules CI holds the packages to: ruff's lint set with cyclomatic complexity at most 25
(``[tool.ruff.lint.mccabe]``), and ``mypy --strict`` over the four packages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> list[str]:
    if shutil.which(name, path=str(Path(sys.executable).parent)) is None:
        pytest.skip(f"{name} is not installed in this environment (pip install '.[test]')")
    return [sys.executable, "-m", name]


def test_ruff_lint_and_complexity():
    done = subprocess.run(
        [*_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict():
    done = subprocess.run([*_tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
