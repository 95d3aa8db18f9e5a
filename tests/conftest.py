"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# CI draws the same examples on every run, so a red run is reproducible and one rare draw cannot turn a
# landing red; elsewhere hypothesis explores anew each time (and keeps what fails in its database).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
DATA = ROOT / "tests" / "data"


def shared_dir() -> Path:
    """``../shared`` beside the repository (CI clones it there); CITETRACE_SHARED overrides."""
    return Path(os.environ.get("CITETRACE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = shared_dir() / "seeds"
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared beside the clone")
        pytest.skip(f"{path} not found (set CITETRACE_SHARED)")
    return path
