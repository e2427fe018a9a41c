"""Attributions marked by layout rather than a verb: a quote signed with a dash
("“…” ― Jane Doe"), a speaker label before a colon ("PENCE: Well, look …", "Poll: …"), and a
headline's verb in title case ("Former Doctor Says Clinton Hid Health Problems"), which parsers
read as a name."""
from __future__ import annotations

import re

from .lexicon import Lexicon
from ..parse.index import WordIndex
from ..parse.parser import Doc, Sentence, Word
from .marks import QuoteIndex
from ..types import Attribution, Cue, Role, Span
from .candidate import trim
from .tree import is_quote
from .words import (ARTICLES, CLOSERS, DASHES, FIRST_SECOND_PERSON, FIRST_SECOND_POSSESSIVE, HEADLINE_LOWER,
                    LAYOUT_STOP, OPENERS, PLACES)

Located = tuple[Sentence, Word]
_MARKS = re.escape(OPENERS + CLOSERS)
# a whole line that is a quotation signed with a dash
SIGNED_LINE = re.compile(rf"^[ \t\u00a0]*([{_MARKS}][^\n]*?[{_MARKS}])[ \t\u00a0]*[{DASHES}]", re.M)


def layout_attributions(doc: Doc, quotes: QuoteIndex, atts: list[Attribution],
                        lex: Lexicon | None = None) -> list[Attribution]:
    """Signed quotes, speaker labels and headline verbs (where no cue was found already)."""
    words = WordIndex(doc)
    out = list(signed_quotes(doc, quotes, words)) + list(speaker_labels(doc, quotes, atts))
    if lex is not None:
        out.extend(headline_cues(doc, quotes, words, atts, lex))
    return out


def name_like(ws: list[Located]) -> bool:
    """A short run of capitalised or name-like words with no verb: a signature or label (a
    place in capitals is a dateline: "NEW DELHI:")."""
    content = [w for _, w in ws if w.upos != "PUNCT"]
    if content and " ".join(w.text for w in content).lower() in PLACES:
        return False
    return 1 <= len(content) <= 6 and content[0].text[:1].isupper() and all(
        w.upos in ("PROPN", "NOUN", "ADJ", "NUM", "DET", "ADP", "CCONJ") or w.text[:1].isupper()
        for w in content) and not any(w.upos in ("VERB", "AUX") and not _capitals(w.text) for w in content) \
        and content[0].text.lower() not in LAYOUT_STOP


def _capitals(tok: str) -> bool:
    """A word in capitals ("PENCE"): a transcript's speaker, whatever tag the parser gave it."""
    return len(tok) >= 2 and tok.isalpha() and tok.isupper()


def signed_quotes(doc: Doc, quotes: QuoteIndex, words: WordIndex):
    """"“…” ― Jane Doe": a quotation followed on its line by a dash and a name."""
    text = doc.text
    for qs, qe in _signed_candidates(text, quotes):
        k = qe
        while k < len(text) and text[k] in " \t\u00a0":
            k += 1
        if k >= len(text) or text[k] not in DASHES:
            continue
        ws = words.between(k + 1, _line_end(text, k))
        if not ws or not name_like(ws):
            continue
        src = (ws[0][1].start, ws[-1][1].end)
        while src[1] > src[0] and text[src[1] - 1] in ".,;: ":
            src = (src[0], src[1] - 1)
        yield Attribution("", ws[0][0].index, "direct", Role.from_spans(text, [src]),
                          Cue.from_spans(text, [(k, k + 1)], "dash", "assert"),
                          Role.from_spans(text, [(qs, qe)]), "signed-quote")


def _signed_candidates(text: str, quotes: QuoteIndex) -> list[Span]:
    """Quotation regions, and lines that open and close with quotation marks before a dash even
    when the marks do not pair up ("”…” ― Name", a closing mark used as the opener)."""
    found = list(quotes.regions)
    for m in SIGNED_LINE.finditer(text):
        if not any(s <= m.start(1) < e for s, e in found):
            found.append((m.start(1), m.end(1)))
    return sorted(found)


def speaker_labels(doc: Doc, quotes: QuoteIndex, atts: list[Attribution]):
    """"PENCE: Well, look …": a name-like label opening a line, then a colon and the words."""
    text = doc.text
    cues = {a.cue.spans[0] for a in atts}
    for sent in doc.sentences:
        line_start = text.rfind("\n", 0, sent.start) + 1
        if text[line_start:sent.start].strip(" \t\u00a0\"\u201c\u2018'"):
            continue
        colon = next((w for w in sent.words[:7] if w.text == ":"), None)
        if colon is None or colon.i == 0 or (colon.start, colon.end) in cues:
            continue
        label = [(sent, w) for w in sent.words[:colon.i]]
        if not name_like([x for x in label if not is_quote(x[1].text)]) or any(
                w.text[:1].islower() and w.text.lower() not in HEADLINE_LOWER for _, w in label):
            continue  # "Dempsey dove deeper: …" is a sentence, not a label
        cs, ce = trim(text, colon.end, _line_end(text, colon.end))
        if ce - cs < 10:
            continue
        first = next(w for _, w in label if not is_quote(w.text))
        if first.text.lower() in ARTICLES:
            continue  # "The Latest: …", "The Ninth Circle: …": a title, not a speaker
        if _imperative(sent, colon):
            continue  # "Lakers: Visit the Thunder on Friday.": a listing's line, said by no one
        src: Span = (first.start, label[-1][1].end)
        yield Attribution("", sent.index, quotes.quote_type([(cs, ce)], text),
                          Role.from_spans(text, [src]),
                          Cue.from_spans(text, [(colon.start, colon.end)], ":", "assert"),
                          Role.from_spans(text, [(cs, ce)]), "speaker-label")


def _imperative(sent: Sentence, colon: Word) -> bool:
    """Whether the words after *colon* are one clause in the imperative, a verb with no subject
    that heads them all, addressed to no one in the room: "Look, we will win", "Let us start"
    and "Tell me more" are a speaker's."""
    rest = [w for w in sent.words[colon.i + 1:] if w.upos != "PUNCT"]
    if not rest or rest[0].upos != "VERB" or is_quote(sent.words[colon.i + 1].text) \
            or any(w.text.lower() in FIRST_SECOND_PERSON | FIRST_SECOND_POSSESSIVE for w in rest):
        return False
    first = rest[0]
    if not (first.feat("Mood") == "Imp" or first.xpos == "VB") or sent.kids(first.i, "nsubj", "nsubj:pass"):
        return False
    return {w.i for w in rest} <= set(sent.subtree(first.i))


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def headline_cues(doc: Doc, quotes: QuoteIndex, words: WordIndex, atts: list[Attribution],
                  lex: Lexicon):
    """"Lindsey Graham Says Trump Could Address Clean Energy" and "Clinton Hid Health Problems,
    Former Doctor Says.": in a title-case line, a reporting verb in its -s or -ed form next to a
    name; the name is the source, the rest of the line the content."""
    text = doc.text
    taken = [sp for a in atts for sp in a.cue.spans]
    pos = 0
    while pos < len(text):
        end = _line_end(text, pos)
        ws = words.between(pos, end)
        # the first line is the title even in sentence case ("Lawmaker urges retaliation on Russia")
        found = _headline_parts(ws, text[pos:end], lex, title=not text[:pos].strip()) if ws else None
        if found is not None:
            src, (cue, lemma, cls), content = found
            cs, ce = trim(text, *content)
            if ce > cs and not any(s < cue[1] and cue[0] < e for s, e in taken):
                yield Attribution("", ws[0][0].index, quotes.quote_type([(cs, ce)], text),
                                  Role.from_spans(text, [src]), Cue.from_spans(text, [cue], lemma, cls),
                                  Role.from_spans(text, [(cs, ce)]), "headline")
        pos = end + 1


def _headline_parts(ws: list[Located], line: str, lex: Lexicon, title: bool = False):
    """(source span, (cue span, lemma, class), content span) of a title-case headline line, or
    of the article's title line in sentence case."""
    alpha = [w for _, w in ws if w.text[:1].isalpha()]
    if not 4 <= len(alpha) <= 25 or line.rstrip().endswith(("?", "!", ",", ":")):
        return None
    sentence_case = title and not line.rstrip().endswith(".")
    if not sentence_case and any(not w.text[:1].isupper() and w.text.lower() not in HEADLINE_LOWER
                                 for w in alpha):
        return None
    for k in range(1, len(ws)):
        w = ws[k][1]
        verb = _reporting_form(w, lex, any_case=sentence_case)
        if verb is None:
            continue
        lemma, cls = verb
        rest = [x for _, x in ws[k + 1:] if x.upos != "PUNCT"]
        if not rest:
            # "…, Former White House Doctor Says.": content before the comma, source after it
            comma = max((j for j in range(k) if ws[j][1].text == ","), default=None)
            if comma is None or comma == 0 or not name_like(ws[comma + 1:k]):
                return None
            return ((ws[comma + 1][1].start, ws[k - 1][1].end), ((w.start, w.end), lemma, cls),
                    (ws[0][1].start, ws[comma - 1][1].end))
        if not name_like(ws[:k]) or len(rest) < 2:
            return None
        cue_end = ws[k + 1][1].end if ws[k + 1][1].text.lower() in lex.phrasal.get(lemma, {}) else w.end
        return (ws[0][1].start, ws[k - 1][1].end), ((w.start, cue_end), lemma, cls), (cue_end, ws[-1][1].end)
    return None


def _reporting_form(w: Word, lex: Lexicon, any_case: bool = False) -> tuple[str, str] | None:
    """(lemma, class) when a capitalised word (any word, in a sentence-case title) is a
    reporting verb's -s or -ed form."""
    if not w.text[:1].isupper() and not any_case:
        return None
    for lemma in _finite_forms(w.text.lower()):
        cls = lex.verb_class(lemma)
        if cls is not None:
            return lemma, cls
    return None


def _finite_forms(low: str) -> list[str]:
    """Lemmas a third-person or past form may come from ("says" → say, "denies" → deny,
    "slammed" → slam); nothing for other words."""
    if low == "said":
        return ["say"]
    if low.endswith("ies"):
        return [low[:-3] + "y"]
    if low.endswith("s") and not low.endswith("ss"):
        return [low[:-1], low[:-2]] if low.endswith("es") else [low[:-1]]
    if low.endswith("ed"):
        return [low[:-2], low[:-1], low[:-3]]
    return []
