"""The reading view: a bundle as one self-contained HTML page."""

from annotate.view.html import VIEW_FILENAME
from annotate.view.open import find_view, open_view
from annotate.view.page import render_view, write_view

__all__ = [
    "VIEW_FILENAME",
    "find_view",
    "open_view",
    "render_view",
    "write_view",
]
