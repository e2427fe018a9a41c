"""The claims stage's words in one place: calendar names, negators, pronouns, number words,
the kinds and statuses a claim can have, and the propositions word lists (``tables()``, from
``data/propositions.toml``).

>>> classify_number("two"), classify_number("4,500")
('2', '4500')
>>> "may" in MONTHS, "may" in TIMES   # "May" the month, "may" the modal: never a time feature
(True, False)
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from ..extract.words import NEGATORS as CUE_NEGATORS
from ..resources import read_text, wordnet_table

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
RELATIVE_DAYS = ["today", "tonight", "yesterday", "tomorrow"]
#: the words of a day in a signature's times
DAYS = set(WEEKDAYS) | set(RELATIVE_DAYS)
#: time words that carry no content when two claims are compared (no "tonight", no modal "may")
TIMES = (set(WEEKDAYS) | {"today", "yesterday", "tomorrow", "week", "month", "year"}
         | set(MONTHS)) - {"may"}
#: a clause's negators: the cue's (extract.words) and the negative pronouns
NEGATORS = CUE_NEGATORS | {"nobody", "nothing", "none"}
#: pronouns that name no argument of a proposition
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "itself",
            "themselves", "himself", "herself"}
NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
           "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
           "dozen": "12", "twenty": "20", "hundred": "100", "thousand": "1000"}

#: what a claim is (claims/kind.py decides it); assertions and predictions can be checked
KINDS = ["assertion", "prediction", "advice", "intention", "opinion", "question", "topic",
         "reference", "hypothetical"]
#: a claim cluster's status across articles (store/independence.py decides it)
STATUSES = ["confirmed", "partly-confirmed", "claimed", "reported", "disputed", "denied", "not-checkable", "unattributed"]
#: the graph's edge relation for each cue class
RELATION_OF_CLASS = {"assert": "asserts", "claim": "claims", "confirm": "confirms", "deny": "denies",
                     "report": "reports", "warn": "warns", "believe": "believes", "ask": "asks",
                     "evaluate": "evaluates", "intend": "intends"}
#: cue classes whose negation withholds the claim ("did not confirm"): no claim, and no denial either
WITHHOLDING = ("assert", "confirm", "claim", "report")


def stem(lemma: str) -> str:
    """A lemma cut to a stem that its derived nouns share ("findings" and "find").

    >>> stem("findings"), stem("find")
    ('find', 'find')
    """
    low = lemma.lower()
    for suf in ("ations", "ation", "ments", "ment", "ings", "ing", "ship", "ness", "ities", "ity",
                "als", "al", "ed", "es", "s", "e"):
        if low.endswith(suf) and len(low) - len(suf) >= 4:
            low = low[:-len(suf)]
            break
    return low[:6]


def classify_number(tok: str) -> str | None:
    """A number word or numeral as digits, else None."""
    low = tok.lower().replace(",", "")
    if low in NUMBERS:
        return NUMBERS[low]
    return low if re.fullmatch(r"\d+(?:\.\d+)?", low) else None


@lru_cache(maxsize=1)
def tables() -> dict:
    """The word lists of ``data/propositions.toml``, with the predicate groups inverted."""
    data = tomllib.loads(read_text("propositions.toml"))
    groups = {w: name for name, words in data["predicates"].items() for w in words}
    return {"groups": groups, "times": set(data["times"]["words"]),
            "place_cases": set(data["place_cases"]["words"]), "stop": set(data["stop"]["words"]),
            "kinds": data["kinds"], "modals": data["modals"],
            "citizenry": set(data.get("statements", {}).get("citizenry", [])),
            "verdicts": {k: set(v) for k, v in data.get("verdicts", {}).items()},
            "statements": _statements(data.get("statements", {}))}


def _statements(lists: dict) -> dict[str, set[str]]:
    # the nouns of people are WordNet's (data/wordnet.json, built by
    # scripts/build_wordnet_table.py) plus the few it lacks, kept in propositions.toml
    out = {k: set(v) for k, v in lists.items()}
    out["people_listed"] = set(out.get("people", set()))
    out["people"] = out["people_listed"] | set(wordnet_table().get("people", []))
    return out
