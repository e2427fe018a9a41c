r"""Parsed document → attributions (source · cue · content), from the dependency tree.

Cue first, then its content, then its source — each a separate step (after Citron), so each
can be read and tested on its own. One module per family of constructions:

* :mod:`.verbs` — verb cues with subject source and clausal, infinitival or object content
  ("Russian media had claimed that …", "The FSB claimed to have …", "confirmed the deaths of …"),
  passive and agentless ("is confirmed", "it was claimed that"), participial ("…, warning that
  …"), relative ("an operation that Moscow claims prevented an attack");
* :mod:`.quotes` — inverted and interrupted quotes ("\"…,\" said the KNB", "\"A,\" he said,
  \"B.\""), quotes whose speaker is named in a neighbouring sentence;
* :mod:`.layout` — signed quotes ("“…” ― Name") and speaker labels ("PENCE: …");
* :mod:`.prepositional` — "according to X", "…, citing X", "in a poll", adverbs ("reportedly");
* :mod:`.nominal` — "X's claim that …", "the denial by X that …";
* :mod:`.adjectives` — "X is skeptical of …", "X was sure that …";
* :mod:`.passes` — duplicates, hedges and quoted cues dropped, reports nested in reports.

:mod:`.tree` holds the dependency helpers, :mod:`.candidate` the candidate attribution and its
character spans, :mod:`.words` the closed word classes (the vocabulary is package data).

>>> from claimtrack.parse import doc_from_conllu
>>> rows = [("Russian", "Russian", "ADJ", 2, "amod"), ("media", "media", "NOUN", 3, "nsubj"),
...         ("claimed", "claim", "VERB", 0, "root"), ("that", "that", "SCONJ", 7, "mark"),
...         ("suspects", "suspect", "NOUN", 7, "nsubj:pass"), ("were", "be", "AUX", 7, "aux:pass"),
...         ("killed", "kill", "VERB", 3, "ccomp")]
>>> conllu = "".join(f"{i}\t{f}\t{l}\t{u}\t_\t_\t{h}\t{d}\t_\t_\n"
...                  for i, (f, l, u, h, d) in enumerate(rows, 1))
>>> [(a.source.text, a.cue.text, a.cue.cls, a.content.text) for a in extract(doc_from_conllu(conllu))]
[('Russian media', 'claimed', 'claim', 'that suspects were killed')]
"""
from __future__ import annotations

from typing import Iterator

from .lexicon import Lexicon, load_lexicon
from ..parse.parser import Doc, Sentence
from .marks import QuoteIndex
from ..types import Attribution
from .candidate import Found, to_attribution
from .decide import AttributionModel, decide, widen
from .adjectives import adjective_cue
from .layout import layout_attributions
from .nominal import noun_cue
from .open import open_candidates, other_complements
from .passes import (detach_leading_time, detach_parallel_reports, detach_participles, detach_trailing_reports,
                     drop_duplicates, drop_occasions, drop_quoted_cues, nest)
from .prepositional import adverb_cue, citing_cue, prep_cue, survey_cue
from .quotes import adjacent_quotes, attach_neighbour_quotes
from .verbs import verb_cue

__all__ = ["extract", "propose", "decide", "renumber", "AttributionModel", "find_attributions", "Found", "verb_cue", "prep_cue", "citing_cue", "survey_cue",
           "adverb_cue", "noun_cue", "adjective_cue", "adjacent_quotes", "attach_neighbour_quotes",
           "layout_attributions"]


def _finders(sent: Sentence, lex: Lexicon, quotes: QuoteIndex) -> Iterator[Found]:
    """Each word's attribution, if any, tried as preposition, verb, noun, then adverb cue."""
    for w in sent.words:
        found = (prep_cue(sent, w, lex) or survey_cue(sent, w, lex) or verb_cue(sent, w, lex, quotes)
                 or noun_cue(sent, w, lex) or adjective_cue(sent, w, lex) or adverb_cue(sent, w, lex))
        if found is not None:
            yield found


def find_attributions(doc: Doc, lexicon: Lexicon | None = None,
                      quotes: QuoteIndex | None = None) -> Iterator[Found]:
    """All cue-anchored attributions of *doc*, sentence by sentence, in word indices."""
    lex = lexicon or load_lexicon()
    quotes = quotes or QuoteIndex(doc.text)
    for sent in doc.sentences:
        taken: set[int] = set()
        found_here: list[Found] = []
        for found in _finders(sent, lex, quotes):
            if found.cue[0] in taken:
                continue
            taken.update(found.cue)
            found_here.append(found)
        detach_participles(sent, found_here)
        detach_trailing_reports(sent, found_here, lex.verbs)
        detach_parallel_reports(sent, found_here)
        detach_leading_time(sent, found_here)
        drop_occasions(sent, found_here)
        yield from (f for f in found_here if f.content or f.extra_content or f.construction == "bare")


def extract(doc: Doc, lexicon: Lexicon | None = None, quotes: QuoteIndex | None = None,
            model: "AttributionModel | None" = None,
            min_confidence: "float | str | None" = None) -> list[Attribution]:
    """Attributions of a parsed document, with character spans into ``doc.text``.

    With *model*, the rules' attributions and new candidates (the model's learned cues, every
    complement the parse allows) all get a confidence, and :func:`.decide.decide` keeps them by
    *min_confidence* (None: the rules decide, as without a model). Ids are ``a1``, ``a2``, … in reading
    order of the cue.
    """
    quotes = quotes or QuoteIndex(doc.text)
    lexicon = lexicon or load_lexicon()
    if model is None:
        return propose(doc, lexicon, quotes)
    atts = propose(doc, lexicon, quotes, wide=widened(lexicon, model), open_class=True)
    atts = decide(doc, atts, model, quotes, min_confidence)
    renumber(atts)
    return atts


def widened(lexicon: Lexicon, model: "AttributionModel") -> Lexicon:
    """The lexicon plus the model's learned cue lemmas (kept per lexicon and model)."""
    key = (id(lexicon), id(model))
    if _WIDE.get("key") != key:
        _WIDE.update(key=key, lexicon=widen(lexicon, model.learned_cues), hold=(lexicon, model))
    return _WIDE["lexicon"]


_WIDE: dict = {}


def renumber(atts: list[Attribution]) -> None:
    """Ids ``a1``, ``a2``, … in order, and the chain of reports nested in reports."""
    for k, a in enumerate(atts, 1):
        a.id, a.parent = f"a{k}", None
    nest(atts)


def propose(doc: Doc, lexicon: Lexicon, quotes: QuoteIndex, wide: Lexicon | None = None,
            open_class: bool = False) -> list[Attribution]:
    """The rules' attributions: every construction over *lexicon*, then the passes. For the model
    to judge, also: with *wide* (the lexicon and learned cues), the attributions of cues only it
    lists; with *open_class*, every complement the parse allows (:mod:`.open`). Both are added
    after the rules' own passes, so they never change what the rules find."""
    atts = _rules(doc, lexicon, quotes)
    if wide is None and not open_class:
        return atts
    cues = {tuple(a.cue.spans) for a in atts}
    extra = [a for a in _rules(doc, wide, quotes) if tuple(a.cue.spans) not in cues] if wide else []
    atts = atts + extra
    if open_class:
        atts = atts + list(_open(doc, atts, quotes))
    atts.sort(key=lambda a: a.cue.start)
    renumber(atts)
    return atts


def _open(doc: Doc, atts: list[Attribution], quotes: QuoteIndex) -> Iterator[Attribution]:
    cues = {(a.sentence, w.i) for a in atts if 0 <= a.sentence < len(doc.sentences)
            for w in doc.sentences[a.sentence].words if any(w.start < e and w.end > s for s, e in a.cue.spans)}
    for sent in doc.sentences:
        for f in open_candidates(sent, {i for k, i in cues if k == sent.index}):
            att = to_attribution(f, doc.text, quotes)
            if att is not None:
                yield att
    yield from _alternatives(doc, atts, quotes)


def _alternatives(doc: Doc, atts: list[Attribution], quotes: QuoteIndex) -> Iterator[Attribution]:
    """The rules' cues once more with each complement none of their candidates took."""
    by_cue: dict[tuple, list[Attribution]] = {}
    for a in atts:
        if 0 <= a.sentence < len(doc.sentences):
            by_cue.setdefault((a.sentence, tuple(map(tuple, a.cue.spans))), []).append(a)
    for (k, _), same in by_cue.items():
        sent = doc.sentences[k]
        cue = _word_ids(sent, same[0].cue.spans)
        if not cue:
            continue
        contents = [set(_word_ids(sent, a.content.spans)) for a in same]
        first = same[0]
        source = _word_ids(sent, first.source.spans) if first.source is not None else None
        for f in other_complements(sent, cue, contents, source or None, first.cue.lemma, first.cue.cls):
            att = to_attribution(f, doc.text, quotes)
            if att is not None:
                yield att


def _word_ids(sent: Sentence, spans) -> list[int]:
    return [w.i for w in sent.words if any(w.start < e and w.end > s for s, e in spans)]


def _rules(doc: Doc, lexicon: Lexicon, quotes: QuoteIndex) -> list[Attribution]:
    text = doc.text
    items: list[Attribution] = []
    bare: list[Attribution] = []
    for f in find_attributions(doc, lexicon, quotes):
        att = to_attribution(f, text, quotes)
        if att is not None:
            (bare if f.construction == "bare" else items).append(att)
    atts = drop_duplicates(sorted(items, key=lambda a: a.cue.start))
    atts.extend(layout_attributions(doc, quotes, atts, lexicon or load_lexicon()))
    atts.sort(key=lambda a: a.cue.start)
    atts = drop_quoted_cues(atts, quotes)
    atts.extend(attach_neighbour_quotes(doc, atts, bare, quotes))
    atts.sort(key=lambda a: a.cue.start)
    renumber(atts)
    return atts
