"""Scoring against gold: ``scoring`` (the reference rules: PolNeAR-style span matching, precision
and recall per role) and ``predict`` (predictions for a corpus, and the error breakdown by
construction, cue lemma and what the parse allows for each miss).
"""
from __future__ import annotations

from .predict import breakdown, format_breakdown, predict_corpus, to_prediction
from .scoring import format_table, load_jsonl, score

__all__ = ["score", "load_jsonl", "format_table", "predict_corpus", "to_prediction", "breakdown",
           "format_breakdown"]
