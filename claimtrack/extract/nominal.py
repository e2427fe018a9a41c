"""Nominal cues: "X's claim that …", "the denial by X that …", "a statement from X that …",
and claims nobody is named as making: "allegations of fraud", "questions about the deal".

The nouns and their classes come from the lexicon's ``[nouns.<class>]`` tables.
"""
from __future__ import annotations

from .lexicon import Lexicon
from ..parse.parser import Sentence, Word
from .candidate import Found
from .tree import noun_phrase, strip_punct
from .words import CLAUSE_MARKS, UNHELD_CASES, UNHELD_NOUNS, UNHELD_PLANS


def noun_cue(sent: Sentence, w: Word, lex: Lexicon) -> Found | None:
    """A reporting noun with a that-clause: the clause is the content, the possessor or the
    by/from phrase the source."""
    if w.upos != "NOUN":
        return None
    cls = lex.noun_class(w.lemma)
    if cls is None:
        return None
    clauses = [k for k in sent.kids(w.i) if (k.deprel in ("acl", "ccomp", "acl:that")
               and any(m.lemma.lower() in CLAUSE_MARKS for m in sent.kids(k.i, "mark")))
               or _complement_as_relative(sent, k)]
    if not clauses:
        return _unheld_topic(sent, w, cls)
    content = strip_punct(sent, sent.subtree(clauses[0].i))
    swallowed = _swallowed_predicate(sent, w, clauses[0], content)
    if swallowed is not None:
        content = [k for k in content if k < swallowed]
    return Found(sent, [w.i], w.lemma.lower(), cls, content, _holder(sent, w), "nominal")


def _swallowed_predicate(sent: Sentence, w: Word, clause: Word, content: list[int]) -> int | None:
    """"The mayor's claim that the warnings came too late angered officials": when the claim
    noun is left as the sentence's root, the parser has taken the sentence's own verb into the
    clause, as a participle modifying a noun after the clause's verb. The content ends before it."""
    if w.head >= 0 or not content or sent.kids(w.i, "cop", "nsubj", "nsubj:pass"):
        return None   # ("… was his warning that …": the noun is a predicate, not a subject)
    for k in content:
        v = sent.words[k]
        # a participle before the noun it would modify, with no article to open that phrase
        if k <= clause.i or v.upos != "VERB" or v.deprel != "amod" or v.head <= k \
                or v.feat("Tense") != "Past":
            continue
        if sent.words[k - 1].upos in ("ADJ", "NOUN", "PROPN", "NUM"):
            return k   # "came too late angered officials" (not "the most sustained ovations")
    return None


def _unheld_topic(sent: Sentence, w: Word, cls: str) -> Found | None:
    """"allegations of fraud", "questions about his foundation", "criticism of the police":
    a charge, report or doubt that nobody is named as making is about its phrase."""
    if w.lemma.lower() not in UNHELD_NOUNS | UNHELD_PLANS or _holder(sent, w):
        return None
    for k in sent.kids(w.i, "nmod", "acl", "advcl"):
        # ("faced sharp criticism for failing to act": a gerund clause takes "for" as its mark)
        if k.i > w.i and k.deprel.startswith("acl") and w.lemma.lower() in UNHELD_PLANS and any(
                m.lemma.lower() == "to" for m in sent.kids(k.i, "mark")):
            # "an agreement to explore ways to cut emissions", "a pledge to reduce them"
            return Found(sent, [w.i], w.lemma.lower(), cls, strip_punct(sent, sent.subtree(k.i)), [],
                         "nominal")
        cases = [c for c in sent.kids(k.i, "case", "mark") if c.lemma.lower() in UNHELD_CASES]
        if k.i > w.i and cases and cases[0].i == w.i + 1:
            content = [x for x in sent.subtree(k.i) if x != cases[0].i]
            return Found(sent, [w.i, cases[0].i], w.lemma.lower(), cls, strip_punct(sent, content),
                         [], "nominal")
    return None


def _complement_as_relative(sent: Sentence, k: Word) -> bool:
    """"charges that he has perpetuated questionable advice": a parser may read the "that" of
    a complement clause as a relative pronoun; a clause whose other words already fill the
    slot the pronoun would take is a complement."""
    if not k.deprel.startswith("acl:relcl"):
        return False
    that = next((x for x in sent.kids(k.i) if x.text.lower() == "that" and x.i == min(sent.subtree(k.i))), None)
    if that is None:
        return False
    slot = that.deprel.split(":")[0]
    if slot not in ("obj", "nsubj"):
        return False
    return any(x.deprel.split(":")[0] == slot and x.i != that.i for x in sent.kids(k.i))


def _holder(sent: Sentence, w: Word) -> list[int]:
    """Whose claim it is: "X's claim", "the claim by X", "a statement from X"."""
    for k in sent.kids(w.i):
        if k.deprel == "nmod:poss" or (k.deprel == "nmod" and any(
                c.lemma.lower() in ("by", "from") for c in sent.kids(k.i, "case"))):
            return [x for x in noun_phrase(sent, k.i) if not (sent.words[x].deprel == "case"
                                                               and sent.words[x].head == k.i)]
    return []
