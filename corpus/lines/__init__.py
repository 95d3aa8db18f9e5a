"""Lines of a page read by a small learned model: reference lines, entry starts and page chrome."""

from corpus.lines.model import LineScores, score_lines

__all__ = ["LineScores", "score_lines"]
