r"""Verb cues: "X said that …", "“…,” said X", "X is confirmed", "…, warning that …",
"an operation that Moscow claims prevented an attack".

Cue first (:func:`verb_cue` asks the lexicon for the verb's class), then its content (a chain
of small steps, each tried only while no content is found), then its source.

>>> from claimtrack.parse import doc_from_conllu
>>> rows = [("The", "the", "DET", 2, "det"), ("FSB", "FSB", "PROPN", 3, "nsubj"),
...         ("claimed", "claim", "VERB", 0, "root"), ("to", "to", "PART", 5, "mark"),
...         ("win", "win", "VERB", 3, "xcomp")]
>>> sent = doc_from_conllu("".join(f"{i}\t{f}\t{l}\t{u}\t_\t_\t{h}\t{d}\t_\t_\n"
...                                for i, (f, l, u, h, d) in enumerate(rows, 1))).sentences[0]
>>> from claimtrack.extract.lexicon import load_lexicon
>>> f = verb_cue(sent, sent.words[2], load_lexicon())
>>> f.cls, f.cue, f.content, f.source, f.construction
('claim', [2], [3, 4], [0, 1], 'verb')
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Lexicon
from ..parse.parser import Sentence, Word
from .marks import QuoteIndex
from ..types import Span
from .candidate import Found
from .prepositional import can_speak, citing_cue
from .quotes import adjacent_quotes, continued_quote
from .tree import (agent, base, complete_determiner, cue_words, dateline, has_subject, inherited_subject,
                   is_expl, join_split_name, lemma_candidates, negated, noun_phrase, speaker_words,
                   strip_punct, subject)
from .words import (ADDRESSEE_VERBS, APPEARANCE_VERBS, BARE_SPEECH, BODY_NOUNS, CITING, DECLINING,
                    DOCUMENT_NOUNS, EVIDENCE_VERBS, FALLBACK_SKIP, INFERENCE_VERBS, NAMING_VERBS, PLEAS,
                    NOT_REPORTING, OCCASION_ACTS, OCCASION_NOUNS, PHRASE_OPENERS, PROFORMS, PROFORM_BELIEFS,
                    PRO_OBJECTS, QUESTION_MARKS, REL_PRONOUNS, REPLY_VERBS, SAY_LIKE, SPEECH_VERBS, DASHES,
                    STANCE_CASES, TIME_WORDS, TOPIC_CASES, TOPIC_VERBS)


@dataclass
class Draft:
    """A verb cue on its way to an attribution: each step reads and extends it."""

    sent: Sentence
    w: Word                      # the cue verb, with the lexicon's lemma
    cls: str
    prt: Word | None             # particle of a phrasal cue ("pointed out")
    phrasal: bool
    cue: list[int]
    passive: bool
    exclude: set[int]            # the cue's own words, never content or source
    clausal_only: bool = False   # a cue only with a reported clause or quotation
    comps: list[Word] = field(default_factory=list)
    content: list[int] = field(default_factory=list)
    construction: str = "verb"
    quoted: list[Span] = field(default_factory=list)
    proform: Word | None = None
    sourceless: bool = False     # "Trump seems confident": no one is said to hold the view
    speaker: Word | None = None  # a speaker the parser hung inside the content


def verb_cue(sent: Sentence, w: Word, lex: Lexicon, quotes: QuoteIndex | None = None) -> Found | None:
    """The attribution whose cue is the verb *w*, if it is one."""
    head = cue_class(sent, w, lex)
    if head is None:
        return None
    w, cls, prt = head
    if w.lemma.lower() in CITING and w.feat("VerbForm") in ("Ger", "Part") and w.deprel.startswith("advcl") \
            and w.text.lower().endswith("ing"):
        cited = citing_cue(sent, w, cls, lex)
        if cited is not None:
            return cited  # otherwise what is cited is a reason the subject gives: a plain cue
    if discourse_marker(sent, w) or naming_participle(sent, w) or names_person(sent, w) or mute_evidence(sent, w) \
            or court_plea(sent, w):
        return None
    d = _draft(sent, w, cls, prt, lex)
    _complement_content(d, lex)
    for step in (_topic_content, _stance_content, _reduced_relative, _host_clause_content, _question_content,
                 _addressee_content, _conjoined_clause, _occasion_clause, _clause_beside,
                 _word_order_content, _that_clause_by_order, _infinitive_adjunct, _pro_object):
        if not d.content:
            step(d)
    if d.proform is not None:
        # "55 percent said so", "Democrats said yes": the pro-form is all that was said here
        d.content, d.construction = [d.proform.i], "verb"
    _quoted_content(d, quotes)
    _relative_antecedent(d)
    d.content = strip_punct(sent, _without_trailing_aside(sent, sorted({k for k in d.content
                                                                      if k not in d.exclude}), quotes))
    declined = not d.content and not d.quoted and _no_comment(d)
    if not d.content and not d.quoted:
        # "The chairman spoke to the crowd." — a speaker with nothing said yet: kept aside, in
        # case the next paragraph is the quotation
        if w.lemma not in BARE_SPEECH or subject(sent, w.i) is None:
            return None
        d.construction = "bare"
    source = [] if d.sourceless else _source(d, quotes)
    neg = declined or _withheld(d) or negated(sent, w.i)
    return Found(sent, d.cue, d.w.lemma.lower(), d.cls, d.content, source, d.construction,
                 negated=neg, extra_content=d.quoted)


# -- the cue ------------------------------------------------------------------------------

def cue_class(sent: Sentence, w: Word, lex: Lexicon) -> tuple[Word, str, Word | None] | None:
    """(the verb with the lexicon's lemma, its class, its particle) when *w* is a verb cue."""
    if w.upos not in ("VERB",) and not (w.upos == "AUX" and w.lemma in ("say",)):
        return None
    prt = particle(sent, w.i, lex)
    part = prt.text.lower() if prt is not None else None
    cls = None
    for lemma in lemma_candidates(w):
        cls = lex.verb_class(lemma, part)
        if cls is not None:
            break
    if cls is None:
        if not that_clause_verb(sent, w):
            return None
        # a verb outside the lexicon with a subject and a that-clause ("hinted that …") reports
        # what its subject says or thinks
        cls, lemma = "assert", w.lemma.lower()
    if lemma in DECLINING and any(lex.verb_class(x.lemma) for x in sent.kids(w.i, "xcomp")):
        return None  # "declined to say": the reporting verb below carries the (withheld) cue
    w = Word(w.i, w.text, lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.start, w.end, w.ner)
    return w, cls, prt


def discourse_marker(sent: Sentence, w: Word) -> bool:
    """"That said, …", "Having said that, …", "Needless to say, …": a connective opening the
    sentence, not a report."""
    before = [x.text.lower() for x in sent.words[:w.i]]
    after = sent.words[w.i + 1].text if w.i + 1 < len(sent.words) else ""
    if before in (["that"], ["this"], ["having"], ["needless", "to"], ["suffice", "it", "to"]) and after == ",":
        return True
    return before == ["having"] and after.lower() in ("that", "this") and \
        w.i + 2 < len(sent.words) and sent.words[w.i + 2].text == ","


def naming_participle(sent: Sentence, w: Word) -> bool:
    """"The ransomware, dubbed Ryuk, …": a naming verb as a participle after a noun names it."""
    if w.lemma.lower() not in NAMING_VERBS or w.text.lower().endswith("ing") or \
            sent.kids(w.i, "aux", "aux:pass", "nsubj"):
        return False
    return w.deprel == "acl" and (w.feat("VerbForm") == "Part" or w.xpos == "VBN")


def names_person(sent: Sentence, w: Word) -> bool:
    """"call yourself Bunny Wang", "they called him Bob": a naming verb whose person object is
    given a proper name names them; it says nothing of them ("called him a liar" does)."""
    if w.lemma.lower() not in NAMING_VERBS:
        return False
    objs = sent.kids(w.i, "obj", "xcomp")
    return len(objs) >= 2 and objs[0].upos == "PRON" and objs[0].text.lower() not in ("it", "this", "that") \
        and objs[-1].upos == "PROPN"


def court_plea(sent: Sentence, w: Word) -> bool:
    """"A New York man pleaded guilty Monday to threatening …": a plea in court is an act, not
    an appeal (PLEAS: the words of a plea right after "plead", a "not" between)."""
    if w.lemma.lower() != "plead":
        return False
    after = [x.text.lower() for x in sent.words[w.i + 1:w.i + 3]]
    if after[:1] == ["not"]:
        after = after[1:]
    return bool(after) and after[0] in PLEAS


def mute_evidence(sent: Sentence, w: Word) -> bool:
    """"The surge in cases suggested that …": a thing that shows or suggests, and cannot speak
    (no person, body or document), is the article's own inference, not a source."""
    subj = subject(sent, w.i)
    return w.lemma.lower() in INFERENCE_VERBS and subj is not None and not can_speak(subj)


def particle(sent: Sentence, i: int, lex: Lexicon) -> Word | None:
    """The particle or preposition of a phrasal cue ("pointed out", "called for", "called on"),
    if the word right after the verb is one the lexicon lists for it and hangs on the verb or on
    one of its dependents."""
    w = sent.words[i]
    if i + 1 >= len(sent.words):
        return None
    nxt = sent.words[i + 1]
    particles = set()
    for lemma in lemma_candidates(w):
        particles.update(lex.phrasal.get(lemma, {}))
    if nxt.lemma.lower() not in particles and nxt.text.lower() not in particles:
        return None
    if nxt.head == i or (nxt.head >= 0 and sent.words[nxt.head].head == i):
        return nxt
    return None


def that_clause_verb(sent: Sentence, w: Word) -> bool:
    """A verb with a nominal subject and a that-clause complement."""
    if w.upos != "VERB" or w.lemma.lower() in NOT_REPORTING:
        return False
    subj = subject(sent, w.i)
    if subj is None or subj.upos not in ("NOUN", "PROPN", "PRON") or subj.text.lower() in ("it", "this", "that", "which"):
        return False
    return any(any(m.lemma.lower() == "that" for m in sent.kids(k.i, "mark"))
               for k in sent.kids(w.i, "ccomp"))


def _draft(sent: Sentence, w: Word, cls: str, prt: Word | None, lex: Lexicon) -> Draft:
    cue = cue_words(sent, w.i)
    phrasal = prt is not None and lex.phrasal.get(w.lemma.lower(), {}).get(prt.text.lower()) is not None
    if phrasal:
        cue = sorted(set(cue) | {prt.i})
    passive = any(k.deprel in ("aux:pass", "csubj:pass") for k in sent.kids(w.i)) or (
        # "Several experts cautioned …" given a passive subject: without a passive auxiliary a
        # finite past form is active whatever the relation says
        any(k.deprel == "nsubj:pass" for k in sent.kids(w.i)) and w.xpos not in ("VBD", "VBN")) or \
        w.feat("Voice") == "Pass" and w.deprel in ("acl",)
    return Draft(sent, w, cls, prt, phrasal, cue, passive, set(cue))


def _no_comment(d: Draft) -> bool:
    """"He declined to comment": with nothing withheld named, the declining verb is the cue and
    the refused saying its content (a fact-checker's "no comment")."""
    sent, w = d.sent, d.w
    head = sent.words[w.head] if w.head >= 0 else None
    # (not "failed to note": an omission the writer points out, not a refusal)
    if head is None or not w.deprel.startswith("xcomp") or head.lemma.lower() not in DECLINING \
            or head.lemma.lower() == "fail":
        return False
    d.cue = sorted(set(cue_words(sent, head.i)) - {w.i})
    d.exclude = set(d.cue)
    d.content = [k for k in sent.subtree(w.i) if sent.words[k].upos != "PUNCT"]
    d.w = Word(head.i, head.text, head.lemma.lower(), head.upos, head.xpos, head.feats, head.head,
               head.deprel, head.start, head.end, head.ner)
    return True


def _withheld(d: Draft) -> bool:
    """"declined to say", "refused to confirm": the cue withheld, the same as "did not say";
    the declining verb joins the cue."""
    sent, w = d.sent, d.w
    head = sent.words[w.head] if w.head >= 0 else None
    if head is None or not w.deprel.startswith("xcomp") or head.lemma.lower() not in DECLINING:
        return False
    d.cue = sorted(set(d.cue) | {head.i} | {m.i for m in sent.kids(w.i, "mark") if m.i < w.i})
    return True


# -- the content ----------------------------------------------------------------------------

def _complement_content(d: Draft, lex: Lexicon) -> None:
    """The verb's complements: a phrasal cue's phrase, clauses, a passive subject, objects."""
    sent, w = d.sent, d.w
    if d.phrasal and d.prt.deprel in ("case", "mark") and d.prt.head != w.i:
        # "called for the nominee to be taken …": the phrase the preposition heads is the content
        d.content.extend(k for k in sent.subtree(d.prt.head) if k != d.prt.i)
    d.proform = proform(sent, w)
    clausal_only = d.clausal_only = lex.clausal_only(w.lemma)
    rels = ("ccomp",) if clausal_only else ("ccomp", "xcomp", "csubj:pass")
    d.comps = [k for k in sent.kids(w.i) if (k.deprel in rels and not _bare_predicate(sent, k))
               or (k.deprel == "parataxis" and d.cls in SAY_LIKE and not _semicolon_between(sent, w, k))
               # "asked workers if they planned to attend": the question is an adverbial clause
               or (d.cls == "ask" and k.deprel.startswith("advcl") and k.i > w.i and any(
                   m.lemma.lower() in QUESTION_MARKS for m in sent.kids(k.i, "mark", "advmod")))]
    # "While Comey has said that he makes …, Lewandowski said": a clause opened by "that" right
    # after another speech verb is that verb's, wherever the parser hung it
    d.comps = [k for k in d.comps if not _said_by_another(sent, w, k, lex) and not _beside_another(sent, w, k)
               # "…, officials said, citing new data": whom they cite, wherever the parser hung it
               and not (k.lemma.lower() in CITING and k.text.lower().endswith("ing") and k.i > w.i)
               and not _aside_after_inverted(sent, w, k)]
    # a parataxis before the cue is inverted speech; after it, usually the quote (colon) or aside
    for k in d.comps:
        d.content.extend(sent.subtree(k.i))
    _trailing_speaker_out(d)
    _second_that_clause(d)
    _stranded_subject(d)
    _second_subject(d)
    _subject_before_the_cue(d)
    _raising_subject(d)
    _passive_subject(d)
    if not clausal_only or _evidence(sent, w):
        # ("A 2014 study found 31 incidents": a document's finding, even for a clausal verb)
        _object_content(d, lex)


def _said_by_another(sent: Sentence, w: Word, k: Word, lex: Lexicon) -> bool:
    """Whether clause *k* before the cue *w* opens with a "that" right after another cue verb."""
    first = min(sent.subtree(k.i))
    if k.i > w.i or first == 0 or sent.words[first].lemma.lower() != "that" or sent.words[first].upos != "SCONJ":
        return False
    other = _verb_before(sent, first)
    return other is not None and other.i != w.i and lex.verb_class(other.lemma) is not None


def _aside_after_inverted(sent: Sentence, w: Word, k: Word) -> bool:
    """"Sales were great, he said, wiping sweat off his face", "…, said David Gilbert, its
    president": after an inverted cue (one set in the clause it reports), a participle without
    a subject or a bare noun phrase past a comma is an aside the parser took for a complement;
    what was said is the clause the cue is set in."""
    if not w.deprel.startswith("parataxis") or w.head < 0 or w.head > w.i or k.i < w.i:
        return False
    first = min(x for x in sent.subtree(k.i) if sent.words[x].upos != "PUNCT" or x == k.i)
    if first == 0 or sent.words[first - 1].text != ",":
        return False
    participle = k.feat("VerbForm") in ("Ger", "Part") and not has_subject(sent, k.i)
    nominal = k.upos in ("NOUN", "PROPN") and not any(sent.words[x].upos == "VERB" for x in sent.subtree(k.i))
    return participle or nominal


def _beside_another(sent: Sentence, w: Word, k: Word) -> bool:
    """Whether clause *k* after the cue *w* is what a speech verb between them reports
    ("attacked Trump, saying he would appoint …": the parser hung the clause on "attacked")."""
    first = min(sent.subtree(k.i))
    return any(sent.words[v].upos == "VERB" and clause_beside(sent, sent.words[v], v) is k
               for v in range(w.i + 1, first))


def _verb_before(sent: Sentence, k: int) -> Word | None:
    """The verb right before word *k*, past a short addressee or day of its own ("admitted to
    the newspaper", "said Tuesday")."""
    j = k - 1
    while j >= 0 and sent.words[j].upos != "VERB":
        x = sent.words[j]
        # climb to the dependent of a verb this word belongs to
        while x.head >= 0 and sent.words[x.head].upos != "VERB" and x.head < k:
            x = sent.words[x.head]
        if x.head < 0 or x.head >= k or x.deprel.split(":")[0] not in ("obl", "obj", "iobj") \
                or k - min(sent.subtree(x.i)) > 6:
            return None
        j = min(sent.subtree(x.i)) - 1
    return sent.words[j] if j >= 0 else None


def _trailing_speaker_out(d: Draft) -> None:
    """'Smith told the court he “never meant it,” prosecutors said': the parser may hang the
    sentence's closing "X said" inside the reported clause; it reports this cue, it is not part
    of what this cue reports."""
    sent = d.sent
    inside = set(d.content)
    for k in sorted(inside):
        x = sent.words[k]
        if x.i == d.w.i or x.deprel != "parataxis" or x.lemma not in SPEECH_VERBS or not sent.kids(x.i, "nsubj"):
            continue
        tail = set(sent.subtree(x.i))
        if min(tail) > d.w.i and all(j < min(tail) for j in inside - tail):
            d.content = [j for j in d.content if j not in tail]
            return


def _second_that_clause(d: Draft) -> None:
    """"said he can win and that he has an excellent chance": a "that" clause coordinated
    after the reported clause is said too, even when the parser hangs it on the cue."""
    sent, w = d.sent, d.w
    if not any(k.deprel == "ccomp" for k in d.comps):
        return
    for k in sent.kids(w.i, "conj"):
        if k.i > w.i and any(m.lemma.lower() == "that" for m in sent.kids(k.i, "mark")):
            d.content.extend(sent.subtree(k.i))


def _semicolon_between(sent: Sentence, w: Word, k: Word) -> bool:
    """"She spoke about her ties to the churches; she called into a radio show …": a clause
    after a semicolon is the next thing reported of her, not what she said."""
    lo, hi = sorted((w.i, k.i))
    return any(sent.words[x].text == ";" for x in range(lo + 1, hi))


def _bare_predicate(sent: Sentence, k: Word) -> bool:
    """"pleaded guilty", "remained silent": an adjective alone is a state, not something said;
    nor is a day ("more was expected Wednesday", the parser's complement)."""
    return k.deprel == "xcomp" and (k.upos == "ADJ" or k.lemma.lower() in TIME_WORDS) and not sent.children[k.i]


def _stranded_subject(d: Draft) -> None:
    """"Authorities say a stabbing that killed two may have occurred": a parser may hang the
    reported clause's subject on the cue as its object, leaving the clause without a subject."""
    sent = d.sent
    clauses = [k for k in d.comps if k.deprel == "ccomp" and not has_subject(sent, k.i)]
    for o in sent.kids(d.w.i, "obj"):
        if clauses and d.w.i < o.i < clauses[0].i:
            d.content.extend(sent.subtree(o.i))


def _second_subject(d: Draft) -> None:
    """"The museum, Mr. Bush said, celebrated …", "A cashier … is held accountable, Warren said":
    a parser may hang the reported clause's subject on the cue beside the speaker. The subject
    nearest the verb speaks; another one, not part of the same name, begins the content."""
    sent, w = d.sent, d.w
    subjects = sent.kids(w.i, "nsubj")
    open_clause = any(k.deprel in ("ccomp", "parataxis") and not has_subject(sent, k.i) for k in d.comps)
    if len(subjects) < 2 or not open_clause:
        return
    speaker = min(subjects, key=lambda k: abs(k.i - w.i))
    for s in subjects:
        if s is speaker or s.i > w.i or _same_name(sent, s, speaker):
            continue
        d.content = sent.subtree(s.i) + d.content


def _subject_before_the_cue(d: Draft) -> None:
    """"Those close to him say that he would …": a parser may hang the speaker on the reported
    clause as its subject although it stands before the cue; it speaks, it is not said."""
    sent, w = d.sent, d.w
    if subject(sent, w.i, passive_ok=True) is not None or d.passive:
        return
    for k in d.comps:
        subj = subject(sent, k.i)
        if k.deprel == "ccomp" and k.i > w.i and subj is not None and subj.i < w.i:
            d.speaker = subj
            spoken = set(sent.subtree(subj.i))
            d.content = [x for x in d.content if x not in spoken]
            return


def _raising_subject(d: Draft) -> None:
    """"Trump's supporters seemed unperturbed", "The statistics appear to be fabricated": the
    subject of an appearance verb is what the impression is about, and nobody is named as
    holding it, so the subject opens the content and there is no source."""
    sent, w = d.sent, d.w
    subj = subject(sent, w.i)
    if w.lemma.lower() not in APPEARANCE_VERBS or subj is None or is_expl(sent, subj.i) or not d.content:
        return
    d.content = sent.subtree(subj.i) + d.content
    d.sourceless = True


def _same_name(sent: Sentence, a: Word, b: Word) -> bool:
    """Two subjects that are one run of proper nouns ("Hillary Clinton said", split by a parser)."""
    lo, hi = sorted((a.i, b.i))
    return all(sent.words[k].upos == "PROPN" for k in range(lo, hi + 1))


def _passive_subject(d: Draft) -> None:
    """"The citizenship … is confirmed": the passive subject is what is confirmed ("the dam had
    been maintained" is no report; "is expected to win" is, with its xcomp)."""
    sent, w = d.sent, d.w
    subj_pass = next((k for k in sent.kids(w.i) if k.deprel == "nsubj:pass"), None)
    if w.lemma in ADDRESSEE_VERBS and not any(k.deprel == "xcomp" for k in d.comps) and (
            any(k.deprel == "ccomp" for k in d.comps) or any(
                c.lemma.lower() in TOPIC_CASES for o in sent.kids(w.i, "obl") for c in sent.kids(o.i, "case"))):
        return  # "Pence was asked about the comment", "residents were told that …": who was asked
    if d.passive and subj_pass is not None and not is_expl(sent, subj_pass.i) and (
            d.cls not in ("assert", "believe", "intend") or d.comps):
        d.content = noun_phrase(sent, subj_pass.i) + d.content
        d.construction = "passive"


def _object_content(d: Draft, lex: Lexicon) -> None:
    """"confirmed the deaths of …", "advised its citizens to avoid …", "accused her of lying"."""
    sent, w = d.sent, d.w
    # "announced Monday morning the campaign plans …": a day is when, never what
    objs = [o for o in sent.kids(w.i, "obj") if not _time_phrase(sent, o)]
    controlled = any(k.deprel == "xcomp" for k in d.comps) or any(
        c.deprel.startswith("acl") and any(m.lemma == "to" for m in sent.kids(c.i, "mark"))
        for o in objs for c in sent.kids(o.i))
    if not objs or not (lex.takes_object(w.lemma) or controlled or _evidence(sent, w)
                        or _small_clause(d, objs)) or any(k.deprel == "ccomp" for k in d.comps):
        return
    last = max(o.i for o in objs)
    for o in objs + _adjective_predicate(d, objs):
        d.content.extend(sent.subtree(o.i))
    # "confirmed an operation … had taken place": a conjunct verb with no conjunction after the
    # object is the rest of a complement clause the parser broke up
    for c in sent.kids(w.i, "conj"):
        if c.i > last and c.upos == "VERB" and not sent.kids(c.i, "cc") \
                and not any(sent.words[k].text == "," for k in range(last, c.i) if sent.words[k].head == c.i):
            d.content.extend(sent.subtree(c.i))
    if _evidence(sent, w):
        # "shows the mayor with a narrow lead", "shows Clinton ahead by 3 points": the finding
        # goes on after the object
        for k in sent.kids(w.i, "obl", "advmod", "xcomp", "advcl"):
            if k.i > last and k.lemma.lower() not in TIME_WORDS:
                d.content.extend(sent.subtree(k.i))
    # "urged North Korea to resume talks": an infinitive after the object, whatever relation
    # the parser gave it, says what the object is to do
    for k in sent.kids(w.i, "advcl"):
        if k.i > last and any(m.lemma.lower() == "to" and m.i == min(sent.subtree(k.i)) for m in sent.kids(k.i, "mark")) \
                and k.i not in d.content:
            d.content.extend(sent.subtree(k.i))
    # "accused her of lying", "described him as reckless", "blamed X for Y"
    for o in sent.kids(w.i, "obl", "advcl"):
        if o.i > w.i and any(c.lemma.lower() in ("of", "for", "as") for c in sent.kids(o.i, "case", "mark")):
            d.content.extend(sent.subtree(o.i))
    d.content.extend(_object_to_phrase(d, last))


def _object_to_phrase(d: Draft, last: int) -> list[int]:
    """"reported damage to a port facility": a "to" phrase right after the object that names no
    one who could be told (not "reported the theft to police") belongs to the object, wherever
    the parser hung it."""
    sent, w = d.sent, d.w
    for o in sent.kids(w.i, "obl"):
        span = sent.subtree(o.i)
        if min(span) == last + 1 and any(c.lemma.lower() == "to" for c in sent.kids(o.i, "case")) \
                and not can_speak(o) and o.lemma.lower() not in TIME_WORDS:
            return span
    return []


def _time_phrase(sent: Sentence, o: Word) -> bool:
    """"Monday morning", "earlier Friday", "this week": a phrase of nothing but time words."""
    return o.lemma.lower() in TIME_WORDS and all(
        sent.words[k].lemma.lower() in TIME_WORDS or sent.words[k].upos in ("DET", "ADJ", "NUM", "ADV")
        for k in sent.subtree(o.i))


def _small_clause(d: Draft, objs: list[Word]) -> bool:
    """"judged America a paper tiger", "viewed communists as terrorists": an object with a
    predicate of its own (a second object, or "as" …) is a judgement the subject holds."""
    sent, w = d.sent, d.w
    if d.cls not in ("believe", "evaluate", "assert", "claim") or w.lemma in ADDRESSEE_VERBS:
        return False
    as_phrase = any(c.lemma.lower() == "as" for o in objs for k in sent.kids(o.i, "nmod", "obl")
                    for c in sent.kids(k.i, "case"))
    return len(objs) >= 2 or as_phrase or bool(_adjective_predicate(d, objs))


def _adjective_predicate(d: Draft, objs: list[Word]) -> list[Word]:
    """"consider Clinton honest": a bare adjective after a belief's object is its predicate."""
    if d.cls not in ("believe", "evaluate"):
        return []
    last = max(o.i for o in objs)
    return [k for k in d.sent.kids(d.w.i, "xcomp") if k.upos == "ADJ" and k.i > last]


def _evidence(sent: Sentence, w: Word) -> bool:
    """"Polling averages show Clinton with a lead": a poll, study or report that shows,
    indicates or finds something states it (its object is the finding)."""
    subj = subject(sent, w.i)
    return w.lemma.lower() in EVIDENCE_VERBS and subj is not None and subj.lemma.lower() in DOCUMENT_NOUNS


def _topic_content(d: Draft) -> None:
    """"spoke about X", "did not respond to requests for comment": the preposition goes with
    the cue, X is the content."""
    sent, w = d.sent, d.w
    replying = w.lemma.lower() in REPLY_VERBS
    if w.lemma.lower() not in TOPIC_VERBS and not replying:
        return
    for o in sent.kids(w.i, "obl"):
        cases = [c for c in sent.kids(o.i, "case") if c.lemma.lower() in TOPIC_CASES
                 or (replying and c.lemma.lower() == "to" and o.i > w.i)]
        if cases:
            d.cue = sorted(set(d.cue) | {c.i for c in cases})
            d.content.extend(k for k in sent.subtree(o.i) if k not in d.cue)
            return


def _stance_content(d: Draft) -> None:
    """"voted against the bill", "pleads for his life", "believe in the voters": the phrase a
    stance takes is what the stance is on; the preposition goes with the cue."""
    sent, w = d.sent, d.w
    cases = STANCE_CASES.get(d.cls, set())
    if not cases or sent.kids(w.i, "obj"):
        return
    for o in sent.kids(w.i, "obl", "advcl"):
        # ("decided against recommending charges": a gerund clause takes the preposition as mark)
        marks = [c for c in sent.kids(o.i, "case", "mark") if c.lemma.lower() in cases and c.i == w.i + 1]
        if o.i > w.i and marks:
            d.cue = sorted(set(d.cue) | {marks[0].i})
            d.exclude |= {marks[0].i}
            d.content = [k for k in sent.subtree(o.i) if k not in d.cue]
            return


def _reduced_relative(d: Draft) -> None:
    """"…, a prospect Vindman denied earlier": a noun with its determiner right before the cue's
    subject, both hung on the cue as subjects, is a relative clause without "that" — what the
    subject denied is the noun (it stands for something said before), and the clause the cue
    hangs on is not the content."""
    sent, w = d.sent, d.w
    subjects = sorted(sent.kids(w.i, "nsubj"), key=lambda k: k.i)
    if len(subjects) != 2 or subjects[1].i > w.i:
        return
    noun, speaker = subjects
    phrase = sent.subtree(noun.i)
    # the speaker is a phrase of its own ("Vindman", "the president"); a bare common word is the
    # rest of one noun phrase the parser split ("an airport official said")
    own = speaker.upos in ("PROPN", "PRON") or sent.kids(speaker.i, "det", "nmod:poss")
    if own and noun.upos == "NOUN" and sent.kids(noun.i, "det") and max(phrase) + 1 == min(sent.subtree(speaker.i)):
        d.content, d.speaker = phrase, speaker
        d.construction = "relative"


def _host_clause_content(d: Draft) -> None:
    """"…, sources said." / "as X reported" / "a bridge the government says was destroyed":
    the clause the cue hangs on is the content."""
    sent, w = d.sent, d.w
    marks = {m.lemma.lower() for m in sent.kids(w.i, "mark")}
    if marks == {"as"} and (_comparison(sent, w) or d.clausal_only):
        return  # (nor "As the outage continued, …": a verb that needs a clause to report)
    if w.head < 0 or not (w.deprel.startswith("parataxis") or (w.deprel.startswith("advcl") and (
            marks == {"as"} or (not marks and d.cls in SAY_LIKE and subject(sent, w.i) is not None)))):
        return
    head = sent.words[w.head]
    d.content = [k for k in sent.subtree(head.i, exclude=[w.i])]
    d.construction = "as-clause" if marks == {"as"} else "inverted"
    if head.deprel.startswith("acl") and head.head >= 0 and sent.words[head.head].upos in ("NOUN", "PROPN") \
            and not has_subject(sent, head.i):
        # "… a bridge that the government says was destroyed": the bridge is what was said of
        ante = [k for k in sent.subtree(head.head, exclude=[head.i])
                if k < w.i and sent.words[k].deprel != "case"]
        d.content = [k for k in ante if k >= min(ante[-1:] or [0]) - 8] + d.content
        d.construction = "relative"


def _comparison(sent: Sentence, w: Word) -> bool:
    """"as many cases as they had reported": the second "as" of a comparison, not a report."""
    first = min(m.i for m in sent.kids(w.i, "mark"))
    return any(x.lemma.lower() == "as" and x.i < first - 1 for x in sent.words[max(0, first - 8):first])


def _question_content(d: Draft) -> None:
    """"Asked if the comments had rattled them, Ryan said …": the parser may hang the question
    on the main verb; it is the clause the question word right after "asked" opens."""
    sent, w = d.sent, d.w
    if d.cls != "ask":
        return
    for k in range(w.i + 1, min(w.i + 5, len(sent.words))):
        q = sent.words[k]
        if q.lemma.lower() in QUESTION_MARKS and q.head > w.i and q.head != w.head:
            content = sent.subtree(q.head) if q.deprel in ("mark", "advmod") else sent.subtree(k)
            d.content = [x for x in content if x >= k]
            return
        if sent.words[k].upos == "VERB":
            return


def _addressee_content(d: Draft) -> None:
    """"Ryan told a news conference they are planting the seeds": a parser may hang the reported
    clause on the addressee as a relative clause; one with a subject of its own and no relative
    word is the complement."""
    sent, w = d.sent, d.w
    if w.lemma not in ADDRESSEE_VERBS:
        return
    for o in sent.kids(w.i, "obj", "iobj", "obl"):
        for c in sent.kids(o.i, "acl"):
            subjects = [k for k in sent.kids(c.i) if k.deprel.startswith("nsubj")]
            # "told reporters at a conference that officials began …": a "that" beside another
            # subject opens a complement, not a relative clause
            # ("told reporters that the inquiry would end": a "that" the parse calls a `mark`
            # is a complementizer, whatever it hangs on)
            rel = any(k.text.lower() in REL_PRONOUNS and k.deprel != "mark" for k in sent.kids(c.i)) \
                and len(subjects) < 2
            if c.i > o.i and not rel and has_subject(sent, c.i):
                d.content = sent.subtree(c.i)
                return


def _conjoined_clause(d: Draft) -> None:
    """"Brian Fallon said the Clintons and the foundation had always been careful": a parser may
    take the reported clause for a second verb joined to the cue. One that begins right after
    the cue (past its adverbs and days), with a subject of its own and no conjunction or comma
    before it, is what was said; "said nothing and left" keeps its "and". The clause's subject
    may hang on the cue ("said China and Russia have established …")."""
    sent, w = d.sent, d.w
    if w.lemma not in SPEECH_VERBS:
        return
    start = max(d.cue) + 1
    for k in sent.kids(w.i, "conj"):
        span = sent.subtree(k.i)
        lead = [x for x in sent.children[w.i] if start <= x < min(span) and x not in d.cue]
        subj = [x for x in lead if sent.words[x].deprel == "nsubj" and not has_subject(sent, k.i)]
        if k.i < start or any(sent.words[x].deprel not in ("advmod", "obl:tmod", "obl") for x in lead
                              if x not in subj[:1]):
            continue
        before = {y for x in lead for y in sent.subtree(x)}
        opening = sent.words[min(sent.subtree(subj[0]) if subj else span)]
        if set(range(start, min(span))) - before or not (has_subject(sent, k.i) or subj):
            continue
        if opening.deprel == "cc" or opening.upos == "PUNCT" or \
                (opening.upos == "CCONJ" and opening.deprel != "cc:preconj"):
            continue
        if any(sent.words[x].upos in ("VERB", "AUX") for x in span):
            d.content = sorted(set(span) | (set(sent.subtree(subj[0])) if subj else set()))
            return


def clause_beside(sent: Sentence, v: Word, end: int) -> Word | None:
    """"Clinton attacked Trump, saying he would appoint judges …", "While Comey said there was
    clear evidence …, he decided …", "saying conservatives need to band together": a parser may
    hang the clause a speech verb reports on the verb's own head, or make the verb that clause's
    subject. The head of a clause that opens right after the cue (word *end* is its last), with
    a subject of its own there, and hangs beside the cue or above it, is what the cue reports;
    None when there is none."""
    j = end + 1
    if v.lemma not in SPEECH_VERBS or j >= len(sent.words) or v.head < 0:
        return None
    own = set(sent.subtree(v.i))
    x = sent.words[j]
    if j in own:
        return None
    while x.head >= 0 and x.i != v.head and min(set(sent.subtree(x.head)) - own) == j:
        if x.head == v.head and base(x) not in ("nsubj", "expl"):
            break  # a clause beside the cue; a subject there belongs to the clause above it
        x = sent.words[x.head]
    if x.i in own or not (x.i == v.head or x.head == v.head) or x.upos not in ("VERB", "AUX", "ADJ", "NOUN"):
        return None
    if x.head == v.head and base(x) not in ("ccomp", "advcl", "parataxis", "xcomp"):
        return None
    # the clause's own subject stands first (past a "that"), not the cue's clause as its subject
    first = sent.words[j + 1] if sent.words[j].lemma.lower() == "that" and j + 1 < len(sent.words) else sent.words[j]
    subjects = [k for k in sent.kids(x.i, "nsubj", "expl") if k.i not in own]
    if not any(first.i in sent.subtree(k.i) for k in subjects):
        return None
    if not any(sent.words[k].upos in ("VERB", "AUX") for k in set(sent.subtree(x.i)) - own):
        return None
    return x


def _clause_beside(d: Draft) -> None:
    """The clause the parser hung beside the cue or above it (:func:`clause_beside`)."""
    x = clause_beside(d.sent, d.w, max(d.cue))
    if x is not None:
        own = set(d.sent.subtree(d.w.i))
        d.content = [k for k in d.sent.subtree(x.i) if k not in own and k > max(d.cue)]


def _occasion_clause(d: Draft) -> None:
    """"Zuckoff said in a telephone interview that he stands by the depiction", "United Gun
    Group said in a statement Thursday night they pulled the listing": a parser may hang the
    reported clause on the occasion (or its day). A clause with a subject of its own right after
    the verb's occasion phrases is what was said when "that" opens it, or when it is no bare
    relative clause of the occasion ("the interview he gave", "on the night they arrived")."""
    sent, w = d.sent, d.w
    if w.lemma not in SPEECH_VERBS:
        return
    obls = [o for o in sent.kids(w.i, "obl", "obl:tmod") if o.i > w.i]
    if not any(sent.words[k].lemma.lower() in OCCASION_NOUNS for o in obls for k in sent.subtree(o.i)):
        return
    for o in obls:
        for c in sent.kids(o.i, "acl", "acl:relcl"):
            before = set(range(max(d.cue) + 1, min(sent.subtree(c.i))))
            between = {k for x in obls for k in sent.subtree(x.i)} - set(sent.subtree(c.i))
            if before - between or not has_subject(sent, c.i) or c.lemma.lower() in OCCASION_ACTS:
                continue
            that = any(m.lemma.lower() == "that" and m.upos == "SCONJ" and m.i == min(sent.subtree(c.i))
                       for m in sent.kids(c.i, "mark"))
            relative = any(k.text.lower() in REL_PRONOUNS for k in sent.kids(c.i))
            said = sent.kids(c.i, "obj", "ccomp", "xcomp", "cop", "advcl")
            if that or (not relative and said):
                d.content = sent.subtree(c.i)
                return


def _word_order_content(d: Draft) -> None:
    # (not for a verb that reports only with a clause: "Sanders continues to trail Clinton")
    if d.w.lemma in SPEECH_VERBS and not d.clausal_only:
        content, how = fallback_content(d.sent, d.w, d.cue)
        d.content, d.construction = content, how or d.construction
    elif d.cls in SAY_LIKE and d.w.feat("VerbForm") not in ("Ger", "Part", "Inf") \
            and subject(d.sent, d.w.i) is not None:
        # "Members of the family soured on him, the Post reported": another reporting verb
        # reads the inverted order only, after its speaker (its other word orders, and a
        # participle's "…, showing", are too often something else)
        content, how = fallback_content(d.sent, d.w, d.cue)
        # ("After suggesting …, Mr. Rubio disagreed": an adverbial clause before it is no report)
        adjunct = any(k.i in content for k in d.sent.kids(d.w.i, "advcl", "obl", "advmod"))
        if how == "inverted" and not adjunct:
            d.content, d.construction = content, how


def _that_clause_by_order(d: Draft) -> None:
    """"Trump charges that countries … donated millions": when the parse hangs the clause's
    words elsewhere, a "that" right after the cue still opens what was said, to the end of the
    sentence."""
    sent, w = d.sent, d.w
    k = max(d.cue) + 1
    # past an adverb, an addressee, a place or a day: "said Tuesday that …", "told Fox that …",
    # "announced on the convention floor that …" (the parser may hang the clause on the floor)
    that = next((j for j in range(k, min(k + 8, len(sent.words))) if sent.words[j].text.lower() == "that"
                 and sent.words[j].upos == "SCONJ"), None)
    if that is not None and all(_adjunct_of(sent, w, x) for x in range(k, that)):
        clause = sent.words[sent.words[that].head]
        if clause.deprel.startswith("acl") and k <= clause.head < that and clause.lemma.lower() in OCCASION_ACTS:
            return  # "said in the interview that he gave": what one does to it, not what was said
        k = that
    if d.cls == "evaluate" or k >= len(sent.words) or sent.words[k].text.lower() != "that" \
            or sent.words[k].upos != "SCONJ" or sent.words[k].head < k:
        return
    clause = sent.subtree(sent.words[k].head)
    # a whole clause that the "that" opens ends where that clause ends ("While Comey has said
    # that he makes recommendations, Lewandowski said …": the parser hung it on the other verb)
    whole = clause[0] == k and clause == list(range(k, clause[-1] + 1))
    d.content = clause if whole else list(range(k, len(sent.words)))
    d.construction = "verb-fallback"


def _adjunct_of(sent: Sentence, w: Word, x: int) -> bool:
    """Whether word *x* belongs to an adverb, object or oblique of the verb *w*."""
    up = sent.words[x]
    while up.head >= 0 and up.head != w.i:
        up = sent.words[up.head]
    return up.head == w.i and (up.upos == "ADV" or up.deprel.split(":")[0] in ("obj", "iobj", "obl"))


def _infinitive_adjunct(d: Draft) -> None:
    """"The FBI decided after a long investigation not to recommend charges", "asked the
    Justice Department to investigate": a parser may make an intention's or a request's
    infinitive an adjunct; it is what was intended or asked."""
    sent, w = d.sent, d.w
    objs = sent.kids(w.i, "obj")
    # "asked the Justice Department to investigate …": a request's addressee and what it is to do
    request = d.cls in ("ask", "warn") and len(objs) == 1
    if not (d.cls == "intend" and not objs or request):
        return
    for k in sent.kids(w.i, "advcl"):
        if k.i > w.i and any(m.lemma.lower() == "to" for m in sent.kids(k.i, "mark")) and (
                not request or max(sent.subtree(objs[0].i)) + 1 == min(sent.subtree(k.i))):
            d.content = (sent.subtree(objs[0].i) if request else []) + sent.subtree(k.i)
            return


def _pro_object(d: Draft) -> None:
    """"said the same of Sanders", "said that", "say the opposite about Clinton": an object
    standing for something said before is what was said here."""
    sent, w = d.sent, d.w
    if w.lemma not in SPEECH_VERBS and d.cls not in ("assert", "report"):
        return
    # ("indicated as much": the pro-form may hang on the verb as an adverbial)
    for o in sent.kids(w.i, "obj", "advmod", "obl"):
        if o.i > w.i and o.lemma.lower() in PRO_OBJECTS and len(sent.subtree(o.i)) <= 6 and (
                o.deprel == "obj" or o.lemma.lower() == "much"):
            d.content = sent.subtree(o.i)
            for k in sent.kids(w.i, "obl"):
                if k.i > o.i and any(c.lemma.lower() in ("of", "about") for c in sent.kids(k.i, "case")):
                    d.content += sent.subtree(k.i)
            return


def proform(sent: Sentence, w: Word) -> Word | None:
    """A pro-form right after a speech or belief verb: "said so", "said yes", "doesn't think so"."""
    if (w.lemma not in SPEECH_VERBS and w.lemma not in PROFORM_BELIEFS) or w.i + 1 >= len(sent.words):
        return None
    nxt = sent.words[w.i + 1]
    if nxt.head == w.i and nxt.text.lower() in PROFORMS:
        return nxt
    return None


def fallback_content(sent: Sentence, w: Word, cue: list[int]) -> tuple[list[int], str]:
    """When the parse gives a speech verb no complement (a common parser slip), read the
    content off the word order: what follows the verb, or, for "…, X said.", what precedes
    the comma before the speaker."""
    right = _following_words(sent, w, cue)
    opener = next((sent.words[k] for k in sorted(right) if sent.words[k].upos != "PUNCT"), None)
    # ("insisted on acting now", "responded by blocking …": a phrase, not a reported clause)
    phrase = opener is not None and opener.lemma.lower() in PHRASE_OPENERS and not any(
        sent.words[k].lemma.lower() == "that" and sent.words[k].upos == "SCONJ" for k in right)
    if not phrase and len([k for k in right if sent.words[k].upos != "PUNCT"]) >= 3 and any(
            sent.words[k].upos in ("VERB", "AUX") for k in right):
        return sorted(right), "verb-fallback"
    subjects = [k for k in sent.kids(w.i, "nsubj")]
    # "Kennedy, the U.S. Attorney, said the case highlights that …": with a subject on each side,
    # the one after the verb heads the reported clause (its verb mis-tagged), never a speaker
    after = sorted(k for x in subjects if x.i > w.i for k in sent.subtree(x.i))
    if any(x.i < w.i for x in subjects) and any(sent.words[k].upos in ("VERB", "AUX") for k in after) \
            and len([k for k in after if sent.words[k].upos != "PUNCT"]) >= 3:
        return after, "verb-fallback"
    # "…, sources said." — the content is what stands before the comma that precedes the speaker
    # with two subjects, the parser has hung the reported clause's subject on the verb too:
    # the speaker is the one next to the verb
    subj = min(subjects, key=lambda k: abs(k.i - w.i)) if subjects else None
    anchor = min([w.i] + ([subj.i] if subj is not None else []) +
                 ([k for k in sent.subtree(subj.i)] if subj is not None else []))
    tail = [k for k in range(w.i + 1, len(sent.words)) if sent.words[k].upos != "PUNCT"
            and k not in sent.subtree(subj.i if subj is not None else w.i)]
    if anchor > 1 and sent.words[anchor - 1].text in (",", "—", "--") and len(tail) <= 4:
        left = [k for k in range(0, anchor - 1)]
        if len([k for k in left if sent.words[k].upos != "PUNCT"]) >= 3:
            return left, "inverted"
    return [], ""


def _following_words(sent: Sentence, w: Word, cue: list[int]) -> list[int]:
    """The verb's dependents after it, without its addressee, time and place."""
    right = []
    addressee_done = w.lemma not in ADDRESSEE_VERBS
    for k in sent.children[w.i]:
        c = sent.words[k]
        if k < w.i or k in cue or c.deprel in FALLBACK_SKIP:
            continue
        if c.deprel.startswith("advcl") and c.lemma.lower() in CITING:
            continue  # "…, the Post reported, citing a source": whom it cites, not what it said
        if c.deprel.startswith("obl") and (c.lemma.lower() in TIME_WORDS or c.upos in ("PRON",)
                                           or any(x.lemma.lower() in ("to", "in", "on", "at", "during")
                                                  for x in sent.kids(k, "case"))):
            continue
        if not addressee_done and c.deprel in ("obj", "obl"):
            addressee_done = True
            continue
        right.extend(sent.subtree(k))
    return right


def _quoted_content(d: Draft, quotes: QuoteIndex | None) -> None:
    """A quotation next to the cue and its speaker is the content, whatever the parser hung on
    the verb ("“…,” the mayor said, adding …")."""
    if quotes is None or d.cls in ("intend", "evaluate") or d.proform is not None:
        return
    sent = d.sent
    left, right = adjacent_quotes(sent, d.w, d.cue, quotes)
    # 'Humphrey, who calls Trump a “sociopath,” said he doesn't believe …': a verb whose own
    # clause follows it says that clause; the quoted words before it are someone's epithet
    after = [k for k in d.content if k > max(d.cue)]
    # (a clause of its own: not a relative one, 'Cook told Benioff, which ultimately meant …')
    if left and left[0] > sent.start + 1 and any(
            has_subject(sent, k) and not sent.words[k].deprel.startswith("acl")
            and not any(x.text.lower() in REL_PRONOUNS and x.deprel != "mark" for x in sent.kids(k))
            for k in after):
        left, d.content = None, after
    if left:
        more = right or continued_quote(sent, quotes)
        d.quoted = [left] + ([more] if more else [])
        # 'Apple was "pulled into the enterprise," Cook said': the clause that runs into the
        # quotation from this sentence is said too (a mixed quote), not only the quoted words
        # ("Yet Sondland has amended his testimony once — “I now do recall,” he said": a clause
        # set off by a dash or colon is the writer's, and does not run into it)
        before = [w for w in sent.words if w.end <= left[0]]
        runs_in = left[0] > sent.start and not (before and before[-1].text in (":", ";") + tuple(DASHES))
        d.content = [k for k in d.content if sent.words[k].start < left[1]
                     and (sent.words[k].start >= left[0] or runs_in)]
        if _quoted_by_another(sent, d.w, left):
            # 'he asked about X and said, “…,” the office said': the quotation is already the
            # words of someone in the sentence; the speaker at its end reports the whole of it
            d.content = [k for k in range(len(sent.words)) if sent.words[k].start < left[1]]
        d.construction = "inverted-quote"
    elif right and (not d.content or d.construction in ("verb-fallback", "inverted") or fronted(sent, d.w)):
        # ("In a 1963 speech, he declared: “…”": the quotation, not the clause before the cue)
        d.quoted = [right]
        d.content = []
        d.construction = "quote"


def fronted(sent: Sentence, w: Word) -> bool:
    """"Said Comey, “…”": a speech verb opening its sentence, its speaker after it."""
    return w.lemma in SPEECH_VERBS and w.text[:1].isupper() and all(
        x.upos == "PUNCT" for x in sent.words[:w.i])


def _quoted_by_another(sent: Sentence, w: Word, region: Span) -> bool:
    """Whether the quotation is what someone else in the sentence says: the complement of a
    speech verb that introduces it ('and said, “…”'), whose subject cannot be this cue's speaker
    ("he" against "the prosecutor's office"), and this cue and its speaker close the sentence."""
    speaker = subject(sent, w.i)
    if speaker is None or any(sent.words[k].upos != "PUNCT" for k in range(max(sent.subtree(speaker.i) + [w.i]) + 1,
                                                                          len(sent.words))):
        return False
    inside = [x for x in sent.words if region[0] <= x.start < region[1] and x.upos != "PUNCT"]
    heads = {x.head for x in inside if x.head >= 0 and not region[0] <= sent.words[x.head].start < region[1]}
    for h in (sent.words[k] for k in sorted(heads)):
        if h.i == w.i or h.lemma not in SPEECH_VERBS or h.end > region[0]:
            continue
        between = [x for x in sent.words if h.i < x.i and x.end <= region[0]]
        other = subject(sent, h.i)
        if other is None:
            shared, _ = inherited_subject(sent, h.i)
            other = sent.words[min(shared)] if shared else None
            # (the phrase's head, not its first word: "the office", "he")
            while other is not None and other.head >= 0 and shared and sent.words[other.head].i in shared:
                other = sent.words[other.head]
        if all(x.upos == "PUNCT" for x in between) and other is not None and _two_speakers(other, speaker):
            return True
    return False


def _two_speakers(a: Word, b: Word) -> bool:
    """Subjects that cannot be one speaker: "he" or "she" against a body or a plural ("the
    prosecutor's office", "officials"), or two common nouns of different heads."""
    def body(x: Word) -> bool:
        return x.upos == "NOUN" and (x.lemma.lower() in BODY_NOUNS or x.feat("Number") == "Plur")

    la, lb = a.lemma.lower(), b.lemma.lower()
    if a.upos == "PROPN" or b.upos == "PROPN":
        return False
    if la in ("he", "she") or lb in ("he", "she"):
        return body(b) if la in ("he", "she") else body(a)
    return a.upos == b.upos == "NOUN" and la != lb


def _relative_antecedent(d: Draft) -> None:
    """"an operation that Moscow claims prevented an attack": the noun the relative clause
    hangs on begins the content."""
    sent, w = d.sent, d.w
    rel_subject = any(k.text.lower() in REL_PRONOUNS for k in sent.kids(w.i, "nsubj"))
    gap = not any(has_subject(sent, k.i) for k in d.comps)
    if d.content and not rel_subject and gap and (w.deprel.startswith("acl:relcl") or (
            w.deprel.startswith("advcl") and any(m.lemma.lower() in REL_PRONOUNS
                                                 for m in sent.kids(w.i, "mark")))):
        ante = antecedent(sent, w)
        if ante:
            d.content = ante + d.content
            d.construction = "relative"


def antecedent(sent: Sentence, w: Word) -> list[int]:
    """The noun a relative-clause cue hangs on: "an operation … that Moscow claims …"."""
    if w.deprel.startswith("acl:relcl") and w.head >= 0:
        head = w.head
    else:
        marks = [m.i for m in sent.kids(w.i, "mark") if m.lemma.lower() in REL_PRONOUNS]
        if not marks or marks[0] == 0:
            return []
        head = marks[0] - 1
        while sent.words[head].upos == "PUNCT" and head > 0:
            head -= 1
        # climb modifiers of a noun to the noun phrase's head
        while sent.words[head].upos != "NOUN" and sent.words[head].deprel in (
                "nmod", "compound", "amod", "flat", "nummod") and sent.words[head].head >= 0 and \
                sent.words[sent.words[head].head].upos in ("NOUN", "PROPN"):
            head = sent.words[head].head
    if sent.words[head].upos not in ("NOUN", "PROPN"):
        return []
    first = min(m.i for m in [w] + sent.kids(w.i, "mark", "nsubj"))
    cases = [c.i for c in sent.kids(head, "case")]
    return [k for k in sent.subtree(head, exclude=[w.i] + cases) if k < first]


def _without_trailing_aside(sent: Sentence, content: list[int], quotes: QuoteIndex | None) -> list[int]:
    """"… said the charge was dropped against Smith, who has not been charged since": a "who"
    clause set off by a comma at the end of reported speech is the writer's aside about a person,
    not part of what was said (inside a quotation it stays; a "which" clause often carries the
    claim on: "…, which it said crashed in Logar")."""
    if not content:
        return content
    last = content[-1]
    for k in content:
        w = sent.words[k]
        aside = (w.deprel.startswith("acl:relcl") and w.i > 0 and any(
            x.text.lower() == "who" for x in sent.words[min(sent.subtree(k)):k + 1]))
        span = sent.subtree(k)
        if not aside or max(span) != last or min(span) == content[0]:
            continue
        start = min(x for x in span if sent.words[x].upos != "PUNCT")
        if sent.words[start - 1].text != "," or (quotes is not None and quotes.region_at(w.start)):
            continue
        return [x for x in content if x < start - 1]
    return content


# -- the source -----------------------------------------------------------------------------

def _source(d: Draft, quotes: QuoteIndex | None) -> list[int] | None:
    """The speaker: the subject (skipping quoted words and a dateline), a passive's agent, an
    inverted quote's speaker, or the subject a participle inherits."""
    sent, w = d.sent, d.w
    if d.speaker is not None:
        return noun_phrase(sent, d.speaker.i)
    cue_quoted = quotes is not None and quotes.region_at(w.start) is not None
    in_quote = [k for k in range(len(sent.words)) if any(s <= sent.words[k].start < e for s, e in d.quoted)
                or (quotes is not None and not cue_quoted and quotes.region_at(sent.words[k].start))]
    in_quote = in_quote + (dateline(sent, quotes.text) if quotes is not None else [])
    subj = subject(sent, w.i, passive_ok=not d.passive, avoid=d.content + in_quote)
    if subj is None and d.quoted and d.quoted[0][1] <= w.start:
        between = _between_quote_and_cue(sent, d)
        if between:
            return [k for k in between if k not in d.exclude]
    if subj is None and d.quoted and (d.quoted[0][1] <= w.start or fronted(sent, w)) and not d.passive:
        # "…,” said Rep. Jane Doe, the top Democrat": the speaker after an inverted verb is often
        # labelled as an object or oblique (never so before the quotation: "saying anybody …",
        # unless the verb opens the sentence: "Said Comey, “The thought …”")
        subj = next((k for k in sent.kids(w.i) if k.i > w.i and k.upos in ("PROPN", "NOUN", "PRON")
                     and k.deprel.split(":")[0] in ("obj", "obl", "nsubj", "appos", "dep", "iobj")
                     and not sent.kids(k.i, "case") and k.i not in in_quote), None)
        if subj is not None and not d.passive:
            after = join_split_name(sent, w.i, _speaker_after(sent, subj))
            return [k for k in after if k not in d.exclude and k not in in_quote]
    if d.passive:
        ag = agent(sent, w.i)
        source = [k for k in noun_phrase(sent, ag.i) if sent.words[k].deprel != "case"
                  or sent.words[k].head != ag.i] if ag is not None else []
    elif subj is not None:
        source = _subject_source(sent, w, subj)
    elif d.cls == "ask" and w.text.lower() == "asked" and all(x.upos == "PUNCT" for x in sent.words[:w.i]):
        source = []  # "Asked if …, Ryan said": Ryan was asked; who asked is not said
    else:
        # (an ancestor inside the content is the reported clause the parser hung the cue under)
        source, how = inherited_subject(sent, w.i, avoid=in_quote + d.content)
        if source is not None and d.construction == "verb":
            d.construction = how or d.construction
    if source and subj is not None:
        source = complete_determiner(sent, w.i, join_split_name(sent, w.i, source))
    if source is None and not d.passive:
        source = _phrase_before(sent, w, in_quote) or _mistagged_subject(sent, w, in_quote) or None
    if source:
        source = [k for k in source if k not in d.content and k not in d.exclude and k not in in_quote]
    return source


def _between_quote_and_cue(sent: Sentence, d: Draft) -> list[int]:
    """'“…,” Mayer, Disney's chairman, said Tuesday': the words between the closing mark and
    the verb name the speaker, whatever the parser made of them (it may call "Tuesday" the
    subject and hang the name inside the quotation)."""
    end = d.quoted[0][1]
    idx = strip_punct(sent, [k for k in range(len(sent.words)) if end <= sent.words[k].start < d.w.start])
    return idx if speaker_words(sent, idx) else []


def _speaker_after(sent: Sentence, subj: Word) -> list[int]:
    """'“…,” quipped Pitt of his role': after an inverted verb, a lowercase prepositional
    phrase hanging on the speaker is about what was said, not part of the name."""
    about = [k for k in sent.kids(subj.i, "nmod", "obl") if k.i > subj.i and not k.text[:1].isupper()
             and any(c.lemma.lower() in ("of", "about", "on") for c in sent.kids(k.i, "case"))]
    return noun_phrase(sent, subj.i, exclude=[k.i for k in about])


def _phrase_before(sent: Sentence, w: Word, in_quote: list[int]) -> list[int]:
    """"Although Scott lacks a record, elected officials from both parties say he …": with no
    subject in the parse, a noun phrase standing right before the verb, back to a comma or the
    sentence start, is the speaker."""
    k = w.i - 1
    while k >= 0 and sent.words[k].upos in ("ADV", "AUX", "PART") and sent.words[k].head == w.i:
        k -= 1
    run: list[int] = []
    while k >= 0 and sent.words[k].text not in (",", ";", ":", "(", ")") and k not in in_quote:
        run.insert(0, k)
        k -= 1
    if not run or sent.words[run[-1]].upos not in ("NOUN", "PROPN", "PRON") or not speaker_words(sent, run):
        return []
    return run


#: what a one-word clausal subject may have and still be a name the tagger took for a verb
_NAME_KIDS = {"compound", "flat", "amod", "det", "nmod:poss", "punct", "appos"}


def _mistagged_subject(sent: Sentence, w: Word, in_quote: list[int]) -> list[int]:
    """A subject the tagger took for a verb: "Boreing said …" (a name ending in -ing made a
    clausal subject), "Ford itself said …", "Iowa biofuels advocates say …" (the cue hung as
    the complement of a 'verb' at the start of the sentence that has no subject of its own)."""
    for c in sent.kids(w.i, "csubj"):
        if c.i < w.i and c.text[:1].isupper() and c.i not in in_quote \
                and all(k.deprel in _NAME_KIDS for k in sent.kids(c.i)):
            return sorted(k for k in sent.subtree(c.i) if sent.words[k].upos != "PUNCT")
    if base(w) != "ccomp" or w.head < 0 or sent.kids(w.i, "mark"):
        return []
    h = sent.words[w.head]
    if h.i > w.i or h.upos != "VERB" or h.i in in_quote:
        return []
    start = 0
    while start < h.i and sent.words[start].upos in ("CCONJ", "ADV", "PUNCT", "SCONJ"):
        start += 1   # "And Iowa biofuels advocates say …"
    run = list(range(start, w.i))
    # a subject of its own only as part of the same noun phrase, right before the cue
    if has_subject(sent, h.i) and not (h.i == w.i - 1 and all(
            k.i in run for k in sent.kids(h.i) if base(k) in ("nsubj", "csubj", "expl"))):
        return []
    if not run or len(run) > 6 or any(sent.words[k].upos in ("VERB", "AUX") and k != h.i for k in run) \
            or any(sent.words[k].text in (",", ";", ":") for k in run):
        return []
    nominal = h.text[:1].isupper() or any(sent.words[k].upos in ("NOUN", "PROPN") for k in run if k != h.i)
    return run if nominal else []


def _subject_source(sent: Sentence, w: Word, subj: Word) -> list[int]:
    if subj.text.lower() in REL_PRONOUNS and w.deprel.startswith("acl") and w.head >= 0:
        # "officials who said …": the pronoun and the noun it stands for
        return sorted({subj.i} | {k for k in noun_phrase(sent, w.head, exclude=[w.i])
                                  if not (sent.words[k].deprel == "case" and sent.words[k].head == w.head)})
    if is_expl(sent, subj.i):
        return []
    return noun_phrase(sent, subj.i)
