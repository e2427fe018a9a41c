"""The stance of an article toward a claim as written: confirms, denies, discusses or unrelated.

The lexical model is a tree ensemble trained on FNC-1 (``data/stance_model.json``; see
benchmarks/fnc1/) over ``features.FEATURES``; it is read once and needs no learning library.
The evidence is the body's sentences that match the claim best.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable

from .features import Doc, pair_features

STANCES = ["confirms", "denies", "discusses", "unrelated"]
FNC_LABELS = ["agree", "disagree", "discuss", "unrelated"]  # FNC-1's names, in STANCES order


@dataclass
class Stance:
    """One (claim, article) verdict: the stance, its probability, and the sentences behind it."""

    stance: str
    confidence: float
    probabilities: dict[str, float]
    evidence: list[str] = field(default_factory=list)
    evidence_index: list[int] = field(default_factory=list)
    similarity: float = 0.0

    def to_dict(self) -> dict:
        return {"stance": self.stance, "confidence": round(self.confidence, 3),
                "evidence": list(self.evidence),
                "probabilities": {k: round(v, 3) for k, v in self.probabilities.items()}}


@lru_cache(maxsize=4)
def load_model(path: str | None = None):
    """The stance forest: the shipped one, or the file at *path* (raises ForestFileError)."""
    from ..learn import Forest

    if path:
        return Forest.load(path)
    with resources.as_file(resources.files("claimtrack").joinpath("data", "stance_model.json")) as p:
        return Forest.load(p)


def stance(claim_text: str | Doc, article: str | Doc, idf: Callable[[str], float] | None = None,
           model=None, evidence: int = 2) -> Stance:
    """The article's stance toward *claim_text*; *idf* defaults to the shipped table."""
    return stances([claim_text], article, idf, model, evidence)[0]


def stances(claims: list, article: str | Doc, idf=None, model=None, evidence: int = 2) -> list[Stance]:
    """Many claims against one article, which is read once."""
    from .lexical import Idf

    idf = idf or Idf.default()
    model = model or load_model()
    body = article if isinstance(article, Doc) else Doc.read(article)
    rows, ranks = [], []
    for c in claims:
        claim = c if isinstance(c, Doc) else Doc.read(c, split=False)
        row, ranked = pair_features(claim, body, idf)
        rows.append(row)
        ranks.append(ranked)
    if not rows:
        return []
    probs = model.predict(rows)
    out = []
    for p, ranked in zip(probs, ranks):
        k = int(p.argmax())
        keep = [r for r in ranked[:evidence] if r[0] > 0] if STANCES[k] != "unrelated" else []
        out.append(Stance(STANCES[k], float(p[k]), dict(zip(STANCES, map(float, p))),
                          [body.sentences[i].text for _, i, _ in keep], [i for _, i, _ in keep],
                          ranked[0][0] if ranked else 0.0))
    return out
