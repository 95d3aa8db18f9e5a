"""The package's knowledge tables: data files in ``bibliography/data``, each with a header saying what it
holds and where it comes from (lines starting with ``#``)."""

from __future__ import annotations

from importlib import resources

__all__ = ["table_lines"]


def table_lines(name: str) -> list[str]:
    """The entries of ``bibliography/data/<name>``, one per non-blank line, header comments left out.

    >>> "london" in table_lines("publication_places.txt")
    True
    """
    text = resources.files("bibliography").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
