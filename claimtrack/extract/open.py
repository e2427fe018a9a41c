"""Open candidates: what the parse allows as an attribution, whatever the lexicon says.

Any verb with a clausal, quoted, infinitival or object complement, and any noun or adjective
with a clausal one, is proposed with its subject as source and the complement as content
("Democrats painted him as a liar", "the assessment that …"); so is a stance toward a
prepositional object held by someone who can speak ("sided with the unions", "Trump's support
for the wall"). Most such candidates are not
attributions; the trained decision (:mod:`.decide`) tells them apart by the cue's lemma, the
path and the shape of source and content. The rules' own candidates come first: a word that is
already a cue proposes nothing here.

>>> from claimtrack.parse import doc_from_conllu
>>> rows = [("Analysts", "analyst", "NOUN", 2, "nsubj"), ("reckon", "reckon", "VERB", 0, "root"),
...         ("rates", "rate", "NOUN", 4, "nsubj"), ("fall", "fall", "VERB", 2, "ccomp")]
>>> sent = doc_from_conllu("".join(f"{i}\\t{f}\\t{l}\\t{u}\\t_\\t_\\t{h}\\t{d}\\t_\\t_\\n"
...                                for i, (f, l, u, h, d) in enumerate(rows, 1))).sentences[0]
>>> [(f.lemma, f.source, f.content, f.construction) for f in open_candidates(sent, set())]
[('reckon', [0], [2, 3], 'open-ccomp')]
"""
from __future__ import annotations

from typing import Iterator

from ..parse.parser import Sentence
from .candidate import Found
from .tree import can_speak, cue_words, negated, noun_phrase, strip_punct, subject

#: the complements that can be what was said, believed or wanted, most telling first
VERB_COMPLEMENTS = ("ccomp", "parataxis", "xcomp", "obj", "csubj")
OTHER_COMPLEMENTS = ("ccomp", "acl")
MIN_CONTENT = 2  # words
#: prepositions whose object a stance is taken toward ("voted for Clinton", "Trump's attacks on
#: the press", "sided with the unions"); the preposition belongs to the cue
STANCE_PREPOSITIONS = frozenset({"for", "with", "about", "on", "against", "to", "of", "over"})


def open_candidates(sent: Sentence, taken: set[int]) -> Iterator[Found]:
    """The open candidates of one sentence, skipping words already in *taken* (cues)."""
    for w in sent.words:
        if w.i in taken:
            continue
        rels = VERB_COMPLEMENTS if w.upos == "VERB" else OTHER_COMPLEMENTS if w.upos in ("NOUN", "ADJ") else ()
        comp = next((k for rel in rels for k in sent.kids(w.i) if k.deprel == rel
                     and (rel != "acl" or _clausal(sent, k.i))), None)
        if comp is None:
            continue
        content = strip_punct(sent, sent.subtree(comp.i))
        if len(content) < MIN_CONTENT:
            continue
        subj = subject(sent, w.i, passive_ok=True)
        source = noun_phrase(sent, subj.i) if subj is not None else None
        cue = [k for k in cue_words(sent, w.i) if k not in content] or [w.i]
        yield Found(sent, cue, w.lemma.lower(), "assert", content, source,
                    f"open-{comp.deprel.split(':')[0]}", negated=negated(sent, w.i))
    yield from _prepositional_frames(sent, taken)


def _prepositional_frames(sent: Sentence, taken: set[int]) -> Iterator[Found]:
    """A stance toward a prepositional object, held by someone who can speak: a verb's subject
    ("Sanders sided with the unions") or a noun's possessor ("Trump's support for the wall").
    Only where the word has no clausal or object complement (those are proposed above)."""
    for w in sent.words:
        if w.i in taken or w.upos not in ("VERB", "NOUN") or any(
                k.deprel in VERB_COMPLEMENTS + OTHER_COMPLEMENTS for k in sent.kids(w.i)):
            continue
        holder = subject(sent, w.i) if w.upos == "VERB" else \
            next((k for k in sent.kids(w.i) if k.deprel == "nmod:poss"), None)
        if holder is None or not can_speak(holder):
            continue
        for k in sent.kids(w.i):
            if k.deprel.split(":")[0] != ("obl" if w.upos == "VERB" else "nmod") or k.i < w.i:
                continue
            case = next((c for c in sent.kids(k.i) if c.deprel == "case"
                         and c.lemma.lower() in STANCE_PREPOSITIONS), None)
            if case is None:
                continue
            content = [i for i in strip_punct(sent, sent.subtree(k.i)) if i != case.i]
            cue = [i for i in cue_words(sent, w.i) if i not in content] + [case.i]
            yield Found(sent, sorted(cue), w.lemma.lower(), "assert", content, noun_phrase(sent, holder.i),
                        f"open-{'obl' if w.upos == 'VERB' else 'nmod'}", negated=negated(sent, w.i))
            break


def other_complements(sent: Sentence, cue: list[int], contents: list[set[int]],
                      source: list[int] | None, lemma: str, cls: str) -> Iterator[Found]:
    """A rule's cue read with a complement none of its candidates took ("said in an interview
    that …" where the rule took a quotation in the subject's appositive): the decision picks."""
    head = next((k for k in cue if sent.words[k].head not in cue), cue[0])
    taken = set().union(*contents) if contents else set()
    for k in sent.kids(head):
        rel = k.deprel.split(":")[0]
        if rel not in ("ccomp", "parataxis", "xcomp", "obj") or k.i in taken:
            continue
        content = strip_punct(sent, sent.subtree(k.i))
        if len(content) < MIN_CONTENT or taken & set(content) or set(cue) & set(content):
            continue
        if source is None:
            subj = subject(sent, head, passive_ok=True)
            source = noun_phrase(sent, subj.i) if subj is not None else None
        yield Found(sent, list(cue), lemma, cls, content, source, f"alt-{rel}",
                    negated=negated(sent, head))


def _clausal(sent: Sentence, i: int) -> bool:
    """A noun's clause that states something ("the claim that …"), not a relative one."""
    return any(k.deprel == "mark" and k.lemma.lower() in ("that", "whether", "if") for k in sent.kids(i))
