"""Stage 3, attributions → resolved sources: mentions become source entities (acronyms,
possessive chains, definite descriptions, pronouns, capitals and seats of power, demonyms), with
types and ``part_of``; :func:`hierarchy` and :func:`independent` read that ``part_of`` tree.

Module: ``resolve``; the gazetteer is package data (``data/gazetteer.json``).
"""
from __future__ import annotations

from .resolve import (Gazetteer, WordIndex, find_acronyms, hierarchy, independent, load_gazetteer,
                      resolve_sources)

__all__ = ["resolve_sources", "Gazetteer", "load_gazetteer", "find_acronyms", "hierarchy",
           "independent", "WordIndex"]
