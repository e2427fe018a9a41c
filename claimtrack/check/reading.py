"""What an analysed article says about a claim: its readings.

A reading is an attribution whose content states the claim or its opposite (``matcher.compare``,
directed), with the stance its cue class suggests — a denial ("the owner denied that …"), a
confirmation, a distancing cue ("claimed", "reportedly") —, or a sentence in the writer's own
voice that states it, hedge-free. ``check_article`` shows them as evidence; the trained stance
model decides (see ``article``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .features import Doc, align
from .lexical import count_phrases, word_lists, wordnet
from .matcher import compare

COVERS = 0.65  # how much of the claim a sentence or content must state to carry its stance
OPPOSES = 0.5  # ... or state against it (a negation, an antonym, another number: specific)
DISTANCING = {"claim", "report", "believe", "ask", "warn", "intend", "evaluate"}


@dataclass
class Vote:
    """One reading of the claim in the article: an attribution or a sentence in the writer's
    voice, the stance it carries, how strongly, and what it rests on."""

    stance: str
    weight: float
    evidence: dict
    group: str          # deny | confirm | distancing | assert | writer
    relation: str       # same | contradicts
    score: float


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of *text* around span (start, end)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    m = re.compile(r"[.!?][\"'”’]*(\s|$)|\n").search(text, end)
    return " ".join(text[left + 1: m.end() if m else len(text)].split())


def cue_stance(cls: str, negated: bool, relation: str) -> tuple[str, float]:
    """What one attribution of the claim (or of its opposite) says about it, and how strongly
    (the strength orders the evidence; the trained model decides the stance)."""
    opposite = relation == "contradicts"
    group = group_of(cls, negated)
    if group == "deny":
        return ("confirms", 0.6) if opposite else ("denies", 1.0)
    if group == "confirm":
        return ("denies", 0.9) if opposite else ("confirms", 1.0)
    if group == "distancing":
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


def reading(claim: Doc, part: Doc, body: Doc, idf):
    """How *part* (a sentence, a content) relates to the claim in this article: the matcher,
    directed, where a claim word the part leaves out but the article names elsewhere counts
    half ("the explosion was caused by a gas leak" in an article about the Rustavi plant
    states "the explosion at the Rustavi plant was caused by a gas leak"). (relation, score)."""
    m = compare(claim, part, idf, directed=True)
    said = set(part.lemmas)
    if any(not said & _forms(p) for p in predicates(claim)):
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


def group_of(cls: str, negated: bool) -> str:
    """The kind of cue a reading rests on: deny, confirm, distancing or assert."""
    if cls == "deny" or (negated and cls in ("assert", "confirm")):
        return "deny"
    if cls == "confirm":
        return "confirm"
    return "distancing" if cls in DISTANCING else "assert"


def attributed(claim: Doc, body: Doc, text: str, analysis: dict, idf) -> list[Vote]:
    """The attributions of the analysis whose content states the claim or its opposite."""
    names = {s["id"]: s["name"] for s in analysis.get("sources", [])}
    out = []
    for a in analysis.get("attributions", []):
        content = (a.get("content") or {}).get("text", "")
        relation, score, m = reading(claim, Doc.read(content, split=False), body, idf) if content \
            else (None, 0.0, None)
        if relation is None:
            continue
        cue = a.get("cue") or {}
        cls, negated = cue.get("class", "assert"), bool(cue.get("negated"))
        stance, weight = cue_stance(cls, negated, relation)
        spans = [s for role in ("source", "cue", "content") for s in ((a.get(role) or {}).get("spans") or [])]
        source = names.get(a.get("source_id")) or ((a.get("source") or {}).get("text") or "")
        out.append(Vote(stance, weight * score, {
            "sentence": sentence_at(text, min(s[0] for s in spans), max(s[1] for s in spans)),
            "source": source, "cue": cue.get("text", ""), "class": cue.get("class", ""),
            "match": relation, "score": round(score, 3)}, group_of(cls, negated), relation, score))
    return out


def voiced(claim: Doc, body: Doc, text: str, analysis: dict, idf) -> list[Vote]:
    """The writer's own sentences that state the claim or its opposite, hedge-free."""
    said = [s for a in analysis.get("attributions", []) for r in ("cue", "content")
            for s in ((a.get(r) or {}).get("spans") or [])]
    hedges = word_lists()["hedging"]
    out = []
    for sent in body.sentences:
        relation, score, _ = reading(claim, Doc([sent], {}), body, idf)
        if relation is None:
            continue
        if count_phrases(sent.tokens, hedges) or "?" in sent.text:
            continue
        at = text.find(sent.text[:40])
        if at < 0 or any(s[0] < at + len(sent.text) and at < s[1] for s in said):
            continue
        out.append(Vote("confirms" if relation == "same" else "denies", 0.8 * score,
                        {"sentence": sent.text, "voice": "writer", "match": relation, "score": round(score, 3)},
                        "writer", relation, score))
    return out


def readings(claim: Doc, body: Doc, text: str, analysis: dict, idf) -> list[Vote]:
    """Every reading of *claim* in the analysed article: its attributions, then the writer's voice."""
    return attributed(claim, body, text, analysis, idf) + voiced(claim, body, text, analysis, idf)


def says_it(claim: Doc, body: Doc) -> bool:
    """Some sentence of the body has every predicate of the claim (or a synonym)."""
    preds = [_forms(p) for p in predicates(claim)]
    return not preds or any(all(set(s.lemmas) & p for p in preds) for s in body.sentences)


def _forms(predicate: str) -> set[str]:
    """A predicate and its WordNet synonyms: the words that say it."""
    return {predicate} | {w for w, link in wordnet().neighbours(predicate).items() if link == "synonym"}
