"""Package data: the lexicon, gazetteers and boilerplate rules in ``claimtrack/data/``.

>>> "states" in load_json("gazetteer.json")
True
"""
from __future__ import annotations

import json
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
