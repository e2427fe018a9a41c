"""Text that is not the article: donation appeals, bylines, photo credits, "Remind me later".

Works line by line on the raw text, so it does not depend on the parser. Patterns live in
``data/boilerplate.json``: a *block start* ("A Message from …:", "Dear readers,") opens an
appeal that runs to the end of the text (publishers append them); a *line* pattern marks one
line (bylines, credits); a line with two appeal words and a first/second person pronoun is an
appeal on its own.

>>> text = "Troops left the city.\\nPhoto: Reuters\\nDear readers,\\nPlease support us."
>>> [text[s:e] for s, e in find_boilerplate(text)]
['Photo: Reuters', 'Dear readers,\\nPlease support us.']
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ..resources import load_json
from ..types import Span


@lru_cache(maxsize=2)
def _rules(path: str | None = None) -> dict:
    data = load_json("boilerplate.json", path)
    return {
        "block": [re.compile(p, re.I) for p in data["block_start"]],
        "line": [re.compile(p) for p in data["line"]],
        "words": [w.lower() for w in data["appeal_words"]],
        "persons": re.compile(r"\b(?:" + "|".join(data["appeal_persons"]) + r")\b", re.I),
    }


def _is_appeal(line: str, rules: dict) -> bool:
    low = line.lower()
    hits = sum(1 for w in rules["words"] if w in low)
    return hits >= 2 and bool(rules["persons"].search(line))


def find_boilerplate(text: str, rules_path: str | None = None) -> list[Span]:
    """Character spans of the text that is not the article, in order."""
    rules = _rules(rules_path)
    spans: list[Span] = []
    pos = 0
    lines = []
    for line in text.splitlines(keepends=True):
        lines.append((pos, line))
        pos += len(line)
    for k, (start, raw) in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        s = start + raw.find(line)
        # An appeal block only counts after some article text, so a story about donations
        # that opens with "Support for …" is not swallowed.
        if k > 0 and any(p.search(line) for p in rules["block"]):
            spans.append((s, len(text.rstrip())))
            break
        if any(p.search(line) for p in rules["line"]) or _is_appeal(line, rules):
            spans.append((s, s + len(line)))
    return spans


def inside(span: Span, regions: Sequence[Span], share: float = 0.5) -> bool:
    """Whether at least *share* of *span* lies inside *regions*.

    >>> inside((5, 10), [(0, 8)])
    True
    """
    s, e = span
    if e <= s:
        return any(a <= s < b for a, b in regions)
    cover = sum(max(0, min(e, b) - max(s, a)) for a, b in regions)
    return cover >= share * (e - s)
