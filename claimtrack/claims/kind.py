"""Kinds: what sort of statement a claim is, and whether a fact-checker can rate it.

``assertion`` (events, numbers, states of affairs) and ``prediction`` are checkable; ``advice``
(warnings and instructions), ``intention`` (plans, promises), ``opinion`` (beliefs,
evaluations), ``question``, ``topic`` and ``reference`` (a noun phrase that stands for no claim,
or for another claim of the article, which carries the verdict) and ``hypothetical`` (said of what would be: "as if the president
had written it himself", "if it seemed like …") are not. The words live in ``data/propositions.toml``; the code
holds the constructions: an infinitive after an advice verb ("advised its citizens to avoid"),
the content's own modal ("should", "will").

>>> classify("advise", "warn", infinitive=True, modals=[])
'advice'
>>> classify("warn", "warn", infinitive=False, modals=[]), classify("say", "assert", False, ["will"])
('assertion', 'prediction')
>>> classify("think", "believe", False, []), classify("conclude", "believe", False, [])
('opinion', 'assertion')
"""
from __future__ import annotations

from ..extract.words import QUESTION_MARKS
from .words import tables

CHECKABLE = ("assertion", "prediction")
REASONS = {
    "advice": "advice: a warning or instruction ('{cue}'), not a statement of fact",
    "intention": "intention: a plan or promise ('{cue}'); only what is done later can be checked",
    "opinion": "opinion: a belief or evaluation ('{cue}'), not a checkable fact",
    "question": "question: it asks or leaves open ('{cue}'), it does not assert",
    "topic": "topic: what '{cue}' takes is only a noun phrase, and it stands for no claim of the article",
    "reference": "reference: what '{cue}' takes is only a noun phrase, standing for another claim of the article, which is rated instead",
    "hypothetical": "hypothetical: '{cue}' stands in an 'if' or 'as if' clause; nothing is said to be so",
}
#: clause markers that make what they introduce a supposition ("as if", "as though", "if")
HYPOTHETICAL_MARKS = {"if", "unless"}


def hypothetical(sent, word) -> bool:
    """*word* (a cue or a content's root) is, or sits inside, a clause marked "if", "as if" or
    "as though" — a supposition, not something anyone says is so. A main clause with an "if"
    clause of its own ("would have collapsed if …") is not inside one."""
    if sent is None or word is None:
        return False
    for w in [word, *sent.ancestors(word.i)]:
        marks = [m.lemma.lower() for m in sent.kids(w.i, "mark")]
        if HYPOTHETICAL_MARKS & set(marks) or ("as" in marks and "though" in marks):
            return True
        if w.deprel in ("ccomp", "parataxis", "root"):
            return False   # a clause of speech or the sentence itself: the supposition ends here
    return False


def lead_sentence(words: list) -> list:
    """The (sentence, word) pairs of the content's first sentence: a quotation's kind is its
    first sentence's ("They were supposed to have done it. How it ended up in Syria, I'll never
    know" reports; it announces nothing)."""
    return [(s, w) for s, w in words if s is words[0][0]] if words else []


def speaker_will(words, own: set[str] = frozenset()) -> bool:
    """"X said it would open three shelters", "we will …": the speaker (a pronoun subject) under
    a future modal in the content's first sentence announces what it will do — an intention,
    not a prediction. So does a definite description of the speaker or the body it speaks for
    (*own*: their nouns, as "city" for the mayor of Poti: "the city would support the dockers")."""
    future = set(tables()["modals"]["prediction"])
    for sent, w in lead_sentence(words):
        if not w.deprel.startswith("nsubj") or w.head < 0 \
                or sent.words[w.head].deprel.startswith("acl"):   # "something we would use": no plan
            continue
        pronoun = w.upos == "PRON" and w.text.lower() in SELF
        described = w.upos == "NOUN" and w.lemma.lower() in own and any(
            d.lemma.lower() in ("the", "our", "its") for d in sent.kids(w.i, "det", "nmod:poss"))
        if (pronoun or described) and any(c.lemma.lower() in future for c in sent.kids(w.head, "aux")):
            return True
    return False


SELF = {"it", "they", "he", "she", "we", "i"}


def classify(cue_lemma: str, cue_class: str, infinitive: bool, modals: list[str],
             question_mark: bool = False, own_future: bool = False, supposed: bool = False) -> str:
    """The kind of a claim from its cue (lemma and lexicon class) and its content's form
    (*own_future*: :func:`speaker_will`; *supposed*: :func:`hypothetical`)."""
    if supposed:
        return "hypothetical"
    k = tables()["kinds"]
    lemma = cue_lemma.lower().split()[-1] if cue_lemma else ""
    mods = {m.lower() for m in modals}
    if question_mark or lemma in k["question"] and not infinitive or cue_class == "ask" and not infinitive:
        return "question"
    if (lemma in k["advice"] or cue_class == "ask") and infinitive or mods & set(tables()["modals"]["advice"]):
        return "advice"
    if lemma in k["intention"] or k["classes"].get(cue_class) == "intention" or own_future:
        return "intention"
    if lemma in k["prediction"] or mods & set(tables()["modals"]["prediction"]):
        return "prediction"
    if lemma in k["opinion"] or k["classes"].get(cue_class) == "opinion" and lemma not in k.get("assertion", ()):
        return "opinion"
    return "assertion"


#: words that open an indirect question, left open rather than asserted ("declined to say how
#: much was taken"); not "what" ("said what he saw was terrible" asserts) nor "if" (a condition)
OPEN_QUESTIONS = QUESTION_MARKS - {"what", "if"}


def leaves_open(first_word: str) -> bool:
    """Whether content opening with *first_word* is an indirect question ("how much was taken")."""
    return first_word.lower() in OPEN_QUESTIONS


def not_checkable_reason(kind: str, cue: str) -> str:
    """Why a claim of *kind* gets no verdict."""
    return REASONS.get(kind, "").format(cue=cue)
