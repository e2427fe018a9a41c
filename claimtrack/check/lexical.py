"""The matcher's lexical resources: word lists, WordNet links, and how rare each word is.

* ``WORDS``: the lists in ``data/stance.toml`` (refuting, hedging, confirming, negation, stop).
* ``wordnet()``: the compact WordNet 3.0 table in ``data/wordnet.json`` (built by
  ``scripts/build_wordnet_table.py``): lemmas, synonyms, direct hypernyms, antonyms.
* ``Idf``: inverse document frequencies from any collection of texts (the articles at hand,
  the claim store), falling back to the table shipped in ``data/idf.json``.

>>> wn = wordnet()
>>> wn.lemma("held"), wn.lemma("blazes"), wn.lemma("caused")
('hold', 'blaze', 'cause')
>>> wn.link("fire", "blaze"), wn.link("man", "woman"), wn.antonym("true", "false")
('synonym', 'hypernym', True)
"""
from __future__ import annotations

import json
import math
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable

from ..resources import wordnet_table
from .text import singular, words

def _data(name: str) -> str:
    return resources.files("claimtrack").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def word_lists() -> dict:
    """The lists of ``data/stance.toml``, each a set of lower-case words and phrases."""
    raw = tomllib.loads(_data("stance.toml"))["words"]
    out = {name: frozenset(entries) for name, entries in raw.items()}
    out["cues_order"] = tuple(raw["cues"])  # the stance model's feature order
    return out


@lru_cache(maxsize=1)
def paraphrase_groups() -> list[frozenset[str]]:
    """The [paraphrase] groups of ``data/stance.toml``: words that stand in for one another."""
    return [frozenset(g) for g in tomllib.loads(_data("stance.toml"))["paraphrase"]["groups"]]


def count_phrases(tokens: list[str], phrases: frozenset[str]) -> int:
    """How many tokens (and two- or three-word phrases) of *tokens* are in *phrases*."""
    n = sum(t in phrases for t in tokens)
    starts = _starts(phrases)
    for i, t in enumerate(tokens):
        if t in starts:
            n += sum(" ".join(tokens[i:i + size]) in phrases for size in (2, 3) if i + size <= len(tokens))
    return n


@lru_cache(maxsize=16)
def _starts(phrases: frozenset[str]) -> frozenset[str]:
    return frozenset(p.split()[0] for p in phrases if " " in p)


_SUFFIXES = {"n": [("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
                   ("men", "man"), ("ies", "y"), ("s", "")],
             "v": [("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
                   ("ing", ""), ("s", "")],
             "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")]}


class WordNet:
    """Lookups in the compact WordNet table: lemma, synonym/hypernym link, antonym."""

    def __init__(self, table: dict):
        self.senses = {pos: {w: frozenset(s) for w, s in t.items()} for pos, t in table["lemmas"].items()}
        self.exceptions = dict(table["exceptions"])
        self.hypernyms = {int(k): frozenset(v) for k, v in table["hypernyms"].items()}
        self.antonyms: dict[str, frozenset[str]] = {}
        for a, b in table["antonyms"]:
            self.antonyms[a] = self.antonyms.get(a, frozenset()) | {b}
            self.antonyms[b] = self.antonyms.get(b, frozenset()) | {a}
        self.provenance = {k: table[k] for k in ("source", "licence")}
        self._members: dict[int, frozenset[str]] | None = None
        self._hyponyms: dict[int, frozenset[int]] = {}

    @lru_cache(maxsize=100000)
    def lemma(self, word: str) -> str:
        """WordNet's base form (its exception lists, then suffix rules), else a plain singular."""
        if word in self.exceptions:
            return self.exceptions[word]
        if any(word in t for t in self.senses.values()):
            return word
        for pos in ("n", "v", "a"):
            for suffix, repl in _SUFFIXES[pos]:
                if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                    base = word[: len(word) - len(suffix)] + repl
                    if base in self.senses[pos]:
                        return base
        return singular(word)

    def synsets(self, lemma: str) -> frozenset[int]:
        return frozenset().union(*(t.get(lemma, frozenset()) for t in self.senses.values()))

    def link(self, a: str, b: str) -> str | None:
        """'same', 'synonym' (a shared sense), 'hypernym' (one's sense within two hypernym steps
        of the other's, or both under one direct hypernym with few children) or None."""
        return "same" if a == b else self.neighbours(a).get(b)

    @lru_cache(maxsize=50000)
    def neighbours(self, lemma: str) -> dict[str, str]:
        """Every lemma linked to *lemma*, with the link (see ``link``); synonyms win."""
        senses = self.synsets(lemma)
        extra = {w: "synonym" for g in paraphrase_groups() if lemma in g for w in g if w != lemma}
        if not senses:
            return extra
        if self._members is None:
            self._index()
        up1 = self._step(senses, self.hypernyms)
        up = up1 | self._step(up1, self.hypernyms)
        down1 = self._step(senses, self._hyponyms)
        down = down1 | self._step(down1, self._hyponyms)
        sisters = self._step(frozenset(h for h in up1 if len(self._hyponyms.get(h, ())) <= 40),
                             self._hyponyms)
        out: dict[str, str] = {}
        for group, name in ((up | down | sisters, "hypernym"), (senses, "synonym")):
            for s in group:
                for w in self._members.get(s, ()):
                    if w != lemma:
                        out[w] = name
        out.update(extra)
        return out

    @staticmethod
    def _step(senses, links) -> frozenset[int]:
        return frozenset().union(*(links.get(s, frozenset()) for s in senses))

    def _index(self) -> None:
        members: dict[int, set[str]] = {}
        for table in self.senses.values():
            for w, senses in table.items():
                for s in senses:
                    members.setdefault(s, set()).add(w)
        hyponyms: dict[int, set[int]] = {}
        for s, ups in self.hypernyms.items():
            for h in ups:
                hyponyms.setdefault(h, set()).add(s)
        self._members = {k: frozenset(v) for k, v in members.items()}
        self._hyponyms = {k: frozenset(v) for k, v in hyponyms.items()}

    def antonym(self, a: str, b: str) -> bool:
        return b in self.antonyms.get(a, ())


@lru_cache(maxsize=1)
def wordnet() -> WordNet:
    """The shipped WordNet table (read once)."""
    return WordNet(wordnet_table())


def content_lemmas(tokens: Iterable[str]) -> list[str]:
    """The lemmas of the tokens that carry an argument (no stop words, no one-letter words)."""
    stop, wn = word_lists()["stop"], wordnet()
    return [wn.lemma(t) for t in tokens if t not in stop and (len(t) > 1 or t.isdigit())]


@dataclass
class Idf:
    """Inverse document frequency, smoothed: log((N + 1) / (df + 1)) + 1.

    A word never seen counts as rare as one seen once. ``Idf.default()`` is the table shipped
    with claimtrack; ``Idf.from_texts`` counts a collection; ``add`` grows one (the store).
    """

    df: Counter = field(default_factory=Counter)
    n: int = 0
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Idf":
        idf = cls()
        for text in texts:
            idf.add(text)
        return idf

    def add(self, text: str) -> None:
        self.df.update(set(content_lemmas(words(text))))
        self.n += 1
        self._memo.clear()

    def __call__(self, lemma: str) -> float:
        w = self._memo.get(lemma)
        if w is None:
            w = self._memo[lemma] = math.log((self.n + 1) / (self.df.get(lemma, 1) + 1)) + 1.0
        return w

    def to_dict(self, min_df: int = 1) -> dict:
        return {"n": self.n, "df": {w: c for w, c in sorted(self.df.items()) if c >= min_df}}

    @classmethod
    def from_dict(cls, d: dict) -> "Idf":
        return cls(Counter(d["df"]), int(d["n"]))

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "Idf":
        """The shipped table: document frequencies of news words (see data/idf.json's source)."""
        return cls.from_dict(json.loads(_data("idf.json")))
