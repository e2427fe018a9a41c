"""The extractor's vocabulary lives in the package data, in one place."""
from __future__ import annotations

import ast
from pathlib import Path

from claimtrack.extract import words
from claimtrack.extract.lexicon import builtin_words, load_lexicon

PACKAGE = Path(words.__file__).resolve().parent


def test_word_lists_come_from_the_lexicon_data():
    assert words.TIME_WORDS == builtin_words("time")
    assert "statement" in words.DETACHED and "monday" in words.DETACHED
    assert {"say", "tell"} <= words.BARE_SPEECH and "cite" in words.CITING


def test_verbs_that_report_nothing_are_not_also_cues():
    lex = load_lexicon()
    assert not [v for v in words.NOT_REPORTING if lex.verb_class(v)]


def test_prepositions_in_the_lexicon_are_the_ones_the_finder_reads():
    # every listed phrase must be matchable word by word (no participles or as-clauses here)
    for phrase in load_lexicon().prepositions:
        assert phrase.split()[0] not in {"citing", "quoting", "as"}


def test_no_word_list_constants_outside_words_module():
    """Open-class vocabulary (sets of more than eight words) is data, not code."""
    for path in PACKAGE.glob("*.py"):
        if path.name == "words.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Set) and len(node.elts) > 8:
                raise AssertionError(f"{path.name}:{node.lineno}: a word list belongs in lexicon.toml")
