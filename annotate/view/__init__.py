"""The reading view: a bundle as one self-contained HTML page."""

from annotate.view.page import VIEW_FILENAME, find_view, open_view, render_view

__all__ = [
    "VIEW_FILENAME",
    "find_view",
    "open_view",
    "render_view",
]
