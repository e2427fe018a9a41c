"""Quotations and their speakers: a quotation standing right next to a cue ("“…,” said the
KNB", "“A,” he said, “B.”", "said Ellis: “…”"), and quotations standing alone whose speaker is
named in the sentence or paragraph before ("The chairman spoke to the crowd. “…”")."""
from __future__ import annotations

import bisect
from typing import Callable

from ..parse.parser import Doc, Sentence, Word
from .marks import QuoteIndex
from ..types import Attribution, Role, Span
from .tree import is_quote, speaker_words
from .words import BARE_SPEECH, CLOSERS, HEADLINE_LOWER, MAX_QUOTE, SPEECH_VERBS


def adjacent_quotes(sent: Sentence, w: Word, cue: list[int],
                    quotes: QuoteIndex) -> tuple[Span | None, Span | None]:
    """Quotations standing right before and right after the cue and its speaker, with nothing
    but punctuation between ("“…,” the mayor said", "said Ellis: “…”", "“A,” he said, “B.”")."""
    words = sent.words
    # words the parser hung on the verb from inside a quotation ("… Full panic mode,” said X",
    # the quote's subject taken for the verb's) are not the speaker's
    allowed = {k for k in _speaker_words(sent, w) if quotes.region_at(words[k].start) is None} | set(cue)

    def passable(k: int) -> bool:
        return k in allowed or (words[k].upos == "PUNCT" and not is_quote(words[k].text))

    k = min(cue)
    while k - 1 >= 0 and passable(k - 1):
        k -= 1
    j = max(cue)
    while j + 1 < len(words) and passable(j + 1):
        j += 1
    # ("“That would be you?” Borger asked.": a sentence of speaker and cue alone takes the question
    # the splitter cut off before it)
    bare = all(words[x].upos == "PUNCT" for x in range(j + 1, len(words)))
    left = _quote_before(sent, words[k].start, quotes, bare) or _quote_before_speaker(sent, min(cue), quotes)
    right = _quote_after(sent, words[j].end, words[j].text in (":", "—", "-", "--"), quotes)
    # (a title after the cue may be what is sung or proclaimed: "sings Springsteen’s “American
    # Skin”"; before it, it is where the words were said)
    return None if left and title_quote(quotes.text, left) else left, right


def title_quote(text: str, region: Span) -> bool:
    """'on CNN’s “State of the Union,”', 'the singing competition “I’d Do Anything” —': a short
    quoted name in title case is a programme, a song or a book, not someone's words — one word
    only after a possessive or a preposition ("“Absolutely,” she said" is speech)."""
    inner = text[region[0] + 1:region[1] - 1].strip(" ,")
    words = [w for w in inner.split() if w not in ("&", "-", "–", "—")]
    if not 1 <= len(words) <= 6 or inner.endswith((".", "!", "?", "…")) or \
            not all(w[:1].isupper() or w.lower() in HEADLINE_LOWER for w in words):
        return False
    before = text[max(0, region[0] - 12):region[0]].rstrip().lower()
    return len(words) >= 2 or before.endswith(("’s", "'s", " on", " in", " to", " of"))


def continued_quote(sent: Sentence, quotes: QuoteIndex) -> Span | None:
    """'“It’s finished,” she said of the election. “In my head, anyway.”': a quotation that
    follows the cue's sentence in its paragraph and closes the paragraph goes on with the same
    speaker's words."""
    text = quotes.text
    k = sent.end
    while k < len(text) and text[k] in " \t\u00a0":
        k += 1
    region = quotes.region_at(k)
    if region is None or region[0] != k or region[1] - region[0] > MAX_QUOTE:
        return None
    rest = text[region[1]:text.find("\n", region[1]) if "\n" in text[region[1]:] else len(text)]
    return region if not rest.strip() else None


def _quote_before_speaker(sent: Sentence, cue: int, quotes: QuoteIndex) -> Span | None:
    """'“…,” Scott Pruitt, the attorney general of Oklahoma, said': a quotation closing in this
    sentence with only a speaker's name and appositions between it and the verb, however the
    parser hung those words."""
    verb = sent.words[cue]
    if verb.deprel.startswith("acl") or verb.lemma.lower() not in SPEECH_VERBS | BARE_SPEECH:
        return None  # ("postings that included one saying …": a relative clause, not a speaker)
    start = verb.start
    for r in reversed(quotes.overlapping(sent.start, start)):
        if not (sent.start < r[1] <= start) or r[1] - r[0] > MAX_QUOTE:
            continue
        between = [k for k in range(cue) if r[1] <= sent.words[k].start]
        return r if speaker_words(sent, between) else None
    return None


def _speaker_words(sent: Sentence, w: Word) -> set[int]:
    speaker: set[int] = set()
    for k in sent.kids(w.i):
        if k.deprel.split(":")[0] in ("nsubj", "obj", "iobj", "obl", "appos", "dep") and \
                k.upos in ("PROPN", "NOUN", "PRON"):
            speaker.update(sent.subtree(k.i))
    return speaker


def _quote_before(sent: Sentence, left_edge: int, quotes: QuoteIndex, bare: bool = False) -> Span | None:
    left = None
    ends = (",", "?", "!") if bare else (",",)
    for r in quotes.overlapping(max(0, left_edge - MAX_QUOTE), left_edge):
        # the quote's closing mark belongs to this sentence — or the quote ends in a comma
        # ("“…,” Graham told CBS"), so the parser's sentence break before the speaker is wrong
        inner = quotes.text[r[0]:r[1]].rstrip(CLOSERS + " ")
        if left_edge - 3 <= r[1] <= left_edge and (r[1] > sent.start or inner.endswith(ends)):
            left = r
    return left if left and left[1] - left[0] <= MAX_QUOTE else None


def _quote_after(sent: Sentence, right_edge: int, colon: bool, quotes: QuoteIndex) -> Span | None:
    right = None
    for r in quotes.overlapping(right_edge, right_edge + 4):
        # "Cruz continued: “…”" — after a colon the quotation may start a new sentence
        if right_edge <= r[0] <= right_edge + 3 and (r[0] < sent.end or colon):
            right = r
            break
    return right if right and right[1] - right[0] <= MAX_QUOTE else None


def attach_neighbour_quotes(doc: Doc, atts: list[Attribution], bare: list[Attribution],
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
        k = _standalone_quote(text, qs, qe, roles, sent_of)
        if k is None:
            continue
        host = _host(text, atts, bare, qs, qe, k, sent_of)
        if host is None:
            continue
        host.content = Role.from_spans(text, list(host.content.spans) + [(qs, qe)])
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


def _standalone_quote(text: str, qs: int, qe: int, roles: list[Span],
                      sent_of: Callable[[int], int | None]) -> int | None:
    """The sentence index of a quotation of four words or more that no attribution holds and
    that opens its own sentence (nothing but other attributions' words before it)."""
    if any(s < qe and qs < e for s, e in roles):
        return None
    words = sum(1 for w in text[qs:qe].split() if any(ch.isalnum() for ch in w))
    k = sent_of(qs)
    if words < 4 or k is None:
        return None
    b = qs - 1
    while b >= 0 and (text[b].isspace() or text[b] in CLOSERS) and text[b] != "\n":
        b -= 1
    start = b + 1 if b < 0 or text[b] in ".!?\n:" else text.rfind("\n", 0, qs) + 1
    lead = [ch for p, ch in enumerate(text[start:qs], start)
            if ch.isalnum() and not any(s <= p < e for s, e in roles)]
    return None if lead else k


def _host(text: str, atts: list[Attribution], bare: list[Attribution], qs: int, qe: int,
          k: int, sent_of: Callable[[int], int | None]) -> Attribution | None:
    """The attribution a standalone quotation continues: the nearest cue before it if that is
    quoted speech, a colon cue or a bare speaker; else a direct quote right after it. "Near"
    counts from the end of what the speaker has said so far, so a quote running on over
    several paragraphs stays with its speaker."""
    def last(a: Attribution) -> int:
        end = sent_of(a.content.spans[-1][1] - 1) if a.content.spans else None
        return max(a.sentence, end if end is not None else a.sentence)

    before = [a for a in atts + bare if a.cue.start < qs and last(a) >= k - 2]
    for a in sorted(before, key=lambda a: a.cue.start, reverse=True):
        colon = text[a.cue.spans[-1][1]:a.cue.spans[-1][1] + 2].strip() == ":"
        if a.construction == "bare" or a.type in ("direct", "mixed") or colon:
            return a
        break
    return next((a for a in atts if a.cue.start > qe and a.sentence <= k + 1
                 and a.type == "direct"), None)


def _sentence_locator(doc: Doc) -> Callable[[int], int | None]:
    starts = [s.start for s in doc.sentences]

    def locate(pos: int) -> int | None:
        k = bisect.bisect_right(starts, pos) - 1
        return None if k < 0 else k

    return locate
