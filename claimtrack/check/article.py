"""The stance of an analysed article toward claims: the trained model decides, readings show why.

The stance is the trained model's (``stance.stances``, FNC-1). What claimtrack read — the
attributions whose content states the claim, with their cue classes, and the writer's own
sentences that state it (``reading.readings``) — is the evidence: who said it, with which cue.
The readings once decided the stance by hand-set weights wherever they existed; measured on
FNC-1's training bodies (5-fold CV by story, the model's out-of-fold probabilities) that cost
0.05 in relative score and 0.08 in disagree F1, since FNC-1 calls an article that reports a
denial without taking a side "discuss" (see benchmarks/fnc1/README.md). Two readings still
decide. One measured no worse: an article cannot confirm a claim that it only denies,
so when the model says ``confirms`` while the claim's only readings are a source's denial of it
and statements against it, the row says ``denies``. And the model's ``confirms`` needs the
article to say what the claim says happened: with no reading of the claim and no sentence with
its verbs (or synonyms), the article is on the topic and ``discusses`` it — bought with recall
(FNC-1, same CV: agree precision 0.57 → 0.59, recall 0.58 → 0.47; disagree unchanged), since a
"confirms" a reviewer cannot find in the article is the error that costs trust.

One row per (claim, article): ``Row.to_dict()`` is the row of ``claimtrack check --format json``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .features import Doc
from .matcher import RELATED, SAME
from .reading import Vote, readings, says_it
from .stance import Stance, stances


@dataclass
class Row:
    """One (claim, article) verdict with the evidence that carries it."""

    claim: str
    article: str
    stance: str
    confidence: float
    evidence: list[dict] = field(default_factory=list)
    lexical: str = ""

    def to_dict(self) -> dict:
        return {"claim": self.claim, "article": self.article, "stance": self.stance,
                "confidence": round(self.confidence, 3), "evidence": self.evidence,
                "lexical": self.lexical}


def only_denied(votes: list[Vote]) -> bool:
    """A source denies the claim and nothing in the article states it."""
    return any(v.group == "deny" and v.stance == "denies" for v in votes) \
        and not any(v.stance == "confirms" for v in votes)


def decide(lex: Stance, votes: list[Vote], says: bool = True) -> tuple[str, float, list[dict]]:
    """(stance, confidence, evidence) from the model's verdict and the article's readings;
    *says*: some sentence has what the claim says happened (``reading.says_it``)."""
    stance, conf = lex.stance, lex.confidence
    if stance == "confirms" and not votes and not says:
        stance, conf = "discusses", lex.probabilities["discusses"] + lex.confidence
    elif stance == "confirms" and only_denied(votes):
        against = sum(v.weight for v in votes if v.stance == "denies")
        stance = "denies"
        conf = max(lex.probabilities["denies"], min(0.95, against / sum(v.weight for v in votes)))
    # an article that discusses a claim does so by reporting what was said of it, whatever
    # the cue: every reading backs it
    backing = [v.evidence for v in sorted(votes, key=lambda v: -v.weight)
               if v.stance == stance or stance == "discusses"][:3]
    if stance == "unrelated":
        return stance, conf, []
    return stance, conf, backing or [{"sentence": e, "voice": "lexical"} for e in lex.evidence]


def verdict(lex: Stance, claim: Doc, body: Doc, text: str, analysis: dict | None,
            idf) -> tuple[str, float, list[dict]]:
    """:func:`decide` for one claim and one article (its text, lexical ``Doc`` and analysis)."""
    votes = readings(claim, body, text, analysis, idf) if analysis else []
    # only a "confirms" with no reading asks whether the article says it
    says = says_it(claim, body) if analysis and lex.stance == "confirms" and not votes else True
    return decide(lex, votes, says)


def check_article(claims: list[tuple[str, str]], article: str, text: str, analysis: dict | None = None,
                  idf=None) -> list[Row]:
    """One ``Row`` per claim (id, text) for the article *article* (its text and analysis dict)."""
    from .lexical import Idf

    idf = idf or Idf.default()
    body = Doc.read(text)
    docs = [Doc.read(c, split=False) for _, c in claims]
    rows = []
    for (cid, _), claim, lex in zip(claims, docs, stances(docs, body, idf)):
        stance, conf, evidence = verdict(lex, claim, body, text, analysis, idf)
        rows.append(Row(cid, article, stance, conf, evidence, lex.stance))
    return rows


__all__ = ["Row", "check_article", "decide", "verdict", "RELATED", "SAME"]
