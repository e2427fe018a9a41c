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


# "Sanders sided with the unions ."
SIDED = [("Sanders", "Sanders", "PROPN", 2, "nsubj"), ("sided", "side", "VERB", 0, "root"),
         ("with", "with", "ADP", 5, "case"), ("the", "the", "DET", 5, "det"),
         ("unions", "union", "NOUN", 2, "obl"), (".", ".", "PUNCT", 2, "punct")]
# "Trump 's support for the wall grew ."
SUPPORT = [("Trump", "Trump", "PROPN", 3, "nmod:poss"), ("'s", "'s", "PART", 1, "case"),
           ("support", "support", "NOUN", 7, "nsubj"), ("for", "for", "ADP", 6, "case"),
           ("the", "the", "DET", 6, "det"), ("wall", "wall", "NOUN", 3, "nmod"),
           ("grew", "grow", "VERB", 0, "root"), (".", ".", "PUNCT", 7, "punct")]
# "The rain fell on the roof ."
RAIN = [("The", "the", "DET", 2, "det"), ("rain", "rain", "NOUN", 3, "nsubj"),
        ("fell", "fall", "VERB", 0, "root"), ("on", "on", "ADP", 6, "case"),
        ("the", "the", "DET", 6, "det"), ("roof", "roof", "NOUN", 3, "obl"), (".", ".", "PUNCT", 3, "punct")]


def test_a_stance_toward_a_prepositional_object_is_proposed_with_its_holder():
    [sided] = open_candidates(_sentence(SIDED), set())
    assert (sided.cue, sided.source, sided.content, sided.construction) == ([1, 2], [0], [3, 4], "open-obl")
    [support] = open_candidates(_sentence(SUPPORT), set())
    assert (support.cue, support.source, support.content, support.construction) == \
        ([2, 3], [0, 1], [4, 5], "open-nmod")


def test_no_prepositional_frame_without_someone_who_can_speak():
    assert list(open_candidates(_sentence(RAIN), set())) == []
