"""claimtrack: who claims what in a news article, and who confirmed, denied or repeated it.

>>> import claimtrack
>>> result = claimtrack.analyze(open("examples/moscow_times_kaluga.txt").read())
>>> result.attributions[0].source.text, result.attributions[0].cue.text
('Kazakhstan', 'confirmed')
>>> [c.status for c in result.claims][:2]
['partly-confirmed', 'claimed']

Stanza and torch are imported only when an article is parsed, so importing claimtrack is cheap.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Analyzer", "analyze", "analyze_doc", "Analysis", "__version__"]


def __getattr__(name: str):
    # lazy: keeps `claimtrack --help` and `import claimtrack` fast
    if name in ("Analyzer", "analyze", "analyze_doc"):
        from . import api

        return getattr(api, name)
    if name == "Analysis":  # the domain's one object; Analysis.from_dict reads its JSON back
        from .types import Analysis

        return Analysis
    raise AttributeError(f"module 'claimtrack' has no attribute {name!r}")
