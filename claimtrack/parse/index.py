"""Words of a parsed document by character offset: the one index every stage uses to find the
words under a span (a role, a content, a line).

>>> WordIndex(None).in_spans([(0, 10)])
[]
"""
from __future__ import annotations

import bisect
from typing import Iterable

from .parser import Doc, Sentence, Word

Span = tuple[int, int]
Located = tuple[Sentence, Word]


class WordIndex:
    """Words of a document (with their sentences) sorted by start offset."""

    def __init__(self, doc: Doc | None):
        self.items: list[tuple[int, Sentence, Word]] = []
        if doc is not None:
            self.items = [(w.start, s, w) for s in doc.sentences for w in s.words]
        self.starts = [x[0] for x in self.items]

    def between(self, a: int, b: int) -> list[Located]:
        """The words that start in [a, b)."""
        k = bisect.bisect_left(self.starts, a)
        out = []
        while k < len(self.items) and self.items[k][0] < b:
            out.append((self.items[k][1], self.items[k][2]))
            k += 1
        return out

    def in_spans(self, spans: Iterable[Span]) -> list[Located]:
        """The words that start inside any of *spans*, span by span."""
        return [x for s, e in spans for x in self.between(s, e)]

    def after(self, pos: int, n: int = 6) -> list[Located]:
        """The *n* words that start at or after *pos*."""
        k = bisect.bisect_left(self.starts, pos)
        return [(x[1], x[2]) for x in self.items[k:k + n]]
