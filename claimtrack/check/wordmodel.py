"""A small learned lexical reading of a body's stance: logistic weights over a few hundred words.

The words are those of the sentences that match the claim best and of the lead, less the
claim's own words (so it reads how the body speaks of the claim, not what the claim is about);
a lead word counts apart (``L_`` before it). One weight vector per related stance (agree,
disagree, discuss), fit on FNC-1's training bodies (benchmarks/fnc1/train.py) and shipped as
``data/stance_words.json``; its three scores are features of the stance forest.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

LEAD = 2  # sentences of the lead whose words count apart
WORD_FEATURES = ["words_agree", "words_disagree", "words_discuss"]


def stance_words(claim_tokens: list[str], top: list[list[str]], lead: list[list[str]]) -> frozenset[str]:
    """The bag the model reads: tokens of the best-matching sentences *top* and ``L_`` + tokens
    of the *lead* sentences, except the claim's tokens."""
    own = set(claim_tokens)
    bag = {t for s in top for t in s if t not in own}
    bag |= {"L_" + t for s in lead for t in s if t not in own}
    return frozenset(bag)


@dataclass
class WordModel:
    """Per class, a bias and a weight per vocabulary word; a score is bias + the bag's weights."""

    vocab: list[str]
    weights: dict[str, list[float]]  # class -> one weight per vocab word
    bias: dict[str, float]
    provenance: dict = field(default_factory=dict)
    _index: dict = field(default=None, repr=False, compare=False)

    def scores(self, bag: frozenset[str]) -> list[float]:
        """The log-odds of each class in ``WORD_FEATURES`` order."""
        if self._index is None:
            self._index = {w: i for i, w in enumerate(self.vocab)}
        # in vocabulary order: the same sum to the last bit whatever the set's hash order
        hit = sorted(self._index[w] for w in bag if w in self._index)
        return [self.bias[c] + sum(self.weights[c][i] for i in hit) for c in self.classes]

    @property
    def classes(self) -> list[str]:
        return [f.removeprefix("words_") for f in WORD_FEATURES]

    def to_dict(self) -> dict:
        return {"format": "claimtrack-words/1", "vocab": list(self.vocab),
                "weights": {c: list(self.weights[c]) for c in self.classes},
                "bias": {c: self.bias[c] for c in self.classes}, "provenance": self.provenance}

    @classmethod
    def from_dict(cls, d: dict) -> "WordModel":
        if d.get("format") != "claimtrack-words/1":
            raise ValueError("not a claimtrack word model (format claimtrack-words/1)")
        return cls(list(d["vocab"]), {c: list(v) for c, v in d["weights"].items()},
                   dict(d["bias"]), dict(d.get("provenance", {})))


@lru_cache(maxsize=1)
def default_words() -> WordModel:
    """The shipped word model (read once)."""
    text = resources.files("claimtrack").joinpath("data", "stance_words.json").read_text(encoding="utf-8")
    return WordModel.from_dict(json.loads(text))
