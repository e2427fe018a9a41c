"""Running the extractor over a gold corpus, and reading its errors by construction and cue.

>>> to_prediction  # doctest: +ELLIPSIS
<function to_prediction at ...>
"""
from __future__ import annotations

from collections import Counter, defaultdict

from ..api import Analyzer
from .scoring import DocIndex, normalize_spans
from ..extract.tree import lemma_candidates
from ..extract.lexicon import Lexicon
from ..parse.parser import Doc, Sentence, Word
from ..types import Analysis


def to_prediction(result: Analysis) -> dict:
    """One analysis as a line of the gold format (``score.py`` reads ``id`` and the offsets)."""
    return prediction_line(result.id, result.attributions)


def prediction_line(doc_id: str, attributions) -> dict:
    """Attributions of one document as a line of the gold format."""
    atts = []
    for a in attributions:
        atts.append({
            "id": a.id,
            "source": [list(sp) for sp in a.source.spans] if a.source else [],
            "cue": [list(sp) for sp in a.cue.spans],
            "content": [list(sp) for sp in a.content.spans],
            "direct": a.type == "direct",
            "quote_type": a.type,
            "cue_lemma": a.cue.lemma,
            "construction": a.construction,
            "confidence": a.confidence,
            "parent": a.parent,
        })
    return {"id": doc_id, "attributions": atts}


def univocal(pred_docs: dict) -> dict:
    """The predictions without the attributions nested in another's content ("X said that Y
    claims …": Y's claim). Univocal gold — PolNeAR's, the real-news main table — annotates only
    the outermost, so a nested attribution, right or wrong, can only count against precision there;
    claimtrack itself keeps them (they are who claims what inside a report)."""
    out = {}
    for i, d in pred_docs.items():
        ids = {a.get("id") for a in d["attributions"]} - {None}
        out[i] = {**d, "attributions": [a for a in d["attributions"] if a.get("parent") not in ids]}
    return out


def at_confidence(pred_docs: dict, cut: float) -> dict:
    """The predictions whose confidence reaches *cut* (those without one are always kept)."""
    return {i: {**d, "attributions": [a for a in d["attributions"]
                                      if a.get("confidence") is None or a["confidence"] >= cut]}
            for i, d in pred_docs.items()}


THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def confidence_table(gold_docs: dict, every: dict, chosen: dict, use_ignore: bool = True) -> dict:
    """attr precision and recall of *every* candidate kept at several confidence thresholds,
    and the precision of the more and the less confident half of the *chosen* predictions."""
    from .scoring import score

    def attr(docs):
        a = score(gold_docs, docs, use_ignore=use_ignore)["attributions"]["attr"]
        return a, (round(a["tp"] / a["p"]) if a["p"] else 0)

    rows = {}
    for t in THRESHOLDS:
        a, n = attr(at_confidence(every, t))
        rows[f"{t:.3g}"] = {"p": round(a["p"], 4), "r": round(a["r"], 4), "f1": round(a["f1"], 4),
                            "predicted": n}
    kept = sorted(c for d in chosen.values() for x in d["attributions"] if (c := x.get("confidence")) is not None)
    halves = {}
    if kept:
        median = kept[len(kept) // 2]
        (top, n_top), (whole, n_all) = attr(at_confidence(chosen, median)), attr(chosen)
        n_low = n_all - n_top
        halves = {"median_confidence": median, "more_confident": {"p": round(top["p"], 4), "n": n_top},
                  "less_confident": {"p": round((whole["tp"] - top["tp"]) / n_low, 4) if n_low else 0.0,
                                     "n": n_low}}
    return {"by_threshold": rows, "halves": halves}


def format_confidence(table: dict) -> str:
    """The confidence table as text (``claimtrack eval``)."""
    out = ["every candidate, kept by confidence alone (the model's own decision is above):",
           "  threshold      P      R     F1  predicted"]
    for t, v in table["by_threshold"].items():
        out.append(f"  {t:>9}  {v['p']:.3f}  {v['r']:.3f}  {v['f1']:.3f}  {v['predicted']:>9}")
    if table.get("auto"):
        a = table["auto"]
        out.append(f"  the model deciding (--min-confidence auto): P {a['p']:.3f}  R {a['r']:.3f}  F1 {a['f1']:.3f}")
    if table.get("veto"):
        a = table["veto"]
        out.append(f"  the rules deciding, the model vetoing (--min-confidence veto, the default): P {a['p']:.3f}  "
                   f"R {a['r']:.3f}  F1 {a['f1']:.3f}")
    if table.get("rules"):
        a = table["rules"]
        out.append(f"  the rules alone (--min-confidence rules): P {a['p']:.3f}  R {a['r']:.3f}  F1 {a['f1']:.3f}")
    h = table.get("halves")
    if h:
        out.append(f"  more confident half (>= {h['median_confidence']:.3f}): P {h['more_confident']['p']:.3f} "
                   f"({h['more_confident']['n']}); less confident half: P {h['less_confident']['p']:.3f} "
                   f"({h['less_confident']['n']})")
    return "\n".join(out)


def predict_corpus(analyzer: Analyzer, gold_docs: dict, batch: int = 16,
                   parses: dict[str, Doc] | None = None) -> dict:
    """Predictions for every gold document, keyed by id. *parses*: a dict that keeps the parses
    (filled here), or that already holds them (then nothing is parsed again)."""
    out = {}
    items = list(gold_docs.items())
    for k in range(0, len(items), batch):
        chunk = items[k:k + batch]
        if parses is not None and all(doc_id in parses for doc_id, _ in chunk):
            docs = [parses[doc_id] for doc_id, _ in chunk]
        else:
            docs = analyzer.parser.parse_many([d["text"] for _, d in chunk])
        for (doc_id, _), doc in zip(chunk, docs):
            out[doc_id] = to_prediction(analyzer.analyze_parsed(doc, doc_id))
            if parses is not None:
                parses[doc_id] = doc
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


def parse_paths(gold_docs: dict, pred_docs: dict, parses: dict[str, Doc], lexicon: Lexicon) -> dict:
    """Why each missed gold attribution was missed, as far as the parse tells: its cue word is
    not in the lexicon (no rule), or the parse offers no path from the cue to the content —
    the cue mis-tagged, cue and content in different sentences, or the content hanging
    nowhere near the cue (a parser error a rule cannot recover) — or a path exists that no
    rule takes."""
    out: Counter = Counter()
    for doc_id, g in gold_docs.items():
        doc, text = parses.get(doc_id), g["text"]
        if doc is None:
            continue
        index = DocIndex(text)
        pred = [(_units(index, text, a["cue"]), _units(index, text, a["content"]))
                for a in (pred_docs.get(doc_id) or {}).get("attributions", [])]
        words = [(s, w) for s in doc.sentences for w in s.words]
        for a in g.get("attributions", []):
            cu, co = _units(index, text, a["cue"]), _units(index, text, a["content"])
            if any(cu & pc and co & pco for pc, pco in pred):
                continue
            cue = [(s, w) for s, w in words if any(x <= w.start < y for x, y in a["cue"])]
            content = [(s, w) for s, w in words if w.upos != "PUNCT"
                       and any(x <= w.start < y for x, y in a["content"])]
            out[_miss_reason(cue, content, text, a, lexicon)] += 1
    return dict(out)


PARSER_ERRORS = ("parser: cue mis-tagged", "parser: cue and content split into two sentences",
                 "parser: content detached from the cue")


def _miss_reason(cue: list[tuple[Sentence, Word]], content: list[tuple[Sentence, Word]], text: str,
                 a: dict, lex: Lexicon) -> str:
    known = [(s, w) for s, w in cue if any(lex.verb_class(x) or lex.noun_class(x) for x in lemma_candidates(w))]
    if not cue or not content or (not known and not any(w.upos == "PUNCT" for _, w in cue)):
        return "no rule: cue word not in the lexicon" if cue and content else "no words"
    if not known:
        return "rule: layout cue missed"
    sent, w = known[0]
    if w.upos not in ("VERB", "AUX", "NOUN"):
        return PARSER_ERRORS[0]
    quoted = text[a["content"][0][0]:a["content"][0][0] + 1] in "\"'\u201c\u201d\u2018\u2019\u00ab"
    if all(s is not sent for s, _ in content):
        return "rule: quotation in another sentence" if quoted else PARSER_ERRORS[1]
    near = set(sent.subtree(w.i)) | (set(sent.subtree(w.head)) if w.head >= 0 else set())
    if not any(s is sent and x.i in near and x.i != w.i for s, x in content):
        return PARSER_ERRORS[2]
    return "rule: a parse path exists, no rule takes it"


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
    if b.get("misses"):
        m = b["misses"]
        parser = sum(v for k, v in m.items() if k in PARSER_ERRORS)
        lines.append(f"Missed gold attributions by what the parse allows ({sum(m.values())} missed; "
                     f"{parser} are parser errors a rule cannot recover):")
        for k, v in sorted(m.items(), key=lambda kv: -kv[1]):
            lines.append(f"  {k:<52} {v:>5}")
    lines.append(f"Cue lemmas with most false positives (top {top}):")
    fps = sorted(((v.get("miss", 0), k) for k, v in b["pred"].items() if k.startswith("cue_lemma:")),
                 reverse=True)[:top]
    for n, k in fps:
        v = b["pred"][k]
        tot = v.get("hit", 0) + v.get("miss", 0)
        lines.append(f"  {k[10:]:<28} false {n:>4} of {tot:<4} precision {v.get('hit', 0) / tot:.3f}")
    return "\n".join(lines)
