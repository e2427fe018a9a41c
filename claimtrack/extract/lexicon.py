"""The reporting lexicon: which words are cues, and of which class.

The words live in ``claimtrack/data/lexicon.toml``; users add their own with ``--lexicon FILE``.

>>> lex = load_lexicon()
>>> lex.verb_class("claim"), lex.verb_class("say"), lex.verb_class("deny")
('claim', 'assert', 'deny')
>>> lex.verb_class("eat") is None
True
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ClaimtrackError
from ..resources import read_text

# When a lemma is listed under several classes, the more specific reading wins.
CLASS_PRIORITY = ("deny", "confirm", "claim", "warn", "report", "ask", "evaluate", "intend",
                  "believe", "assert")
CLASSES = frozenset(CLASS_PRIORITY)


@dataclass
class Lexicon:
    """Cue words by class. Phrasal entries ("point out") are keyed by their first lemma."""

    verbs: dict[str, str] = field(default_factory=dict)
    phrasal: dict[str, dict[str, str]] = field(default_factory=dict)  # lemma -> particle -> class
    object_verbs: set[str] = field(default_factory=set)
    clausal_verbs: set[str] = field(default_factory=set)
    nouns: dict[str, str] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    prepositions: dict[str, str] = field(default_factory=dict)
    adverbs: dict[str, str] = field(default_factory=dict)

    def verb_class(self, lemma: str, particle: str | None = None) -> str | None:
        lemma = lemma.lower()
        if particle:
            cls = self.phrasal.get(lemma, {}).get(particle.lower())
            if cls:
                return cls
        return self.verbs.get(lemma)

    def noun_class(self, lemma: str) -> str | None:
        return self.nouns.get(lemma.lower())

    def adjective_class(self, lemma: str) -> str | None:
        return self.adjectives.get(lemma.lower())

    def takes_object(self, lemma: str) -> bool:
        return lemma.lower() in self.object_verbs

    def clausal_only(self, lemma: str) -> bool:
        """Whether the verb is a cue only with a reported clause or quotation."""
        return lemma.lower() in self.clausal_verbs

    def merge(self, data: dict) -> None:
        """Add the entries of a parsed lexicon file (same layout as the built-in one)."""
        for section, target in (("verbs", "verbs"), ("nouns", "nouns"), ("adjectives", "adjectives")):
            for cls, entry in (data.get(section) or {}).items():
                if cls not in CLASSES:
                    raise ClaimtrackError(f"lexicon: unknown class {cls!r} (known: "
                                          f"{', '.join(sorted(CLASSES))})")
                for lemma in entry.get("lemmas", []):
                    self._add(target, lemma, cls)
                if target == "verbs":
                    self.object_verbs.update(x.lower() for x in entry.get("object", []))
                    self.clausal_verbs.update(x.lower() for x in entry.get("clausal", []))
        for cls, words in (data.get("adverbs") or {}).items():
            if cls not in CLASSES:
                raise ClaimtrackError(f"lexicon: unknown class {cls!r}")
            for w in words:
                self.adverbs[w.lower()] = cls
        for cls, words in (data.get("prepositions") or {}).items():
            for w in words:
                self.prepositions[w.lower()] = cls
        removed = data.get("remove") or {}
        for lemma in removed.get("lemmas", []):
            self.verbs.pop(lemma.lower(), None)
            self.nouns.pop(lemma.lower(), None)
            self.adjectives.pop(lemma.lower(), None)
            self.object_verbs.discard(lemma.lower())
            self.clausal_verbs.discard(lemma.lower())

    def _add(self, target: str, lemma: str, cls: str) -> None:
        lemma = lemma.lower().strip()
        table = {"nouns": self.nouns, "adjectives": self.adjectives}.get(target, self.verbs)
        if target == "verbs" and " " in lemma:
            head, particle = lemma.split(" ", 1)
            slot = self.phrasal.setdefault(head, {})
            if particle not in slot or _prio(cls) < _prio(slot[particle]):
                slot[particle] = cls
            return
        if lemma not in table or _prio(cls) < _prio(table[lemma]):
            table[lemma] = cls


def _prio(cls: str) -> int:
    return CLASS_PRIORITY.index(cls)


@lru_cache(maxsize=1)
def _builtin() -> dict:
    return tomllib.loads(read_text("lexicon.toml"))


def builtin_words(name: str) -> frozenset[str]:
    """A word list of the built-in lexicon's ``[words]`` table (lower-cased)."""
    return frozenset(w.lower() for w in _builtin()["words"][name])


def load_lexicon(extra: str | Path | None = None) -> Lexicon:
    """The built-in lexicon, extended with the TOML or JSON file *extra* if given."""
    lex = Lexicon()
    lex.merge(_builtin())
    if extra:
        path = Path(extra)
        try:
            raw = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ClaimtrackError(f"cannot read lexicon {path}: {exc.strerror}") from None
        try:
            if path.suffix.lower() == ".json":
                import json

                data = json.loads(raw)
            else:
                data = tomllib.loads(raw)
        except ValueError as exc:
            raise ClaimtrackError(f"lexicon {path} is not valid {path.suffix.lstrip('.') or 'TOML'}: "
                                  f"{exc}") from None
        lex.merge(data)
    return lex
