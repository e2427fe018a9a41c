"""Training the attribution decision on annotated articles (``claimtrack train``).

The rules propose candidates over the built-in lexicon widened by the cue lemmas the gold
annotates often; each candidate is labelled real when a gold attribution shares a cue word and a
content word with it (the reference scorer's ``attr`` match); a LightGBM tree ensemble learns
P(real) from :func:`claimtrack.extract.decide.features`. The cue-lemma rates the model reads are
computed out of fold (five folds by document), so a candidate never sees its own label; the
threshold is the one that maximises attr F1 of the out-of-fold predictions. Seeded and
single-threaded: the same command on the same data writes the same file, byte for byte (the
date is ``$SOURCE_DATE_EPOCH``'s when that is set).
"""
from __future__ import annotations

import hashlib
import os
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from ..extract.decide import widen
from ..extract.lexicon import Lexicon, load_lexicon
from ..parse import Doc
from ..types import Attribution

FOLDS = 5
MIN_LEARNED = 4  # times a lemma must be a gold cue before the rules propose it
PRIOR_WEIGHT = 3.0  # pseudo-counts pulling a rare lemma's rate toward the overall rate
PARAMS = {"objective": "binary", "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 20,
          "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
          "seed": 13, "deterministic": True, "force_row_wise": True, "num_threads": 1,
          "verbose": -1}
ROUNDS = 400
_TOKEN = re.compile(r"\w+")


@dataclass
class Example:
    """One annotated article with its parse and, once proposed, its candidates."""

    id: str
    gold: dict
    doc: Doc
    candidates: list[Attribution] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    fold: int = 0


def learned_cues(examples: Sequence[Example], lexicon: Lexicon, min_count: int = MIN_LEARNED) -> dict:
    """Lemmas (by part of speech) that head gold cues at least *min_count* times and that the
    lexicon does not list: the rules propose them too, the model decides."""
    counts: Counter = Counter()
    for ex in examples:
        for g in ex.gold.get("attributions") or []:
            w = _first_word(ex.doc, g.get("cue") or [])
            if w is not None and w.upos in ("VERB", "NOUN", "ADJ"):
                counts[(w.upos, w.lemma.lower())] += 1
    known = {"VERB": lexicon.verbs, "NOUN": lexicon.nouns, "ADJ": lexicon.adjectives}
    out: dict[str, list[str]] = {"VERB": [], "NOUN": [], "ADJ": []}
    for (pos, lemma), n in sorted(counts.items()):
        if n >= min_count and lemma.isalpha() and lemma not in known[pos]:
            out[pos].append(lemma)
    return out


def _first_word(doc: Doc, spans):
    if not spans:
        return None
    s, e = spans[0]
    for sent in doc.sentences:
        if sent.start <= s < sent.end or sent.start < e <= sent.end:
            for w in sent.words:
                if w.start < e and w.end > s:
                    return w
    return None


def _tokens(text: str, spans) -> frozenset:
    return frozenset((m.start()) for s, e in spans for m in _TOKEN.finditer(text, s, e))


def label(ex: Example, ignore: Sequence[tuple[int, int]] = ()) -> list[int]:
    """1 for a candidate that shares a cue token and a content token with a gold attribution."""
    text = ex.gold["text"]
    gold = [(_tokens(text, g.get("cue") or []), _tokens(text, g.get("content") or []))
            for g in ex.gold.get("attributions") or []]
    out = []
    for a in ex.candidates:
        cue, content = _tokens(text, a.cue.spans), _tokens(text, a.content.spans)
        out.append(int(any(cue & gc and content & gt for gc, gt in gold)))
    return out


def lemma_rates(examples: Sequence[Example], keys: Callable[[Example], list[str]]) -> dict[str, list[float]]:
    """lemma|pos -> [smoothed rate of real attributions among its candidates, candidates]."""
    pos, tot = Counter(), Counter()
    for ex in examples:
        for k, y in zip(keys(ex), ex.labels):
            tot[k] += 1
            pos[k] += y
    prior = sum(pos.values()) / max(1, sum(tot.values()))
    return {k: [round((pos[k] + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT), 4), float(n)]
            for k, n in sorted(tot.items())}


def provenance_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    t = time.gmtime(int(epoch)) if epoch and epoch.isdigit() else time.gmtime()
    return time.strftime("%Y-%m-%d", t)


def file_digest(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fold_of(doc_id: str, folds: int = FOLDS) -> int:
    """A stable fold for a document id (not Python's salted hash)."""
    return int(hashlib.sha256(str(doc_id).encode()).hexdigest(), 16) % folds


def to_prediction(doc_id: str, atts: Sequence[Attribution]) -> dict:
    """Candidates as a line of the gold format, for the reference scorer."""
    return {"id": doc_id, "attributions": [
        {"id": a.id, "source": [list(s) for s in a.source.spans] if a.source else [],
         "cue": [list(s) for s in a.cue.spans], "content": [list(s) for s in a.content.spans]}
        for a in atts]}


def default_lexicon() -> Lexicon:
    return load_lexicon()


# -- the pipeline ------------------------------------------------------------------------------
def load_examples(paths: Sequence[str | Path], parser,
                  progress: Callable[[str, int, int], None] | None = None, chunk: int = 16) -> list[Example]:
    """Every gold article of *paths* (bench JSONL), parsed (through the parser's cache)."""
    from .scoring import load_jsonl

    golds = [d for p in paths for d in load_jsonl(str(p), require_text=True).values()]
    if progress:
        progress("articles", 0, len(golds))  # the parser's bar advances it
    out = []
    for k in range(0, len(golds), chunk):
        part = golds[k:k + chunk]
        for g, doc in zip(part, parser.parse_many([g["text"] for g in part])):
            out.append(Example(str(g["id"]), g, doc, fold=fold_of(g["id"])))
    return out


def propose_all(examples: Sequence[Example], lexicon: Lexicon) -> None:
    """The rules' candidates of every example over *lexicon*, with their labels."""
    from ..extract import propose
    from ..extract.marks import QuoteIndex

    for ex in examples:
        ignore = [tuple(x) for x in (ex.gold.get("meta") or {}).get("ignore_spans", [])]
        atts = propose(ex.doc, lexicon, QuoteIndex(ex.doc.text))
        ex.candidates = [a for a in atts if not any(s <= a.cue.spans[0][0] < e for s, e in ignore)]
        ex.labels = label(ex)


def _vocab(examples: Sequence[Example]) -> dict[str, list[str]]:
    seen: dict[str, set] = defaultdict(set)
    for ex in examples:
        for a in ex.candidates:
            seen["cls"].add(a.cue.cls)
            seen["construction"].add(a.construction)
            seen["type"].add(a.type)
    return {k: sorted(v) for k, v in sorted(seen.items())}


def _keys(ex: Example) -> list[str]:
    from ..extract.decide import lemma_key

    return [lemma_key(a, ex.doc.sentences[a.sentence] if 0 <= a.sentence < len(ex.doc.sentences)
                      else None) for a in ex.candidates]


def _rows(examples: Sequence[Example], model) -> list[list[float]]:
    from ..extract.decide import features
    from ..extract.marks import QuoteIndex

    rows = []
    for ex in examples:
        if ex.candidates:
            rows += features(ex.doc, ex.candidates, QuoteIndex(ex.doc.text), model)
    return rows


def out_of_fold_rows(examples: Sequence[Example], cues: dict, vocab: dict) -> tuple[list, list, list]:
    """Feature rows (in the examples' order) whose lemma rates come from the other folds only;
    labels; the fold of each row."""
    from ..extract.decide import AttributionModel

    tables = [lemma_rates([ex for ex in examples if ex.fold != f], _keys) for f in range(FOLDS)]
    X, y, groups = [], [], []
    for ex in examples:
        X += _rows([ex], AttributionModel(None, tables[ex.fold], cues, vocab))
        y += ex.labels
        groups += [ex.fold] * len(ex.candidates)
    return X, y, groups


def _booster(X, y, rounds: int = ROUNDS):
    import lightgbm as lgb
    import numpy as np

    return lgb.train(PARAMS, lgb.Dataset(np.asarray(X, dtype=np.float64), np.asarray(y),
                                         free_raw_data=False), rounds)


def cross_validate(X, y, groups, rounds: int = ROUNDS, progress: Callable[[int], None] | None = None):
    """Out-of-fold probabilities, a model per held-out fold of documents."""
    import numpy as np

    X, y, groups = np.asarray(X), np.asarray(y), np.asarray(groups)
    p = np.zeros(len(y))
    for f in range(FOLDS):
        held = groups == f
        p[held] = _booster(X[~held], y[~held], rounds).predict(X[held])
        if progress:
            progress(1)
    return p


def choose_threshold(examples: Sequence[Example], probs, grid=None) -> tuple[float, dict, dict]:
    """The threshold maximising attr F1 of the kept candidates (reference scoring), its scores,
    and the scores at every threshold of the grid."""
    from .scoring import score

    grid = grid or [0.0] + [round(0.20 + 0.05 * k, 3) for k in range(13)]
    gold = {ex.id: ex.gold for ex in examples}
    table = {}
    for t in grid:
        preds, k = {}, 0
        for ex in examples:
            n = len(ex.candidates)
            keep = [a for a, p in zip(ex.candidates, probs[k:k + n]) if p >= t]
            preds[ex.id] = to_prediction(ex.id, keep)
            k += n
        res = score(gold, preds)["attributions"]["attr"]
        table[t] = {m: round(res[m], 4) for m in ("p", "r", "f1")}
    best = max(grid, key=lambda t: (table[t]["f1"], -t))
    return best, table[best], table


def train_model(gold_paths: Sequence[str | Path], parser, lexicon: Lexicon | None = None,
                dev_paths: Sequence[str | Path] = (), progress: Callable[[str, int, int], None] | None = None,
                command: str = "") -> "AttributionModel":
    """Train the attribution decision on gold articles (bench JSONL); score *dev_paths* once."""
    from ..extract.decide import AttributionModel, feature_names
    from ..learn import Forest

    lexicon = lexicon or load_lexicon()
    step = progress or (lambda label, done, total: None)
    examples = load_examples(gold_paths, parser, step)
    cues = learned_cues(examples, lexicon)
    propose_all(examples, widen(lexicon, cues))
    vocab = _vocab(examples)
    X, y, groups = out_of_fold_rows(examples, cues, vocab)
    probs = cross_validate(X, y, groups, progress=lambda n: step("cross-validating (folds)", n, FOLDS))
    threshold, cv, table = choose_threshold(examples, probs)
    lemmas = lemma_rates(examples, _keys)
    full = _rows(examples, AttributionModel(None, lemmas, cues, vocab))
    booster = _booster(full, y)
    booster_names = feature_names(vocab)
    forest = Forest.from_lightgbm(booster, provenance={}, threshold=threshold)
    forest.features = booster_names
    model = AttributionModel(forest, lemmas, cues, vocab)
    model.provenance = _provenance(gold_paths, examples, y, cv, table, threshold, command)
    if dev_paths:
        model.provenance["dev"] = score_files(dev_paths, parser, lexicon, model)
    return model


def score_files(paths: Sequence[str | Path], parser, lexicon: Lexicon, model) -> dict:
    """attr / attr+src precision, recall and F1 of *model* on gold files (reference scoring)."""
    from .scoring import score
    from ..extract import extract

    examples = load_examples(paths, parser)
    gold = {ex.id: ex.gold for ex in examples}
    preds = {ex.id: to_prediction(ex.id, extract(ex.doc, lexicon, model=model)) for ex in examples}
    res = score(gold, preds)["attributions"]
    return {"files": [Path(p).name for p in paths], "documents": len(examples),
            **{m: {k: round(res[m][k], 4) for k in ("p", "r", "f1")} for m in ("attr", "attr+src")}}


def _provenance(paths, examples, y, cv, table, threshold, command) -> dict:
    from .. import __version__

    return {
        "made_by": f"claimtrack {__version__}",
        "command": command,
        "date": provenance_date(),
        "training_data": [{"file": Path(p).name, "sha256": file_digest(p)} for p in paths],
        "documents": len(examples), "candidates": len(y), "positive": int(sum(y)),
        "gold_attributions": sum(len(ex.gold.get("attributions") or []) for ex in examples),
        "learner": "LightGBM (gradient-boosted trees), binary", "params": dict(PARAMS), "rounds": ROUNDS,
        "threshold_rule": f"maximises attr F1 of {FOLDS}-fold out-of-fold predictions (folds by document)",
        "cross_validation": {"threshold": threshold, "attr": cv,
                             "by_threshold": {str(t): v for t, v in sorted(table.items())}},
        "licence_note": ("trained on the data named above; PolNeAR (research data, licence not stated) "
                         "for the default model: retrain on your own annotations with `claimtrack train`"),
    }
