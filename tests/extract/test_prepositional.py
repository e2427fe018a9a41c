"""Prepositional, citing and adverb cues."""
from __future__ import annotations

from extractkit import att, src
from extractkit import only, ud_sentence


# 4. prepositional cues
def test_according_to_as_reported_and_citing(seed, example):
    a = att(seed, "according to", "4,500 Russians")
    assert src(a) == "official figures"
    r = example("flood_report")
    assert src(att(r, "according to", "At least 30 people died")) == "official figures"
    a = att(r, "reported", "The river rose by four metres")
    assert src(a) == "the regional newspaper" and a.construction == "as-clause"
    a = att(r, "citing", "evacuated 2,000 residents")
    assert src(a) == "a risk of further landslides"


def test_sourceless_adverb_cue(example):
    a = att(example("flood_report"), "reportedly", "Two workers were trapped")
    assert a.source is None and a.cue.cls == "report" and a.construction == "adverb"


def test_according_to_makes_its_object_the_source_and_the_clause_the_content():
    doc = ud_sentence("ewt", "In 2001, according to Indian army officials")
    a = only(doc, "according to")
    assert a.cue.text == "according to"
    assert a.source.text == "Indian army officials"
    assert a.content.text.startswith("In 2001") or "security forces launched" in a.content.text
    assert "according" not in a.content.text
    assert a.construction == "according-to"


def test_according_to_at_the_end_of_the_sentence():
    doc = ud_sentence("gum", "A storm yesterday caused a crane to fall")
    a = only(doc, "according to")
    assert a.source.text == "Saudi Arabia's Civil Defense Authority"
    assert a.content.text.startswith("A storm yesterday caused a crane")

