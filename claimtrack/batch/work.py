"""The unit of batch work, shared by every engine: settings → one Analyzer → outcomes.

``batch`` (the driver and its local engines) and ``dask_engine`` (remote workers) both import
this module and neither imports the other, so an engine can be added without a cycle.

>>> from claimtrack.io.inputs import Article
>>> died([Article("a1", "Some text.", name="a.txt")], "worker died")[0].payload
'a.txt: worker died'
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ..errors import ModelError
from ..io.inputs import Article

__all__ = ["Article", "Outcome", "Settings", "analyze_articles", "build_analyzer", "died",
           "result_json", "text_sha256"]


def text_sha256(text: str) -> str:
    """The hash that identifies an article's text in results, errors and resumes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def result_json(analysis) -> str:
    """The per-article file: exactly what ``claimtrack analyze --format json`` prints."""
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n"


@dataclass
class Settings:
    """What every worker needs to build its one Analyzer (picklable, sent to each worker once)."""

    model_dir: str | None = None
    cache_dir: str | None = None
    lexicon: object = None  # a loaded Lexicon (so remote workers need not have the file)
    use_ner: bool | None = None
    lang: str | None = None
    threads: int = 1  # torch threads per worker; 1 keeps the numbers identical on every engine
    include_boilerplate: bool = False


def build_analyzer(settings: Settings):
    """One Analyzer with its pipeline loaded: done once per worker process."""
    from ..api import Analyzer
    from ..parse.parser import Parser

    try:
        import torch

        torch.set_num_threads(max(1, settings.threads))
    except Exception:  # pragma: no cover - torch is a stanza dependency
        pass
    parser = Parser(settings.model_dir, cache_dir=settings.cache_dir, lang=settings.lang or "en",
                    use_ner=settings.use_ner, threads=max(1, settings.threads))
    analyzer = Analyzer(parser=parser, lexicon=settings.lexicon,
                        include_boilerplate=settings.include_boilerplate)
    parser.nlp  # load now, not on the first article
    return analyzer


@dataclass
class Outcome:
    """What a worker sends back for one article: its result file's text, or why it failed."""

    id: str
    name: str
    sha: str
    ok: bool
    payload: str  # the result JSON, or the failure reason
    #: why a failure happened: "article" (its content: skipped on resume while the text is
    #: unchanged) or "environment" (a worker died, memory ran out: tried again on resume)
    cause: str = "article"


def analyze_articles(analyzer, articles: list[Article]) -> list[Outcome]:
    """Analyse each article on its own; a failure is an Outcome (a ModelError is raised: it is
    no article's fault)."""
    out = []
    for art in articles:
        sha = text_sha256(art.text)
        try:
            result = analyzer.analyze(art.text, art.id)
            if art.meta:
                result.meta.update(art.meta)
            out.append(Outcome(art.id, art.name, sha, True, result_json(result)))
        except ModelError:  # not the article's fault: the run stops (exit 3), nothing recorded
            raise
        except (Exception, RecursionError, MemoryError) as exc:
            msg = str(exc).splitlines()[0][:300] if str(exc) else ""
            cause = "environment" if isinstance(exc, (MemoryError, OSError)) else "article"
            out.append(Outcome(art.id, art.name, sha, False,
                               f"{art.name}: analysis failed ({exc.__class__.__name__}{': ' + msg if msg else ''})",
                               cause))
    return out


def died(articles: list[Article], why: str) -> list[Outcome]:
    """Failed outcomes for *articles* whose worker went away (*why* says how)."""
    return [Outcome(a.id, a.name, text_sha256(a.text), False, f"{a.name}: {why}", "environment")
            for a in articles]
