"""Nominal cues: "X's claim that …", "the denial by X that …", "a statement from X that …".

The nouns and their classes come from the lexicon's ``[nouns.<class>]`` tables.
"""
from __future__ import annotations

from ..lexicon import Lexicon
from ..parse import Sentence, Word
from .candidate import Found
from .tree import noun_phrase, strip_punct


def noun_cue(sent: Sentence, w: Word, lex: Lexicon) -> Found | None:
    """A reporting noun with a that-clause: the clause is the content, the possessor or the
    by/from phrase the source."""
    if w.upos != "NOUN":
        return None
    cls = lex.noun_class(w.lemma)
    if cls is None:
        return None
    clauses = [k for k in sent.kids(w.i) if k.deprel in ("acl", "ccomp", "acl:that")
               and any(m.lemma.lower() == "that" for m in sent.kids(k.i, "mark"))]
    if not clauses:
        return None
    content = strip_punct(sent, sent.subtree(clauses[0].i))
    return Found(sent, [w.i], w.lemma.lower(), cls, content, _holder(sent, w), "nominal")


def _holder(sent: Sentence, w: Word) -> list[int]:
    """Whose claim it is: "X's claim", "the claim by X", "a statement from X"."""
    for k in sent.kids(w.i):
        if k.deprel == "nmod:poss" or (k.deprel == "nmod" and any(
                c.lemma.lower() in ("by", "from") for c in sent.kids(k.i, "case"))):
            return [x for x in noun_phrase(sent, k.i) if not (sent.words[x].deprel == "case"
                                                               and sent.words[x].head == k.i)]
    return []
