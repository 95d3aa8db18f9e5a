"""The shared text layer: small, dependency-free text tools that ``corpus``, ``bibliography`` and
``annotate`` all use, so each exists once. It imports none of the three packages.

>>> from textkit import month_number
>>> month_number("Nov.")
11
"""

from textkit.months import MONTH_NAMES, MONTH_NUMBERS, month_number
from textkit.validators import Validators

__all__ = [
    "MONTH_NAMES",
    "MONTH_NUMBERS",
    "Validators",
    "month_number",
]
