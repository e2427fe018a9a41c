"""Quotation regions in raw text: straight, curly, guillemets, doubled and single quotes.

Never raises: unbalanced quotes end at the paragraph end, unless the next paragraph opens with
a quotation mark (the newspaper convention for a quote that runs on across paragraphs).

>>> find_quotes('He said: "We won." Then \u201cmore\u201d.')
[(9, 18), (24, 30)]
"""
from __future__ import annotations

import bisect
import re

DOUBLE_OPEN = "\u201c\u201e\u00ab\u2039\u300c"  # “ „ « ‹ 「
DOUBLE_CLOSE = "\u201d\u00bb\u203a\u300d"  # ” » › 」
SINGLE_OPEN = "\u2018\u201a"  # ‘ ‚
SINGLE_CLOSE = "\u2019"  # ’

# a paragraph break: a blank line, or a single newline (plain-text articles often use one line
# per paragraph)
_PARA = re.compile(r"[ \t\u00a0]*\n\s*")


# an apostrophe that elides the start of a word ('90s, 'em, 't), not a quotation mark
_ELISION = re.compile(r"(\d0s|em|til|tis|twas|cause|t)\b(?![’'])", re.IGNORECASE)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Top-level quotation regions as (start, end) offsets, quote marks included."""
    regions: list[tuple[int, int]] = []
    n = len(text)
    open_at = -1
    open_kind = ""  # "d" double, "s" single
    i = 0
    while i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        prev = text[i - 1] if i > 0 else ""
        width = 1
        kind = ""
        role = ""  # "o" open, "c" close, "t" toggle
        if ch in ("'", "`") and nxt == ch:
            kind, role, width = "d", ("o" if ch == "`" else "t"), 2
        elif ch == '"':
            kind, role = "d", "t"
        elif ch in DOUBLE_OPEN:
            # '…for her here,“ said Clyburn': an opening mark after a word and before a space is
            # a closing one typed the wrong way round
            closing = ch == "\u201c" and prev and not prev.isspace() and prev not in "([{—–-" \
                and (not nxt or nxt.isspace())
            kind, role = "d", "c" if closing else "o"
        elif ch in DOUBLE_CLOSE:
            kind, role = "d", "c"
        elif ch in SINGLE_OPEN or ch in ("'", SINGLE_CLOSE):
            # apostrophes inside words (it's, Russia's) are not quotes, nor those that elide the
            # start of one ('90s, 'em, 't Veld)
            if _is_word(prev) and _is_word(nxt) or (not _is_word(prev) and _ELISION.match(text, i + 1)):
                i += 1
                continue
            if ch in SINGLE_OPEN or ((not prev or not _is_word(prev)) and nxt and not nxt.isspace()):
                kind, role = "s", "o" if ch in SINGLE_OPEN or open_kind != "s" else "c"
            elif prev and not prev.isspace() and (not nxt or not _is_word(nxt)):
                kind, role = "s", "c"
        if ch == "\n" and open_at >= 0:
            m = _PARA.match(text, i)
            if m:
                after = text[m.end():m.end() + 1]
                # (only a mark of the open quote's kind goes on with it: "In 't Veld sees …" then
                # a paragraph opening with a double quote is no single quote running on)
                runs_on = (after in DOUBLE_OPEN or after == '"') if open_kind == "d" else after in SINGLE_OPEN
                if not (after and runs_on):
                    # unbalanced: the quote ends with its paragraph
                    end = i
                    while end > open_at and text[end - 1].isspace():
                        end -= 1
                    regions.append((open_at, end))
                    open_at, open_kind = -1, ""
                else:
                    i = m.end() + 1  # the reopening mark continues the same quote
                    continue
        if kind:
            if open_at < 0:
                if role in ("o", "t"):
                    open_at, open_kind = i, kind
            elif kind == open_kind and role in ("c", "t"):
                regions.append((open_at, i + width))
                open_at, open_kind = -1, ""
            # a mark of the other kind inside an open quote is a nested quote: ignored
        i += width
    if open_at >= 0:
        end = n
        while end > open_at and text[end - 1].isspace():
            end -= 1
        if end - open_at > 1:
            regions.append((open_at, end))
    return regions


class QuoteIndex:
    """Fast look-ups of which quotation region (if any) covers an offset."""

    def __init__(self, text: str):
        self.text = text
        self.regions = find_quotes(text)
        self._starts = [s for s, _ in self.regions]

    def region_at(self, pos: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self._starts, pos) - 1
        if k >= 0 and self.regions[k][0] <= pos < self.regions[k][1]:
            return self.regions[k]
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        k = max(0, bisect.bisect_right(self._starts, start) - 1)
        out = []
        while k < len(self.regions) and self.regions[k][0] < end:
            s, e = self.regions[k]
            if e > start:
                out.append((s, e))
            k += 1
        return out

    def quote_type(self, spans: list[tuple[int, int]], text: str) -> str:
        """direct (all content quoted), mixed (part of it quoted) or indirect."""
        quoted = 0
        total = 0
        for s, e in spans:
            for k in range(s, e):
                if text[k].isalnum():
                    total += 1
                    if self.region_at(k):
                        quoted += 1
        if total and quoted >= total:
            return "direct"
        if quoted:
            return "mixed"
        return "indirect"
