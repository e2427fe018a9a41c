"""Cues that are not verbs of the clause they report: "according to X", "…, citing X", and
sourceless adverbs ("the suspects were reportedly killed").

Prepositional cues come from the lexicon's ``[prepositions]``, adverbs from ``[adverbs]``.
"""
from __future__ import annotations

from .lexicon import Lexicon
from ..parse.parser import Sentence, Word
from .candidate import Found
from .tree import base, can_speak, noun_phrase, strip_punct
from .words import SPEECH_VERBS, SURVEYS


def prep_cue(sent: Sentence, w: Word, lex: Lexicon) -> Found | None:
    """"according to X, …": X is the source, the clause it modifies the content."""
    match = _preposition_at(sent, w, lex)
    if match is None:
        return None
    phrase, cue = match
    src_head = _source_head(sent, w, len(cue) > 1)
    if src_head is None or src_head < 0:
        return None
    source = [k for k in noun_phrase(sent, src_head) if k not in cue]
    if _closes_the_sentence(sent, cue, source):
        # "Those include workers who were told they will be laid off, according to a group":
        # set off at the end, X speaks for the whole sentence, whatever clause the parser hung it on
        content = strip_punct(sent, list(range(0, min(cue))))
    else:
        content = strip_punct(sent, [k for k in _reported_clause(sent, src_head) if k not in cue])
    if not content:
        return None
    return Found(sent, cue, phrase, lex.prepositions[phrase], content, source, "according-to")


def survey_cue(sent: Sentence, w: Word, lex: Lexicon) -> Found | None:
    """"Trump achieved 45 percent support in a new Fox News poll", "In the poll, Clinton's support
    has risen": one poll framing a clause with "in" is its source (unless a verb of its own
    reports it: "wrote in a survey that …" is the writing's)."""
    if w.text.lower() != "in" or w.deprel != "case" or w.head < 0:
        return None
    poll = sent.words[w.head]
    if poll.lemma.lower() not in SURVEYS or not poll.deprel.startswith("obl") or poll.head < 0:
        return None
    if poll.text.lower() != poll.lemma.lower() or poll.feat("Number") == "Plur":
        return None  # "leads in the polls", "trails in national polls": a standing, not one poll's finding
    host = sent.words[poll.head]
    if lex.verb_class(host.lemma) is not None or base(host) in ("acl", "nmod"):
        return None  # (nor "the participants who filled in the survey": who took part in it)
    source = [k for k in noun_phrase(sent, poll.i) if k != w.i]
    content = strip_punct(sent, [k for k in _reported_clause(sent, poll.i) if k != w.i])
    if len([k for k in content if sent.words[k].upos != "PUNCT"]) < 3:
        return None
    return Found(sent, [w.i], "in", "report", content, source, "survey")


def _closes_the_sentence(sent: Sentence, cue: list[int], source: list[int]) -> bool:
    """A comma before the preposition, and nothing but punctuation after its source."""
    end = max(source + cue)
    return min(cue) > 2 and sent.words[min(cue) - 1].text == "," and all(
        sent.words[k].upos == "PUNCT" for k in range(end + 1, len(sent.words)))


def _preposition_at(sent: Sentence, w: Word, lex: Lexicon) -> tuple[str, list[int]] | None:
    """(the lexicon phrase, its word indices) when a listed preposition starts at *w*."""
    for phrase in lex.prepositions:
        parts = phrase.split()
        if w.text.lower() != parts[0] or w.i + len(parts) > len(sent.words):
            continue
        if all(sent.words[w.i + k].text.lower() == p for k, p in enumerate(parts[1:], 1)):
            return phrase, list(range(w.i, w.i + len(parts)))
    return None


def _source_head(sent: Sentence, w: Word, multiword: bool) -> int | None:
    """The noun the preposition introduces: its head when it is a `case` dependent, else (for a
    multiword preposition the parser made a verb, "according") its first object."""
    if w.deprel == "case":
        return w.head
    if not multiword:
        return None
    if w.deprel == "mark" and w.head > w.i and sent.words[w.head].upos == "VERB":
        # "according to exit polls reported by CNN": a parser may read the source's first noun as
        # a verb ("exit") and the preposition as the mark of its clause
        return w.head
    objs = [k for k in sent.kids(w.i, "obl", "obj", "nmod")]
    return objs[0].i if objs else None


def _reported_clause(sent: Sentence, src_head: int) -> list[int]:
    """"…, killing 107, according to X": the source speaks for the whole clause, not the
    participle it may hang on."""
    pred = sent.words[src_head].head
    hops = 0
    # ("…, down from 6.2 percent a year earlier, according to X": nor for the modifier it
    # happens to hang on — climb to a clause)
    while pred >= 0 and hops < 3 and (base(sent.words[pred]) in ("advcl", "acl", "xcomp", "conj")
                                      or sent.words[pred].upos not in ("VERB", "AUX", "ADJ")) \
            and sent.words[pred].head >= 0:
        pred = sent.words[pred].head
        hops += 1
    if pred < 0:
        return [k for k in range(len(sent.words)) if k not in sent.subtree(src_head)]
    return sent.subtree(pred, exclude=[src_head])


def citing_cue(sent: Sentence, w: Word, cls: str, lex: Lexicon | None = None) -> Found | None:
    """"…, citing X": X is the source of the clause the participle hangs on — when X can speak
    (a person, a body, a document); "citing a risk of landslides" gives a reason, not a source."""
    objs = sent.kids(w.i, "obj")
    if not objs or w.head < 0 or not can_speak(objs[0]):
        return None
    source = noun_phrase(sent, objs[0].i)
    host = sent.words[w.head]
    said = [k for k in sent.kids(host.i, "ccomp") if k.i > w.i] if host.lemma in SPEECH_VERBS else []
    # "Salceda, citing State Department data, said that …": what the data backs is what was said,
    # not the speaker's saying it (which would make the saying a report nested in the citing)
    content = strip_punct(sent, sent.subtree(said[0].i) if said else
                          _inverted_report(sent, host, w, lex) or sent.subtree(w.head, exclude=[w.i]))
    if not content:
        return None
    return Found(sent, [w.i], w.lemma.lower(), "report", content, source, "citing")


def _inverted_report(sent: Sentence, host: Word, w: Word, lex: Lexicon | None) -> list[int]:
    """"Members of the family soured on him, the Post reported, citing another source": what the
    speech verb before "citing" reports, before its speaker ([] when it reports nothing there)."""
    speakers = [k for k in sent.kids(host.i, "nsubj") if k.i < host.i]
    cue = host.lemma in SPEECH_VERBS or (lex is not None and lex.verb_class(host.lemma) is not None)
    if not cue or not speakers or w.i < host.i:
        return []
    start = min(sent.subtree(speakers[-1].i))
    region = set(sent.subtree(host.i, exclude=[w.i]))
    if host.deprel.startswith("parataxis"):
        region |= set(sent.subtree(host.head)) - set(sent.subtree(host.i))  # the clause it reports
    before = sorted(k for k in region if k < start)
    words = [k for k in before if sent.words[k].upos != "PUNCT"]
    return before if len(words) >= 3 and any(sent.words[k].upos in ("VERB", "AUX") for k in words) else []


def adverb_cue(sent: Sentence, w: Word, lex: Lexicon) -> Found | None:
    """"The suspects were reportedly killed": a clause attributed to an unnamed source."""
    cls = lex.adverbs.get(w.text.lower())
    if cls is None or w.head < 0 or w.deprel.split(":")[0] != "advmod":
        return None
    content = strip_punct(sent, sent.subtree(w.head, exclude=[w.i]))
    if len([k for k in content if sent.words[k].upos != "PUNCT"]) < 2:
        return None
    return Found(sent, [w.i], w.text.lower(), cls, content, [], "adverb")
