"""The one CSV writer for every CSV claimtrack emits (and the reader's half of its escaping).

Cells hold article text, which is untrusted: a cell starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return is prefixed with ``'`` so a spreadsheet shows it instead of running it
as a formula (OWASP "CSV injection"; a leading ``'`` is doubled, which a spreadsheet shows as one), and control characters become visible stand-ins
(:func:`claimtrack.io.safetext.visible`). :func:`unguard` undoes the prefix for files read back
(the review sheet), so ids survive the round trip.

>>> import io
>>> buf = io.StringIO()
>>> write_csv(buf, ["id", "text"], [{"id": "-x", "text": '=HYPERLINK("http://evil")'}])
1
>>> print(buf.getvalue(), end="")
id,text
'-x,"'=HYPERLINK(""http://evil"")"
>>> unguard("'-x"), unguard("''quoted'"), unguard("it's")
('-x', "'quoted'", "it's")
"""
from __future__ import annotations

import csv
from typing import IO, Iterable, Mapping, Sequence

from .safetext import visible

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object, flat: bool = False) -> object:
    """One safe cell: numbers and booleans as they are, text guarded (see the module doc).

    *flat* also folds line breaks and runs of spaces into one space, for sheets where each row
    must stay one line.
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value).lower() if isinstance(value, bool) else str(value)
    if flat:
        text = " ".join(text.split())
    text = visible(text)  # first: a carriage return becomes ␍ and starts no formula
    # a leading ' is doubled too, so that unguard() can tell it from the guard
    return "'" + text if text.startswith(FORMULA_START + ("'",)) else text


def unguard(value: str) -> str:
    """A cell as it was before :func:`cell` guarded it against formulas."""
    if value.startswith("'") and value[1:2] and value[1] in "=+-@\t\r'":
        return value[1:]
    return value


def write_csv(out: IO[str], fields: Sequence[str], rows: Iterable[Mapping | Sequence],
              flat: bool = False) -> int:
    """Write a header and *rows* (mappings by field name, or sequences in field order) to *out*
    with ``\\n`` line ends; returns the number of rows. Missing fields are empty cells."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(fields)
    n = 0
    for row in rows:
        values = [row.get(f, "") for f in fields] if isinstance(row, Mapping) else row
        w.writerow([cell(v, flat) for v in values])
        n += 1
    return n
