"""Adjective cues: a stance or belief stated with a copula.

"Republicans are skeptical of the deal", "She was sure that Trump would win", "The union is
willing to negotiate": the adjective (with its copula) is the cue, its clause, infinitive or
of/about phrase the content, the copula's subject the source. The adjectives and their classes
come from the lexicon's ``[adjectives.<class>]`` tables. "It was clear that …" (``[words]
evident``) declares a matter evident with no one named: its clause is content without a source.

>>> from claimtrack.parse import doc_from_conllu
>>> rows = [("Voters", "voter", "NOUN", 3, "nsubj"), ("are", "be", "AUX", 3, "cop"),
...         ("skeptical", "skeptical", "ADJ", 0, "root"), ("of", "of", "ADP", 6, "case"),
...         ("the", "the", "DET", 6, "det"), ("deal", "deal", "NOUN", 3, "obl")]
>>> sent = doc_from_conllu("".join(f"{i}\\t{f}\\t{l}\\t{u}\\t_\\t_\\t{h}\\t{d}\\t_\\t_\\n"
...                                for i, (f, l, u, h, d) in enumerate(rows, 1))).sentences[0]
>>> from claimtrack.extract.lexicon import load_lexicon
>>> f = adjective_cue(sent, sent.words[2], load_lexicon())
>>> [sent.words[k].text for k in f.cue], f.cls, [sent.words[k].text for k in f.content]
(['are', 'skeptical', 'of'], 'believe', ['the', 'deal'])
"""
from __future__ import annotations

from .lexicon import Lexicon
from ..parse.parser import Sentence, Word
from .candidate import Found
from .tree import cue_words, negated, noun_phrase, strip_punct, subject
from .words import EVIDENT_ADJECTIVES, STANCE_PREPOSITIONS


def adjective_cue(sent: Sentence, w: Word, lex: Lexicon) -> Found | None:
    """The attribution whose cue is the predicative adjective *w*, if it is one."""
    if w.upos not in ("ADJ", "VERB") or not sent.kids(w.i, "cop"):
        return None
    if w.lemma.lower() in EVIDENT_ADJECTIVES:
        return _evident(sent, w)
    cls = lex.adjective_class(w.lemma) or lex.adjective_class(w.text)
    if cls is None:
        return None
    subj = subject(sent, w.i)
    if subj is None:
        return None
    cue = _cue(sent, w)
    content, prep = _content(sent, w)
    if prep is not None:
        cue = sorted(set(cue) | {prep})
    content = strip_punct(sent, [k for k in content if k not in cue])
    if not content:
        return None
    return Found(sent, cue, w.lemma.lower(), cls, content, noun_phrase(sent, subj.i),
                 "adjective", negated=negated(sent, w.i))


def _evident(sent: Sentence, w: Word) -> Found | None:
    """"It was clear that …", "Nor is it clear whether …": a matter declared evident (or not)
    with no one named as seeing it; the clause is the content, there is no source."""
    it = [k for k in sent.kids(w.i) if k.deprel in ("expl", "nsubj") and k.text.lower() == "it"]
    clause = [k for k in sent.kids(w.i, "ccomp", "csubj") if k.i > w.i]
    if not it or not clause:
        return None
    content = strip_punct(sent, sent.subtree(clause[0].i))
    return Found(sent, _cue(sent, w), w.lemma.lower(), "believe", content, [], "evident",
                 negated=negated(sent, w.i))


def _cue(sent: Sentence, w: Word) -> list[int]:
    """The adjective with its copula, auxiliaries, negation and the adverbs between them
    ("are deeply skeptical", "has not been critical")."""
    out = set(cue_words(sent, w.i)) | {c.i for c in sent.kids(w.i, "cop") if c.i < w.i}
    first = min(out)
    out |= {k for k in range(first, w.i) if sent.words[k].upos in ("ADV", "PART", "AUX")
            and sent.words[k].head == w.i}
    return sorted(out)


def _content(sent: Sentence, w: Word) -> tuple[list[int], int | None]:
    """A that-clause or infinitive, else an of/about phrase (its preposition joins the cue)."""
    for k in sent.kids(w.i, "ccomp", "xcomp", "advcl"):
        marks = {m.lemma.lower() for m in sent.kids(k.i, "mark")}
        if k.i > w.i and (k.deprel != "advcl" or marks & {"that", "to"}):
            return sent.subtree(k.i), None
    for k in sent.kids(w.i, "obl", "nmod"):
        cases = [c for c in sent.kids(k.i, "case") if c.lemma.lower() in STANCE_PREPOSITIONS]
        if k.i > w.i and cases and cases[0].i == w.i + 1:
            return sent.subtree(k.i), cases[0].i
    return [], None
