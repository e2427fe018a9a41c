"""Package data: the lexicon, gazetteers and boilerplate rules in ``claimtrack/data/``.

>>> "states" in load_json("gazetteer.json")
True
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


def read_text(name: str, path: str | None = None) -> str:
    """The text of the data file *name* shipped with claimtrack, or of the user's file *path*."""
    if path:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    return resources.files("claimtrack").joinpath("data", name).read_text(encoding="utf-8")


def load_json(name: str, path: str | None = None) -> dict:
    """A JSON data file: the built-in *name*, or *path* in the same layout."""
    return json.loads(read_text(name, path))


@lru_cache(maxsize=1)
def wordnet_table() -> dict:
    """``data/wordnet.json`` (built by ``scripts/build_wordnet_table.py``), parsed once per process:
    the claim matcher, the statements' people nouns and the sources' places all read it. Read only."""
    return load_json("wordnet.json")
