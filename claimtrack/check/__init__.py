"""Claims compared with claims and with articles: ``claimtrack check`` and the store's matcher.

* ``compare(a, b) -> Match``: one comparison for everything that relates two claims (paraphrase
  through WordNet, rare arguments weighing more, negation, antonyms, numbers with units).
* ``stance(claim, article) -> Stance``: the lexical stance model (trained on FNC-1).
* ``check_article(...)``: the stance of an analysed article — the model decides, the article's
  readings (``reading.readings``: its attributions of the claim, the writer's voice) are the
  evidence: the rows of ``claimtrack check``.
"""
from .lexical import Idf
from .matcher import Match, compare
from .stance import STANCES, Stance, stance, stances

__all__ = ["Idf", "Match", "compare", "STANCES", "Stance", "stance", "stances"]
