"""What a short content stands for: "Ukraine denied any involvement", "the council disputed
the findings", '"… these two people is confirmed," said the KNB'.

A content that is only a noun phrase with nothing of its own to check ("the findings", "any
involvement", "the damage") is tied to the claim of the article it stands for — the findings
a study *found*, the involvement of the speaker's state in what another source said — and so
denies or confirms that claim; with nothing to stand for it is a *topic*, not a claim. A
confirmation that points back with a demonstrative ("these two people") confirms in part the
nearest earlier claim that shares its number and an argument.
"""
from __future__ import annotations

from ..parse.parser import Sentence, Word
from ..types import Source
from .signature import Signature
from .words import stem as _stem
from .words import tables

#: nouns that name a part someone had in an event: "denied any involvement"
INVOLVEMENT = {"involvement", "role", "responsibility", "part", "link", "links", "connection",
               "participation", "complicity", "hand"}
DEMONSTRATIVES = {"this", "these", "those", "that"}


def noun_phrase_only(words: list[tuple[Sentence, Word]], sig: Signature) -> bool:
    """A content with no verb and nothing a signature can hold but its head noun."""
    content = [w for _, w in words if w.upos != "PUNCT"]
    return bool(content) and not any(w.upos in ("VERB", "AUX") for w in content) \
        and not sig.arguments and not sig.numbers


def points_back(words: list[tuple[Sentence, Word]]) -> bool:
    """Whether the content names something by a demonstrative ("these two people")."""
    return any(w.deprel == "det" and w.lemma.lower() in DEMONSTRATIVES and w.upos == "DET"
               for _, w in words)


def stands_for(k: int, head: str, speaker_states: set[str], sigs: list[Signature],
               cue_lemmas: list[str], sources: list[set[str]]) -> tuple[int, str] | None:
    """(the claim a noun-phrase content *k* stands for, how it was found), or None.

    *cue_lemmas*: each claim's cue lemma; *sources*: each claim's source hierarchies."""
    for j in range(k - 1, -1, -1):
        if sources[j] & sources[k]:
            continue   # a source does not deny or confirm itself
        if cue_lemmas[j] and _stem(head) == _stem(cue_lemmas[j]):
            return j, f"the {head}s are what it reports ('{cue_lemmas[j]}')"
        if head in INVOLVEMENT and speaker_states & set(sigs[j].arguments):
            state = sorted(speaker_states & set(sigs[j].arguments))[0].split(":", 1)[-1]
            return j, f"it names {state.title()}, who denies any {head} in it"
    return None


def verdict(words: list[tuple[Sentence, Word]], claim_nouns: set[str]) -> tuple[str, bool] | None:
    """(the noun, True when judged untrue) of a content that judges another claim by the noun
    that names it: "the accusation was groundless", "the report is not accurate"."""
    judged = tables()["verdicts"]
    inside = {(id(sent), w.i) for sent, w in words}
    for sent, w in words:
        if (id(sent), w.head) in inside:
            continue   # the content's own head only
        lemma = w.lemma.lower()
        polarity = "false" if lemma in judged.get("false", ()) else "true" if lemma in judged.get("true", ()) else None
        kids = sent.kids(w.i)
        if polarity is None or not any(k.deprel == "cop" for k in kids):
            return None
        subj = next((k for k in kids if k.deprel in ("nsubj", "nsubj:pass")), None)
        if subj is None or subj.lemma.lower() not in claim_nouns \
                or not any(d.deprel == "det" for d in sent.kids(subj.i)):
            return None
        negated = any(k.deprel == "advmod" and k.lemma.lower() in ("not", "never", "n't") for k in kids)
        return subj.lemma.lower(), (polarity == "false") != negated
    return None


def judged_claim(k: int, sigs: list[Signature], sources: list[set[str]],
                 denials: list[bool]) -> int | None:
    """The nearest earlier claim of another source, not itself a denial: what a verdict on
    "the accusation" judges."""
    for j in range(k - 1, -1, -1):
        if sources[j] & sources[k] or denials[j]:
            continue
        return j
    return None


def pointed_at(k: int, sigs: list[Signature], sources: list[set[str]]) -> int | None:
    """The nearest earlier claim of another source sharing a number and an argument with *k*."""
    mine = sigs[k]
    nums = {v for v, _ in mine.numbers}
    for j in range(k - 1, -1, -1):
        if sources[j] & sources[k]:
            continue
        other = sigs[j]
        if nums & {v for v, _ in other.numbers} and set(mine.arguments) & set(other.arguments):
            return j
    return None


def states_of(src: Source | None, by_id: dict[str, Source]) -> set[str]:
    """The state keys a source is or belongs to ("state:ukraine")."""
    if src is None:
        return set()
    todo, out, seen = [src], set(), set()
    while todo:
        s = todo.pop()
        if s.id in seen:
            continue
        seen.add(s.id)
        if s.key.startswith("state:"):
            out.add(s.key)
        todo.extend(by_id[p] for p in s.part_of if p in by_id)
    return out
