"""English month names: the one table every package reads dates with.

Locale-independent on purpose (``calendar.month_name`` follows the process locale, so the same bytes
could parse differently on two machines).

>>> MONTH_NAMES[10]
'November'
>>> month_number("Sept."), month_number("nov"), month_number("Novembre")
(9, 11, None)
"""

from __future__ import annotations

#: The twelve English month names, January first.
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: Lower-case full names, three-letter abbreviations and "sept" to month numbers (1-12).
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}


def month_number(word: str) -> int | None:
    """The month number of a full or abbreviated English month name (case and a final period ignored)."""
    return MONTH_NUMBERS.get(word.strip().rstrip(".").lower())
