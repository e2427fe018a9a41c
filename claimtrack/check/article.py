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

from .features import Doc
from .lexical import count_phrases, word_lists
from .matcher import RELATED, SAME, compare
from .stance import stances

COVERS = 0.7  # how much of the claim a sentence or content must state to carry its stance
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


def _attributed(claim: Doc, text: str, analysis: dict, idf) -> list[tuple[str, float, dict]]:
    names = {s["id"]: s["name"] for s in analysis.get("sources", [])}
    out = []
    for a in analysis.get("attributions", []):
        content = (a.get("content") or {}).get("text", "")
        m = compare(claim, content, idf, directed=True) if content else None
        if not m or m.relation not in ("same", "contradicts") or m.score < COVERS:
            continue
        cue = a.get("cue") or {}
        stance, weight = _cue_stance(cue.get("class", "assert"), bool(cue.get("negated")), m.relation)
        spans = [s for role in ("source", "cue", "content") for s in ((a.get(role) or {}).get("spans") or [])]
        source = names.get(a.get("source_id")) or ((a.get("source") or {}).get("text") or "")
        out.append((stance, weight * m.score, {
            "sentence": _sentence_at(text, min(s[0] for s in spans), max(s[1] for s in spans)),
            "source": source, "cue": cue.get("text", ""), "class": cue.get("class", ""),
            "match": m.relation, "score": round(m.score, 3)}))
    return out


def _voiced(claim: Doc, body: Doc, text: str, analysis: dict, idf) -> list[tuple[str, float, dict]]:
    """The writer's own sentences that state the claim or its opposite, hedge-free."""
    said = [s for a in analysis.get("attributions", []) for r in ("cue", "content")
            for s in ((a.get(r) or {}).get("spans") or [])]
    hedges = word_lists()["hedging"]
    out = []
    for sent in body.sentences:
        m = compare(claim, Doc([sent], {}), idf, directed=True)
        if m.relation not in ("same", "contradicts") or m.score < COVERS:
            continue
        if count_phrases(sent.tokens, hedges) or "?" in sent.text:
            continue
        at = text.find(sent.text[:40])
        if at < 0 or any(s[0] < at + len(sent.text) and at < s[1] for s in said):
            continue
        out.append(("confirms" if m.relation == "same" else "denies", 0.8 * m.score,
                    {"sentence": sent.text, "voice": "writer", "match": m.relation, "score": round(m.score, 3)}))
    return out


def check_article(claims: list[tuple[str, str]], article: str, text: str, analysis: dict | None = None,
                  idf=None) -> list[Row]:
    """One ``Row`` per claim (id, text) for the article *article* (its text and analysis dict)."""
    body = Doc.read(text)
    docs = [Doc.read(c, split=False) for _, c in claims]
    lexical = stances(docs, body, idf)
    rows = []
    for (cid, _), claim, lex in zip(claims, docs, lexical):
        votes = (_attributed(claim, text, analysis, idf) + _voiced(claim, body, text, analysis, idf)
                 if analysis else [])
        lex_evidence = [{"sentence": e, "voice": "lexical"} for e in lex.evidence]
        if not votes:
            rows.append(Row(cid, article, lex.stance, lex.confidence, lex_evidence, lex.stance))
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
