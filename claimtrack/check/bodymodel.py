"""Does the body debunk the story it tells? A learned reading of the whole body, crossed with the
claim's own polarity.

FNC-1's bodies that disagree with one headline nearly always agree with or discuss another (239
of the 242 training bodies with a disagree pair): "disagree" is a relation, not a kind of body.
A body that debunks a rumour disagrees with the headlines that state the rumour and agrees with
those that say it is false. So the model reads two things apart: how much the body debunks
(logistic weights over a few hundred words of the whole body, fit on FNC-1's training bodies
labelled from their pairs: debunking where it disagrees with a headline that states something,
or agrees with one that denies or refutes), and whether the claim itself denies or refutes (its
negations and debunking words); the stance forest gets the score, and the score apart for each
kind of claim. Shipped as ``data/stance_debunk.json``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

DEBUNK_FEATURES = ["debunk", "debunk_if_claim_states", "debunk_if_claim_refutes"]


def body_bag(tokens: list[str]) -> frozenset[str]:
    """The words the model reads: every distinct token of the body."""
    return frozenset(tokens)


@dataclass
class DebunkModel:
    """A bias and a weight per vocabulary word; the score is the log-odds that the body debunks."""

    vocab: list[str]
    weights: list[float]
    bias: float
    provenance: dict = field(default_factory=dict)
    _index: dict = field(default=None, repr=False, compare=False)

    def score(self, bag: frozenset[str]) -> float:
        """The log-odds that a body with the words *bag* debunks what it reports."""
        if self._index is None:
            self._index = {w: i for i, w in enumerate(self.vocab)}
        # in vocabulary order: the same sum to the last bit whatever the set's hash order
        hit = sorted(self._index[w] for w in bag if w in self._index)
        return self.bias + sum(self.weights[i] for i in hit)

    def features(self, bag: frozenset[str], claim_refutes: bool) -> list[float]:
        """The ``DEBUNK_FEATURES`` row: the score, then the score for a claim that states and
        for one that refutes (0 for the other kind)."""
        s = self.score(bag)
        return [s, 0.0 if claim_refutes else s, s if claim_refutes else 0.0]

    def to_dict(self) -> dict:
        return {"format": "claimtrack-debunk/1", "vocab": list(self.vocab), "weights": list(self.weights),
                "bias": self.bias, "provenance": self.provenance}

    @classmethod
    def from_dict(cls, d: dict) -> "DebunkModel":
        if d.get("format") != "claimtrack-debunk/1":
            raise ValueError("not a claimtrack debunk model (format claimtrack-debunk/1)")
        return cls(list(d["vocab"]), list(d["weights"]), d["bias"], dict(d.get("provenance", {})))


@lru_cache(maxsize=1)
def default_debunk() -> DebunkModel:
    """The shipped debunk model (read once)."""
    text = resources.files("claimtrack").joinpath("data", "stance_debunk.json").read_text(encoding="utf-8")
    return DebunkModel.from_dict(json.loads(text))
