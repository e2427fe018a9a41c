"""Training the attribution decision on annotated articles (``claimtrack train``).

The rules propose candidates over the built-in lexicon widened by the cue lemmas the gold
annotates often; each candidate is labelled real when a gold attribution shares a cue word and a
content word with it (the reference scorer's ``attr`` match); a LightGBM tree ensemble learns
P(real) from :func:`claimtrack.extract.decide.features`. The gold is univocal (a report inside
another's content is not annotated), so an unmatched candidate inside a gold content is left out of
fitting, and scores count only the outermost kept candidates. The cue-lemma rates the model reads are
computed out of fold (five folds by document), so a candidate never sees its own label. The
thresholds are the ones that maximise attr F1 of out-of-fold predictions in which each held-out
fold had no say at all: its cue lemmas learned, its candidates proposed, its rates counted and its
model fitted on the other folds. Seeded and
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
    matches: list[int] = field(default_factory=list)  # the gold attribution each one matches, or -1
    fold: int = 0
    # candidates the univocal gold cannot judge: no match, but inside a gold attribution's content
    unlabelled: list[bool] = field(default_factory=list)
    holders: list[list[int]] = field(default_factory=list)  # candidates whose content holds its cue
    held: "HeldOut | None" = None  # the candidates as proposed with this article's fold held out


def learned_cues(examples: Sequence[Example], lexicon: Lexicon, min_count: int = MIN_LEARNED) -> dict:
    """Lemmas (by part of speech) that head gold cues at least *min_count* times and that the
    lexicon does not list: the rules propose them too, the model decides."""
    from ..extract.tree import lemma_candidates

    counts: Counter = Counter()
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ex in examples:
        for g in ex.gold.get("attributions") or []:
            w = cue_head(ex.doc, g.get("cue") or [])
            if w is not None and w.upos in ("VERB", "NOUN", "ADJ"):
                counts[(w.upos, w.lemma.lower())] += 1
                # "warning" may be lemmatised as itself: the lexicon's "warn" still decides its class
                forms[(w.upos, w.lemma.lower())].update(x.lower() for x in lemma_candidates(w))
    known = {"VERB": lexicon.verbs, "NOUN": lexicon.nouns, "ADJ": lexicon.adjectives}
    out: dict[str, list[str]] = {"VERB": [], "NOUN": [], "ADJ": []}
    for (pos, lemma), n in sorted(counts.items()):
        if n >= min_count and lemma.isalpha() and not (forms[(pos, lemma)] & set(known[pos])):
            out[pos].append(lemma)
    return out


def cue_head(doc: Doc, spans):
    """The word of a gold cue that heads the others ("said" of "has said"), or None: the
    decision's own reading of a cue, in the sentence the cue starts in."""
    from ..extract.decide import cue_head as head_in

    if not spans:
        return None
    s, e = spans[0]
    for sent in doc.sentences:
        if sent.start <= s < sent.end or sent.start < e <= sent.end:
            k = head_in(sent, spans)
            return None if k is None else sent.words[k]
    return None


def _tokens(text: str, spans) -> frozenset:
    return frozenset((m.start()) for s, e in spans for m in _TOKEN.finditer(text, s, e))


def label(ex: Example) -> list[int]:
    """The first gold attribution that shares a cue token and a content token with each
    candidate, or -1 (a candidate is real when it matches one)."""
    text = ex.gold["text"]
    gold = [(_tokens(text, g.get("cue") or []), _tokens(text, g.get("content") or []))
            for g in ex.gold.get("attributions") or []]
    out = []
    for a in ex.candidates:
        cue, content = _tokens(text, a.cue.spans), _tokens(text, a.content.spans)
        out.append(next((k for k, (gc, gt) in enumerate(gold) if cue & gc and content & gt), -1))
    return out


def inside_gold(ex: Example) -> list[bool]:
    """Per candidate: unmatched, with its cue inside a gold attribution's content. Univocal gold
    (PolNeAR) annotates only the outermost report, so such a candidate ("an operation that Moscow
    claims prevented …" inside Kazakhstan's report) is neither right nor wrong: it is left out of
    training, and the model learns what an attribution is, not how deep it sits."""
    contents = [[tuple(sp) for sp in g.get("content") or []] for g in ex.gold.get("attributions") or []]
    return [m < 0 and any(s <= a.cue.spans[0][0] < e for spans in contents for s, e in spans)
            for a, m in zip(ex.candidates, ex.matches)]


def holders(ex: Example) -> list[list[int]]:
    """Per candidate: the others whose content holds its cue (as :func:`..extract.passes.nest`)."""
    out = []
    for a in ex.candidates:
        cs, ce = a.cue.spans[0]
        out.append([j for j, b in enumerate(ex.candidates) if b is not a
                    and any(s <= cs and ce <= e for s, e in b.content.spans)])
    return out


def lemma_rates(examples: Sequence[Example], keys: Callable[[Example], list[tuple[str, ...]]]
                ) -> dict[str, list[float]]:
    """lemma|pos (and lemma|pos|relation) -> [smoothed rate of real attributions among its
    candidates, candidates]."""
    pos, tot = Counter(), Counter()
    for ex in examples:
        for ks, y, skip in zip(keys(ex), ex.labels, ex.unlabelled):
            if skip:
                continue
            for k in ks:
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
    from .predict import prediction_line

    return prediction_line(doc_id, atts)


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


def propose_all(examples: Sequence[Example], lexicon: Lexicon, wide: Lexicon | None = None) -> None:
    """The candidates of every example (the rules' over *lexicon*, those of the cues only *wide*
    lists, the open ones), with their labels."""
    from ..extract import propose
    from ..extract.marks import QuoteIndex

    for ex in examples:
        ignore = [tuple(x) for x in (ex.gold.get("meta") or {}).get("ignore_spans", [])]
        atts = propose(ex.doc, lexicon, QuoteIndex(ex.doc.text), wide=wide, open_class=True)
        ex.candidates = [a for a in atts if not any(s <= a.cue.spans[0][0] < e for s, e in ignore)]
        ex.matches = label(ex)
        ex.labels = [int(m >= 0) for m in ex.matches]
        ex.unlabelled = inside_gold(ex)
        ex.holders = holders(ex)


def _vocab(examples: Sequence[Example]) -> dict[str, list[str]]:
    seen: dict[str, set] = defaultdict(set)
    for ex in examples:
        for a in ex.candidates:
            seen["cls"].add(a.cue.cls)
            seen["construction"].add(a.construction)
            seen["type"].add(a.type)
    return {k: sorted(v) for k, v in sorted(seen.items())}


def _keys(ex: Example) -> list[tuple[str, str]]:
    from ..extract.decide import lemma_keys

    return [lemma_keys(a, ex.doc.sentences[a.sentence] if 0 <= a.sentence < len(ex.doc.sentences)
                      else None) for a in ex.candidates]


def _rows(examples: Sequence[Example], model) -> list[list[float]]:
    from ..extract.decide import features
    from ..extract.marks import QuoteIndex

    rows = []
    for ex in examples:
        if ex.candidates:
            rows += features(ex.doc, ex.candidates, QuoteIndex(ex.doc.text), model)
    return rows


def out_of_fold_rows(examples: Sequence[Example], cues: dict, vocab: dict,
                     exclude: int | None = None) -> tuple[list, list, list]:
    """Feature rows (in the examples' order) whose lemma rates come from the other folds only
    (and never from fold *exclude*, held out of this fit); labels; the fold of each row."""
    from ..extract.decide import AttributionModel

    tables = {f: lemma_rates([ex for ex in examples if ex.fold not in (f, exclude)], _keys)
              for f in range(FOLDS) if f != exclude}
    X, y, groups = [], [], []
    for ex in examples:
        if ex.fold == exclude:
            continue
        X += _rows([ex], AttributionModel(None, tables[ex.fold], cues, vocab))
        y += ex.labels
        groups += [ex.fold] * len(ex.candidates)
    return X, y, groups


@dataclass
class HeldOut:
    """One article's candidates as proposed when its fold was held out, with their labels."""

    candidates: list
    labels: list[int]
    matches: list[int]
    unlabelled: list[bool]
    holders: list[list[int]]
    rule_tier: list[bool]
    probs: list[float]


def cross_validate_folds(examples: Sequence[Example], lexicon: Lexicon,
                         progress: Callable[[int], None] | None = None) -> None:
    """Out-of-fold confidences that no held-out label reaches: for each fold of documents the
    cue lemmas are learned, the lemma rates counted and the model fitted on the other folds only,
    and the held-out articles' candidates are proposed with those cues. Learning the cues on
    every article let a held-out article's own gold choose which of its words became candidates,
    which made cross-validated recall look better than held-out articles gave. Leaves each
    example's held-out view in ``ex.held``."""
    from ..extract.decide import AttributionModel

    for f in range(FOLDS):
        rest = [ex for ex in examples if ex.fold != f]
        cues = learned_cues(rest, lexicon)
        propose_all(examples, lexicon, widen(lexicon, cues))
        vocab = _vocab(examples)
        X, y, _ = out_of_fold_rows(examples, cues, vocab, exclude=f)
        fit = [not u for ex in rest for u in ex.unlabelled]
        booster = _booster([r for r, k in zip(X, fit) if k], [v for v, k in zip(y, fit) if k])
        model = AttributionModel(None, lemma_rates(rest, _keys), cues, vocab)
        for ex in examples:
            if ex.fold != f:
                continue
            rows = _rows([ex], model)
            probs = [float(x) for x in booster.predict(rows)] if rows else []
            ex.held = HeldOut(ex.candidates, ex.labels, ex.matches, ex.unlabelled, ex.holders,
                              tiers([ex], cues), probs)
        if progress:
            progress(1)


def held_out_view(examples: Sequence[Example]) -> tuple[list, list]:
    """Put each example's held-out candidates in place; their confidences and rule tiers."""
    probs, rule_tier = [], []
    for ex in examples:
        h = ex.held
        ex.candidates, ex.labels, ex.matches, ex.unlabelled, ex.holders = (
            h.candidates, h.labels, h.matches, h.unlabelled, h.holders)
        probs += h.probs
        rule_tier += h.rule_tier
    return probs, rule_tier


def _booster(X, y, rounds: int = ROUNDS):
    import lightgbm as lgb
    import numpy as np

    return lgb.train(PARAMS, lgb.Dataset(np.asarray(X, dtype=np.float64), np.asarray(y),
                                         free_raw_data=False), rounds)


def tiers(examples: Sequence[Example], cues: dict) -> list[bool]:
    """Per candidate: whether the rules alone would have proposed it (not an open candidate,
    not a learned cue)."""
    from ..extract.decide import proposed_by_rules

    return [proposed_by_rules(a, ex.doc.sentences[a.sentence] if 0 <= a.sentence < len(ex.doc.sentences)
                              else None, cues) for ex in examples for a in ex.candidates]


def outermost(examples: Sequence[Example], keep):
    """*keep* without the kept candidates whose cue lies in another kept one's content: what
    univocal gold can score (:func:`.predict.univocal`)."""
    import numpy as np

    out, k = np.array(keep, dtype=bool), 0
    for ex in examples:
        for j, hold in enumerate(ex.holders):
            if keep[k + j] and any(keep[k + h] and j not in ex.holders[h] for h in hold):
                out[k + j] = False
        k += len(ex.candidates)
    return out


def _proxy(examples, keep) -> dict:
    """attr P/R/F1 of the kept outermost candidates, each gold attribution matched once (fast;
    the reference scorer's one-to-one matching gives nearly the same figures)."""
    keep = outermost(examples, keep)
    tp = n = k = 0
    gold = sum(len(ex.gold.get("attributions") or []) for ex in examples)
    for ex in examples:
        seen = set()
        for m in ex.matches:
            if keep[k]:
                n += 1
                if m >= 0 and m not in seen:
                    seen.add(m)
                    tp += 1
            k += 1
    p, r = (tp / n if n else 0.0), tp / gold if gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def same_cue_groups(examples: Sequence[Example]) -> list[list[int]]:
    """Row indices of the candidates that read one cue with different contents (two or more)."""
    groups, k = [], 0
    for ex in examples:
        by: dict[tuple, list[int]] = defaultdict(list)
        for j, a in enumerate(ex.candidates):
            by[(a.sentence, tuple(map(tuple, a.cue.spans)))].append(k + j)
        groups += [g for g in by.values() if len(g) > 1]
        k += len(ex.candidates)
    return groups


def kept(probs, rule_tier, t_rule: float, t_new: float, groups: list[list[int]]):
    """What the decision keeps at a pair of thresholds: each tier's cut, then only the most
    confident candidate of each cue (:func:`claimtrack.extract.decide.one_per_cue`)."""
    import numpy as np

    keep = np.where(rule_tier, probs >= t_rule, probs >= t_new)
    for g in groups:
        live = [k for k in g if keep[k]]
        if len(live) > 1:
            best = max(live, key=lambda k: probs[k])
            keep[[k for k in live if k != best]] = False
    return keep


def choose_thresholds(examples: Sequence[Example], probs, rule_tier) -> tuple[float, float, dict]:
    """The pair of thresholds — for candidates the rules alone make, and for the new ones — that
    maximises attr F1 of the out-of-fold predictions; the scores at each pair."""
    import numpy as np

    probs, rule_tier = np.asarray(probs), np.asarray(rule_tier)
    groups = same_cue_groups(examples)
    table = {}
    for t_rule in [round(0.05 * k, 2) for k in range(0, 13)]:
        for t_new in [round(0.3 + 0.05 * k, 2) for k in range(0, 12)]:
            keep = kept(probs, rule_tier, t_rule, t_new, groups)
            table[(t_rule, t_new)] = _proxy(examples, keep)
    best = max(table, key=lambda t: (table[t]["f1"], t[1], t[0]))
    return best[0], best[1], table


def reference_scores(examples: Sequence[Example], keep) -> dict:
    """attr P/R/F1 of the kept outermost candidates by the reference scorer."""
    from .scoring import score

    keep = outermost(examples, keep)
    preds, k = {}, 0
    for ex in examples:
        n = len(ex.candidates)
        preds[ex.id] = to_prediction(ex.id, [a for a, kept in zip(ex.candidates, keep[k:k + n]) if kept])
        k += n
    res = score({ex.id: ex.gold for ex in examples}, preds)["attributions"]["attr"]
    return {m: round(res[m], 4) for m in ("p", "r", "f1")}


def train_model(gold_paths: Sequence[str | Path], parser, lexicon: Lexicon | None = None,
                dev_paths: Sequence[str | Path] = (), progress: Callable[[str, int, int], None] | None = None,
                command: str = "") -> "AttributionModel":
    """Train the attribution decision on gold articles (bench JSONL); score *dev_paths* once."""
    from ..extract.decide import AttributionModel, feature_names
    from ..learn import Forest

    lexicon = lexicon or load_lexicon()
    step = progress or (lambda label, done, total: None)
    examples = load_examples(gold_paths, parser, step)
    import numpy as np

    cross_validate_folds(examples, lexicon, progress=lambda n: step("cross-validating (folds)", n, FOLDS))
    probs, rule_tier = held_out_view(examples)
    probs, rule_tier = np.asarray(probs), np.asarray(rule_tier)
    t_rule, threshold, table = choose_thresholds(examples, probs, rule_tier)
    cv = reference_scores(examples, kept(probs, rule_tier, t_rule, threshold, same_cue_groups(examples)))
    rules_alone = reference_scores(examples, rule_tier & (probs >= 0.0))
    veto = reference_scores(examples, rule_tier & (probs >= t_rule))  # --min-confidence veto

    # the shipped model: cues learned on every article; each row's lemma rates from the other
    # folds, as in cross-validation, so the trees do not learn to trust a rate that holds the
    # row's own label; at run time the rates of every article are used
    cues = learned_cues(examples, lexicon)
    propose_all(examples, lexicon, widen(lexicon, cues))
    vocab = _vocab(examples)
    X, y, _ = out_of_fold_rows(examples, cues, vocab)
    fit = [not u for ex in examples for u in ex.unlabelled]
    lemmas = lemma_rates(examples, _keys)
    booster = _booster([r for r, f in zip(X, fit) if f], [v for v, f in zip(y, fit) if f])
    booster_names = feature_names(vocab)
    forest = Forest.from_lightgbm(booster, provenance={}, threshold=threshold)
    forest.features = booster_names
    model = AttributionModel(forest, lemmas, cues, vocab, rule_threshold=t_rule)
    model.provenance = _provenance(gold_paths, examples, y, cv, table, (t_rule, threshold), command)
    model.provenance["cross_validation"]["rules_alone"] = rules_alone
    model.provenance["cross_validation"]["veto"] = veto
    if dev_paths:
        model.provenance["dev"] = score_files(dev_paths, parser, lexicon, model)
    return model


def score_files(paths: Sequence[str | Path], parser, lexicon: Lexicon, model) -> dict:
    """attr / attr+src precision, recall and F1 of *model* on gold files (reference scoring)."""
    from .scoring import score
    from ..extract import extract

    examples = load_examples(paths, parser)
    gold = {ex.id: ex.gold for ex in examples}
    from .predict import univocal

    preds = univocal({ex.id: to_prediction(ex.id, extract(ex.doc, lexicon, model=model, min_confidence="auto"))
                      for ex in examples})
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
        "unlabelled": sum(sum(ex.unlabelled) for ex in examples),
        "unlabelled_rule": ("candidates matching no gold attribution but inside a gold attribution's "
                            "content are left out of fitting (univocal gold does not judge them); "
                            "scores count only the outermost kept candidates"),
        "gold_attributions": sum(len(ex.gold.get("attributions") or []) for ex in examples),
        "learner": "LightGBM (gradient-boosted trees), binary", "params": dict(PARAMS), "rounds": ROUNDS,
        "threshold_rule": (f"the pair (the rules' own candidates, new candidates) maximising attr F1 of "
                           f"{FOLDS}-fold out-of-fold predictions (folds by document); used by "
                           "--min-confidence auto"),
        "cross_validation": {"thresholds": {"rules": threshold[0], "new": threshold[1]}, "attr": cv,
                             "by_thresholds": {f"{a} {b}": v for (a, b), v in sorted(table.items())}},
        "licence_note": ("trained on the data named above; PolNeAR (research data, licence not stated) "
                         "for the default model: retrain on your own annotations with `claimtrack train`"),
    }
