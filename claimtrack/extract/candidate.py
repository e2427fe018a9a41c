"""The candidate attribution (word indices of one sentence) and its way to character spans."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..parse.parser import Sentence
from .marks import QuoteIndex
from ..types import Attribution, Cue, Role, Span, merge_spans
from .words import MAX_QUOTE, TRIM


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


def runs(sent: Sentence, idx: list[int]) -> list[Span]:
    """Character spans of the runs of consecutive words among *idx*."""
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


def trim(text: str, s: int, e: int) -> Span:
    """The span without surrounding blanks and punctuation."""
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def whole_quotes(s: int, e: int, quotes: QuoteIndex, cue: Span) -> Span:
    """Content that starts or ends inside a quotation takes in all of it — its marks, the comma
    before the closing mark, and the sentences it runs on into — unless the cue itself is quoted."""
    for pos in (s, e - 1):
        region = quotes.region_at(pos)
        if region and region[1] - region[0] <= MAX_QUOTE and not (region[0] <= cue[0] < region[1]):
            s, e = min(s, region[0]), max(e, region[1])
    return s, e


def spans(text: str, sent: Sentence, idx: list[int], quotes: QuoteIndex,
          cue: Span | None = None) -> list[Span]:
    """Trimmed character spans of the words *idx*; with *cue*, widened to whole quotations."""
    out = []
    for s, e in runs(sent, idx):
        s, e = trim(text, s, e)
        if s >= e:
            continue
        if cue is not None:
            s, e = whole_quotes(s, e, quotes, cue)
        if any(ch.isalnum() for ch in text[s:e]):
            out.append((s, e))
    return merge_spans(out, text)


def asks_who(f: Found) -> bool:
    """Whether the source is a question's "who" ("Who wouldn't want to …?"): a question
    attributes nothing to anyone."""
    src = [f.sent.words[k] for k in f.source or [] if f.sent.words[k].upos != "PUNCT"]
    return len(src) == 1 and src[0].upos == "PRON" and src[0].feat("PronType") == "Int" \
        and any(w.text == "?" for w in f.sent.words)


def to_attribution(f: Found, text: str, quotes: QuoteIndex) -> Attribution | None:
    """The attribution a candidate makes, in character spans (None when its content is empty)."""
    cue_spans = runs(f.sent, f.cue)
    content_spans = merge_spans(spans(text, f.sent, f.content, quotes, cue=cue_spans[0])
                                + list(f.extra_content), text)
    if not content_spans and f.construction != "bare" or asks_who(f):
        return None
    src_spans = spans(text, f.sent, [k for k in f.source or [] if not any(
        s <= f.sent.words[k].start < e for s, e in content_spans)], quotes)
    source = Role.from_spans(text, src_spans) if src_spans else None
    cue = Cue.from_spans(text, cue_spans, f.lemma, f.cls, f.negated)
    content = Role.from_spans(text, content_spans)
    kind = quotes.quote_type(content.spans, text)
    return Attribution("", f.sent.index, kind, source, cue, content, f.construction)
