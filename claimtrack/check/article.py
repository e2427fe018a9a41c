"""The stance of an analysed article toward claims: the lexical model plus what claimtrack read.

The lexical model (``stance.stances``) sees words only. An analysed article also says *who*
said what with which cue: an attribution whose content matches the claim (``matcher.compare``)
carries the stance of its cue class — a denial ("the owner denied that …"), a confirmation, a
distancing cue ("claimed", "reportedly": the article discusses it) — and so does the writer's
own voice, a matching sentence that no one is said to have said. These readings decide where
they exist; the lexical model decides where the article never states or attributes the claim.

One row per (claim, article): ``Row.to_dict()`` is the row of ``claimtrack check --format json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .features import Doc, align
from .lexical import count_phrases, word_lists, wordnet
from .matcher import RELATED, SAME, compare
from .stance import stances

COVERS = 0.65  # how much of the claim a sentence or content must state to carry its stance
OPPOSES = 0.5  # ... or state against it (a negation, an antonym, another number: specific)
DISTANCING = {"claim", "report", "believe", "ask", "warn", "intend", "evaluate"}


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


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of *text* around span (start, end)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    m = re.compile(r"[.!?][\"'”’]*(\s|$)|\n").search(text, end)
    return " ".join(text[left + 1: m.end() if m else len(text)].split())


def _cue_stance(cls: str, negated: bool, relation: str) -> tuple[str, float]:
    """What one attribution of the claim (or of its opposite) says about it, and how strongly."""
    opposite = relation == "contradicts"
    if cls == "deny" or (negated and cls in ("assert", "confirm")):
        return ("confirms", 0.6) if opposite else ("denies", 1.0)
    if cls == "confirm":
        return ("denies", 0.9) if opposite else ("confirms", 1.0)
    if cls in DISTANCING:
        return "discusses", 0.7
    return ("denies", 0.8) if opposite else ("confirms", 0.6)


def predicates(claim: Doc) -> list[str]:
    """The claim's inflected verbs ("was caused", "held", "were killed"), as lemmas: what it
    says happened, which a sentence must say too (or a synonym) to state the claim."""
    wn, stop = wordnet(), word_lists()["stop"]
    out = []
    for t in claim.tokens:
        if t in stop:   # auxiliaries: "was", "had"
            continue
        lem = wn.lemma(t)
        if lem != t and lem in wn.senses["v"] and (t in wn.exceptions or t.endswith(("ed", "en"))):
            out.append(lem)
    return out


def _reading(claim: Doc, part: Doc, body: Doc, idf):
    """How *part* (a sentence, a content) relates to the claim in this article: the matcher,
    directed, where a claim word the part leaves out but the article names elsewhere counts
    half ("the explosion was caused by a gas leak" in an article about the Rustavi plant
    states "the explosion at the Rustavi plant was caused by a gas leak"). (relation, score)."""
    m = compare(claim, part, idf, directed=True)
    said = set(part.lemmas)
    near = {p: {w for w, link in wordnet().neighbours(p).items() if link == "synonym"} for p in predicates(claim)}
    if any(p not in said and not said & near[p] for p in near):
        return None, 0.0, m   # the part never says what the claim says happened
    lemmas = list(dict.fromkeys(claim.lemmas))
    total = sum(idf(w) for w in lemmas) or 1.0
    _, hit = align(lemmas, set(part.lemmas), idf)
    rest = [w for w in lemmas if w not in hit and w in body.tf]
    score = m.score + 0.5 * sum(idf(w) for w in rest) / total
    relation = m.relation if m.relation in ("same", "contradicts") else "same"
    if relation == "same" and score >= COVERS or relation == "contradicts" and score >= OPPOSES:
        return relation, min(1.0, score), m
    return None, score, m


def _attributed(claim: Doc, body: Doc, text: str, analysis: dict, idf) -> list[tuple[str, float, dict]]:
    names = {s["id"]: s["name"] for s in analysis.get("sources", [])}
    out = []
    for a in analysis.get("attributions", []):
        content = (a.get("content") or {}).get("text", "")
        relation, score, m = _reading(claim, Doc.read(content, split=False), body, idf) if content \
            else (None, 0.0, None)
        if relation is None:
            continue
        cue = a.get("cue") or {}
        stance, weight = _cue_stance(cue.get("class", "assert"), bool(cue.get("negated")), relation)
        spans = [s for role in ("source", "cue", "content") for s in ((a.get(role) or {}).get("spans") or [])]
        source = names.get(a.get("source_id")) or ((a.get("source") or {}).get("text") or "")
        out.append((stance, weight * score, {
            "sentence": _sentence_at(text, min(s[0] for s in spans), max(s[1] for s in spans)),
            "source": source, "cue": cue.get("text", ""), "class": cue.get("class", ""),
            "match": relation, "score": round(score, 3)}))
    return out


def _voiced(claim: Doc, body: Doc, text: str, analysis: dict, idf) -> list[tuple[str, float, dict]]:
    """The writer's own sentences that state the claim or its opposite, hedge-free."""
    said = [s for a in analysis.get("attributions", []) for r in ("cue", "content")
            for s in ((a.get(r) or {}).get("spans") or [])]
    hedges = word_lists()["hedging"]
    out = []
    for sent in body.sentences:
        relation, score, _ = _reading(claim, Doc([sent], {}), body, idf)
        if relation is None:
            continue
        if count_phrases(sent.tokens, hedges) or "?" in sent.text:
            continue
        at = text.find(sent.text[:40])
        if at < 0 or any(s[0] < at + len(sent.text) and at < s[1] for s in said):
            continue
        out.append(("confirms" if relation == "same" else "denies", 0.8 * score,
                    {"sentence": sent.text, "voice": "writer", "match": relation, "score": round(score, 3)}))
    return out


def _says_it(claim: Doc, body: Doc) -> bool:
    """Some sentence of the body has every predicate of the claim (or a synonym)."""
    wn = wordnet()
    preds = [{p} | {w for w, link in wn.neighbours(p).items() if link == "synonym"} for p in predicates(claim)]
    return not preds or any(all(set(s.lemmas) & p for p in preds) for s in body.sentences)


def check_article(claims: list[tuple[str, str]], article: str, text: str, analysis: dict | None = None,
                  idf=None) -> list[Row]:
    """One ``Row`` per claim (id, text) for the article *article* (its text and analysis dict)."""
    from .lexical import Idf

    idf = idf or Idf.default()
    body = Doc.read(text)
    docs = [Doc.read(c, split=False) for _, c in claims]
    lexical = stances(docs, body, idf)
    rows = []
    for (cid, _), claim, lex in zip(claims, docs, lexical):
        votes = (_attributed(claim, body, text, analysis, idf) + _voiced(claim, body, text, analysis, idf)
                 if analysis else [])
        lex_evidence = [{"sentence": e, "voice": "lexical"} for e in lex.evidence]
        if not votes:
            stance, conf = lex.stance, lex.confidence
            if analysis and stance in ("confirms", "denies") and not _says_it(claim, body):
                # on the topic, but nowhere saying what the claim says happened: no side taken
                stance, conf = "discusses", lex.probabilities["discusses"] + lex.confidence
            rows.append(Row(cid, article, stance, conf, lex_evidence, lex.stance))
            continue
        score: dict[str, float] = {}
        for stance, w, _ in votes:
            score[stance] = score.get(stance, 0.0) + w
        best = max(score, key=lambda s: (score[s], s == "denies"))
        conf = max(lex.probabilities.get(best, 0.0), min(0.95, score[best] / sum(score.values())))
        ev = [e for s, _, e in sorted(votes, key=lambda v: -v[1]) if s == best][:3]
        rows.append(Row(cid, article, best, conf, ev, lex.stance))
    return rows


__all__ = ["Row", "check_article", "RELATED", "SAME"]
