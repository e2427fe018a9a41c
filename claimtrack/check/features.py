"""The comparison of a claim with a text, as numbers: the stance model's features and the matcher's.

A text is read once into a ``Doc`` (sentences, their tokens and content lemmas); a claim is a
short ``Doc``. ``align`` scores how much of one lemma list another covers, rare words weighing
more and WordNet synonyms/hypernyms counting in part; ``pair_features`` compares a claim with
every sentence of a body, keeps the best-matching ones and measures around them the debunking,
distancing, confirming and negating words, questions, antonyms and numbers, and what the
learned word model (``wordmodel``) reads in them and in the lead; and, apart for a claim that
states something and one that itself refutes, the debunking counts and how far the whole body
debunks (``bodymodel``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from .bodymodel import DEBUNK_FEATURES, DebunkModel, body_bag, default_debunk
from .lexical import content_lemmas, count_phrases, word_lists, wordnet
from .text import Number, numbers, numbers_agree, sentences, words
from .wordmodel import LEAD, WORD_FEATURES, WordModel, default_words, stance_words

LINK_WEIGHT = {"same": 1.0, "synonym": 0.8, "hypernym": 0.5}
TOP = 3  # best-matching sentences that carry the stance
CUES = word_lists()["cues_order"]  # single cues counted apiece (data/stance.toml [words] cues)


@dataclass
class Sentence:
    text: str
    tokens: list[str]
    lemmas: list[str]
    numbers: list[Number]


@dataclass
class Doc:
    """A text read for comparison; ``lemma_set`` and ``tf`` over all its sentences."""

    sentences: list[Sentence]
    tf: dict[str, int] = field(default_factory=dict)
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # per-text counts, once

    @classmethod
    def read(cls, text: str, split: bool = True) -> "Doc":
        parts = sentences(text) if split else [" ".join(text.split())]
        sents = []
        for s in parts:
            toks = words(s)
            sents.append(Sentence(s, toks, content_lemmas(toks), numbers(s)))
        tf: dict[str, int] = {}
        for s in sents:
            for lem in s.lemmas:
                tf[lem] = tf.get(lem, 0) + 1
        return cls(sents, tf)

    @property
    def tokens(self) -> list[str]:
        return [t for s in self.sentences for t in s.tokens]

    @property
    def lemmas(self) -> list[str]:
        return [lem for s in self.sentences for lem in s.lemmas]


def align(a: list[str], b: set[str], idf: Callable[[str], float]) -> tuple[float, list[str]]:
    """How much of lemma list *a* set *b* covers, IDF-weighted; and the lemmas of *a* covered."""
    wn = wordnet()
    total = got = 0.0
    hit = []
    for lem in dict.fromkeys(a):
        w = idf(lem)
        total += w
        if lem in b:
            got += w
            hit.append(lem)
            continue
        near = wn.neighbours(lem)
        small, large = (near, b) if len(near) < len(b) else (b, near)
        best = max((LINK_WEIGHT[near[x]] for x in small if x in large), default=0.0)
        if best:
            got += w * best
            hit.append(lem)
    return (got / total if total else 0.0), hit


def cosine(a: dict[str, int], b: dict[str, int], idf: Callable[[str], float]) -> float:
    """TF-IDF cosine (log-scaled term counts)."""
    va = {w: (1 + math.log(c)) * idf(w) for w, c in a.items()}
    vb = {w: (1 + math.log(c)) * idf(w) for w, c in b.items()}
    dot = sum(v * vb[w] for w, v in va.items() if w in vb)
    na = math.sqrt(sum(v * v for v in va.values()))
    nb = math.sqrt(sum(v * v for v in vb.values()))
    return dot / (na * nb) if na and nb else 0.0


def _counts(s: Sentence) -> dict[str, int]:
    c: dict[str, int] = {}
    for lem in s.lemmas:
        c[lem] = c.get(lem, 0) + 1
    return c


def _near_negation(s: Sentence, hits: set[str], window: int = 4) -> int:
    """Negations within *window* tokens of a word that matches the claim."""
    neg, wn = word_lists()["negation"], wordnet()
    pos = [i for i, t in enumerate(s.tokens) if wn.lemma(t) in hits]
    return sum(1 for i, t in enumerate(s.tokens) if t in neg and any(abs(i - j) <= window for j in pos))


def _antonyms(claim: list[str], sent: list[str]) -> int:
    ant, sent_set = wordnet().antonyms, set(sent)
    return sum(len(ant[a] & sent_set) for a in set(claim) if a in ant)


def _numbers(claim: list[Number], body: list[Number]) -> tuple[int, int]:
    """(claim quantities the body states too, claim quantities the body contradicts by unit)."""
    match = conflict = 0
    for c in claim:
        if any(numbers_agree(c, b) for b in body):
            match += 1
        elif c.unit and c.unit != "year?" and any(b.unit == c.unit for b in body):
            conflict += 1
    return match, conflict


def rank_sentences(claim: Doc, body: Doc, idf) -> list[tuple[float, int, list[str]]]:
    """Every body sentence's (score, index, claim lemmas it covers), best first."""
    lemmas = claim.lemmas
    ranked = []
    for i, s in enumerate(body.sentences):
        score, hit = align(lemmas, set(s.lemmas), idf)
        ranked.append((score, i, hit))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return ranked


BASE_FEATURES = [
    # relatedness
    "cos_body", "cos_best", "align_best", "align_top", "align_lead", "cover_body", "cover_rare",
    "rare_shared", "max_idf_shared", "overlap", "bigram_hits", "best_pos", "n_claim", "n_sents",
    # the claim itself
    "claim_refuting", "claim_hedging", "claim_negation", "claim_question",
    # around the best-matching sentences, in the lead and in the whole body
    "top_refuting", "top_hedging", "top_confirming", "top_negation", "top_near_negation",
    "top_question", "top_quote", "top_antonyms", "best_negation", "negation_mismatch",
    "lead_refuting", "lead_hedging", "lead_confirming",
    "body_refuting", "body_hedging", "body_confirming", "body_negation", "body_question",
    "polarity", "num_match", "num_conflict",
    # focus, quotation, and the strongest single cues (a lumped count hides which word it was)
    "focus", "body_quotes", "n_tokens", "top_refuting_hit", "best_hedging",
] + [f"cue_{c.replace(' ', '_')}" for c in CUES] + [f"top_cue_{c.replace(' ', '_')}" for c in CUES]
# debunking read apart for a claim that states something and one that itself denies or refutes:
# the same "fake" in the body disagrees with the first and agrees with the second, which trees
# fit on a few hundred disagree pairs learn poorly from the two counts alone
CROSSED = ["lead_refuting", "body_refuting", "top_refuting", "top_refuting_hit", "top_near_negation",
           "best_negation"]
BASE_FEATURES += ["claim_refutes"] + [f"{n}_if_claim_{k}" for n in CROSSED for k in ("states", "refutes")]
# the learned models' scores come last (wordmodel.py, bodymodel.py): fit on each training set apart
FEATURES = BASE_FEATURES + WORD_FEATURES + DEBUNK_FEATURES


def _lists(tokens: list[str]) -> tuple[int, int, int, int]:
    lists = word_lists()
    return (count_phrases(tokens, lists["refuting"]), count_phrases(tokens, lists["hedging"]),
            count_phrases(tokens, lists["confirming"]), sum(t in lists["negation"] for t in tokens))


def _relatedness(claim: Doc, body: Doc, ranked, idf) -> list[float]:
    lemmas = claim.lemmas
    lset, bset = set(lemmas), set(body.tf)
    shared = lset & bset
    rare = [w for w in lset if idf(w) >= 4.0]
    cover_body, _ = align(lemmas, bset, idf)
    lead = set().union(*(set(s.lemmas) for s in body.sentences[:2])) if body.sentences else set()
    ctoks = claim.tokens
    if "bigrams" not in body.memo:
        btoks = body.tokens
        body.memo["bigrams"] = (set(zip(btoks, btoks[1:])), set(btoks))
    bigrams, btokset = body.memo["bigrams"]
    cb = list(zip(ctoks, ctoks[1:]))
    top = ranked[:TOP]
    best = body.sentences[top[0][1]] if top else None
    return [
        cosine(claim.tf, body.tf, idf),
        cosine(claim.tf, _counts(best), idf) if best else 0.0,
        top[0][0] if top else 0.0,
        sum(r[0] for r in top) / TOP,
        align(lemmas, lead, idf)[0],
        cover_body,
        (sum(w in bset for w in rare) / len(rare)) if rare else -1.0,
        float(sum(idf(w) >= 4.0 for w in shared)),
        max((idf(w) for w in shared), default=0.0),
        len(set(ctoks) & btokset) / max(1, len(set(ctoks) | btokset)),
        (sum(b in bigrams for b in cb) / len(cb)) if cb else 0.0,
        (top[0][1] / max(1, len(body.sentences))) if top else 1.0,
        float(len(lset)),
        math.log1p(len(body.sentences)),
    ]


def _stance(claim: Doc, body: Doc, ranked) -> list[float]:
    ctoks = claim.tokens
    c_ref, c_hedge, _, c_neg = _lists(ctoks)
    top = [body.sentences[i] for _, i, _ in ranked[:TOP]]
    hits = set().union(*(set(h) for _, _, h in ranked[:TOP])) if ranked else set()
    ttoks = [t for s in top for t in s.tokens]
    t_ref, t_hedge, t_conf, t_neg = _lists(ttoks)
    b_neg_best = _lists(top[0].tokens)[3] if top else 0
    if "lists" not in body.memo:
        body.memo["lists"] = (_lists([t for s in body.sentences[:3] for t in s.tokens]),
                              _lists(body.tokens), len(body.tokens),
                              [n for s in body.sentences for n in s.numbers])
    (l_ref, l_hedge, l_conf, _), (b_ref, b_hedge, b_conf, b_neg), n_tok, body_numbers = body.memo["lists"]
    per = 100.0 / max(1, n_tok)
    nb = max(1, len(body.sentences))
    match, conflict = _numbers([n for s in claim.sentences for n in s.numbers], body_numbers)
    return [
        float(c_ref), float(c_hedge), float(c_neg), float("?" in " ".join(s.text for s in claim.sentences)),
        float(t_ref), float(t_hedge), float(t_conf), float(t_neg),
        float(sum(_near_negation(s, hits) for s in top)),
        float(sum("?" in s.text for s in top)),
        float(sum(s.text.count('"') for s in top)),
        float(sum(_antonyms(claim.lemmas, s.lemmas) for s in top)),
        float(b_neg_best), float((b_neg_best > 0) != (c_neg > 0)),
        float(l_ref), float(l_hedge), float(l_conf),
        b_ref * per, b_hedge * per, b_conf * per, b_neg * per,
        sum("?" in s.text for s in body.sentences) / nb,
        float((c_ref % 2) != (b_ref % 2)), float(match), float(conflict),
    ]


def _cues(sents: list[Sentence]) -> list[float]:
    """Each cue's count: a cue is a word beginning ("deni" counts deny, denied, denies)."""
    low = " " + " ".join(" ".join(s.tokens) + (" ?" if "?" in s.text else "") for s in sents)
    return [float(low.count(" " + c)) for c in CUES]


def _extra(claim: Doc, body: Doc, ranked) -> list[float]:
    if "cues" not in body.memo:
        body.memo["cues"] = _cues(body.sentences)
        body.memo["quotes"] = float(sum(s.text.count('"') for s in body.sentences) // 2)
    lists = word_lists()
    nb = max(1, len(body.sentences))
    # a debunking word in a sentence that carries at least two of the claim's words
    ref_hit = sum(count_phrases(body.sentences[i].tokens, lists["refuting"])
                  for _, i, h in ranked[:TOP] if len(h) >= 2)
    best_hedge = count_phrases(body.sentences[ranked[0][1]].tokens, lists["hedging"]) if ranked else 0
    return [sum(r[0] >= 0.3 for r in ranked) / nb, body.memo["quotes"],
            math.log1p(sum(len(s.tokens) for s in body.sentences)), float(ref_hit),
            float(best_hedge)] + body.memo["cues"] + _cues([body.sentences[i] for _, i, _ in ranked[:TOP]])


_AT = {n: k for k, n in enumerate(BASE_FEATURES)}


def claim_refutes(row: list[float]) -> bool:
    """Whether the claim of a ``BASE_FEATURES`` row itself denies or refutes (a negation, a
    debunking word): "No, the bear is not getting an Asbo"."""
    return row[_AT["claim_refuting"]] > 0 or row[_AT["claim_negation"]] > 0


def _crossed(row: list[float]) -> list[float]:
    refutes = claim_refutes(row)
    out = [float(refutes)]
    for n in CROSSED:
        v = row[_AT[n]]
        out += [0.0 if refutes else v, v if refutes else 0.0]
    return out


def base_features(claim: Doc, body: Doc, idf) -> tuple[list[float], list, frozenset[str]]:
    """The rows of ``BASE_FEATURES``, the ranked sentences, and the bag the word model reads."""
    ranked = rank_sentences(claim, body, idf)
    bag = stance_words(claim.tokens, [body.sentences[i].tokens for _, i, _ in ranked[:TOP]],
                       [s.tokens for s in body.sentences[:LEAD]])
    row = _relatedness(claim, body, ranked, idf) + _stance(claim, body, ranked) + _extra(claim, body, ranked)
    return row + _crossed(row), ranked, bag


def debunk_bag(body: Doc) -> frozenset[str]:
    """The body's words as the debunk model reads them (once per body)."""
    if "debunk_bag" not in body.memo:
        body.memo["debunk_bag"] = body_bag(body.tokens)
    return body.memo["debunk_bag"]


def pair_features(claim: Doc, body: Doc, idf, words: WordModel | None = None,
                  debunk: DebunkModel | None = None) -> tuple[list[float], list]:
    """The feature row (in ``FEATURES`` order) and the ranked sentences, best first; *words*
    and *debunk* default to the shipped models."""
    row, ranked, bag = base_features(claim, body, idf)
    return (row + (words or default_words()).scores(bag)
            + (debunk or default_debunk()).features(debunk_bag(body), claim_refutes(row))), ranked
