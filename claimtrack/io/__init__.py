"""In and out, for every stage: ``inputs`` (decoding and checking articles: encodings, binary,
HTML, size, language), ``outputs`` (checked early, written whole), ``csvout`` (the one CSV writer,
with the formula guard), ``safetext`` (control characters made visible, safe URLs), ``feedback``
(status line and progress bar on a terminal's standard error).
"""
from __future__ import annotations

from .csvout import write_csv
from .inputs import Article, DEFAULT_MAX_CHARS, decode_bytes, load_article, prepare_article
from .outputs import check_output, open_output, write_atomic
from .safetext import utf8_safe, visible

__all__ = ["Article", "DEFAULT_MAX_CHARS", "decode_bytes", "load_article", "prepare_article",
           "check_output", "open_output", "write_atomic", "write_csv", "utf8_safe", "visible"]
