"""Statements: a claim's content rewritten to read on its own, out of its article.

Built from the parse's own words. Quote marks, a leading "that"/"whether" and trailing commas
go; a pronoun or possessive becomes a name only when its antecedent is certain (see
:mod:`.pronouns`: "two of its citizens" → "two of Kazakhstan's citizens", but "they" in a
detective's quote stays "they"); an infinitive that heads the content gets its subject back —
the speaker's ("The FSB claimed to have put an end to …" → "FSB has put an end to …") — or,
after an object, the modal of advice ("advised its citizens to avoid …" → "… citizens should
avoid …"); any other infinitive keeps its "to" ("were ready to host the talks").

>>> tidy('"The citizenship is confirmed,"')
'The citizenship is confirmed'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..parse.parser import Sentence, Word
from ..sources.resolve import group_name, load_gazetteer
from ..types import Attribution, Source
from .pronouns import (FIRST, THIRD, Candidate, Context, _noun_candidate, agrees, head_phrase, lone_name,
                       plural_role, possessive, resolve)
from .words import tables

QUOTES = "\"“”‘’«»„"
MODAL_OF_KIND = {"advice": "should", "intention": "will", "prediction": "will"}


def tidy(text: str) -> str:
    """Strip quote marks, a leading complementiser and trailing punctuation other than ? and !."""
    text = re.sub(rf"(^|\s)[{QUOTES}]+|[{QUOTES}]+(?=\s|$|[,.;:])", r"\1", text.strip())
    text = text.strip(f" {QUOTES}")
    # "if" is a complementiser ("asked if the talks resumed") unless a main clause follows it
    # after a comma ("If it seemed like the deal was dead, we would walk away"): a condition
    # cut from its "if" would read as a fact
    conditional = re.match(r"if\b[^,]*,\s*\w", text, flags=re.I)
    text = re.sub(r"^(?:that|whether)\s+" if conditional else r"^(?:that|whether|if)\s+", "", text,
                  flags=re.I)
    return re.sub(r"[\s,;:.]+$", "", text).strip(f" {QUOTES}")


@dataclass
class Speaker:
    """Who says a statement and where: the source (name, and the state whose people its "its
    citizens" are) and what :mod:`.pronouns` needs to resolve the statement's pronouns."""

    name: str | None = None
    nation: str | None = None
    source: Source | None = None
    att: Attribution | None = None
    ctx: Context | None = None


def make_statement(words: list[tuple[Sentence, Word]], text: str, speaker: str | None,
                   kind: str, nation: str | None = None, who: Speaker | None = None,
                   resolutions: list[dict] | None = None) -> str:
    """The content of *words* (spans of *text*) as a statement that reads alone; *nation* is
    the state a speaking body belongs to, whose people its "its citizens" are. A pronoun is
    replaced only when :func:`.pronouns.resolve` is certain; each pronoun met goes to
    *resolutions* (what replaced it, if anything, and its candidates)."""
    if not words:
        return tidy(text)
    who = who or Speaker(speaker, nation)
    out: list[str] = []
    inside = {(id(sent), w.i) for sent, w in words}
    # the content's top words: the speaker is the subject they leave out or say as a pronoun
    tops = {w.i for sent, w in words if w.head < 0 or (id(sent), w.head) not in inside}
    heads = tops | _conjuncts(words, tops)   # whose subjects are the content's subjects
    subjects: list[Candidate] = []   # the statement's subjects so far, for bound possessives
    swaps: dict[int, str] = {}       # word start → its new form ("are" after "we" → "is")
    named: set[str] = set()          # the people a pronoun was replaced with by full name so far
    prev_end, last_sent = None, None
    for k, (sent, w) in enumerate(words):
        token = swaps.get(w.start, w.text)
        if w.upos == "PRON" and w.text.lower() in (*THIRD, *FIRST):
            token = _once_in_full(_pronoun(words, k, heads, who, subjects, swaps, resolutions), w.text,
                                  who, named)
        elif w.deprel.startswith("nsubj") and w.upos in ("NOUN", "PROPN"):
            c = _noun_candidate(sent, w, text)
            if c is not None:
                subjects.append(c)
        if w.deprel == "mark" and w.text.lower() == "that" and _conjoined_clause(sent, w, tops):
            token = ""   # "relied on old data and that noise levels had fallen": one statement
        if _relative_before_cue(words, k):
            token = ""   # "a bridge that [the government says] was destroyed": the noun is the subject
        if _bare_infinitive(words, k, tops):
            token = _infinitive(sent, w, words, k, who, kind, subjects)
        elif w.text.lower() in ("not", "never") and _bare_infinitive(words, k + 1, tops) \
                and not _lead(words, k) and _infinitive(sent, words[k + 1][1], list(words), k + 1, who,
                                                        kind, []) != "to":
            token = ""   # "asked not to be named" → "X should not be named": the "to" places it
        if w.upos != "PUNCT":
            if last_sent is not None and sent is not last_sent and w.text[:1].isupper():
                _end_sentence(out)   # '"This was planned," … "But they …"': two sentences
            last_sent = sent
        if prev_end is not None and w.start > prev_end and out:
            out.append(" ")
        if token:
            out.append(token)
        prev_end = w.end
    joined = re.sub(r"\s+", " ", "".join(out))
    lead = re.match(r"\s*[\"“]?\s*(whether|if)\s", joined, flags=re.I)
    # a question keeps its "whether": "the bridge was safe" alone would read as an assertion
    return ("whether " if kind == "question" and lead else "") + tidy(joined)


def _conjuncts(words: list[tuple[Sentence, Word]], tops: set[int]) -> set[int]:
    """The predicates conjoined to the content's top words ("I was there and I saw it, and I
    called the police"): their subjects are the content's subjects too, so every "I" of them
    is the speaker, not only the first."""
    out: set[int] = set()
    grew = True
    while grew:
        new = {w.i for _, w in words if w.deprel == "conj" and w.head in tops | out} - tops - out
        grew, out = bool(new), out | new
    return out


def _conjoined_clause(sent: Sentence, mark: Word, tops: set[int]) -> bool:
    """Whether *mark* opens a clause conjoined to the content's own ("said X and that Y")."""
    verb = sent.words[mark.head] if mark.head >= 0 else None
    return verb is not None and verb.deprel == "conj" and verb.head in tops


def _relative_before_cue(words: list, k: int) -> bool:
    """Whether the word at *k* is the "that"/"which"/"who" of a relative clause the cue stands
    inside ("a bridge that the government says was destroyed"): the content skips the cue's
    words right after it, so the relative word would read as a noun phrase's, not a statement's."""
    sent, w = words[k]
    if not k or k + 1 >= len(words) or w.text.lower() not in ("that", "which", "who"):
        return False
    if not (w.feat("PronType") == "Rel" or w.deprel == "mark"):
        return False
    nxt = words[k + 1][1]
    # more than a space between them: the cue's words were left out there
    return nxt.start - w.end > 2 and words[k - 1][1].upos in ("NOUN", "PROPN")


def _end_sentence(out: list[str]) -> None:
    """The comma that closed a quotation before its cue ends the sentence when the next
    quotation starts a new one."""
    for j in range(len(out) - 1, -1, -1):
        if out[j].strip() and out[j].strip() not in QUOTES:
            if out[j] == ",":
                out[j] = "."
            return


def _pronoun(words: list, k: int, heads: set[int], who: Speaker, subjects: list[Candidate],
             swaps: dict[int, str], resolutions: list[dict] | None) -> str:
    """The form a pronoun takes in the statement: a name where certain, else itself."""
    sent, w = words[k]
    low = w.text.lower()
    # a possessive owns a noun: "Oh my" owns nothing and names no one
    owner = w.head >= 0 and sent.words[w.head].upos in ("NOUN", "PROPN", "NUM", "ADJ", "PRON")
    poss = owner and (low in ("its", "my", "our") or low in ("their", "his", "her") and w.feat("Poss") == "Yes")
    # a quotation's "I" is its speaker in a clause of any depth ("… when I took over"), except
    # in words it quotes in turn ("he told me, 'I will be back'")
    subject = w.deprel.startswith("nsubj") and (
        w.head in heads or low == "i" and not _requoted(who.ctx.text if who.ctx else "", words[0][1].start, w.start))
    # a quotation's "me"/"us" is its speaker as surely as its "I"/"we", in any place
    first_object = low in ("me", "us") and not _partitive(sent, w)
    if not (poss or subject or first_object) or who.ctx is None:
        name, cands = None, []
    elif poss and low in THIRD and any(agrees(low, c) for c in subjects):
        name, cands = None, [c.name for c in subjects if agrees(low, c)]   # bound: "X … their Y"
    else:
        name, cands = resolve(who.ctx, who.att, who.source, w, sent)
    token = w.text
    # a capital inside the statement starts a sentence there: the name that replaces it does too
    opens = (w.text[:1].isupper() and any(words[j][1].upos != "PUNCT" for j in range(k))
             and (w.text != "I" or _after_full_stop(words, k)))   # "I" is written so anywhere
    if name and poss:
        token = possessive(who.nation if who.nation and name == who.name and _people(words, k)
                           else _as_named(name, opens, who.ctx))
    elif name and (subject and (low in THIRD or _agree_verb(words, k, swaps, _plural_name(name, who.ctx)))
                   or first_object):
        token = _as_named(name, opens, who.ctx)
    else:
        name = None
    if subject:
        subjects.append(Candidate(name or w.text, "", THIRD.get(low, ("Sing",))[0] if name is None
                                  else "", "", "", w.start))
    if resolutions is not None and (cands or name):
        resolutions.append({"pronoun": w.text, "span": [w.start, w.end], "replaced_by": name or "",
                            "candidates": cands})
    return token


def _once_in_full(token: str, original: str, who: Speaker, named: set[str]) -> str:
    """A person's full name where the statement first puts it for a pronoun, after that the
    short name the article itself calls them by ("Mary Steenburgen felt strange …
    Steenburgen's brain", "Joel Eriksson Ek … Eriksson Ek"), as a reporter writes."""
    if token == original or who.ctx is None:
        return token
    for s in who.ctx.sources:
        if s.type == "person" and " " in s.name and s.name in token:
            short = [a for a in s.aliases if a[:1].isupper() and s.name.endswith(" " + a)]
            if s.name in named and short:
                return token.replace(s.name, min(short, key=len))
            named.add(s.name)
    return token


def _after_full_stop(words: list, k: int) -> bool:
    """Whether the word at *k* starts a sentence of the content (one begun before it ended)."""
    before = [w for _, w in words[:k] if w.upos != "PUNCT" or w.text in ".!?"]
    return bool(before) and (before[-1].text in ".!?" or words[k][0] is not words[k - 1][0])


def _requoted(text: str, start: int, pos: int) -> bool:
    """Whether *pos* lies in a quotation inside the content that starts at *start* (single
    marks within double ones: a "’" between letters is an apostrophe, not a closing mark)."""
    seg = text[start:pos]
    opened = len(re.findall(r"‘|(?<![\w])'(?=\w)", text[start:pos + 1]))
    closed = len(re.findall(r"(?<=[\w.,!?])[’'](?![\w])", seg))
    return opened > closed


PARTS = {"all", "some", "many", "most", "each", "none", "both", "few", "several", "any", "half",
         "one", "either", "neither"}


def _plural_name(name: str, ctx: Context) -> bool:
    """Whether the source named *name* is a group of people ("residents", "some people"), for
    whom "we need" stays "need"; a body ("the union needs") is one."""
    src = next((s for s in ctx.sources if s.name == name), None)
    return src is not None and src.type == "anonymous" and group_name(name)


def _partitive(sent: Sentence, w: Word) -> bool:
    """"all of us", "one of us": a share of the speaker's side, not the speaker."""
    head = sent.words[w.head] if w.head >= 0 else None
    return head is not None and (head.lemma.lower() in PARTS or head.upos == "NUM")


def _as_named(name: str, opens: bool, ctx: Context) -> str:
    """:func:`definite`, except that a one-word name of a person, or of what may be one, stays
    a name ("Sowers" is a surname, not the plural of "sower")."""
    if " " not in name and name[:1].isupper() and any(
            s.name == name and (s.type == "person" or lone_name(s)) for s in ctx.sources):
        return name
    return definite(name, opens)


@lru_cache(maxsize=1)
def _listed_roles() -> frozenset:
    # a capital on a singular word is a name's unless a hand list calls it a role: WordNet has
    # a person noun for many surnames ("Cook", "Harper") and nationalities ("Syrian")
    return frozenset(load_gazetteer().heads) | frozenset(tables()["statements"]["people_listed"])


def definite(name: str, opens: bool = False) -> str:
    """A source's name as it can stand in a sentence: a description gets back its article
    ("the mayor", "the labour ministry"), a plural its small letter ("Investigators" →
    "investigators", capitalised only by where it stood); a name stays as it is ("Kazakhstan",
    "Anne Martin", "President Aliyev")."""
    head = head_phrase(name)
    first = head[0] if head else ""
    low = first.lower()
    if name.split(" ", 1)[0].lower() in ("the", "a", "an", "these", "those", "this", "that", *PARTS):
        out = name   # a noun phrase of the text keeps the article it has
    elif low in THIRD and len(head) == 1:
        out = low    # a source known only as "they" is "they", never "the they"
    elif name[:1].islower():
        out = name if plural_role(low) else f"the {name}"
    elif all(w[:1].islower() for w in head[1:]) and (low in _listed_roles() or plural_role(low)):
        out = f"{'' if plural_role(low) else 'the '}{low}{name[len(first):]}"
    else:
        return name
    return out[0].upper() + out[1:] if opens else out


VERB_FOR_NAME = {"am": "is", "are": "is", "were": "was", "have": "has", "'m": " is", "'re": " is",
                 "’m": " is", "’re": " is", "'ve": " has", "’ve": " has", "do": "does"}
FIXED = {"will", "would", "can", "could", "may", "might", "must", "should", "shall", "was", "had",
         "did", "'ll", "’ll", "'d", "’d"}


def _agree_verb(words: list, k: int, swaps: dict[int, str], plural: bool = False) -> bool:
    """Whether "I"/"we" can become a name with its verb still agreeing: a modal or past tense
    stays, "am/are/have/do" become "is/has/does", a regular present takes its "-s" ("think" →
    "thinks"); a plural name ("residents" for "we") keeps every verb as it is. The new forms go
    to *swaps* only when every verb agrees."""
    sent, w = words[k]
    if w.text.lower() not in ("i", "we"):
        return False   # an object ("us hope") has no verb of its own to agree
    verb = next((x for x in words[k + 1:k + 3] if x[0] is sent and x[1].upos in ("AUX", "VERB")), None)
    if verb is None or verb[1].text[:1].isupper():
        return False   # a capitalised verb is a title's ("The One I Love")
    if plural and w.text.lower() == "we":
        return True
    mine: dict[int, str] = {}
    if not _agreeing(verb[1], mine):
        return False
    if w.head >= 0:
        # "I am committed … and am confident": a predicate sharing the subject agrees too
        for c in sent.kids(w.head, "conj"):
            if sent.kids(c.i, "nsubj"):
                continue
            own = sent.kids(c.i, "aux", "cop") or ([c] if c.upos in ("AUX", "VERB") else [])
            if own and not _agreeing(own[0], mine):
                return False
    swaps.update(mine)
    return True


def _agreeing(v: Word, swaps: dict[int, str]) -> bool:
    """Whether verb *v* agrees with a name in the place of "I"/"we", noting the form it takes."""
    low = v.text.lower()
    if low in ("'ll", "’ll"):
        swaps[v.start] = " will"   # "I'll" → "X will", not "X'll"
        return True
    if low in FIXED or v.feat("Tense") == "Past" and v.lemma != "be":
        return True
    if low in VERB_FOR_NAME:
        swaps[v.start] = VERB_FOR_NAME[low]
        return True
    if v.upos == "VERB" and v.feat("Tense") == "Pres" and v.feat("VerbForm") == "Fin" \
            and low == v.lemma.lower() and low.isalpha():
        swaps[v.start] = third_person(v.text)   # "I think" → "X thinks"
        return True
    return False


def third_person(verb: str) -> str:
    """The third person singular of a regular present tense: think → thinks, go → goes,
    try → tries, watch → watches."""
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    return verb + "s"


def _people(words: list[tuple[Sentence, Word]], k: int) -> bool:
    """Whether the possessive at *k* owns a state's people ("its citizens", "its troops")."""
    sent, pron = words[k]
    owned = sent.words[pron.head] if pron.head >= 0 else None
    return owned is not None and owned.lemma.lower() in tables()["citizenry"]


def _infinitive_head(sent: Sentence, to: Word) -> bool:
    return to.head >= 0 and sent.words[to.head].upos in ("VERB", "AUX")


def _bare_infinitive(words: list, k: int, tops: set[int]) -> bool:
    """Whether the word at *k* is the "to" of an infinitive that heads the content ("to have
    put an end", "its citizens to avoid"), not one inside it ("ready to host")."""
    if k >= len(words):
        return False
    sent, to = words[k]
    if not (to.text.lower() == "to" and to.upos == "PART" and to.deprel == "mark" and _infinitive_head(sent, to)):
        return False
    verb = sent.words[to.head]   # heads the content, or hangs on the content's object
    return verb.i in tops or verb.head in tops and sent.words[verb.head].upos in ("NOUN", "PROPN", "PRON")


def _lead(words: list, k: int) -> list[Word]:
    return [w for _, w in words[:k] if w.upos != "PUNCT" and w.text.lower() not in ("not", "never")]


def _infinitive(sent: Sentence, to: Word, words: list, k: int, who: "Speaker", kind: str,
                subjects: list) -> str:
    """What becomes of the "to" of an infinitive that heads the content: with nothing before
    it, the speaker is its subject ("claimed to have put an end" → "X has put an end"); after an
    object, advice gets "should" ("advised its citizens to avoid" → "… citizens should avoid").
    Any other infinitive keeps its "to" ("refused to leave", "were ready to host")."""
    if who.att is not None and who.att.type == "direct":
        return to.text   # a quotation's own "To think …" is the speaker's words, not a plan
    after = words[k + 1][1].text.lower() if k + 1 < len(words) else ""
    lead = _lead(words, k)
    neg = " not" if k and words[k - 1][1].text.lower() in ("not", "never") and not lead else ""
    modal = MODAL_OF_KIND.get(kind, "")
    if lead and kind != "advice":
        return to.text
    if after == "have":
        modal = "has"
        words[k + 1] = (words[k + 1][0], _silent(words[k + 1][1]))
    elif not modal and after == "be":
        modal = "is"  # "to be X" → "is X" (the rest of the verb follows unchanged)
        words[k + 1] = (words[k + 1][0], _silent(words[k + 1][1]))
    elif not modal:
        return to.text
    subject = "" if lead else definite(who.name or "") if who.name else ""
    if subject and who.source is not None:
        from .pronouns import _source_candidate
        subjects.append(_source_candidate(who.source, to.start))
    return " ".join(x for x in (subject, modal + neg) if x).strip()


def _silent(w: Word) -> Word:
    from dataclasses import replace

    return replace(w, text="")
