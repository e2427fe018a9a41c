"""Plain-text pieces the matcher compares: sentences, words, lemmas, numbers with their units.

Independent of the Stanza parse so that a claim typed by a user, an FNC-1 body and a parsed
article's sentences are read the same way.

>>> words("The depot didn't hold 2,000 litres.")
['the', 'depot', "didn't", 'hold', '2,000', 'litres']
>>> [(n.value, n.unit) for n in numbers("It held 2,000 litres, not 2.5 million tonnes or 40%.")]
[(2000.0, 'litre'), (2500000.0, 'tonne'), (40.0, '%')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*%?")
_SENT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z\"“])")
_NUMBER = re.compile(
    r"(?P<cur>[$£€])?\s?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s?(?P<scale>million|billion|thousand|"
    r"trillion|bn|m|k)?\b\s?(?P<unit>%|percent|per cent|[a-z]+)?", re.I)
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
           "trillion": 1e12}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "dozen": 12, "hundred": 100, "hundreds": 100,
                 "thousands": 1000}


def normalise(text: str) -> str:
    """Curly quotes and apostrophes to straight ones, so that "didn’t" is "didn't"."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def words(text: str) -> list[str]:
    """Lower-cased word and number tokens; contractions stay one token ("didn't")."""
    return _WORD.findall(normalise(text).lower())


def sentences(text: str) -> list[str]:
    """The text cut into sentences (a period, ! or ? before a capital, or a paragraph break)."""
    out = []
    for part in _SENT.split(normalise(text)):
        part = " ".join(part.split())
        if part:
            out.append(part)
    return out


@dataclass(frozen=True)
class Number:
    """A quantity as written: its value with the scale applied, and its unit (singular, lower)."""

    value: float
    unit: str
    text: str


def numbers(text: str) -> list[Number]:
    """The quantities in *text*; a currency sign is the unit ("$800M" -> 800e6, '$')."""
    out = []
    for m in _NUMBER.finditer(normalise(text)):
        value = float(m["num"].replace(",", ""))
        scale = (m["scale"] or "").lower()
        value *= _SCALES.get(scale, 1.0)
        unit = m["cur"] or (m["unit"] or "").lower()
        if unit in ("percent", "per cent"):
            unit = "%"
        if not m["cur"] and 1800 <= value <= 2100 and not unit and not scale:
            unit = "year?"
        out.append(Number(value, singular(unit) if unit.isalpha() else unit, m.group(0).strip()))
    return out


_SPELLED = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\s+(?:[a-z]+\s+)?([a-z]+s)\b", re.I)


def quantities(text: str) -> list[Number]:
    """``numbers`` plus small spelled-out counts of a plural noun ("two workers", "five
    other workers"), for comparing claims; the stance model's features keep to ``numbers``."""
    out = numbers(text)
    for m in _SPELLED.finditer(normalise(text)):
        out.append(Number(float(_NUMBER_WORDS[m[1].lower()]), singular(m[2].lower()), m.group(0)))
    return out


def numbers_agree(a: Number, b: Number) -> bool:
    """The same quantity: equal units (or one unitless) and values within 2 %."""
    if a.unit and b.unit and a.unit != b.unit:
        return False
    return abs(a.value - b.value) <= 0.02 * max(abs(a.value), abs(b.value), 1e-9)


@lru_cache(maxsize=50000)
def singular(word: str) -> str:
    """A crude plural-to-singular for units and fallback lemmas ("litres" -> "litre")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def number_word(word: str) -> float | None:
    """The value of a spelled-out small number ("three" -> 3), else None."""
    return _NUMBER_WORDS.get(word)
