"""Stage 4, sourced attributions → claims, links and status.

Modules: ``group`` (contents grouped into claims; confirm/contradict/repeat/elaborate links
decided on signatures; status and reason), ``statement`` (the claim rewritten to read alone),
``kind`` (assertion … question), ``signature`` (predicate, polarity, arguments, numbers, places,
times, and how two compare), ``timex`` (times against the article's date).
"""
from __future__ import annotations

from .group import RELATION_OF_CLASS, build_claims, classify_number
from .kind import CHECKABLE, not_checkable_reason
from .signature import Signature, build_signature, compare
from .statement import make_statement
from .timex import normalise

__all__ = ["build_claims", "RELATION_OF_CLASS", "classify_number", "CHECKABLE",
           "not_checkable_reason", "Signature", "build_signature", "compare", "make_statement",
           "normalise"]
