"""Passes over the found attributions: trim participles out of the content they trail, drop
duplicates, hedges and quoted cues, and nest reports in reports (the chain of sources)."""
from __future__ import annotations

from ..parse.parser import Sentence
from .marks import QuoteIndex
from ..types import Attribution
from .candidate import Found
from .tree import noun_phrase, strip_punct
from .words import APPEARANCE_VERBS, CONTRAST_MARKS, TIME_WORDS, FIRST_SECOND_PERSON, HEDGES, HYPOTHETICAL, POLL_SHARES


def detach_participles(sent: Sentence, found: list[Found]) -> None:
    """"advised X to avoid Y, warning that Z": the participle's own attribution is not part of
    the content it trails after."""
    for p in found:
        if p.construction != "participle":
            continue
        drop = set(sent.subtree(p.cue[0]))
        for f in found:
            if f is not p and p.cue[0] in f.content and f.cue[0] not in drop:
                rest = strip_punct(sent, [k for k in f.content if k not in drop])
                # ("decided against recommending charges": a participle that is all of the
                # content is the complement, not a trailing aside)
                f.content = rest or f.content


def detach_trailing_reports(sent: Sentence, found: list[Found], speech: "set[str] | dict") -> None:
    """"X said P, the agency reported": the parser hangs "the agency reported" on "said" as a
    second clause; a reporting verb with its own subject and nothing reported of its own,
    after the content and a comma, frames the whole report and is not part of what X said."""
    frames: list[Found] = []
    for f in found:
        head = next((k for k in f.cue if sent.words[k].head not in f.cue), f.cue[0])
        for c in sent.kids(head, "ccomp", "parataxis"):
            if c.lemma.lower() not in speech or not _bare_frame(sent, c):
                continue
            tree = set(sent.subtree(c.i))
            if not _after_comma(sent, min(tree)):
                continue
            if c.i in f.content and any(k < min(tree) for k in f.content):
                f.content = strip_punct(sent, [k for k in f.content if k not in tree]) or f.content
            elif c.i in f.content or min(tree) < max([*f.cue, *(f.source or [])]):
                continue   # ('"…," Beridze said, the wire reported': the quote is all X said)
            if not any(c.i in g.cue for g in found + frames):
                frames.append(_frame(sent, c, min(tree), speech))
    found.extend(frames)


def _after_comma(sent: Sentence, i: int) -> bool:
    """Whether the clause starting at word *i* opens with, or follows, a comma."""
    return sent.words[i].text == "," or i > 0 and sent.words[i - 1].text == ","


def _frame(sent: Sentence, verb, start: int, speech: "set[str] | dict") -> Found:
    """The trailing report's own attribution: the agency reports all that comes before it
    (so X's report nests in the agency's)."""
    subj = next(k for k in sent.kids(verb.i) if k.deprel.startswith("nsubj"))
    cls = speech.get(verb.lemma.lower(), "report") if isinstance(speech, dict) else "report"
    return Found(sent, [verb.i], verb.lemma.lower(), cls, strip_punct(sent, list(range(start))),
                 noun_phrase(sent, subj.i), "trailing")


def detach_leading_time(sent: Sentence, found: list[Found]) -> None:
    """"said on Sunday it had destroyed …": a time phrase right after the cue and before the
    content's subject tells when it was said; the parser may hang it on the content's verb."""
    for f in found:
        if not f.content or min(f.content) <= max(f.cue):
            continue
        start = min(f.content)
        between = [w for w in sent.words[max(f.cue) + 1:start] if w.upos != "PUNCT"]
        if between:
            continue
        root = next((k for k in f.content if sent.words[k].head not in f.content), None)
        subj = [k.i for k in sent.kids(root, "nsubj", "nsubj:pass")] if root is not None else []
        for t in sent.kids(root) if subj else []:
            tree = sorted(sent.subtree(t.i))
            if (t.deprel.startswith(("obl", "nmod")) and t.lemma.lower() in TIME_WORDS
                    and tree[0] == start and tree[-1] < min(subj)):
                f.content = strip_punct(sent, [k for k in f.content if k not in set(tree)]) or f.content
                break


def detach_parallel_reports(sent: Sentence, found: list[Found]) -> None:
    """"X said it had destroyed 30 drones, while officials reported damage": the parser may
    hang the contrasted report on X's verb; a report of its own subject, opened by a
    contrastive "while"/"whereas" after a comma, is the writer's second report, not X's words
    (so it does not nest in X's)."""
    for g in found:
        c = sent.words[next((k for k in g.cue if sent.words[k].head not in g.cue), g.cue[0])]
        marks = [m for m in sent.kids(c.i, "mark") if m.lemma.lower() in CONTRAST_MARKS]
        if c.deprel != "advcl" or not marks or not any(
                k.deprel.startswith("nsubj") for k in sent.kids(c.i)):
            continue
        tree = set(sent.subtree(c.i))
        if not _after_comma(sent, min(marks[0].i, *tree)):
            continue
        for f in found:
            if f is not g and c.i in f.content and not set(f.cue) & tree:
                f.content = strip_punct(sent, [k for k in f.content if k not in tree]) or f.content


def drop_occasions(sent: Sentence, found: list[Found]) -> None:
    """"said in an interview that he stands by it": the occasion of a report that says the same
    clause is part of that report, not a second one (the parser hung the clause on the noun)."""
    for f in [f for f in found if f.construction == "nominal"]:
        noun = sent.words[next((k for k in f.cue if sent.words[k].head not in f.cue), f.cue[0])]
        if noun.deprel.startswith("obl") and any(
                g is not f and noun.head in g.cue and set(f.content) <= set(g.content) for g in found):
            found.remove(f)


def _bare_frame(sent: Sentence, verb) -> bool:
    """A reporting clause with a subject and nothing it reports ("Caucasus Wire reported")."""
    kids = sent.kids(verb.i)
    return any(k.deprel.startswith("nsubj") for k in kids) and not any(
        k.deprel.split(":")[0] in ("ccomp", "parataxis", "obj", "xcomp", "csubj") for k in kids)


def drop_duplicates(atts: list[Attribution]) -> list[Attribution]:
    """The first of attributions with the same cue and content."""
    seen: set[tuple] = set()
    out = []
    for a in atts:
        key = (tuple(a.cue.spans), tuple(a.content.spans))
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


def _holders(a: Attribution, pool: list[Attribution]) -> list[Attribution]:
    cs = a.cue.spans[0][0]
    return [b for b in pool if b is not a and any(s <= cs < e for s, e in b.content.spans)]


def drop_quoted_cues(atts: list[Attribution], quotes: QuoteIndex) -> list[Attribution]:
    """A reporting verb inside someone's quoted words is part of what they said ("“I think we
    will win,” he said"), not a new attribution; nor is a hedge ("he said he thinks …") inside
    another attribution's content."""
    # first the words inside quotations (and transcripts), then hedges inside what is left: an
    # attribution that is itself quoted speech cannot make another one a hedge
    kept = []
    for a in atts:
        inside = _holders(a, atts)
        if inside and (quotes.region_at(a.cue.spans[0][0]) is not None
                       or any(b.construction == "speaker-label" for b in inside)):
            continue
        if _within_one_quote(a, quotes):
            continue
        kept.append(a)
    return [a for a in kept if not (a.cue.cls in HEDGES and _holders(a, kept)) and checkable(a)]


def _within_one_quote(a: Attribution, quotes: QuoteIndex) -> bool:
    """“We want to serve them the way they wish to be served.”: cue and source in one quotation
    are what its speaker said (the quotation may join its speaker only later) — however far a
    parse slip carries the content (“… she was referencing these bands …,” McDowell laughed)."""
    region = quotes.region_at(a.cue.spans[0][0])
    if region is None or a.construction in ("signed-quote", "speaker-label", "headline"):
        return False
    spans = [sp for r in (a.source, a.cue) if r for sp in r.spans]
    inside = all(region[0] <= s and e <= region[1] for s, e in spans)
    return inside and (a.source is not None or all(region[0] <= s and e <= region[1] for s, e in a.content.spans))


def checkable(a: Attribution) -> bool:
    """Not the writer's own voice or a generic "you" ("I think …"), and not what someone might
    say ("would call", "could say", "can't say"): no source whose claims one could check."""
    if a.source and a.source.text.lower() in FIRST_SECOND_PERSON:
        return False
    # "44 percent would back Trump": a poll's answer to a hypothetical is its finding; "RT can
    # seem like another entrant": an impression is no less one for its modal
    return a.cue.text.lower().split()[0] not in HYPOTHETICAL or _poll_share(a) \
        or a.cue.lemma in APPEARANCE_VERBS or a.construction == "evident"


def _poll_share(a: Attribution) -> bool:
    words = a.source.text.lower().split() if a.source else []
    return any(w in POLL_SHARES or w.rstrip("%").replace(".", "").isdigit() for w in words)


def nest(atts: list[Attribution]) -> None:
    """Mark attributions whose cue lies inside another's content (the chain of sources).

    The parent is the smallest content that holds the cue; a parent never ends up inside its
    own child's chain (interleaved quotes could otherwise make a cycle)."""
    by_id = {a.id: a for a in atts}
    size = {id(a): sum(e - s for s, e in a.content.spans) for a in atts}
    # each content's reach, so that most outers are ruled out by two comparisons (this runs on
    # every candidate of an article, a few hundred with the model's)
    reach = [(a, min((s for s, _ in a.content.spans), default=0), max((e for _, e in a.content.spans), default=0))
             for a in atts]

    def ancestors(a: Attribution) -> set[str]:
        seen, up = set(), a
        while up is not None and up.id not in seen:
            seen.add(up.id)
            up = by_id.get(up.parent) if up.parent else None
        return seen

    for inner in sorted(atts, key=lambda a: size[id(a)]):
        cs, ce = inner.cue.spans[0]
        best = None
        for outer, lo, hi in reach:
            if lo > cs or hi < ce or outer is inner or not any(s <= cs and ce <= e for s, e in outer.content.spans):
                continue
            if inner.id in ancestors(outer):
                continue  # this link would close a loop
            if best is None or size[id(outer)] < size[id(best)]:
                best = outer
        if best is not None:
            inner.parent = best.id
