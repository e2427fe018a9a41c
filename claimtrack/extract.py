r"""Parsed document → attributions (source · cue · content), from the dependency tree.

Cue first, then its content, then its source — each a separate step (after Citron), so each
can be read and tested on its own. Constructions covered:

* verb cues with subject source and clausal, infinitival or object content
  ("Russian media had claimed that …", "The FSB claimed to have …", "confirmed the deaths of …");
* inverted and interrupted quotes ("\"…,\" said the KNB", "\"A,\" he said, \"B.\"");
* quotes whose speaker is named in a neighbouring sentence, and colon attributions;
* prepositional cues ("according to X", "as X reported", "citing X");
* passive and agentless cues ("is confirmed", "it was claimed that", "was reported by X");
* nominal cues ("X's claim that …", "a statement from X said");
* participial cues inheriting the matrix subject ("…, warning that …");
* relative-clause cues ("an operation that Moscow claims prevented an attack").

>>> from claimtrack.parse import doc_from_conllu
>>> rows = [("Russian", "Russian", "ADJ", 2, "amod"), ("media", "media", "NOUN", 3, "nsubj"),
...         ("claimed", "claim", "VERB", 0, "root"), ("that", "that", "SCONJ", 7, "mark"),
...         ("suspects", "suspect", "NOUN", 7, "nsubj:pass"), ("were", "be", "AUX", 7, "aux:pass"),
...         ("killed", "kill", "VERB", 3, "ccomp")]
>>> conllu = "".join(f"{i}\t{f}\t{l}\t{u}\t_\t_\t{h}\t{d}\t_\t_\n"
...                  for i, (f, l, u, h, d) in enumerate(rows, 1))
>>> [(a.source.text, a.cue.text, a.cue.cls, a.content.text) for a in extract(doc_from_conllu(conllu))]
[('Russian media', 'claimed', 'claim', 'that suspects were killed')]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .lexicon import Lexicon, load_lexicon
from .parse import Doc, Sentence, Word
from .quotes import DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_CLOSE, SINGLE_OPEN, QuoteIndex
from .types import Attribution, Cue, Role, Span, merge_spans

OPENERS = DOUBLE_OPEN + SINGLE_OPEN + "\"'`"
CLOSERS = DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"
TRIM = " \t\r\n,;:.\u2014\u2013-"
NEGATORS = {"not", "n't", "never", "no"}
DECLINING = {"decline", "refuse", "fail"}
CUE_ADVERBS = {"also", "later", "now", "first", "previously", "already", "again", "repeatedly",
               "publicly", "recently", "once", "earlier", "privately"}
REL_PRONOUNS = {"who", "that", "which", "whom"}
TOPIC_CASES = {"about", "of", "against", "over"}
TOPIC_VERBS = {"speak", "talk", "comment", "warn", "complain", "write", "joke", "testify",
               "caution", "boast", "lament", "rail", "ask", "inquire", "think", "worry", "tweet",
               "argue", "report", "know", "hear", "learn", "brag"}
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "today", "yesterday", "tomorrow",
              "week", "weekend", "month", "year", "day", "morning", "afternoon", "evening", "night",
              "time", "hour"}
# modifiers that belong to the saying, not to the speaker ("X in a statement on Monday")
DETACHED = TIME_WORDS | {"statement", "interview", "speech", "briefing", "conference", "release"}
SAY_LIKE = {"assert", "claim", "confirm", "deny", "report", "warn"}
CITING = {"cite", "quote"}


@dataclass
class Found:
    """An attribution in word indices of one sentence, before it becomes character spans."""

    sent: Sentence
    cue: list[int]
    lemma: str
    cls: str
    content: list[int]
    source: list[int] | None
    construction: str
    negated: bool = False
    extra_content: list[Span] = field(default_factory=list)


# -- tree helpers ---------------------------------------------------------------

def _base(w: Word) -> str:
    return w.deprel.split(":")[0]


def _is_expl(sent: Sentence, i: int) -> bool:
    w = sent.words[i]
    return w.deprel == "expl" or (w.text.lower() in {"it", "there"} and w.deprel == "nsubj:pass")


def _subject(sent: Sentence, i: int, passive_ok: bool = False, avoid: Iterable[int] = ()) -> Word | None:
    """The subject of word i; with *avoid*, the first one not among those words (parsers sometimes
    hang a quotation's subject on the verb that reports it)."""
    banned = set(avoid)
    found = None
    for w in sent.kids(i):
        if w.deprel in ("nsubj", "nsubj:outer") or (passive_ok and w.deprel == "nsubj:pass"):
            if w.lemma.lower() in TIME_WORDS and w.upos != "PRON":
                continue  # "Wednesday said …" is a parser slip, not a speaker
            if w.i not in banned:
                return w
            found = found or w
    return None if banned else found


def _join_split_name(sent: Sentence, verb: int, source: list[int]) -> list[int]:
    """"Hillary Clinton said": a parser may make both names subjects of the verb; the speaker
    is the whole run of proper nouns."""
    out = set(source)
    for step in (1, -1):
        k = (max(out) + 1) if step == 1 else (min(out) - 1)
        while 0 <= k < len(sent.words) and sent.words[k].upos == "PROPN" and \
                sent.words[k].head == verb and sent.words[k].deprel.startswith("nsubj"):
            out.update(sent.subtree(k))
            k += step
    return sorted(out)


def _has_subject(sent: Sentence, i: int) -> bool:
    return any(k.deprel.split(":")[0] in ("nsubj", "expl", "csubj") for k in sent.kids(i))


def _agent(sent: Sentence, i: int) -> Word | None:
    for w in sent.kids(i, "obl"):
        if w.deprel == "obl:agent" or any(c.lemma == "by" for c in sent.kids(w.i, "case")):
            return w
    return None


def _inherited_subject(sent: Sentence, i: int, avoid: Iterable[int] = ()) -> tuple[list[int] | None, str]:
    """The subject a participle, conjunct or infinitive shares with the clause above it
    (skipping clauses inside a quotation: "“We need them now,” he said, adding …")."""
    banned = set(avoid)
    w = sent.words[i]
    gerund = w.text.lower().endswith("ing") and w.feat("VerbForm") in ("Ger", "Part")
    if _base(w) not in ("advcl", "conj", "xcomp", "acl", "parataxis") and not (gerund and w.head >= 0):
        # ", adding that …" is a participle whatever relation the parser gave it
        return None, ""
    how = "conjunct" if _base(w) == "conj" else "participle"
    if w.deprel.startswith("acl") and w.head >= 0 and sent.words[w.head].upos in ("NOUN", "PROPN", "PRON"):
        # "a report saying …", "officials warning …": the noun is the source
        return _np(sent, w.head, exclude=[w.i]), how
    for hops, head in enumerate(sent.ancestors(i)):
        if hops >= 5:
            break
        if head.i in banned:
            continue
        if head.upos in ("VERB", "AUX", "ADJ") or head.deprel == "root":
            subj = _subject(sent, head.i, avoid=banned)
            if subj is not None:
                return _np(sent, subj.i), how
    return None, ""


DASH_TOKENS = {"-", "--", "—", "–"}


def _dateline(sent: Sentence, text: str) -> list[int]:
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
            if free and (caps or (agency and first[:1].isupper())):
                return list(range(k + 1))
            return []
    return []


def _np(sent: Sentence, i: int, exclude: Iterable[int] = ()) -> list[int]:
    """A noun phrase: the subtree of i without relative or clausal tails that are not part of it.

    A relative pronoun ("officials who said …") stands for the noun its clause modifies."""
    w = sent.words[i]
    if w.text.lower() in REL_PRONOUNS and w.head >= 0 and sent.words[w.head].deprel.startswith("acl") \
            and sent.words[w.head].head >= 0:
        clause = sent.words[w.head]
        # keep the pronoun too: the mention as written, and the noun it stands for
        return sorted({i} | {k for k in _np(sent, clause.head, exclude=[clause.i])
                             if not (sent.words[k].deprel == "case" and sent.words[k].head == clause.head)})
    excl = list(exclude)
    for k in sent.children[i]:
        c = sent.words[k]
        first = min(sent.subtree(k)) if c.deprel == "acl" else 0
        if c.deprel in ("acl:relcl", "parataxis", "ccomp", "advcl") or (
                c.deprel.startswith(("nmod", "obl")) and c.lemma.lower() in DETACHED) or (
                # "A new study, published on Monday in Sleep Health, found": an aside
                c.deprel == "acl" and first > 0 and (sent.words[first].text == ","
                                                      or sent.words[first - 1].text == ",")):
            # keep an appositive name ("an attorney, Justin Bamberg,") but not a relative clause
            excl.append(k)
    idx = _strip_punct(sent, sent.subtree(i, excl))
    # a speaker never starts or ends with a preposition or conjunction ("After 55 percent said")
    while len(idx) > 1 and sent.words[idx[0]].upos in ("ADP", "SCONJ", "CCONJ") and idx[0] != i:
        idx = _strip_punct(sent, idx[1:])
    while len(idx) > 1 and sent.words[idx[-1]].upos in ("ADP", "SCONJ", "CCONJ") and idx[-1] != i:
        idx = _strip_punct(sent, idx[:-1])
    return idx


def _strip_punct(sent: Sentence, idx: list[int]) -> list[int]:
    def keep(k: int) -> bool:
        t = sent.words[k].text
        if _is_quote(t):
            return True
        # a closing bracket stays when its opener does: "the Committee (KNB)"
        return t in ")]" and any(sent.words[j].text in "([" for j in idx if j < k)

    while idx and sent.words[idx[0]].upos == "PUNCT" and not keep(idx[0]):
        idx = idx[1:]
    while idx and sent.words[idx[-1]].upos == "PUNCT" and not keep(idx[-1]):
        idx = idx[:-1]
    return idx


def _is_quote(tok: str) -> bool:
    return bool(tok) and all(ch in OPENERS + CLOSERS for ch in tok)


def _negated(sent: Sentence, i: int) -> bool:
    for w in sent.kids(i, "advmod", "aux", "neg", "det"):
        if w.lemma.lower() in NEGATORS or w.text.lower() in NEGATORS:
            if w.deprel == "det" and w.lemma.lower() != "no":
                continue
            return True
    return False


def _cue_words(sent: Sentence, i: int) -> list[int]:
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


def _particle(sent: Sentence, i: int, lex: Lexicon) -> Word | None:
    """The particle or preposition of a phrasal cue ("pointed out", "called for", "called on"),
    if the word right after the verb is one the lexicon lists for it and hangs on the verb or on
    one of its dependents."""
    w = sent.words[i]
    if i + 1 >= len(sent.words):
        return None
    nxt = sent.words[i + 1]
    particles = set()
    for lemma in _lemma_candidates(w):
        particles.update(lex.phrasal.get(lemma, {}))
    if nxt.lemma.lower() not in particles and nxt.text.lower() not in particles:
        return None
    if nxt.head == i or (nxt.head >= 0 and sent.words[nxt.head].head == i):
        return nxt
    return None


# -- cue finders ----------------------------------------------------------------

def _lemma_candidates(w: Word) -> list[str]:
    """The parser's lemma, then plain-morphology guesses for when the lemmatizer slips
    ("warning" left as its own lemma)."""
    low = w.text.lower()
    out = [w.lemma.lower()]
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ied", "y"), ("ed", ""), ("ed", "e"), ("es", ""),
                         ("s", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            out.append(low[: len(low) - len(suffix)] + repl)
    return out


NOT_REPORTING = {"be", "have", "mean", "ensure", "make", "see", "show", "do", "seem", "appear",
                 "happen", "matter", "prove", "require", "hear", "so", "assume", "get", "like",
                 "love", "hate", "notice", "forget", "remember", "guarantee", "check", "pretend",
                 "bet", "ask", "wish", "want", "need", "suggest", "imply", "indicate", "recognize",
                 "learn", "read", "discover", "find", "decide", "agree", "hope", "know", "understand",
                 "realize", "feel", "think", "believe", "expect", "fear", "doubt", "worry", "care"}


def _that_clause_verb(sent: Sentence, w: Word) -> bool:
    """A verb with a nominal subject and a that-clause complement."""
    if w.upos != "VERB" or w.lemma.lower() in NOT_REPORTING:
        return False
    subj = _subject(sent, w.i)
    if subj is None or subj.upos not in ("NOUN", "PROPN", "PRON") or subj.text.lower() in ("it", "this", "that", "which"):
        return False
    return any(any(m.lemma.lower() == "that" for m in sent.kids(k.i, "mark"))
               for k in sent.kids(w.i, "ccomp"))


def _verb_cue(sent: Sentence, w: Word, lex: Lexicon, quotes: QuoteIndex | None = None) -> Found | None:
    if w.upos not in ("VERB",) and not (w.upos == "AUX" and w.lemma in ("say",)):
        return None
    prt = _particle(sent, w.i, lex)
    particle = prt.text.lower() if prt is not None else None
    cls = None
    for lemma in _lemma_candidates(w):
        cls = lex.verb_class(lemma, particle)
        if cls is not None:
            break
    if cls is None:
        if not _that_clause_verb(sent, w):
            return None
        # a verb outside the lexicon with a subject and a that-clause ("hinted that …") reports
        # what its subject says or thinks
        cls, lemma = "assert", w.lemma.lower()
    if lemma in DECLINING and any(lex.verb_class(x.lemma) for x in sent.kids(w.i, "xcomp")):
        return None  # "declined to say": the reporting verb below carries the (withheld) cue
    w = Word(w.i, w.text, lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.start, w.end, w.ner)
    if w.lemma.lower() in CITING and w.feat("VerbForm") in ("Ger", "Part") and w.deprel.startswith("advcl") \
            and w.text.lower().endswith("ing"):
        return _citing_cue(sent, w, cls)
    cue = _cue_words(sent, w.i)
    phrasal = prt is not None and lex.phrasal.get(w.lemma.lower(), {}).get(particle) is not None
    if phrasal:
        cue = sorted(set(cue) | {prt.i})
    passive = any(k.deprel in ("aux:pass", "nsubj:pass", "csubj:pass") for k in sent.kids(w.i)) or \
        w.feat("Voice") == "Pass" and w.deprel in ("acl",)
    content: list[int] = []
    construction = "verb"
    exclude = set(cue)

    if phrasal and prt.deprel in ("case", "mark") and prt.head != w.i:
        # "called for the nominee to be taken …": the phrase the preposition heads is the content
        content.extend(k for k in sent.subtree(prt.head) if k != prt.i)
    proform = _proform(sent, w)
    clausal_only = lex.clausal_only(w.lemma)
    comps = [k for k in sent.kids(w.i) if k.deprel in (("ccomp",) if clausal_only else ("ccomp", "xcomp", "csubj:pass"))
             or (k.deprel == "parataxis" and cls in SAY_LIKE)
             # "asked workers if they planned to attend": the question is an adverbial clause
             or (cls == "ask" and k.deprel.startswith("advcl") and k.i > w.i and any(
                 m.lemma.lower() in QUESTION_MARKS for m in sent.kids(k.i, "mark", "advmod")))]
    # a parataxis before the cue is inverted speech; after it, usually the quote (colon) or aside
    for k in comps:
        content.extend(sent.subtree(k.i))
    objs = sent.kids(w.i, "obj")
    subj_pass = next((k for k in sent.kids(w.i) if k.deprel == "nsubj:pass"), None)
    if passive and subj_pass is not None and not _is_expl(sent, subj_pass.i) and (
            cls not in ("assert", "believe", "intend") or comps):
        # "The citizenship … is confirmed": the passive subject is what is confirmed
        # ("the dam had been maintained" is no report; "is expected to win" is, with its xcomp)
        content = _np(sent, subj_pass.i) + content
        construction = "passive"
    controlled = any(k.deprel == "xcomp" for k in comps) or any(
        c.deprel.startswith("acl") and any(m.lemma == "to" for m in sent.kids(c.i, "mark"))
        for o in objs for c in sent.kids(o.i))
    if objs and not clausal_only and (lex.takes_object(w.lemma) or controlled):
        if not any(k.deprel == "ccomp" for k in comps):
            for o in objs:
                content.extend(sent.subtree(o.i))
            # "confirmed an operation … had taken place": a conjunct verb with no conjunction
            # after the object is the rest of a complement clause the parser broke up
            for c in sent.kids(w.i, "conj"):
                if c.i > max(o.i for o in objs) and c.upos == "VERB" and not sent.kids(c.i, "cc") \
                        and not any(sent.words[k].text == "," for k in range(max(o.i for o in objs), c.i)
                                    if sent.words[k].head == c.i):
                    content.extend(sent.subtree(c.i))
            # "accused her of lying", "described him as reckless", "blamed X for Y"
            for o in sent.kids(w.i, "obl", "advcl"):
                if o.i > w.i and any(c.lemma.lower() in ("of", "for", "as") for c in sent.kids(o.i, "case", "mark")):
                    content.extend(sent.subtree(o.i))
    if not content and w.lemma.lower() in TOPIC_VERBS:
        for o in sent.kids(w.i, "obl"):
            cases = [c for c in sent.kids(o.i, "case") if c.lemma.lower() in TOPIC_CASES]
            if cases:
                # "spoke about X": the preposition goes with the cue, X is the content
                cue = sorted(set(cue) | {c.i for c in cases})
                content.extend(k for k in sent.subtree(o.i) if k not in cue)
                break
    marks = {m.lemma.lower() for m in sent.kids(w.i, "mark")}
    if not content and w.head >= 0 and (w.deprel.startswith("parataxis") or (
            w.deprel.startswith("advcl") and (marks == {"as"} or (
                not marks and cls in SAY_LIKE and _subject(sent, w.i) is not None)))):
        # "…, sources said." / "as X reported" / "a bridge the government says was destroyed":
        # the clause the cue hangs on is the content
        head = sent.words[w.head]
        content = [k for k in sent.subtree(head.i, exclude=[w.i])]
        construction = "as-clause" if marks == {"as"} else "inverted"
        if head.deprel.startswith("acl") and head.head >= 0 and sent.words[head.head].upos in ("NOUN", "PROPN") \
                and not _has_subject(sent, head.i):
            # "… a bridge that the government says was destroyed": the bridge is what was said of
            ante = [k for k in sent.subtree(head.head, exclude=[head.i])
                    if k < w.i and sent.words[k].deprel != "case"]
            content = [k for k in ante if k >= min(ante[-1:] or [0]) - 8] + content
            construction = "relative"
    if not content and cls == "ask":
        # "Asked if the comments had rattled them, Ryan said …": the parser may hang the question
        # on the main verb; it is the clause the question word right after "asked" opens
        for k in range(w.i + 1, min(w.i + 5, len(sent.words))):
            q = sent.words[k]
            if q.lemma.lower() in QUESTION_MARKS and q.head > w.i and q.head != w.head:
                content = sent.subtree(q.head) if q.deprel in ("mark", "advmod") else sent.subtree(k)
                content = [x for x in content if x >= k]
                break
            if sent.words[k].upos == "VERB":
                break
    if not content and w.lemma in ADDRESSEE_VERBS:
        # "Ryan told a news conference they are planting the seeds": a parser may hang the
        # reported clause on the addressee as a relative clause; one with a subject of its own
        # and no relative word is the complement
        for o in sent.kids(w.i, "obj", "iobj", "obl"):
            for c in sent.kids(o.i, "acl"):
                rel = any(k.text.lower() in REL_PRONOUNS for k in sent.kids(c.i))
                if c.i > o.i and not rel and _has_subject(sent, c.i):
                    content = sent.subtree(c.i)
                    break
            if content:
                break
    if not content and w.lemma in SPEECH_VERBS:
        content, how = _fallback_content(sent, w, cue)
        construction = how or construction
    if proform is not None:
        # "55 percent said so", "Democrats said yes": the pro-form is all that was said here
        content, construction = [proform.i], "verb"
    quoted: list[Span] = []
    if quotes is not None and cls not in ("intend", "evaluate") and proform is None:
        left, right = _adjacent_quotes(sent, w, cue, quotes)
        if left:
            # "“…,” the mayor said, adding …": the quotation is what was said, whatever the
            # parser hung on the verb
            quoted = [left] + ([right] if right else [])
            content = [k for k in content if left[0] <= sent.words[k].start < left[1]]
            construction = "inverted-quote"
        elif right and (not content or construction == "verb-fallback"):
            quoted = [right]
            content = []
            construction = "quote"
    antecedent: list[int] = []
    rel_subject = any(k.text.lower() in REL_PRONOUNS for k in sent.kids(w.i, "nsubj"))
    gap = not any(_has_subject(sent, k.i) for k in comps)
    if content and not rel_subject and gap and (w.deprel.startswith("acl:relcl") or (
            w.deprel.startswith("advcl") and any(m.lemma.lower() in REL_PRONOUNS
                                                 for m in sent.kids(w.i, "mark")))):
        antecedent = _antecedent(sent, w)
        if antecedent:
            content = antecedent + content
            construction = "relative"
    content = [k for k in content if k not in exclude]
    content = _strip_punct(sent, sorted(set(content)))
    if not content and not quoted:
        # "The chairman spoke to the crowd." — a speaker with nothing said yet: kept aside, in
        # case the next paragraph is the quotation
        if w.lemma not in BARE_SPEECH or _subject(sent, w.i) is None:
            return None
        construction = "bare"

    # source
    source: list[int] | None = None
    cue_quoted = quotes is not None and quotes.region_at(w.start) is not None
    in_quote = [k for k in range(len(sent.words)) if any(s <= sent.words[k].start < e for s, e in quoted)
                or (quotes is not None and not cue_quoted and quotes.region_at(sent.words[k].start))]
    dateline = _dateline(sent, quotes.text) if quotes is not None else []
    in_quote = in_quote + dateline
    subj = _subject(sent, w.i, avoid=content + in_quote)
    if subj is None and quoted and not passive:
        # "…,” said Rep. Jane Doe, the top Democrat": the speaker after an inverted verb is often
        # labelled as an object or oblique
        subj = next((k for k in sent.kids(w.i) if k.i > w.i and k.upos in ("PROPN", "NOUN", "PRON")
                     and k.deprel.split(":")[0] in ("obj", "obl", "nsubj", "appos", "dep", "iobj")
                     and not sent.kids(k.i, "case") and k.i not in in_quote), None)
    if passive:
        ag = _agent(sent, w.i)
        if ag is not None:
            source = [k for k in _np(sent, ag.i) if sent.words[k].deprel != "case"
                      or sent.words[k].head != ag.i]
        else:
            source = []
    elif subj is not None:
        if subj.text.lower() in REL_PRONOUNS and w.deprel.startswith("acl") and w.head >= 0:
            source = sorted({subj.i} | {k for k in _np(sent, w.head, exclude=[w.i])
                                        if not (sent.words[k].deprel == "case" and sent.words[k].head == w.head)})
        elif _is_expl(sent, subj.i):
            source = []
        else:
            source = _np(sent, subj.i)
    elif cls == "ask" and w.text.lower() == "asked" and all(x.upos == "PUNCT" for x in sent.words[:w.i]):
        source = []  # "Asked if …, Ryan said": Ryan was asked; who asked is not said
    else:
        source, how = _inherited_subject(sent, w.i, avoid=in_quote)
        if source is not None and construction == "verb":
            construction = how or construction
    if source and subj is not None:
        source = _join_split_name(sent, w.i, source)
    if source:
        source = [k for k in source if k not in content and k not in exclude and k not in in_quote]
    negated = _negated(sent, w.i)
    head = sent.words[w.head] if w.head >= 0 else None
    if head is not None and w.deprel.startswith("xcomp") and head.lemma.lower() in DECLINING:
        # "declined to say", "refused to confirm": the cue withheld, the same as "did not say"
        negated = True
        cue = sorted(set(cue) | {head.i} | {m.i for m in sent.kids(w.i, "mark") if m.i < w.i})
    return Found(sent, cue, w.lemma.lower(), cls, content, source, construction,
                 negated=negated, extra_content=quoted)


def _adjacent_quotes(sent: Sentence, w: Word, cue: list[int],
                     quotes: QuoteIndex) -> tuple[Span | None, Span | None]:
    """Quotations standing right before and right after the cue and its speaker, with nothing
    but punctuation between ("“…,” the mayor said", "said Ellis: “…”", "“A,” he said, “B.”")."""
    words = sent.words
    speaker: set[int] = set()
    for k in sent.kids(w.i):
        if k.deprel.split(":")[0] in ("nsubj", "obj", "iobj", "obl", "appos", "dep") and \
                k.upos in ("PROPN", "NOUN", "PRON"):
            speaker.update(sent.subtree(k.i))
    allowed = speaker | set(cue)

    def passable(k: int) -> bool:
        return k in allowed or (words[k].upos == "PUNCT" and not _is_quote(words[k].text))

    k = min(cue)
    while k - 1 >= 0 and passable(k - 1):
        k -= 1
    left_edge = words[k].start
    j = max(cue)
    while j + 1 < len(words) and passable(j + 1):
        j += 1
    right_edge = words[j].end
    left = right = None
    for r in quotes.overlapping(max(0, left_edge - MAX_QUOTE), left_edge):
        # the quote's closing mark belongs to this sentence — or the quote ends in a comma
        # ("“…,” Graham told CBS"), so the parser's sentence break before the speaker is wrong
        inner = quotes.text[r[0]:r[1]].rstrip(CLOSERS + " ")
        if left_edge - 3 <= r[1] <= left_edge and (r[1] > sent.start or inner.endswith(",")):
            left = r
    colon = words[j].text in (":", "—", "-", "--")
    for r in quotes.overlapping(right_edge, right_edge + 4):
        # "Cruz continued: “…”" — after a colon the quotation may start a new sentence
        if right_edge <= r[0] <= right_edge + 3 and (r[0] < sent.end or colon):
            right = r
            break
    if left and left[1] - left[0] > MAX_QUOTE:
        left = None
    if right and right[1] - right[0] > MAX_QUOTE:
        right = None
    return left, right


BARE_SPEECH = {"say", "tell", "speak", "add", "write", "explain", "comment", "respond", "reply",
               "continue", "declare", "state", "address", "tweet", "post"}
SPEECH_VERBS = {"say", "tell", "add", "write", "explain", "insist", "argue", "reply", "respond",
                "continue", "note", "state", "declare", "tweet", "announce", "claim", "warn"}
ADDRESSEE_VERBS = {"tell", "ask", "inform", "assure", "remind", "warn", "advise", "brief"}


PROFORMS = {"so", "yes", "no", "otherwise"}


def _proform(sent: Sentence, w: Word) -> Word | None:
    """A pro-form right after a speech verb: "said so", "said yes", "said no"."""
    if w.lemma not in SPEECH_VERBS or w.i + 1 >= len(sent.words):
        return None
    nxt = sent.words[w.i + 1]
    if nxt.head == w.i and nxt.text.lower() in PROFORMS:
        return nxt
    return None


def _fallback_content(sent: Sentence, w: Word, cue: list[int]) -> tuple[list[int], str]:
    """When the parse gives a speech verb no complement (a common parser slip), read the
    content off the word order: what follows the verb, or, for "…, X said.", what precedes
    the comma before the speaker."""
    skip = {"punct", "conj", "cc", "iobj", "advmod", "aux", "aux:pass", "nsubj", "discourse",
            "mark", "expl", "vocative", "dislocated", "reparandum", "compound:prt"}
    right = []
    addressee_done = w.lemma not in ADDRESSEE_VERBS
    for k in sent.children[w.i]:
        c = sent.words[k]
        if k < w.i or k in cue or c.deprel in skip:
            continue
        if c.deprel.startswith("obl") and (c.lemma.lower() in TIME_WORDS or c.upos in ("PRON",)
                                           or any(x.lemma.lower() in ("to", "in", "on", "at", "during")
                                                  for x in sent.kids(k, "case"))):
            continue
        if not addressee_done and c.deprel in ("obj", "obl"):
            addressee_done = True
            continue
        right.extend(sent.subtree(k))
    if len([k for k in right if sent.words[k].upos != "PUNCT"]) >= 3 and any(
            sent.words[k].upos in ("VERB", "AUX") for k in right):
        return sorted(right), "verb-fallback"
    # "…, sources said." — the content is what stands before the comma that precedes the speaker
    subjects = [k for k in sent.kids(w.i, "nsubj")]
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


def _antecedent(sent: Sentence, w: Word) -> list[int]:
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


def _citing_cue(sent: Sentence, w: Word, cls: str) -> Found | None:
    """"…, citing X": X is the source of the clause the participle hangs on."""
    objs = sent.kids(w.i, "obj")
    if not objs or w.head < 0:
        return None
    source = _np(sent, objs[0].i)
    content = _strip_punct(sent, sent.subtree(w.head, exclude=[w.i]))
    if not content:
        return None
    return Found(sent, [w.i], w.lemma.lower(), "report", content, source, "citing")


def _adverb_cue(sent: Sentence, w: Word, lex: Lexicon) -> Found | None:
    """"The suspects were reportedly killed": a clause attributed to an unnamed source."""
    cls = lex.adverbs.get(w.text.lower())
    if cls is None or w.head < 0 or w.deprel.split(":")[0] != "advmod":
        return None
    content = _strip_punct(sent, sent.subtree(w.head, exclude=[w.i]))
    if len([k for k in content if sent.words[k].upos != "PUNCT"]) < 2:
        return None
    return Found(sent, [w.i], w.text.lower(), cls, content, [], "adverb")


def _prep_cue(sent: Sentence, w: Word, lex: Lexicon) -> Found | None:
    """"according to X, …": X is the source, the clause it modifies the content."""
    low = w.text.lower()
    if low != "according" and low != "per":
        return None
    if low == "according":
        nxt = sent.words[w.i + 1] if w.i + 1 < len(sent.words) else None
        if nxt is None or nxt.text.lower() != "to":
            return None
        cue = [w.i, nxt.i]
        if w.deprel == "case":
            src_head = w.head
        else:
            objs = [k for k in sent.kids(w.i, "obl", "obj", "nmod")]
            if not objs:
                return None
            src_head = objs[0].i
    else:
        if w.deprel != "case" or w.head < 0 or lex.prepositions.get("per") is None:
            return None
        cue = [w.i]
        src_head = w.head
    cls = lex.prepositions.get("according to" if low == "according" else "per", "report")
    if src_head < 0:
        return None
    source = [k for k in _np(sent, src_head) if k not in cue]
    pred = sent.words[src_head].head
    # "…, killing 107, according to X": the source speaks for the whole clause, not the participle
    hops = 0
    while pred >= 0 and hops < 3 and _base(sent.words[pred]) in ("advcl", "acl", "xcomp", "conj") \
            and sent.words[pred].head >= 0:
        pred = sent.words[pred].head
        hops += 1
    if pred < 0:
        pred_tree = [k for k in range(len(sent.words)) if k not in sent.subtree(src_head)]
    else:
        pred_tree = sent.subtree(pred, exclude=[src_head])
    content = _strip_punct(sent, [k for k in pred_tree if k not in cue])
    if not content:
        return None
    return Found(sent, cue, "according to" if low == "according" else low, cls, content, source,
                 "according-to")


def _noun_cue(sent: Sentence, w: Word, lex: Lexicon) -> Found | None:
    """"X's claim that …", "the denial by X that …"."""
    if w.upos != "NOUN":
        return None
    cls = lex.noun_class(w.lemma)
    if cls is None:
        return None
    clauses = [k for k in sent.kids(w.i) if k.deprel in ("acl", "ccomp", "acl:that")
               and any(m.lemma.lower() == "that" for m in sent.kids(k.i, "mark"))]
    if not clauses:
        return None
    content = _strip_punct(sent, sent.subtree(clauses[0].i))
    source: list[int] | None = []
    for k in sent.kids(w.i):
        if k.deprel == "nmod:poss" or (k.deprel == "nmod" and any(
                c.lemma.lower() in ("by", "from") for c in sent.kids(k.i, "case"))):
            source = [x for x in _np(sent, k.i) if not (sent.words[x].deprel == "case"
                                                         and sent.words[x].head == k.i)]
            break
    return Found(sent, [w.i], w.lemma.lower(), cls, content, source, "nominal")


# -- from word indices to character spans ----------------------------------------

def _runs(sent: Sentence, idx: list[int]) -> list[Span]:
    spans: list[Span] = []
    prev = None
    for k in sorted(idx):
        w = sent.words[k]
        if prev is not None and k == prev + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], w.end))
        else:
            spans.append((w.start, w.end))
        prev = k
    return spans


def _trim(text: str, s: int, e: int) -> Span:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


MAX_QUOTE = 3000


def _whole_quotes(s: int, e: int, quotes: QuoteIndex, cue: Span) -> Span:
    """Content that starts or ends inside a quotation takes in all of it — its marks, the comma
    before the closing mark, and the sentences it runs on into — unless the cue itself is quoted."""
    for pos in (s, e - 1):
        region = quotes.region_at(pos)
        if region and region[1] - region[0] <= MAX_QUOTE and not (region[0] <= cue[0] < region[1]):
            s, e = min(s, region[0]), max(e, region[1])
    return s, e


def _spans(text: str, sent: Sentence, idx: list[int], quotes: QuoteIndex,
           cue: Span | None = None) -> list[Span]:
    out = []
    for s, e in _runs(sent, idx):
        s, e = _trim(text, s, e)
        if s >= e:
            continue
        if cue is not None:
            s, e = _whole_quotes(s, e, quotes, cue)
        if any(ch.isalnum() for ch in text[s:e]):
            out.append((s, e))
    return merge_spans(out, text)


# -- the extractor ----------------------------------------------------------------

def find_attributions(doc: Doc, lexicon: Lexicon | None = None,
                      quotes: QuoteIndex | None = None) -> Iterator[Found]:
    """All cue-anchored attributions of *doc*, sentence by sentence, in word indices."""
    lex = lexicon or load_lexicon()
    quotes = quotes or QuoteIndex(doc.text)
    for sent in doc.sentences:
        taken: set[int] = set()
        found_here: list[Found] = []
        for w in sent.words:
            found = (_prep_cue(sent, w, lex) or _verb_cue(sent, w, lex, quotes) or _noun_cue(sent, w, lex)
                     or _adverb_cue(sent, w, lex))
            if found is None or found.cue[0] in taken:
                continue
            taken.update(found.cue)
            found_here.append(found)
        # "advised X to avoid Y, warning that Z": the participle's own attribution is not part
        # of the content it trails after
        for p in found_here:
            if p.construction != "participle":
                continue
            drop = set(sent.subtree(p.cue[0]))
            for f in found_here:
                if f is not p and p.cue[0] in f.content and f.cue[0] not in drop:
                    f.content = _strip_punct(sent, [k for k in f.content if k not in drop])
        yield from (f for f in found_here if f.content or f.extra_content or f.construction == "bare")


def extract(doc: Doc, lexicon: Lexicon | None = None, quotes: QuoteIndex | None = None) -> list[Attribution]:
    """Attributions of a parsed document, with character spans into ``doc.text``.

    Ids are ``a1``, ``a2``, … in reading order of the cue.
    """
    text = doc.text
    quotes = quotes or QuoteIndex(text)
    items: list[tuple[int, Attribution]] = []
    bare: list[Attribution] = []
    for f in find_attributions(doc, lexicon, quotes):
        cue_spans = _runs(f.sent, f.cue)
        content_spans = merge_spans(_spans(text, f.sent, f.content, quotes, cue=cue_spans[0])
                                    + list(f.extra_content), text)
        if not content_spans and f.construction != "bare":
            continue
        src_spans = _spans(text, f.sent, [k for k in f.source or [] if not any(
            s <= f.sent.words[k].start < e for s, e in content_spans)], quotes)
        source = Role.from_spans(text, src_spans) if src_spans else None
        cue = Cue.from_spans(text, cue_spans, f.lemma, f.cls, f.negated)
        content = Role.from_spans(text, content_spans)
        kind = quotes.quote_type(content.spans, text)
        att = Attribution("", f.sent.index, kind, source, cue, content, f.construction)
        (bare if f.construction == "bare" else items).append((cue.start, att))
    atts = [a for _, a in sorted(items, key=lambda x: x[0])]
    atts = _drop_duplicates(atts)
    atts.extend(_layout_attributions(doc, quotes, atts))
    atts.sort(key=lambda a: a.cue.start)
    atts = _drop_quoted_cues(atts, quotes)
    atts.extend(_attach_neighbour_quotes(doc, atts, [a for _, a in bare], quotes))
    atts.sort(key=lambda a: a.cue.start)
    for k, a in enumerate(atts, 1):
        a.id = f"a{k}"
    _nest(atts)
    return atts


HEDGES = {"believe", "intend", "evaluate", "ask"}
QUESTION_MARKS = {"if", "whether", "how", "why", "what", "when", "where", "who"}


def _drop_quoted_cues(atts: list[Attribution], quotes: QuoteIndex) -> list[Attribution]:
    """A reporting verb inside someone's quoted words is part of what they said ("“I think we
    will win,” he said"), not a new attribution; nor is a hedge ("he said he thinks …") inside
    another attribution's content."""

    def holders(a: Attribution, pool: list[Attribution]) -> list[Attribution]:
        cs = a.cue.spans[0][0]
        return [b for b in pool if b is not a and any(s <= cs < e for s, e in b.content.spans)]

    # first the words inside quotations (and transcripts), then hedges inside what is left: an
    # attribution that is itself quoted speech cannot make another one a hedge
    kept = []
    for a in atts:
        inside = holders(a, atts)
        if inside and (quotes.region_at(a.cue.spans[0][0]) is not None
                       or any(b.construction == "speaker-label" for b in inside)):
            continue
        kept.append(a)
    out = []
    for a in kept:
        if a.cue.cls in HEDGES and holders(a, kept):
            continue
        if a.source and a.source.text.lower() in FIRST_SECOND_PERSON:
            # "I think …", "you can say …": the writer's own voice or a generic "you", not a
            # source whose claims one could check
            continue
        if a.cue.text.lower().split()[0] in HYPOTHETICAL:
            # "would call", "could say", "can't say": what someone might say, not what they said
            continue
        out.append(a)
    return out


HYPOTHETICAL = {"would", "could", "should", "can", "ca", "'d", "’d", "wouldn't", "couldn't",
                "shouldn't", "can't", "cannot"}


FIRST_SECOND_PERSON = {"i", "we", "you", "me", "us"}


DASHES = "―—–"
LAYOUT_STOP = {"note", "update", "editor", "photo", "read", "watch", "related", "source", "credit",
               "credits", "image", "video", "listen", "click", "share", "follow", "advertisement",
               "subscribe", "tags", "see", "also", "more", "q", "a"}


def _layout_attributions(doc: Doc, quotes: QuoteIndex, atts: list[Attribution]) -> list[Attribution]:
    """Attributions marked by layout rather than a verb: a quote signed with a dash
    ("“…” ― Jane Doe") and a speaker label before a colon ("PENCE: Well, look …", "Poll: …")."""
    text = doc.text
    cues = {a.cue.spans[0] for a in atts}
    out: list[Attribution] = []
    words = [(s, w) for s in doc.sentences for w in s.words]
    starts = [w.start for _, w in words]
    import bisect

    def words_between(a: int, b: int) -> list[tuple[Sentence, Word]]:
        k = bisect.bisect_left(starts, a)
        res = []
        while k < len(words) and words[k][1].start < b:
            res.append(words[k])
            k += 1
        return res

    def name_like(ws: list[tuple[Sentence, Word]]) -> bool:
        content = [w for _, w in ws if w.upos != "PUNCT"]
        return 1 <= len(content) <= 6 and content[0].text[:1].isupper() and all(
            w.upos in ("PROPN", "NOUN", "ADJ", "NUM", "DET", "ADP", "CCONJ") or w.text[:1].isupper()
            for w in content) and not any(w.upos in ("VERB", "AUX") for w in content) and \
            content[0].text.lower() not in LAYOUT_STOP

    # signed quotes
    for qs, qe in quotes.regions:
        k = qe
        while k < len(text) and text[k] in " \t\u00a0":
            k += 1
        if k >= len(text) or text[k] not in DASHES:
            continue
        line_end = text.find("\n", k)
        line_end = len(text) if line_end < 0 else line_end
        ws = words_between(k + 1, line_end)
        if not ws or not name_like(ws):
            continue
        src = (ws[0][1].start, ws[-1][1].end)
        while src[1] > src[0] and text[src[1] - 1] in ".,;: ":
            src = (src[0], src[1] - 1)
        sent = ws[0][0]
        out.append(Attribution("", sent.index, "direct", Role.from_spans(text, [src]),
                               Cue.from_spans(text, [(k, k + 1)], "dash", "assert"),
                               Role.from_spans(text, [(qs, qe)]), "signed-quote"))
    # speaker labels
    for sent in doc.sentences:
        line_start = text.rfind("\n", 0, sent.start) + 1
        lead = text[line_start:sent.start]
        if lead.strip(" \t\u00a0\"\u201c\u2018'"):
            continue
        colon = next((w for w in sent.words[:7] if w.text == ":"), None)
        if colon is None or colon.i == 0 or (colon.start, colon.end) in cues:
            continue
        label = [(sent, w) for w in sent.words[:colon.i]]
        if not name_like([x for x in label if not _is_quote(x[1].text)]):
            continue
        line_end = text.find("\n", colon.end)
        line_end = len(text) if line_end < 0 else line_end
        cs, ce = _trim(text, colon.end, line_end)
        if ce - cs < 10:
            continue
        first = next(w for _, w in label if not _is_quote(w.text))
        src = (first.start, label[-1][1].end)
        out.append(Attribution("", sent.index, quotes.quote_type([(cs, ce)], text),
                               Role.from_spans(text, [src]),
                               Cue.from_spans(text, [(colon.start, colon.end)], ":", "assert"),
                               Role.from_spans(text, [(cs, ce)]), "speaker-label"))
    return out


def _drop_duplicates(atts: list[Attribution]) -> list[Attribution]:
    seen: set[tuple] = set()
    out = []
    for a in atts:
        key = (tuple(a.cue.spans), tuple(a.content.spans))
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


def _attach_neighbour_quotes(doc: Doc, atts: list[Attribution], bare: list[Attribution],
                             quotes: QuoteIndex) -> list[Attribution]:
    """Quotations that stand alone, their speaker named in the sentence or paragraph before
    (or, failing that, after): a continuing quote joins the speaker's attribution as another
    fragment; a quote after a bare speech verb ("The chairman spoke to the crowd.") becomes its
    content. Returns the attributions that bare cues turned into."""
    text = doc.text
    roles = [sp for a in atts for r in (a.source, a.cue, a.content) if r for sp in r.spans]
    sent_of = _sentence_locator(doc)
    new: list[Attribution] = []
    for qs, qe in quotes.regions:
        if any(s < qe and qs < e for s, e in roles):
            continue
        words = sum(1 for w in text[qs:qe].split() if any(ch.isalnum() for ch in w))
        k = sent_of(qs)
        if words < 4 or k is None:
            continue
        # the quotation opens its own sentence: nothing but other attributions' words stand
        # between the end of the previous sentence (or the line start) and the quote
        b = qs - 1
        while b >= 0 and (text[b].isspace() or text[b] in CLOSERS) and text[b] != "\n":
            b -= 1
        start = b + 1 if b < 0 or text[b] in ".!?\n:" else text.rfind("\n", 0, qs) + 1
        lead = [ch for p, ch in enumerate(text[start:qs], start)
                if ch.isalnum() and not any(s <= p < e for s, e in roles)]
        if lead:
            continue
        before = [a for a in atts + bare if a.cue.start < qs and a.sentence >= k - 2]
        host = None
        for a in sorted(before, key=lambda a: a.cue.start, reverse=True):
            colon = text[a.cue.spans[-1][1]:a.cue.spans[-1][1] + 2].strip() == ":"
            if a.construction == "bare" or a.type in ("direct", "mixed") or colon:
                host = a
            break
        if host is None:
            host = next((a for a in atts if a.cue.start > qe and a.sentence <= k + 1
                         and a.type == "direct"), None)
        if host is None:
            continue
        spans = list(host.content.spans) + [(qs, qe)]
        host.content = Role.from_spans(text, spans)
        host.type = quotes.quote_type(host.content.spans, text)
        if host.construction == "bare":
            host.construction = "neighbour-quote"
            bare.remove(host)
            atts.append(host)
            new.append(host)
        elif host.construction in ("verb", "inverted", "inverted-quote", "quote"):
            host.construction = "neighbour-quote"
        roles.append((qs, qe))
    for a in new:
        atts.remove(a)
    return new


def _sentence_locator(doc: Doc):
    import bisect

    starts = [s.start for s in doc.sentences]

    def locate(pos: int) -> int | None:
        k = bisect.bisect_right(starts, pos) - 1
        if k < 0:
            return None
        return k

    return locate


def _nest(atts: list[Attribution]) -> None:
    """Mark attributions whose cue lies inside another's content (the chain of sources).

    The parent is the smallest content that holds the cue; a parent never ends up inside its
    own child's chain (interleaved quotes could otherwise make a cycle)."""
    by_id = {a.id: a for a in atts}

    def size(a: Attribution) -> int:
        return sum(e - s for s, e in a.content.spans)

    for inner in sorted(atts, key=size):
        cs, ce = inner.cue.spans[0]
        best = None
        for outer in atts:
            if outer is inner or not any(s <= cs and ce <= e for s, e in outer.content.spans):
                continue
            # walk up from outer: if inner is already an ancestor, this link would close a loop
            seen, up = set(), outer
            while up is not None and up.id not in seen:
                seen.add(up.id)
                up = by_id.get(up.parent) if up.parent else None
            if inner.id in seen:
                continue
            if best is None or size(outer) < size(best):
                best = outer
        if best is not None:
            inner.parent = best.id
