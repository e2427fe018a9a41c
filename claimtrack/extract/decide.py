"""The decision: rules propose attributions, a trained model gives each its confidence.

The constructions (:mod:`.verbs`, :mod:`.quotes`, …) propose candidates with their spans, cue
class and construction name, over the built-in lexicon widened by the cue words the model
learned from its training data. :func:`features` describes each candidate by the parse around
it — cue lemma (how often it was a real cue in training), class, construction, the relations on
the way to content and source, whether the source can speak, negation, modality, quotation
marks, content shape, position, the headline, neighbours — and the model (a tree ensemble
stored as JSON: :mod:`claimtrack.learn`) gives the probability that the candidate is a real
attribution. Below the threshold chosen on the training data a candidate is dropped.

>>> model = AttributionModel.default()
>>> 0.0 < model.threshold < 1.0 and len(model.feature_names) > 20
True
"""
from __future__ import annotations

import math
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import takewhile
from pathlib import Path
from typing import Sequence

from ..errors import ModelError
from .lexicon import Lexicon
from ..parse import Doc, Sentence
from .marks import QuoteIndex
from ..types import Attribution
from .words import (FIRST_SECOND_PERSON, HYPOTHETICAL, NEGATORS, QUESTION_MARKS, SOURCE_NOUNS,
                    THIRD_PERSON)

#: the environment variables behind ``--attribution-model`` and ``--min-confidence``
MODEL_VAR = "CLAIMTRACK_ATTRIBUTION_MODEL"
MIN_CONFIDENCE_VAR = "CLAIMTRACK_MIN_CONFIDENCE"
MODEL_FORMAT = "claimtrack-attribution-model/1"
DEFAULT_MODEL = "attribution_model.json"

_POS = ("VERB", "NOUN", "ADJ", "ADP", "ADV", "PROPN", "AUX")
_DEPRELS = ("root", "ccomp", "xcomp", "conj", "parataxis", "advcl", "acl", "acl:relcl", "obj",
            "nsubj", "obl", "nmod", "amod", "advmod", "appos", "fixed", "case", "csubj")
_CONTENT_RELS = ("ccomp", "xcomp", "obj", "parataxis", "advcl", "obl", "nmod", "acl", "csubj",
                 "nsubj", "conj", "root", "appos", "dep", "acl:relcl")
_SOURCE_RELS = ("nsubj", "nsubj:pass", "obl", "obl:agent", "nmod", "nmod:poss", "appos", "obj",
                "root", "conj", "compound", "parataxis")
_MODALS = {"may", "might", "must", "will", "wo", "shall"}


@dataclass
class AttributionModel:
    """The trained decision: the forest, the cue-lemma table it reads, and its threshold."""

    forest: object  # claimtrack.learn.Forest
    lemmas: dict[str, list[float]]  # lemma|pos -> [rate, count] on the training data
    learned_cues: dict[str, list[str]]  # pos -> lemmas proposed besides the lexicon's
    vocab: dict[str, list[str]]  # categorical feature values the model knows
    provenance: dict = field(default_factory=dict)
    rule_threshold: float | None = None  # for the candidates the rules alone would make

    @property
    def threshold(self) -> float:
        """The threshold for candidates the rules alone would not make (and the default cut)."""
        return float(self.forest.threshold)

    def cut_for(self, a: Attribution, sent: Sentence | None) -> float:
        """The threshold that applies to *a*: the rules' candidates need less to be kept."""
        if self.rule_threshold is not None and proposed_by_rules(a, sent, self.learned_cues):
            return self.rule_threshold
        return self.threshold

    @property
    def feature_names(self) -> list[str]:
        return list(self.forest.features)

    # -- the file -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"format": MODEL_FORMAT, "provenance": dict(self.provenance),
                "rule_threshold": self.rule_threshold,
                "lemmas": {k: list(v) for k, v in sorted(self.lemmas.items())},
                "learned_cues": {k: sorted(v) for k, v in sorted(self.learned_cues.items())},
                "vocab": {k: list(v) for k, v in sorted(self.vocab.items())},
                "forest": self.forest.to_dict()}

    @classmethod
    def from_dict(cls, d) -> "AttributionModel":
        from ..learn import Forest, ForestFileError

        if not isinstance(d, dict) or d.get("format") != MODEL_FORMAT:
            found = d.get("format") if isinstance(d, dict) else type(d).__name__
            raise ForestFileError(f"not a claimtrack attribution model (format {found!r}, "
                                  f"expected {MODEL_FORMAT!r})")
        try:
            model = cls(Forest.from_dict(d["forest"]),
                        {str(k): [float(x) for x in v] for k, v in d["lemmas"].items()},
                        {str(k): [str(x) for x in v] for k, v in d["learned_cues"].items()},
                        {str(k): [str(x) for x in v] for k, v in d["vocab"].items()},
                        dict(d.get("provenance", {})),
                        None if d.get("rule_threshold") is None else float(d["rule_threshold"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ForestFileError(f"a broken attribution model ({exc.__class__.__name__}: {exc})") from None
        if model.feature_names != feature_names(model.vocab):
            raise ForestFileError("the model's features are not the ones this claimtrack computes "
                                  "(made by another version? retrain it with `claimtrack train`)")
        return model

    def dumps(self) -> str:
        import json

        head = {k: v for k, v in self.to_dict().items() if k != "forest"}
        text = json.dumps(head, sort_keys=True, indent=1, ensure_ascii=False)
        return text[:-2] + ',\n "forest": ' + self.forest.dumps().rstrip("\n") + "\n}\n"

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.dumps(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "AttributionModel":
        """A model file; a broken or foreign one is a :class:`ModelError` (exit 3) naming it."""
        from ..learn import ForestFileError
        from ..learn.forest import read_json

        try:
            return cls.from_dict(read_json(path))
        except ForestFileError as exc:
            said = str(exc)
            raise ModelError(said if said.startswith(f"{path}:") else f"{path}: {said}") from None

    @classmethod
    def default(cls) -> "AttributionModel":
        """The model shipped in the package (trained on PolNeAR train: see its provenance)."""
        return _default_model()

    @classmethod
    def resolve(cls, path: str | os.PathLike | None = None) -> "AttributionModel":
        """The model named by *path*, else by ``$CLAIMTRACK_ATTRIBUTION_MODEL``, else the default."""
        path = path or os.environ.get(MODEL_VAR)
        return cls.load(path) if path else cls.default()

    # -- deciding -----------------------------------------------------------------------------
    def score(self, doc: Doc, atts: Sequence[Attribution], quotes: QuoteIndex) -> list[float]:
        """The probability that each candidate is a real attribution."""
        if not atts:
            return []
        rows = features(doc, atts, quotes, self)
        return [float(p) for p in self.forest.predict(rows)]


@lru_cache(maxsize=1)
def _default_model() -> AttributionModel:
    path = resources.files("claimtrack").joinpath("data", DEFAULT_MODEL)
    return AttributionModel.load(str(path))


#: constructions only the model's candidates have (:mod:`.open`): never the rules' own
OPEN_PREFIXES = ("open-", "alt-")

#: the model name that means no model: the rules decide alone (the behaviour before training)
RULES_ONLY = "rules"


def resolve_model(model: "str | os.PathLike | AttributionModel | None" = None) -> AttributionModel | None:
    """A loaded model: *model* itself, the file it names, ``$CLAIMTRACK_ATTRIBUTION_MODEL``'s, or
    the shipped default; None for ``rules`` (the rules decide alone)."""
    if isinstance(model, AttributionModel):
        return model
    name = model or os.environ.get(MODEL_VAR)
    if name is not None and str(name) == RULES_ONLY:
        return None
    return AttributionModel.resolve(name)


#: ``--min-confidence auto``: the model decides, at the thresholds chosen on its training data
AUTO = "auto"
#: ``--min-confidence veto`` (the default): the rules decide, and the model takes back those of
#: their attributions under its threshold for the rules' candidates
VETO = "veto"
#: ``--min-confidence rules``: the rules decide alone; every attribution keeps its confidence
RULES = RULES_ONLY
#: the decisions ``--min-confidence`` takes by name
DECISIONS = (AUTO, VETO, RULES)


def resolve_min_confidence(value: "float | str | None" = None) -> "float | str | None":
    """*value*, else ``$CLAIMTRACK_MIN_CONFIDENCE``: a number from 0 to 1, ``auto``, ``veto`` or
    ``rules``; ``veto`` when neither is set. The veto is the default because, on the training
    data cross-validated by document, it is as good as the rules alone by F1 and more precise
    (and more precise on the real-news gold at the same recall): a wrong attribution costs a
    fact-checker more than a missed one."""
    if value is None:
        value = os.environ.get(MIN_CONFIDENCE_VAR) or VETO
    if isinstance(value, str):
        if value.strip().lower() in DECISIONS:
            return value.strip().lower()
        try:
            value = float(value)
        except ValueError:
            raise ValueError(f"the minimum confidence must be a number from 0 to 1, 'auto', 'veto' or "
                             f"'rules', not {value!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"the minimum confidence must be from 0 to 1, not {value}")
    return float(value)


def decide(doc: Doc, atts: list[Attribution], model: AttributionModel, quotes: QuoteIndex,
           min_confidence: "float | str | None" = None) -> list[Attribution]:
    """Give every candidate its ``confidence``, then keep: with *min_confidence* None or ``rules``,
    the rules' own candidates (the rules decide); with ``veto``, those of them that reach the model's
    threshold for the rules' candidates; with a number, every candidate that reaches it; with
    ``auto``, those that reach the model's threshold for their kind of candidate."""
    for a, p in zip(atts, model.score(doc, atts, quotes)):
        a.confidence = round(p, 4)
    if min_confidence in (None, RULES, VETO):
        ruled = [a for a in atts if proposed_by_rules(a, _sentence(doc, a), model.learned_cues)]
        cut = model.threshold if model.rule_threshold is None else model.rule_threshold
        return [a for a in ruled if a.confidence >= cut] if min_confidence == VETO else ruled
    if min_confidence == AUTO:
        kept = [a for a in atts if a.confidence >= model.cut_for(a, _sentence(doc, a))]
    else:
        kept = [a for a in atts if a.confidence >= min_confidence]
    return one_per_cue(kept)


def one_per_cue(atts: list[Attribution]) -> list[Attribution]:
    """The most confident of the candidates that read one cue with different contents (a cue
    reports one thing: the candidates are the rules' and the parse's guesses at which)."""
    best: dict[tuple, Attribution] = {}
    for a in atts:
        key = (a.sentence, tuple(map(tuple, a.cue.spans)))
        if key not in best or (a.confidence or 0.0) > (best[key].confidence or 0.0):
            best[key] = a
    chosen = {id(a) for a in best.values()}
    return [a for a in atts if id(a) in chosen]


def _sentence(doc: Doc, a: Attribution) -> Sentence | None:
    return doc.sentences[a.sentence] if 0 <= a.sentence < len(doc.sentences) else None


def proposed_by_rules(a: Attribution, sent: Sentence | None, learned: dict[str, list[str]]) -> bool:
    """Whether the rules alone (the lexicon, no open candidates) would have proposed *a*."""
    if a.construction.startswith(OPEN_PREFIXES):
        return False
    lemma, pos = lemma_key(a, sent).split("|")
    return lemma not in set(learned.get(pos, ()))


def widen(lexicon: Lexicon, cues: dict[str, list[str]]) -> Lexicon:
    """A copy of *lexicon* that also proposes the learned cue lemmas (neutral classes)."""
    import copy

    wide = copy.deepcopy(lexicon)
    for lemma in cues.get("VERB", ()):
        wide.verbs.setdefault(lemma, "assert")
        # with a clause or quotation only: an object is too rarely what an unlisted verb reports
        wide.clausal_verbs.add(lemma)
    for lemma in cues.get("NOUN", ()):
        wide.nouns.setdefault(lemma, "assert")
    for lemma in cues.get("ADJ", ()):
        wide.adjectives.setdefault(lemma, "evaluate")
    return wide


# -- features ---------------------------------------------------------------------------------
def feature_names(vocab: dict[str, list[str]]) -> list[str]:
    """The model's columns: fixed numeric features, then one 0/1 column per known category."""
    names = list(_NUMERIC)
    for kind in ("cls", "construction", "type"):
        names += [f"{kind}={v}" for v in vocab.get(kind, [])]
    names += [f"cue_pos={p}" for p in _POS] + [f"cue_rel={r}" for r in _DEPRELS]
    names += [f"content_rel={r}" for r in _CONTENT_RELS] + [f"source_rel={r}" for r in _SOURCE_RELS]
    names += [f"source_pos={p}" for p in ("PROPN", "PRON", "NOUN", "other")]
    return names


_NUMERIC = (
    "lemma_rate", "lemma_count", "lemma_rel_rate", "lemma_rel_count", "lemma_known", "in_lexicon",
    "learned_cue", "cue_has_xcomp", "cue_has_iobj", "cue_has_mark",
    "cue_words", "cue_negated", "cue_quoted", "cue_modal", "cue_hypothetical", "cue_passive",
    "cue_past", "cue_part", "cue_ger", "cue_inf", "cue_fin", "cue_has_subject", "cue_has_ccomp",
    "cue_has_obj", "cue_capital",
    "source", "source_words", "source_person12", "source_pronoun3", "source_noun_can_speak",
    "source_capital", "source_ner_person", "source_ner_org", "source_before_cue", "source_digit",
    "content_words", "content_spans", "content_chars", "content_that", "content_to", "content_wh",
    "content_quote", "content_has_verb", "content_outside_sentence", "content_after_cue",
    "cue_content_gap", "content_question", "content_around_cue",
    "sentence_words", "sentence_quotes",
    "candidates_in_sentence", "holds_others", "same_cue_lemma_in_doc",
)


def features(doc: Doc, atts: Sequence[Attribution], quotes: QuoteIndex,
             model: AttributionModel) -> list[list[float]]:
    """One row of :func:`feature_names` per candidate."""
    names = feature_names(model.vocab)
    col = {n: k for k, n in enumerate(names)}
    per_sentence: dict[int, int] = {}
    lemma_counts: dict[str, int] = {}
    for a in atts:
        per_sentence[a.sentence] = per_sentence.get(a.sentence, 0) + 1
        lemma_counts[a.cue.lemma] = lemma_counts.get(a.cue.lemma, 0) + 1
    context = _Context(doc, quotes, model, per_sentence, lemma_counts,
                       {b.parent for b in atts if b.parent})
    rows = []
    for a in atts:
        row = [0.0] * len(names)
        for name, value in _describe(a, context).items():
            k = col.get(name)
            if k is not None:
                row[k] = float(value)
        rows.append(row)
    return rows


@dataclass
class _Context:
    doc: Doc
    quotes: QuoteIndex
    model: AttributionModel
    per_sentence: dict[int, int]
    lemma_counts: dict[str, int]
    parents: set  # ids of the candidates that hold another in their content


def cue_head(sent: Sentence, spans) -> int | None:
    """The word that heads the cue ("said" of "had said", "claim" of "the claim"), or None."""
    idx = _words_in(sent, spans)
    inside = set(idx)
    heads = [k for k in idx if sent.words[k].head not in inside
             and sent.words[k].upos not in ("AUX", "PART", "DET", "PUNCT")]
    content = [k for k in idx if sent.words[k].upos not in ("AUX", "PART", "DET", "PUNCT")]
    return (heads or content or idx or [None])[0]


def lemma_key(a: Attribution, sent: Sentence | None) -> str:
    """The cue's lemma with the part of speech of its head word (``claim|NOUN``)."""
    pos = ""
    if sent is not None and a.cue.spans:
        k = cue_head(sent, a.cue.spans)
        pos = sent.words[k].upos if k is not None else ""
    return f"{a.cue.lemma.lower()}|{pos}"


def lemma_keys(a: Attribution, sent: Sentence | None) -> tuple[str, str]:
    """The lemma key and the lemma with the relation of its content (``advise|VERB|xcomp``):
    "advised them to leave" reports, "advised the company" seldom does."""
    key = lemma_key(a, sent)
    rel = ""
    if sent is not None:
        idx = _words_in(sent, a.content.spans)
        inside = set(idx)
        head = next((sent.words[k] for k in idx if sent.words[k].head not in inside), None)
        rel = head.deprel.split(":")[0] if head is not None else ""
    return key, f"{key}|{rel}"


def _describe(a: Attribution, c: _Context) -> dict[str, float]:
    sent = c.doc.sentences[a.sentence] if 0 <= a.sentence < len(c.doc.sentences) else None
    f: dict[str, float] = {f"cls={a.cue.cls}": 1, f"construction={a.construction}": 1,
                           f"type={a.type}": 1}
    f.update(_lemma_features(a, sent, c))
    f.update(_position_features(a, sent, c))
    if sent is not None:
        head = cue_head(sent, a.cue.spans)
        cue_idx = [] if head is None else [head]
        f.update(_cue_features(a, sent, cue_idx, c))
        f.update(_source_features(a, sent, cue_idx))
        f.update(_content_features(a, sent, cue_idx, c))
    return f


def _lemma_features(a: Attribution, sent: Sentence | None, c: _Context) -> dict[str, float]:
    key, with_rel = lemma_keys(a, sent)
    rate, count = c.model.lemmas.get(key, (0.0, 0.0))
    rel_rate, rel_count = c.model.lemmas.get(with_rel, (0.0, 0.0))
    pos = key.split("|")[1]
    learned = a.cue.lemma.lower() in set(c.model.learned_cues.get(pos, ()))
    return {"lemma_rate": rate if count else -1.0, "lemma_count": math.log1p(count),
            "lemma_rel_rate": rel_rate if rel_count else -1.0, "lemma_rel_count": math.log1p(rel_count),
            "lemma_known": float(count > 0), "learned_cue": float(learned),
            "in_lexicon": float(not learned)}


def _cue_features(a: Attribution, sent: Sentence, idx: list[int], c: _Context) -> dict[str, float]:
    f: dict[str, float] = {"cue_words": len(a.cue.text.split()), "cue_negated": float(a.cue.negated),
                           "cue_quoted": float(c.quotes.region_at(a.cue.spans[0][0]) is not None)}
    if not idx:
        return f
    head = sent.words[idx[0]]
    f[f"cue_pos={head.upos}"] = 1
    f[f"cue_rel={head.deprel}"] = 1
    aux = [w.text.lower() for w in sent.kids(head.i, "aux", "aux:pass")]
    f["cue_modal"] = float(any(x in _MODALS for x in aux))
    f["cue_hypothetical"] = float(any(x in HYPOTHETICAL for x in aux))
    f["cue_passive"] = float(bool(sent.kids(head.i, "aux:pass", "nsubj:pass")))
    f["cue_past"] = float(head.feat("Tense") == "Past")
    form = head.feat("VerbForm") or ""
    f["cue_part"], f["cue_ger"] = float(form == "Part"), float(form == "Ger")
    f["cue_inf"], f["cue_fin"] = float(form == "Inf"), float(form == "Fin")
    f["cue_has_subject"] = float(bool(sent.kids(head.i, "nsubj", "csubj")))
    f["cue_has_ccomp"] = float(bool(sent.kids(head.i, "ccomp", "parataxis")))
    f["cue_has_obj"] = float(bool(sent.kids(head.i, "obj")))
    f["cue_has_xcomp"] = float(bool(sent.kids(head.i, "xcomp")))
    f["cue_has_iobj"] = float(bool(sent.kids(head.i, "iobj")))
    f["cue_has_mark"] = float(any(k.deprel == "mark" for c in sent.kids(head.i, "ccomp") for k in sent.kids(c.i)))
    f["cue_capital"] = float(head.text[:1].isupper() and head.i > 0)
    if any(w.lower() in NEGATORS for w in (x.text for x in sent.kids(head.i, "advmod"))):
        f["cue_negated"] = 1.0
    return f


def _source_features(a: Attribution, sent: Sentence, cue_idx: list[int]) -> dict[str, float]:
    if a.source is None or not a.source.spans:
        return {"source": 0.0}
    text = a.source.text
    low = text.lower().strip()
    f: dict[str, float] = {"source": 1.0, "source_words": len(text.split()),
                           "source_person12": float(low in FIRST_SECOND_PERSON),
                           "source_pronoun3": float(low in THIRD_PERSON),
                           "source_noun_can_speak": float(any(w in SOURCE_NOUNS for w in low.split())),
                           "source_capital": float(text[:1].isupper()),
                           "source_digit": float(any(ch.isdigit() for ch in text)),
                           "source_before_cue": float(a.source.spans[0][0] < a.cue.spans[0][0])}
    idx = _words_in(sent, a.source.spans)
    if idx:
        inside = set(idx)
        head = next((sent.words[k] for k in idx if sent.words[k].head not in inside), sent.words[idx[0]])
        f[f"source_rel={head.deprel}"] = 1
        pos = head.upos if head.upos in ("PROPN", "PRON", "NOUN") else "other"
        f[f"source_pos={pos}"] = 1
        ner = {sent.words[k].ner.split("-")[-1] for k in idx}
        f["source_ner_person"] = float("PERSON" in ner)
        f["source_ner_org"] = float(bool(ner & {"ORG", "NORP", "GPE"}))
    return f


def _content_features(a: Attribution, sent: Sentence, cue_idx: list[int], c: _Context) -> dict[str, float]:
    text = a.content.text
    words = text.split()
    low = words[0].lower().strip("\"'“‘") if words else ""
    f: dict[str, float] = {"content_words": math.log1p(len(words)), "content_spans": len(a.content.spans),
                           "content_chars": math.log1p(len(text)),
                           "content_that": float(low == "that"), "content_to": float(low == "to"),
                           "content_wh": float(low in QUESTION_MARKS),
                           "content_quote": float(any(ch in text for ch in "\"“”«»")),
                           "content_question": float(text.rstrip("\"'”’ ").endswith("?"))}
    f["content_outside_sentence"] = float(any(s < sent.start or e > sent.end for s, e in a.content.spans))
    f["content_after_cue"] = float(a.content.spans[0][0] > a.cue.spans[0][0]) if a.content.spans else 0.0
    # "an operation that Moscow claims prevented an attack": the content runs on both sides of the cue
    f["content_around_cue"] = float(bool(a.content.spans) and a.content.spans[0][0] < a.cue.spans[0][0]
                                    < a.content.spans[-1][0])
    idx = _words_in(sent, a.content.spans)
    if idx:
        inside = set(idx)
        f["content_has_verb"] = float(any(sent.words[k].upos in ("VERB", "AUX") for k in idx))
        head = next((sent.words[k] for k in idx if sent.words[k].head not in inside), sent.words[idx[0]])
        f[f"content_rel={head.deprel}"] = 1
        if cue_idx:
            f["cue_content_gap"] = math.log1p(min(abs(k - cue_idx[0]) for k in idx))
    return f


def _position_features(a: Attribution, sent: Sentence | None, c: _Context) -> dict[str, float]:
    # (no position in the article: PolNeAR's first line is always a headline, other news's is not)
    # (no "nested" either: univocal training gold never judges a nested report, so depth would
    # only teach the model the benchmark's convention, not what an attribution is)
    f: dict[str, float] = {"candidates_in_sentence": c.per_sentence.get(a.sentence, 0),
                           "same_cue_lemma_in_doc": math.log1p(c.lemma_counts.get(a.cue.lemma, 0))}
    f["holds_others"] = float(a.id in c.parents)
    if sent is not None:
        f["sentence_words"] = math.log1p(len(sent.words))
        f["sentence_quotes"] = float(any(c.quotes.region_at(w.start) is not None for w in sent.words[:1])
                                     or any(ch in c.doc.text[sent.start:sent.end] for ch in "\"“”"))
    return f


def _words_in(sent: Sentence, spans) -> list[int]:
    """The indices of *sent*'s words that overlap *spans*, in order (words are in text order,
    so each span is a slice found by bisection: this runs for every feature of every candidate)."""
    if len(spans) == 1:
        ends = [w.end for w in sent.words]
        s, e = spans[0]
        lo = bisect_right(ends, s)
        return [w.i for w in takewhile(lambda w: w.start < e, sent.words[lo:])]
    return [w.i for w in sent.words if any(w.start < e and w.end > s for s, e in spans)]
