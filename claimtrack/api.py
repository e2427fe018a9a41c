"""The Python API the command line is a thin layer over.

>>> import claimtrack          # models from $CLAIMTRACK_MODEL_DIR (or pass model_dir=...)
>>> result = claimtrack.analyze("Russian media claimed that two suspects were killed.")
>>> [(a.source.text, a.cue.text, a.content.text) for a in result.attributions]
[('Russian media', 'claimed', 'that two suspects were killed')]
"""
from __future__ import annotations

import hashlib
import os
from typing import Iterable, Sequence

from .extract import extract
from .extract.lexicon import Lexicon, load_lexicon
from .parse.parser import Doc, Parser
from .types import Analysis


class Analyzer:
    """A loaded parser and lexicon: build one, analyse many articles with it."""

    def __init__(self, model_dir: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None,
                 lexicon: str | os.PathLike | Lexicon | None = None, use_ner: bool | None = None,
                 parser: Parser | None = None, include_boilerplate: bool = False):
        self.parser = parser or Parser(model_dir, cache_dir=cache_dir, use_ner=use_ner)
        self.lexicon = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
        self.include_boilerplate = include_boilerplate

    def analyze(self, text: str, id: str = "article") -> Analysis:
        """Analyse one article."""
        return self.analyze_many([text], [id])[0]

    def analyze_many(self, texts: Sequence[str], ids: Iterable[str] | None = None) -> list[Analysis]:
        """Analyse several articles with one batched parse."""
        ids = list(ids) if ids is not None else [f"article{k + 1}" for k in range(len(texts))]
        docs = self.parser.parse_many(list(texts))
        return [analyze_doc(doc, i, self.lexicon, include_boilerplate=self.include_boilerplate)
                for doc, i in zip(docs, ids)]


def analyze_doc(doc: Doc, id: str = "article", lexicon: Lexicon | None = None, *,
                include_boilerplate: bool = False) -> Analysis:
    """Run every stage after parsing on one parsed document.

    Text that is not the article (appeals, bylines, credits) is found and, unless
    *include_boilerplate*, its attributions get no source or claim.
    """
    from .extract.boilerplate import find_boilerplate, inside
    from .claims.group import build_claims
    from .sources.resolve import resolve_sources

    text = doc.text
    result = Analysis(id=id, text=text,
                      text_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                      sentences=[(s.start, s.end) for s in doc.sentences])
    result.attributions = extract(doc, lexicon)
    result.boilerplate = find_boilerplate(text)
    skip = set() if include_boilerplate else {
        a.id for a in result.attributions if inside(a.cue.spans[0] if a.cue.spans else (0, 0),
                                                    result.boilerplate)}
    resolve_sources(result, doc, skip=skip)
    build_claims(result, doc, lexicon, skip=skip,
                 boilerplate=[] if include_boilerplate else result.boilerplate)
    return result


_default: dict[tuple, Analyzer] = {}


def analyze(text: str, id: str = "article", model_dir: str | os.PathLike | None = None,
            cache_dir: str | os.PathLike | None = None) -> Analysis:
    """Analyse one article with a process-wide analyzer (loaded on first use)."""
    key = (str(model_dir or ""), str(cache_dir or ""))
    if key not in _default:
        _default[key] = Analyzer(model_dir, cache_dir=cache_dir)
    return _default[key].analyze(text, id)
