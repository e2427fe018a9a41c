"""Times: a claim's time phrases ("on Saturday", "last Sunday") as dates, given the article's date.

News speaks of the past: a bare weekday is the latest such day on or before the article's date,
"last <weekday>" the one strictly before it, "next <weekday>" the one after it.

>>> normalise("saturday", "2024-03-09"), normalise("last sunday", "2024-03-09")
('2024-03-09', '2024-03-03')
>>> normalise("yesterday", "2024-03-09T10:00:00Z"), normalise("march 7", "2024-03-09")
('2024-03-08', '2024-03-07')
>>> normalise("saturday", None) is None
True
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from .words import MONTHS, WEEKDAYS

RELATIVE = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def parse_date(value: str | None) -> date | None:
    """The calendar date at the start of an ISO 8601 date or timestamp, else None."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def normalise(phrase: str, article_date: str | None) -> str | None:
    """The ISO date a time phrase names in an article of *article_date*, or None if unknown."""
    d = parse_date(article_date)
    if d is None:
        return None
    words = phrase.lower().split()
    if not words:
        return None
    last = words[-1]
    if last in RELATIVE:
        return (d + timedelta(days=RELATIVE[last])).isoformat()
    if last in WEEKDAYS:
        back = (d.weekday() - WEEKDAYS.index(last)) % 7
        if words[0] == "last" and back == 0:
            back = 7
        if words[0] == "next":
            return (d + timedelta(days=(WEEKDAYS.index(last) - d.weekday()) % 7 or 7)).isoformat()
        return (d - timedelta(days=back)).isoformat()
    for k, month in enumerate(MONTHS):
        if month in words:
            day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31), None)
            if day is None:
                return None
            try:
                when = date(d.year, k + 1, day)
            except ValueError:
                return None
            if when > d + timedelta(days=31):   # "December 30" in a January article
                when = when.replace(year=d.year - 1)
            return when.isoformat()
    return None
