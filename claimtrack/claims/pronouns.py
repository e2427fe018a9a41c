"""Pronouns in statements: replaced by a name only when the antecedent is certain.

A statement is what a reviewer rates and publishes, so a wrong name there changes who did or
said what; "they" is better than a wrong name. The rule:

- first person inside a quotation ("I", "my", "we", "our") is the quotation's speaker ("we",
  "our" of a spokesperson: the body the speaker is part of; of a statement or a report: whoever
  issued it, if the article says, never the document);
- a third-person pronoun is the one candidate that agrees with it in number, gender (where
  known) and animacy among what the article names from the sentence before the attribution up
  to the pronoun — sources, proper names and the nouns of core arguments, never whom a cue
  speaks to ("told reporters") — never the speaker of the quotation the pronoun sits in, and in
  the speaker's own indirect words the speaker only when no one else before it in the article
  agrees ("The mayor said he would not resign"); "they" near two people named one by one is
  never resolved (it may be both), and a phrase with "my" or "your" in it stands for no one;
- otherwise the pronoun stays, and the candidates go to the claim's ``statement_resolutions``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..parse.index import WordIndex
from ..parse.parser import Doc, Sentence, Word
from ..sources.resolve import gender_in, load_gazetteer, people_nouns, strip_determiner, with_article
from ..types import Attribution, Source
from .words import TIMES, tables

OPEN_MARKS, CLOSE_MARKS = "“‘«„", "”’»"
#: pronoun → (number, gender, animacy): animacy "person", "thing" or "" (either)
THIRD = {"he": ("Sing", "Masc", "person"), "him": ("Sing", "Masc", "person"),
         "his": ("Sing", "Masc", "person"), "she": ("Sing", "Fem", "person"),
         "her": ("Sing", "Fem", "person"), "it": ("Sing", "", "thing"), "its": ("Sing", "", "thing"),
         "they": ("Plur", "", ""), "them": ("Plur", "", ""), "their": ("Plur", "", "")}
#: the pronouns that say a person's gender
GENDERED = frozenset(p for p, (_, gender, _) in THIRD.items() if gender)
FIRST = {"i": "Sing", "my": "Sing", "me": "Sing", "we": "Plur", "our": "Plur", "us": "Plur"}
SECOND = {"you", "your"}
CORE = ("nsubj", "nsubj:pass", "obj", "iobj", "root", "appos", "conj", "obl:agent", "nmod:poss")
BODIES = {"organisation", "government", "media", "document"}


@dataclass
class Candidate:
    """Something the article names that a pronoun may point back to."""

    name: str
    key: str                  # one key per entity: a source id or a noun's lemma
    number: str               # "Sing", "Plur" or "" (either: an organisation is "it" or "they")
    gender: str               # "Masc", "Fem" or "" (not known)
    animacy: str              # "person", "thing" or "" (a name not known to be either)
    pos: int
    joined: bool = False      # one of "A and B": a "they" may mean both


@dataclass
class Context:
    """What an article offers to resolve the pronouns of its statements."""

    doc: Doc | None
    text: str
    sources: list[Source]
    mentions: list[tuple[tuple[int, int], Source]] = field(default_factory=list)
    index: WordIndex | None = None
    audiences: set[int] = field(default_factory=set)   # starts of the words a cue is said to

    @classmethod
    def of(cls, doc: Doc | None, text: str, sources: list[Source],
           atts: list[Attribution], index: WordIndex | None = None) -> "Context":
        by_id = {s.id: s for s in sources}
        mentions = [(sp, by_id[a.source_id]) for a in atts if a.source and a.source_id in by_id
                    for sp in a.source.spans[:1]]
        index = index or WordIndex(doc)
        return cls(doc, text, sources, sorted(mentions, key=lambda m: m[0]), index, audiences_of(index, atts))


def audiences_of(index: WordIndex, atts: list[Attribution]) -> set[int]:
    """Whom the cues speak to ("told reporters", "told CNN"): an audience is not what the
    speaker's own "they" or "he" means."""
    out = set()
    for a in atts:
        for sent, cue in index.in_spans(a.cue.spans):
            out.update(sent.words[k].start for k in sent.children[cue.i]
                       if sent.words[k].deprel in ("obj", "iobj")   # not what is confirmed
                       and not any(s <= sent.words[k].start < e for s, e in a.content.spans))
    return out


def gender_of(src: Source) -> str:
    """A source's gender when the article shows it: a pronoun that named it ("She added"), a
    gendered role or title ("spokeswoman", "Mrs")."""
    return gender_in([src.name, *src.aliases], load_gazetteer())


def lone_name(src: Source) -> bool:
    """A one-word name typed an organisation only for want of NER ("Lopez told CNN"): it may
    be a person's."""
    name = src.name.strip()
    return src.type == "organisation" and " " not in name and name[:1].isupper() and not name.isupper() \
        and not with_article(src.aliases)


def _source_candidate(src: Source, pos: int) -> Candidate:
    head = _head_word(src.name)
    if src.type == "person":   # "Doctors said they …": a plural role is people, not one person
        number = "Plur" if plural_role(head) else "Sing"
        return Candidate(src.name, src.id, number, gender_of(src) if number == "Sing" else "", "person", pos)
    if src.type in BODIES and head.lower() in tables()["statements"]["people"]:
        # an office speaks for a body but is a person: "the mayor said he …"
        return Candidate(src.name, src.id, "Sing", gender_of(src), "person", pos)
    if lone_name(src):   # either a person or a body
        return Candidate(src.name, src.id, "", "", "", pos)
    if src.type == "document":   # a statement or a report is "it", never "they"
        return Candidate(src.name, src.id, "Sing", "", "thing", pos)
    if src.type in BODIES:   # "the ministry said it …", "the union … they"
        return Candidate(src.name, src.id, "", "", "thing", pos)
    plural = head.lower().endswith("s") and not head.endswith("'s")
    # an unnamed person ("a Cornish pensioner") is never "its"
    animacy = "person" if src.type == "anonymous" and head.lower() in people_nouns() and not plural else ""
    return Candidate(src.name, src.id, "Plur" if plural else "Sing", gender_of(src), animacy, pos)


def plural_role(word: str) -> bool:
    """A plural of a role noun of the word lists ("doctors", "village leaders"), not a name."""
    low = word.lower()
    roles = role_nouns()
    return low not in roles and (low.endswith("s") and low[:-1] in roles
                                 or low.endswith("es") and low[:-2] in roles)


@lru_cache(maxsize=1)
def role_nouns() -> frozenset:
    """The words that name people or bodies (the statements' people, the gazetteer's heads)."""
    return frozenset(tables()["statements"]["people"]) | frozenset(load_gazetteer().heads)


def head_phrase(name: str) -> list[str]:
    """A name's words before its first modifier: "mayor" of "mayor of Tbilisi"."""
    return re.split(r"\s+(?:in|of|at|from|for|on|with)\s+", name)[0].split()


def _head_word(name: str) -> str:
    """The last word of :func:`head_phrase`."""
    words = head_phrase(name)
    return words[-1] if words else ""


def people_adjective(w: Word) -> bool:
    """A nationality standing for its people ("advice to Chinese on … their names"): plural
    people, whom a "they" or "their" may mean."""
    return w.upos == "ADJ" and w.deprel.split(":")[0] in ("nsubj", "obj", "iobj", "obl", "nmod") \
        and w.text[:1].isupper() and w.text.lower() in load_gazetteer().demonyms


def _noun_candidate(sent: Sentence, w: Word, text: str = "") -> Candidate | None:
    """A core argument's noun or a proper name, typed from the parse and the word lists."""
    if people_adjective(w):
        return Candidate(w.text, "noun:" + w.text.lower(), "Plur", "", "person", w.start)
    if w.upos not in ("NOUN", "PROPN") or w.lemma.lower() in TIMES:
        return None
    st = tables()["statements"]
    low = w.lemma.lower()
    # a person may be meant from any relation ("WIRED spoke to one mother, who knew her
    # daughter …"); a thing only from a core one ("in the city" is where, not what "it" is)
    if w.deprel not in CORE and w.upos != "PROPN" and low not in st["people"] or w.deprel in ("compound", "flat"):
        return None
    number = w.feat("Number") or ("Plur" if w.text.lower().endswith("s") and w.upos == "NOUN" else "Sing")
    gaz = load_gazetteer()
    gender = "Fem" if low in gaz.female else "Masc" if low in gaz.male else ""
    if w.upos == "PROPN":
        animacy = ""
        gender = gender or _role_gender(sent, w, gaz)   # "Her father Bill": a man
    else:
        # (WordNet's nouns of people too: "a Cornish pensioner" is never "its")
        animacy = "person" if low in st["people"] or gender or low in people_nouns() else "thing"
    near = [x for x in sent.kids(w.i, "det", "amod", "compound", "flat", "nummod", "nmod:poss")] + [w]
    name = " ".join(x.text for x in sorted(near, key=lambda x: x.i))
    joined = w.deprel == "conj" or bool(sent.kids(w.i, "conj"))
    return Candidate(name, "noun:" + low, number, gender, animacy, w.start, joined)


def _role_gender(sent: Sentence, w: Word, gaz) -> str:
    """The gender a name's role beside it gives ("Her father Bill", "Bill, her father")."""
    beside = [sent.words[w.head]] if w.head >= 0 and w.deprel in ("appos", "flat", "compound") else []
    beside += sent.kids(w.i, "appos", "compound")
    for x in beside:
        low = x.lemma.lower()
        if x.upos == "NOUN" and (low in gaz.female or low in gaz.male):
            return "Fem" if low in gaz.female else "Masc"
    return ""


def agrees(pron: str, c: Candidate) -> bool:
    """Whether candidate *c* can be what third-person *pron* points back to."""
    number, gender, animacy = THIRD[pron]
    if c.number and c.number != number:
        return False
    if gender and c.gender and c.gender != gender:
        return False
    if animacy and c.animacy and c.animacy != animacy:
        return False
    return not (number == "Plur" and c.animacy == "person" and c.number == "Sing")


def inside_quote(text: str, start: int, pos: int) -> bool:
    """Whether *pos* is inside quotation marks opened after *start* (the sentence before)."""
    seg = text[start:pos]
    straight = seg.count('"')
    last_open = max(seg.rfind(c) for c in OPEN_MARKS)
    last_close = max(seg.rfind(c) for c in CLOSE_MARKS if c != "’")
    return straight % 2 == 1 or last_open > last_close


def _window_start(ctx: Context, att: Attribution | None, pron_sent: Sentence, back: int) -> int:
    """Where the search for antecedents starts: *back* sentences before the attribution's
    (or the pronoun's, if earlier)."""
    first = att.sentence if att is not None and att.sentence >= 0 else pron_sent.index
    return ctx.doc.sentences[max(0, min(first, pron_sent.index) - back)].start if ctx.doc else 0


def candidates(ctx: Context, att: Attribution | None, pron: Word, pron_sent: Sentence,
               back: int = 1) -> list[Candidate]:
    """Everything named from *back* sentences before the attribution's up to *pron*, one per
    entity (its last mention: "a hidden port … While the port is used …, the report argues it
    could" names the port in the pronoun's own sentence)."""
    if ctx.doc is None:
        return []
    lo, hi = _window_start(ctx, att, pron_sent, back), pron.start
    found: dict[str, Candidate] = {}
    covered: list[tuple[int, int]] = []
    named = _sources_by_name(ctx.sources)
    for (s, e), src in ctx.mentions:
        if lo <= s < hi:
            covered.append((s, e))
            if not _holds_pronoun(src.name):   # "He and others at the hearing" names no one
                found[src.id] = _source_candidate(src, s)
    for sent, w in (ctx.index or WordIndex(ctx.doc)).between(lo, hi):
        if any(s <= w.start < e for s, e in covered) or w.text.lower() in THIRD or w.start in ctx.audiences:
            continue
        c = _noun_candidate(sent, w, ctx.text)
        if c is not None and w.upos == "PROPN" and c.name.lower() in named:
            # a name the article's sources know is typed as that source ("Big Machine", a
            # label, is never "her"), wherever it stands
            src = named[c.name.lower()]
            c = _source_candidate(src, c.pos) if not _holds_pronoun(src.name) else None
        if c is not None:
            found[c.key] = c
    return sorted(found.values(), key=lambda c: c.pos)


def _sources_by_name(sources: list[Source]) -> dict[str, Source]:
    """The article's sources by the lower-cased names and aliases they are written with."""
    out: dict[str, Source] = {}
    for src in sources:
        for n in (src.name, *src.aliases):
            out.setdefault(strip_determiner(n.strip()).lower(), src)
    return out


def _holds_pronoun(name: str) -> bool:
    """Whether a source's name is, or holds, a personal pronoun ("He", "He and others")."""
    words = re.findall(r"[\w']+", name)
    # as written: "US officials" and "IT staff" hold no pronoun
    return any(w.lower() in THIRD and (w.islower() or w is words[0] and w.istitle())
               or w.lower() in FIRST and (w.islower() or w == "I") for w in words)


def resolve(ctx: Context, att: Attribution | None, speaker: Source | None, pron: Word,
            sent: Sentence) -> tuple[str | None, list[str]]:
    """(the name *pron* certainly means or None, the candidates' names). A body's "it", "its",
    "they", "their" in its own indirect words ("the ministry said its forces …") is that body
    when nothing else in the sentence agrees."""
    low = pron.text.lower()
    quoted = ctx.doc is not None and inside_quote(
        ctx.text, ctx.doc.sentences[max(0, sent.index - 1)].start, pron.start)
    if low in FIRST:
        if not quoted or speaker is None or speaker.name.lower() in THIRD:
            return None, []   # a speaker known only as "he" names no one
        if FIRST[low] == "Sing" and _source_candidate(speaker, 0).number == "Plur":
            return None, [speaker.name]   # "me" of "residents said": one of them, not all
        if FIRST[low] == "Sing" and speaker.type in BODIES and not lone_name(speaker):
            return None, [speaker.name]   # a magazine's "I" is someone it quotes, not the magazine
        if FIRST[low] == "Plur" and lone_name(speaker):
            return None, [speaker.name]   # a lone name without NER may be a person's: whose "we"?
        if speaker.type == "document":
            # a statement's "we" is whoever issued it, if the article says: never the paper
            body = next((s for s in ctx.sources if speaker.part_of and s.id == speaker.part_of[0]), None)
            return (body.name, [body.name]) if body is not None else (None, [])
        if FIRST[low] == "Plur" and speaker.type == "person":
            # a person's "we" is the body they speak for, if any ("we" of a coach: the team)
            body = next((s for s in ctx.sources if speaker.part_of and s.id == speaker.part_of[0]), None)
            return (body.name, [body.name]) if body is not None else (None, [speaker.name])
        return speaker.name, [speaker.name]
    if low not in THIRD:
        return None, []
    if low == "it" and dummy_it(pron, sent):
        return None, []
    every = candidates(ctx, att, pron, sent, back=3)
    wide = [c for c in every if agrees(low, c)]
    near_start = _window_start(ctx, att, sent, 1)
    names = [c.name for c in wide if c.pos >= near_start]
    if low == "it" and situation_it(pron, sent):
        return None, names   # "It is very unusual behaviour": the goings-on, not the force
    if low in ("they", "their", "them") and sum(
            c.pos >= near_start and c.number == "Sing" and c.animacy != "thing" for c in every) >= 2:
        return None, names   # "they" may be two people named near it together: never guess
    if quoted and speaker is not None:   # "…," said X: X is "I", never "he" in its own words
        wide = [c for c in wide if c.key != speaker.id]
    cands = [c for c in wide if c.pos >= near_start]
    # one candidate near, and none further back to compete with it; only a named thing (a
    # source, a proper name) or a plural noun may stand in for a pronoun
    if len(cands) == 1 and len(wide) == 1 and (cands[0].key[:1] == "s" or cands[0].animacy == ""
                                               or low in ("they", "their", "them")):
        if _speaker_bound(cands[0].name):
            return None, names   # "my people", "your mom": a name that needs a speaker of its own
        if speaker is not None and cands[0].key == speaker.id and not _only_one_meant(ctx, att, pron, sent, low):
            return None, names
        if cands[0].joined and low in ("they", "their", "them"):
            return None, names   # "Evander Kane and the Winnipeg Jets … their relationship": both
        if low in GENDERED and not cands[0].gender and (speaker is None or cands[0].key != speaker.id) \
                and not _only_one_meant(ctx, att, pron, sent, low, speaker):
            return None, names   # "she" of a name whose gender nothing shows, with others before it
        return cands[0].name, names
    if not quoted and speaker is not None and low in ("it", "its", "they", "their"):
        local = [c for c in cands if c.pos >= sent.start]
        if len(local) == 1 and local[0].key == speaker.id and not (
                low in ("they", "their") and _other_plural(ctx, sent, pron, speaker)):
            return speaker.name, names
    return None, names


def _other_plural(ctx: Context, sent: Sentence, pron: Word, speaker: Source) -> bool:
    """Whether the sentence names other things in the plural before *pron*, in any relation
    ("said in a letter to communications companies that their level of engagement …": whose?)."""
    mentioned = [sp for sp, src in ctx.mentions if src.id == speaker.id]
    return any(w.i < pron.i and (people_adjective(w) or _plural_noun(w) and not any(
        s <= w.start < e for s, e in mentioned)) for w in sent.words)


def _plural_noun(w: Word) -> bool:
    return w.upos == "NOUN" and w.lemma.lower() not in TIMES and (
        w.feat("Number") == "Plur" or w.text.lower() != w.lemma.lower() and w.text.lower().endswith("s"))


def _speaker_bound(name: str) -> bool:
    return any(w in FIRST or w in SECOND for w in name.lower().split())


def dummy_it(pron: Word, sent: Sentence) -> bool:
    """An "it" that stands for nothing: expletive ("it is likely that …", "it was claimed
    that …", "it seems …"), or of the weather ("it rained")."""
    if pron.deprel == "expl":
        return True
    if not pron.deprel.startswith("nsubj") or pron.head < 0:
        return False
    head = sent.words[pron.head]
    if head.lemma.lower() in tables()["statements"].get("weather", set()):
        return True
    # the real subject is a clause after it ("it is clear that …", "it seems to …")
    late = [k for k in sent.kids(head.i, "ccomp", "csubj", "csubj:pass", "xcomp") if k.i > pron.i]
    return bool(late) and (head.upos in ("ADJ", "NOUN") or head.lemma.lower() in ("seem", "appear")
                           or pron.deprel == "nsubj:pass" or any(
                               k.deprel == "cop" for k in sent.kids(head.i)))


def situation_it(pron: Word, sent: Sentence) -> bool:
    """An "it" whose predicate noun names no body, person or place ("It is very unusual
    behaviour", "It was a mistake"): it stands for what happened, not for anything named."""
    if not pron.deprel.startswith("nsubj") or pron.head < 0:
        return False
    head = sent.words[pron.head]
    if head.upos != "NOUN" or not any(k.deprel == "cop" for k in sent.kids(head.i)):
        return False
    lemma = head.lemma.lower()
    return lemma not in role_nouns() and lemma not in people_nouns()


def _only_one_meant(ctx: Context, att: Attribution | None, pron: Word, sent: Sentence, low: str,
                    unlike: Source | None = None) -> bool:
    """Whether one candidate is all that *pron* can mean: no other agreeing candidate anywhere
    before it in the article, not only in the sentences near it ("The mayor said he would not
    resign" after a man named five sentences earlier stays "he"); *unlike*: one it may not be
    (the speaker of the words it sits in)."""
    if low not in GENDERED:
        return True   # a body's "it"/"they" in its own words is the body (see resolve)
    every = [c for c in candidates(ctx, att, pron, sent, back=len(ctx.doc.sentences)) if agrees(low, c)
             and (unlike is None or c.key != unlike.id)]
    return len(every) == 1


def possessive(name: str) -> str:
    """"Kazakhstan" → "Kazakhstan's", "United States" → "United States'"."""
    return name + ("'" if name.endswith("s") else "'s")

