"""Beyond one article: the claim store (SQLite), the one place cross-article state lives.

Modules: ``store`` (articles, appearances, clusters found by blocking, links, reviews),
``independence`` (independent sources across articles, statuses over time), ``track`` (analyses
→ the store), ``storyscore`` (scoring a story's clusters against gold).
"""
from __future__ import annotations

from .store import ClaimStore
from .storyscore import score_story
from .track import track

__all__ = ["ClaimStore", "track", "score_story"]
