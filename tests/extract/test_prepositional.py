"""Prepositional, citing and adverb cues."""
from __future__ import annotations

from extractkit import att, src
from extractkit import only, rows_doc, ud_sentence


# 4. prepositional cues
def test_according_to_as_reported_and_citing(seed, example):
    a = att(seed, "according to", "4,500 Russians")
    assert src(a) == "official figures"
    r = example("flood_report")
    assert src(att(r, "according to", "At least 30 people died")) == "official figures"
    a = att(r, "reported", "The river rose by four metres")
    assert src(a) == "the regional newspaper" and a.construction == "as-clause"
    # a reason is not a source: the services cite the risk as theirs
    a = att(r, "citing", "a risk of further landslides")
    assert src(a) == "Emergency services" and "evacuated" not in a.content.text


def test_citing_a_body_or_document_makes_it_the_source(analyze_text):
    r = analyze_text("The airline cancelled 40 flights on Monday, citing a ministry report.")
    a = att(r, "citing", "cancelled 40 flights")
    assert src(a) == "a ministry report" and a.construction == "citing"


def test_citing_beside_a_speaker_backs_what_is_said_not_the_saying(analyze_text):
    r = analyze_text("Salceda, citing data from the U.S. State Department, said that about 4 million "
                     "people of Philippine descent live in the United States.")
    said = att(r, "said", "4 million people")
    assert src(said) == "Salceda" and said.parent is None
    cited = att(r, "citing", "4 million people")
    assert "Salceda" not in cited.content.text and "said" not in cited.content.text


def test_according_to_climbs_from_a_modifier_to_its_clause(analyze_text):
    r = analyze_text("Prices rose 5.7 percent in May, up from 4.2 percent a year earlier, "
                     "according to the statistics office.")
    a = att(r, "according to", "Prices rose")
    assert src(a) == "the statistics office"


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



def test_according_to_at_the_end_speaks_for_the_whole_sentence(analyze_text):
    # the parser hangs the phrase on the innermost clause; set off at the end it covers all
    r = analyze_text("Those include 1,000 maintenance workers who have been informed that their employment "
                     "will be terminated on Dec. 9, according to a group of employees.")
    a = att(r, "according to", "Those include")
    assert src(a) == "a group of employees" and a.content.text.endswith("on Dec. 9")


def test_according_to_a_source_the_parser_read_as_a_verb():
    # "according to exit polls": the parser made "exit" a verb and "according" its clause's mark
    rows = [("Turnout", "turnout", "NOUN", 3, "nsubj"), ("was", "be", "AUX", 3, "cop"),
            ("high", "high", "ADJ", 0, "root"), (",", ",", "PUNCT", 7, "punct"),
            ("according", "accord", "VERB", 7, "mark"), ("to", "to", "ADP", 5, "fixed"),
            ("exit", "exit", "VERB", 3, "advcl"), ("polls", "poll", "NOUN", 7, "obj"),
            (".", ".", "PUNCT", 3, "punct")]
    a = only(rows_doc(rows), "according to")
    assert a.source.text == "exit polls" and a.content.text == "Turnout was high"
