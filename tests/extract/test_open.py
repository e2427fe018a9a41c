"""Open candidates: complements the parse allows, and a rule's cue read with a complement its
candidate did not take."""
from __future__ import annotations

from claimtrack.extract.open import open_candidates, other_complements
from extractkit import rows_doc


def _sentence(rows):
    return rows_doc(rows).sentences[0]


# "Trump, star of Apprentice, said in an interview that conventions were dull ."
SAID = [("Trump", "Trump", "PROPN", 6, "nsubj"), (",", ",", "PUNCT", 3, "punct"),
        ("star", "star", "NOUN", 1, "appos"), ("of", "of", "ADP", 5, "case"),
        ("Apprentice", "Apprentice", "PROPN", 3, "nmod"), ("said", "say", "VERB", 0, "root"),
        ("in", "in", "ADP", 9, "case"), ("an", "a", "DET", 9, "det"),
        ("interview", "interview", "NOUN", 6, "obl"), ("that", "that", "SCONJ", 13, "mark"),
        ("conventions", "convention", "NOUN", 13, "nsubj"), ("were", "be", "AUX", 13, "cop"),
        ("dull", "dull", "ADJ", 6, "ccomp"), (".", ".", "PUNCT", 6, "punct")]


def test_a_cue_is_read_again_with_the_complement_its_candidate_missed():
    sent = _sentence(SAID)
    took_the_title = [{4}]  # a rule read "Apprentice" as what was said
    found = list(other_complements(sent, [5], took_the_title, [0], "say", "assert"))
    assert [(f.content, f.source, f.construction, f.cls) for f in found] == \
        [([9, 10, 11, 12], [0], "alt-ccomp", "assert")]


def test_a_complement_a_candidate_already_holds_is_not_proposed_again():
    sent = _sentence(SAID)
    assert list(other_complements(sent, [5], [{9, 10, 11, 12}], [0], "say", "assert")) == []


def test_open_candidates_skip_the_rules_cues():
    sent = _sentence(SAID)
    assert [f.lemma for f in open_candidates(sent, set())] == ["say"]
    assert list(open_candidates(sent, {5})) == []
