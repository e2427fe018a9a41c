"""One comparison of two claims for everything that compares them: ``check``, the store's
clusters and cross-article links, and links within an article.

``compare(a, b)`` aligns the two claims' content lemmas both ways, rare words weighing more
(IDF from the store or a corpus; the shipped table otherwise) and WordNet synonyms and
hypernyms counting in part, then looks for what turns a match into a contradiction: a
negation on one side only, an antonym pair, the same unit with another number.

>>> compare("A faulty heater in the office started the fire.",
...         "A heater in the office had caused the blaze.").relation
'same'
>>> m = compare("The depot held 2,000 litres of diesel.", "The depot held 500 litres of diesel.")
>>> m.relation, m.evidence[-1]
('contradicts', 'number: 2,000 litres / 500 litres')
>>> compare("The depot held diesel.", "The depot did not hold diesel.").relation
'contradicts'
>>> compare("The depot held diesel.", "Parliament passed the budget.").relation
'unrelated'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .features import Doc, align
from .lexical import word_lists, wordnet
from .text import numbers_agree, quantities

SAME = 0.55  # thresholds on the symmetric score, set on the project's stories
RELATED = 0.3
#: two claims of an article or of a store contradict one another only at this symmetric score
#: or more: at a lower one they merely share a word or two ("pollution", "tariffs") and a
#: negation or another number elsewhere is about something else. Set on the project's stories
#: (their weakest contradiction, "the depot held diesel" against "No fuel had been kept on the
#: premises", scores 0.449) and on the 40 real-news pages, a development reading: of the 74
#: contradictions the matcher found there, two were true; with the idioms that deny nothing
#: ("not just") left out, this keeps six, one of the two among them (Big Machine's "At no point
#: did we say Taylor could not perform on the AMAs", 0.428).
CONTRADICTS = 0.42

#: the predicate of a match the matcher found where the signatures did not
PARAPHRASE = "(paraphrase)"
#: words of the stance list of negations that limit rather than deny: "SLS is the only vehicle"
#: does not contradict "launching them on the SLS", nor "without posting" a post ("only" denies
#: where it excludes: see _scoped_negations)
LIMITING = frozenset({"only", "without"})


@dataclass
class Match:
    """How two claims relate: ``same``, ``contradicts``, ``related`` or ``unrelated``.

    ``score`` is the symmetric IDF-weighted alignment in [0, 1]; ``verbatim`` says the two are
    the same words (a reprinted quotation); ``evidence`` lists the aligned lemmas and, for a
    contradiction, what contradicts."""

    score: float
    relation: str
    evidence: list[str] = field(default_factory=list)
    verbatim: bool = False

    def to_dict(self) -> dict:
        return {"score": round(self.score, 3), "relation": self.relation,
                "evidence": list(self.evidence), "verbatim": self.verbatim}


def _doc(x) -> Doc:
    return x if isinstance(x, Doc) else _read(x)


@lru_cache(maxsize=4096)
def _read(text: str) -> Doc:
    # an article's links compare every pair of its claims: each statement is read once, not
    # once per pair (the Doc is only read from afterwards)
    return Doc.read(text)


def _reach(d: Doc) -> set[str]:
    """Every lemma that ``align`` could count for *d*: its own and their WordNet neighbours."""
    if "reach" not in d.memo:
        wn = wordnet()
        out = set(d.lemmas)
        for lem in out.copy():
            out.update(wn.neighbours(lem))
        d.memo["reach"] = out
    return d.memo["reach"]


def _core(d: Doc, hits: list[str]) -> list[str]:
    """The tokens of *d*'s sentence that holds most of the aligned lemmas *hits*."""
    if len(d.sentences) == 1:
        return d.sentences[0].tokens
    wanted = set(hits)
    return max(d.sentences, key=lambda s: len(wanted.intersection(s.lemmas))).tokens


#: how many words after a negation it reaches ("had not been kept", "no fuel had")
NEGATION_SCOPE = 4


def _scoped_negations(tokens: list[str], shared: set[str]) -> int:
    """The negations among *tokens* with a word of *shared* (lemmas) within their reach, and
    each "only" that excludes: after a shared word, before none ("the depot stored only spare
    tyres" denies that it held diesel)."""
    lists = word_lists()
    neg, idioms, wn = lists["negation"] - LIMITING, lists["not_negating"], wordnet()
    n = 0
    for j, t in enumerate(tokens):
        reach = any(wn.lemma(x) in shared for x in tokens[j + 1:j + 1 + NEGATION_SCOPE])
        if t in neg and reach and not any(" ".join(tokens[j:j + k]) in idioms for k in (2, 3)):
            n += 1
        elif t == "only" and j and wn.lemma(tokens[j - 1]) in shared and not reach:
            n += 1
    return n


def _conflicts(a: Doc, b: Doc, shared: list[str], shared_b: list[str]) -> list[str]:
    """What makes two aligned claims say opposite things."""
    out = []
    wn = wordnet()
    la, lb = set(a.lemmas), set(b.lemmas)
    antonyms = [(x, y) for x in sorted(la) for y in sorted(lb - la) if x not in lb and wn.antonym(x, y)]
    # a negation counts in the sentence that states what both share, over what both share (or an
    # antonym of the other's): in a quotation of several sentences a "not" elsewhere negates
    # something else, and "Swift didn't need their permission" does not deny "Swift will be
    # allowed to play"
    na = _scoped_negations(_core(a, shared), set(shared) | {x for x, _ in antonyms})
    nb = _scoped_negations(_core(b, shared_b), set(shared_b) | {y for _, y in antonyms})
    negated = (na % 2) != (nb % 2)
    if negated and not antonyms:
        out.append("negation")
    elif antonyms and not negated:   # "not true" and "false" say the same
        out += [f"antonym: {x}/{y}" for x, y in antonyms]
    nums_a = [n for s in a.sentences for n in quantities(s.text)]
    nums_b = [n for s in b.sentences for n in quantities(s.text)]
    for x in nums_a:
        same_unit = [y for y in nums_b if y.unit and y.unit == x.unit and x.unit != "year?"]
        if same_unit and not any(numbers_agree(x, y) for y in same_unit):
            out.append(f"number: {x.text} / {same_unit[0].text}")
    return out


def compare(a, b, idf: Callable[[str], float] | None = None, directed: bool = False) -> Match:
    """Compare claim texts (or ``Doc``s) *a* and *b*; *idf* defaults to the shipped table.

    The score is symmetric (two claims, both ways) unless *directed*: then it is how much of
    *a* that *b* states, for a claim against a longer sentence or attribution content."""
    from .lexical import Idf

    idf = idf or Idf.default()
    da, db = _doc(a), _doc(b)
    if " ".join(da.tokens) == " ".join(db.tokens) and da.tokens:
        return Match(1.0, "same", sorted(set(da.lemmas)), verbatim=True)
    if _reach(da).isdisjoint(db.lemmas):  # nothing of a in b: no score to weigh
        return Match(0.0, "unrelated", [])
    ab, hit_a = align(da.lemmas, set(db.lemmas), idf)
    ba, hit_b = align(db.lemmas, set(da.lemmas), idf)
    score = ab if directed else (2 * ab * ba / (ab + ba) if ab + ba else 0.0)
    if score < RELATED:
        return Match(score, "unrelated", hit_a)
    conflicts = _conflicts(da, db, hit_a, hit_b)
    if conflicts and score >= RELATED:
        return Match(score, "contradicts", hit_a + conflicts)
    return Match(score, "same" if score >= SAME else "related", hit_a)


def signature_evidence(a: str, b: str, at_least: float = 0.6,
                       idf: Callable[[str], float] | None = None) -> dict | None:
    """The matcher's reading of two statements that the signatures keep apart, in the shape of
    ``claims.signature.compare``'s evidence (so the article's links and the store's clusters
    read it alike): ``same`` at *at_least* or more, or ``contradicts``; else None. *idf* is
    the store's own (``ClaimStore.idf``) when the store compares; the shipped table otherwise."""
    m = compare(a, b, idf)
    if m.relation == "contradicts" and m.score >= CONTRADICTS or (m.relation == "same" and m.score >= at_least):
        return {"relation": m.relation, "arguments": [e for e in m.evidence if ":" not in e],
                "extent": "full" if m.score >= 0.8 else "part", "predicate": PARAPHRASE,
                "numbers": [], "places": [], "times": [], "conflicting_numbers": [],
                "matcher": m.to_dict()}
    return None
