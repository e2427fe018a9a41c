"""Stage 4, sourced attributions → claims, links and status.

Modules: ``group`` (contents grouped into claims; confirm/contradict/repeat/elaborate links
decided on signatures; status and reason), ``statement`` (the claim rewritten to read alone),
``kind`` (assertion … question), ``signature`` (predicate, polarity, arguments, numbers, places,
times, and how two compare), ``timex`` (times against the article's date), ``words`` (the stage's vocabulary).
"""
from __future__ import annotations

from .group import build_claims
from .kind import CHECKABLE, not_checkable_reason
from .signature import Signature, build_signature, compare
from .statement import make_statement
from .timex import normalise
from .words import KINDS, RELATION_OF_CLASS, STATUSES, WITHHOLDING, classify_number, tables

__all__ = ["build_claims", "RELATION_OF_CLASS", "classify_number", "CHECKABLE",
           "not_checkable_reason", "Signature", "build_signature", "compare", "make_statement",
           "normalise", "KINDS", "STATUSES", "tables", "WITHHOLDING"]
