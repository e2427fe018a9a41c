"""Attributions marked by layout rather than a verb: a quote signed with a dash
("“…” ― Jane Doe") and a speaker label before a colon ("PENCE: Well, look …", "Poll: …")."""
from __future__ import annotations

import bisect

from ..parse import Doc, Sentence, Word
from ..quotes import QuoteIndex
from ..types import Attribution, Cue, Role, Span
from .candidate import trim
from .tree import is_quote
from .words import DASHES, LAYOUT_STOP

Located = tuple[Sentence, Word]


def layout_attributions(doc: Doc, quotes: QuoteIndex, atts: list[Attribution]) -> list[Attribution]:
    """Signed quotes and speaker labels (labels whose colon is already a cue are skipped)."""
    words = _WordTable(doc)
    return list(signed_quotes(doc, quotes, words)) + list(speaker_labels(doc, quotes, atts))


class _WordTable:
    def __init__(self, doc: Doc):
        self.words = [(s, w) for s in doc.sentences for w in s.words]
        self.starts = [w.start for _, w in self.words]

    def between(self, a: int, b: int) -> list[Located]:
        k = bisect.bisect_left(self.starts, a)
        res = []
        while k < len(self.words) and self.words[k][1].start < b:
            res.append(self.words[k])
            k += 1
        return res


def name_like(ws: list[Located]) -> bool:
    """A short run of capitalised or name-like words with no verb: a signature or label."""
    content = [w for _, w in ws if w.upos != "PUNCT"]
    return 1 <= len(content) <= 6 and content[0].text[:1].isupper() and all(
        w.upos in ("PROPN", "NOUN", "ADJ", "NUM", "DET", "ADP", "CCONJ") or w.text[:1].isupper()
        for w in content) and not any(w.upos in ("VERB", "AUX") for w in content) and \
        content[0].text.lower() not in LAYOUT_STOP


def signed_quotes(doc: Doc, quotes: QuoteIndex, words: _WordTable):
    """"“…” ― Jane Doe": a quotation followed on its line by a dash and a name."""
    text = doc.text
    for qs, qe in quotes.regions:
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
        if not name_like([x for x in label if not is_quote(x[1].text)]):
            continue
        cs, ce = trim(text, colon.end, _line_end(text, colon.end))
        if ce - cs < 10:
            continue
        first = next(w for _, w in label if not is_quote(w.text))
        src: Span = (first.start, label[-1][1].end)
        yield Attribution("", sent.index, quotes.quote_type([(cs, ce)], text),
                          Role.from_spans(text, [src]),
                          Cue.from_spans(text, [(colon.start, colon.end)], ":", "assert"),
                          Role.from_spans(text, [(cs, ce)]), "speaker-label")


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end
