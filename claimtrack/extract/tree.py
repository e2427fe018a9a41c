r"""Dependency-tree helpers shared by the constructions: subjects, agents, noun phrases,
negation and the words of a cue.

>>> from claimtrack.parse import doc_from_conllu
>>> rows = [("The", "the", "DET", 2, "det"), ("KNB", "KNB", "PROPN", 5, "nsubj"),
...         ("did", "do", "AUX", 5, "aux"), ("not", "not", "PART", 5, "advmod"),
...         ("confirm", "confirm", "VERB", 0, "root"), ("it", "it", "PRON", 5, "obj")]
>>> sent = doc_from_conllu("".join(f"{i}\t{f}\t{l}\t{u}\t_\t_\t{h}\t{d}\t_\t_\n"
...                                for i, (f, l, u, h, d) in enumerate(rows, 1))).sentences[0]
>>> subject(sent, 4).text, noun_phrase(sent, 1), negated(sent, 4), cue_words(sent, 4)
('KNB', [0, 1], True, [2, 3, 4])
"""
from __future__ import annotations

from typing import Iterable

from ..parse.parser import Sentence, Word
from .words import (CLOSERS, CUE_ADVERBS, DASH_TOKENS, DETACHED, LAYOUT_STOP, NEGATORS,
                    NOT_SPEAKING_SUBJECTS, OPENERS, REL_PRONOUNS, SOURCE_NOUNS, TIME_WORDS, irregular_forms,
                    people_nouns)


def base(w: Word) -> str:
    """The universal part of a relation ("nsubj" of "nsubj:pass")."""
    return w.deprel.split(":")[0]


def is_expl(sent: Sentence, i: int) -> bool:
    """An expletive subject: "it was claimed that …", "there were reports …"."""
    w = sent.words[i]
    return w.deprel == "expl" or (w.text.lower() in {"it", "there"} and w.deprel == "nsubj:pass")


def subject(sent: Sentence, i: int, passive_ok: bool = False, avoid: Iterable[int] = ()) -> Word | None:
    """The subject of word i; with *avoid*, the first one not among those words (parsers sometimes
    hang a quotation's subject on the verb that reports it)."""
    banned = set(avoid)
    rels = ("nsubj", "nsubj:outer") + (("nsubj:pass",) if passive_ok else ())
    subjects = [w for w in sent.kids(i) if w.deprel in rels
                # "Wednesday said …" is a parser slip, not a speaker
                and not (w.lemma.lower() in TIME_WORDS and w.upos != "PRON")]
    found = None
    for w in sorted(subjects, key=lambda k: _subject_rank(sent, i, k)):
        w = _run_start(sent, w, subjects)
        if w.i not in banned:
            return w
        found = found or w
    return None if banned else found


def _subject_rank(sent: Sentence, i: int, k: Word) -> tuple[bool, int]:
    """With two subjects (a parser slip: "The Latest: Trump urges …"), the one nearer the verb
    first, unless it is a bracketed acronym of the other ("The World Health Organization (WHO)
    said")."""
    return k.i > 0 and sent.words[k.i - 1].text == "(", abs(k.i - i)


def _run_start(sent: Sentence, w: Word, subjects: list[Word]) -> Word:
    """"The WHO warned", "Hillary Clinton said": subjects side by side are one phrase; its
    first word stands for it."""
    ids = {k.i for k in subjects}
    j = w.i
    while j - 1 in ids:
        j -= 1
    return sent.words[j]


def join_split_name(sent: Sentence, verb: int, source: list[int]) -> list[int]:
    """"Hillary Clinton said": a parser may make both names subjects of the verb; the speaker
    is the whole run of proper nouns, wherever the run touches the phrase ("Omar Lamrani, a
    senior analyst, told": the appositive hangs on the first name, the surname beside it). The
    run touches the phrase with any of its words ("Omar Lamrani a senior analyst told", no
    comma: "Lamrani" hangs on "Omar"); after the verb the parser may call the name an object
    ("said Omar a senior analyst"), which it can only be between the verb and the speaker."""
    out = set(source)
    grown = True
    while grown:
        grown = False
        for w in sent.words:
            if w.i in out or w.upos != "PROPN" or w.head != verb or not _name_beside(sent, verb, w, out):
                continue
            out.update(sent.subtree(w.i))
            grown = True
    # the comma between a name and its role belongs to the phrase ("Brian Fallon, a spokesman")
    joined = out - set(source)
    out.update(k for k in range(min(out, default=0), max(out, default=0)) if sent.words[k].text == ","
               and k - 1 in out and k + 1 in out and {k - 1, k + 1} & joined)
    return _join_split_head(sent, verb, out)


def _join_split_head(sent: Sentence, verb: int, out: set[int]) -> list[int]:
    """"an airport official said": the parser may make the phrase's last word a second subject;
    a subject right after the speaker's phrase, before the verb, is the rest of that phrase."""
    while out:
        nxt = max(out) + 1
        if nxt >= verb or sent.words[nxt].head != verb or not sent.words[nxt].deprel.startswith("nsubj") \
                or sent.words[nxt].upos not in ("NOUN", "ADJ", "PROPN") \
                or sent.words[nxt].lemma.lower() in CUE_ADVERBS:  # ("Podliska further alleges")
            break
        out.update(k for k in sent.subtree(nxt) if k < verb)
    return sorted(out)


def _name_beside(sent: Sentence, verb: int, w: Word, out: set[int]) -> bool:
    """Whether name *w* (a dependent of *verb*) is one phrase with the speaker words *out*: its
    subtree touches them, and it is a subject, or an object standing between verb and speaker."""
    tree = sent.subtree(w.i)
    if min(tree) - 1 not in out and max(tree) + 1 not in out and not _name_before_role(sent, verb, w, out):
        return False
    if w.deprel.startswith("nsubj"):
        return True
    # (after the verb, a speaker after it too: "said Omar a senior analyst", "Said Dorothy Poynter")
    return w.deprel in ("obj", "iobj") and verb < w.i and verb < min(out)


def _name_before_role(sent: Sentence, verb: int, w: Word, out: set[int]) -> bool:
    """"Brian Fallon, a spokesman for the campaign, said": the parser may hang the closing comma
    on the first name and make each name a subject; the name still touches the phrase, past its
    own commas or past one comma before a description (a common noun heads the phrase)."""
    if w.lemma.lower() in TIME_WORDS:
        return False  # "Last Saturday, Kasich's campaign announced"
    core = [k for k in sent.subtree(w.i) if sent.words[k].upos != "PUNCT"] or [w.i]
    if min(core) - 1 in out or max(core) + 1 in out:
        return True
    after = max(core) + 1
    return after + 1 < verb and sent.words[after].text == "," and after + 1 in out and any(
        sent.words[k].upos == "NOUN" for k in out if sent.words[k].head not in out)


def complete_determiner(sent: Sentence, verb: int, source: list[int]) -> list[int]:
    """"The WHO warned": a parser may read "WHO" as a pronoun and leave "The" alone as the
    subject; a determiner is never a speaker, the subject words after it complete it."""
    if not source or any(sent.words[k].upos != "DET" for k in source):
        return source
    out = set(source)
    k = max(out) + 1
    while k < len(sent.words) and sent.words[k].head == verb and sent.words[k].deprel.startswith("nsubj"):
        out.update(sent.subtree(k))
        k = max(out) + 1
    return sorted(out)


def speaker_words(sent: Sentence, idx: list[int]) -> bool:
    """Whether words a parser may have hung anywhere can still be a speaker's name with its
    appositions ("Scott Pruitt, the attorney general of Oklahoma, one of the states suing the
    EPA,"): a short run with a noun and no verb heading a clause of its own."""
    content = [k for k in idx if sent.words[k].upos != "PUNCT"]
    first = sent.words[content[0]] if content else None
    if first is None or len(content) > 30 or not (
            first.upos in ("PROPN", "NOUN", "DET", "PRON", "ADJ", "NUM") or first.deprel == "amod"):
        return False
    if not any(sent.words[k].upos in ("PROPN", "NOUN", "PRON") for k in content):
        return False
    return not any(sent.words[k].upos in ("VERB", "AUX") and base(sent.words[k]) in
                   ("root", "ccomp", "parataxis", "csubj", "xcomp") for k in content)


def has_subject(sent: Sentence, i: int) -> bool:
    """Whether word i has a subject of its own (nominal, clausal or expletive)."""
    return any(k.deprel.split(":")[0] in ("nsubj", "expl", "csubj") for k in sent.kids(i))


def agent(sent: Sentence, i: int) -> Word | None:
    """The by-phrase of a passive verb."""
    for w in sent.kids(i, "obl"):
        if w.deprel == "obl:agent" or any(c.lemma == "by" for c in sent.kids(w.i, "case")):
            return w
    return None


def inherited_subject(sent: Sentence, i: int, avoid: Iterable[int] = ()) -> tuple[list[int] | None, str]:
    """The subject a participle, conjunct or infinitive shares with the clause above it
    (skipping clauses inside a quotation: "“We need them now,” he said, adding …")."""
    banned = set(avoid)
    w = sent.words[i]
    gerund = w.text.lower().endswith("ing") and w.feat("VerbForm") in ("Ger", "Part")
    if base(w) not in ("advcl", "conj", "xcomp", "acl", "parataxis") and not (gerund and w.head >= 0):
        # ", adding that …" is a participle whatever relation the parser gave it
        return None, ""
    how = "conjunct" if base(w) == "conj" else "participle"
    if w.deprel.startswith("acl") and w.head >= 0 and sent.words[w.head].upos in ("NOUN", "PROPN", "PRON") \
            and not sent.kids(w.head, "case") and sent.words[w.head].lemma.lower() not in TIME_WORDS \
            and not _purpose_of_thing(sent, w):
        # (not "posted on Twitter accusing …": a noun behind a preposition is where, not who;
        # nor a day the parser hung the participle on: "pleaded guilty Monday to threatening …")
        # "a report saying …", "officials warning …": the noun is the source — unless someone
        # made the message: "Trump posted a series of tweets saying …"
        maker = _maker(sent, sent.words[w.head])
        if maker is not None:
            return noun_phrase(sent, maker.i), how
        return noun_phrase(sent, w.head, exclude=[w.i]), how
    with_subject = _absolute_subject(sent, w)
    if with_subject is None and w.head >= 0 and base(w) in ("advcl", "xcomp"):
        with_subject = _absolute_subject(sent, sent.words[w.head])   # "with X taking to Twitter to call …"
    if with_subject is not None:
        return noun_phrase(sent, with_subject.i, exclude=[k.i for k in sent.kids(with_subject.i, "case")]), how
    controller = _object_controller(sent, w)
    if controller is not None:
        return noun_phrase(sent, controller.i), how
    found = []
    for hops, head in enumerate(sent.ancestors(i)):
        if hops >= 5:
            break
        if head.i in banned:
            continue
        if head.upos in ("VERB", "AUX", "ADJ") or head.deprel == "root":
            subj = subject(sent, head.i, passive_ok=True, avoid=banned)
            if subj is not None:
                found.append(subj)
    if not found:
        return None, ""
    # "Perdue said he didn't believe …, arguing that …": a participle set off by a comma goes
    # with the sentence's speaker, however low the parser attached it
    trailing = gerund and i > 0 and sent.words[i - 1].text == "," and base(w) == "advcl"
    speakers = [s for s in found if can_speak(s)] if trailing else []
    chosen = speakers[-1] if speakers else found[0]
    return join_split_name(sent, chosen.head, noun_phrase(sent, chosen.i)), how


def _purpose_of_thing(sent: Sentence, w: Word) -> bool:
    """"that power to call yourself …", "an effort to appear …": an infinitive on a noun that
    cannot speak says what the thing is for; whoever has it speaks (the clause's subject)."""
    noun = sent.words[w.head]
    return any(m.lemma.lower() == "to" for m in sent.kids(w.i, "mark")) and not can_speak(noun) \
        and noun.lemma.lower() not in people_nouns() and _maker(sent, noun) is None


def _maker(sent: Sentence, noun: Word) -> Word | None:
    """The named maker of the message a noun object is ("Trump posted tweets saying …")."""
    maker = subject(sent, noun.head) if base(noun) == "obj" and noun.head >= 0 else None
    named = maker is not None and maker.upos in ("PROPN", "PRON")
    return maker if named and maker.text.lower() not in ("it", "this", "that") else None


def _absolute_subject(sent: Sentence, w: Word) -> Word | None:
    """The subject of a participle in a "with" phrase ("…, with Maddow asking whether …"):
    the noun after "with", which the parser hangs on the participle as an oblique."""
    if not w.text.lower().endswith("ing"):
        return None
    for k in sent.kids(w.i, "obl", "nmod", "nsubj"):
        if k.i < w.i and k.upos in ("PROPN", "NOUN", "PRON") and \
                any(c.lemma.lower() == "with" for c in sent.kids(k.i, "case")):
            return k
    return None


def _object_controller(sent: Sentence, w: Word) -> Word | None:
    """The object that a conjunct shares with the predicate it is conjoined to, when that
    predicate says something of the object ("he left her intrigued and wanting to learn more":
    she wants, not he)."""
    if base(w) != "conj" or w.head < 0:
        return None
    first = sent.words[w.head]
    # a predicative participle or adjective ("intrigued", "angry"), not an infinitive: "warned
    # the Fed not to act …, noting" is still the warner's
    if base(first) != "xcomp" or has_subject(sent, first.i) or first.head < 0 or not (
            first.upos == "ADJ" or first.feat("VerbForm") == "Part"):
        return None
    objs = sent.kids(first.head, "obj")
    return objs[0] if objs and objs[0].i < first.i and objs[0].upos in ("PRON", "PROPN") else None


def dateline(sent: Sentence, text: str) -> list[int]:
    """The words of a dateline opening a paragraph ("KYIV, March 3 (Reuters) -"): never a speaker."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    if text[line_start:sent.start].strip():
        return []
    for k, w in enumerate(sent.words[:14]):
        if w.text in DASH_TOKENS and k > 0:
            # a free-standing dash ("follow-up" is no dateline), after a capitalised place name
            # ("KYIV,", "WASHINGTON (AP)")
            free = text[w.start - 1:w.start].isspace() and text[w.end:w.end + 1].isspace()
            first = sent.words[0].text
            caps = first.isupper() and sum(ch.isalpha() for ch in first) >= 3
            agency = any(x.text == "(" for x in sent.words[:k])
            # "Indianapolis – Several thousand teachers …": a short capitalised place before it
            place = k <= 3 and all(x.text[:1].isupper() or x.text == "," for x in sent.words[:k]) \
                and k + 1 < len(sent.words) and sent.words[k + 1].text[:1].isupper() \
                and all(x.upos == "PROPN" or x.text == "," for x in sent.words[:k])
            if free and (caps or place or (agency and first[:1].isupper())):
                return list(range(k + 1))
            return []
    return []


def _tail(sent: Sentence, k: int) -> bool:
    """A dependent that hangs on a noun without being part of the phrase that names it."""
    c = sent.words[k]
    first = min(sent.subtree(k)) if c.deprel == "acl" else 0
    return c.deprel in ("acl:relcl", "parataxis", "ccomp", "advcl") or (
        c.deprel.startswith(("nmod", "obl")) and c.lemma.lower() in DETACHED) or (
        # "A new study, published on Monday in Sleep Health, found": an aside
        c.deprel == "acl" and first > 0 and (sent.words[first].text == ","
                                              or sent.words[first - 1].text == ","))


def noun_phrase(sent: Sentence, i: int, exclude: Iterable[int] = ()) -> list[int]:
    """A noun phrase: the subtree of i without relative or clausal tails that are not part of it.

    A relative pronoun ("officials who said …") stands for the noun its clause modifies."""
    w = sent.words[i]
    if w.text.lower() in REL_PRONOUNS and w.head >= 0 and sent.words[w.head].deprel.startswith("acl") \
            and sent.words[w.head].head >= 0:
        clause = sent.words[w.head]
        # keep the pronoun too: the mention as written, and the noun it stands for
        return sorted({i} | {k for k in noun_phrase(sent, clause.head, exclude=[clause.i])
                             if not (sent.words[k].deprel == "case" and sent.words[k].head == clause.head)})
    # keep an appositive name ("an attorney, Justin Bamberg,") but not a relative clause
    excl = list(exclude) + [k for k in sent.children[i] if _tail(sent, k)]
    holder = _role_holder(sent, w)
    if holder is not None:
        return noun_phrase(sent, holder.i, exclude)
    idx = strip_punct(sent, sent.subtree(i, excl))
    # a speaker never starts or ends with a preposition or conjunction ("After 55 percent said")
    while len(idx) > 1 and sent.words[idx[0]].upos in ("ADP", "SCONJ", "CCONJ") and idx[0] != i:
        idx = strip_punct(sent, idx[1:])
    while len(idx) > 1 and sent.words[idx[-1]].upos in ("ADP", "SCONJ", "CCONJ") and idx[-1] != i:
        idx = strip_punct(sent, idx[:-1])
    return _after_label(sent, i, idx)


def _role_holder(sent: Sentence, w: Word) -> Word | None:
    """Whom a person's role is said of ("Cruz is the only contender who has pledged …", "the
    first Democrat"): they speak for it. Not a thing's role ("One of the clues was the blood
    work, which showed …"), nor a cleft's ("It was Smith who said …")."""
    role = w.upos == "NOUN" and w.lemma.lower() in people_nouns() or w.upos == "PROPN" and bool(
        sent.kids(w.i, "det"))
    subj = sent.kids(w.i, "nsubj") if role and sent.kids(w.i, "cop") else []
    who = subj[0] if subj else None
    speaks = who is not None and can_speak(who) and who.upos != "NUM"
    return who if speaks and who.lemma.lower() not in NOT_SPEAKING_SUBJECTS else None


def _after_label(sent: Sentence, i: int, idx: list[int]) -> list[int]:
    """"UPDATE: ESPN publicist Josh Krulewitz tells …": a page's label before a colon is no part
    of the speaker."""
    colons = [k for k in idx if sent.words[k].text == ":" and k > i]
    if colons and sent.words[i].lemma.lower() in LAYOUT_STOP and colons[0] + 1 <= idx[-1]:
        return strip_punct(sent, [k for k in idx if k > colons[0]])
    return idx


def strip_punct(sent: Sentence, idx: list[int]) -> list[int]:
    """*idx* without leading and trailing punctuation (quote marks and paired brackets stay)."""
    def keep(k: int) -> bool:
        t = sent.words[k].text
        if is_quote(t):
            return True
        # a closing bracket stays when its opener does: "the Committee (KNB)"
        return t in ")]" and any(sent.words[j].text in "([" for j in idx if j < k)

    while idx and sent.words[idx[0]].upos == "PUNCT" and not keep(idx[0]):
        idx = idx[1:]
    while idx and sent.words[idx[-1]].upos == "PUNCT" and not keep(idx[-1]):
        idx = idx[:-1]
    return idx


def is_quote(tok: str) -> bool:
    """Whether a token is nothing but quotation marks."""
    return bool(tok) and all(ch in OPENERS + CLOSERS for ch in tok)


def negated(sent: Sentence, i: int) -> bool:
    """Whether word i is negated ("did not confirm", "never said", "no one denied")."""
    for w in sent.kids(i, "advmod", "aux", "neg", "det"):
        if w.lemma.lower() in NEGATORS or w.text.lower() in NEGATORS:
            if w.deprel == "det" and w.lemma.lower() != "no":
                continue
            return True
    return False


def cue_words(sent: Sentence, i: int) -> list[int]:
    """The cue verb with its auxiliaries, negation and particle ("has not confirmed", "pointed out")."""
    out = [i]
    for w in sent.kids(i):
        if w.deprel in ("aux", "aux:pass", "compound:prt") or (
                w.deprel == "advmod" and (w.lemma.lower() in NEGATORS or
                                          (w.lemma.lower() in CUE_ADVERBS and w.i < i))):
            if abs(w.i - i) <= 4:
                out.append(w.i)
    # adverbs between the auxiliary and the verb ("could not independently verify") join the cue
    out.sort()
    out = sorted(set(out) | {k for k in range(out[0], i) if sent.words[k].upos in ("ADV", "PART")
                             and sent.words[k].head == i})
    while out[0] != i and any(k not in out for k in range(out[0], i)):
        out.pop(0)
    if i + 1 < len(sent.words) and sent.words[i + 1].text == ":":
        out.append(i + 1)  # "said:" — the colon introduces what was said
    return out


def lemma_candidates(w: Word) -> list[str]:
    """The parser's lemma, then plain-morphology guesses for when the lemmatizer slips
    ("warning" left as its own lemma, "Said" opening a sentence left as "Said")."""
    low = w.text.lower()
    out = [w.lemma.lower()]
    if low in irregular_forms():
        out.append(irregular_forms()[low])
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ied", "y"), ("ed", ""), ("ed", "e"), ("es", ""),
                         ("s", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            out.append(low[: len(low) - len(suffix)] + repl)
    return out


def can_speak(w: Word) -> bool:
    """Whether a noun phrase's head can be a source: a name, a pronoun, a person or body by
    NER, or a noun the gazetteer knows as a source ("officials", "a report", "the ministry")."""
    ner = w.ner.split("-")[-1] if w.ner and w.ner != "O" else ""
    return (w.upos in ("PROPN", "PRON", "NUM") or ner in ("PERSON", "PER", "ORG", "NORP", "GPE")
            or w.lemma.lower() in SOURCE_NOUNS or w.text.lower() in SOURCE_NOUNS)
