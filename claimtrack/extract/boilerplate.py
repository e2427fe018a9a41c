"""Text that is not the article: donation appeals, bylines, photo credits, "Remind me later".

Works line by line on the raw text, so it does not depend on the parser. Patterns live in
``data/boilerplate.json``: a *block start* ("A Message from …:", "Dear readers,") opens an
appeal that runs to the end of the text (publishers append them); a *line* pattern marks one
line (bylines, credits); a line with two appeal words in which the page itself, outside any
quotation, says "you" and "we"/"us" is an appeal on its own.

>>> text = "Troops left the city.\\nPhoto: Reuters\\nDear readers,\\nPlease support us."
>>> [text[s:e] for s, e in find_boilerplate(text)]
['Photo: Reuters', 'Dear readers,\\nPlease support us.']
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ..resources import load_json
from .marks import find_quotes
from ..types import Span


@lru_cache(maxsize=2)
def _rules(path: str | None = None) -> dict:
    data = load_json("boilerplate.json", path)
    return {
        "block": [re.compile(p, re.I) for p in data["block_start"]],
        "line": [re.compile(p) for p in data["line"]],
        "words": [w.lower() for w in data["appeal_words"]],
        "readers": re.compile(r"\b(?:" + "|".join(data["appeal_readers"]) + r")\b", re.I),
        "writers": re.compile(r"\b(?:" + "|".join(data["appeal_writers"]) + r")\b", re.I),
    }


def _writers_voice(line: str) -> str:
    """The line without its quotations: a pronoun inside one is the speaker's, not the page's."""
    out = line
    for s, e in find_quotes(line):
        out = out[:s] + " " * (e - s) + out[e:]
    return out


def _is_appeal(line: str, rules: dict) -> bool:
    """Two appeal words, and the page speaking to its reader: "you" and "us" in its own voice.
    News about donations and subscriptions quotes a campaign's "our" or a company's "you";
    an appeal asks the reader ("please support us")."""
    low = line.lower()
    hits = sum(1 for w in rules["words"] if re.search(r"\b" + re.escape(w), low))
    if hits < 2:
        return False
    own = _writers_voice(line)
    writers = [m for m in rules["writers"].finditer(own)
               # a capitalised "Our" inside a sentence starts a name ("Our Principles PAC")
               if not (m.group()[0].isupper() and m.start() > 0 and own[:m.start()].rstrip()[-1:] not in ".!?")]
    return bool(writers) and bool(rules["readers"].search(own))


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
