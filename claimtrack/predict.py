"""Running the extractor over a gold corpus, and reading its errors by construction and cue.

>>> to_prediction  # doctest: +ELLIPSIS
<function to_prediction at ...>
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .api import Analyzer
from .evaluate import DocIndex, normalize_spans
from .types import Analysis


def to_prediction(result: Analysis) -> dict:
    """One analysis as a line of the gold format (``score.py`` reads ``id`` and the offsets)."""
    atts = []
    for a in result.attributions:
        atts.append({
            "id": a.id,
            "source": [list(sp) for sp in a.source.spans] if a.source else [],
            "cue": [list(sp) for sp in a.cue.spans],
            "content": [list(sp) for sp in a.content.spans],
            "direct": a.type == "direct",
            "quote_type": a.type,
            "cue_lemma": a.cue.lemma,
            "construction": a.construction,
        })
    return {"id": result.id, "attributions": atts}


def predict_corpus(analyzer: Analyzer, gold_docs: dict, batch: int = 16) -> dict:
    """Predictions for every gold document, keyed by id."""
    out = {}
    items = list(gold_docs.items())
    for k in range(0, len(items), batch):
        chunk = items[k:k + batch]
        results = analyzer.analyze_many([d["text"] for _, d in chunk], [i for i, _ in chunk])
        for r in results:
            out[r.id] = to_prediction(r)
    return out


def _units(index: DocIndex, text: str, spans) -> frozenset:
    return index.units(normalize_spans([tuple(s) for s in spans], text))


def breakdown(gold_docs: dict, pred_docs: dict) -> dict:
    """Where recall and precision are lost: gold by quote type / source, predictions by construction
    and cue lemma (an attribution is a hit when cue and content overlap a gold one's)."""
    gold_by = defaultdict(Counter)
    pred_by = defaultdict(Counter)
    for doc_id, g in gold_docs.items():
        text = g["text"]
        index = DocIndex(text)
        gold = [(a, _units(index, text, a["cue"]), _units(index, text, a["content"]))
                for a in g.get("attributions", [])]
        pred = [(a, _units(index, text, a["cue"]), _units(index, text, a["content"]))
                for a in (pred_docs.get(doc_id) or {}).get("attributions", [])]
        for a, cu, co in gold:
            hit = any(cu & pc and co & pco for _, pc, pco in pred)
            key = a.get("quote_type") or "unknown"
            gold_by["quote_type:" + key]["hit" if hit else "miss"] += 1
            gold_by["source:" + ("yes" if a.get("source") else "none")]["hit" if hit else "miss"] += 1
            cue = " ".join(text[s:e] for s, e in a["cue"]).lower()
            gold_by["gold_cue:" + cue]["hit" if hit else "miss"] += 1
        for a, cu, co in pred:
            hit = any(cu & gc and co & gco for _, gc, gco in gold)
            pred_by["construction:" + (a.get("construction") or "?")]["hit" if hit else "miss"] += 1
            pred_by["cue_lemma:" + (a.get("cue_lemma") or "?")]["hit" if hit else "miss"] += 1
    return {"gold": {k: dict(v) for k, v in gold_by.items()},
            "pred": {k: dict(v) for k, v in pred_by.items()}}


def format_breakdown(b: dict, top: int = 25) -> str:
    lines = ["Gold recall by kind (hit/total):"]
    for k, v in sorted(b["gold"].items()):
        if k.startswith("gold_cue:"):
            continue
        tot = v.get("hit", 0) + v.get("miss", 0)
        lines.append(f"  {k:<28} {v.get('hit', 0):>5}/{tot:<5} {v.get('hit', 0) / tot:.3f}")
    lines.append(f"Most-missed gold cues (top {top}):")
    missed = sorted(((v.get("miss", 0), k) for k, v in b["gold"].items() if k.startswith("gold_cue:")),
                    reverse=True)[:top]
    for n, k in missed:
        lines.append(f"  {k[9:]:<28} missed {n}")
    lines.append("Predictions by construction (hit/total, precision):")
    for k, v in sorted(b["pred"].items()):
        if k.startswith("construction:"):
            tot = v.get("hit", 0) + v.get("miss", 0)
            lines.append(f"  {k[13:]:<28} {v.get('hit', 0):>5}/{tot:<5} {v.get('hit', 0) / tot:.3f}")
    lines.append(f"Cue lemmas with most false positives (top {top}):")
    fps = sorted(((v.get("miss", 0), k) for k, v in b["pred"].items() if k.startswith("cue_lemma:")),
                 reverse=True)[:top]
    for n, k in fps:
        v = b["pred"][k]
        tot = v.get("hit", 0) + v.get("miss", 0)
        lines.append(f"  {k[10:]:<28} false {n:>4} of {tot:<4} precision {v.get('hit', 0) / tot:.3f}")
    return "\n".join(lines)
