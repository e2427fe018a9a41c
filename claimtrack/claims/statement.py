"""Statements: a claim's content rewritten to read on its own, out of its article.

Quote marks, a leading "that"/"whether" and trailing commas go; pronouns and possessives become
the speaker's name ("two of its citizens" → "two of Kazakhstan's citizens"); an infinitive gets
its subject back — the speaker's ("The FSB claimed to have put an end to …" → "FSB has put an
end to …") or, after an object ("advised its citizens to avoid …"), that object, with the modal
its kind implies ("… citizens should avoid …").

>>> tidy('"The citizenship is confirmed,"')
'The citizenship is confirmed'
"""
from __future__ import annotations

import re

from ..parse.parser import Sentence, Word

QUOTES = "\"“”‘’«»„"
SUBJECT = {"it", "they", "he", "she"}
POSSESSIVE = {"its", "their", "his", "her"}
MODAL_OF_KIND = {"advice": "should", "intention": "will", "prediction": "will"}


def tidy(text: str) -> str:
    """Strip quote marks, a leading complementiser and trailing punctuation other than ? and !."""
    text = re.sub(rf"(^|\s)[{QUOTES}]+|[{QUOTES}]+(?=\s|$|[,.;:])", r"\1", text.strip())
    text = re.sub(r"^(?:that|whether|if)\s+", "", text.strip(f" {QUOTES}"), flags=re.I)
    return re.sub(r"[\s,;:.]+$", "", text).strip(f" {QUOTES}")


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def make_statement(words: list[tuple[Sentence, Word]], text: str, speaker: str | None,
                   kind: str, nation: str | None = None) -> str:
    """The content of *words* (spans of *text*) as a statement that reads alone; *nation* is
    the state a speaking body belongs to, whose people its "its citizens" are."""
    if not words:
        return tidy(text)
    out: list[str] = []
    inside = {(id(sent), w.i) for sent, w in words}
    # the content's top words: the speaker is the subject they leave out or say as a pronoun
    tops = {w.i for sent, w in words if w.head < 0 or (id(sent), w.head) not in inside}
    prev_end = None
    for k, (sent, w) in enumerate(words):
        low = w.text.lower()
        token = w.text
        if speaker and w.upos == "PRON" and (low in POSSESSIVE and w.feat("Poss") == "Yes" or
                                              low == "its") and not _bound(words[:k], w):
            token = _possessive(nation if nation and _people(words, k) else speaker)
        elif speaker and w.upos == "PRON" and low in SUBJECT and w.deprel.startswith("nsubj") \
                and w.head in tops:   # a subordinate clause's "it" may be anything: left alone
            token = speaker
        elif low == "to" and w.upos == "PART" and w.deprel == "mark" and _infinitive_head(sent, w):
            token = _infinitive(sent, w, words, k, speaker, kind)
        elif low == "have" and k and words[k - 1][1].text.lower() == "to" and \
                words[k - 1][1].deprel == "mark" and _infinitive_head(sent, words[k - 1][1]):
            token = ""
        if prev_end is not None and w.start > prev_end and out:
            out.append(" ")
        if token:
            out.append(token)
        prev_end = w.end
    joined = re.sub(r"\s+", " ", "".join(out))
    lead = re.match(r"\s*[\"“]?\s*(whether|if)\s", joined, flags=re.I)
    # a question keeps its "whether": "the bridge was safe" alone would read as an assertion
    return ("whether " if kind == "question" and lead else "") + tidy(joined)


def _people(words: list[tuple[Sentence, Word]], k: int) -> bool:
    """Whether the possessive at *k* owns a state's people ("its citizens", "its troops")."""
    from .words import tables

    sent, pron = words[k]
    owned = sent.words[pron.head] if pron.head >= 0 else None
    return owned is not None and owned.lemma.lower() in tables()["citizenry"]


def _bound(before: list, pron: Word) -> bool:
    """A possessive after a subject of its number in the content refers to that subject
    ("people … were evacuating their cattle"), not to the speaker."""
    plural = pron.text.lower() == "their"
    for _, w in before:
        if w.deprel.startswith("nsubj") and w.upos in ("NOUN", "PROPN"):
            if (w.feat("Number") == "Plur") == plural:
                return True
    return False


def _infinitive_head(sent: Sentence, to: Word) -> bool:
    return to.head >= 0 and sent.words[to.head].upos in ("VERB", "AUX")


def _infinitive(sent: Sentence, to: Word, words: list, k: int, speaker: str | None, kind: str) -> str:
    """What replaces an infinitive's "to": its subject (when nothing precedes it in the content)
    and the modal its kind implies; "to have done" becomes "has done"."""
    after = words[k + 1][1].text.lower() if k + 1 < len(words) else ""
    modal = MODAL_OF_KIND.get(kind, "")
    if after == "have":
        modal = "has"
    elif not modal and after == "be":
        modal = "is"  # "to be X" → "is X" (the rest of the verb follows unchanged)
        words[k + 1] = (words[k + 1][0], _silent(words[k + 1][1]))
    lead = [w for _, w in words[:k] if w.upos != "PUNCT"]
    subject = "" if lead else (speaker or "")
    return " ".join(x for x in (subject, modal) if x)


def _silent(w: Word) -> Word:
    from dataclasses import replace

    return replace(w, text="")
