"""Stage 1, text → parsed document: the plain :class:`Doc`/:class:`Sentence`/:class:`Word` tree
(offsets into the original text), the Stanza :class:`Parser` with its gzip-JSON cache, and
:func:`doc_from_conllu` for gold trees.

Modules: ``parser`` (the document types, the parser, the cache), ``index`` (words by offset),
``fastparse`` with ``fasttag``, ``fasttok`` and ``fastchar`` (Stanza's parse on our own faster
path), ``models`` (where the models are and what they can do). Stanza and torch are imported only when text is parsed.
"""
from __future__ import annotations

from .index import WordIndex
from .models import ENV_VAR, download_models, inspect_model_dir, resolve_model_dir
from .parser import (CACHE_VERSION, DEVICES, ENGINES, Doc, Parser, Sentence, Word, doc_from_conllu,
                     parse_threads, torch_device, torch_threads)

__all__ = ["Doc", "Sentence", "Word", "WordIndex", "Parser", "doc_from_conllu", "parse_threads", "torch_threads",
           "torch_device", "CACHE_VERSION", "ENGINES", "DEVICES", "ENV_VAR", "download_models",
           "inspect_model_dir", "resolve_model_dir"]
