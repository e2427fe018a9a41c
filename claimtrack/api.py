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

from .extract import AttributionModel, extract, renumber
from .extract.decide import resolve_min_confidence, resolve_model
from .extract.lexicon import Lexicon, load_lexicon
from .parse.parser import Doc, Parser
from .types import Analysis


class Analyzer:
    """A loaded parser, lexicon and attribution model: build one, analyse many articles with it.

    *attribution_model*: a model file (``claimtrack train``) or a loaded model; unset, the file
    named by ``$CLAIMTRACK_ATTRIBUTION_MODEL``, else the model shipped in the package; ``"rules"``:
    no model, the rules decide alone.
    *min_confidence*: which attributions to keep — ``"veto"`` (default, or
    ``$CLAIMTRACK_MIN_CONFIDENCE`` when set): the rules' attributions that reach the model's
    threshold chosen on its training data; ``"rules"``: all the rules'; ``"auto"``: the
    candidates the model keeps; a number: every candidate whose confidence reaches it.
    """

    def __init__(self, model_dir: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None,
                 lexicon: str | os.PathLike | Lexicon | None = None, use_ner: bool | None = None,
                 parser: Parser | None = None, include_boilerplate: bool = False,
                 attribution_model: str | os.PathLike | AttributionModel | None = None,
                 min_confidence: float | str | None = None):
        self.parser = parser or Parser(model_dir, cache_dir=cache_dir, use_ner=use_ner)
        self.lexicon = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
        self.include_boilerplate = include_boilerplate
        self.model = resolve_model(attribution_model)
        self.min_confidence = resolve_min_confidence(min_confidence)

    def analyze(self, text: str, id: str = "article") -> Analysis:
        """Analyse one article."""
        return self.analyze_many([text], [id])[0]

    def analyze_many(self, texts: Sequence[str], ids: Iterable[str] | None = None) -> list[Analysis]:
        """Analyse several articles with one batched parse."""
        ids = list(ids) if ids is not None else [f"article{k + 1}" for k in range(len(texts))]
        docs = self.parser.parse_many(list(texts))
        return [self.analyze_parsed(doc, i) for doc, i in zip(docs, ids)]

    def analyze_parsed(self, doc: Doc, id: str = "article") -> Analysis:
        """Every stage after parsing, with this analyzer's lexicon, model and settings."""
        return analyze_doc(doc, id, self.lexicon, include_boilerplate=self.include_boilerplate,
                           model=self.model, min_confidence=self.min_confidence)


_DEFAULT = "default"


def analyze_doc(doc: Doc, id: str = "article", lexicon: Lexicon | None = None, *,
                include_boilerplate: bool = False, model: AttributionModel | str | None = _DEFAULT,
                min_confidence: float | str | None = None) -> Analysis:
    """Run every stage after parsing on one parsed document.

    Rules propose attributions and *model* (default: the one :func:`resolve_model` names; None:
    the rules decide alone) keeps them by *min_confidence* (as :class:`Analyzer`'s; default
    ``$CLAIMTRACK_MIN_CONFIDENCE``, else ``"veto"``). Text that is not the article (appeals,
    bylines, credits) is found and, unless *include_boilerplate*, its attributions are left out.
    """
    from .extract.boilerplate import find_boilerplate, inside
    from .claims.group import build_claims
    from .sources.resolve import resolve_sources

    text = doc.text
    result = Analysis(id=id, text=text,
                      text_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                      sentences=[(s.start, s.end) for s in doc.sentences])
    if model == _DEFAULT:
        model = resolve_model(None)
    if min_confidence is None:
        min_confidence = resolve_min_confidence(None)
    atts = extract(doc, lexicon, model=model, min_confidence=min_confidence)
    result.boilerplate = find_boilerplate(text)
    if not include_boilerplate:
        atts = [a for a in atts if not inside(a.cue.spans[0] if a.cue.spans else (0, 0),
                                              result.boilerplate)]
        renumber(atts)
    result.attributions = atts
    resolve_sources(result, doc)
    build_claims(result, doc, lexicon, boilerplate=[] if include_boilerplate else result.boilerplate)
    return result


_default: dict[tuple, Analyzer] = {}


def analyze(text: str, id: str = "article", model_dir: str | os.PathLike | None = None,
            cache_dir: str | os.PathLike | None = None) -> Analysis:
    """Analyse one article with a process-wide analyzer (loaded on first use)."""
    key = (str(model_dir or ""), str(cache_dir or ""))
    if key not in _default:
        _default[key] = Analyzer(model_dir, cache_dir=cache_dir)
    return _default[key].analyze(text, id)
