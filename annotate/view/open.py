"""Opening a bundle's reading view in a browser, or saying where it is."""

from __future__ import annotations

import webbrowser
from pathlib import Path

from annotate.view.html import VIEW_FILENAME


def find_view(bundle: str | Path) -> Path:
    """The reading view of ``bundle`` (a bundle folder, or the HTML file itself), as an absolute path.

    Raises :class:`FileNotFoundError` naming the path when there is none.
    """
    path = Path(bundle)
    candidate = path / VIEW_FILENAME if path.is_dir() else path
    if not candidate.is_file():
        raise FileNotFoundError(2, f"no {VIEW_FILENAME} (not a citation bundle?)", str(candidate))
    return candidate.resolve()


def open_view(path: Path) -> bool:
    """Open ``path`` in the user's web browser; False when no browser is available."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    return bool(browser.open(path.as_uri()))
